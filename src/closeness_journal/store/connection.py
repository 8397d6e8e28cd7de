"""Opening a journal: the file's checks and privacy, SQLite's settings, the write transaction,
and the housekeeping kept out of saves.

`JournalBase` holds the open database. Every part of `Journal` (entries, search, patterns,
reviews, drafts, archive) builds on it: reads go through `self._db`, marked `@reading`;
writes go through `with self._write() as db:`.

Reads don't pay for writes: `self._db` is a `LazyDatabase`, plain `sqlite3` for `execute` and
`query`, which builds sqlite-utils' `Database` (about 0.2 s to import) only when a write or a
migration first needs it. The schema check on opening is plain SQL for the same reason.
"""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from closeness_journal import paths, private_files
from closeness_journal.store import driver
from closeness_journal.store.errors import DatabaseTooNew, DiskFull, JournalError, NotAJournal
from closeness_journal.store.migrations import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE, schema

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any, Self, TypeVar

    from sqlite_utils import Database

    T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000
WAL_BACKSTOP_PAGES = 20_000
"""A checkpoint inside a save only if the write-ahead log reaches about 80 MB."""
WAL_SIZE_LIMIT = 64 * 1024 * 1024
"""After a checkpoint the log file is cut back to at most this size."""
FULL_BELOW_BYTES = 256 * 1024
"""A disk with less free space than this is taken to be full when the journal can't be opened."""


def connect(path: Path, key: bytes | None = None) -> LazyDatabase:
    """Open (creating if needed) the database file at `path`, private and checked, not migrated:
    with Python's sqlite3, or for an encrypted journal SQLCipher's driver keyed with `key`."""
    folder = path.parent
    try:
        paths.ensure_private_dir(folder)
        paths.ensure_private_file(path)
        for side in paths.side_files(path):
            paths.tighten_if_exists(side)
        paths.tighten_backups(folder)
    except paths.SharedFolder as error:
        raise JournalError(f"I won't keep your journal there: {error}.") from None
    except paths.NotAFile as error:
        raise JournalError(
            f"I won't open your journal: {error}. I have left it untouched; "
            "keep the journal's own files in the data folder (or choose it with --data-dir)."
        ) from None
    except PermissionError:
        raise JournalError(
            f"I can't use the data folder {folder}: permission denied. "
            "Check its owner and permissions, or choose another with --data-dir."
        ) from None
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise JournalError(_disk_full_to_open(folder)) from None
        if error.errno == errno.EROFS:
            raise JournalError(_read_only_folder(folder)) from None
        raise JournalError(f"I can't use the data folder {folder}: {error.strerror}.") from None
    private_files.clean_stale_partials(folder)
    if key is None and os.path.lexists(paths.encryption_settings(folder)):
        from closeness_journal.store.encryption import NeedsPassphrase

        raise NeedsPassphrase("Your journal is encrypted; I need its passphrase to open it.")
    try:
        conn = driver.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except driver.Error as error:
        raise JournalError(f"I can't open {path}: {error}.") from None
    return LazyDatabase(conn)


class LazyDatabase:
    """The open connection, as the store uses it: `conn`, `execute`, `query` and `close` with plain
    `sqlite3`; anything else (tables, `atomic`, inserts, migrations) goes to sqlite-utils'
    `Database` on the same connection, built the first time it is asked for. No sqlite-utils
    plugins: nothing installed elsewhere gets to run on a private journal."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._database: Database | None = None
        conn.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils' Database sets it

    @property
    def database(self) -> Database:
        """sqlite-utils' `Database` on this connection (imported and built on first use)."""
        if self._database is None:
            from sqlite_utils import Database

            self._database = Database(self.conn, execute_plugins=False)
        return self._database

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        """A read (SELECT, PRAGMA), or any statement inside a transaction (`_write`), runs straight
        on the connection, as sqlite-utils' `Database.execute` would run it; anything else goes
        through that (which commits a write made outside a transaction)."""
        if self._database is None and (self.conn.in_transaction or _reads(sql)):
            return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        return self.database.execute(sql, parameters)

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        """Rows as dictionaries, as sqlite-utils' `Database.query` gives them."""
        if self._database is None and _reads(sql):
            cursor = self.execute(sql, params)
            keys = [d[0] for d in cursor.description]
            return (dict(zip(keys, row)) for row in cursor)  # noqa: B905 (a row has its keys)
        return self.database.query(sql, params)

    def close(self) -> None:
        self.conn.close()

    def __getitem__(self, table: str) -> Any:
        return self.database[table]

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.database, attribute)


def _reads(sql: str) -> bool:
    """Whether `sql` starts with SELECT or PRAGMA: nothing sqlite-utils would wrap or commit."""
    return sql.lstrip()[:6].upper() in ("SELECT", "PRAGMA")


def _check_readable_and_version(db: Any, where: str, path: Path | None = None) -> bool:
    """Refuse a file that is not a journal, or one written by a newer version, before any write
    (plain SQL, so opening a journal does not need sqlite-utils). Returns whether it lacks any of
    this version's migrations (read once, here)."""
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = _applied(db) if MIGRATIONS_TABLE in tables else []
    except driver.DatabaseError as error:
        raise _cannot_read(error, where, path) from None
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise DatabaseTooNew(
            f"{where} was written by a newer version of closeness-journal. "
            "I have left it untouched; please update closeness-journal to open it."
        )
    if tables and "entries" not in tables and MIGRATIONS_TABLE not in tables:
        raise NotAJournal(
            f"{where} is an SQLite database, but not a closeness-journal one. I have left it untouched."
        )
    return MIGRATIONS_TABLE not in tables or bool(set(MIGRATION_NAMES) - set(applied))


def _applied(db: Any) -> list[str]:
    """The names of the migrations applied to `db`, in order (as sqlite-utils' `Migrations.applied`)."""
    return [
        name for (name,) in db.execute(
            f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
    ]


_DAMAGED = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}


def _cannot_read(error: Exception, where: str, path: Path | None) -> JournalError:
    """Why the first read failed, in words: a damaged file, or (as often) the folder or the disk."""
    name = getattr(error, "sqlite_errorname", "") or ""
    damaged = NotAJournal(
        f"{where} is not a journal database I can read (it may be damaged). "
        "I have left it untouched. If you have a backup, you can restore it from there."
    )
    if path is None or name in _DAMAGED or not name:
        return _maybe_encrypted(path) or damaged
    folder = path.parent
    trouble = _cannot_write_in(folder)
    if trouble == errno.ENOSPC or name == "SQLITE_FULL" or _nearly_full(folder):
        return JournalError(_disk_full_to_open(folder))
    if trouble in (errno.EROFS, errno.EACCES, errno.EPERM):
        return JournalError(_read_only_folder(folder))
    return JournalError(f"I can't open {where} just now ({error}). Nothing was changed.")


def _maybe_encrypted(path: Path | None) -> JournalError | None:
    """An encrypted journal whose settings file is missing reads as noise, like a damaged one: when
    the file doesn't start as every plain SQLite file does and no settings file is beside it, say
    both, and what to put back."""
    if path is None or paths.encryption_settings(path.parent).exists():
        return None
    try:
        with open(path, "rb") as file:
            start = file.read(16)
    except OSError:
        return None
    if len(start) < 16 or start == b"SQLite format 3\x00":
        return None
    settings = paths.encryption_settings(path.parent).name
    return NotAJournal(
        f"{path} is not a journal database I can read: it may be damaged, or, if you encrypted it, its "
        f"settings file {settings} is missing from beside it (put it back in the same folder). "
        "I have left it untouched. If you have a backup, you can restore it from there."
    )


def _cannot_write_in(folder: Path) -> int | None:
    """The error number that creating a file in `folder` gives, or None when it can be done."""
    probe = folder / f".write-check-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, paths.PRIVATE_FILE_MODE)
    except OSError as error:
        return error.errno
    os.close(fd)
    probe.unlink(missing_ok=True)
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        import shutil

        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _disk_full_to_open(folder: Path) -> str:
    return (
        f"The disk that holds your journal ({folder}) is full, so I can't open it. "
        "Nothing was changed; free some space and try again."
    )


def _read_only_folder(folder: Path) -> str:
    return (
        f"I can't open your journal: its folder {folder} is read-only, and SQLite needs to write "
        "beside the journal file. Nothing was changed; make the folder writable, or copy the "
        "journal to a folder that is and open it with --data-dir."
    )


def reading(method: Callable[..., T]) -> Callable[..., T]:
    """Reads that hit a damaged page say so in plain words instead of raising sqlite3's error."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except driver.DatabaseError as error:
            raise _unreadable(error) from None

    return wrapper


def reading_as_they_go(rows: Iterator[T]) -> Iterator[T]:
    """`reading` for rows streamed after the method has returned (exports read as they write)."""
    try:
        yield from rows
    except driver.DatabaseError as error:
        raise _unreadable(error) from None


def _unreadable(error: Exception) -> JournalError:
    if isinstance(error, driver.OperationalError):
        return JournalError(f"The journal could not be read just now: {error}. Try again.")
    return JournalError(
        f"Part of the journal could not be read ({error}); it may be damaged. "
        "Nothing was changed. A backup copy can be restored."
    )


def utc(now: datetime | None) -> datetime:
    """`now` in UTC (the current time if None); the store only takes timezone-aware times."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("times given to the journal must be timezone-aware")
    return now.astimezone(UTC)


class JournalBase:
    """One open journal database: checked, private, migrated, with its write transaction."""

    def __init__(self, db: LazyDatabase | Database, path: Path | None = None, key: bytes | None = None) -> None:
        self._db = db
        self.path = path
        self.key = key
        """The key of an encrypted journal (its backups are made with it); None for a plain one."""
        self._writes = 0
        self._while_waiting: Callable[[], None] | None = None
        where = str(path) if path else "the database"
        pending = _check_readable_and_version(db, where, path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path is not None:
            try:
                db.execute("PRAGMA journal_mode = WAL")
            except driver.OperationalError as error:
                # An import into an empty journal is writing it with a rollback journal and puts
                # the write-ahead log back when it ends (store/archive.py `_written_once`): this
                # connection uses the file as it is, and follows it back to the log.
                if not _busy(error):
                    raise
            # Hardly ever a checkpoint inside a save (SQLite's default, every 1,000 pages, made
            # one save in 64 take 30 ms at 100,000 entries): the window calls tidy() while idle,
            # SQLite checkpoints when the last connection closes, and the backstop bounds the log.
            db.execute(f"PRAGMA wal_autocheckpoint = {WAL_BACKSTOP_PAGES}")
            db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA secure_delete = ON")  # what is deleted for good is overwritten, not left in free pages
        try:
            if pending:
                # Under the write lock, so two instances opening a new journal at once don't
                # both try to apply the same migration.
                with self._write():
                    schema.apply(self.db)
        except driver.Error as error:
            raise JournalError(f"I couldn't bring {where} up to date: {error}.") from None
        if path is not None:
            for side in paths.side_files(path):
                paths.tighten_if_exists(side)

    @classmethod
    def open(cls, path: Path, key: bytes | None = None) -> Self:
        db = connect(path, key)
        try:
            return cls(db, path, key)
        except BaseException:
            db.close()
            raise

    @classmethod
    def in_memory(cls) -> Self:
        return cls(LazyDatabase(sqlite3.connect(":memory:")))

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
        except (*driver.Error, JournalError):
            pass

    def wait_for_writers(self, tell: Callable[[], None]) -> None:
        """Wait as long as another process is writing (a long import, say) instead of giving up
        after the busy timeout; `tell` is called each time the timeout passes (the command line
        says what is happening). The window does not: it keeps typing safe in drafts and retries."""
        self._while_waiting = tell

    @property
    def db(self) -> Database:
        """The underlying sqlite-utils database (for tests and migrations; imports sqlite-utils)."""
        return self._db.database if isinstance(self._db, LazyDatabase) else self._db

    def change_token(self) -> tuple[int, int]:
        """Changes whenever this or another window writes: screens redraw only when it moves."""
        return self._writes, self._db.execute("PRAGMA data_version").fetchone()[0]

    def schema_version(self) -> int:
        """How many of this version's migrations have been applied."""
        return len(_applied(self._db))

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
                self._begin(conn)
                try:
                    yield self._db
                except BaseException:
                    if conn.in_transaction:
                        conn.rollback()
                    raise
                conn.commit()
                if changes_data:
                    self._writes += 1
        except driver.OperationalError as error:
            message = str(error)
            if getattr(error, "sqlite_errorname", "") == "SQLITE_FULL" or "full" in message:
                # No "what you wrote is still here": the text may have come from standard input.
                raise DiskFull("The disk is full, so nothing was saved. Free some space and try again.") from None
            if _busy(error):
                raise JournalError(
                    "Another copy of closeness-journal is busy writing; nothing was saved. Try again."
                ) from None
            if "readonly" in message:
                raise JournalError("The journal file is read-only, so nothing was saved.") from None
            raise JournalError(f"Nothing was saved: {message}.") from None

    def _begin(self, conn: Any) -> None:
        """Take the write lock; with `wait_for_writers`, keep waiting while another process holds it
        (a lock is only ever held by a process that is still running)."""
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except driver.OperationalError as error:
                if self._while_waiting is None or not _busy(error):
                    raise
                self._while_waiting()


def _busy(error: Exception) -> bool:
    message = str(error)
    return "locked" in message or "busy" in message
