"""Exercises (F7), apart from the daily prompts: each exercise with its instructions and your
rounds of it; a finished round read side by side, and exported as Markdown.

Taking a turn is `exercise_turn.py`. A round that is not finished is never shown here beyond
who has taken a turn: in a round for two, the answers stay hidden until both are done.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from closeness_journal import private_files
from closeness_journal.core.dates import long_date, short_date
from closeness_journal.core.exercises import Exercise, Round, exercises_in, render_markdown, shown_answer, side_by_side
from closeness_journal.core.prompts import PromptLibrary
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.mode import ModeScreen
from closeness_journal.ui.text import literal, literal_line
from closeness_journal.ui.widgets.keys_footer import KeysFooter


class ExercisesScreen(ModeScreen):
    """The exercises on the left, with your rounds of the one highlighted; its instructions on the right."""

    DEFAULT_CSS = """
    #exercises-body { height: 1fr; }
    #exercises-side { width: 36; padding: 0 1; border-right: vkey $primary 30%; }
    #exercise-list { height: auto; max-height: 8; }
    #round-list { height: 1fr; }
    #exercise-detail { width: 1fr; padding: 0 1; }
    #exercise-title { text-style: bold; color: $accent; }
    #exercise-description { color: $text-muted; margin-bottom: 1; }
    #exercise-status { text-style: italic; height: auto; }
    #exercise-buttons { height: auto; margin-bottom: 1; }
    #exercise-buttons Button { margin-right: 2; }
    .side-label { margin-top: 1; text-style: bold; }
    """

    BINDINGS = [
        Binding("b", "begin", "Begin or carry on", id="begin-exercise"),
        Binding("n", "new_round", "New round", id="new-round", show=False),
    ]

    def __init__(self, journal: Journal, library: PromptLibrary, today: date) -> None:
        super().__init__()
        self._journal = journal
        self._library = library
        self._today = today
        self.exercises = exercises_in(library)
        self._rounds: list[Round] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="exercises-body"):
            with Vertical(id="exercises-side"):
                yield Label("Exercises", classes="side-label")
                yield OptionList(
                    *(Option(literal_line(e.title, 32), id=e.slug) for e in self.exercises),
                    id="exercise-list", compact=True,
                )
                yield Label("Your rounds", classes="side-label")
                yield OptionList(id="round-list", compact=True)
            with VerticalScroll(id="exercise-detail"):
                yield Static(id="exercise-title")
                yield Static(id="exercise-description")
                yield Static(id="exercise-status")
                with Horizontal(id="exercise-buttons"):
                    yield Button("Begin", id="exercise-begin", variant="primary", compact=True)
                    yield Button("Start a new round", id="exercise-new", compact=True)
                yield Static(id="exercise-instructions")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Exercises"
        self.sub_title = "apart from the daily questions"
        listing = self.query_one("#exercise-list", OptionList)
        if self.exercises:
            listing.highlighted = 0
        listing.focus()

    def on_screen_resume(self) -> None:
        self.show_exercise()

    @property
    def exercise(self) -> Exercise | None:
        index = self.query_one("#exercise-list", OptionList).highlighted
        return self.exercises[index] if index is not None and index < len(self.exercises) else None

    def waiting(self) -> Round | None:
        """The round of the exercise shown that is not finished yet (the latest), if any."""
        return next((r for r in self._rounds if not r.finished), None)

    @on(OptionList.OptionHighlighted, "#exercise-list")
    def show_exercise(self) -> None:
        exercise = self.exercise
        if exercise is None:
            self.query_one("#exercise-title", Static).update("No exercises were found in your prompt files.")
            return
        try:
            self._rounds = self._journal.rounds(exercise.slug)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            self._rounds = []
        self.query_one("#exercise-title", Static).update(literal(exercise.title))
        self.query_one("#exercise-description", Static).update(literal(exercise.description))
        self.query_one("#exercise-instructions", Static).update(literal(exercise.instructions))
        rounds = self.query_one("#round-list", OptionList)
        rounds.clear_options()
        rounds.add_options(Option(_round_line(r), id=r.id) for r in self._rounds)
        if not self._rounds:
            rounds.add_option(Option(Content.styled("None yet", "$text-muted"), disabled=True))
        waiting = self.waiting()
        status = self.query_one("#exercise-status", Static)
        begin = self.query_one("#exercise-begin", Button)
        self.query_one("#exercise-new", Button).display = waiting is not None
        if waiting is None:
            status.update("")
            begin.label = "Begin"
        else:
            status.update(literal(f"A round from {long_date(waiting.local_date)} is {waiting.status()}."))
            begin.label = "Carry on"

    @on(OptionList.OptionSelected, "#exercise-list")
    def exercise_chosen(self) -> None:
        self.query_one("#exercise-begin", Button).focus()

    @on(Button.Pressed, "#exercise-begin")
    def action_begin(self) -> None:
        exercise = self.exercise
        if exercise is not None:
            self._take_turn(exercise, self.waiting() or Round.start(exercise, self._today))

    @on(Button.Pressed, "#exercise-new")
    def action_new_round(self) -> None:
        exercise = self.exercise
        if exercise is not None:
            self._take_turn(exercise, Round.start(exercise, self._today))

    def _take_turn(self, exercise: Exercise, round_: Round) -> None:
        from closeness_journal.ui.screens.exercise_turn import ExerciseTurnScreen

        def finished(done: Round | None) -> None:
            if done is not None and done.finished:
                self.app.push_screen(RoundScreen(self._journal, exercise, done, _export_folder(self)))

        self.app.push_screen(ExerciseTurnScreen(self._journal, exercise, round_), finished)

    @on(OptionList.OptionSelected, "#round-list")
    def round_chosen(self, event: OptionList.OptionSelected) -> None:
        exercise = self.exercise
        chosen = next((r for r in self._rounds if r.id == event.option.id), None)
        if exercise is None or chosen is None:
            return
        if chosen.finished:
            self.app.push_screen(RoundScreen(self._journal, exercise, chosen, _export_folder(self)))
        else:
            self._take_turn(exercise, chosen)


def _round_line(round_: Round) -> Content:
    names = " and ".join(round_.name(i) for i in range(len(round_.turns))) or "nobody yet"
    state = "" if round_.finished else f" · {round_.status()}"
    return literal_line(f"{short_date(round_.local_date)} · {names}{state}", 32)


def _export_folder(screen: Screen) -> Path:
    """Where the window writes exports: the home folder, or here for a journal without a data folder."""
    return Path.cwd() if getattr(screen.app, "data_dir", None) is None else Path.home()


class RoundScreen(Screen[None]):
    """A finished round: each item, with every person's answer side by side."""

    DEFAULT_CSS = """
    #round-body { padding: 0 1; }
    .round-item { margin-top: 1; text-style: bold; }
    .round-answers { height: auto; }
    .round-answer { width: 1fr; height: auto; padding: 0 1 0 0; }
    """

    BINDINGS = [
        Binding("e", "export", "Export as Markdown", id="export-round"),
        Binding("escape", "back", "Back", id="round-back"),
    ]

    def __init__(self, journal: Journal, exercise: Exercise, round_: Round, folder: Path) -> None:
        super().__init__()
        self._journal = journal
        self._exercise = exercise
        self.round = round_
        self._folder = folder
        self.exported: Path | None = None
        """The file last exported."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="round-body"):
            yield Static(Content.styled(_read_together(self.round), "italic $text-muted"), id="round-note")
            for row in side_by_side(self.round, self._exercise.items):
                yield Static(literal(row.item_text), classes="round-item")
                with Horizontal(classes="round-answers"):
                    for index, answer in enumerate(row.answers):
                        yield Static(
                            Content.assemble(
                                literal(self.round.name(index), "bold $accent"), "\n", literal(shown_answer(answer))
                            ),
                            classes="round-answer",
                        )
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = self.round.title
        self.sub_title = long_date(self.round.local_date)
        self.query_one("#round-body").focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        name = f"closeness-journal-{self.round.exercise}-{self.round.local_date.isoformat()}"
        target = self._folder / f"{name}.md"
        number = 2
        while target.exists():
            target = self._folder / f"{name}-{number}.md"
            number += 1
        try:
            private_files.write_private(target, [render_markdown(self.round, self._exercise.items)])
        except OSError as error:
            self.notify(f"Not written: {error}", severity="error", markup=False)
            return
        self.notify(f"Written to {target} (only you can read it).", title="Exported", markup=False)
        self.exported = target


def _read_together(round_: Round) -> str:
    if round_.people == 2:
        return (
            "Read these together, one at a time, taking turns to read yours out first. Listen with curiosity "
            "rather than to set anything straight. Press e to export both sets side by side."
        )
    return "Your answers, as you wrote them. Press e to export them as Markdown."
