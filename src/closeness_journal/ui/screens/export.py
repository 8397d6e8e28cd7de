"""The export dialog: Markdown for a therapist, or everything as JSON, written privately."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from closeness_journal import exporting, private_files
from closeness_journal.core.dates import BadDate, parse_date
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.widgets.checkin_form import TickBox


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the path written, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-export")]

    def __init__(self, journal: Journal, today: date, folder: Path | None = None) -> None:
        super().__init__()
        self._journal = journal
        self._today = today
        self._folder = folder or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Export your journal", classes="form-title")
            yield Select(
                [("Markdown, to read or bring to a therapist", "markdown"), ("JSON: everything, as a backup", "json")],
                value="markdown", allow_blank=False, id="export-format", compact=True,
            )
            with Horizontal(classes="export-row", id="export-dates"):
                yield Input(placeholder="from (YYYY-MM-DD)", id="export-since", max_length=10, compact=True)
                yield Input(placeholder="to (YYYY-MM-DD)", id="export-until", max_length=10, compact=True)
            yield TickBox("Include entries marked private", id="export-private", compact=True)
            yield TickBox('Replace names with "my partner", "a friend"…', id="export-redact", compact=True)
            yield Label("Save as", classes="field-label")
            yield Input(str(self._folder / exporting.default_name("markdown", self._today)), id="export-path", compact=True)
            yield Static(id="export-note")
            with Horizontal(id="confirm-buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    @on(Select.Changed, "#export-format")
    def format_changed(self, event: Select.Changed) -> None:
        markdown = event.value == "markdown"
        for selector in ("#export-dates", "#export-private", "#export-redact"):
            self.query_one(selector).display = markdown
        path = self.query_one("#export-path", Input)
        current = Path(path.value)
        path.value = str(current.with_name(exporting.default_name(str(event.value), self._today)))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _day(self, selector: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return parse_date(text, self._today) if text else None

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def export(self) -> None:
        note = self.query_one("#export-note", Static)
        try:
            since, until = self._day("#export-since"), self._day("#export-until") or self._today
        except BadDate as error:
            note.update(Content(str(error)))  # the message quotes what was typed
            return
        if since and since > until:
            note.update("The 'from' date comes after the 'to' date.")
            return
        target = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        if not target.name:
            note.update("Choose a file name to save to.")
            return
        if target.exists():
            self.app.push_screen(
                ConfirmScreen(Content(f"{target} already exists. Replace it?"), yes="Replace", no="Keep it"),
                lambda yes: self._write(target, since, until) if yes else None,
            )
            return
        self._write(target, since, until)

    def _write(self, target: Path, since: date | None, until: date) -> None:
        markdown = self.query_one("#export-format", Select).value == "markdown"
        try:
            chunks = (
                exporting.markdown_chunks(
                    self._journal, since, until, self._today,
                    include_private=self.query_one("#export-private", Checkbox).value,
                    redact=self.query_one("#export-redact", Checkbox).value,
                )
                if markdown
                else exporting.json_chunks(self._journal)
            )
            private_files.write_private(target, chunks, force=True)
        except (OSError, JournalError) as error:
            self.query_one("#export-note", Static).update(Content(f"Not written: {error}"))
            return
        self.notify(f"Your journal was written to {target} (only you can read it).", title="Exported", markup=False)
        self.dismiss(target)
