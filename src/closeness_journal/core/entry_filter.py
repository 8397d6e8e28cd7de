"""What a list of entries is narrowed to (`EntryFilter`), and the error an entry or a filter that
cannot be used raises (`InvalidEntry`).

Apart from the entry model (`entries.py`, `checkin.py`, which use both), so that what reads
entries through a filter without building them, a Markdown or HTML export, never imports that
model: about 5 ms of the 3,650-entry export's 150.
"""

from __future__ import annotations

from datetime import date, datetime

from closeness_journal.core.frozen import Frozen, fill
from closeness_journal.core.vocabulary import (
    BEHAVIOURS,
    FEARS,
    RELATIONSHIPS,
    SABOTAGE,
    WITHDRAWAL,
    UnknownSlug,
    check_slugs,
)


class InvalidEntry(ValueError):
    """An entry (or its check-in) that cannot be saved as it is; the message says why, kindly."""


class EntryFilter(Frozen):
    """What a list of entries is narrowed to. Empty means everything. (`EntryFilter().replace(...)`
    for one narrowed further.)"""

    __slots__ = ("since", "until", "search", "behaviours", "fears", "category", "relationship", "include_private",
                 "tags", "changed_since")

    since: date | None
    until: date | None
    search: str | None
    behaviours: tuple[str, ...]
    fears: tuple[str, ...]
    category: str | None
    relationship: str | None
    include_private: bool
    tags: tuple[str, ...]
    """Entries with every one of these tags (compared without regard to case)."""
    changed_since: datetime | None
    """Entries written, edited or flagged after this moment (the export's "since my last export")."""

    def __init__(
        self, since: date | None = None, until: date | None = None, search: str | None = None,
        behaviours: tuple[str, ...] = (), fears: tuple[str, ...] = (), category: str | None = None,
        relationship: str | None = None, include_private: bool = True, tags: tuple[str, ...] = (),
        changed_since: datetime | None = None,
    ) -> None:
        fill(self, since, until, search, behaviours, fears, category, relationship, include_private, tags,
             changed_since)

    def validated(self) -> EntryFilter:
        try:
            check_slugs("behaviour", self.behaviours, BEHAVIOURS)
            check_slugs("fear", self.fears, FEARS)
            if self.relationship is not None:
                check_slugs("relationship", [self.relationship], RELATIONSHIPS)
            if self.category is not None:
                check_slugs("category", [self.category], {WITHDRAWAL: "", SABOTAGE: ""})
        except UnknownSlug as error:
            raise InvalidEntry(str(error)) from None
        if self.since and self.until and self.since > self.until:
            raise InvalidEntry(
                f"the start date {self.since} comes after the end date {self.until}"
            )
        return self
