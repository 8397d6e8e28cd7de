"""Putting a backup back: check it, keep the journal as it is now aside, then replace it.

The sharp edge: copying a backup over `journal.db` while a write-ahead log of the old file
(`journal.db-wal`, left by a process that was killed) is still there makes SQLite replay that
log onto the copy the next time it opens, and the journal ends "malformed". So the backup is
never copied over the file. It is first copied into the data folder and checked; then, when
the journal opens, SQLite's backup API writes it into the journal as one transaction (the
log belongs to the journal, so nothing stale can be replayed). Only a journal too damaged to
open is moved aside whole, with the files beside it, before the checked copy takes its name.

For an encrypted journal (`key`), the backup must open with the journal's key (a backup made
before the journal was encrypted is taken too), and the copy in the data folder is encrypted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlite_utils import Database

from closeness_journal import paths, private_files
from closeness_journal.store import driver
from closeness_journal.store.connection import JournalBase, _check_readable_and_version
from closeness_journal.store.errors import DatabaseTooNew, DiskFull, JournalError, NotAJournal
from closeness_journal.store.journal import Journal


class BadBackup(JournalError):
    """The file given to restore is not a backup this version can put back; nothing was changed."""


class _Busy(JournalError):
    """Another process holds the write lock: nothing was restored."""


@dataclass(frozen=True)
class BackupInfo:
    entries: int
    newest: str | None
    """The newest entry's day (YYYY-MM-DD), or None for an empty journal."""


@dataclass(frozen=True)
class Restored:
    backup: BackupInfo
    kept_aside: Path | None
    """Where the journal as it was before is kept (None when there was none)."""


def restore_backup(
    source: Path, data_dir: Path, now: datetime, confirm: Callable[[BackupInfo], bool] = lambda info: True,
    key: bytes | None = None,
) -> Restored | None:
    """Replace the journal in `data_dir` with the backup `source`, keeping the journal as it is
    now in the backups folder first. `confirm` is asked (with what the backup holds) once the
    backup has checked out; None when it says no. Raises `BadBackup` when the backup doesn't
    check out and `JournalError` for trouble with the journal's own files: nothing was replaced."""
    database = paths.database_path(data_dir)
    with private_files.partial_file(database, data_dir) as staging:
        _stage(source, data_dir, staging, key)
        info = _inspect(staging, source, key)
        if not confirm(info):
            staging.unlink(missing_ok=True)
            return None
        folder = paths.backups_folder(data_dir)
        paths.ensure_private_dir(folder)
        aside = _aside_name(folder, "before-restore", now)
        journal = _open_if_possible(database, key)
        if journal is not None:
            try:
                journal.backup_to(aside)
                _write_into(staging, journal)
                staging.unlink(missing_ok=True)
                _bring_up_to_date(database, key)
                return Restored(info, aside)
            except (DiskFull, _Busy):
                raise
            except JournalError:
                aside.unlink(missing_ok=True)  # too damaged to copy: it is moved aside whole below
            finally:
                journal.close()
        kept = _move_aside(database, aside)
        os.replace(staging, database)
    _bring_up_to_date(database, key)
    return Restored(info, kept)


def _bring_up_to_date(database: Path, key: bytes | None) -> None:
    """Open the restored journal once: a backup from an earlier version gets this version's
    migrations now, before any window reads it."""
    Journal.open(database, key).close()


def _open_if_possible(database: Path, key: bytes | None) -> Journal | None:
    """The journal, open; None when there is none or it is too damaged (or too new) to open."""
    if not database.exists():
        return None
    try:
        return Journal.open(database, key)
    except (NotAJournal, DatabaseTooNew):
        return None


def _stage(source: Path, data_dir: Path, staging: Path, key: bytes | None) -> None:
    """A checked-out copy of `source` in the data folder (one file, no log of its own)."""
    source = source.expanduser()
    if not source.exists():
        raise BadBackup(f"{source}: no such file")
    if not source.is_file():
        raise BadBackup(f"{source} is not a file")
    ours = {os.path.realpath(p) for p in paths.journal_files(data_dir)}
    if os.path.realpath(source) in ours:
        raise BadBackup(f"{source} is your journal itself, not a backup of it")
    paths.ensure_private_dir(data_dir)
    staging.unlink(missing_ok=True)
    paths.ensure_private_file(staging)
    plain_source = key is not None and driver.is_plain(source)
    try:
        original = _open_read_only(source, None if plain_source else key, sqlcipher=plain_source)
        try:
            if plain_source:
                _encrypt_into(original, staging, key)  # type: ignore[arg-type]
            else:
                copy = driver.connect(staging, key)
                try:
                    original.backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")
                finally:
                    copy.close()
        finally:
            original.close()
    except driver.DatabaseError as error:
        staging.unlink(missing_ok=True)
        if driver.error_name(error) in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
            if key is not None:
                raise BadBackup(
                    f"{source} doesn't open with your journal's passphrase (it is encrypted with another one, "
                    "or it isn't a backup of a journal, or it is damaged)"
                ) from None
            raise BadBackup(
                f"{source} is not a backup of a journal (it isn't an SQLite database, or it is damaged, or "
                "encrypted); a JSON export is added with `import`"
            ) from None
        raise BadBackup(f"{source} could not be read: {error}") from None


def _open_read_only(source: Path, key: bytes | None, sqlcipher: bool = False) -> Any:
    """Open `source` without writing anything beside it: a backup in one file is read as it is
    (immutable); one with a write-ahead log of its own beside it is read with that log."""
    has_log = source.with_name(source.name + "-wal").exists()
    uri = f"file:{quote(str(source.resolve()))}?mode=ro" + ("" if has_log else "&immutable=1")
    if sqlcipher and key is None:
        return driver.connect_sqlcipher(uri, uri=True)
    return driver.connect(uri, key, uri=True)


def _encrypt_into(original: Any, staging: Path, key: bytes) -> None:
    """A plain backup (made before the journal was encrypted) into the encrypted staging file: read
    into memory with SQLCipher's driver, then written out with `sqlcipher_export`, so no plain
    copy is ever written to disk."""
    memory = driver.connect_sqlcipher(":memory:")
    try:
        original.backup(memory)
        driver.export(memory, staging, key)  # into the empty 0600 file made for it
    finally:
        memory.close()


def _inspect(staging: Path, source: Path, key: bytes | None) -> BackupInfo:
    """Check the staged copy: SQLite's quick_check, a closeness-journal database, not newer."""
    conn = driver.connect(staging, key)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise BadBackup(f"{source} is damaged ({result}); try an older backup")
        db = Database(conn, execute_plugins=False)
        try:
            _check_readable_and_version(db, str(source))
        except DatabaseTooNew:
            raise BadBackup(
                f"{source} was made by a newer version of closeness-journal; update closeness-journal to restore it"
            ) from None
        except NotAJournal:
            raise BadBackup(f"{source} is an SQLite database, but not a closeness-journal backup") from None
        if "entries" not in db.table_names():
            return BackupInfo(0, None)
        count, newest = conn.execute("SELECT count(*), max(local_date) FROM entries").fetchone()
        return BackupInfo(count, newest)
    except driver.DatabaseError as error:
        raise BadBackup(f"{source} could not be checked: {error}") from None
    finally:
        conn.close()


def _write_into(staging: Path, journal: JournalBase) -> None:
    """SQLite's backup API from the checked copy into the open journal: one transaction through
    the journal's own log, so other windows see either the old journal or the restored one."""
    target = journal.db.conn
    page_size = target.execute("PRAGMA page_size").fetchone()[0]
    copy = driver.connect(staging, journal.key)
    try:
        if copy.execute("PRAGMA page_size").fetchone()[0] != page_size:
            copy.execute(f"PRAGMA page_size = {int(page_size)}")
            copy.execute("VACUUM")
        copy.backup(target)
    except driver.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise _Busy("Another copy of closeness-journal is busy writing; nothing was restored. Try again.") from None
        raise JournalError(f"The backup could not be written into the journal ({error}).") from None
    finally:
        copy.close()


def _move_aside(database: Path, aside: Path) -> Path | None:
    """Move the journal file (if any) and the files SQLite keeps beside it to `aside` (with the
    same endings), so no log of the old file is left where the restored one will be."""
    moved = None
    for path in (database, *paths.side_files(database)):
        if path.exists() or path.is_symlink():
            os.replace(path, aside.with_name(aside.name + path.name[len(database.name):]))
            moved = aside
    return moved


def _aside_name(folder: Path, kind: str, now: datetime) -> Path:
    stem = f"{kind}-{now:%Y-%m-%d-%H%M%S}"
    candidate, n = folder / f"{stem}.db", 1
    while any(candidate.with_name(candidate.name + s).exists() for s in ("", "-wal", "-shm", "-journal")):
        n += 1
        candidate = folder / f"{stem}-{n}.db"
    return candidate
