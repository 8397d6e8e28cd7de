"""A pause in the moment: a grounding minute, then a quick note of what just happened.

The grounding minute is slow breathing (in for 4 seconds, out for 6, a shape that grows and
shrinks with the breath) and then naming a few things you can see and hear. Everything here is
a function of the seconds gone by, so the screen can be drawn, and tested, at any moment.

The note keeps what just happened, what you fear will happen, how strong the pull to get away
is, what you could do instead of leaving, and the pull again at the end. It is saved as an entry
of kind "pause": the texts as answers (ids below, stored for good), the pulls and whether you
acted on it in the check-in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from closeness_journal.core.checkin import SCALE_MAX, SCALE_MIN, CheckIn
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.today import Window
from closeness_journal.core.vocabulary import ACTED, PAUSE

# ---------------------------------------------------------------------- the grounding minute

BREATHE_IN = 4.0
BREATHE_OUT = 6.0
BREATH = BREATHE_IN + BREATHE_OUT
BREATHS = 4
"""Slow breaths before the noticing."""

PARTS: tuple[tuple[str, float], ...] = (
    ("breathe", BREATHS * BREATH),
    ("see", 10.0),
    ("hear", 10.0),
)
"""The grounding minute, part by part, with how long each lasts in seconds."""
GROUNDING_SECONDS = sum(seconds for _, seconds in PARTS)

NOTICING: Mapping[str, str] = {
    "see": "Look around you. Name three things you can see, slowly, one at a time.",
    "hear": "Now listen. Name two things you can hear, near or far.",
}


@dataclass(frozen=True)
class Breath:
    breathing_in: bool
    size: float
    """0 (the smallest the shape gets) to 1 (the largest), easing in and out."""
    count: int
    """Seconds left in this half of the breath: 4, 3, 2, 1 in, then 6 … 1 out."""

    @property
    def words(self) -> str:
        return "breathe in" if self.breathing_in else "breathe out"


def _ease(progress: float) -> float:
    """0 to 1, slow at both ends, as a breath is."""
    return (1 - math.cos(math.pi * min(max(progress, 0.0), 1.0))) / 2


def breath_at(seconds: float) -> Breath:
    """Where the paced breath is `seconds` after it began."""
    into = max(seconds, 0.0) % BREATH
    if into < BREATHE_IN:
        return Breath(True, _ease(into / BREATHE_IN), math.ceil(BREATHE_IN - into))
    out = into - BREATHE_IN
    return Breath(False, 1 - _ease(out / BREATHE_OUT), math.ceil(BREATHE_OUT - out))


@dataclass(frozen=True)
class Moment:
    """Where the grounding minute is."""

    part: str
    """ "breathe", "see", "hear", or "done" when the minute is over."""
    breath: Breath
    left: int
    """Whole seconds left in the minute."""


def grounding_at(seconds: float) -> Moment:
    """The grounding minute `seconds` after it began (the breath goes on through the noticing)."""
    seconds = max(seconds, 0.0)
    left = max(math.ceil(GROUNDING_SECONDS - seconds), 0)
    start = 0.0
    for part, length in PARTS:
        if seconds < start + length:
            return Moment(part, breath_at(seconds), left)
        start += length
    return Moment("done", breath_at(seconds), 0)


SHAPE_ROWS = 9
SHAPE_COLUMNS = 21
SMALLEST = 0.3
"""The shape's radius at the bottom of a breath, as a share of its largest."""


def shape(size: float, rows: int = SHAPE_ROWS, columns: int = SHAPE_COLUMNS) -> list[str]:
    """A round shape for the breath: filled up to `size` (0-1), with a faint ring where a full
    breath reaches. Characters only, no colour, so it reads in every theme and with NO_COLOR.
    A terminal cell is about twice as tall as wide, so the shape is twice as wide as tall."""
    radius = SMALLEST + (1 - SMALLEST) * min(max(size, 0.0), 1.0)
    lines = []
    for row in range(rows):
        y = (row + 0.5 - rows / 2) / (rows / 2)
        line = []
        for column in range(columns):
            x = (column + 0.5 - columns / 2) / (columns / 2)
            distance = math.hypot(x, y)
            if distance <= radius:
                line.append("█" if distance <= radius - 0.12 else "▓")
            elif 0.86 <= distance <= 1.05:
                line.append("·")
            else:
                line.append(" ")
        lines.append("".join(line))
    return lines


# ---------------------------------------------------------------------- the note

HAPPENED = "pause-happened"
FEAR = "pause-fear"
INSTEAD = "pause-instead"
QUESTIONS: Mapping[str, str] = {
    HAPPENED: "What just happened?",
    FEAR: "What are you afraid will happen?",
    INSTEAD: "What could you do instead of leaving, if you want to stay a little longer?",
}
"""The pause's questions, by the ids its answers are stored under (the ids never change)."""

DOOR_OPEN_PROMPTS = (INSTEAD, "in-the-moment-04")
"""Prompts whose answers are sentences that keep the door open: shown back as suggestions."""
CALMING_PROMPTS = ("in-the-moment-02",)
"""Prompts whose answers are what helped the person settle before."""

COMMON_TOOLS = (
    "Say: I need ten minutes to breathe. I'm not leaving, I'll come back.",
    "Breathe out slowly, longer than you breathe in, five times.",
    "Feel your feet on the floor and your back against the chair.",
    "Tell them one true word about how you feel, even just 'overwhelmed'.",
)
"""Calming tools from the articles, offered while the person has none of their own yet."""

STEPS = ("happened", "fear", "urge", "instead", "after")
"""The note's steps, in order."""


@dataclass(frozen=True)
class PauseNotes:
    """What the person has written in a pause so far."""

    happened: str = ""
    fear: str = ""
    urge: int | None = None
    """The pull to get away at the start, 0-10."""
    instead: str = ""
    urge_after: int | None = None
    """The pull at the end, 0-10."""
    acted: str | None = None

    def is_empty(self) -> bool:
        return not (self.happened.strip() or self.fear.strip() or self.instead.strip()) and (
            self.urge is None and self.urge_after is None and self.acted is None
        )

    def entry(self, day: date) -> Entry:
        """The entry to save (validate it before saving). Not acting on the pull counts as
        having paused instead of leaving."""
        texts = ((HAPPENED, self.happened), (FEAR, self.fear), (INSTEAD, self.instead))
        return Entry(
            day,
            answers=tuple(Answer(key, QUESTIONS[key], text) for key, text in texts if text.strip()),
            checkin=CheckIn(
                urge=self.urge,
                urge_after=self.urge_after,
                acted=self.acted,
                stayed=("paused-instead-of-leaving",) if self.acted == "no" else (),
            ),
            kind=PAUSE,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "happened": self.happened, "fear": self.fear, "urge": self.urge,
            "instead": self.instead, "urge_after": self.urge_after, "acted": self.acted,
        }

    @classmethod
    def from_json(cls, data: Any) -> PauseNotes:
        """What a saved draft holds; anything damaged or unknown is left empty."""
        if not isinstance(data, Mapping):
            return cls()

        def text(key: str) -> str:
            value = data.get(key)
            return printable(value) if isinstance(value, str) else ""

        acted = data.get("acted")
        return cls(
            happened=text("happened"),
            fear=text("fear"),
            urge=scale_value(data.get("urge")),
            instead=text("instead"),
            urge_after=scale_value(data.get("urge_after")),
            acted=acted if acted in ACTED else None,
        )


def scale_value(value: Any) -> int | None:
    """A 0-10 value from a draft or a field ("7", 7), or None when it isn't one."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return None
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if SCALE_MIN <= value <= SCALE_MAX else None


def change_in_words(before: int | None, after: int | None) -> str:
    """How the pull changed over the pause, in words (never a score)."""
    if before is None or after is None:
        return ""
    if after < before:
        return f"The pull went from {before} to {after}. It can ease, and you gave it the room to."
    if after == before:
        return f"The pull is still at {after}. Staying with it this long is something too."
    return f"The pull went from {before} to {after}. Some moments get harder before they ease; you noticed it."


# ---------------------------------------------------------------------- drafts


@dataclass(frozen=True)
class PauseDraft:
    """An unfinished pause, as kept in the journal between windows."""

    notes: PauseNotes
    step: str = STEPS[0]
    window: Window | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "notes": self.notes.to_json(),
            "step": self.step,
            "pid": self.window.pid if self.window else None,
            "host": self.window.host if self.window else None,
        }

    @classmethod
    def from_json(cls, data: Any) -> PauseDraft:
        if not isinstance(data, Mapping):
            return cls(PauseNotes())
        step, pid, host = data.get("step"), data.get("pid"), data.get("host")
        return cls(
            PauseNotes.from_json(data.get("notes")),
            step if step in STEPS else STEPS[0],
            Window(pid, host) if type(pid) is int and isinstance(host, str) else None,
        )


def left_behind(
    drafts: Iterable[tuple[str, PauseDraft]], here: Window, alive: Callable[[int], bool]
) -> list[tuple[str, PauseDraft]]:
    """The unfinished pauses no open window holds (a window on another machine, this process, or
    a process that has ended left them), in the order given."""

    def open_elsewhere(draft: PauseDraft) -> bool:
        other = draft.window
        return other is not None and other.host == here.host and other.pid != here.pid and alive(other.pid)

    return [(key, draft) for key, draft in drafts if not open_elsewhere(draft)]


def merge_pauses(drafts: Sequence[PauseDraft]) -> PauseDraft:
    """Several unfinished pauses (oldest first) as one: nothing typed is lost (texts are joined,
    oldest first); the latest pulls, answer and step win."""
    if not drafts:
        raise ValueError("no drafts to merge")
    latest = drafts[-1]

    def joined(key: str) -> str:
        return "\n\n".join(t for t in (getattr(d.notes, key).strip() for d in drafts) if t)

    notes = replace(latest.notes, happened=joined("happened"), fear=joined("fear"), instead=joined("instead"))
    return replace(latest, notes=notes)


# ---------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    text: str
    """One line, ready to put in the answer."""
    origin: str
    """ "yours" (your own earlier words), "calming" (what helped you settle before), or
    "common" (a tool many people find helps)."""


ORIGIN_LABELS: Mapping[str, str] = {
    "yours": "Your own words, from before",
    "calming": "What helped you settle before",
    "common": "Some things many people find help",
}


def suggestions(door_open: Sequence[str], calming: Sequence[str], limit: int = 6) -> list[Suggestion]:
    """What to offer for "what could you do instead": the person's own door-open sentences and
    what calmed them before (newest first, each once), then common tools while there is room
    and the person has fewer than three of their own."""
    found: dict[str, Suggestion] = {}

    def add(text: str, origin: str) -> None:
        line = one_line(text)
        key = line.lower()
        if line and key not in found and len(found) < limit:
            found[key] = Suggestion(line, origin)

    for text in door_open:
        add(text, "yours")
    for text in calming:
        add(text, "calming")
    if len(found) < 3:
        for text in COMMON_TOOLS:
            add(text, "common")
    return list(found.values())
