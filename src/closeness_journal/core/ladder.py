"""The small-steps ladder: steps you want to be able to take, from easiest to hardest, and what
happened each time you tried one.

A `Rung` is a step ("Tell Sam one true thing about my day"), how hard it feels now on a 0-100
scale, and optionally who it is with. Rungs are retired, never deleted. An `Attempt` is an entry
whose check-in tried the rung: its expected and real difficulty are the check-in's (0-10), so an
attempt is never kept twice. The rules here (the order, the gap between expected and real, the
rung to try next and why) are plain functions, the same for the window, the command line, the
weekly review and the export.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from closeness_journal.core.checkin import InvalidEntry
from closeness_journal.core.dates import short_date
from closeness_journal.core.text import one_line
from closeness_journal.core.wording import one_decimal

HARD_MIN, HARD_MAX = 0, 100
"""How hard a rung feels now: 0 not at all, 100 the hardest thing you can imagine."""
COMFORTABLE = 3
"""A rung was taken comfortably when, the last time you tried it, it really felt this hard (of 10) or less."""
CLOSE_ENOUGH = 0.5
"""An average gap smaller than this (either way) is "about as hard as you expected"."""
HARD_WORDS = "0 not hard at all · 50 hard · 100 the hardest you can imagine"
"""What the rung's scale means, where it is asked for."""


class InvalidRung(InvalidEntry):
    """A rung that cannot be saved as it is; the message says why, kindly."""


@dataclass(frozen=True)
class Rung:
    """A step you want to be able to take. `id` and the times are set by the store."""

    text: str
    hard: int
    """How hard it feels now, 0-100."""
    who: str = ""
    id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    retired_at: datetime | None = None

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    def validated(self) -> Rung:
        """A cleaned copy (text on one line) or InvalidRung saying what is wrong."""
        text = one_line(self.text)
        if not text:
            raise InvalidRung("a rung needs a few words saying the step, like 'Tell Sam one true thing'")
        hard = self.hard
        if isinstance(hard, bool) or not isinstance(hard, int) or not HARD_MIN <= hard <= HARD_MAX:
            raise InvalidRung(f"how hard it feels must be a whole number from {HARD_MIN} to {HARD_MAX}, not {hard}")
        return replace(self, text=text, who=one_line(self.who))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "hard": self.hard,
            "who": self.who,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "retired_at": _iso(self.retired_at),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Rung:
        return cls(
            text=data["text"],
            hard=data["hard"],
            who=data.get("who") or "",
            id=data.get("id"),
            created_at=_time(data.get("created_at")),
            updated_at=_time(data.get("updated_at")),
            retired_at=_time(data.get("retired_at")),
        )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Attempt:
    """An entry that tried a rung: the day, and how hard it was expected to be and really was (0-10)."""

    rung: str
    entry_id: str
    day: date
    predicted: int | None = None
    outcome: int | None = None

    @property
    def gap(self) -> int | None:
        """How much harder it was expected to be than it really was (negative: it was harder)."""
        if self.predicted is None or self.outcome is None:
            return None
        return self.predicted - self.outcome

    def to_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "date": self.day.isoformat(), "predicted": self.predicted,
                "outcome": self.outcome}


@dataclass(frozen=True)
class LadderRung:
    """A rung as it stands on your ladder: the rung and its attempts, oldest first."""

    rung: Rung
    attempts: tuple[Attempt, ...] = ()

    @property
    def tried(self) -> int:
        return len(self.attempts)

    @property
    def noted(self) -> tuple[Attempt, ...]:
        """The attempts with both the expected and the real difficulty."""
        return tuple(a for a in self.attempts if a.gap is not None)

    @property
    def mean_predicted(self) -> float | None:
        return _mean([a.predicted for a in self.noted])

    @property
    def mean_outcome(self) -> float | None:
        return _mean([a.outcome for a in self.noted])

    @property
    def mean_gap(self) -> float | None:
        """On average, how much harder it was expected to be than it really was (0-10 points)."""
        return _mean([a.gap for a in self.noted])

    @property
    def last(self) -> Attempt | None:
        """The latest attempt that noted how hard it really was."""
        return next((a for a in reversed(self.attempts) if a.outcome is not None), None)

    @property
    def comfortable(self) -> bool:
        """Taken comfortably: the last time you tried it, it really felt COMFORTABLE of 10 or less."""
        last = self.last
        return last is not None and last.outcome is not None and last.outcome <= COMFORTABLE

    def to_json(self) -> dict[str, Any]:
        return self.rung.to_json() | {
            "tried": self.tried,
            "mean_predicted": _rounded(self.mean_predicted),
            "mean_outcome": _rounded(self.mean_outcome),
            "comfortable": self.comfortable,
            "attempts": [a.to_json() for a in self.attempts],
        }


def times(count: int) -> str:
    """How often, in words: "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")


def _mean(values: Sequence[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# ---------------------------------------------------------------------------------- the rules


def _order_key(rung: Rung) -> tuple[Any, ...]:
    created = rung.created_at.isoformat() if rung.created_at else ""
    return (rung.hard, created, rung.text.casefold(), rung.id or "")


def ladder_order(rungs: Iterable[Rung]) -> list[Rung]:
    """Easiest first: by how hard each feels now, then the one added first."""
    return sorted(rungs, key=_order_key)


def build_ladder(rungs: Iterable[Rung], attempts: Iterable[Attempt], retired: bool = False) -> tuple[LadderRung, ...]:
    """Each rung with its attempts (oldest first), easiest first; retired rungs only when asked."""
    tried: dict[str, list[Attempt]] = {}
    for attempt in sorted(attempts, key=lambda a: a.day):
        tried.setdefault(attempt.rung, []).append(attempt)
    return tuple(
        LadderRung(rung, tuple(tried.get(rung.id or "", ())))
        for rung in ladder_order(rungs)
        if retired or not rung.retired
    )


def attempt_words(attempt: Attempt) -> str:
    """`expected 7, really 4 (of 10)`, or what of it was noted."""
    if attempt.predicted is None and attempt.outcome is None:
        return "expected and real difficulty not noted"
    expected = "–" if attempt.predicted is None else str(attempt.predicted)
    really = "–" if attempt.outcome is None else str(attempt.outcome)
    return f"expected {expected}, really {really} (of 10)"


def tried_words(step: LadderRung) -> str:
    """`not tried yet`, `tried once`, `tried 3 times`."""
    return f"tried {times(step.tried)}" if step.tried else "not tried yet"


def comparison_words(step: LadderRung) -> str:
    """How the expected difficulty compared with the real one, in words ("" when never tried)."""
    if not step.tried:
        return ""
    gap = step.mean_gap
    if gap is None:
        return "how hard it was expected to be and really was isn't noted"
    average = f"on average expected {one_decimal(step.mean_predicted)}, really {one_decimal(step.mean_outcome)} of 10"
    if gap >= CLOSE_ENOUGH:
        return f"easier than you expected ({average})"
    if gap <= -CLOSE_ENOUGH:
        return f"harder than you expected ({average})"
    return f"about as hard as you expected ({average})"


def gap_words(step: LadderRung) -> str:
    """How often a rung was tried and how the expected difficulty compared with the real one, in words."""
    comparison = comparison_words(step)
    if not comparison:
        return tried_words(step)
    return f"{tried_words(step)}{'; ' if step.mean_gap is None else ': '}{comparison}"


def hard_words(rung: Rung) -> str:
    """`feels 40 of 100 now`."""
    return f"feels {rung.hard} of 100 now"


@dataclass(frozen=True)
class Suggestion:
    """The rung to try next (None when there is none) and why, in plain words."""

    step: LadderRung | None
    reason: str


def suggest(ladder: Sequence[LadderRung]) -> Suggestion:
    """The easiest active rung not yet taken comfortably, with the reason."""
    active = [step for step in ladder if not step.rung.retired]
    if not active:
        return Suggestion(None, "Your ladder has no steps yet. Add one you'd like to be able to take, however small.")
    below = 0
    for step in active:
        if not step.comfortable:
            break
        below += 1
    else:
        return Suggestion(
            None,
            "Every step on your ladder felt manageable the last time you took it. "
            "When you're ready, you could add one a little harder.",
        )
    easier = ""
    if below:
        steps, them = ("steps", "them") if below > 1 else ("step", "it")
        easier = f"The {steps} below it felt manageable the last time you took {them}. "
    last = step.last
    if not step.tried:
        return Suggestion(step, f"{easier}It's the easiest step on your ladder you haven't tried yet.")
    if last is None:
        return Suggestion(
            step,
            f"{easier}You've tried it {times(step.tried)}, without noting how hard it really was; "
            "noting it next time shows whether it is getting easier.",
        )
    when = "the last time" if last is step.attempts[-1] else "the last time you noted how it went"
    return Suggestion(
        step,
        f"{easier}It's the easiest step that hasn't felt manageable yet: {when}, it was {last.outcome} of 10 "
        f"({short_date(last.day)}). Steps like this often feel easier each time you take them.",
    )


def forecast(ladder: Iterable[LadderRung]) -> list[Attempt]:
    """Every attempt with both its expected and real difficulty, across all rungs, oldest first."""
    return sorted((a for step in ladder for a in step.noted), key=lambda a: (a.day, a.entry_id))


def forecast_sentence(ladder: Sequence[LadderRung]) -> str:
    """The fear's forecast beside what happened, across the ladder, in one or two sentences."""
    points = forecast(ladder)
    if not points:
        return (
            "When you try a rung and note how hard you expected it to be and how hard it really was, "
            "this shows the two side by side over time."
        )
    expected = _mean([a.predicted for a in points])
    really = _mean([a.outcome for a in points])
    easier = sum(1 for a in points if (a.gap or 0) > 0)
    tries = "try" if len(points) == 1 else "tries"
    words = (
        f"Across {len(points)} {tries} you expected your steps to be {one_decimal(expected)} of 10 hard "
        f"on average; they really were {one_decimal(really)}. "
    )
    if easier == len(points):
        return words + ("Every time, it" if len(points) > 1 else "It") + " was easier than the fear said it would be."
    return words + f"{times(easier).capitalize()} it was easier than you expected."


def follow_up_words(rung: Rung, attempts: Sequence[Attempt]) -> str:
    """For the weekly review: how the week's attempts at the rung chosen the week before went."""
    if not attempts:
        return (
            f"You didn't try '{rung.text}' this week, and that's all right: it is still on your ladder "
            "for when it feels possible."
        )
    tried = ", ".join(f"{a.day:%a} {attempt_words(a)}" for a in attempts)
    noted = [a for a in attempts if a.gap is not None]
    easier = sum(1 for a in noted if (a.gap or 0) > 0)
    if noted and easier == len(noted):
        after = f" {'Each time it' if len(noted) > 1 else 'It'} was easier than you expected."
    elif easier:
        after = f" {times(easier).capitalize()} it was easier than you expected."
    else:
        after = " Thank you for trying it."
    return f"You tried '{rung.text}' {times(len(attempts))} this week: {tried}.{after}"


def ladder_json(ladder: Iterable[LadderRung]) -> list[dict[str, Any]]:
    return [step.to_json() for step in ladder]
