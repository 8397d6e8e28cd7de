"""The bars of a chart of weeks or months when more of them than fit: consecutive periods added up
into spans a person names at a glance (3 months, a year, a decade), the smallest that fits, each
bar labelled by what it covers. The spans follow the calendar (quarters start in January, April,
July and October; decades in years ending in 0), and their sums are added up from the store's
rows, so averages stay exact. Only the spans that hold a period shown are bars: a stray entry
from year 1 is one bar, not a row of empty centuries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from closeness_journal.core.dates import week_start
from closeness_journal.core.patterns import DayTotals, Patterns, Period, sum_days

MONTH_STEPS = (1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)
"""Months a bar may add up: a month, a quarter, half a year, then 1, 2, 5, 10, 20, 50, 100, 200,
500 and 1,000 years (years 1 to 9999 fit ten bars)."""
WEEK_STEPS = (1, 2, 4, 13, 26, 52, 104, 260, 520)
"""Weeks a bar may add up (a range grouped by week is about six months at most)."""


@dataclass(frozen=True)
class Bars:
    """One period per bar (the sums of its span, within the range), the label under each, and
    what a bar adds up in words (None when each bar is one week or month)."""

    periods: tuple[Period, ...]
    ticks: tuple[str, ...]
    each: str | None


def bars(patterns: Patterns, most: int) -> Bars:
    """The patterns' periods as at most `most` bars (fewer only if no span fits: then one per
    1,000 years), added up in the smallest calendar span that fits."""
    periods = patterns.periods
    steps = WEEK_STEPS if patterns.by == "week" else MONTH_STEPS
    index = _week_index if patterns.by == "week" else _month_index
    for step in steps:
        keys = sorted({index(period.start) // step for period in periods})
        if len(keys) <= max(1, most) or step == steps[-1]:
            break
    if step == 1:
        return Bars(periods, tuple(tick(p.start, patterns.by, 1) for p in periods), None)
    rows: dict[int, list[DayTotals]] = {key: [] for key in keys}
    for row in patterns.rows:
        if patterns.since <= row.day <= patterns.until:
            rows.setdefault(index(row.day) // step, []).append(row)
    summed = []
    for key in keys:
        first, last = _span(key, step, patterns.by)
        start, end = max(first, patterns.since), min(last, patterns.until)
        summed.append(sum_days(tick(first, patterns.by, step), start, end, rows[key]))
    return Bars(tuple(summed), tuple(p.label for p in summed), _words(step, patterns.by))


def _week_index(day: date) -> int:
    return (week_start(day).toordinal() - 1) // 7  # 1 January of year 1 was a Monday


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _span(key: int, step: int, by: str) -> tuple[date, date]:
    """The first and last day of the span `key` (in steps since the start of the calendar)."""
    if by == "week":
        first = date.fromordinal(min(key * step * 7 + 1, date.max.toordinal()))
        return first, date.fromordinal(min(first.toordinal() + step * 7 - 1, date.max.toordinal()))
    first_month = max(key * step, 12)  # year 1, January: there is no year 0
    after = (key + 1) * step
    first = date(first_month // 12, first_month % 12 + 1, 1)
    last = date.max if after // 12 > date.max.year else date(after // 12, after % 12 + 1, 1) - timedelta(days=1)
    return first, last


def tick(first: date, by: str, step: int = 1) -> str:
    """What a bar from `first`, of `step` weeks or months, covers in a few characters: `2 Nov` (a
    week, or weeks from it), `Nov` (`Jan 27` in January), `Apr 26` (3 or 6 months from April
    2026), `2026`, `1750s`, `1750–54`, `1500–1999`."""
    if by == "week":
        monday = week_start(first)
        return f"{monday.day} {monday:%b}"
    if step == 1:
        return f"{first:%b}" + (f" {first:%y}" if first.month == 1 else "")
    if step < 12:
        return f"{first:%b %y}"
    years = step // 12
    last = (first.year // years) * years + years - 1
    if years == 1:
        return str(first.year)
    if years == 10 and first.year % 10 == 0:
        return f"{first.year}s"
    if first.year // 100 == last // 100 and first.year >= 100:
        return f"{first.year}–{last % 100:02d}"
    return f"{first.year}–{last}"


def _words(step: int, by: str) -> str:
    if by == "week":
        return f"{step} weeks"
    if step < 12:
        return f"{step} months"
    return {12: "a year", 120: "a decade", 1200: "a century"}.get(step, f"{step // 12:,} years")

