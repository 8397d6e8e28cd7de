"""The footer of the screens the app switches between: Textual's, rebuilt only when its keys change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


def _shown_keys(screen: Screen) -> tuple[Any, ...]:
    """What the footer is built from: each of the screen's keys (the command palette's too, which
    is not `show`n as the others are), what it does, whether it is shown and enabled."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.show, enabled, tooltip, binding.group)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
    )


class KeysFooter(Footer):
    """Textual's footer rebuilds its twenty-odd keys each time the screen's keys may have changed:
    each switch back to the screen, each move of the focus. This one rebuilds them only when what
    it shows would change (about 0.1 s each time on a busy machine otherwise)."""

    _composed: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        self._composed = _shown_keys(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._composed is not None and screen is self.screen and _shown_keys(screen) == self._composed:
            return
        super().bindings_changed(screen)
