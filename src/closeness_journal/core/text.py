"""Making user text safe to show: no control characters reach a terminal or a file."""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 controls except tab and newline, DEL, and C1 controls (which include 8-bit CSI/OSC).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL/ST (e.g. set the window title)
    r"|\[[0-?]*[ -/]*[@-~]"  # CSI ... (colours, cursor moves)
    r"|[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|.)",
    re.DOTALL,
)


def printable(text: str) -> str:
    """`text` without terminal escape sequences or control characters (newline and tab stay).

    A carriage return becomes a newline so Windows line endings don't vanish into one line."""
    if _CONTROL.search(text) is None:  # most text: no carriage return, escape or other control
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def one_line(text: str, width: int | None = None, at_a_word: bool = False) -> str:
    """Printable text folded onto one line, cut to `width` characters with an ellipsis; with
    `at_a_word`, cut where a word ends (unless that would leave less than half the width)."""
    flat = " ".join(printable(text).split())
    if width is not None and len(flat) > width:
        cut = flat[: max(0, width - 1)]
        if at_a_word and flat[len(cut)] != " " and (space := cut.rfind(" ")) >= width // 2:
            cut = cut[:space]
        return cut.rstrip() + "…"
    return flat


def sitting_words(answers: Iterable[str], body: str) -> str:
    """Everything written in a sitting, the answers' texts first, then the free writing, as one
    text (parts with nothing in them left out): `Entry.words`, and the session lists' entries."""
    return "\n\n".join(text for text in (*answers, body) if text.strip())
