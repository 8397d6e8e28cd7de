"""Editing a saved entry in the same form as Today. Saving keeps the earlier version."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from closeness_journal.core.dates import long_date
from closeness_journal.core.checkin import CheckInFields
from closeness_journal.core.entries import Entry, InvalidEntry
from closeness_journal.core.text import printable
from closeness_journal.store import Journal, JournalError, edit_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.text import literal, not_saved
from closeness_journal.ui.widgets.checkin_form import CheckInForm


def _prompts_line(entry: Entry) -> str:
    return "Free writing" if not entry.answers else "; ".join(a.prompt_text for a in entry.answers)


class EditEntryScreen(Screen[Entry | None]):
    """Dismisses with the updated entry, or None when left unchanged."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "leave", "Back", id="back"),
    ]

    def __init__(self, journal: Journal, entry: Entry) -> None:
        super().__init__()
        self._journal = journal
        self.entry = entry
        self.draft_key = edit_draft_key(entry.id)
        self.autosave = Autosave(self, self.save_draft)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="today-body"):
            with Vertical(id="writing"):
                yield Static(literal(_prompts_line(self.entry), "italic"), id="edit-prompt")
                yield TextArea(printable(self.entry.body), id="editor", soft_wrap=True, tab_behavior="focus")
            yield CheckInForm(id="checkin")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Editing an entry"
        self.sub_title = long_date(self.entry.local_date)
        form = self.query_one(CheckInForm)
        draft = self._journal.draft(self.draft_key)
        if draft:
            editor = self.query_one("#editor", TextArea)
            with editor.prevent(TextArea.Changed):
                body = draft.get("body")
                editor.load_text(printable(body if isinstance(body, str) else self.entry.body))
            saved = draft.get("checkin")
            form.load(CheckInFields.forgiving(saved) if saved is not None else self.entry.fields)
            self.notify("Your unsaved changes to this entry are back.", title="Draft restored")
        else:
            form.load(self.entry.fields)
        editor = self.query_one("#editor", TextArea)
        editor.move_cursor(editor.document.end)  # adding a thought is the usual edit
        editor.focus()

    def edited(self) -> Entry:
        edited = replace(self.entry, body=self.query_one("#editor", TextArea).text)
        return edited.with_fields(self.query_one(CheckInForm).values())

    def has_changes(self) -> bool:
        return self.edited() != self.entry

    @on(TextArea.Changed)
    @on(CheckInForm.Changed)
    def changed(self) -> None:
        self.autosave.changed()

    def save_draft(self) -> None:
        if self.has_changes():
            entry = self.edited()
            self._journal.save_draft(self.draft_key, {"body": entry.body, "checkin": entry.fields.to_json()})
        else:
            self._journal.discard_draft(self.draft_key)

    def action_save(self) -> None:
        if not self.has_changes():
            self.notify("Nothing has changed.")
            self.dismiss(None)
            return
        try:
            updated = self._journal.update(self.edited())
            self._journal.discard_draft(self.draft_key)
        except (InvalidEntry, JournalError) as error:
            not_saved(self, error)
            return
        self.autosave = Autosave(self, self.save_draft)  # nothing pending any more
        self.notify("Saved. The earlier version is kept too.", title="Saved")
        self.dismiss(updated)

    def action_leave(self) -> None:
        if not self.has_changes():
            self.autosave.flush()
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self._journal.discard_draft(self.draft_key)
                self.autosave = Autosave(self, self.save_draft)
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Leave without saving your changes?", yes="Discard changes", no="Keep editing"),
            decided,
        )
