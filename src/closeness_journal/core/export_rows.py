"""An entry as the Markdown and HTML exports read it: one plain tuple a row, as the store reads it
(`Journal.export_rows`), so an export of the whole journal builds no `Entry` (at 36,500 entries,
building them took as long as writing the Markdown).

The tuple holds the entry's values in the order of `FIELDS`, already decoded (lists as tuples, the
day as a date). The two times stay ISO text as stored, and only when they differ ("" both when the
entry was never changed): all an export asks of them is whether the entry was edited, and when.
`row_of` makes the same tuple from an `Entry` (the renderers take either), and a test checks the
store's rows and `row_of` agree.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from closeness_journal.core.dates import short_date

FIELDS = (
    "local_date", "id", "created_at", "updated_at", "kind", "answers", "body", "who", "relationship", "kinds",
    "close_before", "behaviours", "stayed", "fears", "intensity", "urge", "urge_after", "acted", "small_step",
    "rung", "predicted", "outcome", "tags", "private", "flagged",
)
"""What each place of a row holds. `answers` is a tuple of (prompt text, answer text) pairs."""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any

    from closeness_journal.core.entries import Entry  # not imported: an export reads rows

    EntryRow = tuple[Any, ...]
    """One entry's values in the order of `FIELDS`."""
else:
    EntryRow = tuple  # the same alias at run time


def row_of(entry: Entry) -> EntryRow:
    """The row the store would read for `entry`."""
    c = entry.checkin
    created_at, updated_at = _iso(entry.created_at), _iso(entry.updated_at)
    if created_at == updated_at:
        created_at = updated_at = ""
    return (
        entry.local_date, entry.id, created_at, updated_at, entry.kind,
        tuple((answer.prompt_text, answer.text) for answer in entry.answers), entry.body, c.who, c.relationship,
        c.kinds, c.close_before, c.behaviours, c.stayed, c.fears, c.intensity, c.urge, c.urge_after, c.acted,
        c.small_step, c.rung, c.predicted, c.outcome, entry.tags, entry.private, entry.flagged,
    )


def rows_of(entries: Iterable[Entry | EntryRow]) -> Iterator[EntryRow]:
    """Rows as they are; entries as `row_of` makes them (what the first is tells what they all are)."""
    entries = iter(entries)
    first = next(entries, None)
    if first is None:
        return iter(())
    if isinstance(first, tuple):
        return itertools.chain((first,), entries)  # type: ignore[arg-type]
    return map(row_of, itertools.chain((first,), entries))  # type: ignore[arg-type]


def add_marks(words: list[tuple[str, str]], flagged: bool, created_at: str, updated_at: str) -> None:
    """After the check-in's words (`checkin_words`), the entry's marks: flagged, and edited after
    it was first written (the same words in every export)."""
    if flagged:
        words.append(("Flagged", "to bring up at your next session"))
    if updated_at != created_at and (edited := edited_on(created_at, updated_at)) is not None:
        words.append(("Edited", f"on {short_date(edited)}, after it was first written"))


def edited_on(created_at: str, updated_at: str) -> date | None:
    """The day (in UTC, as stored) an entry was last changed, when that was after it was first written."""
    if not created_at or not updated_at or created_at == updated_at:
        return None
    changed = datetime.fromisoformat(updated_at)
    return changed.date() if changed > datetime.fromisoformat(created_at) else None


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else ""
