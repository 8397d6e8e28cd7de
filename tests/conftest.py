"""Shared fixtures: every test gets its own data and config folders, never the real ones."""

from __future__ import annotations

import io
import sys
from datetime import UTC, date, datetime

import pytest

from closeness_journal import cli
from closeness_journal.store import Journal

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
