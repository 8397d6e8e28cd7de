"""Patterns over time: pulling away, pushing away and staying close per week or month, the pull
to get away and what was done with it, what sets it off, and whether small steps are growing.
The store sums the entries in SQL, one row per week within a month (so the rows add up to weeks or
to months); this module adds the rows into periods (empty weeks become zeros, a bounded number of
them), names the periods and the breakdowns, and words the figures. Nothing here walks the
calendar day by day: a journal with one entry from year 1 costs what its rows cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from operator import attrgetter

from closeness_journal.core.dates import iso_week_label, short_date, week_start
from closeness_journal.core.frozen import Frozen, fill
from closeness_journal.core.vocabulary import BEHAVIOURS, FEARS, KINDS, RELATIONSHIPS, STAYED
from closeness_journal.core.wording import one_decimal, plural

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any, Literal

    Grouping = Literal["week", "month"]

RANGES: tuple[str, ...] = ("8 weeks", "6 months", "1 year", "all")
"""The named ranges the window offers, shortest first (see `range_start`)."""
MONTHLY_AFTER_DAYS = 190
"""Ranges longer than about six months are grouped by month."""
EMPTY_PERIODS_SHOWN = 240
"""Empty weeks or months are shown as zeros over at most this many periods ending with the range
(twenty years of months); before that, only the periods that hold entries. The window's chart
costs about 0.35 ms a period, so a stray entry from year 1 stays cheap."""


class DayTotals(Frozen):
    """One day's sums, as the store computes them; or the sums of several days of one week within
    one month (then `day` is the first of them that holds entries and `days` says how many)."""

    __slots__ = ("day", "entries", "withdrawal", "sabotage", "intensity_sum", "intensity_count", "small_steps",
                 "planned_steps", "predicted_sum", "outcome_sum", "stayed", "urge_sum", "urge_count", "acted_yes",
                 "acted_partly", "acted_no", "days")

    day: date
    entries: int
    withdrawal: int
    sabotage: int
    intensity_sum: int
    intensity_count: int
    small_steps: int
    planned_steps: int
    predicted_sum: int
    outcome_sum: int
    stayed: int
    """Entries where you stayed close: something done to stay, or the pull not acted on."""
    urge_sum: int
    urge_count: int
    acted_yes: int
    acted_partly: int
    acted_no: int
    days: int
    """How many days with entries these sums cover."""

    def __init__(
        self, day: date, entries: int = 0, withdrawal: int = 0, sabotage: int = 0, intensity_sum: int = 0,
        intensity_count: int = 0, small_steps: int = 0, planned_steps: int = 0, predicted_sum: int = 0,
        outcome_sum: int = 0, stayed: int = 0, urge_sum: int = 0, urge_count: int = 0, acted_yes: int = 0,
        acted_partly: int = 0, acted_no: int = 0, days: int = 1,
    ) -> None:
        fill(self, day, entries, withdrawal, sabotage, intensity_sum, intensity_count, small_steps, planned_steps,
             predicted_sum, outcome_sum, stayed, urge_sum, urge_count, acted_yes, acted_partly, acted_no, days)


class ClosenessCounts(Frozen):
    """How often a moment of closeness came just before pulling or pushing away, and just before
    staying close: the two are counted alike."""

    __slots__ = ("pulled_away", "closeness_first", "stayed_close", "stayed", "stayed_after_closeness")

    pulled_away: int
    """Check-ins with at least one way of pulling or pushing away."""
    closeness_first: int
    """…of which a moment of closeness came just before."""
    stayed_close: int
    """Moments of closeness with no pulling or pushing away after them."""
    stayed: int
    """Check-ins where you stayed close (something done to stay, or the pull not acted on)."""
    stayed_after_closeness: int
    """…of which a moment of closeness came just before."""

    def __init__(
        self, pulled_away: int = 0, closeness_first: int = 0, stayed_close: int = 0, stayed: int = 0,
        stayed_after_closeness: int = 0,
    ) -> None:
        fill(self, pulled_away, closeness_first, stayed_close, stayed, stayed_after_closeness)


_NO_CLOSENESS = ClosenessCounts()


class PatternSource(Frozen):
    """Everything the store hands over for a range: day sums and breakdown counts (each count
    empty when not given: a new dict each time)."""

    __slots__ = ("days", "behaviours", "stayed", "fears", "relationships", "kinds", "people", "closeness")

    days: tuple[DayTotals, ...]
    """Day sums, or sums per week within a month (see `DayTotals`): either adds up to weeks and months."""
    behaviours: Mapping[str, int]
    stayed: Mapping[str, int]
    """What was done to stay close, by slug."""
    fears: Mapping[str, int]
    relationships: Mapping[str, int]
    kinds: Mapping[str, int]
    people: Mapping[str, int]
    closeness: ClosenessCounts

    def __init__(
        self, days: tuple[DayTotals, ...], behaviours: Mapping[str, int] | None = None,
        stayed: Mapping[str, int] | None = None, fears: Mapping[str, int] | None = None,
        relationships: Mapping[str, int] | None = None, kinds: Mapping[str, int] | None = None,
        people: Mapping[str, int] | None = None, closeness: ClosenessCounts = _NO_CLOSENESS,
    ) -> None:
        fill(self, days, {} if behaviours is None else behaviours, {} if stayed is None else stayed,
             {} if fears is None else fears, {} if relationships is None else relationships,
             {} if kinds is None else kinds, {} if people is None else people, closeness)


class Period(Frozen):
    """The sums and averages of a week or a month (or of the whole range: `Patterns.steps`)."""

    __slots__ = ("label", "start", "end", "entries", "withdrawal", "sabotage", "small_steps", "days_journaled",
                 "mean_intensity", "planned_steps", "mean_predicted", "mean_outcome", "stayed", "mean_urge",
                 "acted_yes", "acted_partly", "acted_no")

    label: str
    """`2026-W47` for a week, `2026-11` for a month."""
    start: date
    end: date
    entries: int
    withdrawal: int
    sabotage: int
    small_steps: int
    days_journaled: int
    mean_intensity: float | None
    planned_steps: int
    mean_predicted: float | None
    mean_outcome: float | None
    stayed: int
    """Entries where you stayed close (an entry can also count as pulling or pushing away)."""
    mean_urge: float | None
    """The average pull to get away (0-10), over the entries that noted it."""
    acted_yes: int
    acted_partly: int
    acted_no: int

    def __init__(
        self, label: str, start: date, end: date, entries: int = 0, withdrawal: int = 0, sabotage: int = 0,
        small_steps: int = 0, days_journaled: int = 0, mean_intensity: float | None = None, planned_steps: int = 0,
        mean_predicted: float | None = None, mean_outcome: float | None = None, stayed: int = 0,
        mean_urge: float | None = None, acted_yes: int = 0, acted_partly: int = 0, acted_no: int = 0,
    ) -> None:
        fill(self, label, start, end, entries, withdrawal, sabotage, small_steps, days_journaled, mean_intensity,
             planned_steps, mean_predicted, mean_outcome, stayed, mean_urge, acted_yes, acted_partly, acted_no)

    @property
    def acted(self) -> int:
        """Entries that said whether the pull was acted on."""
        return self.acted_yes + self.acted_partly + self.acted_no

    def name(self, with_year: bool = True) -> str:
        """How a person reads a week or a month: `week of 2 Nov 2026`, `November 2026`."""
        if "-W" in self.label:
            monday = week_start(self.start)
            return f"week of {monday.day} {monday:%b}" + (f" {monday.year}" if with_year else "")
        return f"{self.start:%B}" + (f" {self.start.year}" if with_year else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.label,
            "label": self.name(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "withdrawal": self.withdrawal,
            "sabotage": self.sabotage,
            "stayed": self.stayed,
            "entries": self.entries,
            "mean_intensity": self.mean_intensity,
            "small_steps": self.small_steps,
            "days_journaled": self.days_journaled,
            "planned_steps": self.planned_steps,
            "mean_predicted": self.mean_predicted,
            "mean_outcome": self.mean_outcome,
            "mean_urge": self.mean_urge,
            "acted": {"yes": self.acted_yes, "partly": self.acted_partly, "no": self.acted_no},
        }


class Count(Frozen):
    """How often one thing was noted (a behaviour, a fear, a person…): its slug or name, its words, the count."""

    __slots__ = ("key", "label", "count")

    key: str
    label: str
    count: int

    def __init__(self, key: str, label: str, count: int) -> None:
        fill(self, key, label, count)


class Patterns(Frozen):
    """What the pattern view, the weekly review and the exports show for a range of days."""

    __slots__ = ("since", "until", "by", "periods", "behaviours", "ways_of_staying", "fears", "relationships",
                 "kinds", "people", "closeness", "steps", "rows")
    _compared = __slots__[:-1]  # not the rows: the rest is made of them

    since: date
    until: date
    by: Grouping
    periods: tuple[Period, ...]
    behaviours: tuple[Count, ...]
    ways_of_staying: tuple[Count, ...]
    """What you did to stay close (the STAYED labels), most frequent first."""
    fears: tuple[Count, ...]
    relationships: tuple[Count, ...]
    kinds: tuple[Count, ...]
    people: tuple[Count, ...]
    closeness: ClosenessCounts
    steps: Period
    """The whole range as one period (totals, averages of predicted and actual, of the pull)."""
    rows: tuple[DayTotals, ...]
    """The store's sums the periods were added up from (`pattern_bars` adds them up in longer spans);
    neither compared nor shown in the repr."""

    def __init__(
        self, since: date, until: date, by: Grouping, periods: tuple[Period, ...], behaviours: tuple[Count, ...],
        ways_of_staying: tuple[Count, ...], fears: tuple[Count, ...], relationships: tuple[Count, ...],
        kinds: tuple[Count, ...], people: tuple[Count, ...], closeness: ClosenessCounts, steps: Period,
        rows: tuple[DayTotals, ...] = (),
    ) -> None:
        fill(self, since, until, by, periods, behaviours, ways_of_staying, fears, relationships, kinds, people,
             closeness, steps, rows)

    @property
    def totals(self) -> Period:
        return self.steps

    @property
    def entries(self) -> int:
        return self.steps.entries

    def period_name(self, period: Period) -> str:
        """A period's name as the window and the command line show it: the year only where it
        isn't the year the range ends in (`week of 29 Dec 2025`, then `week of 5 Jan`)."""
        return period.name(with_year=period.start.year != self.until.year)

    def to_json(self) -> dict[str, Any]:
        def counts(items: tuple[Count, ...]) -> list[dict[str, Any]]:
            return [{"key": c.key, "label": c.label, "count": c.count} for c in items]

        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "by": self.by,
            "periods": [p.to_json() for p in self.periods],
            "totals": self.steps.to_json()
            | {"period": "total", "label": f"{short_date(self.since)} to {short_date(self.until)}"},
            "behaviours": counts(self.behaviours),
            "ways_of_staying": counts(self.ways_of_staying),
            "fears": counts(self.fears),
            "relationships": counts(self.relationships),
            "kinds": counts(self.kinds),
            "people": counts(self.people),
            "closeness": {
                "pulled_away": self.closeness.pulled_away,
                "closeness_first": self.closeness.closeness_first,
                "stayed_close": self.closeness.stayed_close,
                "stayed": self.closeness.stayed,
                "stayed_after_closeness": self.closeness.stayed_after_closeness,
                "sentence": closeness_sentence(self.closeness),
            },
        }


def choose_grouping(since: date, until: date) -> Grouping:
    return "month" if (until - since).days > MONTHLY_AFTER_DAYS else "week"


def period_bounds(since: date, until: date, by: Grouping) -> list[tuple[str, date, date]]:
    """Every week or month touching the range, in order, clipped to the range."""
    bounds: list[tuple[str, date, date]] = []
    if by == "week":
        start = week_start(since)
        while start <= until:
            end = start + timedelta(days=6)
            bounds.append((iso_week_label(start), max(start, since), min(end, until)))
            start = end + timedelta(days=1)
    else:
        year, month = since.year, since.month
        while date(year, month, 1) <= until:
            first = date(year, month, 1)
            next_first = date(year + month // 12, month % 12 + 1, 1)
            bounds.append((f"{year}-{month:02d}", max(first, since), min(next_first - timedelta(days=1), until)))
            year, month = next_first.year, next_first.month
    return bounds


def sum_days(label: str, start: date, end: date, days: Iterable[DayTotals]) -> Period:
    """A period's sums and averages, added up from the store's rows (days, or weeks within a month)."""
    rows = [_summed(day) for day in days]
    columns = zip(*rows, strict=True) if rows else [()] * len(_SUMMED)
    totals = dict(zip(_SUMMED, map(sum, columns), strict=True))
    journaled = sum(row[-1] for row in rows if row[0])  # row[0]: the entries, row[-1]: the days
    return Period(
        label=label,
        start=start,
        end=end,
        entries=totals["entries"],
        withdrawal=totals["withdrawal"],
        sabotage=totals["sabotage"],
        small_steps=totals["small_steps"],
        days_journaled=journaled,
        mean_intensity=_mean(totals["intensity_sum"], totals["intensity_count"]),
        planned_steps=totals["planned_steps"],
        mean_predicted=_mean(totals["predicted_sum"], totals["planned_steps"]),
        mean_outcome=_mean(totals["outcome_sum"], totals["planned_steps"]),
        stayed=totals["stayed"],
        mean_urge=_mean(totals["urge_sum"], totals["urge_count"]),
        acted_yes=totals["acted_yes"],
        acted_partly=totals["acted_partly"],
        acted_no=totals["acted_no"],
    )


_SUMMED = (
    "entries", "withdrawal", "sabotage", "intensity_sum", "intensity_count", "small_steps",
    "planned_steps", "predicted_sum", "outcome_sum", "stayed", "urge_sum", "urge_count",
    "acted_yes", "acted_partly", "acted_no", "days",
)
_summed = attrgetter(*_SUMMED)


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


def _counts(values: Mapping[str, int], labels: Mapping[str, str] | None, limit: int | None = None) -> tuple[Count, ...]:
    items = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    if limit is not None:
        items = items[:limit]
    return tuple(Count(k, labels.get(k, k) if labels else k, v) for k, v in items if v)


def compute(source: PatternSource, since: date, until: date, by: Grouping | None = None) -> Patterns:
    """Add the store's sums into periods over [since, until], zeros where nothing was written (over
    the last `EMPTY_PERIODS_SHOWN` periods; before those, only the periods that hold entries)."""
    by = by or choose_grouping(since, until)
    first_day = week_start if by == "week" else _month_start
    rows = [d for d in source.days if since <= d.day <= until]
    grouped: dict[date, list[DayTotals]] = {}
    for row in rows:
        grouped.setdefault(first_day(row.day), []).append(row)
    periods = [
        sum_days(label, start, end, grouped.get(first, ()))
        for first, label, start, end in _periods(since, until, by, grouped)
    ]
    return Patterns(
        since=since,
        until=until,
        by=by,
        periods=tuple(periods),
        behaviours=_counts(source.behaviours, BEHAVIOURS),
        ways_of_staying=_counts(source.stayed, STAYED),
        fears=_counts(source.fears, FEARS),
        relationships=_counts(source.relationships, RELATIONSHIPS),
        kinds=_counts(source.kinds, KINDS),
        people=_counts(source.people, None, limit=10),
        closeness=source.closeness,
        steps=sum_days("total", since, until, rows),
        rows=tuple(rows),
    )


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _periods(
    since: date, until: date, by: Grouping, written: Iterable[date]
) -> list[tuple[date, str, date, date]]:
    """(first day, label, start, end) of the periods to show, in order, clipped to the range: those
    that hold entries (`written`, by first day), and every one of the last `EMPTY_PERIODS_SHOWN`."""
    firsts = set(written)
    if by == "week":
        last = week_start(until)
        count = (last - week_start(since)).days // 7 + 1
        firsts.update(last - timedelta(weeks=n) for n in range(min(count, EMPTY_PERIODS_SHOWN)))
    else:
        last_index = until.year * 12 + until.month - 1
        count = last_index - (since.year * 12 + since.month - 1) + 1
        firsts.update(
            date(index // 12, index % 12 + 1, 1)
            for index in range(last_index, last_index - min(count, EMPTY_PERIODS_SHOWN), -1)
        )
    shown = []
    for first in sorted(firsts):
        if by == "week":
            label, end = iso_week_label(first), first + timedelta(days=min(6, (date.max - first).days))
        else:
            label = f"{first.year:04d}-{first.month:02d}"
            end = date.max if first.month == 12 and first.year == date.max.year else (
                date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
            )
        shown.append((first, label, max(first, since), min(end, until)))
    return shown


def closeness_sentence(counts: ClosenessCounts) -> str:
    """What came just before pulling away and just before staying close, told alike, in plain words."""
    if not (counts.pulled_away or counts.stayed or counts.stayed_close):
        return (
            "When you note in a check-in that closeness came just before, this will show what tends "
            "to follow a moment of closeness for you: pulling away, or staying close."
        )
    parts = [
        _after_closeness(counts.pulled_away, counts.closeness_first, "you pulled or pushed away"),
        _after_closeness(counts.stayed, counts.stayed_after_closeness, "you stayed close"),
    ]
    if counts.stayed_close and not counts.stayed:  # check-ins that don't say how you stayed
        parts.append(
            f"{plural(counts.stayed_close, 'time', 'times')}, closeness came and "
            "you didn't pull or push away."
        )
    if counts.stayed or counts.stayed_close:
        parts.append("Those count.")
    return " ".join(part for part in parts if part)


def _after_closeness(times: int, after: int, what: str) -> str:
    """How many of the `times` something happened came just after a moment of closeness."""
    if times == 0:
        return ""
    if times == 1:
        return (
            f"The one time {what}, a moment of closeness came just before."
            if after
            else f"The one time {what}, no moment of closeness came just before."
        )
    if after == 0:
        return f"None of the {times:,} times {what} came just after a moment of closeness."
    return f"In {after:,} of the {times:,} times {what}, a moment of closeness came just before."


def urge_sentence(totals: Period) -> str:
    """The pull to get away on average, and what was done with it, in words."""
    if totals.mean_urge is None and not totals.acted:
        return (
            "When you note how strong the pull to get away was, and whether you acted on it, "
            "this will show how the pull and what you do with it change over time."
        )
    parts = []
    if totals.mean_urge is not None:
        parts.append(f"The pull to get away was {one_decimal(totals.mean_urge)} out of 10 on average.")
    if totals.acted:
        what = [
            f"{label} {plural(count, 'time', 'times')}"
            for label, count in (
                ("acted on it", totals.acted_yes),
                ("partly acted on it", totals.acted_partly),
                ("stayed with it", totals.acted_no),
            )
            if count
        ]
        if totals.acted == 1:
            parts.append(f"The one time you noted what you did with it, you {what[0].removesuffix(' 1 time')}.")
        else:
            listed = what[0] if len(what) == 1 else ", ".join(what[:-1]) + " and " + what[-1]
            parts.append(f"Of the {totals.acted:,} times you noted what you did with it, you {listed}.")
    return " ".join(parts)


def step_sentence(steps: Period) -> str:
    """Predicted fear against what happened, for the planned small steps."""
    if not steps.planned_steps:
        return (
            "When you plan a small step, note how hard you expect it to be and then how hard it "
            "really was: over time this shows the gap between the fear and what happens."
        )
    several = steps.planned_steps != 1
    return (
        f"Across {plural(steps.planned_steps, 'planned step', 'planned steps')}, you expected "
        f"{'them' if several else 'it'} to be {one_decimal(steps.mean_predicted)} out of 10 hard on average; "
        f"{'they' if several else 'it'} turned out to be {one_decimal(steps.mean_outcome)}."
    )


def range_start(name: str, until: date, first_entry: date | None) -> date:
    """The first day of a named range ending on `until`. The week or month `until` is in counts as
    one of them: "8 weeks" starts on the Monday seven weeks before this week's, "6 months" on the
    Monday 25 weeks before (26 weeks), "1 year" on the first of the month 11 months before
    (12 months). "all" starts at the first entry."""
    if name == "8 weeks":
        return week_start(until) - timedelta(weeks=7)
    if name == "6 months":
        return week_start(until) - timedelta(weeks=25)
    if name == "1 year":
        months = until.year * 12 + until.month - 1 - 11
        return date(months // 12, months % 12 + 1, 1)
    if name == "all":
        return min(first_entry or until, until)
    raise ValueError(f"unknown range {name!r}; choose from: {', '.join(RANGES)}")
