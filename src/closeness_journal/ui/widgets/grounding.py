"""The grounding minute, drawn: a shape that grows as you breathe in and shrinks as you breathe
out, the words, and then a few things to notice. What to draw comes from `core.pause`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from closeness_journal.core.pause import NOTICING, Moment, shape

FOLLOW = "Follow the shape: breathe in as it grows, out as it shrinks."


class Grounding(Vertical):
    """Shows one moment of the grounding minute; the screen pushes moments in with `show`."""

    DEFAULT_CSS = """
    Grounding {
        align: center middle;
        height: 1fr;
    }
    Grounding Static {
        width: 100%;
        height: auto;
        text-align: center;
    }
    #breath-words {
        margin-top: 1;
        text-style: bold;
    }
    #breath-shape {
        height: auto;
        margin: 1 0;
        color: $text-accent;
    }
    #noticing {
        height: 3;
        padding: 0 4;
    }
    #grounding-hint {
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="breath-words")
        yield Static(id="breath-shape")
        yield Static(id="noticing")
        yield Static(id="grounding-hint")

    restored = False
    """Set when an unfinished note came back: the hint says Enter goes straight to it."""

    def show(self, moment: Moment) -> None:
        breath = moment.breath
        self.query_one("#breath-words", Static).update(
            Content.assemble(breath.words, Content.styled(f"  {breath.count}", "$text-muted"))
        )
        self.query_one("#breath-shape", Static).update(Content("\n".join(shape(breath.size))))
        self.query_one("#noticing", Static).update(Content(NOTICING.get(moment.part, FOLLOW)))
        left = "a moment" if moment.left <= 1 else f"{moment.left} seconds"
        if self.restored:
            hint = "Your note from last time is back: Enter goes straight to it · Escape closes"
        else:
            hint = f"About {left} left of this minute · Enter skips to the note · Escape closes"
        self.query_one("#grounding-hint", Static).update(Content(hint))
