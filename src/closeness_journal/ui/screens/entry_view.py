"""Reading one entry in full: each answer under its prompt, the free writing, and the check-in in words."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from closeness_journal.core.dates import long_date
from closeness_journal.core.entries import Entry, checkin_summary, entry_notes
from closeness_journal.ui.text import literal
from closeness_journal.ui.widgets.keys_footer import KeysFooter


def entry_content(entry: Entry, revision_count: int = 0) -> Content:
    """The whole entry as literal Content (used by the reading screen)."""
    parts: list[Content] = [Content.styled(long_date(entry.local_date), "bold"), Content("\n")]
    for answer in entry.answers:
        parts += [Content("\n"), literal(answer.prompt_text, "italic $text-muted"), Content("\n"), literal(answer.text),
                  Content("\n")]
    if entry.body:
        if entry.answers:
            parts += [Content("\n"), Content.styled("Free writing", "italic $text-muted"), Content("\n")]
        parts += [Content("\n") if not entry.answers else Content(""), literal(entry.body)]
    elif not entry.answers:
        parts += [Content("\n"), Content.styled("(no text)", "italic $text-muted")]
    rows = checkin_summary(entry)
    if rows:
        parts.append(Content("\n\n"))
        for label, value in rows:
            parts += [Content.styled(f"{label}: ", "bold"), literal(value), Content("\n")]
    notes = entry_notes(entry, revision_count)
    if notes:
        sentences = " ".join(f"{n[0].upper()}{n[1:]}." for n in notes)
        parts += [Content("\n"), Content.styled(sentences, "italic $text-muted")]
    return Content.assemble(*parts)


class EntryScreen(Screen[str | None]):
    """Dismisses with "edit" or "delete" when the person asks for one, else None."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("f", "flag", "Flag", id="flag"),
        Binding("d", "delete", "Delete", id="delete"),
    ]

    def __init__(
        self,
        entry: Entry,
        revision_count: int = 0,
        read_only: bool = False,
        flag: Callable[[Entry], Entry | None] | None = None,
    ) -> None:
        """`flag` flags the entry or takes its flag off, returning it as it now is (None if it couldn't)."""
        super().__init__()
        self.entry = entry
        self._revision_count = revision_count
        self._read_only = read_only
        self._flag = flag

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._read_only and action in {"edit", "delete", "flag"}:
            return False
        return not (action == "flag" and self._flag is None)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="entry-view"):
            yield Static(entry_content(self.entry, self._revision_count), id="entry-text")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "An entry"
        self.sub_title = self.entry.local_date.isoformat()
        self.query_one("#entry-view").focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        self.dismiss("edit")

    def action_delete(self) -> None:
        self.dismiss("delete")

    def action_flag(self) -> None:
        if self._flag is None:
            return
        changed = self._flag(self.entry)
        if changed is not None:
            self.entry = changed
            self.query_one("#entry-text", Static).update(entry_content(changed, self._revision_count))
