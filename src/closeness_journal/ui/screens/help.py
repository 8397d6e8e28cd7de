"""Help: where to find support (first), the keys, where the journal lives, and what this tool is (and is not)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from closeness_journal.core.support import support_markdown
from closeness_journal.ui.widgets.keys_footer import OVER_A_DIALOG, KeysFooter

HELP_TEXT = """\
## Keys

- **F9** a pause, when the pull to leave is strong: a minute to breathe, then a short note · **F6** settings
- **F2** Today: write · **F3** History: find and read past entries · **F4** Patterns over time ·
  **F5** Weekly review · **ctrl+o** Export
- **F7** Exercises, apart from the daily questions: finish-the-sentence for two people, and one
  for supporters
- **F1** (or **?** when you are not typing) this help · **ctrl+p** every action, searchable ·
  **ctrl+q** quit (your draft is kept)
- **Today:** ctrl+n / ctrl+b next / previous question (free writing comes last) · ctrl+s saves
  the whole sitting, every answer and the check-in, as one entry (a day can hold several) ·
  ctrl+r swaps the question on screen for another (remembered for the day) · Tab moves between
  the writing space and the check-in · space ticks a choice
- **History:** / or ctrl+f search · Enter reads an entry · e edit · f flag it to bring up at your
  next session (the export lists it first) · d delete · u undo a delete ·
  t trash · r restore (in the trash) · w saved weekly reviews · Home / End first and last row
  loaded (more load as you scroll down)
- **Editing an entry:** ctrl+n / ctrl+b its next / previous answer, then the free writing ·
  ctrl+s save (the earlier version is kept) · Escape back
- **Weekly review:** ctrl+s save · ctrl+b / ctrl+n the week before / after · Escape back (from
  the list of saved reviews)
- **Patterns:** 1 / 2 / 3 / 4 for 8 weeks, 6 months, a year, everything
- **F8 Your ladder** of small steps: a add a step · e change it · r retire it · ↑ ↓ a step's tries ·
  PgDn the chart; in Today's check-in, choose a step from it under the small step

## Your journal stays yours

Everything is kept on this computer, in one file only you can read. Nothing is ever sent
anywhere. Unsaved writing is kept as a draft every few seconds and comes back when you reopen.
Edits keep the earlier version, and deleted entries wait in the trash until you empty it.

## What this is

A place to notice the moments you want to pull away, what you feared, and the small steps you
take. It is a reflection aid, not therapy, and not a judgement of you. If you are working with a
therapist, your journal can be something to bring along.
"""


class HelpScreen(ModalScreen[None]):
    """Help over whatever screen is open, with its own keys at the bottom; Escape closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close-help"),
        Binding("f1", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
        Binding("w", "app.welcome", "Welcome"),
        *OVER_A_DIALOG,
        # The views' keys this help lists work from it too (going to a view closes it: JournalApp.switch_mode).
        Binding("f2", "app.show_today", "Today"),
        Binding("f3", "app.show_history", "History"),
        Binding("f4", "app.show_patterns", "Patterns"),
        Binding("f5", "app.show_review", "Review"),
        Binding("f8", "app.show_ladder", "Ladder", show=False),
    ]

    def __init__(self, data_dir: Path | None) -> None:
        super().__init__(id="help-screen")
        self._data_dir = data_dir

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(support_markdown(), id="help-support")
            yield Markdown(HELP_TEXT, id="help-text")
            where = str(self._data_dir) if self._data_dir else "(a temporary journal)"
            yield Static(
                Content.assemble(Content.styled("Your journal is in: ", "bold"), Content(where)),
                id="help-where",
            )
            yield Static(Content.styled("Escape to close · w shows the welcome again", "italic $text-muted"))
        yield KeysFooter(compact=True)  # its own keys: those of the screen under it don't work here

    def action_close(self) -> None:
        self.dismiss()
