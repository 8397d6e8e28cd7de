"""What one line of a list shows of an entry, and the rules behind it, without the entry model.

`list` reads its page of entries as `Listed` (plain attributes, made straight from stored rows by
`store/entry_rows.py`): importing the entry model (`entries.py`, `checkin.py`) and dataclasses
took about 25 ms of the 100 ms `list` took. `Entry` and `CheckIn` use the same rules from here
(`first_line`, `headline`, `stayed_close`), so a list line says what the entry says.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from closeness_journal.core.vocabulary import SABOTAGE, WITHDRAWAL, categories_of

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any

Snippet = tuple[tuple[str, bool], ...]
"""A search's marked words: (text, matched) pieces, never parsed as markup."""


def first_line(texts: Iterable[str]) -> str:
    """The first non-empty line of the texts (an entry's answers first, then its free writing)."""
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                return line.strip()
    return ""


def headline(first: str, small_step: str) -> str:
    """What to show for an entry in one line: its first line, else its small step ("" if neither)."""
    return first or small_step.strip()


def stayed_close(stayed: Iterable[str], acted: str | None) -> bool:
    """True when something was done to stay close, or the pull came and was not acted on."""
    return bool(stayed) or acted == "no"


class Listed:
    """One entry as a list shows it: its id, day, markers, fear, who, headline, and the matched
    words when searching."""

    __slots__ = ("flagged", "headline", "id", "intensity", "local_date", "sabotage", "snippet", "stayed_close",
                 "who", "withdrawal")

    def __init__(
        self, id: str, local_date: date, *, behaviours: Iterable[str] = (), stayed: Iterable[str] = (),
        acted: str | None = None, flagged: bool = False, intensity: int | None = None, who: str = "",
        headline: str = "", snippet: Snippet = (),
    ) -> None:
        categories = categories_of(behaviours)
        self.id, self.local_date, self.flagged, self.intensity = id, local_date, flagged, intensity
        self.who, self.headline, self.snippet = who, headline, snippet
        self.withdrawal, self.sabotage = WITHDRAWAL in categories, SABOTAGE in categories
        self.stayed_close = stayed_close(stayed, acted)

    def __repr__(self) -> str:
        return f"Listed({self.id!r}, {self.local_date!r}, {self.headline!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Listed):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]


def listed(entry: Any, snippet: Snippet = ()) -> Listed:
    """An `Entry` (from `entries.py`; any object with its attributes) as a list shows it."""
    checkin = entry.checkin
    return Listed(
        entry.id, entry.local_date, behaviours=checkin.behaviours, stayed=checkin.stayed, acted=checkin.acted,
        flagged=entry.flagged, intensity=checkin.intensity, who=checkin.who, headline=entry.headline, snippet=snippet,
    )
