"""The place to write on Today and in the edit screen, which also moves between the places."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

_MOVES = {"ctrl+n": 1, "ctrl+b": -1}


class SlotEditor(TextArea):
    """A TextArea whose ctrl+n / ctrl+b move to the next or previous place to write.

    The move runs here, in the order the keys arrived: what is typed straight after ctrl+n goes
    to the new place. (A binding on the screen runs after the keys already waiting for the editor,
    so fast typing or a paste right after ctrl+n landed in the old place: bindings are checked
    only once a key has bubbled up to the app.) The screen provides `move_place(step)`; its own
    bindings for these keys still serve when the check-in has the focus."""

    async def _on_key(self, event: events.Key) -> None:
        step = _MOVES.get(event.key)
        if step is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self.screen.move_place(step)  # type: ignore[attr-defined]
