"""The journal's store: every SQL statement, the migrations, and row <-> Entry mapping.

One `Journal` owns one SQLite database (through sqlite-utils). Opening it checks that the file
is a journal this version understands, applies pending migrations, and keeps the files private.
`journal.py` says which module holds what.
"""

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
from closeness_journal.store.journal import Journal
from closeness_journal.store.ladder import RungNotFound
from closeness_journal.store.migrations import MIGRATION_NAMES, schema, transform_keeping_search

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
