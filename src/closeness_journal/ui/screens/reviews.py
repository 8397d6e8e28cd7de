"""Saved weekly reviews, newest first, reached from History."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from closeness_journal.core.prompts import PromptLibrary
from closeness_journal.core.review import parse_week
from closeness_journal.core.wording import plural
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.review import ReviewScreen, week_span
from closeness_journal.ui.text import literal_line
from closeness_journal.ui.widgets.keys_footer import KeysFooter


class ReviewsScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back", id="back")]

    def __init__(self, journal: Journal, library: PromptLibrary, today: date) -> None:
        super().__init__()
        self._journal = journal
        self._library = library
        self._today = today

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="reviews-note")
        yield DataTable(id="reviews-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Weekly reviews"
        table = self.query_one(DataTable)
        table.add_column("Week", key="week", width=24)
        table.add_column("Answered", key="answers", width=12)
        table.add_column("The step you chose", key="step")
        table.focus()

    def on_screen_resume(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        try:
            reviews = self._journal.reviews(limit=520)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        for review in reviews:
            monday = parse_week(review.week)
            sunday = date.fromordinal(monday.toordinal() + 6)
            table.add_row(
                Content(week_span(monday, sunday)),
                Content(plural(len(review.answers), "question", "questions")),
                literal_line(review.next_step or "–", 60),
                key=review.week,
            )
        self.query_one("#reviews-note", Static).update(
            "Enter opens a review to read or change. F5 looks back on the last complete week."
            if reviews else "No weekly reviews yet. Press F5 to look back on last week."
        )

    @on(DataTable.RowSelected)
    def open_review(self, event: DataTable.RowSelected) -> None:
        week = str(event.row_key.value)
        self.app.push_screen(ReviewScreen(self._journal, self._library, self._today, week=parse_week(week)))

    def action_back(self) -> None:
        self.dismiss()
