"""The journal's store: every SQL statement, the migrations, and row <-> Entry mapping.

One `Journal` owns one SQLite database (through sqlite-utils). Opening it checks that the file
is a journal this version understands, applies pending migrations, and keeps the files private.
`journal.py` says which module holds what.

`Journal` and `RungNotFound` are imported when first asked for: importing `Journal` loads every
part of it (about 25 ms), which a command that only lists entries does without (`EntryReader`).
"""

from __future__ import annotations

from closeness_journal.store.connection import connect
from closeness_journal.store.drafts import (
    EDIT_DRAFTS,
    PAUSE_DRAFTS,
    REVIEW_DRAFTS,
    TODAY_DRAFTS,
    edit_draft_key,
    pause_draft_key,
    review_draft_key,
    today_draft_key,
)
from closeness_journal.store.errors import DatabaseTooNew, DiskFull, EntryNotFound, JournalError, NotAJournal
from closeness_journal.store.migrations import MIGRATION_NAMES, schema, transform_keeping_search

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any

    from closeness_journal.store.journal import Journal
    from closeness_journal.store.ladder import RungNotFound

_LAZY = {"Journal": "closeness_journal.store.journal", "RungNotFound": "closeness_journal.store.ladder"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "EDIT_DRAFTS",
    "MIGRATION_NAMES",
    "PAUSE_DRAFTS",
    "REVIEW_DRAFTS",
    "TODAY_DRAFTS",
    "DatabaseTooNew",
    "DiskFull",
    "EntryNotFound",
    "Journal",
    "JournalError",
    "NotAJournal",
    "RungNotFound",
    "connect",
    "edit_draft_key",
    "pause_draft_key",
    "review_draft_key",
    "schema",
    "today_draft_key",
    "transform_keeping_search",
]
