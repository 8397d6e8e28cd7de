"""The last year, one cell a day: what each day held, like a contribution calendar.

Weeks are columns (Monday at the top), 53 of them, the last holding `until`. The store sums the
days that hold entries (one GROUP BY over the rows that exist); this module lays them out and
marks each cell. The marks differ in shape, not only in colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

from closeness_journal.core.dates import week_start
from closeness_journal.core.patterns import DayTotals

Mark = Literal["stayed", "away", "both", "written", "nothing"]
WEEKS = 53

MARKS: Mapping[Mark, str] = MappingProxyType(
    {"stayed": "●", "away": "○", "both": "◐", "written": "▪", "nothing": "·"}
)
"""One character a day: a filled circle for staying close, an empty one for pulling or pushing
away, half of each for both, a small square for writing that held neither, a dot for no writing."""

MEANINGS: Mapping[Mark, str] = MappingProxyType(
    {
        "stayed": "stayed close",
        "away": "pulled or pushed away",
        "both": "both",
        "written": "wrote, neither",
        "nothing": "nothing written",
    }
)
"""What each mark means, in the order the legend lists them."""

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class YearCalendar:
    first: date
    """The Monday of the first column."""
    until: date
    """The last day shown; the cells after it in its week are empty."""
    columns: tuple[tuple[Mark | None, ...], ...]
    """One column a week, oldest first, seven cells Monday to Sunday (None after `until`)."""
    months: tuple[tuple[int, str], ...]
    """(column, `Nov`) where a month starts: the first column whose Monday is in that month, for
    a row of month names above the grid with one character a column. A name that would run into
    the next one is left out."""

    def rows(self) -> tuple[tuple[Mark | None, ...], ...]:
        """The same cells as seven rows, Monday first, one cell per week."""
        return tuple(tuple(column[weekday] for column in self.columns) for weekday in range(7))

    def mark_of(self, day: date) -> Mark | None:
        """The mark of one day in the calendar (None outside it)."""
        offset = (day - self.first).days
        if not 0 <= offset < len(self.columns) * 7:
            return None
        return self.columns[offset // 7][offset % 7]


def calendar_span(until: date, weeks: int = WEEKS) -> tuple[date, date]:
    """The days the calendar shows: from the Monday `weeks - 1` weeks before `until`'s week, to `until`."""
    return week_start(until) - timedelta(weeks=weeks - 1), until


def day_mark(day: DayTotals | None) -> Mark:
    """What a day held: staying close, pulling or pushing away, both, writing that held neither, or nothing."""
    if day is None or not day.entries:
        return "nothing"
    away = bool(day.withdrawal or day.sabotage)
    if day.stayed and away:
        return "both"
    if day.stayed:
        return "stayed"
    return "away" if away else "written"


def year_calendar(days: Iterable[DayTotals], until: date, weeks: int = WEEKS) -> YearCalendar:
    """Lay out the store's day sums (only days that hold entries) as `weeks` columns ending on `until`."""
    first, _ = calendar_span(until, weeks)
    by_day = {d.day: d for d in days if first <= d.day <= until}
    columns = []
    months: list[tuple[int, str]] = []
    for column in range(weeks):
        monday = first + timedelta(weeks=column)
        cells = tuple(
            day_mark(by_day.get(day)) if day <= until else None
            for day in (monday + timedelta(days=n) for n in range(7))
        )
        columns.append(cells)
        if column == 0 or monday.month != (monday - timedelta(weeks=1)).month:
            months.append((column, f"{monday:%b}"))
    fitting = [
        (column, name) for (column, name), following in zip(months, [*months[1:], (weeks + 9, "")], strict=True)
        if column + len(name) < following[0]
    ]
    return YearCalendar(first=first, until=until, columns=tuple(columns), months=tuple(fitting))
