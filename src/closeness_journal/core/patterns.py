"""Patterns over time: pulling away and pushing away per week or month, what sets them off,
and whether small steps are growing. The store sums each day in SQL; this module groups the
days into periods (empty weeks become zeros), names the breakdowns and words the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from closeness_journal.core.dates import iso_week_label, week_start
from closeness_journal.core.vocabulary import BEHAVIOURS, FEARS, KINDS, RELATIONSHIPS, STAYED
from closeness_journal.core.wording import one_decimal, plural

Grouping = Literal["week", "month"]
RANGES: dict[str, int | None] = {"8 weeks": 8 * 7, "6 months": 182, "1 year": 365, "all": None}
MONTHLY_AFTER_DAYS = 190
"""Ranges longer than about six months are grouped by month."""


@dataclass(frozen=True)
class DayTotals:
    """One day's sums, as the store computes them."""

    day: date
    entries: int = 0
    withdrawal: int = 0
    sabotage: int = 0
    intensity_sum: int = 0
    intensity_count: int = 0
    small_steps: int = 0
    planned_steps: int = 0
    predicted_sum: int = 0
    outcome_sum: int = 0
    stayed: int = 0


@dataclass(frozen=True)
class ClosenessCounts:
    """How often closeness came just before pulling or pushing away, and how often it didn't lead there."""

    pulled_away: int = 0
    """Check-ins with at least one way of pulling or pushing away."""
    closeness_first: int = 0
    """…of which a moment of closeness came just before."""
    stayed_close: int = 0
    """Moments of closeness with no pulling or pushing away after: wins."""


@dataclass(frozen=True)
class PatternSource:
    """Everything the store hands over for a range: day sums and breakdown counts."""

    days: tuple[DayTotals, ...]
    behaviours: Mapping[str, int] = field(default_factory=dict)
    stayed: Mapping[str, int] = field(default_factory=dict)
    fears: Mapping[str, int] = field(default_factory=dict)
    relationships: Mapping[str, int] = field(default_factory=dict)
    kinds: Mapping[str, int] = field(default_factory=dict)
    people: Mapping[str, int] = field(default_factory=dict)
    closeness: ClosenessCounts = ClosenessCounts()


@dataclass(frozen=True)
class Period:
    label: str
    """`2026-W47` for a week, `2026-11` for a month."""
    start: date
    end: date
    entries: int = 0
    withdrawal: int = 0
    sabotage: int = 0
    small_steps: int = 0
    days_journaled: int = 0
    mean_intensity: float | None = None
    planned_steps: int = 0
    mean_predicted: float | None = None
    mean_outcome: float | None = None
    stayed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "withdrawal": self.withdrawal,
            "sabotage": self.sabotage,
            "entries": self.entries,
            "mean_intensity": self.mean_intensity,
            "small_steps": self.small_steps,
            "days_journaled": self.days_journaled,
            "planned_steps": self.planned_steps,
            "mean_predicted": self.mean_predicted,
            "mean_outcome": self.mean_outcome,
        }


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Patterns:
    since: date
    until: date
    by: Grouping
    periods: tuple[Period, ...]
    behaviours: tuple[Count, ...]
    ways_of_staying: tuple[Count, ...]
    fears: tuple[Count, ...]
    relationships: tuple[Count, ...]
    kinds: tuple[Count, ...]
    people: tuple[Count, ...]
    closeness: ClosenessCounts
    steps: Period
    """The whole range as one period (totals, means of predicted and actual)."""

    @property
    def entries(self) -> int:
        return self.steps.entries

    def to_json(self) -> dict[str, Any]:
        def counts(items: tuple[Count, ...]) -> list[dict[str, Any]]:
            return [{"key": c.key, "label": c.label, "count": c.count} for c in items]

        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "by": self.by,
            "periods": [p.to_json() for p in self.periods],
            "totals": self.steps.to_json() | {"period": "total"},
            "behaviours": counts(self.behaviours),
            "fears": counts(self.fears),
            "relationships": counts(self.relationships),
            "kinds": counts(self.kinds),
            "people": counts(self.people),
            "closeness": {
                "pulled_away": self.closeness.pulled_away,
                "closeness_first": self.closeness.closeness_first,
                "stayed_close": self.closeness.stayed_close,
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


def _sum_days(label: str, start: date, end: date, days: Iterable[DayTotals]) -> Period:
    totals = DayTotals(start)
    journaled = 0
    for day in days:
        journaled += 1 if day.entries else 0
        totals = DayTotals(
            start,
            *(getattr(totals, f) + getattr(day, f) for f in _SUMMED),
        )
    return Period(
        label=label,
        start=start,
        end=end,
        entries=totals.entries,
        withdrawal=totals.withdrawal,
        sabotage=totals.sabotage,
        small_steps=totals.small_steps,
        days_journaled=journaled,
        mean_intensity=_mean(totals.intensity_sum, totals.intensity_count),
        planned_steps=totals.planned_steps,
        mean_predicted=_mean(totals.predicted_sum, totals.planned_steps),
        mean_outcome=_mean(totals.outcome_sum, totals.planned_steps),
        stayed=totals.stayed,
    )


_SUMMED = (
    "entries", "withdrawal", "sabotage", "intensity_sum", "intensity_count", "small_steps",
    "planned_steps", "predicted_sum", "outcome_sum", "stayed",
)


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


def _counts(values: Mapping[str, int], labels: Mapping[str, str] | None, limit: int | None = None) -> tuple[Count, ...]:
    items = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    if limit is not None:
        items = items[:limit]
    return tuple(Count(k, labels.get(k, k) if labels else k, v) for k, v in items if v)


def compute(source: PatternSource, since: date, until: date, by: Grouping | None = None) -> Patterns:
    """Group the store's day sums into periods over [since, until], zeros where nothing was written."""
    by = by or choose_grouping(since, until)
    days = sorted((d for d in source.days if since <= d.day <= until), key=lambda d: d.day)
    periods = []
    index = 0
    for label, start, end in period_bounds(since, until, by):
        inside = []
        while index < len(days) and days[index].day <= end:
            inside.append(days[index])
            index += 1
        periods.append(_sum_days(label, start, end, inside))
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
        steps=_sum_days("total", since, until, days),
    )


def closeness_sentence(counts: ClosenessCounts) -> str:
    """The closeness cycle in one plain, kind sentence (or two)."""
    if counts.pulled_away == 0 and counts.stayed_close == 0:
        return (
            "When you note in a check-in that closeness came just before, this will show whether "
            "closeness tends to come before pulling away for you."
        )
    parts = []
    if counts.pulled_away == 1:
        parts.append(
            "The one time you pulled or pushed away, a moment of closeness came just before."
            if counts.closeness_first
            else "The one time you pulled or pushed away, no moment of closeness came just before."
        )
    elif counts.pulled_away and counts.closeness_first == 0:
        parts.append(
            f"None of the {counts.pulled_away} times you pulled or pushed away came just after a moment of closeness."
        )
    elif counts.pulled_away:
        parts.append(
            f"In {counts.closeness_first} of the {counts.pulled_away} times you pulled or pushed away, "
            "a moment of closeness came just before."
        )
    if counts.stayed_close:
        parts.append(
            f"{plural(counts.stayed_close, 'time', 'times')}, closeness came and "
            "you stayed close. Those count."
        )
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
    """The first day of a named range ending on `until` ("all" starts at the first entry)."""
    days = RANGES[name]
    if days is None:
        return min(first_entry or until, until)
    return until - timedelta(days=days - 1)
