"""User text for display: always literal Content, never markup, never control characters."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from closeness_journal.core.entries import InvalidEntry
from closeness_journal.core.text import one_line, printable


def literal(text: str, style: str = "") -> Content:
    """Text a person wrote, shown exactly as typed (less control characters)."""
    return Content.styled(printable(text), style) if style else Content(printable(text))


def not_saved(widget: Widget, error: Exception) -> None:
    """Tell the person, kindly and without markup, why something wasn't saved."""
    if isinstance(error, InvalidEntry):
        widget.notify(str(error).capitalize(), title="Not saved yet", severity="warning", markup=False)
    else:
        widget.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)


def literal_line(text: str, width: int | None = None, style: str = "", at_a_word: bool = False) -> Content:
    """Literal text folded onto one line and cut to `width` (where a word ends, with `at_a_word`)."""
    flat = one_line(text, width, at_a_word)
    return Content.styled(flat, style) if style else Content(flat)
