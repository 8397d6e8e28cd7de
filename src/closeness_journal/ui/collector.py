"""Python's cycle collector while the window starts.

Start-up makes about 100,000 objects (Textual's classes and styles, the screen's widgets) and
frees few of them, so each collection before the first frame walks them and finds next to nothing
to free: together they took about as long as drawing the check-in (measured with `gc.callbacks`).
So the collector is paused while the window starts. Once Textual says the window is ready (its
`Ready` event: the first layout is done, and Today's first frame follows), what start-up made is
set aside for good (`gc.freeze`: later collections skip it, so they stay short while you type, and
so does leaving) and collecting resumes. The few cycles start-up left behind (about 3,000 objects,
well under a megabyte) stay with it; nothing in them needs finalizing (the journal, the terminal
and the threads are closed explicitly).

The screens you switch between do the same once each is first drawn (`set_aside`, from
`ui/screens/mode.py`): what the window holds then lives as long as the window, and a full
collection walking it again took 0.15-0.4 s at random moments, often while a screen opened.
When the window closes, `release` hands it all back to the collector (tests open many windows),
except when the process ends with the window (`to_the_end`, the `closeness-journal` command):
handing it back then only has Python walk it all and free it piece by piece on its way out, work
the system does at once when the process ends. That took about as long as drawing Today did
(0.1-0.15 s of CPU, measured with `atexit` against `os._exit`), and the terminal waited for it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False
_released_at_close = True


@contextmanager
def paused() -> Iterator[None]:
    """Collecting is paused until `resume` (the window's first frame); if that never comes (the
    window failed to start), until the block ends. Left alone if something else paused it."""
    global _paused
    if not gc.isenabled():
        yield
        return
    gc.disable()
    _paused = True
    try:
        yield
    finally:
        if _paused:
            _paused = False
            gc.enable()


def resume() -> None:
    """The window is ready: set aside what exists now, and collect again (if `paused` paused)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def set_aside() -> None:
    """What exists now lives as long as the window: later collections skip it."""
    gc.freeze()


@contextmanager
def to_the_end() -> Iterator[None]:
    """The process ends with the window in this block: what the window set aside stays aside when
    it closes (nothing in it needs finalizing: the journal, the terminal and the threads are
    closed explicitly). Another window opened after the block hands its objects back again."""
    global _released_at_close
    _released_at_close = False
    try:
        yield
    finally:
        _released_at_close = True


def release() -> None:
    """The window is closing: what it held can be collected again (unless the process ends with
    it: `to_the_end`)."""
    if _released_at_close:
        gc.unfreeze()
