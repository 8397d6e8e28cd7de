"""A pause in the moment (F9 from any screen, or `closeness-journal pause`): a grounding minute,
then a quick note that keeps what just happened on screen while the rest is filled in.

The rules (the breath's pace, the note, its draft, the suggestions) are in `core.pause`. What is
typed is kept as a draft like everything else, under this window's own key, and comes back the
next time a pause opens.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    ContentSwitcher,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from closeness_journal.core.entries import InvalidEntry
from closeness_journal.core.pause import (
    CALMING_PROMPTS,
    DOOR_OPEN_PROMPTS,
    ORIGIN_LABELS,
    STEPS,
    PauseDraft,
    PauseNotes,
    Suggestion,
    change_in_words,
    grounding_at,
    left_behind,
    merge_pauses,
    scale_value,
    suggestions,
)
from closeness_journal.core.vocabulary import ACTED, SCALE_ANCHORS
from closeness_journal.store import PAUSE_DRAFTS, Journal, JournalError, pause_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.drafts_left import take_over
from closeness_journal.ui.text import literal, not_saved
from closeness_journal.ui.widgets.grounding import Grounding
from closeness_journal.ui.widgets.keys_footer import KeysFooter
from closeness_journal.windows import process_alive, this_window

TICK_SECONDS = 0.1
"""How often the breathing shape is redrawn."""

SCALE = r"\d{0,2}"

STEP_TITLES = {
    "happened": "What just happened",
    "fear": "What you fear",
    "urge": "The pull",
    "instead": "Instead of leaving",
    "after": "The pull now",
}


class PauseScreen(Screen[None]):
    """The grounding minute, then the note. Escape leaves at any moment; what was typed is kept."""

    DEFAULT_CSS = """
    #pause-parts, #pause-capture { height: 1fr; }
    #pause-capture { padding: 0 1; }
    #happened-label, .pause-question { text-style: bold; color: $text-accent; }
    #happened { height: 6; border: round $primary 50%; }
    #happened:focus { border: round $primary; }
    #pause-steps { height: 1fr; }
    .pause-step { height: auto; }
    .pause-note { color: $text-muted; }
    .scale-line { height: 1; margin-top: 1; }
    .scale-line Input { width: 6; margin-right: 2; }
    #instead { margin-top: 1; }
    #suggestions { height: auto; max-height: 8; margin-top: 1; border: none; padding: 0; }
    #change { height: auto; margin-top: 1; }
    #acted { layout: horizontal; height: auto; width: 100%; margin-top: 1; }
    #acted RadioButton { width: auto; margin-right: 2; }
    /* Only a focused set shows its cursor, so a highlighted answer never looks chosen. */
    #acted:blur > RadioButton.-selected > .toggle--label { background: transparent; }
    #acted-label { margin-top: 1; }
    #step-place { height: 1; color: $text-muted; }
    """

    AUTO_FOCUS = ""
    """Nothing to type into during the grounding minute (Enter skips it)."""

    BINDINGS = [
        Binding("enter", "skip", "Skip to the note", id="pause-skip"),
        Binding("ctrl+n", "next_step", "Next", id="pause-next", priority=True),
        Binding("ctrl+b", "previous_step", "Back", id="pause-back", priority=True),
        Binding("ctrl+s", "save", "Save", id="pause-save"),
        Binding("escape", "close", "Close", id="pause-close"),
    ]

    def __init__(self, journal: Journal, today: date, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(id="pause-screen")
        self._journal = journal
        self._today = today
        self._clock = clock
        self._started = clock()
        self.grounding = True
        self.step = STEPS[0]
        self.draft_key = pause_draft_key(uuid.uuid4().hex)
        self._claimed: list[str] = []
        self._offered: list[Suggestion] = []
        self._breathing: Timer | None = None
        self.autosave = Autosave(self, self.save_draft)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="pause-grounding", id="pause-parts"):
            yield Grounding(id="pause-grounding")
            with Vertical(id="pause-capture"):
                yield Label("What just happened", id="happened-label")
                yield TextArea(id="happened", soft_wrap=True, tab_behavior="focus",
                               placeholder="In your own words: what happened just now?")
                with ContentSwitcher(initial="step-happened", id="pause-steps"):
                    with Vertical(id="step-happened", classes="pause-step"):
                        yield Static("As much or as little as you like. ctrl+n goes on; every question can be "
                                     "left empty.", classes="pause-note")
                    with Vertical(id="step-fear", classes="pause-step"):
                        yield Label("What are you afraid will happen?", classes="pause-question")
                        yield Input(id="fear", compact=True, placeholder="if you stay, if you get closer…")
                    with Vertical(id="step-urge", classes="pause-step"):
                        yield Label("How strong is the pull to get away, right now?", classes="pause-question")
                        with Horizontal(classes="scale-line"):
                            yield Input(id="urge", restrict=SCALE, max_length=2, compact=True, placeholder="0-10")
                            yield Static(SCALE_ANCHORS, classes="pause-note")
                    with Vertical(id="step-instead", classes="pause-step"):
                        yield Label("What could you do instead of leaving, if you want to stay a little longer?",
                                    classes="pause-question")
                        yield Static("If you are not safe with them, leaving is the right thing to do.",
                                     classes="pause-note")
                        yield Input(id="instead", compact=True, placeholder="a sentence that keeps the door open")
                        yield OptionList(id="suggestions")
                    with Vertical(id="step-after", classes="pause-step"):
                        yield Label("And now: how strong is the pull?", classes="pause-question")
                        with Horizontal(classes="scale-line"):
                            yield Input(id="urge-after", restrict=SCALE, max_length=2, compact=True,
                                        placeholder="0-10")
                            yield Static(SCALE_ANCHORS, classes="pause-note")
                        yield Static(id="change")
                        yield Label("Did you act on the pull? (optional)", id="acted-label", classes="pause-question")
                        with RadioSet(id="acted", compact=True):
                            for label in ACTED.values():
                                yield RadioButton(label, compact=True)
                yield Static(id="step-place")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "A pause"
        self.sub_title = "a minute to breathe"
        self._restore_draft()
        self._tick()
        self._breathing = self.set_interval(TICK_SECONDS, self._tick, name="breathing")

    # ------------------------------------------------------------------ the grounding minute

    def _tick(self) -> None:
        if not self.grounding:
            return
        moment = grounding_at(self._clock() - self._started)
        if moment.part == "done":
            self.action_skip()
            return
        self.query_one(Grounding).show(moment)

    def action_skip(self) -> None:
        """Leave the grounding minute for the note (at any moment)."""
        if not self.grounding:
            return
        self.grounding = False
        if self._breathing is not None:
            self._breathing.stop()
        self.query_one("#pause-parts", ContentSwitcher).current = "pause-capture"
        self._offer_suggestions()
        self._show_step(self.step)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.grounding
        if action in ("next_step", "previous_step", "save"):
            if self.grounding:
                return False
            if action == "previous_step" and self.step == STEPS[0]:
                return None  # shown dimmed: there is nothing before
        return True

    # ------------------------------------------------------------------ the note

    def _show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#pause-steps", ContentSwitcher).current = f"step-{step}"
        place = STEPS.index(step) + 1
        self.sub_title = f"a quick note · {place} of {len(STEPS)}: {STEP_TITLES[step].lower()}"
        self.query_one("#step-place", Static).update(
            Content(f"{place} of {len(STEPS)} · ctrl+n next · ctrl+b back · ctrl+s save · Escape keeps it for later")
        )
        focus = {"happened": "#happened", "fear": "#fear", "urge": "#urge", "instead": "#instead",
                 "after": "#urge-after"}[step]
        self.query_one(focus).focus()
        if step == "after":
            self._show_change()
        self.refresh_bindings()

    def action_next_step(self) -> None:
        index = STEPS.index(self.step)
        if not self._scales_ok():
            return
        if index + 1 < len(STEPS):
            self._show_step(STEPS[index + 1])
            self.autosave.changed()
        else:
            self.query_one("#acted", RadioSet).focus()

    def action_previous_step(self) -> None:
        index = STEPS.index(self.step)
        if index > 0:
            self._show_step(STEPS[index - 1])
            self.autosave.changed()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next_step()

    def _scales_ok(self) -> bool:
        for field in ("#urge", "#urge-after"):
            text = self.query_one(field, Input).value.strip()
            if text and scale_value(text) is None:
                self.notify(f"The pull is a number from 0 to 10 ({SCALE_ANCHORS}).", title="0 to 10",
                            severity="warning")
                self.query_one(field).focus()
                return False
        return True

    def _offer_suggestions(self) -> None:
        """The person's own door-open sentences and what calmed them before (or a few common
        tools while they have none), to put in the answer with Enter."""
        try:
            offered = suggestions(
                self._journal.earlier_answers(DOOR_OPEN_PROMPTS, 6), self._journal.earlier_answers(CALMING_PROMPTS, 4)
            )
        except JournalError:
            offered = suggestions([], [])
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        shown: list[Option] = []
        for n, suggestion in enumerate(offered):
            if n == 0 or offered[n - 1].origin != suggestion.origin:
                hint = " · Tab, then Enter to use one" if n == 0 else ""
                heading = Content.styled(ORIGIN_LABELS[suggestion.origin] + hint, "italic $text-muted")
                shown.append(Option(heading, id=f"heading-{suggestion.origin}", disabled=True))
            shown.append(Option(Content.assemble("  ", literal(suggestion.text)), id=f"suggestion-{n}"))
        options.add_options(shown)
        options.highlighted = 1 if offered else None  # the first suggestion, under its heading
        self._offered = offered

    @on(OptionList.OptionSelected, "#suggestions")
    def use_suggestion(self, event: OptionList.OptionSelected) -> None:
        chosen = self._offered[int((event.option.id or "").removeprefix("suggestion-"))].text
        field = self.query_one("#instead", Input)
        field.value = chosen if not field.value.strip() else f"{field.value.rstrip()} {chosen}"
        field.focus()

    def _show_change(self) -> None:
        notes = self.notes()
        if notes.urge is None:
            words = "Notice where it is now; there is no right number."
        elif notes.urge_after is None:
            words = f"At the start it was {notes.urge}. Notice where it is now; there is no right number."
        else:
            words = change_in_words(notes.urge, notes.urge_after)
        self.query_one("#change", Static).update(Content(words))

    def notes(self) -> PauseNotes:
        """What the note holds now."""
        pressed = self.query_one("#acted", RadioSet).pressed_index
        return PauseNotes(
            happened=self.query_one("#happened", TextArea).text,
            fear=self.query_one("#fear", Input).value,
            urge=scale_value(self.query_one("#urge", Input).value),
            instead=self.query_one("#instead", Input).value,
            urge_after=scale_value(self.query_one("#urge-after", Input).value),
            acted=list(ACTED)[pressed] if pressed >= 0 else None,
        )

    def _load(self, notes: PauseNotes) -> None:
        with self.prevent(TextArea.Changed, Input.Changed, RadioSet.Changed):
            self.query_one("#happened", TextArea).load_text(notes.happened)
            self.query_one("#fear", Input).value = notes.fear
            self.query_one("#urge", Input).value = "" if notes.urge is None else str(notes.urge)
            self.query_one("#instead", Input).value = notes.instead
            self.query_one("#urge-after", Input).value = "" if notes.urge_after is None else str(notes.urge_after)
            if notes.acted is not None:
                buttons = list(self.query(RadioButton))
                buttons[list(ACTED).index(notes.acted)].value = True

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(RadioSet.Changed)
    def changed(self, event: object) -> None:
        if self.step == "after":
            self._show_change()
        self.autosave.changed()

    def action_save(self) -> None:
        if not self._scales_ok():
            return
        notes = self.notes()
        try:
            self._journal.add(notes.entry(self._today).validated())
        except (InvalidEntry, JournalError) as error:
            not_saved(self, error)
            return
        self._forget_drafts()
        change = change_in_words(notes.urge, notes.urge_after)
        self.notify(f"{change} Thank you for pausing." if change else "Thank you for pausing.",
                    title="Pause saved", markup=False)
        self.dismiss()

    def action_close(self) -> None:
        """Leave now; anything typed stays as a draft for the next pause."""
        if self.has_unsaved_work():
            self.autosave.changed()
            if not self.autosave.flush():
                return  # the person has been told; nothing typed is dropped
            self.notify("What you wrote is kept. It comes back the next time you press F9.",
                        title="Pause kept for later")
        else:
            self._forget_drafts()
        self.dismiss()

    # ------------------------------------------------------------------ drafts

    def has_unsaved_work(self) -> bool:
        return not self.notes().is_empty()

    def save_draft(self) -> None:
        if self.has_unsaved_work():
            self._journal.save_draft(self.draft_key, PauseDraft(self.notes(), self.step, this_window()).to_json())
        else:
            self._journal.discard_draft(self.draft_key)
        for key in self._claimed:  # unfinished pauses from closed windows: ours now holds them
            self._journal.discard_draft(key)
        self._claimed = []

    def _forget_drafts(self) -> None:
        """The pause is saved (or empty): no draft of it stays behind."""
        try:
            self.autosave.flush()  # nothing left pending to write the draft again
            for key in (self.draft_key, *self._claimed):
                self._journal.discard_draft(key)
        except JournalError:
            pass
        self._claimed = []

    def _restore_draft(self, tries: int = 2) -> None:
        try:
            saved = [(key, PauseDraft.from_json(data)) for key, data in self._journal.drafts(PAUSE_DRAFTS)]
        except JournalError:
            return
        found = left_behind(saved, this_window(), process_alive)
        if not found:
            return
        draft = merge_pauses([draft for _, draft in found])
        keys = [key for key, _ in found]
        claimed = take_over(self._journal, keys, self.draft_key, replace(draft, window=this_window()).to_json())
        if claimed is None:  # a window opened at the same moment took them first
            if tries:
                self._restore_draft(tries - 1)
            return
        self._claimed = claimed
        self._load(draft.notes)
        self.step = draft.step
        self.query_one(Grounding).restored = True  # said under the breathing, where it covers nothing
        self.autosave.changed()
