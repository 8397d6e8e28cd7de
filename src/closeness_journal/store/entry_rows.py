"""Entries read as rows for a list: the newest page, and a page of word matches with their marked
snippets. `SearchMixin.search_hits` makes its hits from these; `ListReader` gives `list` the same
pages as `core.entry_line.Listed`, without loading the entry model (see `cli/entry_list.py`).

The search index (`entries_fts`, built in `migrations.py`) holds only the entries outside the
trash. What a person types is never read as FTS syntax: `fts_query` quotes every word.
"""

from __future__ import annotations

import json
import re
from datetime import date

from closeness_journal.core.entry_line import Listed, Snippet, first_line, headline
from closeness_journal.store.connection import JournalBase, reading
from closeness_journal.store.migrations import ANSWER_SEPARATOR, SEARCH_COLUMNS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any

RANK_AT_MOST = 500
"""Searches with more matches than this list the newest written first instead of best first."""
SNIPPET_FTS_AT_MOST = 50_000
"""Entries longer than this (characters of searchable text) get a snippet made in Python."""
SNIPPET_WINDOW = 400
"""How many characters either side of the first match the Python snippet looks at."""
# Private-use characters mark matches in FTS snippets; they are split out before display.
_MATCH_START, _MATCH_END = "\ue000", "\ue001"

LIVE = "e.deleted_at IS NULL"
"""The entries outside the trash (on `entries e`)."""


def newest_page(db: Any, where: str, params: list[Any], limit: int, offset: int) -> Any:
    """The rows (as dictionaries) of a page of entries matching `where`, newest first."""
    sql = (
        f"SELECT e.*, NULL AS _snippet FROM entries e WHERE {where} "
        "ORDER BY e.local_date DESC, e.created_at DESC, e.uuid DESC LIMIT ? OFFSET ?"
    )
    return db.query(sql, [*params, limit, offset])


def matches(db: Any, fts_query: str) -> int:
    """How many entries outside the trash match (the index holds no others)."""
    return db.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", [fts_query]).fetchone()[0]


def order_of(matched: int, rank_at_most: int = RANK_AT_MOST) -> str:
    """Best match first, or the newest written first when more than `rank_at_most` match."""
    return "entries_fts.rowid DESC" if matched > rank_at_most else "entries_fts.rank"


def word_page(
    db: Any, fts_query: str, typed: str, order: str, limit: int, offset: int
) -> list[tuple[dict[str, Any], Snippet]]:
    """A page of the entries matching only words, as rows with their snippets. The index holds
    just the entries outside the trash, so the page of matches is found in the index alone, and
    only those rows are read."""
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY {order} LIMIT ? OFFSET ?",
            [fts_query, limit, offset],
        )
    ]
    if not ids:
        return []
    rows = {
        row["id"]: row
        for row in db.query(
            # "+" keeps SQLite on the id look-ups rather than the deleted_at index
            f"SELECT * FROM entries WHERE id IN ({', '.join('?' for _ in ids)}) AND +deleted_at IS NULL", ids
        )
    }
    found = snippets(db, fts_query, typed, ids, rows)
    return [(rows[i], found.get(i, ())) for i in ids if i in rows]


def snippets(
    db: Any, fts_query: str, typed: str, ids: list[int], rows: dict[int, dict[str, Any]]
) -> dict[int, Snippet]:
    """A marked snippet for each of a page's entries. FTS5's snippet() takes time that grows
    faster than the entry's length (over two minutes for one entry of 5 MB), so it is asked
    only for entries up to SNIPPET_FTS_AT_MOST characters; a longer one gets a snippet made
    here from a bounded window around the first match."""
    short = [i for i in ids if i in rows and _searchable_length(rows[i]) <= SNIPPET_FTS_AT_MOST]
    made: dict[int, Snippet] = {i: _window_snippet(rows[i], typed) for i in ids if i in rows and i not in short}
    if short:
        # FTS5 narrows a rowid range quickly (an IN list or rowid = ? it does not), and the
        # page's ids are the matches in their range when newest first, or among at most
        # RANK_AT_MOST matches when best first.
        wanted = set(short)
        for rowid, snippet in db.execute(
            f"SELECT rowid, CASE WHEN rowid IN ({', '.join('?' for _ in short)}) "
            "THEN snippet(entries_fts, -1, ?, ?, '…', 16) END FROM entries_fts "
            "WHERE entries_fts MATCH ? AND rowid BETWEEN ? AND ?",
            [*short, _MATCH_START, _MATCH_END, fts_query, min(short), max(short)],
        ):
            if rowid in wanted:
                made[rowid] = _split_snippet(snippet)
    return made


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
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


def listed_from_row(row: dict[str, Any], snippet: Snippet = ()) -> Listed:
    """A stored row as a list shows it: what `entry_line.listed(entry_from_row(row))` gives
    (`tests/store/test_entry_rows.py` compares the two), without making the `Entry`."""
    return Listed(
        row["uuid"], date.fromisoformat(row["local_date"]), behaviours=_slugs(row["behaviours"]),
        stayed=_slugs(row["stayed"]), acted=row["acted"], flagged=row["flagged_at"] is not None,
        intensity=row["intensity"], who=row["who"] or "", snippet=snippet,
        headline=stored_headline(row["answer_prompts"], row["answers"], row["body"], row["small_step"]),
    )


def stored_headline(prompts: str | None, answers: str | None, body: str | None, small_step: str | None) -> str:
    """An entry's one line (`Entry.headline`) from its stored columns, without the `Entry`: the
    first line of its answers, then of its free writing, else its small step."""
    texts = () if not prompts or prompts == "[]" else (answers or "").split(ANSWER_SEPARATOR)
    return headline(first_line((*texts, body or "")), small_step or "")


def _slugs(stored: str | None) -> tuple[str, ...]:
    return tuple(json.loads(stored) or ()) if stored else ()


class ListReader(JournalBase):
    """The journal opened for `list`'s commonest forms: the newest entries, or those holding some
    words, as `Listed`. Opening it is opening a `Journal`: the same checks of the file and its
    privacy, and a journal that needs migrating is migrated first."""

    @reading
    def listed(self, search: str | None, limit: int) -> list[Listed]:
        """The page `search_hits(EntryFilter(search=search), limit)` finds, newest first (best match
        first when searching)."""
        words = fts_query(search or "")
        if not words:
            return [listed_from_row(row) for row in newest_page(self._db, LIVE, [], limit, 0)]
        order = order_of(matches(self._db, words))
        return [listed_from_row(row, found) for row, found in word_page(self._db, words, search or "", order, limit, 0)]
