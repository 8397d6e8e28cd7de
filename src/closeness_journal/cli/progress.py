"""How far a long export or import has got: one line on standard error, redrawn in place, and
only when standard error is a terminal (a script or a pipe sees nothing of it). The line is
wiped when the work is done, so what the command says at the end stands alone."""

from __future__ import annotations

import sys
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import TextIO

EVERY_S = 0.1
"""Redraw at most this often."""


class Progress:
    """`tell(what, done, total)` as the work goes (`tell(what, 0)`: just what is being done);
    `done()` (or leaving the `with`) wipes the line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        try:
            self.on = self.stream.isatty()
        except (AttributeError, ValueError):
            self.on = False
        self.shown = False
        self.last = 0.0

    def tell(self, what: str, done: int, total: int | None = None) -> None:
        if not self.on:
            return
        moment = time.monotonic()
        if moment - self.last < EVERY_S and (total is None or done < total):
            return
        self.last = moment
        count = f": {done:,}" + (f" of {total:,}" if total else "") if done or total else ""
        self.stream.write(f"\r\x1b[K{what}{count}…")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        self.done()
