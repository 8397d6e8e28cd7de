"""User text for display: always literal Content, never markup, never control characters."""

from __future__ import annotations

from textual.content import Content

from closeness_journal.core.text import one_line, printable


def literal(text: str, style: str = "") -> Content:
    """Text a person wrote, shown exactly as typed (less control characters)."""
    return Content.styled(printable(text), style) if style else Content(printable(text))


def literal_line(text: str, width: int | None = None, style: str = "") -> Content:
    """Literal text folded onto one line and cut to `width`."""
    flat = one_line(text, width)
    return Content.styled(flat, style) if style else Content(flat)
