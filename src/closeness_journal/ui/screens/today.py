"""Today: the day's prompts, a place to write under each, free writing, and one check-in; ctrl+s
saves the whole sitting as one entry (a day can hold several). Drafts save themselves.

The rules (the sitting's slots, drafts and how they merge, the swap of the deeper prompt, when
to offer last week's review) are in `core.today`; this screen shows them and keeps the journal.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Header, Static, TextArea

from closeness_journal import day_prompts
from closeness_journal.core.checkin import CheckInFields
from closeness_journal.core.dates import long_date
from closeness_journal.core.entries import EntryFilter, InvalidEntry
from closeness_journal.core.ladder import Rung
from closeness_journal.core.prompts import PromptLibrary
from closeness_journal.core.settings import Settings
from closeness_journal.core.today import (
    Draft,
    LastWeek,
    Sitting,
    Slot,
    left_behind,
    merge_drafts,
    offer_review,
    saved_notice,
    sitting_words,
)
from closeness_journal.store import TODAY_DRAFTS, Journal, JournalError, today_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.drafts_left import take_over
from closeness_journal.ui.first_frame import REST_OF_CHECKIN
from closeness_journal.ui.screens.mode import ModeScreen
from closeness_journal.ui.text import not_saved
from closeness_journal.ui.widgets.checkin_form import CheckInForm, form_width
from closeness_journal.ui.widgets.keys_footer import KeysFooter
from closeness_journal.ui.widgets.prompt_card import PromptCard
from closeness_journal.ui.widgets.slot_editor import SlotEditor
from closeness_journal.windows import process_alive, this_window

PLACEHOLDER = (
    "Write here. ctrl+n moves to the next question; ctrl+s saves all your answers and the check-in "
    "as one entry."
)


class TodayScreen(ModeScreen):
    """One sitting: write under any of the day's prompts (ctrl+n / ctrl+b move between them and the
    free writing), fill the check-in once, and save it all as one entry."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save entry", id="save",
                tooltip="Save every answer, the free writing and the check-in as one entry"),
        Binding("ctrl+n", "next_prompt", "Next", id="next-prompt", tooltip="The next question, then free writing"),
        Binding("ctrl+b", "previous_prompt", "Previous", id="previous-prompt", show=False),
        Binding("ctrl+r", "shuffle", "Swap question", id="shuffle"),
    ]

    needs_views_css = False
    """Today's styles are all in journal.tcss (ui/first_frame.py)."""

    def __init__(self, journal: Journal, library: PromptLibrary, today: date) -> None:
        super().__init__()
        self._journal = journal
        settings = Settings.read(journal.setting)
        self._library = library.with_deeper_themes(settings.deeper_themes)  # the themes chosen in the settings
        self._today = today
        self._mention_review = settings.mention_review
        self.sitting = Sitting.start(day_prompts.for_day(journal, self._library, today, remember=True))
        self.draft_key = today_draft_key(uuid.uuid4().hex)
        self._claimed: list[str] = []
        """Drafts of closed windows restored without being taken over: discarded once ours is kept."""
        self._pending_checkin = CheckInFields()
        """Check-in values restored from a draft before the form is mounted."""
        self.autosave = Autosave(self, self.save_draft)

    @property
    def slot(self) -> Slot:
        return self.sitting.slot

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="today-body"):
            with Vertical(id="writing"):
                yield PromptCard(id="prompt")
                yield SlotEditor(
                    id="editor", soft_wrap=True, tab_behavior="focus",
                    placeholder=PLACEHOLDER,
                )
            # The check-in (two thirds of the screen's widgets): the fields the screen shows are in
            # the first frame, the rest (below the fold, with room kept for them) just after it. It
            # shows the screen's rows less the header's and the footer's (fewer under a note), at
            # the width its column has.
            size = self.app.size
            with Vertical(id="checkin-slot"):
                yield CheckInForm(id="checkin", rungs=self.rungs(), first_rows=size.height - 2,
                                  first_width=form_width(size.width))
        yield KeysFooter(compact=True)

    @property
    def focus_chain(self) -> list[Widget]:
        """Textual orders the fields by where they are on the screen: the check-in's fields below
        the fold, just mounted after the first frame, are nowhere until the next layout, and so came
        first (tab from the writing went to the check-in's last field). They take their turn once
        they are placed."""
        return [widget for widget in super().focus_chain if widget.virtual_region.size or widget.has_focus]

    def checkin_values(self) -> CheckInFields:
        return self.query_one(CheckInForm).values()

    def _mount_rest_of_checkin(self) -> None:
        if not self.app.leaving:
            self.run_worker(self.mount_checkin(), name=REST_OF_CHECKIN)

    async def _rest_of_checkin_mounted(self) -> None:
        """Wait while the fields below the fold are being mounted (keys wait with it): saving
        clears the form, and a dropdown half mounted can't be cleared; the values they are given
        once mounted are then the ones saved."""
        for worker in [worker for worker in self.app.workers
                       if worker.name == REST_OF_CHECKIN and worker.node is self and not worker.is_finished]:
            with contextlib.suppress(Exception):  # failed or cancelled: the save goes on without it
                await asyncio.wait_for(worker.wait(), timeout=5)

    async def mount_checkin(self) -> None:
        """The rest of the check-in, after the first frame (with a restored draft's values)."""
        for form in self.query(CheckInForm):  # none if the window closed meanwhile
            await form.mount_rest()

    def rungs(self) -> list[Rung]:
        """The ladder's rungs, for the check-in's small step (none when the journal can't be read)."""
        try:
            return self._journal.rungs(retired=True)
        except JournalError:
            return []

    def on_screen_resume(self) -> None:
        """Back from the ladder, a pause (or any view): the check-in offers the rungs as they are
        now, and the title counts what was saved meanwhile (a pause is an entry of the day too)."""
        for form in self.query(CheckInForm):
            form.set_rungs(self.rungs())
        if self._left_at is not None and not self.shows_as_it_was():
            with contextlib.suppress(JournalError):  # can't be read now: the title stays as it was
                self._update_subtitle()

    def on_mount(self) -> None:
        # the rest of the check-in (below the fold) once the first frame is on the terminal (it
        # holds updates back while it mounts): a window asked to quit when drawn doesn't wait for it
        self.app.once_drawn(self._mount_rest_of_checkin)
        self.title = "Today"
        self._restore_draft()
        if not self._pending_checkin.is_empty():  # the fields in the first frame show it at once
            self.query_one(CheckInForm).load(self._pending_checkin)
        self._show_slot()
        self._update_subtitle()
        self.query_one("#editor", TextArea).focus()
        self._offer_review()

    def _offer_review(self) -> None:
        """A gentle note about last week's review (see `core.today.offer_review`)."""
        week = LastWeek.before(self._today)
        try:
            if not self._mention_review or not offer_review(
                offered=bool(self._journal.setting(week.offered_setting)),
                reviewed=self._journal.has_review(week.label),
                entries=self._journal.count(week.entries),
            ):
                return
            self._journal.set_setting(week.offered_setting, True)
        except JournalError:
            return
        # A line of its own above the writing, not a notice over it; gone once something is saved.
        self.mount(Static("Last week is ready to look back on, whenever you like: press F5.", id="review-offer"),
                   before="#today-body")

    # ------------------------------------------------------------------ prompts

    def _show_slot(self) -> None:
        sitting = self.sitting
        slot, place, count = sitting.slot, sitting.current + 1, len(sitting.slots)
        card = self.query_one(PromptCard)
        if slot.prompt is None:
            card.show("Free writing", "Anything on your mind today, in your own words.", place, count)
        else:
            theme = self._library.themes.get(slot.prompt.theme)
            daily = sitting.daily
            why = daily.leaning_note if daily.deeper is not None and slot.key == daily.deeper.id else ""
            note = "\n".join(filter(None, [why, theme.note if theme else ""]))
            card.show(theme.title if theme else slot.prompt.theme, slot.prompt.text, place, count, note=note)
        editor = self.query_one("#editor", TextArea)
        with editor.prevent(TextArea.Changed):
            editor.load_text(sitting.text)
        editor.move_cursor(editor.document.end)
        editor.focus()

    def move_place(self, step: int) -> None:
        """Show the next (1) or previous (-1) place to write, going round. What the editor holds is
        kept first (its change messages may still be on their way)."""
        self.sitting.write(self.query_one("#editor", TextArea).text)
        self.sitting.move(step)
        self._show_slot()
        self.autosave.changed()

    def action_next_prompt(self) -> None:
        self.move_place(1)

    def action_previous_prompt(self) -> None:
        self.move_place(-1)

    def action_shuffle(self) -> None:
        """Swap the question on screen for another of its kind (remembered for the day); anything
        typed for the old one stays."""
        if not self.sitting.can_swap():
            self.notify("Only today's questions can be swapped: ctrl+n moves to one.", title="Nothing to swap")
            return
        deeper = self.sitting.daily.deeper is not None and self.slot.key == self.sitting.daily.deeper.id
        self.sitting.write(self.query_one("#editor", TextArea).text)  # its change message may still be queued
        swapped = self.sitting.swap(self._library)
        try:
            day_prompts.keep(self._journal, self.sitting.daily)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
        if not swapped:
            return
        self._show_slot()
        self.autosave.changed()
        self.notify(f"Here is another {'deeper ' if deeper else ''}question for today.", title="Swapped")

    # ------------------------------------------------------------------ writing

    @on(TextArea.Changed, "#editor")
    def remember_answer(self, event: TextArea.Changed) -> None:
        self.sitting.write(event.text_area.text)
        self.autosave.changed()

    @on(CheckInForm.Changed)
    def checkin_changed(self) -> None:
        self.autosave.changed()

    async def action_save(self) -> None:
        await self._rest_of_checkin_mounted()
        self.sitting.write(self.query_one("#editor", TextArea).text)  # its change message may still be queued
        day = self.sitting.day
        try:
            entry = self._journal.add(self.sitting.entry(self.checkin_values()).validated())
        except (InvalidEntry, JournalError) as error:
            not_saved(self, error)
            return
        self.sitting.saved()
        self.query("#review-offer").remove()
        self._show_slot()
        self._pending_checkin = CheckInFields()
        form = self.query_one(CheckInForm)
        form.clear()
        form.scroll_home(animate=False)
        self.autosave.changed()
        self.autosave.flush()
        count = self._update_subtitle()
        if self.sitting.day != day:  # the earlier day's writing is all saved: the count is that day's
            count = self._journal.count(EntryFilter(since=day, until=day))
        self.notify(saved_notice(count, day, self._today, holding=sitting_words(entry)), title="Saved")
        self.query_one("#editor", TextArea).focus()

    def _update_subtitle(self) -> int:
        day = self.sitting.day
        count = self._journal.count(EntryFilter(since=day, until=day))
        if day != self._today:
            self.sub_title = f"Writing for {long_date(day)} (from your draft) · {count} saved that day"
        else:
            self.sub_title = f"{long_date(day)} · {count} saved today" if count else long_date(day)
        return count

    # ------------------------------------------------------------------ drafts

    def has_unsaved_work(self) -> bool:
        return self.sitting.has_unsaved_work(checkin_empty=self.checkin_values().is_empty())

    def save_draft(self) -> None:
        """Keep this window's unsaved work under its own key (two windows never clash)."""
        if self.has_unsaved_work():
            draft = self.sitting.draft(self.checkin_values(), this_window())
            self._journal.save_draft(self.draft_key, draft.to_json())
        else:
            self._journal.discard_draft(self.draft_key)
        for key in self._claimed:
            self._journal.discard_draft(key)
        self._claimed = []

    def _restore_draft(self, tries: int = 2) -> None:
        """Bring back what closed windows left unsaved (never a window that is still open)."""
        saved = [  # a damaged draft (not an object) is left alone, never a reason not to open
            (key, Draft.from_json(data, self._today)) for key, data in self._journal.drafts(TODAY_DRAFTS)
            if isinstance(data, dict)
        ]
        found = left_behind(saved, this_window(), process_alive)
        if not found:
            return
        draft = merge_drafts([draft for _, draft in found])
        keys = [key for key, _ in found]
        claimed = take_over(self._journal, keys, self.draft_key, replace(draft, window=this_window()).to_json())
        if claimed is None:  # a window opened at the same moment took them first
            if tries:
                self._restore_draft(tries - 1)  # what that window left, if anything
            return
        self._claimed = claimed
        self.sitting.restore(draft, self._library.get)
        self._pending_checkin = draft.checkin
        if self.sitting.day < self._today:
            self.notify(
                f"Your unsaved writing from {long_date(self.sitting.day)} is back. It will be saved for that day.",
                title="Draft restored",
            )
        else:
            self.notify("Your unsaved writing is back, just as you left it.", title="Draft restored")
        self.autosave.changed()
