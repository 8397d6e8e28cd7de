"""The two SQLite drivers: Python's `sqlite3` for a plain journal, SQLCipher's (`sqlcipher3`) for
an encrypted one, imported only when an encrypted file is opened, so a plain journal pays nothing.

Their exception classes are not related: `sqlcipher3.dbapi2.OperationalError` is not a
`sqlite3.OperationalError`. So the store catches `driver.Error`, `driver.DatabaseError` and
`driver.OperationalError`: tuples of both drivers' classes once SQLCipher's is loaded. Read them
as attributes of this module at the `except` (`except driver.DatabaseError:`), never import the
names: they grow when SQLCipher is loaded. (sqlite-utils catches only `sqlite3`'s classes, in
fallbacks the store does not use: `alter=True`, dropping a missing table, batches too large for
SQLite's variable limit; the store's tests run on both drivers to keep it so.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any

Error: tuple[type[Exception], ...] = (sqlite3.Error,)
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError,)

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every plain SQLite file; an encrypted one starts with random bytes."""


def sqlcipher() -> Any:
    """SQLCipher's driver module (`sqlcipher3.dbapi2`), loaded on first use."""
    global Error, DatabaseError, OperationalError
    from sqlcipher3 import dbapi2

    if dbapi2.Error not in Error:
        Error = (sqlite3.Error, dbapi2.Error)
        DatabaseError = (sqlite3.DatabaseError, dbapi2.DatabaseError)
        OperationalError = (sqlite3.OperationalError, dbapi2.OperationalError)
    return dbapi2


def key_pragma(key: bytes) -> str:
    """`PRAGMA key` with a raw 32-byte key (SQLCipher uses it as it is, without its own KDF)."""
    if len(key) != KEY_BYTES:
        raise ValueError("an encryption key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(database: str | Path, key: bytes | None, **options: Any) -> Any:
    """A connection to `database`: `sqlite3`'s without a key; SQLCipher's, silenced (its log would
    write to standard error, over the window) and keyed, with one. Nothing is read yet."""
    if key is None:
        return sqlite3.connect(database, **options)
    return connect_sqlcipher(database, key, **options)


def connect_sqlcipher(database: str | Path, key: bytes | None = None, **options: Any) -> Any:
    """SQLCipher's driver, its log silenced first, keyed with `key` (None: a plain file, read with
    SQLCipher's driver for `sqlcipher_export`)."""
    conn = sqlcipher().connect(str(database), **options)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(key_pragma(key))
    except BaseException:
        conn.close()
        raise
    return conn


def is_plain(path: Path) -> bool | None:
    """True for a plain SQLite file (or an empty one), False for one that is not (encrypted, or
    not a database at all), None when there is no file."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return None
    return header in (b"", PLAIN_HEADER)


def error_name(error: BaseException) -> str:
    """SQLite's name for the error (`SQLITE_NOTADB`…), from either driver; "" when it has none
    (the backup API's errors have none: then the message tells)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if not name and "file is not a database" in str(error):
        return "SQLITE_NOTADB"
    return name


def export(conn: Any, target: Path, key: bytes | None) -> None:
    """Write everything `conn` (SQLCipher's driver) holds into the new file `target`, encrypted
    with `key` or plain (None), with SQLCipher's `sqlcipher_export`: schema, rows, the search
    index and `user_version`, page by page through SQLite, never as a copy of the bytes."""
    attach_key = f"x'{key.hex()}'" if key is not None else ""
    conn.execute("ATTACH DATABASE ? AS rewritten KEY ?", (str(target), attach_key))
    try:
        conn.execute("SELECT sqlcipher_export('rewritten')").fetchall()
    finally:
        conn.execute("DETACH DATABASE rewritten")


_COUNTING_OFF: bool | None = None
"""Whether `allocation_counting_off` turned it off (None: not tried yet)."""

_CONFIG_MEMSTATUS = 9
"""SQLite's `SQLITE_CONFIG_MEMSTATUS`."""


def allocation_counting_off() -> bool:
    """Python's SQLite told not to count the memory it takes (`SQLITE_CONFIG_MEMSTATUS` 0), as
    SQLite recommends when nothing reads the count (this app never does): counting takes one lock
    that every thread's allocations share, so two threads running statements on two connections
    at once went at 0.7 times the speed of one, and one alone spends about a sixth of its time on
    it (Debian's SQLite allocates without a lookaside, so a statement allocates often).

    SQLite takes the setting only while shut down, which is safe only with nothing of it open in
    the process: so this does it only once, and only while SQLite holds no memory at all (no
    connection, no statement, in any thread), which the count it is about to stop tells. It
    reaches SQLite as the system's shared library (`libsqlite3.so.0`, on Linux) and first makes
    sure that is the one Python's `sqlite3` uses: a connection opened through `sqlite3` must show
    in its count (anything else, a SQLite built into Python say, is left as it is). Call it before
    the process opens its first connection, from the main thread with no other thread using
    SQLite. True when counting is off."""
    global _COUNTING_OFF
    if _COUNTING_OFF is not None:
        return _COUNTING_OFF
    _COUNTING_OFF = False
    try:
        import ctypes

        lib = ctypes.CDLL("libsqlite3.so.0")
        lib.sqlite3_memory_used.restype = ctypes.c_int64
    except (OSError, AttributeError):  # another system: left as it is
        return False
    if lib.sqlite3_memory_used() != 0:  # something of it is open (or it counts nothing)
        return False
    probe = sqlite3.connect(":memory:")
    shows = lib.sqlite3_memory_used() > 0  # the library Python's sqlite3 uses, counting
    probe.close()
    if not shows or lib.sqlite3_memory_used() != 0 or lib.sqlite3_shutdown() != 0:
        return False
    configured = lib.sqlite3_config(_CONFIG_MEMSTATUS, ctypes.c_int(0)) == 0
    if lib.sqlite3_initialize() != 0:
        raise sqlite3.OperationalError("SQLite could not start again after its memory count was turned off")
    _COUNTING_OFF = configured
    return configured
