"""A `Select` of three widgets until it is opened, where Textual's is six.

Textual's `Select` is itself, the line that shows the choice (holding a label, an arrow down and an
arrow up, one of them hidden) and the list that drops down (hidden until it is opened). Every one is
built, styled and laid out with the screen, though the list may never be opened: History's four
filters were 24 of its 37 widgets. Here the line holds one widget that draws the label and the arrow
as Textual's two draw them, and the list is made the first time it opens (by key or click), filled
with the options as they are then, and kept. The keys, the `Changed` messages, `value`, `clear()`,
`set_options()` and what is drawn are those of Textual's `Select` (tests/ui/test_filter_select.py
compares them side by side).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.content import Content
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize
from textual.widget import AwaitMount, Widget
from textual.widgets import Select
from textual.widgets._select import NoSelection, SelectCurrent, SelectOverlay

ARROW = 2
"""The arrow's cells: a space, then ▼ (▲ while the list is open)."""


class _Line(Widget):
    """The label (or the prompt, dimmed) and the arrow, drawn as Textual's label and arrow widgets
    draw them side by side (a Widget inside the line as they are: dimmed alike when disabled)."""

    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        # as Textual's label is styled (set here: a new style sheet for one widget was 2-5 ms to
        # parse on History's first open)
        self.styles.width = "1fr"
        self.styles.height = "auto"
        self.styles.background = "transparent"

    def _label_lines(self, width: int) -> list[Strip]:
        """The label in what the arrow leaves of `width`, wrapped as Textual's label widget wraps it."""
        current = self.parent
        assert isinstance(current, SelectCurrent)
        label = current.placeholder if isinstance(current.label, NoSelection) else current.label
        shown = visualize(self, label)
        if not isinstance(shown, Content):  # a Rich renderable other than text: its plain words
            shown = Content(str(label))
        if not current.has_value:
            shown = shown.stylize_before("$foreground 50%")
        return Visual.to_strips(self, shown, max(1, width - ARROW), None, self.visual_style) or [Strip([])]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._label_lines(width)) if width else 0

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = self._label_lines(width)
        base, background = self.background_colors
        blank = Style(background=base + background).rich_style  # as Textual fills what text leaves
        line = (lines[y] if y < len(lines) else Strip([])).adjust_cell_length(width - ARROW, blank)
        if y:
            return line.adjust_cell_length(width, blank)
        select = self.parent.parent if self.parent is not None else None
        arrow = Content.styled("▲" if select is not None and select.has_class("-expanded") else "▼", "$foreground 50%")
        drawn = Visual.to_strips(self, arrow, 1, 1, self.visual_style)
        return Strip.join([line, Strip.blank(ARROW - 1, blank), *drawn])


class _Current(SelectCurrent):
    """The line that shows the choice: one widget in it (`_Line`) where Textual's has three (the
    label, the arrow down and the arrow up, one of them hidden)."""

    def compose(self) -> ComposeResult:
        yield _Line()

    def update(self, label: RenderableType | NoSelection) -> None:
        self.label = label
        self.has_value = not isinstance(label, NoSelection)
        self.query(_Line).refresh(layout=True)


class FilterSelect(Select[Any]):
    """`Select`, its list made when first opened (see the module's docstring)."""

    _overlay: SelectOverlay | None = None
    """The list, once it is made and mounted."""
    _making: AwaitMount | None = None
    before_first_open: Callable[[], object] | None = None
    """Called as the list is first opened, before it is filled: to set the options then."""

    @property
    def opened(self) -> bool:
        """Whether the list has been opened (and made)."""
        return self._overlay is not None

    def compose(self):
        yield _Current(self.prompt)

    async def _made(self) -> SelectOverlay:
        """The list, made and mounted the first time it is needed, filled with the options then."""
        if self._making is None:
            if self.before_first_open is not None:
                self.before_first_open()
            overlay = SelectOverlay(type_to_search=self._type_to_search)
            overlay.compact = self.compact
            self._making = self.mount(overlay)
        await self._making
        if self._overlay is None:  # (opening it highlights the choice, as `Select` does)
            self._overlay = self.query_one(SelectOverlay)
            super()._setup_options_renderables()
        return self._overlay

    def watch_compact(self, compact: bool) -> None:
        if self._overlay is not None:
            self._overlay.compact = compact

    def _setup_options_renderables(self) -> None:
        if self._overlay is not None:
            super()._setup_options_renderables()

    def _watch_value(self, value: Any) -> None:
        if self._overlay is not None:
            super()._watch_value(value)
            return
        self._value = value
        try:
            current = self.query_one(SelectCurrent)
        except NoMatches:
            return
        if value == self.NULL:
            current.update(self.NULL)
        else:
            for prompt, option in self._options:
                if option == value:
                    current.update(prompt)
                    break
        self.post_message(self.Changed(self, value))

    def _watch_prompt(self, prompt: str) -> None:
        if self._overlay is not None:
            super()._watch_prompt(prompt)
        elif self.is_mounted:
            current = self.query_one(SelectCurrent)
            current.placeholder = prompt
            if self._allow_blank and self.value == self.NULL:
                current.update(self.NULL)

    def _watch_expanded(self, expanded: bool) -> None:
        self.query(_Line).refresh()  # its arrow
        if self._overlay is not None:
            super()._watch_expanded(expanded)
        elif expanded:  # opened by a click: open it once it is made
            self.call_next(self._expand_once_made)

    async def _expand_once_made(self) -> None:
        await self._made()
        super()._watch_expanded(self.expanded)

    async def action_show_overlay(self) -> None:
        await self._made()
        super().action_show_overlay()
