"""Finding entries: the filters as SQL, history's pages, and full-text search with snippets.

The search index (`entries_fts`, built in `migrations.py`) holds only the entries outside the
trash. What a person types is never read as FTS syntax: `_fts_query` quotes every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from closeness_journal.core.entries import Entry, EntryFilter, SearchHit
from closeness_journal.core.vocabulary import SABOTAGE, WITHDRAWAL
from closeness_journal.store.connection import JournalBase, reading, reading_as_they_go
from closeness_journal.store.entries import entries_from_rows, entry_from_row
from closeness_journal.store.migrations import ANSWER_SEPARATOR, SEARCH_COLUMNS

RANK_AT_MOST = 500
"""Searches with more matches than this list the newest written first instead of best first."""
SNIPPET_FTS_AT_MOST = 50_000
"""Entries longer than this (characters of searchable text) get a snippet made in Python."""
SNIPPET_WINDOW = 400
"""How many characters either side of the first match the Python snippet looks at."""
# Private-use characters mark matches in FTS snippets; they are split out before display.
_MATCH_START, _MATCH_END = "\ue000", "\ue001"


class SearchMixin(JournalBase):
    """`Journal`'s lists of entries: by filter, a page at a time, and by the words they hold."""

    def iter_entries(self, filters: EntryFilter = EntryFilter(), chunk: int = 2000) -> Iterator[Entry]:
        """Every matching entry, oldest first, read a chunk at a time (exports stream through this;
        a damaged page says so in words, as `@reading` does)."""
        return reading_as_they_go(self._iter_entries(filters, chunk))

    def _iter_entries(self, filters: EntryFilter, chunk: int) -> Iterator[Entry]:
        where, params = _filter_sql(filters)
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
            where, params = _filter_sql(filters)
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
        where, params = _filter_sql(filters)
        fts_query = _fts_query(filters.search or "")
        if not fts_query:
            sql = (
                f"SELECT e.*, NULL AS _snippet FROM entries e WHERE {where} "
                "ORDER BY e.local_date DESC, e.created_at DESC, e.uuid DESC LIMIT ? OFFSET ?"
            )
            return [SearchHit(entry_from_row(row)) for row in self._db.query(sql, [*params, limit, offset])]
        order = "entries_fts.rowid DESC" if self._matches(fts_query) > RANK_AT_MOST else "entries_fts.rank"
        if replace(filters, search=None) == EntryFilter():
            # Only words: the index holds just the entries outside the trash, so the page of
            # matches is found in the index alone, and only those rows are read.
            ids = [
                row[0]
                for row in self._db.execute(
                    f"SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY {order} LIMIT ? OFFSET ?",
                    [fts_query, limit, offset],
                )
            ]
            if not ids:
                return []
            rows = {
                row["id"]: row
                for row in self._db.query(
                    # "+" keeps SQLite on the id look-ups rather than the deleted_at index
                    f"SELECT * FROM entries WHERE id IN ({', '.join('?' for _ in ids)}) AND +deleted_at IS NULL", ids
                )
            }
            snippets = self._snippets(fts_query, filters.search or "", ids, rows)
            return [SearchHit(entry_from_row(rows[i]), snippets.get(i, ())) for i in ids if i in rows]
        sql = (
            "SELECT e.* FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
            f"WHERE entries_fts MATCH ? AND {where} ORDER BY {order}, e.local_date DESC LIMIT ? OFFSET ?"
        )
        found = [dict(row) for row in self._db.query(sql, [fts_query, *params, limit, offset])]
        by_id = {row["id"]: row for row in found}
        snippets = self._snippets(fts_query, filters.search or "", list(by_id), by_id)
        return [SearchHit(entry_from_row(row), snippets.get(row["id"], ())) for row in found]

    def _snippets(
        self, fts_query: str, typed: str, ids: list[int], rows: dict[int, dict[str, Any]]
    ) -> dict[int, tuple[tuple[str, bool], ...]]:
        """A marked snippet for each of a page's entries. FTS5's snippet() takes time that grows
        faster than the entry's length (over two minutes for one entry of 5 MB), so it is asked
        only for entries up to SNIPPET_FTS_AT_MOST characters; a longer one gets a snippet made
        here from a bounded window around the first match."""
        short = [i for i in ids if i in rows and _searchable_length(rows[i]) <= SNIPPET_FTS_AT_MOST]
        snippets: dict[int, tuple[tuple[str, bool], ...]] = {
            i: _window_snippet(rows[i], typed) for i in ids if i in rows and i not in short
        }
        if short:
            # FTS5 narrows a rowid range quickly (an IN list or rowid = ? it does not), and the
            # page's ids are the matches in their range when newest first, or among at most
            # RANK_AT_MOST matches when best first.
            wanted = set(short)
            for rowid, snippet in self._db.execute(
                f"SELECT rowid, CASE WHEN rowid IN ({', '.join('?' for _ in short)}) "
                "THEN snippet(entries_fts, -1, ?, ?, '…', 16) END FROM entries_fts "
                "WHERE entries_fts MATCH ? AND rowid BETWEEN ? AND ?",
                [*short, _MATCH_START, _MATCH_END, fts_query, min(short), max(short)],
            ):
                if rowid in wanted:
                    snippets[rowid] = _split_snippet(snippet)
        return snippets

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

    def _matches(self, fts_query: str) -> int:
        """How many entries outside the trash match (the index holds no others)."""
        return self._db.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", [fts_query]).fetchone()[0]

    @reading
    def count(self, filters: EntryFilter = EntryFilter()) -> int:
        where, params = _filter_sql(filters)
        fts_query = _fts_query(filters.search or "")
        if fts_query and replace(filters, search=None) == EntryFilter():
            return self._matches(fts_query)
        if fts_query:
            sql = (
                "SELECT count(*) FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
                f"WHERE entries_fts MATCH ? AND {where}"
            )
            params = [fts_query, *params]
        else:
            sql = f"SELECT count(*) FROM entries e WHERE {where}"
        return self._db.execute(sql, params).fetchone()[0]


def _filter_sql(filters: EntryFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (on `entries e`) and its parameters for everything but the words."""
    filters = filters.validated()
    clauses = ["e.deleted_at IS NULL"]
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


_WORD = re.compile(r"\w+", re.UNICODE)


def _fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must appear (the last may
    be the start of a word). FTS syntax in the input (quotes, AND, NEAR, *) is never interpreted."""
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _split_snippet(snippet: str | None) -> tuple[tuple[str, bool], ...]:
    """A snippet's pieces, each with whether it is a match."""
    if not snippet:
        return ()
    pieces: list[tuple[str, bool]] = []
    snippet = snippet.replace(ANSWER_SEPARATOR, " … ")  # a snippet may span two answers
    for index, part in enumerate(re.split(f"[{_MATCH_START}{_MATCH_END}]", snippet)):
        if part:
            pieces.append((part, index % 2 == 1))
    return tuple(pieces)


def _searchable_length(row: dict[str, Any]) -> int:
    return sum(len(row.get(column) or "") for column in SEARCH_COLUMNS)


def _window_snippet(row: dict[str, Any], typed: str) -> tuple[tuple[str, bool], ...]:
    """A snippet for a long entry, like FTS5's: about 16 words around the first place a typed word
    starts (the last may be the start of a word), the words marked; at most 2 × SNIPPET_WINDOW
    characters are looked at once the first match is found."""
    words = _WORD.findall(typed)
    if not words:
        return ()
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*",
        re.IGNORECASE,
    )
    for column in SEARCH_COLUMNS:
        text = (row.get(column) or "").replace(ANSWER_SEPARATOR, " … ")
        first = pattern.search(text)
        if first is None:
            continue
        start, end = max(0, first.start() - SNIPPET_WINDOW), min(len(text), first.end() + SNIPPET_WINDOW)
        window = text[start:end]
        before = _WORD_SPAN.findall(window[: first.start() - start])[-8:]
        after = _WORD_SPAN.findall(window[first.end() - start :])[:7]
        middle = "".join(before) + first.group(0) + "".join(after)
        begins = first.start() - len("".join(before))
        pieces: list[tuple[str, bool]] = [("…", False)] if text[:begins].strip() else []
        cursor = 0
        for match in pattern.finditer(middle):
            if match.start() > cursor:
                pieces.append((middle[cursor : match.start()], False))
            pieces.append((match.group(0), True))
            cursor = match.end()
        if cursor < len(middle):
            pieces.append((middle[cursor:], False))
        if text[begins + len(middle) :].strip():
            pieces.append(("…", False))
        return _merge(pieces)
    head = " ".join((row.get("body") or "")[: 2 * SNIPPET_WINDOW].split()[:16])
    return ((head + "…", False),) if head else ()


_WORD_SPAN = re.compile(r"\W*\w+\W*", re.UNICODE)


def _merge(pieces: list[tuple[str, bool]]) -> tuple[tuple[str, bool], ...]:
    """Neighbouring pieces of the same kind as one."""
    merged: list[tuple[str, bool]] = []
    for text, marked in pieces:
        if merged and merged[-1][1] == marked:
            merged[-1] = (merged[-1][0] + text, marked)
        elif text:
            merged.append((text, marked))
    return tuple(merged)
