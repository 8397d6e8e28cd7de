"""A yes/no question over the current screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from closeness_journal.ui.widgets.keys_footer import OVER_A_DIALOG, KeysFooter


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for yes, False for no (Escape is no)."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", id="cancel"),
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        *OVER_A_DIALOG[1:],  # the pause and the palette (not quitting: a question may be about quitting)
    ]

    def __init__(self, question: Content | str, yes: str, no: str = "Cancel") -> None:
        super().__init__()
        self._question = question if isinstance(question, Content) else Content(question)
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self._question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self._yes} (y)", id="yes", variant="warning")
                yield Button(f"{self._no} (n)", id="no", variant="primary")
        yield KeysFooter()  # its own keys: those of the screen under it don't work here

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
