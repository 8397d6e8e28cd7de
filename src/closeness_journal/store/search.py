"""Finding entries: history's pages, and full-text search with snippets.

The search index (`entries_fts`, built in `migrations.py`) holds only the entries outside the
trash. What a person types is never read as FTS syntax: `entry_rows.fts_query` quotes every word.
"""

from __future__ import annotations

from collections.abc import Iterator

from closeness_journal.core.entries import Entry, EntryFilter, SearchHit
from closeness_journal.store.connection import JournalBase, reading, reading_as_they_go
from closeness_journal.store.entries import entries_from_rows, entry_from_row
from closeness_journal.store.entry_filters import filter_sql
from closeness_journal.store.entry_rows import (
    RANK_AT_MOST,
    fts_query,
    matches,
    newest_page,
    order_of,
    snippets,
    word_page,
)


class SearchMixin(JournalBase):
    """`Journal`'s lists of entries: by filter, a page at a time, and by the words they hold."""

    def iter_entries(self, filters: EntryFilter = EntryFilter(), chunk: int = 2000) -> Iterator[Entry]:
        """Every matching entry, oldest first, read a chunk at a time (exports stream through this;
        a damaged page says so in words, as `@reading` does)."""
        return reading_as_they_go(self._iter_entries(filters, chunk))

    def _iter_entries(self, filters: EntryFilter, chunk: int) -> Iterator[Entry]:
        where, params = filter_sql(filters)
        cursor = self._db.execute(
            f"SELECT e.* FROM entries e WHERE {where} ORDER BY e.local_date, e.created_at, e.uuid", params
        )
        columns = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(chunk):
            yield from entries_from_rows(columns, rows)

    @reading
    def entries(
        self,
        filters: EntryFilter = EntryFilter(),
        limit: int = 50,
        offset: int = 0,
        after: Entry | None = None,
        before: Entry | None = None,
        oldest: bool = False,
    ) -> list[Entry]:
        """A page of entries matching `filters`, newest first (best match first when searching).

        Keyset pages (newest-first order, not searches), which neither repeat nor skip rows when
        another window adds or deletes one: `after` the entries older than the given one, `before`
        the `limit` entries just newer than it, `oldest` the last page of all (the oldest entries).
        Every page comes newest first, and each is one index search however deep it lies."""
        if (after is not None or before is not None or oldest) and not filters.search:
            where, params = filter_sql(filters)
            key = "(e.local_date, e.created_at, e.uuid)"
            if after is not None:
                where += f" AND {key} < (?, ?, ?)"
            elif before is not None:
                where += f" AND {key} > (?, ?, ?)"
            edge = after or before
            if edge is not None:
                assert edge.created_at is not None and edge.id is not None
                params += [edge.local_date.isoformat(), edge.created_at.isoformat(), edge.id]
            direction = "DESC" if after is not None else "ASC"
            sql = (
                f"SELECT e.* FROM entries e WHERE {where} ORDER BY e.local_date {direction}, "
                f"e.created_at {direction}, e.uuid {direction} LIMIT ?"
            )
            page = [entry_from_row(row) for row in self._db.query(sql, [*params, limit])]
            return page if after is not None else page[::-1]
        return [hit.entry for hit in self.search_hits(filters, limit, offset)]

    @reading
    def search_hits(
        self, filters: EntryFilter = EntryFilter(), limit: int = 50, offset: int = 0
    ) -> list[SearchHit]:
        """Like `entries`, with a marked snippet when `filters.search` is set.

        Matches come best first; when a search matches more than RANK_AT_MOST entries (a very
        common word), the most recently written come first instead, which is quicker and, for
        a word that is everywhere, more useful."""
        where, params = filter_sql(filters)
        words = fts_query(filters.search or "")
        if not words:
            return [SearchHit(entry_from_row(row)) for row in newest_page(self._db, where, params, limit, offset)]
        order = order_of(self._matches(words), RANK_AT_MOST)
        if filters.replace(search=None) == EntryFilter():  # only words: see `word_page`
            return [
                SearchHit(entry_from_row(row), snippet)
                for row, snippet in word_page(self._db, words, filters.search or "", order, limit, offset)
            ]
        sql = (
            "SELECT e.* FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
            f"WHERE entries_fts MATCH ? AND {where} ORDER BY {order}, e.local_date DESC LIMIT ? OFFSET ?"
        )
        found = [dict(row) for row in self._db.query(sql, [words, *params, limit, offset])]
        by_id = {row["id"]: row for row in found}
        marked = snippets(self._db, words, filters.search or "", list(by_id), by_id)
        return [SearchHit(entry_from_row(row), marked.get(row["id"], ())) for row in found]

    @reading
    def tags(self) -> list[tuple[str, int]]:
        """Every tag used outside the trash with how many entries have it, most used first (a tag
        written in several ways is shown as first written). From the counts kept per day
        (`pattern_sums.py`), not from every entry (0.4 s at 100,000 entries)."""
        return [
            (tag, count)
            for tag, count in self._db.execute(
                # a SELECT first (no WITH), so it runs as a read, without sqlite-utils
                "SELECT names.tag, counts.n FROM (SELECT lower(value) AS key, min(value) AS tag FROM pattern_counts "
                "WHERE field = 'tags' AND n > 0 GROUP BY lower(value)) AS names "
                "JOIN (SELECT value AS key, sum(n) AS n FROM pattern_counts "
                "WHERE field = 'tag_entries' AND n > 0 GROUP BY value) AS counts USING (key) "
                "ORDER BY counts.n DESC, key"
            )
        ]

    @reading
    def has_tags(self) -> bool:
        """Whether `tags()` lists any: one row looked up, where `tags()` adds up every day's."""
        return bool(self._db.execute(
            "SELECT EXISTS (SELECT 1 FROM pattern_counts WHERE field = 'tag_entries' AND n > 0)"
        ).fetchone()[0])

    def _matches(self, fts_query: str) -> int:
        """How many entries outside the trash match (the index holds no others)."""
        return matches(self._db, fts_query)

    @reading
    def count(self, filters: EntryFilter = EntryFilter()) -> int:
        if filters == EntryFilter():  # every entry outside the trash: the day sums kept by m017 hold it
            return self._db.execute("SELECT coalesce(sum(entries), 0) FROM pattern_days").fetchone()[0]
        where, params = filter_sql(filters)
        words = fts_query(filters.search or "")
        if words and filters.replace(search=None) == EntryFilter():
            return self._matches(words)
        if words:
            sql = (
                "SELECT count(*) FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
                f"WHERE entries_fts MATCH ? AND {where}"
            )
            params = [words, *params]
        else:
            sql = f"SELECT count(*) FROM entries e WHERE {where}"
        return self._db.execute(sql, params).fetchone()[0]
