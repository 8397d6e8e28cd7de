"""`EntryReader`: the part of `Journal` that reads entries (`list`, `show`), for commands that
only read them.

Importing `Journal` loads every part of it (patterns, reviews, the ladder, exercises, the archive:
about 25 ms of imports); `list` needs none of them. Opening an `EntryReader` is opening a
`Journal`: the same checks of the file and its privacy, and a journal that needs migrating is
migrated first.
"""

from __future__ import annotations

from closeness_journal.store.entries import EntriesMixin
from closeness_journal.store.search import SearchMixin


class EntryReader(EntriesMixin, SearchMixin):
    """Entries one at a time, their revisions, lists, pages and searches (see `Journal`)."""
