"""Shared fixtures: every test gets its own data and config folders, never the real ones."""

from __future__ import annotations

import ast
import io
import itertools
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from closeness_journal import cli
from closeness_journal.store import Journal

TEST_KEY = bytes(range(32))
"""The key journals are opened with when the store's tests run encrypted (SQLCipher's driver)."""

FIXED_TODAY = date(2026, 11, 18)
FIXED_NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    """Point the data and config folders at the test's own temporary folder."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("CLOSENESS_JOURNAL_DIR", str(data))
    monkeypatch.setenv("CLOSENESS_JOURNAL_CONFIG_DIR", str(config))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    return data


@pytest.fixture(autouse=True)
def sqlite_counts_its_memory(monkeypatch):
    """SQLite is never shut down and set up again inside the tests' process
    (`driver.allocation_counting_off`, which the `import` command does in a process of its own):
    whether it could be would depend on what earlier tests left open. A test wanting an import as
    the command makes it says so (`tests/store/test_search_aside.py`)."""
    from closeness_journal.store import driver

    monkeypatch.setattr(driver, "_COUNTING_OFF", False)


@pytest.fixture
def journal():
    j = Journal.in_memory()
    yield j
    j.close()


@pytest.fixture
def fixed_today() -> date:
    return FIXED_TODAY


@pytest.fixture
def run(capsys, monkeypatch):
    """`run("write", "x", stdin=None)` -> (exit code, standard output, standard error): the command
    line in this process."""

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


def pytest_addoption(parser):
    parser.addoption(
        "--encrypted-store", action="store_true",
        help="open every journal the tests make (Journal.open, Journal.in_memory) encrypted, with SQLCipher's driver",
    )


@pytest.fixture
def encrypt_journals(monkeypatch, tmp_path):
    """Call it to make every journal this test opens an encrypted file (keyed with TEST_KEY):
    `Journal.in_memory()` becomes a file in the test's folder."""

    def apply() -> None:
        from closeness_journal.store import driver
        from closeness_journal.store.connection import JournalBase

        plain_open = JournalBase.open.__func__
        made = itertools.count()

        def open_encrypted(cls, path, key=None):
            from pathlib import Path

            if key is None and Path(path).is_file() and Path(path).stat().st_size and driver.is_plain(Path(path)):
                return plain_open(cls, path)  # a plain journal the test brought (an old release's, say)
            return plain_open(cls, path, key or TEST_KEY)

        def in_memory(cls):
            return open_encrypted(cls, tmp_path / "in-memory" / f"journal-{next(made)}.db")

        monkeypatch.setattr(JournalBase, "open", classmethod(open_encrypted))
        monkeypatch.setattr(JournalBase, "in_memory", classmethod(in_memory))

    return apply


@pytest.fixture(autouse=True)
def encrypted_store_option(request):
    """`pytest --encrypted-store`: every test's journals encrypted."""
    if request.config.getoption("--encrypted-store"):
        request.getfixturevalue("encrypt_journals")()


@pytest.fixture
def imports_of(tmp_path):
    """Runs a command in a fresh process on a journal holding one entry about the lighthouse, and
    gives what it printed and which of the watched modules it imported: `packages` (any module
    under them) and `modules` (by full name). For tests that a command loads only what it uses."""
    folder = str(tmp_path / "journal")
    subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", folder, "write",
                    "a first entry about the lighthouse"], check=True, capture_output=True)

    def run(args: list[str], packages: tuple[str, ...] = (), modules: tuple[str, ...] = ()) -> tuple[str, list[str]]:
        code = (
            "import sys\n"
            "from closeness_journal.cli import main\n"
            "assert main(sys.argv[1:]) == 0\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {packages!r} or m in {modules!r}))\n"
        )
        done = subprocess.run([sys.executable, "-c", code, "--data-dir", folder, *args],
                              capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"})
        printed, _, loaded = done.stdout.rstrip("\n").rpartition("\n")
        return printed, ast.literal_eval(loaded)

    return run
