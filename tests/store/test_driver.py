"""What encryption at rest relies on in SQLCipher's driver (the `sqlcipher3` wheel): FTS5, WAL,
the backup API, `PRAGMA rekey`, `sqlcipher_export`, a log kept off standard error, and errors that
the store catches as it catches sqlite3's."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from closeness_journal.store import driver

KEY, OTHER = bytes(range(32)), bytes(range(1, 33))


def test_sqlcipher_has_what_the_journal_needs(tmp_path):
    path = tmp_path / "a.db"
    conn = driver.connect(path, KEY)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(body)")
    conn.execute("INSERT INTO f VALUES ('a walrus at dusk')")
    conn.commit()
    assert conn.execute("SELECT count(*) FROM f WHERE f MATCH 'walrus'").fetchone()[0] == 1
    copy = driver.connect(tmp_path / "copy.db", KEY)
    conn.backup(copy)  # the backup API, between two files with the same key
    assert copy.execute("SELECT body FROM f").fetchone()[0] == "a walrus at dusk"
    copy.close()
    driver.export(conn, tmp_path / "plain.db", None)  # sqlcipher_export, to a plain file
    assert sqlite3.connect(tmp_path / "plain.db").execute("SELECT body FROM f").fetchone()[0] == "a walrus at dusk"
    conn.execute(f"PRAGMA rekey = \"x'{OTHER.hex()}'\"")
    conn.close()
    assert b"walrus" not in path.read_bytes() + (tmp_path / "copy.db").read_bytes()
    again = driver.connect(path, OTHER)
    assert again.execute("SELECT body FROM f").fetchone()[0] == "a walrus at dusk"
    again.close()
    with pytest.raises(driver.DatabaseError) as caught:
        driver.connect(path, KEY).execute("SELECT * FROM sqlite_master").fetchall()
    assert driver.error_name(caught.value) == "SQLITE_NOTADB"
    assert not isinstance(caught.value, sqlite3.Error)  # which is why the store catches driver.DatabaseError


def test_the_plain_header_tells_plain_files_from_encrypted_ones(tmp_path):
    sqlite3.connect(tmp_path / "plain.db").execute("CREATE TABLE t (x)").connection.commit()
    driver.connect(tmp_path / "secret.db", KEY).execute("CREATE TABLE t (x)").connection.commit()
    assert driver.is_plain(tmp_path / "plain.db") is True
    assert driver.is_plain(tmp_path / "secret.db") is False
    assert driver.is_plain(tmp_path / "none.db") is None


def test_a_wrong_key_writes_nothing_to_standard_error(tmp_path):
    driver.connect(tmp_path / "secret.db", KEY).execute("CREATE TABLE t (x)").connection.commit()
    probe = (
        "import sys\nfrom closeness_journal.store import driver\n"
        f"c = driver.connect(sys.argv[1], bytes.fromhex('{OTHER.hex()}'))\n"
        "try:\n    c.execute('SELECT * FROM t').fetchall()\nexcept driver.DatabaseError:\n    print('refused')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "secret.db")], capture_output=True,
                          text=True, timeout=60, env={**os.environ})
    assert done.stdout.strip() == "refused" and done.stderr == ""


_COUNTING = """
import sqlite3, sys, threading
from closeness_journal.store import driver
{before}
print(driver.allocation_counting_off())
import ctypes
counted = ctypes.CDLL("libsqlite3.so.0").sqlite3_memory_used
results = []
def use(n):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    conn.executemany("INSERT INTO t VALUES (?)", [(f"word{{i}} lighthouse",) for i in range(2000)])
    results.append(conn.execute("SELECT count(*) FROM t WHERE t MATCH 'lighthouse'").fetchone()[0])
threads = [threading.Thread(target=use, args=(n,)) for n in range(2)]
[t.start() for t in threads]; [t.join() for t in threads]
open_now = sqlite3.connect(":memory:"); open_now.execute("SELECT 1")
print(results, "counted" if counted() else "not counted")
"""


def _counting(before: str = "") -> list[str]:
    done = subprocess.run([sys.executable, "-c", _COUNTING.format(before=before)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")[:2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Python's SQLite as the system's shared library")
def test_sqlite_stops_counting_its_memory_only_with_nothing_of_it_open():
    """In a process of its own, as the `import` command calls it: SQLite set up again without the
    count, and working (two threads, each its own connection). With a connection open it is left
    as it is."""
    assert _counting() == ["True", "[2000, 2000] not counted"]
    kept = "kept = sqlite3.connect(':memory:'); kept.execute('SELECT 1')"
    assert _counting(kept) == ["False", "[2000, 2000] counted"]
    assert _counting("driver.allocation_counting_off()") == ["True", "[2000, 2000] not counted"]  # once is enough
