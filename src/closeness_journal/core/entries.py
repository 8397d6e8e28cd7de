"""A journal entry with its check-in, the rules that keep it valid, and its JSON form."""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

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
    categories_of,
    check_slugs,
)
from closeness_journal.core.wording import plural

SCALE_MIN, SCALE_MAX = 0, 10


class InvalidEntry(ValueError):
    """An entry that cannot be saved as it is; the message says why, kindly."""


@dataclass(frozen=True)
class Entry:
    """One thing written in the journal, with its check-in.

    `id`, `created_at` and `updated_at` are set by the store; a new entry leaves them empty.
    """

    local_date: date
    body: str = ""
    prompt_id: str | None = None
    prompt_text: str | None = None
    who: str = ""
    relationship: str | None = None
    kinds: tuple[str, ...] = ()
    behaviours: tuple[str, ...] = ()
    fears: tuple[str, ...] = ()
    intensity: int | None = None
    close_before: bool = False
    small_step: str = ""
    predicted: int | None = None
    outcome: int | None = None
    private: bool = False
    tags: tuple[str, ...] = ()
    id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    @property
    def withdrawal(self) -> bool:
        """True when at least one behaviour was a way of pulling away."""
        return WITHDRAWAL in categories_of(self.behaviours)

    @property
    def sabotage(self) -> bool:
        """True when at least one behaviour was a way of pushing away."""
        return SABOTAGE in categories_of(self.behaviours)

    @property
    def first_line(self) -> str:
        """The first non-empty line of the body, for lists and tables."""
        for line in self.body.splitlines():
            if line.strip():
                return line.strip()
        return ""

    @property
    def headline(self) -> str:
        """What to show for the entry in one line: its first line, else its small step ("" if neither)."""
        return self.first_line or self.small_step.strip()

    def is_empty(self) -> bool:
        """Nothing written and nothing checked in: there is nothing to keep."""
        return not (
            self.body.strip()
            or self.who.strip()
            or self.small_step.strip()
            or self.relationship
            or self.kinds
            or self.behaviours
            or self.fears
            or self.intensity is not None
            or self.close_before
            or self.predicted is not None
            or self.outcome is not None
            or self.tags
        )

    def validated(self, allow_empty: bool = False) -> Entry:
        """Return a cleaned copy (slugs de-duplicated, text trimmed) or raise InvalidEntry."""
        try:
            kinds = check_slugs("kind of intimacy", self.kinds, KINDS)
            behaviours = check_slugs("behaviour", self.behaviours, BEHAVIOURS)
            fears = check_slugs("fear", self.fears, FEARS)
            if self.relationship is not None:
                check_slugs("relationship", [self.relationship], RELATIONSHIPS)
        except UnknownSlug as error:
            raise InvalidEntry(str(error)) from None
        for name in ("intensity", "predicted", "outcome"):
            value = getattr(self, name)
            if value is not None and not (SCALE_MIN <= value <= SCALE_MAX):
                raise InvalidEntry(
                    f"{name} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, not {value}"
                )
        # Control characters (terminal escapes) are never stored: text is kept as typed otherwise.
        # A comma separates tags everywhere (the form's tag field too), so "a,b" is two tags.
        split = (part for tag in self.tags for part in tag.split(","))
        tags = tuple(dict.fromkeys(t for t in (one_line(t).lstrip("#@").strip() for t in split) if t))
        cleaned = replace(
            self,
            kinds=kinds,
            behaviours=behaviours,
            fears=fears,
            who=one_line(self.who),
            small_step=one_line(self.small_step),
            body=printable(self.body).rstrip(),
            prompt_text=printable(self.prompt_text) if self.prompt_text is not None else None,
            tags=tags,
        )
        if cleaned.is_empty() and not allow_empty:
            raise InvalidEntry("there is nothing to save yet: write something or fill in the check-in")
        return cleaned

    def to_json(self) -> dict[str, Any]:
        """Every stored field, in a stable JSON-friendly form (documented in the README)."""
        data = asdict(self)
        data["local_date"] = self.local_date.isoformat()
        for key in ("created_at", "updated_at", "deleted_at"):
            value = getattr(self, key)
            data[key] = value.isoformat() if value else None
        for key in ("kinds", "behaviours", "fears", "tags"):
            data[key] = list(data[key])
        data["withdrawal"] = self.withdrawal
        data["sabotage"] = self.sabotage
        ordered = {"id": data.pop("id")}
        ordered.update(data)
        return ordered

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        """The inverse of `to_json` (derived fields are ignored)."""
        values = {k: v for k, v in data.items() if k in _FIELD_NAMES}
        values["local_date"] = date.fromisoformat(values["local_date"])
        for key in ("created_at", "updated_at", "deleted_at"):
            if values.get(key):
                values[key] = datetime.fromisoformat(values[key])
        for key in ("kinds", "behaviours", "fears", "tags"):
            values[key] = tuple(values.get(key) or ())
        return cls(**values)


_FIELD_NAMES = frozenset(Entry.__dataclass_fields__)


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
    """The check-in as (label, value) pairs in readable words, leaving out what wasn't filled in."""
    rows: list[tuple[str, str]] = []
    if entry.who or entry.relationship:
        who = entry.who
        if entry.relationship:
            relation = RELATIONSHIPS[entry.relationship]
            who = f"{who} ({relation})" if who else relation
        rows.append(("With", who))
    if entry.kinds:
        rows.append(("Kinds of closeness", _labels("kinds", entry.kinds)))
    if entry.close_before:
        rows.append(("Just before", "a moment of closeness"))
    for category, label in CATEGORY_LABELS.items():
        chosen = _labels(category, entry.behaviours)
        if chosen:
            rows.append((label, chosen))
    if entry.fears:
        rows.append(("Feared", _labels("fears", entry.fears)))
    if entry.intensity is not None:
        rows.append(("Fear intensity", f"{entry.intensity} of 10"))
    if entry.small_step:
        rows.append(("Small step", entry.small_step))
    if entry.predicted is not None or entry.outcome is not None:
        predicted = "—" if entry.predicted is None else f"{entry.predicted}"
        outcome = "—" if entry.outcome is None else f"{entry.outcome}"
        rows.append(("Planned step: expected → how it really was", f"{predicted} → {outcome} (of 10)"))
    if entry.tags:
        rows.append(("Tags", ", ".join(entry.tags)))
    if entry.private:
        rows.append(("Private", "yes"))
    return rows
