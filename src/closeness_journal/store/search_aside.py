"""The search index of a bulk import into a journal without entries, built beside the journal:
a second thread fills an FTS5 index of its own, in memory, on its own connection, while the
journal's connection takes the rows and makes the pattern sums; then the index's tables are
copied into the journal's (empty) index, inside the import's transaction.

Through the journal's one connection, the index was built a batch at a time after each batch of
rows, one statement after another: the connection runs one statement at a time, whichever thread
asks (at 100,000 entries about 2.7 s of indexing after 1.2 s of rows and 0.9 s of sums). Beside
it, the two run at once on the two cores. That needs SQLite not to count its memory in one lock
all threads share (`driver.allocation_counting_off`): with it, two threads' statements ran at
0.7 times the speed of one. (An encrypted journal is indexed the usual way: its index is
SQLCipher's, whose SQLite may be of another version than the one building the index here.)

The copy is only right when the two indexes are the same kind and the journal's was empty: the
same columns and tokenizer (`fits`), every row indexed here got the id the journal gave it (rows
numbered from 1 in an empty table, none left out as already there: `finish` is told), and the
journal's index made anew just before the copy, so that its connection holds nothing of it read
before (FTS5 keeps an index's layout between statements, and a copy written under it wouldn't
be seen). Otherwise the caller indexes the rows the usual way.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

import msgspec

from closeness_journal.store.migrations import SEARCH_COLUMNS, SEARCH_INDEX_SQL

INDEX_SQL = SEARCH_INDEX_SQL
"""The journal's search index as migrations make it; a journal whose index is made otherwise is
indexed the usual way."""

_ASIDE_SQL = INDEX_SQL.replace("TABLE entries_fts", "TABLE aside").replace(
    "content='entries', content_rowid='id'", "content=''"
)
"""The same index without a table of its own to read the text from (the journal's rows are the
text: FTS5 lays out a contentless index as it does one over another table)."""

_TABLES = (("data", "id, block"), ("idx", "segid, term, pgno"), ("docsize", "id, sz"))
"""FTS5's tables that hold the index, and their columns (`config` holds its settings)."""


def _no_nul(value: Any) -> Any:
    return value.replace("\x00", " ") if isinstance(value, str) else value


def fits(db: Any) -> bool:
    """Whether `db`'s search index is the kind this builds, and holds nothing yet."""
    made = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_fts'").fetchone()
    if made is None or made[0] != INDEX_SQL:
        return False
    return db.execute("SELECT NOT EXISTS (SELECT 1 FROM entries_fts_docsize)").fetchone()[0] == 1


class SearchAside:
    """The second thread and its index. `add` hands it rows to index (`(id, *SEARCH_COLUMNS)`),
    `finish` copies the index into the journal's, or says it couldn't (then nothing was copied),
    `abandon` stops it. Leaving the `with` always stops and waits for the thread."""

    def __init__(self, settings: Sequence[tuple[str, Any]], memory: int) -> None:
        """`settings`: the journal's index's (`entries_fts_config`); `memory`: FTS5's "hashsize" here."""
        self._rows: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._kept = list(settings)
        """The journal's index's settings, put back after the copy."""
        self._settings = [(key, value) for key, value in settings if key != "version"] + [("hashsize", memory)]
        self._tables: dict[str, list[tuple[Any, ...]]] = {}
        self._failed: BaseException | None = None
        self._indexed = -1
        """How many rows the index built holds, once built."""
        self._thread = threading.Thread(target=self._build, name="closeness-journal search aside", daemon=True)

    def __enter__(self) -> SearchAside:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.abandon()

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        """Hand over rows to index, as one JSON text: the thread then needs Python's lock once for
        them all, not once a row (handing the lock back and forth a row at a time, the two threads
        went no faster than one)."""
        if rows:
            text = msgspec.json.encode(rows).decode()
            if "\\u0000" in text:  # SQLite's JSON ends a text at a NUL; FTS5 reads one as a space would be
                text = msgspec.json.encode([[_no_nul(value) for value in row] for row in rows]).decode()
            self._rows.put(text)

    def abandon(self) -> None:
        if self._thread.is_alive():
            self._rows.put(None)
            self._thread.join()
        self._tables.clear()

    def finish(self, db: Any, indexed: int) -> bool:
        """Copy the index into `db`'s, made anew for it, if the thread built it whole and it holds
        the `indexed` rows the journal's index should (else False, and `db` is as it was)."""
        self._rows.put(None)
        self._thread.join()
        if self._failed is not None or self._indexed != indexed:
            return False
        db.execute("DROP TABLE entries_fts")
        db.execute(INDEX_SQL)
        db.execute("DELETE FROM entries_fts_data")  # the new index's empty layout: the copy's replaces it
        for name, columns in _TABLES:
            marks = ", ".join("?" for _ in columns.split(", "))
            db.conn.executemany(f"INSERT INTO entries_fts_{name} ({columns}) VALUES ({marks})", self._tables.pop(name))
        db.execute("DELETE FROM entries_fts_config")
        db.conn.executemany("INSERT INTO entries_fts_config (k, v) VALUES (?, ?)", self._kept)
        return True

    def _build(self) -> None:
        rows: str | None = ""
        try:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            try:
                conn.execute(_ASIDE_SQL)
                for key, value in self._settings:  # merging as the journal's index does (m010), in fewer segments
                    conn.execute("INSERT INTO aside (aside, rank) VALUES (?, ?)", [key, value])
                conn.execute("BEGIN")
                values = ", ".join(f"value ->> {i}" for i in range(len(SEARCH_COLUMNS) + 1))
                insert = f"INSERT INTO aside (rowid, {', '.join(SEARCH_COLUMNS)}) SELECT {values} FROM json_each(?)"
                while (rows := self._rows.get()) is not None:
                    conn.execute(insert, [rows])
                conn.execute("COMMIT")
                self._indexed = conn.execute("SELECT count(*) FROM aside_docsize").fetchone()[0]
                for name, columns in _TABLES:
                    self._tables[name] = conn.execute(f"SELECT {columns} FROM aside_{name}").fetchall()
            finally:
                conn.close()
        except BaseException as error:  # told by `finish`: the caller indexes the usual way
            self._failed = error
            while rows is not None:  # what is still handed over is dropped, to the end
                rows = self._rows.get()
