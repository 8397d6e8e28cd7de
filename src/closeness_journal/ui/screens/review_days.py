"""The weekly review's days: a line for each entry of the week under its day (Enter or a click
opens it to read), and one for a day with nothing written."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from closeness_journal.core.review import WeeklyReview
from closeness_journal.ui.text import literal_line


class DayLine(Static):
    """A day of the week with nothing written about it."""

    DEFAULT_CSS = """
    DayLine {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """


class EntryLine(Static, can_focus=True):
    """One entry of the week, under its day: Enter (or a click) opens it to read."""

    DEFAULT_CSS = """
    EntryLine {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    EntryLine:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """
    BINDINGS = [
        Binding("enter", "open", "Read", id="read-entry"),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("down", "move(1)", "Next", show=False),
    ]

    class Open(Message):
        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(self, content: Content, entry_id: str) -> None:
        super().__init__(content, classes="review-entry")
        self.entry_id = entry_id

    def action_open(self) -> None:
        self.post_message(self.Open(self.entry_id))

    def on_click(self) -> None:
        self.action_open()

    async def action_move(self, step: int) -> None:
        """Up and down go from entry to entry (and scroll the summary past its ends)."""
        lines = list(self.screen.query(EntryLine))
        index = lines.index(self) + step
        screen = self.screen
        show_more = getattr(screen, "show_more_lines", None)  # the review's: the next lines of the week
        if index >= len(lines) and show_more is not None and await show_more():
            lines = list(screen.query(EntryLine))
        if 0 <= index < len(lines):
            lines[index].focus()
        else:
            scroll = self.screen.query_one("#review-summary", VerticalScroll)
            scroll.scroll_relative(y=step, animate=False)


def day_lines(review: WeeklyReview) -> list[tuple[date, str | None, str]]:
    """Each day of the week with the entries written about it, one line each: (day, entry id, first
    line); a day with nothing written has a line of its own (no id)."""
    lines: list[tuple[date, str | None, str]] = []
    for day, items in review.days:
        if not items:
            lines.append((day, None, ""))
        lines += [(day, entry_id, line) for entry_id, line in items]
    return lines


def line_widget(day: date, entry_id: str | None, line: str) -> Static:
    """A line of `day_lines` as shown (an entry's line can be opened)."""
    if entry_id is None:
        return DayLine(Content.styled(f"  {day:%a %d}  ·", "$text-muted"))
    return EntryLine(Content.assemble(Content(f"  {day:%a %d}  "), literal_line(line, 60)), entry_id)
