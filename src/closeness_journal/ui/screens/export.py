"""The export dialog: Markdown or a printable page for a therapist, or everything as JSON, written
privately. It keeps the note for the next session, and offers what is new since the last export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from closeness_journal import exporting
from closeness_journal.core.dates import BadDate, parse_date
from closeness_journal.core.text import printable
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.widgets.checkin_form import TickBox
from closeness_journal.ui.widgets.keys_footer import OVER_A_DIALOG, KeysFooter

FORMATS = [
    ("Markdown, to read or bring to a therapist", "markdown"),
    ("A printable page (HTML): print it, or save it as a PDF", "html"),
    ("JSON: everything, as a backup", "json"),
]
PLAIN_TEXT = "Markdown, HTML and JSON files are plain text anyone can read."
PLAIN_FROM_ENCRYPTED = "Your journal is encrypted, but exports are not: " + PLAIN_TEXT


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the path written, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-export"), *OVER_A_DIALOG]

    def __init__(self, journal: Journal, today: date, folder: Path | None = None) -> None:
        super().__init__()
        self._journal = journal
        self._today = today
        self._folder = folder or Path.home()
        try:
            self._last = journal.last_export()
            self._note = journal.session_note()
        except JournalError:
            self._last, self._note = None, ""

    def _ranges(self) -> list[tuple[str, str]]:
        ranges = [("Everything", "all"), ("Between two dates", "dates")]
        if self._last is not None:
            made = self._last.made_at.astimezone()
            ranges.insert(0, (f"What's new since your last export, {made:%a} {made.day} {made:%b} at {made:%H:%M}",
                              "since-last"))
        return ranges

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Export your journal", classes="form-title")
            yield Select(FORMATS, value="markdown", allow_blank=False, id="export-format", compact=True)
            ranges = self._ranges()
            with Vertical(id="export-readable"):
                yield Select(ranges, value=ranges[0][1], allow_blank=False, id="export-range", compact=True)
                with Horizontal(classes="export-row", id="export-dates"):
                    yield Input(placeholder="from (YYYY-MM-DD)", id="export-since", max_length=10, compact=True)
                    yield Input(placeholder="to (YYYY-MM-DD)", id="export-until", max_length=10, compact=True)
                yield Label("What I want to talk about at my next session (kept for next time)", classes="field-label")
                yield TextArea(self._note, id="export-agenda", compact=True, soft_wrap=True, tab_behavior="focus")
                yield TickBox("Include entries marked private", id="export-private", compact=True)
                yield TickBox('Replace names with "my partner", "a friend"…', id="export-redact", compact=True)
                yield Input(placeholder="Other names in your writing to replace: Jo, Alex=my brother",
                            id="export-names", compact=True)
            with Horizontal(classes="export-row"):
                yield Label("Save as ", id="export-save-as")
                yield Input(str(self._folder / exporting.default_name("markdown", self._today)), id="export-path",
                            compact=True)
            yield Static(PLAIN_TEXT if self._journal.key is None else PLAIN_FROM_ENCRYPTED, id="export-plain")
            yield Static(id="export-note")
            with Horizontal(id="confirm-buttons"):
                yield Button("Export", id="export-go", variant="primary", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)
        yield KeysFooter()  # its own keys: those of the screen under it don't work here

    def on_mount(self) -> None:
        self.query_one("#export-dates").display = self.query_one("#export-range", Select).value == "dates"
        self.query_one("#export-format", Select).focus()

    @on(Select.Changed, "#export-format")
    def format_changed(self, event: Select.Changed) -> None:
        self.query_one("#export-readable").display = event.value != "json"
        path = self.query_one("#export-path", Input)
        current = Path(path.value)
        path.value = str(current.with_name(exporting.default_name(str(event.value), self._today)))

    @on(Select.Changed, "#export-range")
    def range_changed(self, event: Select.Changed) -> None:
        self.query_one("#export-dates").display = event.value == "dates"

    @on(Input.Changed, "#export-names")
    def names_changed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#export-redact", Checkbox).value = True

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self._keep_note()
        self.dismiss(None)

    def _keep_note(self) -> None:
        """The note is kept whenever the dialog closes, exported or not: it is for the next session."""
        note = printable(self.query_one("#export-agenda", TextArea).text).rstrip()
        if note != self._note:
            try:
                self._journal.set_session_note(note)
                self._note = note
            except JournalError as error:
                self.notify(f"Your note was not kept: {error}", severity="error", markup=False)

    def _day(self, selector: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return parse_date(text, self._today) if text else None

    def _choice(self) -> exporting.Choice:
        kind = str(self.query_one("#export-format", Select).value)
        if kind == "json":
            return exporting.Choice("json")
        chosen = self.query_one("#export-range", Select).value
        since = until = None
        if chosen == "dates":
            since, until = self._day("#export-since"), self._day("#export-until")
        names = self.query_one("#export-names", Input).value.strip()
        return exporting.Choice(
            kind, since, until or self._today, since_last=chosen == "since-last",
            include_private=self.query_one("#export-private", Checkbox).value,
            redact=self.query_one("#export-redact", Checkbox).value,
            more_names=(names,) if names else (),
        )

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def export(self) -> None:
        note = self.query_one("#export-note", Static)
        try:
            choice = self._choice()
        except BadDate as error:
            note.update(Content(str(error)))  # the message quotes what was typed
            return
        if choice.since and choice.until and choice.since > choice.until:
            note.update("The 'from' date comes after the 'to' date.")
            return
        target = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        if not target.name:
            note.update("Choose a file name to save to.")
            return
        if target.exists():
            self.app.push_screen(
                ConfirmScreen(Content(f"{target} already exists. Replace it?"), yes="Replace", no="Keep it"),
                lambda yes: self._write(target, choice) if yes else None,
            )
            return
        self._write(target, choice)

    def _write(self, target: Path, choice: exporting.Choice) -> None:
        self._keep_note()
        try:
            prepared = exporting.prepare(self._journal, choice, self._today)
            exporting.write(self._journal, prepared, target, force=True)
        except (OSError, JournalError) as error:
            self.query_one("#export-note", Static).update(Content(f"Not written: {error}"))
            return
        self.notify(f"Your journal was written to {target} (only you can open it).", title="Exported", markup=False)
        self.dismiss(target)
