"""One person's turn at an exercise: their name and whether to include the items about touch and
sex, then the items one at a time; in a round for two, a hand-over to the second person, who
never sees the first person's answers. The round is saved as it goes (every answer moved past,
and a few seconds after typing stops); the screen dismisses with the round when it is finished.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static, TextArea

from closeness_journal.core.exercises import SENSITIVE_CHOICE, Exercise, Round, Turn, person_label
from closeness_journal.core.text import one_line
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.text import literal
from closeness_journal.ui.widgets.checkin_form import TickBox
from closeness_journal.ui.widgets.keys_footer import KeysFooter
from closeness_journal.ui.widgets.slot_editor import SlotEditor

SENSITIVE_NOTE = (
    "A few items are about touch and sex: they are asked only if you tick this. The other person "
    "chooses for themselves. Enter your name, or Start, to begin."
)


class ExerciseTurnScreen(Screen[Round | None]):
    """Dismisses with the round (finished or not), or None when nothing was started."""

    DEFAULT_CSS = """
    #turn-body { padding: 0 1; height: 1fr; }
    #turn-heading { text-style: bold; color: $accent; }
    #turn-text { margin: 1 0; height: auto; }
    #turn-who { height: 1fr; }
    #turn-handover { height: auto; }
    #turn-who Input { width: 40; }
    #turn-who Button { margin: 1 0; }
    #turn-instructions { color: $text-muted; }
    #turn-answer { height: 1fr; min-height: 4; border: round $primary 50%; }
    #turn-answer:focus { border: round $primary; }
    #turn-note { color: $text-muted; text-style: italic; height: auto; }
    """

    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="turn-next"),
        Binding("ctrl+b", "previous", "Back", id="turn-previous"),
        Binding("escape", "leave", "Leave (kept)", id="turn-leave"),
    ]

    def __init__(self, journal: Journal, exercise: Exercise, round_: Round) -> None:
        super().__init__()
        self._journal = journal
        self.exercise = exercise
        self.round = round_
        self.turn_index = round_.turn_index or 0
        self.item = -1
        """The item shown (-1: the start of the turn; len(items): the hand-over)."""
        self.answer_text = ""
        """What the answer box holds (kept here too: the box is gone once the screen closes)."""
        self.autosave = Autosave(self, self.save)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="turn-body"):
            yield Static(id="turn-heading")
            yield Static(id="turn-text")
            with VerticalScroll(id="turn-who"):
                yield Input(placeholder="Your name (or leave it empty)", id="turn-name", max_length=40, compact=True)
                yield TickBox(SENSITIVE_CHOICE, id="turn-sensitive", compact=True)
                yield Static(SENSITIVE_NOTE, id="turn-sensitive-note")
                yield Button("Start", id="turn-start", variant="primary", compact=True)
                yield Static(id="turn-instructions")
            yield SlotEditor(id="turn-answer", soft_wrap=True, tab_behavior="focus")
            with Vertical(id="turn-handover"):
                yield Button("Begin the second turn", id="turn-second", variant="primary")
            yield Static(id="turn-note")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = self.exercise.title
        started = self.turn_index < len(self.round.turns)
        if started:  # carry on where this person left off
            turn = self.round.turns[self.turn_index]
            items = self.items
            self.item = next((n for n, item in enumerate(items) if turn.answer(item.id) is None), len(items) - 1)
            self.show()
        elif self.exercise.people == 1 and not self.exercise.has_sensitive:
            self.begin_turn("", False)
        else:
            self.show()

    # ------------------------------------------------------------------ the turn

    @property
    def turn(self) -> Turn:
        return self.round.turns[self.turn_index] if self.turn_index < len(self.round.turns) else Turn()

    @property
    def items(self) -> tuple:
        return self.exercise.items_for(self.turn.include_sensitive)

    @property
    def who(self) -> str:
        return self.round.name(self.turn_index)

    def show(self) -> None:
        """Show the step `self.item` names: the start of a turn, an item, or the hand-over."""
        heading, text = self.query_one("#turn-heading", Static), self.query_one("#turn-text", Static)
        note = self.query_one("#turn-note", Static)
        answer = self.query_one("#turn-answer", TextArea)
        who_step = self.item < 0
        handover = self.item >= len(self.items)
        self.query_one("#turn-who").display = who_step
        self.query_one("#turn-handover").display = handover
        answer.display = not who_step and not handover
        if not answer.display:  # nothing of one person's answers stays behind for the next
            self.answer_text = ""
            with answer.prevent(TextArea.Changed):
                answer.load_text("")
        text.display = not who_step
        for selector in ("#turn-sensitive", "#turn-sensitive-note"):
            self.query_one(selector).display = who_step and self.exercise.has_sensitive
        if who_step:
            label = person_label(self.turn_index, self.exercise.people)
            heading.update(f"{label}: your turn" if self.exercise.people == 2 else "Before you begin")
            self.query_one("#turn-instructions", Static).update(literal(self.exercise.instructions))
            note.update("")
            self.query_one("#turn-name", Input).focus()
        elif handover:
            heading.update(literal(f"Thank you, {self.who}."))
            text.update(
                "Your answers are saved and kept out of sight. Now hand over to the second person: they "
                "won't see yours until they have finished too, and then you can read them side by side."
            )
            note.update("")
            self.query_one("#turn-second", Button).focus()
        else:
            item = self.items[self.item]
            heading.update(literal(f"{self.who} · {self.item + 1} of {len(self.items)}"))
            text.update(literal(item.text))
            found = self.turn.answer(item.id)
            self.answer_text = found.text if found else ""
            with answer.prevent(TextArea.Changed):
                answer.load_text(self.answer_text)
            answer.move_cursor(answer.document.end)
            last = self.item == len(self.items) - 1
            note.update(
                "ctrl+n " + ("finishes your turn" if last else "next")
                + " · ctrl+b back · leave it empty to skip · Escape leaves (your answers are kept)"
            )
            answer.focus()

    @on(Button.Pressed, "#turn-start")
    @on(Input.Submitted, "#turn-name")
    def start(self) -> None:
        name = one_line(self.query_one("#turn-name", Input).value)
        self.begin_turn(name, self.query_one("#turn-sensitive", TickBox).value)

    def begin_turn(self, name: str, include_sensitive: bool) -> None:
        self.round = self.round.with_turn(self.turn_index, Turn(name=name, include_sensitive=include_sensitive))
        self.save()
        self.item = 0
        self.show()

    @on(TextArea.Changed, "#turn-answer")
    def typed(self, event: TextArea.Changed) -> None:
        self.answer_text = event.text_area.text
        self.autosave.changed()

    def keep_answer(self, moving_on: bool = False) -> None:
        """What the answer box holds, into the turn. An empty box counts as skipping the item only
        when moving on past it (going back, or leaving partway, keeps it to be asked again)."""
        if 0 <= self.item < len(self.items):
            try:  # its change message may still be on its way
                self.answer_text = self.query_one("#turn-answer", TextArea).text
            except NoMatches:
                pass
            item = self.items[self.item]
            if self.answer_text.strip() or moving_on or self.turn.answer(item.id) is not None:
                self.round = self.round.with_turn(self.turn_index, self.turn.with_answer(item, self.answer_text))

    def save(self) -> None:
        """Keep the round as it stands (the autosave calls this too)."""
        self.keep_answer()
        if self.turn_index < len(self.round.turns):
            self.round = self._journal.save_round(self.round)

    def _saved(self) -> bool:
        try:
            self.save()
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return False
        return True

    def move_place(self, step: int) -> None:
        """ctrl+n / ctrl+b typed in the answer box (see `SlotEditor`)."""
        if step > 0:
            self.action_next()
        else:
            self.action_previous()

    def action_next(self) -> None:
        if not 0 <= self.item < len(self.items):
            return
        self.keep_answer(moving_on=True)
        if self.item == len(self.items) - 1:
            self.round = self.round.with_turn(self.turn_index, replace(self.turn, done=True))
        if not self._saved():
            return
        self.item += 1
        if self.round.finished:
            self.dismiss(self.round)
        else:
            self.show()

    def action_previous(self) -> None:
        if 0 < self.item < len(self.items):
            self.keep_answer()
            self.item -= 1
            self.show()

    @on(Button.Pressed, "#turn-second")
    def second_turn(self) -> None:
        self.turn_index = self.round.turn_index or 0
        self.item = -1
        self.query_one("#turn-name", Input).value = ""
        self.query_one("#turn-sensitive", TickBox).value = False
        self.show()

    def action_leave(self) -> None:
        started = self.turn_index < len(self.round.turns)
        if started and not self._saved():
            return
        if started and not self.round.finished:
            self.notify("Your answers so far are kept. Carry on from Exercises (F7) whenever you like.", title="Kept")
        self.autosave.flush()
        self.dismiss(self.round if started else None)

    def on_unmount(self) -> None:
        self.autosave.flush()

