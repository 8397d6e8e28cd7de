"""What the screens the app switches between with a key (Today, History, Patterns, Review,
Exercises, Ladder) share."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen

from closeness_journal.ui import collector


class ModeScreen(Screen[None]):
    """Switching back to one of these screens restyles it only when the styles changed while it
    was away (a new look): Textual restyles every widget of it each time otherwise (about 0.1 s
    for Today's sixty widgets on a busy machine, for nothing).

    Once one of them is first drawn, what the window holds so far (its code, its screens, their
    widgets, which live as long as the window) is set aside from Python's garbage collector
    (`ui/collector.py`). Otherwise each full collection walks every one of those objects again:
    0.15-0.4 s at a random moment, as often as not in the middle of opening a screen or of a key.
    Reference counting still frees what is let go; cycles already unreachable at that moment, a
    few times a window, wait until the window closes."""

    def _on_mount(self, event: events.Mount) -> None:
        self.call_after_refresh(collector.set_aside)

    def _on_unmount(self, event: events.Unmount) -> None:
        collector.release()  # the window is closing

    _left_at: tuple[int, int] | None = None
    render_held = False
    """A frame was wanted while the window held its updates (`_compositor_refresh`)."""

    def _on_screen_suspend(self, event: events.ScreenSuspend) -> None:
        self._left_at = self._change_token()

    def shows_as_it_was(self) -> bool:
        """Nothing was written (here or in another window) since you left this screen: coming back
        to it, it draws just as it was (its resume reloads only what a write changed)."""
        return self._left_at is not None and self._left_at == self._change_token()

    def _change_token(self) -> tuple[int, int] | None:
        try:
            return self.app.journal.change_token()
        except Exception:  # noqa: BLE001 (a closed or unreadable journal: then it may have changed)
            return None

    def _compositor_refresh(self) -> None:
        """While the window holds its updates back (`App.batch_update`: as it starts, while a
        switch of screens is held), Textual renders each layout's update all the same, drops it,
        and forgets what was left to draw: the frame after the hold then showed only what changed
        since (Today's first frame was its header and check-in, the rest came a frame later). Held,
        nothing is rendered and what is left to draw stays marked, so the first frame after the
        hold is whole (and a render of the whole of Today, about 2% of the start's instructions
        under callgrind, is not made for nothing)."""
        if self.app._batch_count and self is self.app.screen and not self.app.is_inline:
            self.render_held = True  # drawn as the hold ends (`FirstFrame._end_batch`)
            return
        self.render_held = False
        super()._compositor_refresh()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which reads `refresh_styles`. When a style changed,
        # the app has already brought this screen up to date (its count is then the app's).
        if self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False


def styled_now(app: Any, screen: Screen) -> Screen:
    """A mode's new screen, marked as knowing the styles as they are now (its widgets are styled
    as they mount). Textual marks it out of date, and so parses every style sheet again, twice,
    the first time you switch to it: about 30-60 ms of the window's start and of each first F3/F4."""
    screen._css_update_count = app._css_update_count
    return screen
