"""The trash: deleted entries wait here until restored or the trash is emptied."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from closeness_journal.core.wording import plural
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.screens.entry_view import EntryScreen
from closeness_journal.ui.widgets.entry_table import EntryTable
from closeness_journal.ui.widgets.keys_footer import KeysFooter
from closeness_journal.windows import open_here

SHOWN = 500
"""The trash shows its newest entries up to this many (it is rarely this long); the rest wait
until these are restored or the trash is emptied."""


class TrashScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("r", "restore", "Restore", id="restore"),
        Binding("x", "empty", "Empty trash", id="empty-trash"),
    ]

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self._journal = journal

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="trash-note")
        yield EntryTable(id="trash-table")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Trash"
        self.reload()
        self.query_one(EntryTable).focus()

    def reload(self) -> None:
        table = self.query_one(EntryTable)
        table.clear()
        try:
            total = self._journal.trash_count()
            table.add_entries(self._journal.trash(limit=SHOWN))
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        note = "The trash is empty." if not total else (
            f"{plural(total, 'entry', 'entries')} here"
            + (f" (the {SHOWN} deleted most recently shown)" if total > SHOWN else "")
            + ". Enter reads, r restores the one selected, x empties the trash for good."
        )
        self.query_one("#trash-note", Static).update(note)

    def action_back(self) -> None:
        self.dismiss()

    @on(DataTable.RowSelected)
    def read_entry(self) -> None:
        entry_id = self.query_one(EntryTable).entry_id
        if entry_id is None:
            return
        try:
            entry = self._journal.get(entry_id)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.app.push_screen(EntryScreen(entry, read_only=True))

    def action_restore(self) -> None:
        entry_id = self.query_one(EntryTable).entry_id
        if entry_id is None:
            return
        try:
            self._journal.restore(entry_id)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify("Restored. It is back in your history.", title="Restored")
        self.reload()

    def action_empty(self) -> None:
        shown = [str(key.value) for key in self.query_one(EntryTable).rows]
        if not shown:
            return

        def decided(yes: bool | None) -> None:
            if not yes:
                return
            try:  # only what was on screen when you said yes, not anything deleted since
                # what windows still open are editing stays with them (they can keep it)
                keep = self._journal.edit_drafts_held(open_here)
                removed = self._journal.empty_trash(only=shown, keep_drafts=keep)
            except JournalError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(f"Deleted {plural(removed, 'entry', 'entries')} for good.")
            self.reload()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete {plural(len(shown), 'entry', 'entries')} for good? This can't be undone.",
                yes="Delete for good",
                no="Keep it" if len(shown) == 1 else "Keep them",
            ),
            decided,
        )
