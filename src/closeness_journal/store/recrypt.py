"""`encrypt`, `decrypt` and `passphrase`: every file of the journal written anew under the new key.

The journal, then each backup in the backups folder, one file at a time: SQLCipher's
`sqlcipher_export` writes it into a new file beside it (0600) encrypted with the new key (or
plain), which is checked (quick_check under the new key, and the same number of rows in every
table), synced, and renamed over the old one. The journal is first switched out of write-ahead
logging, which needs every other connection to be closed (so another window can't keep writing to
the old file) and leaves no log behind; it stays locked until its new file has taken its name.

The settings file beside the journal (encryption.py) says what is under way before the first
file is touched, so a run stopped at any point (even kill -9) loses nothing: each file is whole,
under the old key or the new one, and running the command again finishes the rest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from closeness_journal import paths, private_files
from closeness_journal.store import driver, encryption
from closeness_journal.store.encryption import Encryption, KeyParams
from closeness_journal.store.errors import JournalError


class JournalInUse(JournalError):
    """Another window or command has the journal open: nothing was rewritten."""


@dataclass
class Rewritten:
    files: int = 0
    """How many files were written anew (those already under the new key are left as they are)."""
    left: list[str] = field(default_factory=list)
    """Backups that could not be rewritten, one line each (they are as they were)."""


def encrypt(folder: Path, params: KeyParams, key: bytes) -> Rewritten:
    """Encrypt the journal in `folder` and its backups with `key` (derived with `params`)."""
    database = paths.database_path(folder)
    state = encryption.read(folder)
    if state is None:
        from closeness_journal.store.journal import Journal

        Journal.open(database).close()  # a journal not made yet is made; an old one brought up to date
    done = _rewrite_all(folder, None, key, state, Encryption(None, "encrypt", params))
    encryption.write(folder, Encryption(params))
    return done


def decrypt(folder: Path, params: KeyParams, key: bytes) -> Rewritten:
    """Make the journal and its backups plain again; the settings file goes last."""
    done = _rewrite_all(folder, key, None, encryption.read(folder), Encryption(params, "decrypt", None))
    encryption.remove(folder)
    return done


def change(folder: Path, old: tuple[KeyParams, bytes], new: tuple[KeyParams, bytes]) -> Rewritten:
    """Move the journal and its backups from the old key to the new one."""
    done = _rewrite_all(folder, old[1], new[1], encryption.read(folder), Encryption(old[0], "passphrase", new[0]))
    encryption.write(folder, Encryption(new[0]))
    return done


def backups(folder: Path) -> list[Path]:
    """The backups in the backups folder (partial files and anything not a plain file are not)."""
    where = paths.backups_folder(folder)
    if not where.is_dir() or where.is_symlink():
        return []
    return sorted(
        p for p in where.iterdir()
        if p.suffix == ".db" and not p.name.startswith(".") and p.is_file() and not p.is_symlink()
    )


def _rewrite_all(
    folder: Path, old: bytes | None, new: bytes | None, before: Encryption | None, under_way: Encryption
) -> Rewritten:
    """Say what is under way (`under_way`), then rewrite the journal and its backups. When the
    journal is in use nothing is rewritten: the settings go back to what they were (`before`)."""
    done = Rewritten()
    database = paths.database_path(folder)
    encryption.write(folder, under_way)
    try:
        if _rewrite(database, old, new, folder, journal=True):
            done.files += 1
    except JournalInUse:
        if before is None:
            encryption.remove(folder)
        else:
            encryption.write(folder, before)
        raise
    for backup in backups(folder):
        try:
            if _rewrite(backup, old, new, folder, journal=False):
                done.files += 1
        except JournalError as error:
            done.left.append(str(error))
    return done


def _rewrite(path: Path, old: bytes | None, new: bytes | None, folder: Path, journal: bool) -> bool:
    """Write `path` anew under `new`; False when it already is. Raises `JournalError` (nothing changed)."""
    if _opens(path, new):
        return False
    if not _opens(path, old):
        raise JournalError(
            f"{path} doesn't open with the passphrase given (or it is damaged); I have left it as it is."
        )
    source = driver.connect_sqlcipher(path, old, timeout=1)
    try:
        if journal:
            _hold(source)
        counts = _counts(source)
        with private_files.partial_file(path, folder) as temporary:
            temporary.unlink(missing_ok=True)
            paths.ensure_private_file(temporary)
            driver.export(source, temporary, new)
            _check(temporary, new, counts, path)
            _sync(temporary)
            os.replace(temporary, path)
        encryption.sync_folder(path.parent)
        for side in paths.side_files(path):
            side.unlink(missing_ok=True)  # nothing of the old file may be replayed onto the new one
    except driver.Error as error:
        raise JournalError(f"{path} could not be written anew ({error}); it is as it was.") from None
    finally:
        source.close()
    return True


def _opens(path: Path, key: bytes | None) -> bool:
    """Whether `path` reads as a database under `key` (None: as a plain file)."""
    plain = driver.is_plain(path)
    if plain is None:
        return False
    if key is None or plain:
        return key is None and plain
    conn = driver.connect(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except driver.DatabaseError:
        return False
    finally:
        conn.close()


def _hold(source: Any) -> None:
    """Take the journal for this connection alone: out of write-ahead logging (its log moved into
    the file and removed, which SQLite does only when no other connection is open), then an
    exclusive lock kept until the connection closes."""
    try:
        mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        source.execute("PRAGMA locking_mode = EXCLUSIVE")
        source.execute("BEGIN EXCLUSIVE")
        source.execute("COMMIT")
    except driver.OperationalError:
        mode = "busy"
    if str(mode).lower() != "delete":
        raise JournalInUse(
            "Your journal is open in a window or another command; close it first. Nothing was changed."
        )


def _counts(conn: Any, schema: str = "main") -> dict[str, int]:
    tables = [
        row[0] for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0] for name in tables}


def _check(temporary: Path, key: bytes | None, counts: dict[str, int], path: Path) -> None:
    conn = driver.connect_sqlcipher(temporary, key)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok" or _counts(conn) != counts:
            raise JournalError(f"The new copy of {path} did not check out ({result}); {path} is as it was.")
    finally:
        conn.close()


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
