"""Editing a saved entry in the same form as Today: each answer under its prompt, the free writing,
and the check-in. ctrl+n / ctrl+b move between the answers and the free writing. Saving keeps the
earlier version; unsaved changes are kept as this window's own draft of the entry (the rules are in
`core.edit_draft`): another window editing the same entry never sees them nor loses its own."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, TextArea

from closeness_journal.core.checkin import CheckInFields
from closeness_journal.core.dates import long_date
from closeness_journal.core.edit_draft import (
    Restored,
    as_new_entry,
    changed_since,
    drafts_to_take,
    edit_draft,
    restore,
)
from closeness_journal.core.entries import Answer, Entry, InvalidEntry
from closeness_journal.core.text import printable
from closeness_journal.core.today import held_elsewhere
from closeness_journal.store import EntryNotFound, Journal, JournalError, edit_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.drafts_left import take_over
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.text import not_saved
from closeness_journal.ui.widgets.checkin_form import CheckInForm
from closeness_journal.ui.widgets.keys_footer import KeysFooter
from closeness_journal.ui.widgets.prompt_card import PromptCard
from closeness_journal.ui.widgets.slot_editor import SlotEditor
from closeness_journal.windows import process_alive, this_window

# ---------------------------------------------------------------------- the screen


class EditEntryScreen(Screen[Entry | None]):
    """Dismisses with the updated entry, or None when left unchanged."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save",
                tooltip="Save your changes (the earlier version is kept)"),
        Binding("ctrl+n", "next_place", "Next", id="next-prompt", tooltip="The next answer, then the free writing"),
        Binding("ctrl+b", "previous_place", "Previous", id="previous-prompt", show=False),
        Binding("escape", "leave", "Back", id="back"),
    ]

    def __init__(self, journal: Journal, entry: Entry) -> None:
        super().__init__()
        self._journal = journal
        self.entry = entry
        self.texts = [printable(a.text) for a in entry.answers] + [printable(entry.body)]
        """What is in each place: the text under each answer's prompt, then the free writing."""
        self.current = 0
        """The place shown."""
        self.window = this_window()
        self.draft_key = edit_draft_key(entry.id, self.window)
        """This window's draft of the entry (another window editing it keeps its own)."""
        self._claimed: list[str] = []
        """Drafts of this entry that closed windows left, taken over: discarded once ours is saved."""
        self.based_on = entry.updated_at
        """The version of the entry this edit began on (saving tells when it changed since)."""
        self.autosave = Autosave(self, self.save_draft)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="today-body"):
            with Vertical(id="writing"):
                yield PromptCard(id="prompt")
                yield SlotEditor(id="editor", soft_wrap=True, tab_behavior="focus")
            yield CheckInForm(id="checkin", rungs=self._journal.rungs(retired=True))
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Editing an entry"
        self.sub_title = long_date(self.entry.local_date)
        form = self.query_one(CheckInForm)
        drafts, restored = self._take_drafts()
        if restored is not None:
            self.texts, self.current = restored.texts, restored.current
            form.load(CheckInFields.forgiving(restored.checkin) if restored.checkin is not None else self.entry.fields)
            self.based_on = restored.based_on or self.based_on
            self.notify("Your unsaved changes to this entry are back.", title="Draft restored")
        else:
            form.load(self.entry.fields)
        if any(held_elsewhere(owner, self.window, process_alive) for _, owner, _ in drafts):
            self.notify("This entry is being edited in another window too. Each keeps its own changes; "
                        "whichever saves last, the other version is kept as an earlier one.",
                        title="Open in another window")
        self._show_place()

    # ------------------------------------------------------------------ places

    def _theme_title(self, answer: Answer) -> str:
        library = getattr(self.app, "library", None)
        prompt = library.get(answer.prompt_id) if library is not None else None
        theme = library.themes.get(prompt.theme) if prompt is not None else None
        return theme.title if theme is not None else "A question you answered"

    def _show_place(self) -> None:
        answers, place, count = self.entry.answers, self.current + 1, len(self.texts)
        card = self.query_one(PromptCard)
        if self.current < len(answers):
            answer = answers[self.current]
            card.show(self._theme_title(answer), answer.prompt_text, place, count)
        else:
            card.show("Free writing", "Anything on your mind, in your own words.", place, count)
        editor = self.query_one("#editor", TextArea)
        with editor.prevent(TextArea.Changed):
            editor.load_text(self.texts[self.current])
        editor.move_cursor(editor.document.end)  # adding a thought is the usual edit
        editor.focus()

    def move_place(self, step: int) -> None:
        """Show the next (1) or previous (-1) place to write, going round. What the editor holds is
        kept first (its change messages may still be on their way)."""
        self.texts[self.current] = self.query_one("#editor", TextArea).text
        self.current = (self.current + step) % len(self.texts)
        self._show_place()
        self.autosave.changed()

    def action_next_place(self) -> None:
        self.move_place(1)

    def action_previous_place(self) -> None:
        self.move_place(-1)

    # ------------------------------------------------------------------ changes

    def edited(self) -> Entry:
        self.texts[self.current] = self.query_one("#editor", TextArea).text  # its change message may be queued
        texts = self.texts[:-1]  # the last place is the free writing
        answers = tuple(replace(answer, text=text) for answer, text in zip(self.entry.answers, texts, strict=True))
        edited = replace(self.entry, answers=answers, body=self.texts[-1])
        return edited.with_fields(self.query_one(CheckInForm).values())

    def has_changes(self) -> bool:
        return self.edited() != self.entry

    @on(TextArea.Changed, "#editor")
    def remember_text(self, event: TextArea.Changed) -> None:
        self.texts[self.current] = event.text_area.text
        self.autosave.changed()

    @on(CheckInForm.Changed)
    def changed(self) -> None:
        self.autosave.changed()

    def _take_drafts(self, tries: int = 2) -> tuple[list, Restored | None]:
        """This entry's edit drafts, and what this window takes over of them: its own and those
        closed windows left, merged, in one step (`adopt_drafts`): a window opening the same edit at
        the same moment that found them too gets none (`ui/drafts_left.py`)."""
        drafts = self._journal.edit_drafts(self.entry.id) if self.entry.id else []
        taken = drafts_to_take(drafts, self.window, process_alive)
        restored = restore(self.entry, [data for _, data in taken])
        if restored is None:
            return drafts, None
        keys = [key for key, _ in taken]
        fields = CheckInFields.forgiving(restored.checkin) if restored.checkin is not None else self.entry.fields
        held = edit_draft(replace(self.entry, updated_at=restored.based_on or self.based_on), restored.texts,
                          restored.current, fields)
        claimed = take_over(self._journal, keys, self.draft_key, held)
        if claimed is None:  # a window opened at the same moment took them first
            return self._take_drafts(tries - 1) if tries else (drafts, None)
        self._claimed = claimed
        return drafts, restored

    def save_draft(self) -> None:
        """Keep this window's unsaved changes under its own key; drafts taken over from closed
        windows are held by ours from then on."""
        if self.has_changes():
            draft = edit_draft(replace(self.entry, updated_at=self.based_on), self.texts, self.current,
                               self.query_one(CheckInForm).values())
            self._journal.save_draft(self.draft_key, draft)
        else:
            self._journal.discard_draft(self.draft_key)
        self._discard_claimed()

    def _discard_claimed(self) -> None:
        for key in self._claimed:
            self._journal.discard_draft(key)
        self._claimed = []

    def _done(self, saved: Entry | None, message: str) -> None:
        """Saved (or let go): no draft of this window's is needed any more."""
        self._journal.discard_draft(self.draft_key)
        self._discard_claimed()
        self.autosave = Autosave(self, self.save_draft)  # nothing pending any more
        self.notify(message, title="Saved")
        self.dismiss(saved)

    def action_save(self) -> None:
        if not self.has_changes():
            self.notify("Nothing has changed.")
            self.dismiss(None)
            return
        edited = self.edited()
        try:
            stored = self._journal.get(edited.id or "")
            updated = self._journal.update(edited)
            message = "Saved. The earlier version is kept too."
            if changed_since(stored, self.based_on):
                message = ("Saved your version. This entry was changed in another window while you were editing; "
                           "that version is kept as an earlier one, nothing is lost.")
            self._done(updated, message)
        except EntryNotFound:
            self._vanished(edited)
        except (InvalidEntry, JournalError) as error:
            not_saved(self, error)

    def _vanished(self, edited: Entry) -> None:
        """The entry was deleted for good (the trash emptied in another window) while this window
        edited it: the words typed here are still here, and can become a new entry."""

        def decided(keep: bool | None) -> None:
            if not keep:
                return
            try:
                added = self._journal.add(as_new_entry(edited), draft=self.draft_key)
            except (InvalidEntry, JournalError) as error:
                not_saved(self, error)
                return
            self._done(added, "Saved as a new entry. Your words are kept.")

        self.app.push_screen(
            ConfirmScreen("This entry was deleted for good in another window while you were editing it. "
                          "Your words are still here: save them as a new entry?",
                          yes="Save as a new entry", no="Keep editing"),
            decided,
        )

    def action_leave(self) -> None:
        if not self.has_changes():
            self.autosave.flush()
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self._journal.discard_draft(self.draft_key)
                self._discard_claimed()
                self.autosave = Autosave(self, self.save_draft)
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Leave without saving your changes?", yes="Discard changes", no="Keep editing"),
            decided,
        )
