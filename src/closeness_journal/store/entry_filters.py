"""An `EntryFilter` as SQL (the WHERE clause on `entries e`, everything but the words searched for),
and the count of the entries it keeps: what search, the exports and the pattern sums read entries
through.

Apart from `search.py` (lists, pages and full-text search, which build entries and use this SQL
too), so that a Markdown or HTML export, which reads rows, never imports the entry model (about
5 ms of the 3,650-entry export's 150).
"""

from __future__ import annotations

from closeness_journal.core.entry_filter import EntryFilter
from closeness_journal.core.vocabulary import SABOTAGE, WITHDRAWAL
from closeness_journal.store.connection import JournalBase, reading
from closeness_journal.store.entry_rows import LIVE

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any


_EVERYTHING = EntryFilter()


class FilterMixin(JournalBase):
    """How many entries a filter keeps (`Journal` counts words too: `SearchMixin.count`)."""

    @reading
    def count(self, filters: EntryFilter = _EVERYTHING) -> int:
        if filters.search:
            raise ValueError("counting by the words searched for is search's (SearchMixin.count)")
        if filters == _EVERYTHING:  # every entry outside the trash: the day sums kept by m017 hold it
            return self._db.execute("SELECT coalesce(sum(entries), 0) FROM pattern_days").fetchone()[0]
        where, params = filter_sql(filters)
        return self._db.execute(f"SELECT count(*) FROM entries e WHERE {where}", params).fetchone()[0]


def filter_sql(filters: EntryFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (on `entries e`) and its parameters for everything but the words."""
    filters = filters.validated()
    clauses = [LIVE]
    params: list[Any] = []
    if filters.since:
        clauses.append("e.local_date >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        clauses.append("e.local_date <= ?")
        params.append(filters.until.isoformat())
    for behaviour in filters.behaviours:
        clauses.append("EXISTS (SELECT 1 FROM json_each(e.behaviours) WHERE value = ?)")
        params.append(behaviour)
    for fear in filters.fears:
        clauses.append("EXISTS (SELECT 1 FROM json_each(e.fears) WHERE value = ?)")
        params.append(fear)
    if filters.category == WITHDRAWAL:
        clauses.append("e.withdrawal = 1")
    elif filters.category == SABOTAGE:
        clauses.append("e.sabotage = 1")
    if filters.relationship:
        clauses.append("e.relationship = ?")
        params.append(filters.relationship)
    for tag in filters.tags:
        clauses.append("EXISTS (SELECT 1 FROM json_each(e.tags) WHERE lower(value) = lower(?))")
        params.append(tag)
    if not filters.include_private:
        clauses.append("e.private = 0")
    if filters.changed_since:
        clauses.append(changed_since_sql("e."))
        params += [filters.changed_since.isoformat()] * 2
    return " AND ".join(clauses), params


def changed_since_sql(prefix: str = "") -> str:
    """Written, edited or flagged after a moment (two parameters: the moment, twice). Times are
    compared as times, not as text, so one stored with another UTC offset (an import) counts right."""
    return f"(julianday({prefix}updated_at) > julianday(?) OR julianday({prefix}flagged_at) > julianday(?))"
