"""`Journal`: the one object the rest of the code uses to read and write a journal.

Each part of it lives in the module named for what it keeps:

    connection.py   opening, checks, SQLite settings, the write transaction, housekeeping
    entries.py      entries one at a time, their revisions, the trash, rows <-> Entry
    search.py       filters, history's pages, full-text search
    patterns.py     the sums behind the pattern view, the review and the Markdown export
    exports.py      flags, the note for the next session, the exports made, "For my session"
    reviews.py      weekly reviews
    ladder.py       the small-steps ladder: rungs, and the entries that tried them
    drafts.py       settings, drafts, and the draft keys
    pauses.py       earlier answers a pause offers back as suggestions
    exercises.py    exercise rounds (the partner exercise, the supporter's)
    archive.py      dump, merge, the backup copy
    archive_export.py  the JSON archive's document, read for an export
    migrations.py   the schema, as an append-only list of migrations, and the search index
"""

from __future__ import annotations

from closeness_journal.store.archive import ArchiveMixin
from closeness_journal.store.archive_export import ArchiveExportMixin
from closeness_journal.store.drafts import DraftsMixin
from closeness_journal.store.entries import EntriesMixin
from closeness_journal.store.exercises import ExercisesMixin
from closeness_journal.store.exports import ExportsMixin
from closeness_journal.store.ladder import LadderMixin
from closeness_journal.store.patterns import PatternsMixin
from closeness_journal.store.pauses import PausesMixin
from closeness_journal.store.reviews import ReviewsMixin
from closeness_journal.store.search import SearchMixin


class Journal(
    EntriesMixin, SearchMixin, PatternsMixin, ReviewsMixin, LadderMixin, DraftsMixin, ExercisesMixin, ArchiveMixin,
    PausesMixin, ExportsMixin, ArchiveExportMixin,
):
    """The journal's entries, revisions, trash, reviews, settings and drafts, in one SQLite file.

    Open one with `Journal.open(path)` (or `Journal.in_memory()` in tests); close it when done."""
