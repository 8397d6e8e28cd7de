"""The welcome: shown once on a new journal (and from Help or the command palette later). What
the journal is for, what it is not, that anything can be skipped, that distance can be right,
where everything is kept, and where to find help. Enter ends it on Today."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from closeness_journal.core.support import COMMAND
from closeness_journal.ui.widgets.keys_footer import KeysFooter

TITLE = "A private place to notice how you pull away, and to stay a little longer"
INTRO = (
    "Each day it asks a few questions: what happened, what you feared, what small step you took. "
    "There are no right answers, and nothing here is a test."
)


def points(data_dir: Path | None) -> list[tuple[str, str]]:
    """The welcome's points: a few bold words, then the rest."""
    where = f"in {data_dir}." if data_dir is not None else "in a temporary journal, deleted when you quit."
    return [
        ("This journal is a reflection aid, not therapy.", "If you see a therapist, you can bring what you write."),
        ("Every question can be skipped.", "Write as much or as little as you like."),
        (
            "Distance can be the right choice.",
            "If someone hurts, frightens or controls you, stepping back is looking after yourself. "
            "Closeness is for people you can trust.",
        ),
        ("Everything stays on this computer,", f"{where} Nothing is ever sent anywhere."),
        ("When the pull to leave is strong,", "F9 opens a pause: a minute of slow breathing, then a short note."),
        ("If you need support now,", f"F1 starts with where to find it (or, in a terminal: {COMMAND})."),
    ]


class WelcomeScreen(Screen[None]):
    """Enter (or Escape) closes it."""

    DEFAULT_CSS = """
    WelcomeScreen { align-horizontal: center; }
    #welcome-box { width: 80; max-width: 100%; padding: 1 2 0 2; }
    #welcome-title { text-style: bold; color: $text-accent; }
    #welcome-intro { margin: 1 0; }
    .welcome-point { height: auto; }
    .welcome-bullet { width: 2; }
    .welcome-text { width: 1fr; }
    #welcome-begin { margin-top: 1; text-style: bold; }
    """

    BINDINGS = [
        Binding("enter", "begin", "Begin", id="welcome-begin"),
        Binding("escape", "begin", "Begin", show=False),
    ]

    def __init__(self, data_dir: Path | None) -> None:
        super().__init__(id="welcome-screen")
        self._data_dir = data_dir

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="welcome-box"):
            yield Static(TITLE, id="welcome-title")
            yield Static(INTRO, id="welcome-intro")
            for bold, rest in points(self._data_dir):
                with Horizontal(classes="welcome-point"):
                    yield Static("•", classes="welcome-bullet")
                    yield Static(Content.assemble(Content.styled(bold, "bold"), " ", Content(rest)),
                                 classes="welcome-text")
            yield Static("Press Enter to begin.", id="welcome-begin")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Welcome"
        self.sub_title = ""

    def action_begin(self) -> None:
        self.dismiss()
