"""How the window gets its first frame out quickly, and leaves cleanly after it (a part of
`JournalApp`).

Textual holds the screen back while the window starts and for 50 ms after a switch of screens
(not when you go back to a screen on which nothing changed: `switch_mode`),
and a callback after a refresh runs at once while it does, before anything is drawn. Work meant
for after the first frame (the rest of Today's check-in, the day's backup) waits for `once_drawn`
so that it doesn't hold the frame back.

The window's style sheet holds Today's styles (and what every screen shares); the other screens'
styles (`views.tcss`) are read with the first of them, so the start parses a third of the rules.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker

REST_OF_CHECKIN = "rest-of-checkin"
"""The worker that mounts Today's check-in fields below the fold, after the first frame."""

VIEWS_CSS = Path(__file__).with_name("views.tcss")
"""The styles of the screens other than Today."""


class FirstFrame(App[int]):
    """Mixed into `JournalApp` (before `App`)."""

    _leaving = False
    _views_styled = False
    _unheld_switch = False

    def once_drawn(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the screen on top (one of ours) has been drawn on the terminal:
        wait until nothing is held back and ours is on top; its callbacks then run only once it is
        drawn. Never once the window is closing."""
        if self._leaving:
            return
        if self.screen.id == "_default" or self._batch_count:
            self.set_timer(0.002, lambda: self.once_drawn(callback))
        else:
            self.screen.call_after_refresh(callback)

    def _exit_once_drawn(self) -> None:
        """Quit once the first screen of ours (Today, or the welcome or pause over it) has been
        drawn on the terminal, then one more refresh (as the benchmark's floor apps do)."""
        self.once_drawn(lambda: self.call_after_refresh(self.exit, 0))

    @property
    def leaving(self) -> bool:
        """Whether the window is closing (nothing more is mounted then)."""
        return self._leaving

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds the screen back for 50 ms when switching screens, to hide the change; from
        the blank screen the window starts on there is nothing to hide, and Today would wait."""
        if self._unheld_switch or (self._screen_stack and self.screen.id == "_default"):
            return
        super().delay_update(delay)

    def switch_mode(self, mode: str) -> Any:
        """Back to a screen already built, on which nothing changed meanwhile (`shows_as_it_was`):
        it draws as it was, so there is no change to hide and no 50 ms hold (the switch back took
        about 57 ms, the hold and the frame after it; 12-29 ms without it)."""
        stack = self._screen_stacks.get(mode)
        shows = getattr(stack[-1], "shows_as_it_was", None) if stack else None
        self._unheld_switch = mode != self.current_mode and shows is not None and shows()
        try:
            return super().switch_mode(mode)
        finally:
            self._unheld_switch = False

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """A widget not yet in a screen is styled as it mounts: Textual would style it (and what it
        holds) now as well, each time one of its classes changes while it is built (the footer's
        twenty keys, rebuilt at every F-key, and every compact field of the check-in)."""
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        """Before the first screen other than Today (and Textual's blank start screen) is shown,
        add the other screens' styles: the rules parsed so far are kept, and only that screen is
        styled again (nothing already shown matches them)."""
        if not self._views_styled and screen.id != "_default" and getattr(screen, "needs_views_css", True):
            self._views_styled = True
            self.stylesheet.read(VIEWS_CSS)
            self.stylesheet.reparse()
            self.stylesheet.update(screen)
        super()._load_screen_css(screen)

    def _mounting(self) -> list[Worker[Any]]:
        return [worker for worker in self.workers if worker.name == REST_OF_CHECKIN and not worker.is_finished]

    def exit(self, result: int | None = None, return_code: int = 0, message: Any = None) -> None:
        """Leave once the check-in's fields still being mounted are there: Textual would take the
        window apart under them (a dropdown mounting then fails, and leaving with it)."""
        self._leaving = True
        if self._mounting():
            self.set_timer(0.005, lambda: self.exit(result, return_code, message))
        else:
            super().exit(result, return_code, message)

    async def _shutdown(self) -> None:
        """The same when the window is closed without `exit` (as tests do)."""
        self._leaving = True
        for worker in self._mounting():
            try:
                await asyncio.wait_for(worker.wait(), timeout=5)
            except Exception:  # noqa: BLE001 - cancelled, failed or stuck: leaving goes on all the same
                pass
        await super()._shutdown()
