"""The prompt being answered, with its theme and where it sits among the day's prompts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from closeness_journal.ui.text import literal


class PromptCard(Vertical):
    """Shows one prompt; the screen pushes new values in with `show`."""

    def compose(self) -> ComposeResult:
        yield Static(id="prompt-theme")
        yield Static(id="prompt-text")

    def show(self, theme_title: str, text: str, position: int, total: int) -> None:
        heading = Content.assemble(
            literal(theme_title, "bold $accent"),
            Content.styled(f"   {position} of {total}", "$text-muted"),
        )
        self.query_one("#prompt-theme", Static).update(heading)
        self.query_one("#prompt-text", Static).update(literal(text))
