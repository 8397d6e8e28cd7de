"""What a person wrote, made fit for an export document, and the long form of a day, shared by the
Markdown file and the printable page (escaping is each renderer's own).

Both run for every text and day of a long export, so each skips the work it can: text with no
control character is kept as it is, a repeated short text is cleaned once, and days are named
without `strftime`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from closeness_journal.core.redaction import redactor
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.vocabulary import RELATIONSHIPS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from closeness_journal.core.checkin import CheckIn  # not imported: an export reads rows

_CONTROLS = bytes(range(0x09)) + bytes(range(0x0B, 0x20)) + b"\x7f"
"""The ASCII characters `printable` drops."""
_CONTROLS_MARKED = bytes(0x80 if i in _CONTROLS else i for i in range(256))
"""Each of `_CONTROLS` turned into a byte ASCII text never holds (see `clean_already`)."""
_NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (a carriage return among them): what `printable` would change."""


def clean_already(text: str) -> bool:
    """Whether `printable(text)` is `text`, as most text is: no control character in it. ASCII
    text is looked at as bytes, in one C loop: it has none when it translates to itself (about
    four times as fast as the pattern; `str.isprintable` is slower, and False for every line break)."""
    if text.isascii():
        return (encoded := text.encode()).translate(_CONTROLS_MARKED) == encoded
    return _NEEDS_CLEANING.search(text) is None


class Cleaner:
    """What a person wrote, made fit for a document: control characters out, names replaced when
    asked. (Escaping is each renderer's: what comes out of here is still plain text.)"""

    MEMO = 1024
    """Short texts repeat (a weekly review's questions, names): this many are remembered."""

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self.redact: Callable[[str], str] | None = redactor(names) if names else None
        self._lines: dict[str, str] = {}

    def line(self, text: str) -> str:
        """Text folded onto one line."""
        done = self._lines.get(text)
        if done is None:
            flat = one_line(text)
            done = self.redact(flat) if self.redact else flat
            if len(self._lines) < self.MEMO and len(text) < 200:
                self._lines[text] = done
        return done

    def block(self, text: str) -> str:
        """Text of any length: paragraphs and line breaks kept."""
        if not clean_already(text):
            text = printable(text)
        return self.redact(text) if self.redact else text

    def shown_checkin(self, checkin: CheckIn) -> tuple[str, str | None]:
        """Who (cleaned) and the relationship slug to show beside it. A name that was replaced already
        says the relationship ("my partner"): it is said once, in lower case, without the slug."""
        return self.shown(checkin.who, checkin.relationship)

    def shown(self, who: str, relationship: str | None) -> tuple[str, str | None]:
        """`shown_checkin` from the two values."""
        written, who = who, self.line(who) if who else ""
        if self.redact and who and who != one_line(written):
            return who[:1].lower() + who[1:], None
        return who, relationship

    def with_whom(self, checkin: CheckIn) -> str:
        """`Sam (a partner)`, `a partner`, `my partner` (redacted), or ""."""
        who, relationship = self.shown_checkin(checkin)
        relation = RELATIONSHIPS.get(relationship or "")
        if who and relation:
            return f"{who} ({relation})"
        return who or relation or ""


# `long_date` for every day (and week) of a long export adds up (strftime each time): the same
# words, worked out once. A test checks the two agree.
_WEEKDAYS = tuple(f"{date(2024, 1, 1 + n):%A}" for n in range(7))
_MONTHS = tuple(f"{date(2024, 1 + n, 1):%B}" for n in range(12))


def long_day(day: date) -> str:
    """`long_date(day)`: `Wednesday 18 November 2026`."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
