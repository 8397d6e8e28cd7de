"""A table of entries (History, Trash): day, first line, who, pulled/pushed/stayed/flagged marks, fear.

Cells are `Content`, never plain strings, so an entry's text is never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from closeness_journal.core.entries import Entry
from closeness_journal.ui.text import literal_line

WITHDRAWAL_MARK = "◐"
SABOTAGE_MARK = "▲"
STAYED_MARK = "●"
FLAG_MARK = "⚑"
MARKS = WITHDRAWAL_MARK + SABOTAGE_MARK + STAYED_MARK + FLAG_MARK
"""The marks column's heading: the marks in their places (as `list` prints them)."""
FIXED_WIDTHS = {"day": 10, "who": 12, "marks": len(MARKS), "fear": 4}


class _Cell(Content):
    """A cell's `Content`, which Textual's table needn't draw to measure it. The table measures
    every cell of every row it is given, though its columns' widths are set here: it asked each
    Content to draw itself through Rich, only to find no width in what was drawn (8 ms of History's
    first page). Drawn as `Content` draws itself; measured as it was (to no width)."""

    def __rich__(self) -> _Drawn:
        return _Drawn(self)


class _Drawn:
    """A cell, drawn when Rich draws it (with no `__rich_measure__`, as Content's drawing has none)."""

    __slots__ = ("cell",)

    def __init__(self, cell: Content) -> None:
        self.cell = cell

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Content.__rich__(self.cell)


def _cell(content: Content) -> _Cell:
    return _Cell(content.plain, list(content.spans), content.cell_length, strip_control_codes=False)


def markers(entry: Entry) -> Content:
    """Pulled away, pushed away, stayed close, flagged to bring up: marks that differ by their shape,
    in quiet colours (never a warning's: pushing away is something to notice, not an alarm), and
    staying close is marked as surely as pulling away."""
    return Content.assemble(
        Content.styled(WITHDRAWAL_MARK if entry.withdrawal else " ", "$text-secondary"),
        Content.styled(SABOTAGE_MARK if entry.sabotage else " ", "$text-primary"),
        Content.styled(STAYED_MARK if entry.stayed_close else " ", "$text-success"),
        Content.styled(FLAG_MARK if entry.flagged else " ", "$text-accent"),
    )


def summary_line(entry: Entry) -> Content:
    """The first line of what was written, else the small step."""
    if entry.headline:
        return literal_line(entry.headline)
    return Content.styled("(check-in only)", "italic $text-muted")


class EntryTable(DataTable[Content]):
    """Rows keyed by entry id. Home/End (and g/G) go to the first or last row shown and say so
    with `Edge`, so a screen that shows a page at a time can load the newest or the oldest page."""

    BINDINGS = [
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    class Edge(Message):
        """Home or End was pressed: `newest` for Home (the top of the list), else End."""

        def __init__(self, newest: bool) -> None:
            super().__init__()
            self.newest = newest

    def action_first(self) -> None:
        self.move_cursor(row=0, animate=False)
        self.post_message(self.Edge(newest=True))

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1, animate=False)
        self.post_message(self.Edge(newest=False))

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        # the text column as wide as the window allows (the table's own width, once it has one:
        # `on_resize`), so that it needn't be laid out again once it has that width
        self.add_column("Day", width=FIXED_WIDTHS["day"], key="day")
        self.add_column("What you wrote", width=self._text_width(self.app.size.width), key="text")
        self.add_column("With", width=FIXED_WIDTHS["who"], key="who")
        self.add_column(MARKS, width=FIXED_WIDTHS["marks"], key="marks")
        self.add_column("Fear", width=FIXED_WIDTHS["fear"], key="fear")
        # The scroll bar now, hidden until the rows need it: made by the first layout that shows
        # it, it would be laid out once more after the first frame.
        self.vertical_scrollbar  # noqa: B018 - the property makes it

    _sized_as: tuple[object, ...] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Textual's scroll views compare the virtual size the layout gives them (for a table, the
        part shown) with their own (all the rows), which differ whenever there are more rows than
        fit: every layout of the screen refreshed the scroll bar, and drew one more frame after
        it (History's first frame was followed by one). Here nothing is done again when nothing
        the scroll bar depends on changed since it was last done."""
        styles = self.styles
        sized_as = (size, container_size, self.virtual_size, styles.gutter, styles.overflow_x, styles.overflow_y,
                    styles.scrollbar_size_vertical, styles.scrollbar_size_horizontal)
        if sized_as == self._sized_as:
            return self._container_size != container_size  # (what Textual would answer: no new size)
        self._sized_as = sized_as
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _text_width(self, table_width: int) -> int:
        """The text column's width: what the other columns and the scroll bar leave."""
        padding = 2 * self.cell_padding * (len(FIXED_WIDTHS) + 1)
        scrollbar = 2
        return max(12, table_width - sum(FIXED_WIDTHS.values()) - padding - scrollbar)

    def on_resize(self) -> None:
        column = self.columns.get("text")  # type: ignore[call-overload]
        width = self._text_width(self.size.width)
        if column is not None and (column.width != width or column.auto_width):
            column.width = width
            column.auto_width = False
            self.refresh()
            self._require_update_dimensions = True

    def add_entries(self, entries: Iterable[Entry]) -> int:
        """Add rows for entries not already shown; returns how many were added."""
        added = 0
        for entry in entries:
            if entry.id in self.rows:
                continue
            added += 1
            self.add_row(
                _Cell(entry.local_date.isoformat()),
                _cell(summary_line(entry)),
                _cell(literal_line(entry.checkin.who, 24)),
                _cell(markers(entry)),
                _Cell("" if entry.checkin.intensity is None else f"{entry.checkin.intensity:>3}"),
                key=entry.id,
            )
        return added

    def show_marks(self, entry: Entry) -> None:
        """Show an entry's marks again (after it was flagged or its flag taken off)."""
        if entry.id in self.rows:
            self.update_cell(entry.id, "marks", _cell(markers(entry)))

    @property
    def entry_id(self) -> str | None:
        """The id of the entry under the cursor."""
        if self.row_count == 0:
            return None
        try:
            key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return key.value
