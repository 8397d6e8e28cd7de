"""The window's start, as a real process in a pseudo-terminal: Today is drawn having loaded only
what Today uses. The parts of the journal other views use (the JSON archive, the exercises, the
pattern figures, exports, the weekly review) are loaded when first used, not by opening the journal."""

from __future__ import annotations

import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

NOT_FOR_TODAY = [
    "closeness_journal.core.archive_format",
    "closeness_journal.core.exercises",
    "closeness_journal.core.patterns",
    "closeness_journal.core.review",
    "closeness_journal.exporting",
    "closeness_journal.importing",
    "closeness_journal.ui.screens.confirm",
    "sqlite_utils",
    "msgspec",
    "argparse",  # the window's command line is read without it (cli/quick.py)
    "tomllib",  # the shipped prompts are read from prompts/read.json
]

# the command line in this process, then which modules it had loaded, written where it is told
SCRIPT = """
import atexit, json, os, sys
from closeness_journal.cli import main
atexit.register(lambda: open(os.environ["LOADED_TO"], "w").write(json.dumps(sorted(sys.modules))))
sys.exit(main(sys.argv[1:]))
"""


def _welcomed(data: Path) -> None:
    from closeness_journal.core.settings import WELCOME_SHOWN
    from closeness_journal.store import Journal

    journal = Journal.open(data / "journal.db")
    try:
        journal.set_setting(WELCOME_SHOWN, True)
    finally:
        journal.close()


def test_the_window_draws_today_without_loading_what_other_views_use(tmp_path, private_folders):
    data = tmp_path / "journal"
    subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(data), "write", "a first line"],
                   check=True, capture_output=True)
    _welcomed(data)
    loaded_to = tmp_path / "loaded.json"
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "CLOSENESS_JOURNAL_EXIT_WHEN_READY": "1",
           "LOADED_TO": str(loaded_to)}
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, "--data-dir", str(data)],
                               stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    screen = b""
    deadline = time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    screen += os.read(master, 65536)
                except OSError:
                    break
        assert process.wait(10) == 0, screen[-2000:]
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert b"Check-in" in screen and b"Save entry" in screen  # Today was drawn
    loaded = json.loads(loaded_to.read_text())
    assert "closeness_journal.ui.screens.today" in loaded
    assert [name for name in loaded if name.split(".")[0] in NOT_FOR_TODAY or name in NOT_FOR_TODAY] == []
