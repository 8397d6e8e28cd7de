"""The journal's store: every SQL statement, the migrations, and row <-> Entry mapping.

One `Journal` owns one SQLite database (through sqlite-utils). Opening it checks that the file
is a journal this version understands, applies pending migrations, and keeps the files private.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from closeness_journal import paths
from closeness_journal.core import archive_format as bf
from closeness_journal.core.entries import Entry, EntryFilter, Revision, SearchHit
from closeness_journal.core.patterns import ClosenessCounts, DayTotals, PatternSource
from closeness_journal.core.review import SavedReview
from closeness_journal.core.vocabulary import BEHAVIOUR_CATEGORY, SABOTAGE, WITHDRAWAL

T = TypeVar("T")
BUSY_TIMEOUT_MS = 10_000
WAL_BACKSTOP_PAGES = 20_000
"""A checkpoint inside a save only if the write-ahead log reaches about 80 MB."""
WAL_SIZE_LIMIT = 64 * 1024 * 1024
"""After a checkpoint the log file is cut back to at most this size."""
RANK_AT_MOST = 500
"""Searches with more matches than this list the newest written first instead of best first."""
FTS_COLUMNS = ("body", "small_step", "who")
# Private-use characters mark matches in FTS snippets; they are split out before display.
_MATCH_START, _MATCH_END = "\ue000", "\ue001"


class JournalError(Exception):
    """A problem with the journal's files that the person should be told about in plain words."""


class DatabaseTooNew(JournalError):
    pass


class NotAJournal(JournalError):
    pass


class EntryNotFound(JournalError):
    pass


# --------------------------------------------------------------------------- migrations
# Append-only: a migration's function name is its identity. Never rename or edit one that
# has shipped; fix mistakes with a new migration.

schema = Migrations("closeness_journal")


@schema()
def m001_entries(db: Database) -> None:
    db["entries"].create(
        {
            "id": int,  # rowid alias: stays stable through table rebuilds, so FTS rows match
            "uuid": str,
            "created_at": str,  # UTC, ISO 8601
            "updated_at": str,
            "local_date": str,  # the person's own calendar day, YYYY-MM-DD
            "prompt_id": str,
            "prompt_text": str,
            "body": str,
            "who": str,
            "relationship": str,
            "kinds": str,  # JSON arrays of slugs
            "behaviours": str,
            "fears": str,
            "intensity": int,
            "close_before": int,
            "small_step": str,
            "predicted": int,
            "outcome": int,
            "private": int,
            "tags": str,
            "withdrawal": int,  # derived from behaviours at write time, for fast aggregates
            "sabotage": int,
            "deleted_at": str,  # set while the entry is in the trash
        },
        pk="id",
        not_null={"uuid", "created_at", "updated_at", "local_date", "body"},
        defaults={
            "body": "",
            "who": "",
            "small_step": "",
            "kinds": "[]",
            "behaviours": "[]",
            "fears": "[]",
            "tags": "[]",
            "close_before": 0,
            "private": 0,
            "withdrawal": 0,
            "sabotage": 0,
        },
    )
    db["entries"].create_index(["uuid"], unique=True)
    db["entries"].create_index(["local_date", "created_at"])
    db["entries"].create_index(["deleted_at"])


@schema()
def m002_revisions(db: Database) -> None:
    db["revisions"].create(
        {"id": int, "entry_uuid": str, "revised_at": str, "data": str},
        pk="id",
        not_null={"entry_uuid", "revised_at", "data"},
    )
    db["revisions"].create_index(["entry_uuid", "revised_at"])


@schema()
def m003_entries_fts(db: Database) -> None:
    _enable_fts(db)


@schema()
def m004_settings_and_drafts(db: Database) -> None:
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["drafts"].create({"key": str, "saved_at": str, "data": str}, pk="key")


@schema()
def m005_entries_page_order_index(db: Database) -> None:
    """History pages by (local_date, created_at, uuid); one index serves the order and the seek."""
    db["entries"].create_index(["local_date", "created_at", "uuid"], if_not_exists=True)
    db.execute("DROP INDEX IF EXISTS idx_entries_local_date_created_at")


@schema()
def m006_weekly_reviews(db: Database) -> None:
    db["reviews"].create(
        {"week": str, "created_at": str, "updated_at": str, "answers": str, "next_step": str},
        pk="week",
        not_null={"created_at", "updated_at", "answers"},
        defaults={"answers": "[]", "next_step": ""},
    )
    db["review_revisions"].create(
        {"id": int, "week": str, "revised_at": str, "data": str}, pk="id", not_null={"week", "data"}
    )


@schema()
def m007_entries_live_page_index(db: Database) -> None:
    """Almost every query asks for entries not in the trash, newest first. With a separate
    index on deleted_at, SQLite chose it, read every row and sorted them (0.5 s a page at
    100,000 entries); one index led by deleted_at serves the filter, the order and the seek."""
    db.execute("DROP INDEX IF EXISTS idx_entries_deleted_at")
    db.execute("DROP INDEX IF EXISTS idx_entries_local_date_created_at_uuid")
    db["entries"].create_index(["deleted_at", "local_date", "created_at", "uuid"], if_not_exists=True)


@schema()
def m008_entries_pattern_index(db: Database) -> None:
    """Patterns and reviews sum a few small columns over a date range. The rows hold the long
    text first, so reading those columns from the table drags in every body; this index holds
    just what the sums need (a year at 100,000 entries: 77 ms -> about 20 ms)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_entries_patterns ON entries (deleted_at, local_date, private, "
        "withdrawal, sabotage, intensity, close_before, predicted, outcome, relationship, who, "
        "behaviours, fears, kinds, small_step)"
    )


@schema()
def m009_search_only_outside_the_trash(db: Database) -> None:
    """The search index holds entries outside the trash only, so counting matches needs no
    look-up in the entries table (a common word at 100,000 entries: 57 ms -> 4 ms)."""
    _create_search_triggers(db)
    _rebuild_search(db)


@schema()
def m010_search_index_merges_when_idle(db: Database) -> None:
    """FTS5 merges its index segments during an insert by default, which made every 64th save
    take 25 ms at 100,000 entries. Merging is left to `tidy()`, which the window runs while
    idle; FTS5 still merges on its own if segments pile up (its "crisismerge")."""
    db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 0)")


def _enable_fts(db: Database) -> None:
    db["entries"].enable_fts(
        FTS_COLUMNS, create_triggers=True, tokenize="porter unicode61", replace=True
    )


_SEARCH_TRIGGERS = {
    "entries_ai": """CREATE TRIGGER entries_ai AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (rowid, body, small_step, who) VALUES (new.id, new.body, new.small_step, new.who);
    END""",
    "entries_ad": """CREATE TRIGGER entries_ad AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, body, small_step, who)
        VALUES ('delete', old.id, old.body, old.small_step, old.who);
    END""",
    # One trigger, two statements in order: the old text leaves the index before the new one
    # comes in (a row only ever leaves the index if it was in it: deleting what an external
    # content FTS5 table never held corrupts it).
    "entries_au": """CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, body, small_step, who)
        SELECT 'delete', old.id, old.body, old.small_step, old.who WHERE old.deleted_at IS NULL;
        INSERT INTO entries_fts (rowid, body, small_step, who)
        SELECT new.id, new.body, new.small_step, new.who WHERE new.deleted_at IS NULL;
    END""",
}


def _create_search_triggers(db: Database) -> None:
    for name, sql in _SEARCH_TRIGGERS.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(sql)


def _rebuild_search(db: Database) -> None:
    """Index every entry outside the trash, from scratch."""
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    db.execute(
        "INSERT INTO entries_fts (entries_fts, rowid, body, small_step, who) "
        "SELECT 'delete', id, body, small_step, who FROM entries WHERE deleted_at IS NOT NULL"
    )


def transform_keeping_search(db: Database, table: str, **changes: Any) -> None:
    """`Table.transform()` for migrations: sqlite-utils drops FTS triggers when it rebuilds a
    table, so put them back and rebuild the index. Every migration that transforms `entries`
    must go through here."""
    db[table].transform(**changes)
    if table == "entries":
        _create_search_triggers(db)
        _rebuild_search(db)


MIGRATION_NAMES = tuple(m.name for m in schema._migrations)


def _reading(method: Callable[..., T]) -> Callable[..., T]:
    """Reads that hit a damaged page say so in plain words instead of raising sqlite3's error."""

    @functools.wraps(method)
    def wrapper(self: Journal, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as error:
            raise JournalError(f"The journal could not be read just now: {error}. Try again.") from None
        except sqlite3.DatabaseError as error:
            raise JournalError(
                f"Part of the journal could not be read ({error}); it may be damaged. "
                "Nothing was changed. A backup copy can be restored."
            ) from None

    return wrapper


# --------------------------------------------------------------------------- opening


def connect(path: Path) -> Database:
    """Open (creating if needed) the database file at `path`, private and checked, not migrated."""
    folder = path.parent
    try:
        paths.ensure_private_dir(folder)
        paths.ensure_private_file(path)
        for side in _side_files(path):
            paths.tighten_if_exists(side)
    except paths.SharedFolder as error:
        raise JournalError(f"I won't keep your journal there: {error}.") from None
    except PermissionError:
        raise JournalError(
            f"I can't use the data folder {folder}: permission denied. "
            "Check its owner and permissions, or choose another with --data-dir."
        ) from None
    except OSError as error:
        raise JournalError(f"I can't use the data folder {folder}: {error.strerror}.") from None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as error:
        raise JournalError(f"I can't open {path}: {error}.") from None
    # No sqlite-utils plugins: nothing installed elsewhere gets to run on a private journal
    # (and start-up skips scanning for them).
    return Database(conn, execute_plugins=False)


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _check_readable_and_version(db: Database, where: str) -> None:
    """Refuse a file that is not a journal, or one written by a newer version, before any write."""
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        tables = set(db.table_names())
        applied: list[str] = []
        if Migrations.migrations_table in tables:
            applied = [m.name for m in schema.applied(db)]
    except sqlite3.DatabaseError:
        raise NotAJournal(
            f"{where} is not a journal database I can read (it may be damaged). "
            "I have left it untouched. If you have a backup, you can restore it from there."
        ) from None
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise DatabaseTooNew(
            f"{where} was written by a newer version of closeness-journal. "
            "I have left it untouched; please update closeness-journal to open it."
        )
    if tables and "entries" not in tables and Migrations.migrations_table not in tables:
        raise NotAJournal(
            f"{where} is an SQLite database, but not a closeness-journal one. I have left it untouched."
        )


class Journal:
    """The journal's entries, revisions, trash, settings and drafts."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self._db = db
        self.path = path
        self._writes = 0
        where = str(path) if path else "the database"
        _check_readable_and_version(db, where)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            # Hardly ever a checkpoint inside a save (SQLite's default, every 1,000 pages, made
            # one save in 64 take 30 ms at 100,000 entries): the window calls tidy() while idle,
            # SQLite checkpoints when the last connection closes, and the backstop bounds the log.
            db.execute(f"PRAGMA wal_autocheckpoint = {WAL_BACKSTOP_PAGES}")
            db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA secure_delete = ON")  # what is deleted for good is overwritten, not left in free pages
        try:
            if schema.pending(db):
                # Under the write lock, so two instances opening a new journal at once don't
                # both try to apply the same migration.
                with self._write():
                    schema.apply(db)
        except sqlite3.Error as error:
            raise JournalError(f"I couldn't bring {where} up to date: {error}.") from None
        if path is not None:
            for side in _side_files(path):
                paths.tighten_if_exists(side)

    @classmethod
    def open(cls, path: Path) -> Journal:
        db = connect(path)
        try:
            return cls(db, path)
        except BaseException:
            db.close()
            raise

    @classmethod
    def in_memory(cls) -> Journal:
        return cls(Database(memory=True, execute_plugins=False))

    def close(self) -> None:
        self._db.close()

    def tidy(self) -> None:
        """Housekeeping kept out of saves: merge some of the search index's segments, and move
        what the write-ahead log holds into the database file without waiting for anyone.
        Neither can lose anything; if the journal is busy it is simply tried again later."""
        try:
            with self._write(changes_data=False) as db:  # housekeeping: screens need not redraw
                db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('merge', 500)")
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except (sqlite3.Error, JournalError):
            pass

    @property
    def db(self) -> Database:
        """The underlying sqlite-utils database (for tests and migrations)."""
        return self._db

    @contextmanager
    def _write(self, changes_data: bool = True) -> Iterator[Database]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so a second
        instance waits (busy timeout) instead of failing when it upgrades a read to a write."""
        conn = self._db.conn
        try:
            if conn.in_transaction:
                with self._db.atomic():
                    yield self._db
            else:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    if conn.in_transaction:
                        conn.rollback()
                    raise
                conn.commit()
                if changes_data:
                    self._writes += 1
        except sqlite3.OperationalError as error:
            message = str(error)
            if "full" in message:
                raise JournalError(
                    "The disk is full, so nothing was saved. Free some space and try again; "
                    "what you wrote is still here."
                ) from None
            if "locked" in message or "busy" in message:
                raise JournalError(
                    "Another copy of closeness-journal is busy writing; nothing was saved. Try again."
                ) from None
            if "readonly" in message:
                raise JournalError("The journal file is read-only, so nothing was saved.") from None
            raise JournalError(f"Nothing was saved: {message}.") from None

    # ------------------------------------------------------------------ entries

    def add(self, entry: Entry, now: datetime | None = None) -> Entry:
        """Save a new entry and return it with its id and times."""
        now = _utc(now)
        entry = replace(
            entry.validated(),
            id=entry.id or str(uuid.uuid4()),
            created_at=now,
            updated_at=now,
            deleted_at=None,
        )
        with self._write() as db:
            db["entries"].insert(_to_row(entry))
        return entry

    def add_many(self, entries: Iterable[tuple[Entry, datetime]]) -> int:
        """Save many new entries, each with the time it was written, in one transaction
        (generated journals, imports). Returns how many."""
        rows = []
        for entry, written in entries:
            written = _utc(written)
            rows.append(
                _to_row(replace(entry.validated(), id=entry.id or str(uuid.uuid4()),
                                created_at=written, updated_at=written, deleted_at=None))
            )
        with self._write() as db:
            db["entries"].insert_all(rows, batch_size=500)
        return len(rows)

    def iter_entries(self, filters: EntryFilter = EntryFilter(), chunk: int = 2000) -> Iterator[Entry]:
        """Every matching entry, oldest first, read a chunk at a time (exports stream through this)."""
        where, params = _filter_sql(filters)
        cursor = self._db.execute(
            f"SELECT e.* FROM entries e WHERE {where} ORDER BY e.local_date, e.created_at, e.uuid", params
        )
        columns = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(chunk):
            for row in rows:
                yield _from_row(dict(zip(columns, row)))

    @_reading
    def get(self, id_or_prefix: str, include_deleted: bool = True) -> Entry:
        """The entry whose id is, or starts with, the given text (at least 4 characters)."""
        key = id_or_prefix.strip().lower()
        if len(key) < 4 or not re.fullmatch(r"[0-9a-f-]+", key):
            raise EntryNotFound(
                f"{id_or_prefix!r} is not an entry id (use at least the first 4 characters)"
            )
        condition = "" if include_deleted else " AND deleted_at IS NULL"
        rows = list(
            self._db.query(
                f"SELECT * FROM entries WHERE uuid >= ? AND uuid < ?{condition} LIMIT 2",
                [key, key + "\uffff"],
            )
        )
        if not rows:
            raise EntryNotFound(f"no entry has the id {id_or_prefix!r}")
        if len(rows) > 1 and rows[0]["uuid"] != key:
            raise EntryNotFound(
                f"more than one entry starts with {id_or_prefix!r}; give more of the id"
            )
        return _from_row(rows[0])

    def update(self, entry: Entry, now: datetime | None = None) -> Entry:
        """Replace an entry's content, keeping the previous version as a revision."""
        if entry.id is None:
            raise ValueError("update() needs an entry that has an id")
        now = _utc(now)
        cleaned = entry.validated()
        with self._write() as db:
            previous = self.get(entry.id)
            if _content_equal(previous, cleaned):
                return previous
            db["revisions"].insert(
                {
                    "entry_uuid": previous.id,
                    "revised_at": now.isoformat(),
                    "data": json.dumps(previous.to_json(), ensure_ascii=False),
                }
            )
            updated = replace(
                cleaned,
                id=previous.id,
                created_at=previous.created_at,
                updated_at=now,
                deleted_at=previous.deleted_at,
            )
            row = _to_row(updated)
            db.execute(
                "UPDATE entries SET "
                + ", ".join(f"{column} = :{column}" for column in row if column != "uuid")
                + " WHERE uuid = :uuid",
                row,
            )
        return updated

    @_reading
    def revisions(self, entry_id: str) -> list[Revision]:
        """Earlier versions of an entry, oldest first."""
        entry = self.get(entry_id)
        return [
            _revision_from_row(row)
            for row in self._db.query(
                "SELECT * FROM revisions WHERE entry_uuid = ? ORDER BY revised_at, id", [entry.id]
            )
        ]

    def delete(self, entry_id: str, now: datetime | None = None) -> Entry:
        """Move an entry to the trash (it can be restored until the trash is emptied)."""
        entry = self.get(entry_id, include_deleted=False)
        stamp = _utc(now).isoformat()
        with self._write() as db:
            db.execute("UPDATE entries SET deleted_at = ? WHERE uuid = ?", [stamp, entry.id])
        return replace(entry, deleted_at=datetime.fromisoformat(stamp))

    def restore(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        if entry.deleted_at is None:
            raise EntryNotFound(f"the entry {entry.id} is not in the trash")
        with self._write() as db:
            db.execute("UPDATE entries SET deleted_at = NULL WHERE uuid = ?", [entry.id])
        return replace(entry, deleted_at=None)

    @_reading
    def trash(self, limit: int = -1, offset: int = 0) -> list[Entry]:
        """Entries in the trash, most recently deleted first (a page of them, or all)."""
        return [
            _from_row(row)
            for row in self._db.query(
                "SELECT * FROM entries WHERE deleted_at IS NOT NULL "
                "ORDER BY deleted_at DESC, id DESC LIMIT ? OFFSET ?",
                [limit, offset],
            )
        ]

    @_reading
    def trash_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL").fetchone()[0]

    @_reading
    def revision_count(self, entry_id: str) -> int:
        return self._db.execute(
            "SELECT count(*) FROM revisions WHERE entry_uuid = ?", [entry_id]
        ).fetchone()[0]

    def empty_trash(self, only: list[str] | None = None) -> int:
        """Delete entries in the trash for good, with their revisions and unsaved edits.
        `only` limits it to those ids (what the person saw when they confirmed). Returns how many."""
        chosen = "deleted_at IS NOT NULL"
        params: list[str] = []
        if only is not None:
            chosen += f" AND uuid IN ({', '.join('?' for _ in only)})"
            params = list(only)
        with self._write() as db:
            doomed = f"SELECT uuid FROM entries WHERE {chosen}"
            db.execute(f"DELETE FROM revisions WHERE entry_uuid IN ({doomed})", params)
            db.execute(f"DELETE FROM drafts WHERE key IN (SELECT 'edit:' || uuid FROM entries WHERE {chosen})", params)
            cursor = db.execute(f"DELETE FROM entries WHERE {chosen}", params)
            # The search index keeps deleted words in old segments until they are merged;
            # "for good" means rewriting it now, so the words are gone from the file too.
            db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")
        return cursor.rowcount

    # ------------------------------------------------------------------ listing and search

    @_reading
    def entries(
        self, filters: EntryFilter = EntryFilter(), limit: int = 50, offset: int = 0, after: Entry | None = None
    ) -> list[Entry]:
        """A page of entries matching `filters`, newest first (best match first when searching).

        `after` pages from the given entry onwards (newest-first order, not searches): unlike
        an offset, it neither repeats nor skips rows when another window adds or deletes one."""
        if after is not None and not filters.search:
            assert after.created_at is not None and after.id is not None
            where, params = _filter_sql(filters)
            sql = (
                f"SELECT e.* FROM entries e WHERE {where} AND (e.local_date, e.created_at, e.uuid) < (?, ?, ?) "
                "ORDER BY e.local_date DESC, e.created_at DESC, e.uuid DESC LIMIT ?"
            )
            params += [after.local_date.isoformat(), after.created_at.isoformat(), after.id, limit]
            return [_from_row(row) for row in self._db.query(sql, params)]
        return [hit.entry for hit in self.search_hits(filters, limit, offset)]

    @_reading
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
            return [SearchHit(_from_row(row)) for row in self._db.query(sql, [*params, limit, offset])]
        order = "entries_fts.rowid DESC" if self._matches(fts_query) > RANK_AT_MOST else "entries_fts.rank"
        marks = [_MATCH_START, _MATCH_END]
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
            # Snippets for just that page: FTS5 narrows a rowid range quickly (an IN list or
            # rowid = ? it does not), and the page's ids are the matches in their range when
            # newest first, or among at most RANK_AT_MOST matches when best first.
            wanted = set(ids)
            snippets = {
                rowid: snippet
                for rowid, snippet in self._db.execute(
                    f"SELECT rowid, CASE WHEN rowid IN ({', '.join('?' for _ in ids)}) "
                    "THEN snippet(entries_fts, -1, ?, ?, '…', 16) END FROM entries_fts "
                    "WHERE entries_fts MATCH ? AND rowid BETWEEN ? AND ?",
                    [*ids, *marks, fts_query, min(ids), max(ids)],
                )
                if rowid in wanted
            }
            rows = {
                row["id"]: row
                for row in self._db.query(
                    # "+" keeps SQLite on the id look-ups rather than the deleted_at index
                    f"SELECT * FROM entries WHERE id IN ({', '.join('?' for _ in ids)}) AND +deleted_at IS NULL", ids
                )
            }
            return [SearchHit(_from_row(rows[i]), _split_snippet(snippets.get(i))) for i in ids if i in rows]
        sql = (
            "SELECT e.*, snippet(entries_fts, -1, ?, ?, '…', 16) AS _snippet "
            "FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
            f"WHERE entries_fts MATCH ? AND {where} ORDER BY {order}, e.local_date DESC LIMIT ? OFFSET ?"
        )
        return [
            SearchHit(_from_row(row), _split_snippet(row["_snippet"]))
            for row in self._db.query(sql, [*marks, fts_query, *params, limit, offset])
        ]

    def _matches(self, fts_query: str) -> int:
        """How many entries outside the trash match (the index holds no others)."""
        return self._db.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", [fts_query]).fetchone()[0]

    @_reading
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

    # ------------------------------------------------------------------ patterns

    @_reading
    def first_entry_date(self) -> date | None:
        row = self._db.execute("SELECT min(local_date) FROM entries WHERE deleted_at IS NULL").fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    @_reading
    def pattern_source(self, since: date, until: date, include_private: bool = True) -> PatternSource:
        """Day sums and breakdown counts over [since, until], all aggregated in SQL."""
        where = "deleted_at IS NULL AND local_date BETWEEN ? AND ?" + ("" if include_private else " AND private = 0")
        span = [since.isoformat(), until.isoformat()]
        planned = "predicted IS NOT NULL AND outcome IS NOT NULL"
        days = tuple(
            DayTotals(date.fromisoformat(row[0]), *row[1:])
            for row in self._db.execute(
                "SELECT local_date, count(*), sum(withdrawal), sum(sabotage), "
                "coalesce(sum(intensity), 0), count(intensity), sum(small_step != ''), "
                f"sum({planned}), coalesce(sum(CASE WHEN {planned} THEN predicted END), 0), "
                f"coalesce(sum(CASE WHEN {planned} THEN outcome END), 0) "
                f"FROM entries WHERE {where} GROUP BY local_date ORDER BY local_date",
                span,
            )
        )

        def each(column: str) -> dict[str, int]:
            return dict(
                self._db.execute(
                    f"SELECT j.value, count(*) FROM entries, json_each(entries.{column}) AS j "
                    f"WHERE {where} GROUP BY j.value",
                    span,
                ).fetchall()
            )

        relationships = dict(
            self._db.execute(
                f"SELECT relationship, count(*) FROM entries WHERE {where} AND relationship IS NOT NULL "
                "GROUP BY relationship",
                span,
            ).fetchall()
        )
        people = dict(
            self._db.execute(
                f"SELECT min(who), count(*) FROM entries WHERE {where} AND who != '' "
                "GROUP BY lower(who) ORDER BY count(*) DESC LIMIT 10",
                span,
            ).fetchall()
        )
        away = "(withdrawal = 1 OR sabotage = 1)"
        row = self._db.execute(
            f"SELECT coalesce(sum({away}), 0), coalesce(sum({away} AND close_before = 1), 0), "
            f"coalesce(sum(close_before = 1 AND NOT {away}), 0) FROM entries WHERE {where}",
            span,
        ).fetchone()
        return PatternSource(
            days=days,
            behaviours=each("behaviours"),
            fears=each("fears"),
            relationships=relationships,
            kinds=each("kinds"),
            people=people,
            closeness=ClosenessCounts(*row),
        )

    # ------------------------------------------------------------------ weekly reviews

    def save_review(self, review: SavedReview, now: datetime | None = None) -> SavedReview:
        """Save a week's answers; an earlier version of that week's review is kept."""
        stamp = _utc(now).isoformat()
        data = review.to_json()
        with self._write() as db:
            rows = list(db.query("SELECT * FROM reviews WHERE week = ?", [review.week]))
            created = stamp
            if rows:
                previous = _review_from_row(rows[0])
                created = previous.created_at or stamp
                db["review_revisions"].insert(
                    {"week": review.week, "revised_at": stamp, "data": json.dumps(previous.to_json(), ensure_ascii=False)}
                )
            db["reviews"].upsert(
                {
                    "week": review.week,
                    "created_at": created,
                    "updated_at": stamp,
                    "answers": json.dumps(data["answers"], ensure_ascii=False),
                    "next_step": review.next_step,
                },
                pk="week",
            )
        return replace(review, created_at=created, updated_at=stamp)

    @_reading
    def review(self, week: str) -> SavedReview | None:
        rows = list(self._db.query("SELECT * FROM reviews WHERE week = ?", [week]))
        return _review_from_row(rows[0]) if rows else None

    @_reading
    def reviews(self, limit: int = -1, offset: int = 0, since: str | None = None, until: str | None = None) -> list[SavedReview]:
        """Saved reviews, newest week first (optionally only weeks in [since, until])."""
        clauses, params = ["1"], []
        if since:
            clauses.append("week >= ?")
            params.append(since)
        if until:
            clauses.append("week <= ?")
            params.append(until)
        return [
            _review_from_row(row)
            for row in self._db.query(
                f"SELECT * FROM reviews WHERE {' AND '.join(clauses)} ORDER BY week DESC LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]

    @_reading
    def review_revision_count(self, week: str) -> int:
        return self._db.execute("SELECT count(*) FROM review_revisions WHERE week = ?", [week]).fetchone()[0]

    # ------------------------------------------------------------------ backup and import

    @_reading
    def dump(self) -> bf.Backup:
        """Everything in the journal, in a stable order (entries oldest first)."""
        backup = bf.Backup()
        backup.entries = [
            _from_row(row) for row in self._db.query("SELECT * FROM entries ORDER BY local_date, created_at, uuid")
        ]
        backup.revisions = [
            _revision_from_row(row)
            for row in self._db.query("SELECT * FROM revisions ORDER BY entry_uuid, revised_at, id")
        ]
        backup.reviews = [_review_from_row(row) for row in self._db.query("SELECT * FROM reviews ORDER BY week")]
        backup.review_revisions = [
            bf.ReviewRevision(row["week"], row["revised_at"], bf.read_review(json.loads(row["data"]), "review"))
            for row in self._db.query("SELECT * FROM review_revisions ORDER BY week, revised_at, id")
        ]
        backup.settings = {row["key"]: json.loads(row["value"]) for row in self._db.query("SELECT * FROM settings")}
        backup.drafts = [
            bf.Draft(row["key"], row["saved_at"], json.loads(row["data"]))
            for row in self._db.query("SELECT * FROM drafts ORDER BY key")
        ]
        return backup

    def merge(self, backup: bf.Backup) -> dict[str, int]:
        """Add what the journal doesn't have yet (matched by id, week or key), all in one
        transaction: a failure adds nothing. Importing the same backup twice adds nothing."""
        added = {"entries": 0, "revisions": 0, "reviews": 0, "settings": 0, "drafts": 0}
        with self._write() as db:
            for entry in backup.entries:
                row = _to_row(entry)
                cursor = db.execute(
                    f"INSERT OR IGNORE INTO entries ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                    list(row.values()),
                )
                added["entries"] += cursor.rowcount
            added["revisions"] = _insert_missing_versions(
                db, "revisions", "entry_uuid",
                [(r.entry_id, r.revised_at.isoformat(), r.entry.to_json()) for r in backup.revisions],
            )
            for review in backup.reviews:
                data = review.to_json()
                cursor = db.execute(
                    "INSERT OR IGNORE INTO reviews (week, created_at, updated_at, answers, next_step) VALUES (?, ?, ?, ?, ?)",
                    [review.week, review.created_at or _utc(None).isoformat(), review.updated_at or _utc(None).isoformat(),
                     json.dumps(data["answers"], ensure_ascii=False), review.next_step],
                )
                added["reviews"] += cursor.rowcount
            _insert_missing_versions(
                db, "review_revisions", "week",
                [(r.week, r.revised_at, r.review.to_json()) for r in backup.review_revisions],
            )
            for key, value in backup.settings.items():
                cursor = db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [key, json.dumps(value)])
                added["settings"] += cursor.rowcount
            for draft in backup.drafts:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO drafts (key, saved_at, data) VALUES (?, ?, ?)",
                    [draft.key, draft.saved_at, json.dumps(draft.data)],
                )
                added["drafts"] += cursor.rowcount
        return added

    @_reading
    def names_with_relationships(self) -> dict[str, str | None]:
        """Each name written in "who" (as first written), with its most used relationship."""
        names: dict[str, str | None] = {}
        for who, relationship in self._db.execute(
            "SELECT min(who), (SELECT relationship FROM entries AS inner_e WHERE lower(inner_e.who) = lower(e.who) "
            "AND relationship IS NOT NULL GROUP BY relationship ORDER BY count(*) DESC LIMIT 1) "
            "FROM entries AS e WHERE who != '' GROUP BY lower(who)"
        ):
            names[who] = relationship
        return names

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the whole journal (what is still in the WAL included) via SQLite's
        online backup, written to a temporary file (0600) that is checked and then renamed."""
        temporary = target.with_name(f".{target.name}.partial")
        paths.ensure_private_file(temporary)
        try:
            copy = sqlite3.connect(temporary)
            try:
                self._db.conn.backup(copy)
                result = copy.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                copy.close()
            if result != "ok":
                raise JournalError(f"The backup copy did not check out ({result}); the old backup is untouched.")
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    # ------------------------------------------------------------------ settings and drafts

    @_reading
    def setting(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as db:
            db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")

    def save_draft(self, key: str, data: dict[str, Any], now: datetime | None = None) -> None:
        """Keep unsaved work (the TUI's form) so a crash or a closed terminal loses nothing."""
        with self._write() as db:
            db["drafts"].upsert(
                {"key": key, "saved_at": _utc(now).isoformat(), "data": json.dumps(data)}, pk="key"
            )

    @_reading
    def draft(self, key: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT data FROM drafts WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else None

    def discard_draft(self, key: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE key = ?", [key])

    def change_token(self) -> tuple[int, int]:
        """Changes whenever this or another window writes: screens redraw only when it moves."""
        return self._writes, self._db.execute("PRAGMA data_version").fetchone()[0]

    def drafts(self, prefix: str) -> list[tuple[str, dict[str, Any]]]:
        """Every draft whose key is `prefix` or starts with `prefix:`, oldest first."""
        return [
            (row[0], json.loads(row[1]))
            for row in self._db.execute(
                "SELECT key, data FROM drafts WHERE key = ? OR key LIKE ? ORDER BY saved_at",
                [prefix, prefix + ":%"],
            )
        ]

    def schema_version(self) -> int:
        """How many of this version's migrations have been applied."""
        return len(schema.applied(self._db))


# --------------------------------------------------------------------------- helpers


def _insert_missing_versions(db: Database, table: str, owner: str, versions: list[tuple[str, str, Any]]) -> int:
    """Add earlier versions (owner, revised_at, data) not already kept; returns how many."""
    seen = {tuple(row) for row in db.execute(f"SELECT {owner}, revised_at FROM {table}")}
    added = 0
    for key, revised_at, data in versions:
        if (key, revised_at) not in seen:
            db.execute(
                f"INSERT INTO {table} ({owner}, revised_at, data) VALUES (?, ?, ?)",
                [key, revised_at, json.dumps(data, ensure_ascii=False)],
            )
            seen.add((key, revised_at))
            added += 1
    return added


def _revision_from_row(row: dict[str, Any]) -> Revision:
    return Revision(
        entry_id=row["entry_uuid"],
        revised_at=datetime.fromisoformat(row["revised_at"]),
        entry=Entry.from_json(json.loads(row["data"])),
    )


def _review_from_row(row: dict[str, Any]) -> SavedReview:
    items = json.loads(row["answers"] or "[]")
    return SavedReview(
        week=row["week"],
        answers={item["prompt_id"]: item["answer"] for item in items},
        questions={item["prompt_id"]: item.get("question", "") for item in items},
        next_step=row["next_step"] or "",
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("times given to the journal must be timezone-aware")
    return now.astimezone(timezone.utc)


def _content_equal(a: Entry, b: Entry) -> bool:
    ignore = {"id", "created_at", "updated_at", "deleted_at"}
    return {k: v for k, v in a.to_json().items() if k not in ignore} == {
        k: v for k, v in b.to_json().items() if k not in ignore
    }


def _to_row(entry: Entry) -> dict[str, Any]:
    assert entry.id and entry.created_at and entry.updated_at
    categories = {BEHAVIOUR_CATEGORY[b] for b in entry.behaviours}
    return {
        "uuid": entry.id,
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
        "local_date": entry.local_date.isoformat(),
        "prompt_id": entry.prompt_id,
        "prompt_text": entry.prompt_text,
        "body": entry.body,
        "who": entry.who,
        "relationship": entry.relationship,
        "kinds": json.dumps(list(entry.kinds)),
        "behaviours": json.dumps(list(entry.behaviours)),
        "fears": json.dumps(list(entry.fears)),
        "intensity": entry.intensity,
        "close_before": int(entry.close_before),
        "small_step": entry.small_step,
        "predicted": entry.predicted,
        "outcome": entry.outcome,
        "private": int(entry.private),
        "tags": json.dumps(list(entry.tags), ensure_ascii=False),
        "withdrawal": int(WITHDRAWAL in categories),
        "sabotage": int(SABOTAGE in categories),
        "deleted_at": entry.deleted_at.isoformat() if entry.deleted_at else None,
    }


def _slug_list(stored: str | None) -> tuple[str, ...]:
    """A stored JSON list of slugs ("a-z" and "-" only, checked before they are stored), read
    without the JSON parser: reading a whole journal does this three times an entry."""
    if not stored or stored == "[]":
        return ()
    parts = stored[2:-2].split('", "')
    if stored.count('"') != 2 * len(parts) or "\\" in stored or not stored.startswith('["'):
        return tuple(json.loads(stored) or ())  # not written by json.dumps as expected
    return tuple(parts)


def _text_list(stored: str | None) -> tuple[str, ...]:
    """A stored JSON list of free text (tags)."""
    return () if not stored or stored == "[]" else tuple(json.loads(stored))


def _from_row(row: dict[str, Any]) -> Entry:
    """An Entry from a stored row. Rows were validated when they were written, so this skips
    the dataclass's __init__ (20 frozen fields cost 4 µs an entry: 0.15 s for a 36,500-entry
    export); every field is still set here, and the object is as immutable as any other."""
    entry = object.__new__(Entry)
    entry.__dict__.update(
        id=row["uuid"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        local_date=date.fromisoformat(row["local_date"]),
        prompt_id=row["prompt_id"],
        prompt_text=row["prompt_text"],
        body=row["body"] or "",
        who=row["who"] or "",
        relationship=row["relationship"],
        kinds=_slug_list(row["kinds"]),
        behaviours=_slug_list(row["behaviours"]),
        fears=_slug_list(row["fears"]),
        intensity=row["intensity"],
        close_before=bool(row["close_before"]),
        small_step=row["small_step"] or "",
        predicted=row["predicted"],
        outcome=row["outcome"],
        private=bool(row["private"]),
        tags=_text_list(row["tags"]),
        deleted_at=datetime.fromisoformat(row["deleted_at"]) if row["deleted_at"] else None,
    )
    return entry


def _filter_sql(filters: EntryFilter) -> tuple[str, list[Any]]:
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
    if not filters.include_private:
        clauses.append("e.private = 0")
    return " AND ".join(clauses), params


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
    if not snippet:
        return ()
    pieces: list[tuple[str, bool]] = []
    for index, part in enumerate(re.split(f"[{_MATCH_START}{_MATCH_END}]", snippet)):
        if part:
            pieces.append((part, index % 2 == 1))
    return tuple(pieces)
