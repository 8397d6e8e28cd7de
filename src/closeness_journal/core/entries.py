"""A journal entry with its check-in, the rules that keep it valid, and its JSON form."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from closeness_journal.core.checkin import CheckIn, CheckInFields, InvalidEntry
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.vocabulary import (
    BEHAVIOUR_CATEGORY,
    BEHAVIOURS,
    CATEGORY_LABELS,
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SABOTAGE,
    WITHDRAWAL,
    UnknownSlug,
    check_slugs,
)
from closeness_journal.core.wording import plural

__all__ = ["CheckIn", "CheckInFields", "Entry", "EntryFilter", "InvalidEntry", "Revision", "SearchHit"]


@dataclass(frozen=True)
class Entry:
    """One thing written in the journal, with its check-in.

    `id`, `created_at` and `updated_at` are set by the store; a new entry leaves them empty.
    """

    local_date: date
    body: str = ""
    prompt_id: str | None = None
    prompt_text: str | None = None
    checkin: CheckIn = CheckIn()
    private: bool = False
    tags: tuple[str, ...] = ()
    id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    @property
    def withdrawal(self) -> bool:
        """True when at least one behaviour was a way of pulling away."""
        return self.checkin.withdrawal

    @property
    def sabotage(self) -> bool:
        """True when at least one behaviour was a way of pushing away."""
        return self.checkin.sabotage

    @property
    def first_line(self) -> str:
        """The first non-empty line of the body, for lists and tables."""
        for line in self.body.splitlines():
            if line.strip():
                return line.strip()
        return ""

    @property
    def fields(self) -> CheckInFields:
        """What the check-in form shows for this entry."""
        return CheckInFields(self.checkin, self.tags, self.private)

    def with_fields(self, fields: CheckInFields) -> Entry:
        """A copy holding what the check-in form says."""
        return replace(self, checkin=fields.checkin, tags=fields.tags, private=fields.private)

    @property
    def headline(self) -> str:
        """What to show for the entry in one line: its first line, else its small step ("" if neither)."""
        return self.first_line or self.checkin.small_step.strip()

    def is_empty(self) -> bool:
        """Nothing written and nothing checked in: there is nothing to keep."""
        return not (self.body.strip() or self.tags) and self.checkin.is_empty()

    def validated(self, allow_empty: bool = False) -> Entry:
        """Return a cleaned copy (slugs de-duplicated, text trimmed) or raise InvalidEntry."""
        # Control characters (terminal escapes) are never stored: text is kept as typed otherwise.
        # A comma separates tags everywhere (the form's tag field too), so "a,b" is two tags.
        split = (part for tag in self.tags for part in tag.split(","))
        tags = tuple(dict.fromkeys(t for t in (one_line(t).lstrip("#@").strip() for t in split) if t))
        cleaned = replace(
            self,
            checkin=self.checkin.validated(),
            body=printable(self.body).rstrip(),
            prompt_text=printable(self.prompt_text) if self.prompt_text is not None else None,
            tags=tags,
        )
        if cleaned.is_empty() and not allow_empty:
            raise InvalidEntry("there is nothing to save yet: write something or fill in the check-in")
        return cleaned

    def to_json(self) -> dict[str, Any]:
        """Every stored field, in a stable JSON-friendly form (documented in the README): the
        check-in's fields sit beside the entry's own."""
        return {
            "id": self.id,
            "local_date": self.local_date.isoformat(),
            "body": self.body,
            "prompt_id": self.prompt_id,
            "prompt_text": self.prompt_text,
            **self.checkin.to_json(),
            "private": self.private,
            "tags": list(self.tags),
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
            "withdrawal": self.withdrawal,
            "sabotage": self.sabotage,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        """The inverse of `to_json` (derived fields are ignored)."""
        values = {k: v for k, v in data.items() if k in _FIELD_NAMES}
        values["local_date"] = date.fromisoformat(values["local_date"])
        for key in ("created_at", "updated_at", "deleted_at"):
            if values.get(key):
                values[key] = datetime.fromisoformat(values[key])
        values["tags"] = tuple(values.get("tags") or ())
        return cls(checkin=CheckIn.from_json(data), **values)


_FIELD_NAMES = frozenset(Entry.__dataclass_fields__) - {"checkin"}


@dataclass(frozen=True)
class Revision:
    """A previous version of an entry, kept when it was edited."""

    entry_id: str
    revised_at: datetime
    entry: Entry


@dataclass(frozen=True)
class EntryFilter:
    """What a list of entries is narrowed to. Empty means everything."""

    since: date | None = None
    until: date | None = None
    search: str | None = None
    behaviours: tuple[str, ...] = ()
    fears: tuple[str, ...] = ()
    category: str | None = None
    relationship: str | None = None
    include_private: bool = True

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


@dataclass(frozen=True)
class SearchHit:
    """An entry found by a search, with the matching words marked in `snippet`.

    The snippet is a list of (text, matched) pieces so any display can style the matches
    without ever parsing the entry's text as markup.
    """

    entry: Entry
    snippet: tuple[tuple[str, bool], ...] = field(default=())


@functools.lru_cache(maxsize=4096)
def _labels(kind: str, slugs: tuple[str, ...]) -> str:
    """The words for some slugs, joined; the same few combinations recur across a journal."""
    if kind == "kinds":
        return "; ".join(KINDS[k] for k in slugs)
    if kind == "fears":
        return "; ".join(FEARS[f] for f in slugs)
    return "; ".join(BEHAVIOURS[b] for b in slugs if BEHAVIOUR_CATEGORY[b] == kind)


def entry_notes(entry: Entry, revision_count: int = 0) -> list[str]:
    """Short notes about an entry's history: edited (and how many versions are kept), in the trash."""
    notes = []
    if revision_count:
        notes.append(f"edited; {plural(revision_count, 'earlier version', 'earlier versions')} kept")
    if entry.deleted_at:
        notes.append("in the trash")
    return notes


def checkin_summary(entry: Entry) -> list[tuple[str, str]]:
    """The check-in (and the entry's tags and private mark) as (label, value) pairs in readable
    words, leaving out what wasn't filled in."""
    rows: list[tuple[str, str]] = []
    checkin = entry.checkin
    if checkin.who or checkin.relationship:
        who = checkin.who
        if checkin.relationship:
            relation = RELATIONSHIPS[checkin.relationship]
            who = f"{who} ({relation})" if who else relation
        rows.append(("With", who))
    if checkin.kinds:
        rows.append(("Kinds of closeness", _labels("kinds", checkin.kinds)))
    if checkin.close_before:
        rows.append(("Just before", "a moment of closeness"))
    for category, label in CATEGORY_LABELS.items():
        chosen = _labels(category, checkin.behaviours)
        if chosen:
            rows.append((label, chosen))
    if checkin.fears:
        rows.append(("Feared", _labels("fears", checkin.fears)))
    if checkin.intensity is not None:
        rows.append(("Fear intensity", f"{checkin.intensity} of 10"))
    if checkin.small_step:
        rows.append(("Small step", checkin.small_step))
    if checkin.predicted is not None or checkin.outcome is not None:
        predicted = "—" if checkin.predicted is None else f"{checkin.predicted}"
        outcome = "—" if checkin.outcome is None else f"{checkin.outcome}"
        rows.append(("Planned step: expected → how it really was", f"{predicted} → {outcome} (of 10)"))
    if entry.tags:
        rows.append(("Tags", ", ".join(entry.tags)))
    if entry.private:
        rows.append(("Private", "yes"))
    return rows
