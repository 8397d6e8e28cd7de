"""Closing the terminal (SIGHUP) with a real process in a real pseudo-terminal: the window saves
what was typed and ends, every time, within seconds (never left hanging, which would also keep
its draft from the next window, since its owner would look alive).

Textual writes to the terminal from a thread through a queue of 30; when the terminal is gone
that thread dies on EIO, and the app's shutdown then waits for ever to put in the queue. These
tests failed before the hang-up path got its own signal handler and watchdog (ui/app.py), and
the first one still failed about one run in six until the writes to a terminal that is gone were
dropped instead of killing the writer (ui/hangup.py): a signal that lands just before the event
loop starts waiting on the full queue has its handler run only when the loop moves again.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
import tty
from pathlib import Path

import pytest

from closeness_journal.ui.hangup import WakingEvent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and SIGHUP are POSIX")

SIZE = (100, 30)


class Window:
    """`closeness-journal` (the journal window) running in its own pseudo-terminal."""

    def __init__(self, data: Path) -> None:
        _welcomed(data)
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "CLOSENESS_JOURNAL_DIR": str(data)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "closeness_journal"], stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, preexec_fn=_take_terminal, close_fds=True,
        )
        os.close(slave)
        self.screen = b""
        self.closed = False

    def read(self, seconds: float, until: bytes | None = None) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (until and until in self.screen):
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:
                    return

    def type(self, text: str) -> None:
        for character in text:
            os.write(self.master, character.encode())

    def close_terminal(self) -> None:
        """What closing a terminal window does: the kernel hangs the terminal up (SIGHUP)."""
        os.close(self.master)
        self.closed = True

    def wait(self, seconds: float) -> int | None:
        try:
            return self.process.wait(seconds)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if not self.closed:
            os.close(self.master)


def _welcomed(data: Path) -> None:
    """A journal whose welcome was already shown, so the window opens straight on Today."""
    from closeness_journal.core.settings import WELCOME_SHOWN
    from closeness_journal.store import Journal

    journal = Journal.open(data / "journal.db")
    try:
        journal.set_setting(WELCOME_SHOWN, True)
    finally:
        journal.close()


def _take_terminal() -> None:  # in the child, after setsid: the pty becomes its controlling terminal
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def today_drafts(data: Path) -> list[dict]:
    with sqlite3.connect(data / "journal.db") as db:
        return [json.loads(row[0]) for row in db.execute("SELECT data FROM drafts WHERE key LIKE 'today%'")]


def typed_in_drafts(data: Path) -> str:
    return " ".join(text for draft in today_drafts(data) for text in draft.get("answers", {}).values())


@pytest.fixture
def window(tmp_path):
    started: list[Window] = []

    def start(name: str = "data") -> Window:
        win = Window(tmp_path / name)
        started.append(win)
        win.read(20, until=b"Quit")  # the footer: the window is up (typing is no longer echoed by the terminal)
        assert b"Quit" in win.screen, win.screen[-500:]
        win.read(0.5)
        return win

    yield start
    for win in started:
        win.kill()


@pytest.mark.parametrize("attempt", range(3))
def test_closing_the_terminal_just_after_typing_saves_it_and_ends(window, tmp_path, attempt):
    """The close comes while the window is still drawing what was typed (the race that left a
    window hanging about one time in three)."""
    rng = random.Random(attempt)
    win = window()
    words = f"closing the terminal right after typing this {attempt}"
    win.type(words)
    win.read(10, until=words[-8:].encode())  # the window has the first sentence
    for _ in range(rng.randint(2, 6)):
        for character in " " + words:
            win.type(character)
            time.sleep(rng.choice([0, 0.001, 0.005]))
    time.sleep(rng.choice([0, 0.005, 0.02, 0.05, 0.1]))
    win.close_terminal()
    assert win.wait(20) == 0, "the window was left hanging after the terminal closed"  # generous: a busy machine
    assert typed_in_drafts(tmp_path / "data").startswith(words)


def test_closing_a_terminal_that_stopped_reading_still_ends(window, tmp_path):
    """The terminal stops taking output (the window's writes wait, then its queue of writes
    fills and the event loop waits on it), then it is closed: only the signal handler's
    watchdog can end the process. Before, it was left hanging every time."""
    win = window()
    win.type("kept by the autosave before the terminal froze")
    win.read(6, until=b"froze")
    win.read(3)  # the autosave keeps it within a couple of seconds of typing stopping
    assert "froze" in typed_in_drafts(tmp_path / "data")
    for n in range(40):  # nobody reads any more: every resize redraws the whole screen
        fcntl.ioctl(win.master, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1] - n % 7, SIZE[0] - n % 5, 0, 0))
        time.sleep(0.02)
    win.close_terminal()
    assert win.wait(25) == 0, "the window was left hanging after the terminal closed"
    assert "kept by the autosave before the terminal froze" in typed_in_drafts(tmp_path / "data")


class _GoneTerminal:
    """A terminal that was closed: every write and flush fails as a hung-up terminal's do."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")

    def fileno(self) -> int:
        return 2

    def isatty(self) -> bool:
        return True


async def test_the_window_keeps_taking_output_after_the_terminal_is_gone(monkeypatch, journal, library):
    """The window's terminal driver writes through a thread and a queue of 30: once the terminal
    is gone the writes must still be taken (and dropped), or the event loop waits for ever on
    the full queue and the hang-up is never handled. It waited for ever before."""
    from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

    from closeness_journal.ui.app import JournalApp

    # the driver sets its own handlers for these: pytest's are put back
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    monkeypatch.setattr(sys, "__stderr__", _GoneTerminal())
    try:
        app = JournalApp(journal, library)
        writer = WriterThread(app.driver_class(app)._file)  # as the driver does in application mode
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    writer.start()
    done = threading.Event()

    def draw_many_frames() -> None:
        for _ in range(MAX_QUEUED_WRITES * 3):
            writer.write("a frame")
        done.set()

    threading.Thread(target=draw_many_frames, daemon=True).start()
    assert done.wait(30), "the window's output waited for ever on a terminal that is gone"
    writer.stop()


async def test_the_input_thread_reads_keys_and_stops_without_waiting_on_nothing(monkeypatch, journal, library):
    """The window's input thread (ui/hangup.py) reads and parses keys as Textual's does; told to
    stop, it is woken at once, and it never waits on no file at all (Textual's last wait, 0.1 s
    on nothing, held every leaving back)."""
    import selectors

    from textual import events

    from closeness_journal.ui.app import JournalApp

    waits: list[int] = []  # how many files each wait of the thread was on
    select = selectors.SelectSelector.select

    def counted(selector, timeout=None):
        waits.append(len(selector.get_map()))
        return select(selector, timeout)

    monkeypatch.setattr(selectors.SelectSelector, "select", counted)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        app = JournalApp(journal, library)
        driver = app.driver_class(app)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    master, slave = os.openpty()
    tty.setraw(slave)  # as the driver sets the terminal: each key as it comes
    driver.fileno = slave
    keys: list[str] = []
    pressed = threading.Event()

    def process_message(message):
        if isinstance(message, events.Key):
            keys.append(message.key)
            pressed.set()

    driver.process_message = process_message
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(master, b"a")
        assert pressed.wait(10), "a key typed never reached the window"
        assert keys == ["a"]
        assert isinstance(driver.exit_event, WakingEvent)
        driver.exit_event.set()
        thread.join(10)
        assert not thread.is_alive()
        assert waits and 0 not in waits
        assert waits[-1] == 2  # the terminal and the wake-up
    finally:
        driver.exit_event.set()
        driver.close()
        os.close(master)
        os.close(slave)


def test_stopping_input_wakes_the_input_thread_at_once():
    """Setting the driver's exit event writes to the pipe the input thread waits on with the terminal."""
    reader, writer = os.pipe()
    try:
        event = WakingEvent(writer)
        assert select.select([reader], [], [], 0)[0] == []
        event.set()
        assert event.is_set()
        assert select.select([reader], [], [], 0)[0] == [reader]
    finally:
        os.close(reader)
        os.close(writer)
