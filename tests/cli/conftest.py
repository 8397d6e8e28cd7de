"""`run`: the command line in this process, with its exit code and what it printed."""

from __future__ import annotations

import io
import sys

import pytest

from closeness_journal import cli


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
