"""Textual's `Header`, with the screen's title in its first frame.

Textual's header is made empty and given its title a moment after it is mounted, four times over
(once for each title and sub-title it watches), each time laying the whole screen out again. On a
screen that is built while a switch holds the window back, the last of those came after the first
frame: one more layout and one more frame before the screen was still (History's first open).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class _Title(HeaderTitle):
    """The title, drawn again only when it changes (it never changes the header's size)."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        shown = self.content
        same = isinstance(content, Content) and isinstance(shown, Content) and content.plain == shown.plain
        if same and content.spans == shown.spans:
            return
        super().update(content, layout=False)


class TitledHeader(Header):
    """A one-line header without a clock, as `Header()` is, its title there from the start."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield _Title(self.format_title())
        yield HeaderClockSpace()
