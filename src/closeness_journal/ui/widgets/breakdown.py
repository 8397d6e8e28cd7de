"""Titles over labels with their counts, a label wrapping (never cut) and its count at the right:
what the Patterns screen shows for what you did, feared, and who with, two to a row.

A breakdown lays out as a Rich table with a wrapping column and a count column of five would (the
same lines), but works its lines out itself, once per width: measuring and drawing six Rich tables
was most of the cost of laying the Patterns screen out again each time the range changed. The six
are one widget (`Breakdowns`), laid out as a grid of two columns would lay them out, rather than
six widgets in a grid: a widget is composed, styled and laid out on its own, and a seventh for
the grid, for lines that are below the first screenful.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

COUNT_WIDTH = 5
"""Columns of the count, right-aligned; a longer count ends in an ellipsis."""
GAP = 2
"""Columns between a label and its count."""
COLUMN_GAP = 2
"""Columns between two breakdowns side by side."""
ROW_GAP = 1
"""Lines between a row of breakdowns and the next."""


class Breakdown:
    """`show(title, rows)`: a bold title and "times" over (label, count) rows; `lines(width)`."""

    def __init__(self) -> None:
        self._title = ""
        self._rows: tuple[tuple[str, str], ...] = ()
        self._lines: tuple[int, list[Content]] | None = None
        """The lines as last worked out, with the width they were for."""

    def show(self, title: str, rows: Sequence[tuple[str, int]]) -> bool:
        """Show these rows (labels as plain text, never markup); False if they are the ones shown already."""
        shown = tuple((label, str(count)) for label, count in rows)
        if (title, shown) == (self._title, self._rows):
            return False
        self._title, self._rows, self._lines = title, shown, None
        return True

    @property
    def empty(self) -> bool:
        return not self._rows

    def lines(self, width: int) -> list[Content]:
        """The lines at `width` columns: the title (its last line holds "times"), then each label
        with its count on its first line."""
        if self._lines is not None and self._lines[0] == width:
            return self._lines[1]
        room = max(1, width - GAP - COUNT_WIDTH)
        title = Content.styled(self._title, "bold").wrap(room)
        lines = [_line(part, Content.styled(_BLANK.plain, "bold"), room, bold_gap=True) for part in title[:-1]]
        lines.append(_line(title[-1], Content.styled(_count("times"), "bold"), room, bold_gap=True))
        for label, count in self._rows:
            parts = Content(label).wrap(room)
            lines.append(_line(parts[0], Content(_count(count)), room))
            lines.extend(_line(part, _BLANK, room) for part in parts[1:])
        self._lines = (width, lines)
        return lines


class Breakdowns(Widget):
    """Breakdowns by name (`show(name, title, rows)`), those with rows two to a row, in order, as a
    grid of two equal columns with a gutter of 1 line and 2 columns would show them; one with no
    rows is left out. Its height is its lines' (`height: auto`, which the Patterns screen gives it)."""

    def __init__(self, names: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cells = {name: Breakdown() for name in names}
        self._lines: tuple[int, list[Content]] | None = None

    def show(self, name: str, title: str, rows: Sequence[tuple[str, int]]) -> None:
        """Show these rows under `name` (nothing is redrawn if they are the ones shown already)."""
        if self.cells[name].show(title, rows):
            self._lines = None
            self.refresh(layout=True)

    @staticmethod
    def column_widths(width: int) -> tuple[int, int]:
        """The two columns' widths, as Textual's grid divides `width` (the second takes what is left)."""
        first = max(0, width - COLUMN_GAP) // 2
        return first, max(0, width - COLUMN_GAP - first)

    def lines(self, width: int) -> list[Content]:
        if self._lines is not None and self._lines[0] == width:
            return self._lines[1]
        widths = self.column_widths(width)
        shown = [cell for cell in self.cells.values() if not cell.empty]
        lines: list[Content] = []
        for row in range(0, len(shown), 2):
            if row:
                lines.extend(Content() for _ in range(ROW_GAP))
            pair = [cell.lines(column) for cell, column in zip(shown[row:row + 2], widths, strict=False)]
            for number in range(max(map(len, pair))):
                parts = [(cell[number] if number < len(cell) else Content()).truncate(column, pad=True)
                         for cell, column in zip(pair, widths, strict=False)]  # each within its column
                lines.append(Content(" " * COLUMN_GAP).join(parts))
        self._lines = (width, lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))


_BLANK = Content(" " * COUNT_WIDTH)


def _count(text: str) -> str:
    return text.rjust(COUNT_WIDTH) if len(text) <= COUNT_WIDTH else text[: COUNT_WIDTH - 1] + "…"


def _line(label: Content, count: Content, room: int, bold_gap: bool = False) -> Content:
    gap = " " * (max(0, room - label.cell_length) + GAP)
    return Content.assemble(label, Content.styled(gap, "bold") if bold_gap else gap, count)
