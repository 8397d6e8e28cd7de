"""The dialog for adding a rung to the ladder, or changing one: the step, how hard it feels now
(0-100) and, if you like, who it is with."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from closeness_journal.core.ladder import HARD_WORDS, InvalidRung, Rung
from closeness_journal.core.text import one_line
from closeness_journal.ui.widgets.keys_footer import OVER_A_DIALOG, KeysFooter


class RungDialog(ModalScreen[Rung | None]):
    """Dismisses with the rung as typed (checked, not yet saved), or None."""

    DEFAULT_CSS = """
    RungDialog {
        align: center middle;
    }
    #rung-box {
        width: 64;
        max-width: 96%;
        height: auto;
        padding: 1 2;
        border: thick $primary 60%;
        background: $surface;
    }
    #rung-box .form-title {
        text-style: bold;
        color: $accent;
    }
    #rung-box .field-label {
        color: $text-muted;
        margin-top: 1;
    }
    #rung-box Input {
        width: 100%;
    }
    #rung-box #rung-hard {
        width: 8;
    }
    #rung-hard-words {
        color: $text-muted;
        text-style: italic;
    }
    #rung-note {
        color: $text-warning;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-rung"),
        Binding("ctrl+s", "save", "Save", id="save-rung"),
        *OVER_A_DIALOG,
    ]

    def __init__(self, rung: Rung | None = None) -> None:
        super().__init__()
        self._rung = rung

    def compose(self) -> ComposeResult:
        rung = self._rung
        with Vertical(id="rung-box"):
            yield Label("Change this step" if rung else "A step for your ladder", classes="form-title")
            yield Label("Something you'd like to be able to do", classes="field-label")
            yield Input(one_line(rung.text) if rung else "", placeholder="e.g. Tell Sam one true thing about my day",
                        id="rung-text", compact=True)
            yield Label("How hard does it feel now, from 0 to 100?", classes="field-label")
            yield Input(str(rung.hard) if rung else "", placeholder="0-100", id="rung-hard", restrict=r"^\d{0,3}$",
                        max_length=3, compact=True)
            yield Static(HARD_WORDS, id="rung-hard-words")
            yield Label("Who is it with? (if anyone in particular)", classes="field-label")
            yield Input(one_line(rung.who) if rung else "", placeholder="a name or a role", id="rung-who",
                        compact=True)
            yield Static(id="rung-note")
            with Horizontal(id="confirm-buttons"):
                yield Button("Save (ctrl+s)", id="rung-save", variant="primary")
                yield Button("Cancel", id="rung-cancel")
        yield KeysFooter()  # its own keys: those of the screen under it don't work here

    def on_mount(self) -> None:
        self.query_one("#rung-text", Input).focus()

    @on(Button.Pressed, "#rung-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#rung-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        hard_text = self.query_one("#rung-hard", Input).value.strip()
        note = self.query_one("#rung-note", Static)
        if not hard_text:
            note.update("Say how hard it feels now, from 0 (not hard at all) to 100.")
            self.query_one("#rung-hard", Input).focus()
            return
        typed = Rung(
            text=self.query_one("#rung-text", Input).value,
            hard=int(hard_text),
            who=self.query_one("#rung-who", Input).value,
        )
        try:
            cleaned = typed.validated()
        except InvalidRung as error:
            message = str(error)
            note.update(Content(message[0].upper() + message[1:] + "."))
            return
        self.dismiss(replace(self._rung, text=cleaned.text, hard=cleaned.hard, who=cleaned.who)
                     if self._rung else cleaned)
