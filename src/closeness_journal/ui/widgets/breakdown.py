"""A title over labels with their counts, a label wrapping (never cut) and its count at the right:
what the Patterns screen shows for what you did, feared, and who with.

It lays out as a Rich table with a wrapping column and a count column of five would (the same
lines), but works its lines out itself, once per width: measuring and drawing six Rich tables
was most of the cost of laying the Patterns screen out again each time the range changed.
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


class Breakdown(Widget):
    """`show(title, rows)`: a bold title and "times" over (label, count) rows. Its height is its
    lines' (`height: auto`, which the Patterns screen's styles give it)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._title = ""
        self._rows: tuple[tuple[str, str], ...] = ()
        self._lines: tuple[int, list[Content]] | None = None
        """The lines as last worked out, with the width they were for."""

    def show(self, title: str, rows: Sequence[tuple[str, int]]) -> None:
        """Show these rows (labels as plain text, never markup); nothing is redrawn if they are
        the ones shown already."""
        shown = tuple((label, str(count)) for label, count in rows)
        if (title, shown) == (self._title, self._rows):
            return
        self._title, self._rows, self._lines = title, shown, None
        self.refresh(layout=True)

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
