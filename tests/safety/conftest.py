"""Shared by the tests of the hard cases: the command line in this process, a journal with
entries in it, a hash of what a journal holds, and folders that are read-only or full."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from closeness_journal import cli
from closeness_journal.core.entries import Entry
from closeness_journal.store import Journal

TODAY = datetime.now(UTC).date()


@pytest.fixture
def run(capsys, monkeypatch):
    """`run("write", "x", stdin=None)` -> (exit code, standard output, standard error)."""

    def run_command(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse usage errors and --help/--version
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return run_command


def add_entries(folder: Path, count: int, words: str = "a quiet evening") -> list[str]:
    """Entries on the last `count` days (none in the future), the journal closed after."""
    journal = Journal.open(folder / "journal.db")
    try:
        return [
            journal.add(Entry(TODAY - timedelta(days=n % 300), body=f"{words} {n}")).id for n in range(count)
        ]
    finally:
        journal.close()


@pytest.fixture
def filled(private_folders) -> Path:
    """The data folder, with a journal of 12 entries (closed, so nothing is left in the log)."""
    add_entries(private_folders, 12)
    return private_folders


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


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB disk of its own (a tmpfs; needs root), unmounted afterwards."""
    if not is_root() or not shutil.which("mount"):
        pytest.skip("a small disk of its own needs root (mount -t tmpfs)")
    with tmpfs(tmp_path / "disk") as where:
        yield where


def fill(disk: Path) -> None:
    """Fill the disk to the last byte."""
    with open(disk / "filler", "wb", buffering=0) as out:
        for block in (4096, 1):  # then the last partial block
            try:
                while True:
                    out.write(b"\0" * block)
            except OSError:
                pass


@pytest.fixture
def read_only_folder(tmp_path):
    """A data folder holding a journal of 3 entries, then made read-only: a read-only mount when
    running as root (root writes through chmod), chmod 0500 otherwise."""

    @contextmanager
    def make():
        if is_root():
            if not shutil.which("mount"):
                pytest.skip("a read-only folder as root needs mount")
            with tmpfs(tmp_path / "ro") as where:
                folder = where / "data"
                add_entries(folder, 3)
                done = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True, text=True)
                if done.returncode != 0:
                    pytest.skip(f"can't remount read-only: {done.stderr.strip()}")
                yield folder
        else:
            folder = tmp_path / "ro-data"
            add_entries(folder, 3)
            os.chmod(folder, 0o500)
            try:
                yield folder
            finally:
                os.chmod(folder, 0o700)

    return make


def newest_day() -> date:
    return TODAY
