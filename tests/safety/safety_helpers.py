"""Helpers for the tests of the hard cases: entries in a journal, a hash of what a journal
holds, the one line a failing command says, and disks that are small or read-only."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from closeness_journal.core.entries import Entry
from closeness_journal.store import Journal

TODAY = datetime.now(UTC).date()


def add_entries(folder: Path, count: int, words: str = "a quiet evening") -> list[str]:
    """Entries on the last `count` days (none in the future), the journal closed after."""
    journal = Journal.open(folder / "journal.db")
    try:
        return [
            journal.add(Entry(TODAY - timedelta(days=n % 300), body=f"{words} {n}")).id for n in range(count)
        ]
    finally:
        journal.close()


def content_hash(folder: Path) -> str:
    """What the journal in `folder` holds (every table, row by row), whatever the bytes on disk."""
    database = folder / "journal.db"
    try:
        return _dump_hash(f"file:{database}?mode=ro")
    except sqlite3.OperationalError:  # a full disk or a read-only folder: no room for its -shm
        return _dump_hash(f"file:{database}?mode=ro&immutable=1")


def _dump_hash(uri: str) -> str:
    connection = sqlite3.connect(uri, uri=True)
    try:
        digest = hashlib.sha256()
        for line in connection.iterdump():
            digest.update(line.encode())
        return digest.hexdigest()
    finally:
        connection.close()


def one_clear_line(err: str) -> str:
    """The one line a failing command says (argparse's pointer to --help aside); no traceback."""
    assert "Traceback" not in err and 'File "' not in err, err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("Try '")]
    assert len(lines) == 1, err
    return lines[0]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextmanager
def tmpfs(where: Path, size: str = "2m"):
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"can't mount a small disk here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path) -> None:
    """Fill the disk to the last byte."""
    with open(disk / "filler", "wb", buffering=0) as out:
        for block in (4096, 1):  # then the last partial block
            try:
                while True:
                    out.write(b"\0" * block)
            except OSError:
                pass


def newest_day() -> date:
    return TODAY
