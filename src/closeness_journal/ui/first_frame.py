"""How the window gets its first frame out quickly, and leaves cleanly after it (a part of
`JournalApp`).

Today is the window's first screen (`JournalApp.DEFAULT_MODE`), built as the window starts
rather than switched to from Textual's blank start screen. Textual holds the screen back while the
window starts and for 50 ms after a switch of screens; here a switch is held only until the new
screen is ready, and not at all when you go back to a screen on which nothing changed
(`switch_mode`). A callback after a refresh runs at once while
the screen is held, before anything is drawn. Work meant
for after the first frame (the rest of Today's check-in, the day's backup) waits for `once_drawn`
so that it doesn't hold the frame back.

The window's style sheet holds Today's styles (and what every screen shares); the other screens'
styles (`views.tcss`) are read with the first of them, so the start parses a third of the rules.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker

REST_OF_CHECKIN = "rest-of-checkin"
"""The worker that mounts Today's check-in fields below the fold, after the first frame."""

HOLD_AT_MOST = 0.5
"""Seconds a switch of screens is held back at most while the new screen gets ready."""

VIEWS_CSS = Path(__file__).with_name("views.tcss")
"""The styles of the screens other than Today."""


class FirstFrame(App[int]):
    """Mixed into `JournalApp` (before `App`)."""

    _leaving = False
    _views_styled = False
    _no_textual_hold = False  # a switch under way that holds (or not) by itself: `delay_update` does nothing
    _holds: set[asyncio.Task[None]] = set()  # the waits of `_hold_until_ready` under way (kept from the collector)

    def once_drawn(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the screen on top (one of ours) has been drawn on the terminal:
        wait until nothing is held back and ours is on top; its callbacks then run only once it is
        drawn. Never once the window is closing."""
        if self._leaving:
            return
        if self._batch_count:
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
        """Textual holds the screen back for 50 ms when switching screens, to hide the change; a
        switch of ours holds it as long as the new screen takes to get ready (`switch_mode`)."""
        if self._no_textual_hold:
            return
        super().delay_update(delay)

    def _end_batch(self) -> None:
        """When the last hold ends, the frame wanted meanwhile is drawn at once (a screen of ours
        renders nothing while held: `ModeScreen._compositor_refresh`), not at the next tick of
        Textual's frame timer (up to 17 ms later), nor only once something else is drawn."""
        super()._end_batch()
        if not self._batch_count and self._screen_stack and getattr(self.screen, "render_held", False):
            screen = self.screen
            if screen._repaint_required:  # whole in the one frame (Textual's timer drew it twice in a row)
                screen._repaint_required = False
                screen._dirty_widgets.add(screen)
            screen._on_timer_update()  # what the frame timer would do: a layout asked for meanwhile first
            if screen.render_held:
                screen._compositor_refresh()

    def switch_mode(self, mode: str) -> Any:
        """Back to a screen already built, on which nothing changed meanwhile (`shows_as_it_was`):
        it draws as it was, so there is no change to hide and no 50 ms hold (the switch back took
        about 57 ms, the hold and the frame after it; 12-29 ms without it).

        Any other switch (a screen built now, or one that reloads what a write changed) is held
        back until that screen is ready instead of for a fixed 50 ms (`_hold_until_ready`): as
        long as it takes to build, and no longer."""
        if mode == self.current_mode or mode not in self._modes:
            return super().switch_mode(mode)
        stack = self._screen_stacks.get(mode)
        shows = getattr(stack[-1], "shows_as_it_was", None) if stack else None
        unheld = shows is not None and shows()
        if not unheld:
            self._begin_batch()
        self._no_textual_hold = True
        try:
            await_mount = super().switch_mode(mode)
        except BaseException:
            if not unheld:
                self._end_batch()
            raise
        finally:
            self._no_textual_hold = False
        if not unheld:
            self._hold_until_ready(await_mount)
        return await_mount

    def _hold_until_ready(self, await_mount: Awaitable[None]) -> None:
        """End the hold a switch began once the new screen is mounted and has handled what it
        was sent meanwhile (its resume, which reloads what changed): it is whole then, so the first
        frame shows it as it is. Textual ends it after 50 ms whether or not the screen is whole,
        which a screen built in 10-20 ms waits for (every first F3 / F4 / F5 / F8). Never later than
        HOLD_AT_MOST, should the screen never become ready. Its frame is drawn as the hold ends,
        rather than at the next tick of Textual's frame timer (up to 17 ms later)."""
        ended = False

        def end() -> None:
            nonlocal ended
            if ended:
                return
            ended = True
            self._end_batch()
            if not self._batch_count:
                self.screen.refresh()
                self.screen._on_timer_update()  # the frame now: nothing was drawn during the hold

        async def when_ready() -> None:
            try:
                await await_mount
            except Exception:  # noqa: BLE001 - a screen that failed to mount: the window says so; just show it
                end()
                return
            if not self.screen.call_later(end):  # after what the screen has queued (its resume)
                end()

        self._holds.add(task := asyncio.get_running_loop().create_task(when_ready()))
        task.add_done_callback(self._holds.discard)
        self.set_timer(HOLD_AT_MOST, end, name="hold_until_ready")

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """A widget not yet in a screen is styled as it mounts: Textual would style it (and what it
        holds) now as well, each time one of its classes changes while it is built (the footer's
        twenty keys, rebuilt at every F-key, and every compact field of the check-in)."""
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        """Before the first screen other than Today is shown,
        add the other screens' styles: the rules parsed so far are kept (parsing them all again took
        40-60 ms of each first F3 / F4 / F5 / F8), and only that screen is styled again (nothing
        already shown matches them)."""
        if not self._views_styled and getattr(screen, "needs_views_css", True):
            self._views_styled = True
            self.stylesheet.read(VIEWS_CSS)
            self.stylesheet.parse()  # only the new file: what was parsed before is kept (`reparse` does it all again)
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
