"""Drawing a screen only once Textual shows it (History, the weekly review).

Textual holds every update back for 50 ms when you switch screens, to hide the change. While it
does, a screen being opened still works out a whole frame each time its layout is done (as it
resumes, and as it is sized), and the frame is thrown away: the terminal is written to only once
the hold ends, and the whole screen is drawn again then. Some screens get part of that work back
(their widgets keep the lines they drew), but History's table (its text column widened once the
table is sized) drew its rows twice: a first F3 at 100,000 entries took 20-30 ms more CPU time
with the held frame than without it (measured side by side on a busy machine), and the weekly
review's held frames were about a sixth of its open's Python calls. A screen made with this puts
its drawing off until nothing is held back.
"""

from __future__ import annotations

from textual.screen import Screen


class DrawnOnceShown(Screen[None]):
    """A screen whose frames are worked out only when they can reach the terminal."""

    _draw_waiting = False
    _drawn = True

    def _compositor_refresh(self) -> None:
        app = self.app
        if app._batch_count and self is app.screen and not app.is_inline:
            self._drawn = False
            if not self._draw_waiting:
                self._draw_waiting = True
                # once nothing is held back (ui/first_frame.py), as the window's other after-frame work
                getattr(app, "once_drawn", self.call_after_refresh)(self._draw_once_shown)
            return
        self._drawn = True
        super()._compositor_refresh()

    def _draw_once_shown(self) -> None:
        """Draw what was put off, unless it has been drawn since (the end of a switch's hold asks
        for a full one)."""
        self._draw_waiting = False
        if not self._drawn and self.is_attached and self is self.app.screen:
            self.refresh()  # laid out again first if it must be (the table knows its rows by now)
