"""The weekly review's scrolling parts (its summary, its questions, each answer), whose scroll bars
don't lay the screen out again when they are first sized.

Textual lays the whole screen out again each time a widget's virtual size changes, and a scroll
bar's changes when it is first given its size: the layout that shows a scroll bar asks for one
more. As the review is made, its scroll bars (the summary's, the questions', a long answer's) are
first sized in the last layout before its first frame, so that one more layout came a frame after
it (about 3 ms, and a wait for Textual's next frame of up to 17 ms) with nothing to change: a scroll
bar is drawn from its own position and sizes (`window_virtual_size`, `window_size`), never from its
virtual size. Here its virtual size is set without asking for a layout; its size and what it
draws are updated as before.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widgets import TextArea


class QuietScrollBar(ScrollBar):
    """A scroll bar whose first sizing doesn't lay the screen out again (see above)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class _QuietVertical:
    """Textual's `Widget.vertical_scrollbar`, made a `QuietScrollBar` (these scroll only up and down)."""

    _vertical_scrollbar: ScrollBar | None

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            scroll_bar = QuietScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            scroll_bar.display = False
            self._vertical_scrollbar = scroll_bar
            self.app._start_widget(self, scroll_bar)
        return self._vertical_scrollbar


class ReviewScroll(_QuietVertical, VerticalScroll):
    """The summary, or the questions: a `VerticalScroll` with a `QuietScrollBar`."""


class AnswerArea(_QuietVertical, TextArea):
    """An answer: a `TextArea` (soft-wrapped: it scrolls only up and down) with a `QuietScrollBar`."""
