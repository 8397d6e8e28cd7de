"""The prompt being answered, with its theme, where it sits among the day's prompts, and a
short muted note (why the deeper question was chosen; a theme's "you can skip this")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from closeness_journal.ui.text import literal


class PromptCard(Vertical):
    """Shows one prompt; the screen pushes new values in with `show`."""

    DEFAULT_CSS = """
    PromptCard #prompt-note {
        height: auto;
        color: $text-muted;
        text-style: italic;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="prompt-theme")
        yield Static(id="prompt-text")
        yield Static(id="prompt-note")

    def show(self, theme_title: str, text: str, position: int, total: int, *, note: str = "") -> None:
        heading = Content.assemble(
            literal(theme_title, "bold $accent"),
            Content.styled(f"   {position} of {total}", "$text-muted"),
        )
        self.query_one("#prompt-theme", Static).update(heading)
        self.query_one("#prompt-text", Static).update(literal(text))
        shown = self.query_one("#prompt-note", Static)
        shown.update(literal(note))
        shown.display = bool(note)
