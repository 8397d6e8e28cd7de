"""History: every past entry, newest first, searchable and filterable, loaded a page at a time."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select, Static

from closeness_journal.core.dates import BadDate, parse_date
from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.core.prompts import PromptLibrary
from closeness_journal.core.vocabulary import CATEGORY_LABELS, FEARS, RELATIONSHIPS
from closeness_journal.core.wording import plural
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.mode import ModeScreen
from closeness_journal.ui.screens.unheld import DrawnOnceShown
from closeness_journal.ui.text import literal_line
from closeness_journal.ui.widgets.entry_table import EntryTable
from closeness_journal.ui.widgets.filter_select import FilterSelect
from closeness_journal.ui.widgets.keys_footer import KeysFooter
from closeness_journal.ui.widgets.titled_header import TitledHeader

PAGE_SIZE = 200
LOAD_AHEAD = 60
FIRST_MARGIN = 20
"""The newest page holds the rows a window's height shows, LOAD_AHEAD and this many more (fewer
rows than a page: putting a row in the table is the better part of opening History); the next
page comes as you move or scroll down towards its end, as every page does."""
MAX_ROWS = 3 * PAGE_SIZE
"""Paging up keeps at most this many rows in the table (the ones furthest down are let go)."""
SEARCH_DELAY = 0.3


def first_page(window_rows: int) -> int:
    """How many rows the newest page holds in a window this many rows high."""
    return min(PAGE_SIZE, window_rows + LOAD_AHEAD + FIRST_MARGIN)


# The screens History opens (reading, editing, the question before a delete) are imported when
# first opened: the first F3 doesn't wait for them (the editor's imports are about 30 ms).
KEYS_HINT = "   Enter reads · f flags"
"""After the marks' legend below History's table, when the window is wide enough."""


class HistoryScreen(DrawnOnceShown, ModeScreen):
    """Find, read, edit and delete past entries."""

    TITLE = "History"  # set before the screen is built: its header shows it from the first frame
    AUTO_FOCUS = "EntryTable"
    """The list has the focus from the start (Textual would give it to the search field first, then
    take it away again as the screen mounts: a few milliseconds of each first F3)."""
    BINDINGS = [
        Binding("ctrl+f", "focus_search", "Search", id="search", show=False),
        Binding("slash", "focus_search", "Search", show=False, id="search-slash"),
        Binding("down", "focus_results", "Results", show=False, id="to-results"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("f", "flag", "Flag", id="flag"),
        Binding("d", "delete", "Delete", id="delete"),
        Binding("u", "undo_delete", "Undo delete", id="undo-delete", show=False),
        Binding("t", "trash", "Trash", id="trash"),
        Binding("w", "reviews", "Reviews", id="reviews"),
    ]

    def __init__(self, journal: Journal, today: date, library: PromptLibrary) -> None:
        super().__init__()
        self._journal = journal
        self._today = today
        self._library = library
        self._filters = EntryFilter()
        self._loaded = 0
        """Rows in the table: the list from `_offset` on (newest first)."""
        self._offset = 0
        """How many matching entries come before the first row shown (0 at the top of the list)."""
        self._total = 0
        self._last_deleted: Entry | None = None
        self._entries: list[Entry] = []
        """The entries shown, in the table's order."""
        self._first_loaded: Entry | None = None
        self._last_loaded: Entry | None = None
        self._search_timer: Timer | None = None
        self._seen: tuple[int, int] | None = None
        """The journal's change token when the table was last loaded."""
        self._tags: list[tuple[str, int]] | None = None

    def compose(self) -> ComposeResult:
        yield TitledHeader()
        with Horizontal(classes="filters", id="filters-top"):
            yield Input(placeholder="Search your journal…  (/ or ctrl+f)", id="search", compact=True)
            yield Input(placeholder="from YYYY-MM-DD", id="since", compact=True, max_length=10)
            yield Input(placeholder="to YYYY-MM-DD", id="until", compact=True, max_length=10)
        with Horizontal(classes="filters"):
            for select_id, prompt, options in (
                ("category", "Pulling/pushing", [(label, slug) for slug, label in CATEGORY_LABELS.items()]),
                ("fear", "Any fear", [(label, slug) for slug, label in FEARS.items()]),
                ("relationship", "Anyone", [(label.capitalize(), slug) for slug, label in RELATIONSHIPS.items()]),
                ("tag", "Any tag", []),  # the tags in use, from `show_tags`
            ):
                yield FilterSelect(options, prompt=prompt, id=select_id, compact=True, disabled=select_id == "tag")
        yield EntryTable(id="history-table")
        yield Static(id="history-status")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(EntryTable)
        self.watch(table, "scroll_y", self._maybe_load_more, init=False)
        table.focus()
        # The first rows now, before the screen is first laid out: the table then knows its height,
        # and its first frame has its scroll bar (otherwise it comes in a second frame).
        self.on_screen_resume()

    def on_screen_resume(self) -> None:
        """Shown (first time, or coming back): reload only if something was written meanwhile."""
        if self._journal.change_token() != self._seen:
            self.show_tags()
            self.reload(keep_position=True)

    def show_tags(self, all_of_them: bool = False) -> None:
        """The tags to filter by, most used first (the one chosen stays chosen while it is in use); until
        the list first opens, only whether there are any (reading them was 9 ms of a first F3)."""
        select = self.query_one("#tag", FilterSelect)
        try:
            if not all_of_them and not select.opened and select.value == Select.NULL:
                select.disabled = not self._journal.has_tags()
                select.before_first_open = lambda: self.show_tags(all_of_them=True)
                return
            tags = self._journal.tags()
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if tags == self._tags:
            return
        self._tags = tags
        chosen = select.value
        with select.prevent(Select.Changed):
            select.set_options((literal_line(f"{tag} ({count})", 40), tag) for tag, count in tags)
            if any(tag == chosen for tag, _ in tags):
                select.value = chosen
        select.disabled = not tags

    # ------------------------------------------------------------------ loading

    def reload(self, keep_position: bool = False) -> None:
        """Load the first page again (or the rows that were shown, to keep the place: from the
        same depth, so a place near the oldest entries stays there)."""
        table = self.query_one(EntryTable)
        row = table.cursor_row if keep_position else 0
        want = max(first_page(self.app.size.height), self._loaded if keep_position else 0)
        offset = self._offset if keep_position else 0
        try:
            self._seen = self._journal.change_token()
            self._total = self._journal.count(self._filters)
            above = None
            if offset and not self._filters.search and self._first_loaded is not None:
                # the row just above the first one shown, to continue from (kept or not)
                above = next(iter(self._journal.entries(self._filters, limit=1, before=self._first_loaded)), None)
                offset = offset if above is not None else 0
            entries = self._journal.entries(self._filters, limit=want, offset=offset, after=above)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._show(entries, offset, row)

    def _show(self, entries: list[Entry], offset: int, row: int) -> None:
        """Show these rows (the list from `offset` on) with the cursor on `row`."""
        table = self.query_one(EntryTable)
        table.clear()
        table.add_entries(entries)
        self._entries = list(entries)
        self._offset = offset
        self._loaded = len(entries)
        self._first_loaded = entries[0] if entries else None
        self._last_loaded = entries[-1] if entries else None
        if entries:
            table.move_cursor(row=max(0, min(row, len(entries) - 1)), animate=False)
        self._show_status()

    @on(EntryTable.Edge)
    def jump(self, event: EntryTable.Edge) -> None:
        """Home: the newest page; End: the oldest page, however deep (one keyset query each)."""
        event.stop()
        if event.newest:
            if self._offset:
                self.reload()
            return
        if self._offset + self._loaded >= self._total:  # the oldest entry is loaded already
            table = self.query_one(EntryTable)
            table.move_cursor(row=table.row_count - 1, animate=False)
            return
        try:
            offset = max(0, self._total - PAGE_SIZE)
            entries = self._journal.entries(self._filters, limit=PAGE_SIZE, offset=offset, oldest=True)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._show(entries, max(0, self._total - len(entries)), len(entries) - 1)

    def load_more(self) -> None:
        if self._offset + self._loaded >= self._total or self._last_loaded is None:
            return
        try:  # newest-first pages continue from the last row shown, so nothing repeats or is skipped
            entries = self._journal.entries(
                self._filters, limit=PAGE_SIZE, offset=self._offset + self._loaded, after=self._last_loaded
            )
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if not entries:
            self._total = self._offset + self._loaded
            return
        shown = self.query_one(EntryTable).rows
        self._entries += [entry for entry in entries if entry.id not in shown]
        self._loaded += self.query_one(EntryTable).add_entries(entries)
        self._last_loaded = entries[-1]
        self._show_status()

    def load_newer(self) -> None:
        """Paging up from a place deep in the list: the page just above the first row shown."""
        if self._offset == 0 or self._first_loaded is None:
            return
        table = self.query_one(EntryTable)
        try:
            offset = max(0, self._offset - PAGE_SIZE)
            entries = self._journal.entries(
                self._filters, limit=self._offset - offset, offset=offset, before=self._first_loaded
            )
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        shown = [entry for entry in entries if entry.id not in table.rows]
        kept = self._entries[: MAX_ROWS - len(shown)]
        row = table.cursor_row + len(shown)
        scroll = table.scroll_y + len(shown)
        self._show(shown + kept, self._offset - len(shown) if shown else 0, row)
        table.scroll_to(y=scroll, animate=False, immediate=True)

    def on_resize(self) -> None:
        """A terminal made much taller can show every row loaded: load more, as scrolling would."""
        if self._loaded:
            self.call_after_refresh(self._maybe_load_more)  # once the table has its new height

    def _maybe_load_more(self) -> None:
        table = self.query_one(EntryTable)
        bottom_row = int(table.scroll_y) + table.size.height
        if bottom_row + LOAD_AHEAD >= self._loaded:
            self.load_more()

    @on(DataTable.RowHighlighted)
    def row_highlighted(self) -> None:
        row = self.query_one(EntryTable).cursor_row  # where the cursor is now (a reload may have moved it)
        if row + LOAD_AHEAD >= self._loaded:
            self.load_more()
        elif row < LOAD_AHEAD and self._offset:
            self.load_newer()

    def _show_status(self) -> None:
        status = self.query_one("#history-status", Static)
        if self._total == 0:
            searching = self._filters != EntryFilter()
            status.update(
                "Nothing matches these filters." if searching
                else "No entries yet. What you save on Today (F2) will appear here."
            )
            return
        count = plural(self._total, "entry", "entries")
        legend = "   ◐ pulled away  ▲ pushed away  ● stayed close  ⚑ flagged"
        if len(count) + len(legend) + len(KEYS_HINT) < self.app.size.width:
            legend += KEYS_HINT
        status.update(Content.assemble(Content(count), Content.styled(legend, "$text-muted")))

    # ------------------------------------------------------------------ filters

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.apply_filters)

    @on(Input.Submitted)
    @on(Select.Changed)
    def filter_changed(self, event: Input.Submitted | Select.Changed) -> None:
        self.apply_filters()
        if isinstance(event, Input.Submitted):
            self.action_focus_results()

    def action_focus_results(self) -> None:
        self.query_one(EntryTable).focus()

    @on(Input.Changed, "#since, #until")
    def date_changed(self, event: Input.Changed) -> None:
        value = event.value.strip()
        if not value or len(value) == 10:
            self.apply_filters()

    def _date_filter(self, input_id: str) -> date | None:
        field = self.query_one(input_id, Input)
        text = field.value.strip()
        field.remove_class("-invalid")
        if not text:
            return None
        try:
            return parse_date(text, self._today)
        except BadDate:
            field.add_class("-invalid")
            raise

    def apply_filters(self) -> None:
        try:
            since = self._date_filter("#since")
            until = self._date_filter("#until")
        except BadDate:
            self.query_one("#history-status", Static).update(
                "That isn't a date I can read: use YYYY-MM-DD, like 2026-11-02."
            )
            return
        if since and until and since > until:
            self.query_one("#history-status", Static).update("The 'from' date comes after the 'to' date.")
            return
        chosen = {select.id: select.value for select in self.query(Select) if isinstance(select.value, str)}
        fear = chosen.get("fear")
        tag = chosen.get("tag")
        self._filters = EntryFilter(
            since=since,
            until=until,
            search=self.query_one("#search", Input).value.strip() or None,
            category=chosen.get("category"),
            fears=(fear,) if fear else (),
            relationship=chosen.get("relationship"),
            tags=(tag,) if tag else (),
        )
        self.reload()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    # ------------------------------------------------------------------ entries

    def _selected(self) -> Entry | None:
        entry_id = self.query_one(EntryTable).entry_id
        if entry_id is None:
            return None
        try:
            return self._journal.get(entry_id)
        except JournalError:
            return None

    @on(DataTable.RowSelected)
    def open_entry(self) -> None:
        entry = self._selected()
        if entry is None:
            return

        def after(choice: str | None) -> None:
            if choice == "edit":
                self.action_edit()
            elif choice == "delete":
                self.action_delete()

        try:
            revisions = self._journal.revision_count(entry.id)
        except JournalError:
            revisions = 0
        from closeness_journal.ui.screens.entry_view import EntryScreen

        self.app.push_screen(EntryScreen(entry, revisions, flag=self._toggle_flag), after)

    def action_flag(self) -> None:
        entry = self._selected()
        if entry is not None:
            self._toggle_flag(entry)

    def _toggle_flag(self, entry: Entry) -> Entry | None:
        """Flag the entry to bring up at the next session, or take the flag off."""
        try:
            changed = self._journal.set_flagged(entry.id, not entry.flagged)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return None
        self.query_one(EntryTable).show_marks(changed)
        self.notify(
            "Flagged: your next export lists it under “For my session”." if changed.flagged else "Flag taken off.",
            title="Flagged" if changed.flagged else None,
        )
        return changed

    def action_edit(self) -> None:
        entry = self._selected()
        if entry is not None:
            from closeness_journal.ui.screens.edit_entry import EditEntryScreen

            self.app.push_screen(EditEntryScreen(self._journal, entry))

    def action_delete(self) -> None:
        entry = self._selected()
        if entry is None:
            return

        def decided(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self._last_deleted = self._journal.delete(entry.id)
            except JournalError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.reload(keep_position=True)
            self.notify("Moved to the trash. Press u to undo.", title="Deleted")

        question = Content.assemble(
            Content("Move this entry to the trash?\n\n"),
            literal_line(entry.headline or entry.local_date.isoformat(), 56, "italic", at_a_word=True),  # fits the box
            Content("\n\nYou can restore it from the trash (t) until you empty it."),
        )
        from closeness_journal.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, yes="Move to trash", no="Keep it"), decided)

    def action_undo_delete(self) -> None:
        deleted, self._last_deleted = self._last_deleted, None
        try:
            still_in_trash = deleted is not None and self._journal.get(deleted.id).deleted_at is not None
        except JournalError:  # emptied from the trash since
            still_in_trash = False
        if not still_in_trash:
            self.notify("There is nothing to undo.")
            return
        try:
            self._journal.restore(deleted.id)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.reload(keep_position=True)
        self.notify("Restored.", title="Undone")

    def action_reviews(self) -> None:
        from closeness_journal.ui.screens.reviews import ReviewsScreen

        self.app.push_screen(ReviewsScreen(self._journal, self._library, self._today))

    def action_trash(self) -> None:
        from closeness_journal.ui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen(self._journal))
