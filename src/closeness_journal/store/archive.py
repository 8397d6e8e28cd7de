"""The whole journal at once: everything in it as one `Backup` (what the JSON archive holds),
merging such an archive in, and the SQLite backup copy."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from closeness_journal.core import archive_format
    from closeness_journal.core.entries import Entry, Revision

from closeness_journal import paths, private_files
from closeness_journal.store import driver, pattern_sums
from closeness_journal.store.connection import JournalBase, reading, utc
from closeness_journal.store.entries import entry_from_row, revision_from_row
from closeness_journal.store.entry_insert import ROW_COLUMNS, entry_rows
from closeness_journal.store.errors import DiskFull, JournalError
from closeness_journal.store.exercises import dump_rounds, merge_rounds
from closeness_journal.store.ladder import rung_from_row, rung_to_row
from closeness_journal.store.migrations import SEARCH_COLUMNS
from closeness_journal.store.reviews import review_from_row


class ArchiveMixin(JournalBase):
    """`Journal`'s dump, merge and backup copy."""

    @reading
    def dump(self, entries: bool = True) -> archive_format.Backup:
        """Everything in the journal, in a stable order (entries oldest first); without `entries`,
        everything but the entries and their revisions."""
        from closeness_journal.core import archive_format

        backup = archive_format.Backup()
        if entries:
            backup.entries = list(self._entries_to_dump())
            backup.revisions = list(self._revisions_to_dump())
        backup.reviews = [review_from_row(row) for row in self._db.query("SELECT * FROM reviews ORDER BY week")]
        backup.review_revisions = [
            archive_format.ReviewRevision(
                row["week"], row["revised_at"], archive_format.read_review(json.loads(row["data"]), "review")
            )
            for row in self._db.query("SELECT * FROM review_revisions ORDER BY week, revised_at, id")
        ]
        backup.rungs = [rung_from_row(row) for row in self._db.query("SELECT * FROM rungs ORDER BY created_at, uuid")]
        backup.settings = {row["key"]: json.loads(row["value"]) for row in self._db.query("SELECT * FROM settings")}
        backup.drafts = [
            archive_format.Draft(row["key"], row["saved_at"], json.loads(row["data"]))
            for row in self._db.query("SELECT * FROM drafts ORDER BY key")
        ]
        backup.exercises = dump_rounds(self._db)
        return backup

    def _entries_to_dump(self) -> Iterator[Entry]:
        for row in self._db.query("SELECT * FROM entries ORDER BY local_date, created_at, uuid"):
            yield entry_from_row(row)

    def _revisions_to_dump(self) -> Iterator[Revision]:
        for row in self._db.query("SELECT * FROM revisions ORDER BY entry_uuid, revised_at, id"):
            yield revision_from_row(row)

    def merge(self, backup: archive_format.Backup, progress: archive_format.Tell | None = None) -> dict[str, int]:
        """Add what the journal doesn't have yet (matched by id, week or key), all in one
        transaction: a failure adds nothing. Importing the same backup twice adds nothing.
        `progress` is told how the entries go in."""
        from closeness_journal.core import archive_format

        added = {"entries": 0, "revisions": 0, "reviews": 0, "settings": 0, "drafts": 0, "exercises": 0, "rungs": 0}
        with archive_format.collector_paused(), _written_once(self, len(backup.entries)), self._write() as db:
            for rung in backup.rungs:
                row = rung_to_row(rung)
                cursor = db.execute(
                    f"INSERT OR IGNORE INTO rungs ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                    list(row.values()),
                )
                added["rungs"] += cursor.rowcount
            added["entries"] = _insert_entries(
                db, backup.entries, progress, behind=self.path is not None,
                # beside, on a second connection: where two threads can run SQLite at once
                aside=self.path is not None and self.key is None and driver.allocation_counting_off(),
            )
            added["revisions"] = _insert_missing_versions(
                db, "revisions", "entry_uuid",
                [(r.entry_id, r.revised_at.isoformat(), r.entry.to_json()) for r in backup.revisions],
            )
            for review in backup.reviews:
                data = review.to_json()
                created = review.created_at or utc(None).isoformat()
                updated = review.updated_at or utc(None).isoformat()
                cursor = db.execute(
                    "INSERT OR IGNORE INTO reviews (week, created_at, updated_at, answers, next_step, next_rung) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [review.week, created, updated, json.dumps(data["answers"], ensure_ascii=False), review.next_step,
                     review.next_rung],
                )
                added["reviews"] += cursor.rowcount
            _insert_missing_versions(
                db, "review_revisions", "week",
                [(r.week, r.revised_at, r.review.to_json()) for r in backup.review_revisions],
            )
            for key, value in backup.settings.items():
                cursor = db.execute(
                    "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [key, json.dumps(value)]
                )
                added["settings"] += cursor.rowcount
            for draft in backup.drafts:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO drafts (key, saved_at, data) VALUES (?, ?, ?)",
                    [draft.key, draft.saved_at, json.dumps(draft.data)],
                )
                added["drafts"] += cursor.rowcount
            added["exercises"] = merge_rounds(db, backup.exercises)
        return added

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the whole journal (what is still in the WAL included) via SQLite's
        online backup, written to a temporary file (0600) that is checked and then renamed. The
        copy is one self-contained file (no write-ahead log of its own), encrypted with the
        journal's key when the journal is encrypted."""
        data_dir = self.path.parent if self.path is not None else None
        try:
            with private_files.partial_file(target, data_dir) as temporary:
                paths.ensure_private_file(temporary)
                copy = driver.connect(temporary, self.key)
                try:
                    self._db.conn.backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")
                    result = copy.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    copy.close()
                if result != "ok":
                    raise JournalError(f"The backup copy did not check out ({result}); the old backup is untouched.")
                os.replace(temporary, target)
        except driver.Error as error:
            if getattr(error, "sqlite_errorname", "") == "SQLITE_FULL" or "full" in str(error):
                raise DiskFull(f"The disk is full, so the backup {target} could not be made.") from None
            raise JournalError(f"The backup {target} could not be made: {error}.") from None

    @reading
    def integrity_problems(self, most: int = 5) -> list[str]:
        """What SQLite's own check and the search index's check find wrong (empty when all is well)."""
        found = [row[0] for row in self._db.execute(f"PRAGMA integrity_check({int(most)})")]
        problems = [] if found == ["ok"] else [f"the database: {line}" for line in found]
        try:
            with self._write(changes_data=False) as db:
                db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
        except driver.DatabaseError as error:
            problems.append(f"the search index: {error}")
        else:
            indexed = self._db.execute("SELECT count(*) FROM entries_fts_docsize").fetchone()[0]
            outside_trash = self._db.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0]
            if indexed != outside_trash:
                problems.append(
                    f"the search index holds {indexed:,} entries but {outside_trash:,} are outside the trash"
                )
        return problems

    @reading
    def last_change(self) -> datetime | None:
        """When anything was last written, deleted or reviewed (None for a journal never written)."""
        latest = self._db.execute(
            "SELECT max(m) FROM (SELECT max(updated_at) AS m FROM entries UNION ALL "
            "SELECT max(deleted_at) FROM entries UNION ALL SELECT max(updated_at) FROM reviews)"
        ).fetchone()[0]
        try:
            return datetime.fromisoformat(latest) if latest else None
        except ValueError:
            return None

    @reading
    def draft_rows(self) -> list[tuple[str, str, Any]]:
        """Every draft as (key, saved_at, data), oldest first, with data as stored (parsed JSON, or
        the raw text when it isn't JSON): for checking them, not for using them."""
        rows = []
        for key, saved_at, data in self._db.execute("SELECT key, saved_at, data FROM drafts ORDER BY saved_at"):
            try:
                value = json.loads(data)
            except (TypeError, ValueError):
                value = data
            rows.append((key, saved_at, value))
        return rows


BULK_AT_LEAST = 200
"""From this many entries on, the search index is filled a batch at a time after the rows go in,
rather than by its trigger row by row (36,500 entries: about 5 s -> 3 s)."""
BATCH = 10_000
"""The entries added, then indexed for search, at a time in a bulk merge."""


def _insert_entries(
    db: Any, entries: Sequence[Entry], progress: archive_format.Tell | None = None, behind: bool = False,
    aside: bool = False,
) -> int:
    """Insert the entries the journal doesn't have yet (by id); how many were added. For many, the
    insert trigger of the search index is set aside and the new rows (outside the trash, as the
    trigger would) indexed a batch at a time after the rows go in, then the trigger is put back
    exactly as it was: all inside the caller's transaction, so a failure leaves index and table as
    they were. `behind` (a journal file, whose connection may be used from another thread): each
    batch is indexed by a second thread while the next batch's rows are made (SQLite works without
    Python's lock). `aside` (the same, with two threads able to run SQLite at once): into a journal
    with no entries, the index is built beside it by a second thread on its own connection while
    the rows go in, and copied in at the end (`search_aside`)."""
    if not entries:
        return 0
    sql = f"INSERT OR IGNORE INTO entries ({', '.join(ROW_COLUMNS)}) VALUES ({', '.join('?' for _ in ROW_COLUMNS)})"
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'entries_ai'").fetchone()
    if len(entries) < BULK_AT_LEAST or trigger is None:
        return _each(db, sql, entry_rows(entries), len(entries), progress)
    db.execute("DROP TRIGGER entries_ai")
    first = db.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
    from closeness_journal.store import search_aside  # msgspec and all: only for an import

    if aside and first == 0 and search_aside.fits(db):
        added = _inserted_aside(db, sql, entries, progress)
    else:
        added = _inserted_behind(db, sql, entries, progress, behind, first)
    db.execute(trigger[0])
    return added


def _inserted_behind(
    db: Any, sql: str, entries: Sequence[Entry], progress: archive_format.Tell | None, behind: bool, last: int
) -> int:
    """The rows in, a batch at a time, each batch then indexed on the same connection (see above)."""
    # the kept pattern sums too: one pass at the end, not a trigger a row
    with pattern_sums.added_in_bulk(db), _search_memory(db, SEARCH_MEMORY), _Behind(behind) as indexing:
        added = done = 0
        rows = entry_rows(entries)
        while batch := list(itertools.islice(rows, BATCH)):  # made while the last batch is indexed
            indexing.wait()
            added += _each(db, sql, iter(batch), len(entries), progress, done)
            done += len(batch)
            top = db.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
            indexing.run(db.conn.execute, _INDEX_NEW, (last, top))
            last = top
        indexing.wait()
        if progress is not None:
            progress("Indexing for search", len(entries), len(entries))
    return added


_SEARCHED = tuple(ROW_COLUMNS.index(column) for column in SEARCH_COLUMNS)
_DELETED = ROW_COLUMNS.index("deleted_at")


def _inserted_aside(db: Any, sql: str, entries: Sequence[Entry], progress: archive_format.Tell | None) -> int:
    """The rows in, into a journal with no entries (so numbered from 1, in order, as long as none
    is left out), while `search_aside` indexes them; its index copied in at the end, or, if any row
    was left out or it failed, the rows indexed here. A row's share of the pattern sums is added
    while the index is still being built."""
    from closeness_journal.store import search_aside

    settings = db.execute("SELECT k, v FROM entries_fts_config").fetchall()
    added = done = indexed = 0
    with search_aside.SearchAside(settings, SEARCH_MEMORY) as index:
        with pattern_sums.added_in_bulk(db):
            rows = entry_rows(entries)
            searched, deleted = _SEARCHED, _DELETED
            while batch := list(itertools.islice(rows, BATCH)):
                if added == done:  # handed over first, to be indexed while the rows go in: as long as none
                    texts = [       # was left out, they are numbered as they come
                        (number, *[row[i] for i in searched])
                        for number, row in enumerate(batch, done + 1) if row[deleted] is None
                    ]
                    indexed += len(texts)
                    index.add(texts)
                added += _each(db, sql, iter(batch), len(entries), progress, done)
                done += len(batch)
        if progress is not None:
            progress("Indexing for search", len(entries), len(entries))
        if added == done and indexed and index.finish(db, indexed):  # (none: nothing to copy)
            return added
    with _search_memory(db, SEARCH_MEMORY):
        db.execute(_INDEX_NEW, (0, db.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]))
    return added


_INDEX_NEW = (
    f"INSERT INTO entries_fts (rowid, {', '.join(SEARCH_COLUMNS)}) SELECT id, {', '.join(SEARCH_COLUMNS)} "
    "FROM entries WHERE id > ? AND id <= ? AND deleted_at IS NULL ORDER BY id"
)
"""The rows added between two ids, outside the trash, into the search index."""


class _Behind:
    """One statement at a time run by a second thread (or, without `threaded`, at once), so Python
    can make the next rows meanwhile. `wait` waits for it and raises what it raised; leaving the
    `with` always waits first, so the transaction is never rolled back under a running statement."""

    def __init__(self, threaded: bool) -> None:
        self.threaded = threaded
        self.thread: threading.Thread | None = None
        self.failed: BaseException | None = None

    def __enter__(self) -> _Behind:
        return self

    def run(self, call: Callable[..., Any], *args: Any) -> None:
        self.wait()
        if not self.threaded:
            call(*args)
            return

        def work() -> None:
            try:
                call(*args)
            except BaseException as error:  # raised in the caller's thread by `wait`
                self.failed = error

        self.thread = threading.Thread(target=work, name="closeness-journal indexing", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.failed is not None:
            failed, self.failed = self.failed, None
            raise failed

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if kind is None:
            self.wait()


@contextlib.contextmanager
def _written_once(journal: ArchiveMixin, count: int) -> Iterator[None]:
    """Around a bulk import into a journal file with no entries yet that no other connection has
    open: SQLite's rollback journal instead of its write-ahead log, then the log put back. Through
    the log every new page is written twice, to the log and, at the checkpoint, to the file (at
    100,000 entries 320 MB twice); a rollback journal keeps only the pages the import changes
    that were already there (a few), and the new ones go straight to the file. The transaction
    is as atomic and as durable (`synchronous = FULL`: a killed import is rolled back from the
    journal on the next open). Leaving the log needs the file to itself, so while anything else
    has it open, or when entries are there already, the import goes through the log as ever.
    The one difference: a window or command opened while such an import runs doesn't read the
    empty journal at once. Once SQLite starts writing pages into the file it waits, up to the
    busy timeout (10 s), and then reads what was imported."""
    conn = journal._db.conn
    changed = False
    if journal.path is not None and count >= BULK_AT_LEAST and not conn.in_transaction:
        try:
            empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM entries)").fetchall()[0][0]
            changed = bool(empty) and conn.execute("PRAGMA journal_mode = DELETE").fetchall()[0][0] == "delete"
        except driver.OperationalError:  # another connection has the file open: it stays in the log
            changed = False
    try:
        yield
    finally:
        if changed:
            with contextlib.suppress(*driver.OperationalError):  # if not now, the next open puts it back
                conn.execute("PRAGMA journal_mode = WAL")


SEARCH_MEMORY = 64 * 1024 * 1024
"""How much the search index gathers in memory before it writes a segment, while a bulk insert
fills it (FTS5's "hashsize", 1 MB by default: at 36,500 entries about 3 s -> 1.7 s, as fewer,
larger segments mean less merging)."""


@contextlib.contextmanager
def _search_memory(db: Any, size: int) -> Iterator[None]:
    """FTS5's "hashsize" set to `size` for the statements inside, then put back as it was, the
    stored setting included (none, normally): inside the caller's transaction, like the rest."""
    stored = db.execute("SELECT v FROM entries_fts_config WHERE k = 'hashsize'").fetchone()
    db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('hashsize', ?)", [size])
    yield
    before = stored[0] if stored else _HASHSIZE
    db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('hashsize', ?)", [before])
    if stored is None:
        db.execute("DELETE FROM entries_fts_config WHERE k = 'hashsize'")


_HASHSIZE = 1024 * 1024
"""FTS5's own default for "hashsize"."""


def _each(
    db: Any, sql: str, rows: Iterator[tuple[Any, ...]], total: int, progress: archive_format.Tell | None, done: int = 0
) -> int:
    """The rows inserted a batch at a time (`executemany` sums the rows each insert added, not
    counting its triggers' rows), telling `progress` after each batch (`done`: rows before these)."""
    from closeness_journal.core import archive_format

    added = 0
    conn = db.conn
    while batch := list(itertools.islice(rows, archive_format.EVERY)):
        added += conn.executemany(sql, batch).rowcount
        done += len(batch)
        if progress is not None and len(batch) == archive_format.EVERY:
            progress("Adding entries", done, total)
    return added


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
