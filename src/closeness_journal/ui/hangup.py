"""Closing the terminal never leaves the window hanging: the pieces the app's hang-up path uses.

Textual writes to the terminal from a thread, through a queue of 30 writes. When the terminal
is gone, that thread's write fails (EIO) and the thread dies; the next 30 writes fill the queue
and the event loop then waits for ever to put the 31st. The signal handler was meant to get the
process out of there, but a signal can slip in between the interpreter's last check and the
wait starting (or reach another thread), and then its Python handler only runs once the event
loop moves again: never. So output to the terminal forgives failure (`ForgivingOutput`: a
terminal that is gone takes every write and drops it), and the queue always drains.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import IO, Any


class ForgivingOutput:
    """The terminal's output for Textual's writer thread: once a write or flush fails (the
    terminal is gone), every later one is dropped, so the thread lives on and keeps emptying the
    queue. Nothing is lost by dropping: there is no terminal left to show it."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
            except (OSError, ValueError):  # EIO once hung up; ValueError if the file was closed
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


def forgiving_driver(driver_class: type) -> type:
    """Textual's terminal driver for Linux and macOS, writing through `ForgivingOutput`
    (other drivers, headless and Windows, are given back as they are)."""
    if sys.platform == "win32":
        return driver_class
    from textual.drivers.linux_driver import LinuxDriver

    if driver_class is not LinuxDriver:
        return driver_class

    class ForgivingLinuxDriver(LinuxDriver):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._file = ForgivingOutput(self._file)

    return ForgivingLinuxDriver


class Watchdog:
    """Ends the process (exit code 0) if it is still running after `seconds`: a safety net for
    the hang-up path. Drafts are saved through SQLite, so nothing saved is lost by ending."""

    def __init__(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._changed = threading.Event()
        threading.Thread(target=self._watch, name="hangup-watchdog", daemon=True).start()

    def shorten(self, seconds: float) -> None:
        self._deadline = min(self._deadline, time.monotonic() + seconds)
        self._changed.set()

    def _watch(self) -> None:
        while (left := self._deadline - time.monotonic()) > 0:
            self._changed.wait(left)
            self._changed.clear()
        os._exit(0)
