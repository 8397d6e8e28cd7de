"""The weekly review: what happened in an ISO week (Monday to Sunday, your own calendar days),
beside the week before, and the questions to look back with. Staying close is counted beside
pulling and pushing away, with the pull to get away and what was done with it. Saved answers are
kept, so next week's review can ask how the chosen small step went.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import KW_ONLY, InitVar, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from closeness_journal.core import entry_line
from closeness_journal.core.dates import FIRST_DAY, LAST_DAY, iso_week_label
from closeness_journal.core.dates import last_complete_week as last_complete_week
from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import Attempt, Rung, follow_up_words
from closeness_journal.core.prompts import WEEKLY_REVIEW_THEME, Prompt, PromptLibrary
from closeness_journal.core.vocabulary import SABOTAGE, STAYED, WITHDRAWAL, categories_of

if TYPE_CHECKING:
    from closeness_journal.core.patterns import Count, Patterns, PatternSource, Period

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
FIGURES = ("withdrawal", "sabotage", "small_steps", "mean_intensity", "days_journaled", "entries")
"""The week's figures the pattern sums give (fields of `Period`)."""
STAYING_FIGURES = ("stayed_close", "mean_urge")
"""The week's figures counted from its entries (fields of `Staying`)."""
AVERAGES = ("mean_intensity", "mean_urge")


class BadWeek(ValueError):
    """A week that could not be read; the message shows the expected form."""


def parse_week(text: str) -> date:
    """The Monday of `2026-W47`."""
    match = _WEEK.match(text.strip().upper())
    if not match:
        raise BadWeek(f"{text!r} is not a week I can read; use the form 2026-W47")
    year, week = int(match[1]), int(match[2])
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise BadWeek(f"{year} has no week {week}") from None
    if not FIRST_DAY <= monday <= LAST_DAY - timedelta(days=6):
        raise BadWeek(
            f"{text.strip()} is outside the weeks the journal works with ({FIRST_DAY.year} to {LAST_DAY.year})"
        )
    return monday


@dataclass(frozen=True)
class SavedReview:
    """What the person wrote when they looked back on a week."""

    week: str
    answers: dict[str, str]
    """Prompt id -> answer."""
    questions: dict[str, str] = field(default_factory=dict)
    """Prompt id -> the question's text when it was answered."""
    next_step: str = ""
    """The small step chosen for the following week (the answer to the "next-step" question)."""
    created_at: str | None = None
    updated_at: str | None = None
    next_rung: str | None = None
    """The rung of your ladder chosen for the following week, if one was (its id)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "answers": [
                {"prompt_id": key, "question": self.questions.get(key, ""), "answer": value}
                for key, value in self.answers.items()
            ],
            "next_step": self.next_step,
            "next_rung": self.next_rung,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Staying:
    """Staying close and the pull to get away over one week, counted from its entries."""

    stayed_close: int = 0
    """Entries where you stayed close: something done to stay, or the pull came and wasn't acted on."""
    mean_urge: float | None = None
    """How strong the pull to get away was on average (0-10), over the entries that noted it."""
    urges: int = 0
    """Entries that noted how strong the pull was."""
    acted_yes: int = 0
    acted_partly: int = 0
    acted_no: int = 0

    @property
    def acted(self) -> int:
        """Entries that said whether the pull was acted on."""
        return self.acted_yes + self.acted_partly + self.acted_no

    def to_json(self) -> dict[str, Any]:
        return {
            "stayed_close": self.stayed_close,
            "mean_urge": self.mean_urge,
            "acted": {"yes": self.acted_yes, "partly": self.acted_partly, "no": self.acted_no},
        }


@dataclass(slots=True)
class WeekEntry:
    """What the review reads of an entry of its week: its id, day and line, and the parts of its
    check-in the summary counts (the store reads only these, not the whole entry; `week_entry`
    makes one from an `Entry`). Its `behaviours` are kept as whether they pulled or pushed away."""

    id: str
    local_date: date
    created_at: datetime | None
    headline: str
    _: KW_ONLY
    behaviours: InitVar[Iterable[str]] = ()
    close_before: bool = False
    small_step: str = ""
    predicted: int | None = None
    outcome: int | None = None
    stayed: tuple[str, ...] = ()
    urge: int | None = None
    acted: str | None = None
    withdrawal: bool = field(init=False, default=False)
    sabotage: bool = field(init=False, default=False)

    def __post_init__(self, behaviours: Iterable[str]) -> None:
        categories = categories_of(behaviours)
        self.withdrawal, self.sabotage = WITHDRAWAL in categories, SABOTAGE in categories

    @property
    def stayed_close(self) -> bool:
        """True when something was done to stay close, or the pull came and was not acted on."""
        return entry_line.stayed_close(self.stayed, self.acted)


def week_entry(entry: Entry | WeekEntry) -> WeekEntry:
    """An entry as the review reads it (a `WeekEntry` as it is)."""
    if isinstance(entry, WeekEntry):
        return entry
    checkin = entry.checkin
    return WeekEntry(
        entry.id or "", entry.local_date, entry.created_at, entry.headline, behaviours=checkin.behaviours,
        close_before=checkin.close_before, small_step=checkin.small_step, predicted=checkin.predicted,
        outcome=checkin.outcome, stayed=checkin.stayed, urge=checkin.urge, acted=checkin.acted,
    )


def staying_of(entries: Iterable[WeekEntry]) -> Staying:
    """The week's staying close and pull to get away, from its entries."""
    stayed = 0
    urges: list[int] = []
    acted: Counter[str] = Counter()
    for entry in entries:
        stayed += int(entry.stayed_close)
        if entry.urge is not None:
            urges.append(entry.urge)
        if entry.acted is not None:
            acted[entry.acted] += 1
    return Staying(
        stayed_close=stayed,
        mean_urge=round(sum(urges) / len(urges), 2) if urges else None,
        urges=len(urges),
        acted_yes=acted["yes"],
        acted_partly=acted["partly"],
        acted_no=acted["no"],
    )


def staying_counts(entries: Iterable[WeekEntry]) -> tuple[Count, ...]:
    """What was done to stay close, most often first."""
    from closeness_journal.core.patterns import Count

    counts = Counter(slug for entry in entries for slug in entry.stayed)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Count(slug, STAYED.get(slug, slug), n) for slug, n in ordered)


@dataclass(frozen=True)
class Moment:
    """A moment of closeness in the week and what followed it."""

    day: date
    line: str
    followed_by: str
    """"you pulled away", "you pushed away", "you pulled and pushed away", or "you stayed close"
    (no pulling or pushing away came after it)."""


@dataclass(frozen=True)
class Step:
    day: date
    step: str
    predicted: int | None
    outcome: int | None


@dataclass(frozen=True)
class WeeklyReview:
    week: str
    start: date
    end: date
    this: Period
    previous: Period
    fears: tuple[Count, ...]
    behaviours: tuple[Count, ...]
    relationships: tuple[Count, ...]
    moments: tuple[Moment, ...]
    steps: tuple[Step, ...]
    days: tuple[tuple[date, tuple[tuple[str, str], ...]], ...]
    """Each day of the week with (entry id, first line) for the entries written about it."""
    last_step: str
    """The small step chosen in the previous week's review ("" when none)."""
    saved: SavedReview | None
    staying: Staying = Staying()
    """This week's staying close and pull to get away."""
    staying_before: Staying = Staying()
    """The same for the week before."""
    ways_of_staying: tuple[Count, ...] = ()
    """What you did to stay close this week, most often first."""
    last_rung: Rung | None = None
    """The rung of your ladder chosen in the previous week's review, if one was."""
    rung_attempts: tuple[Attempt, ...] = ()
    """This week's attempts at that rung."""

    @property
    def rung_follow_up(self) -> str:
        """How this week's attempts at the rung chosen last week went, in words ("" when none was chosen)."""
        return follow_up_words(self.last_rung, self.rung_attempts) if self.last_rung else ""

    def value(self, figure: str, before: bool = False) -> float | None:
        """One of the week's figures (`FIGURES` or `STAYING_FIGURES`), or the week before's."""
        if figure in STAYING_FIGURES:
            return getattr(self.staying_before if before else self.staying, figure)
        return getattr(self.previous if before else self.this, figure)

    def change(self, figure: str) -> float | None:
        now, before = self.value(figure), self.value(figure, before=True)
        if now is None or before is None:
            return None
        if figure in AVERAGES:  # the change between the averages as they are shown
            return round(round(now, 1) - round(before, 1), 1)
        return now - before

    def to_json(self) -> dict[str, Any]:
        def figures(period: Period, staying: Staying) -> dict[str, Any]:
            return {name: getattr(period, name) for name in FIGURES} | staying.to_json() | {
                "week": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()
            }

        return figures(self.this, self.staying) | {
            "previous": figures(self.previous, self.staying_before),
            "change": {name: self.change(name) for name in FIGURES + STAYING_FIGURES},
            "ways_of_staying": [{"key": c.key, "label": c.label, "count": c.count} for c in self.ways_of_staying],
            "fears": [{"key": c.key, "label": c.label, "count": c.count} for c in self.fears],
            "behaviours": [{"key": c.key, "label": c.label, "count": c.count} for c in self.behaviours],
            "relationships": [{"key": c.key, "label": c.label, "count": c.count} for c in self.relationships],
            "closeness_moments": [
                {"date": m.day.isoformat(), "line": m.line, "followed_by": m.followed_by} for m in self.moments
            ],
            "steps": [
                {"date": s.day.isoformat(), "step": s.step, "predicted": s.predicted, "outcome": s.outcome}
                for s in self.steps
            ],
            "days": [
                {"date": day.isoformat(), "entries": [{"id": i, "first_line": line} for i, line in items]}
                for day, items in self.days
            ],
            "last_step": self.last_step,
            "last_rung": self.last_rung.to_json() | {"attempts": [a.to_json() for a in self.rung_attempts]}
            if self.last_rung else None,
            "saved": self.saved.to_json() if self.saved else None,
        }


def build_review(
    this_week: Patterns,
    previous_week: Patterns,
    entries: Iterable[Entry | WeekEntry],
    saved: SavedReview | None,
    previous_saved: SavedReview | None,
    previous_entries: Iterable[Entry | WeekEntry] = (),
) -> WeeklyReview:
    """Put a week's figures (computed by week over exactly that week) beside the week before
    (`previous_entries` are the week before's entries, for its staying close and pull). The
    entries are read as `WeekEntry` (an `Entry` is made one)."""
    entries = [week_entry(entry) for entry in entries]
    previous_entries = [week_entry(entry) for entry in previous_entries]
    [period] = this_week.periods
    [before] = previous_week.periods
    moments = []
    steps = []
    by_day: dict[date, list[tuple[str, str]]] = {
        period.start + timedelta(days=n): [] for n in range((period.end - period.start).days + 1)
    }
    for entry in sorted(entries, key=lambda e: (e.local_date, e.created_at or 0)):
        line = entry.headline or "(check-in only)"
        by_day.setdefault(entry.local_date, []).append((entry.id or "", line))
        if entry.close_before:
            followed = (
                "you pulled and pushed away" if entry.withdrawal and entry.sabotage
                else "you pulled away" if entry.withdrawal
                else "you pushed away" if entry.sabotage
                else "you stayed close"
            )
            moments.append(Moment(entry.local_date, line, followed))
        if entry.small_step:
            steps.append(Step(entry.local_date, entry.small_step, entry.predicted, entry.outcome))
    return WeeklyReview(
        week=period.label,
        start=period.start,
        end=period.end,
        this=period,
        previous=before,
        fears=this_week.fears[:3],
        behaviours=this_week.behaviours[:3],
        relationships=this_week.relationships[:3],
        moments=tuple(moments),
        steps=tuple(steps),
        days=tuple((day, tuple(items)) for day, items in sorted(by_day.items())),
        last_step=previous_saved.next_step if previous_saved else "",
        saved=saved,
        staying=staying_of(entries),
        staying_before=staying_of(previous_entries),
        ways_of_staying=staying_counts(entries)[:3],
    )


def review_questions(library: PromptLibrary, last_step: str) -> list[Prompt]:
    """The weekly questions in order; the one about last week's step only when there was one."""
    order = {"pattern": 0, "last-step": 1, "helped": 2, "other": 3, "kind-words": 4, "next-step": 5}
    prompts = [
        p for p in library.prompts.values()
        if p.theme == WEEKLY_REVIEW_THEME and (p.role != "last-step" or last_step)
    ]
    return sorted(prompts, key=lambda p: (order.get(p.role or "other", 3), p.id))


def next_step_of(library: PromptLibrary, answers: dict[str, str]) -> str:
    """The answer to the "next-step" question, which becomes next week's step to ask about."""
    for prompt_id, text in answers.items():
        prompt = library.get(prompt_id)
        if prompt is not None and prompt.role == "next-step":
            return text.strip()
    return ""


class ReviewSource(Protocol):
    """What a review is read from (the store provides these)."""

    def pattern_source(self, since: date, until: date) -> PatternSource: ...
    def week_entries(self, since: date, until: date) -> list[WeekEntry]: ...
    def review(self, week: str) -> SavedReview | None: ...
    def rung(self, id_or_prefix: str) -> Rung: ...
    def attempts(self, since: date | None = ..., until: date | None = ..., include_private: bool = ...,
                 rung: str | None = ...) -> list[Attempt]: ...


def weekly_review(source: ReviewSource, monday: date) -> WeeklyReview:
    """The review of the week starting on `monday`, with the week before for comparison."""
    from closeness_journal.core.patterns import compute

    sunday = monday + timedelta(days=6)
    before, last_sunday = monday - timedelta(days=7), monday - timedelta(days=1)
    this_week = compute(source.pattern_source(monday, sunday), monday, sunday, by="week")
    previous_week = compute(source.pattern_source(before, last_sunday), before, last_sunday, by="week")
    previous_saved = source.review(iso_week_label(before))
    review = build_review(
        this_week,
        previous_week,
        source.week_entries(monday, sunday),
        saved=source.review(iso_week_label(monday)),
        previous_saved=previous_saved,
        previous_entries=source.week_entries(before, last_sunday),
    )
    if previous_saved is None or not previous_saved.next_rung:
        return review
    try:
        rung = source.rung(previous_saved.next_rung)
    except LookupError:
        return review
    attempts = tuple(source.attempts(monday, sunday, rung=rung.id))
    return replace(review, last_rung=rung, rung_attempts=attempts)
