"""Before anything else, for an encrypted journal: a screen of its own that asks for the passphrase.

Three tries, never echoed. The key is worked out from the passphrase off the event loop (Argon2id
takes a moment on purpose). `UnlockApp` ends with the key, or None when the person leaves or the
third try did not open the journal; the journal window opens only after it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

TRIES = 3


class PassphraseScreen(Screen[bytes | None]):
    """Dismisses with the key, or None (left, or three passphrases that didn't open it)."""

    BINDINGS = [Binding("escape", "leave", "Leave", id="leave-unlock")]

    def __init__(self, unlock: Callable[[str], bytes | None]) -> None:
        super().__init__()
        self._unlock = unlock
        self._tries = 0
        self.tried_all = False
        """True once the last try did not open the journal (rather than leaving with escape)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-box"):
            yield Static("Your journal is encrypted", id="unlock-title")
            yield Static("Type your passphrase to open it. It isn't shown as you type.", id="unlock-ask")
            yield Input(password=True, id="unlock-passphrase", placeholder="passphrase")
            yield Static("", id="unlock-note")
            yield Static("enter: open    esc: leave without opening", id="unlock-keys")

    def on_mount(self) -> None:
        self.query_one("#unlock-passphrase", Input).focus()

    @on(Input.Submitted, "#unlock-passphrase")
    async def submitted(self, event: Input.Submitted) -> None:
        field = self.query_one("#unlock-passphrase", Input)
        note = self.query_one("#unlock-note", Static)
        passphrase = event.value
        field.value = ""
        if not passphrase:
            note.update("Type your passphrase first, then press enter.")
            return
        field.disabled = True
        note.update("Opening…")
        key = await asyncio.to_thread(self._unlock, passphrase)
        del passphrase
        if key is not None:
            self.dismiss(key)
            return
        self._tries += 1
        left = TRIES - self._tries
        if left <= 0:
            self.tried_all = True
            self.dismiss(None)
            return
        note.update(
            "That passphrase doesn't open this journal. Take your time: "
            + ("one more try." if left == 1 else f"{left} more tries.")
        )
        field.disabled = False
        field.focus()

    def action_leave(self) -> None:
        self.dismiss(None)


class UnlockApp(App[bytes | None]):
    """The passphrase screen on its own, before the journal window."""

    TITLE = "closeness-journal"
    CSS = """
    PassphraseScreen { align: center middle; }
    #unlock-box { width: 64; max-width: 95%; height: auto; padding: 1 2; border: round $primary; }
    #unlock-title { text-style: bold; color: $accent; margin-bottom: 1; }
    #unlock-passphrase { margin: 1 0; }
    #unlock-note { height: auto; min-height: 1; }
    #unlock-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, unlock: Callable[[str], bytes | None]) -> None:
        super().__init__()
        self.screen_asking = PassphraseScreen(unlock)

    def on_mount(self) -> None:
        self.push_screen(self.screen_asking, callback=self.exit)


def ask_in_window(unlock: Callable[[str], bytes | None]) -> tuple[bytes | None, bool]:
    """Show the passphrase screen: the key (None if it wasn't opened), and whether every try was used."""
    app = UnlockApp(unlock)
    key = app.run()
    return key, app.screen_asking.tried_all
