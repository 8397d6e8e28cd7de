"""A `Select` whose list is made the first time it is opened.

Textual's `Select` is six widgets: itself, the line that shows the choice (a label, an arrow down and
an arrow up, hidden until the list is open) and the list that drops down (hidden until then). Every
one is built, styled and laid out with the screen, though the list may never be opened: History's
four filters were 24 of its 37 widgets. Here the list and the arrow up are made the first time the
list opens (by key or click), filled with the options as they are then, and kept. Until then the
choice is shown and changed as Textual's `Select` does: the keys, the `Changed` messages, `value`,
`clear()`, `set_options()` and what is drawn are the same.
"""

from __future__ import annotations

from typing import Any

from textual.css.query import NoMatches
from textual.widget import AwaitMount
from textual.widgets import Select
from textual.widgets._select import NonSelectableStatic, SelectCurrent, SelectOverlay


class _Current(SelectCurrent):
    """The line that shows the choice, its arrow up added with the list."""

    def compose(self):
        yield NonSelectableStatic(self.placeholder, id="label")
        yield NonSelectableStatic("▼", classes="arrow down-arrow")


class FilterSelect(Select[Any]):
    """`Select`, its list made when first opened (see the module's docstring)."""

    _overlay: SelectOverlay | None = None
    """The list, once it is made and mounted."""
    _making: list[AwaitMount] | None = None

    def compose(self):
        yield _Current(self.prompt)

    async def _made(self) -> SelectOverlay:
        """The list, made and mounted the first time it is needed, filled with the options then."""
        if self._making is None:
            overlay = SelectOverlay(type_to_search=self._type_to_search)
            overlay.compact = self.compact
            arrow = NonSelectableStatic("▲", classes="arrow up-arrow")
            self._making = [self.query_one(_Current).mount(arrow), self.mount(overlay)]
        for mounted in self._making:
            await mounted
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
