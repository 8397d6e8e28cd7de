"""What an export brings to a session: the person's note, the entries they flagged, the peak
moments, what helped, fear by relationship and the small steps; and the record of each export
(so the next one can hold only what is new).

Plain data: the store fills these in with a few SQL queries over the export's entries (never
one query per day, and only a handful of entries are read whole); `export_sections.py` words them.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from closeness_journal.core.frozen import Frozen, fill
from closeness_journal.core.text import one_line, sitting_words

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from closeness_journal.core.entries import Entry

PEAK_AT = 8
"""A peak moment: the fear, or the pull to get away, at this or more (0-10)."""

FLAGGED_SHOWN = 20
PEAKS_SHOWN = 5
BETTER_SHOWN = 6
STEPS_SHOWN = 10
"""How many of each "For my session" lists (the rest are counted, and are in the entries below)."""

READABLE_FORMATS = ("markdown", "html")
"""The exports a person reads (and brings to a session); "since my last export" looks at these."""


class SessionEntry:
    """One of the few entries "For my session" lists, as the store reads it for an export: its day
    and id, what was written and the parts of the check-in the lists show, without the entry model
    (an export never imports `entries.py`). Read as an `Entry` is: `entry.checkin.urge` is
    `entry.urge` (`checkin` is the entry itself), and `words` is `Entry.words`; the lists take
    either."""

    __slots__ = ("local_date", "id", "created_at", "answers", "body", "who", "relationship", "fears", "intensity",
                 "urge", "acted", "small_step", "predicted", "outcome")

    def __init__(
        self, local_date: date, id: str, created_at: datetime | None, answers: tuple[str, ...], body: str, who: str,
        relationship: str | None, fears: tuple[str, ...], intensity: int | None, urge: int | None,
        acted: str | None, small_step: str, predicted: int | None, outcome: int | None,
    ) -> None:
        self.local_date, self.id, self.created_at = local_date, id, created_at
        self.answers = answers
        """The answers' texts, in order (the lists show no prompt)."""
        self.body, self.who, self.relationship, self.fears = body, who, relationship, fears
        self.intensity, self.urge, self.acted = intensity, urge, acted
        self.small_step, self.predicted, self.outcome = small_step, predicted, outcome

    @property
    def checkin(self) -> SessionEntry:
        return self

    @property
    def words(self) -> str:
        """Everything written in the sitting, answers first, as one text (as `Entry.words`)."""
        return sitting_words(self.answers, self.body)

    def __repr__(self) -> str:
        return f"SessionEntry({self.local_date}, {self.id!r})"


class SessionFacts:
    """The figures and entries "For my session" is made of, over the export's entries. (A plain
    class: made once an export, and a dataclass of these eleven fields took about 0.8 ms to declare.)"""

    __slots__ = ("note", "flagged", "flagged_total", "peaks", "peaks_total", "better", "better_total", "steps",
                 "steps_total", "fear_by_relationship")

    def __init__(
        self, note: str = "", flagged: tuple[SessionEntry | Entry, ...] = (), flagged_total: int = 0,
        peaks: tuple[SessionEntry | Entry, ...] = (), peaks_total: int = 0,
        better: tuple[SessionEntry | Entry, ...] = (), better_total: int = 0,
        steps: tuple[SessionEntry | Entry, ...] = (), steps_total: int = 0,
        fear_by_relationship: tuple[tuple[str | None, str, int], ...] = (),
    ) -> None:
        self.note = note
        """What the person wants to talk about, as they wrote it."""
        self.flagged, self.flagged_total = flagged, flagged_total
        """Entries flagged to bring up, oldest first (at most FLAGGED_SHOWN), and how many there are."""
        self.peaks, self.peaks_total = peaks, peaks_total
        """The strongest moments (fear or pull at PEAK_AT or more), oldest first (at most PEAKS_SHOWN)."""
        self.better, self.better_total = better, better_total
        """Planned steps that turned out easier than expected, the biggest gap first."""
        self.steps, self.steps_total = steps, steps_total
        """The most recent small steps written in the person's words, oldest first."""
        self.fear_by_relationship = fear_by_relationship
        """(relationship slug or None, fear slug, how many check-ins), most frequent first."""


class ExportRecord(Frozen):
    """One export the journal remembers: when, which format, which days, and whether it held only
    what was written or changed after an earlier export."""

    __slots__ = ("made_at", "format", "since", "until", "changed_since", "entries")

    made_at: datetime
    format: str
    since: date | None
    until: date | None
    changed_since: datetime | None
    entries: int

    def __init__(
        self, made_at: datetime, format: str, since: date | None = None, until: date | None = None,
        changed_since: datetime | None = None, entries: int = 0,
    ) -> None:
        fill(self, made_at, format, since, until, changed_since, entries)


def first_lines(entry: SessionEntry | Entry, width: int = 160) -> str:
    """The first two lines written (answers first, then the free writing) on one line, else the
    small step; cut after a whole word to at most `width` characters."""
    lines = [line for line in (one_line(line) for line in entry.words.splitlines()) if line][:2]
    text = one_line(" ".join(lines) if lines else entry.checkin.small_step)
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if cut[-1:].isalnum() and text[len(cut)].isalnum() and space > width // 2:  # inside a word: end before it
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


_NOT_IN_AN_ANCHOR = re.compile(r"[^0-9A-Za-z-]")


def anchor(entry: SessionEntry | Entry) -> str:
    """The entry's place in an export (`entry-<id>`), for links from "For my session"."""
    return id_anchor(entry.id)


def id_anchor(entry_id: str | None) -> str:
    """`anchor` from the entry's id alone (the exports read rows, not entries)."""
    return "entry-" + _NOT_IN_AN_ANCHOR.sub("", entry_id or "")
