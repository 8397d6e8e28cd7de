"""Python's cycle collector paused while a whole journal is read or written (an import, an export).

Such work makes a few objects a row and keeps them or lets them go at once, with no cycles; the
collector would walk them again every few hundred rows (a tenth of an export's time, a third of
an import's). The window's own use of the collector is in `ui/collector.py`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused(long_lived: bool = False) -> Iterator[None]:
    """The collector paused for the block, then put back as it was, whatever happens.
    `long_lived`: what was made meanwhile is kept (an import's entries), so count it in the oldest
    generation; otherwise the first collection after would walk every entry just read (100,000
    entries: over a second). What was already set aside for good (the window's) stays so."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if long_lived:
            set_aside_before = gc.get_freeze_count()
            gc.freeze()  # every tracked object to the permanent generation, the young counts reset ...
            if not set_aside_before:
                gc.unfreeze()  # ... and back, into the oldest: still collected, by the next full collection
        if was_on:
            gc.enable()
