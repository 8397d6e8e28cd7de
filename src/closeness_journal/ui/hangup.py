"""Closing the terminal never leaves the window hanging: the pieces the app's hang-up path uses.

Textual writes to the terminal from a thread, through a queue of 30 writes. When the terminal
is gone, that thread's write fails (EIO) and the thread dies; the next 30 writes fill the queue
and the event loop then waits for ever to put the 31st. The signal handler was meant to get the
process out of there, but a signal can slip in between the interpreter's last check and the
wait starting (or reach another thread), and then its Python handler only runs once the event
loop moves again: never. So output to the terminal forgives failure (`ForgivingOutput`: a
terminal that is gone takes every write and drops it), and the queue always drains.

The same driver's input thread is woken as soon as input is to stop, so leaving (and ctrl+z)
doesn't wait 0.1-0.2 s for it (`run_input_thread`).
"""

from __future__ import annotations

import os
import selectors
import sys
import threading
import time
from codecs import getincrementaldecoder
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
    """Textual's terminal driver for Linux and macOS, writing through `ForgivingOutput`, its input
    thread stopped at once (other drivers, headless and Windows, are given back as they are)."""
    if sys.platform == "win32":
        return driver_class
    from textual.drivers.linux_driver import LinuxDriver

    if driver_class is not LinuxDriver:
        return driver_class

    from textual._loop import loop_last
    from textual._parser import ParseError
    from textual._xterm_parser import XTermParser

    class ForgivingLinuxDriver(LinuxDriver):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._file = ForgivingOutput(self._file)
            self._wake_reader, self._wake_writer = os.pipe()
            os.set_blocking(self._wake_reader, False)
            os.set_blocking(self._wake_writer, False)
            self.exit_event = WakingEvent(self._wake_writer)

        def run_input_thread(self) -> None:
            """Textual's input thread (textual 8.2's `LinuxDriver.run_input_thread`, the same
            reading and parsing), woken as soon as input is to stop (`WakingEvent`) rather than at
            its next 0.1 s look at `exit_event`, and without its last 0.1 s wait on no file at all
            (after the terminal is unregistered it waited for nothing): leaving waited 0.1-0.2 s for
            this thread, with nothing to do (0.12-0.15 s of the window's 0.5 s start and quit)."""
            selector = selectors.SelectSelector()
            fileno = self.fileno
            wake = self._wake_reader
            selector.register(fileno, selectors.EVENT_READ)
            selector.register(wake, selectors.EVENT_READ)
            parser = XTermParser(self._debug)
            feed = parser.feed
            tick = parser.tick
            decode = getincrementaldecoder("utf-8")().decode

            def process_selector_events(
                selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
            ) -> None:
                for last, (selector_key, mask) in loop_last(selector_events):
                    if selector_key.fd == wake:
                        _drain(wake)
                    elif mask & selectors.EVENT_READ:
                        unicode_data = decode(os.read(fileno, 1024 * 4), final=final and last)
                        if not unicode_data:  # this can occur if stdin is piped
                            break
                        for event in feed(unicode_data):
                            self.process_message(event)
                for event in tick():
                    self.process_message(event)

            try:
                while not self.exit_event.is_set():
                    process_selector_events(selector.select(0.1))
                selector.unregister(fileno)
                process_selector_events([], final=True)  # Textual selected (0.1 s) on nothing here
            finally:
                selector.close()
                try:
                    for _event in feed(""):
                        pass
                except (EOFError, ParseError):
                    pass

        def close(self) -> None:
            super().close()
            if self._key_thread is not None and self._key_thread.is_alive():
                return  # still reading (input not stopped): its pipe stays open, ended with the process
            for end in (self._wake_reader, self._wake_writer):
                try:
                    os.close(end)
                except OSError:
                    pass

    return ForgivingLinuxDriver


class WakingEvent(threading.Event):
    """The driver's `exit_event`: setting it (to stop input, when leaving or suspending) also
    wakes the input thread from its wait on the terminal, through a pipe."""

    def __init__(self, wake_writer: int) -> None:
        super().__init__()
        self._wake_writer = wake_writer

    def set(self) -> None:
        super().set()
        try:
            os.write(self._wake_writer, b"x")
        except OSError:  # full (a wake is pending anyway) or closed (the driver is gone)
            pass


def _drain(reader: int) -> None:
    try:
        while os.read(reader, 512):
            pass
    except OSError:  # empty (non-blocking) or closed
        pass


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
