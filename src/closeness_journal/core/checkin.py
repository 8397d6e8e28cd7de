"""The check-in: the structured part of an entry, all optional.

One `CheckIn` travels everywhere a check-in goes: the form on Today and in the edit screen, a
draft, the command line's options, the store's row, the JSON archive and the exports. Its field
names are the stored names (and the keys of `list --json`), so they never change.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from closeness_journal.core import entry_line
from closeness_journal.core.entry_filter import InvalidEntry
from closeness_journal.core.text import one_line
from closeness_journal.core.vocabulary import (
    ACTED,
    BEHAVIOURS,
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SABOTAGE,
    STAYED,
    WITHDRAWAL,
    UnknownSlug,
    categories_of,
    check_slugs,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any

SCALE_MIN, SCALE_MAX = 0, 10


@dataclass(frozen=True)
class CheckIn:
    """Who it was with, what you did (pulling away, pushing away, staying close), what you feared
    and how strongly, how strong the pull to get away was and whether you acted on it, and the
    small step."""

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
    stayed: tuple[str, ...] = ()
    urge: int | None = None
    """How strong the pull to get away was, 0-10."""
    acted: str | None = None
    """Whether the pull was acted on: `yes`, `partly` or `no`."""
    urge_after: int | None = None
    """How strong the pull was at the end of a pause, 0-10 (`urge` is the pull at its start)."""
    rung: str | None = None
    """The id of the rung of your ladder this small step tried (see `core/ladder.py`), if any."""

    @property
    def stayed_close(self) -> bool:
        """True when something was done to stay close, or the pull came and was not acted on."""
        return entry_line.stayed_close(self.stayed, self.acted)

    @property
    def withdrawal(self) -> bool:
        """True when at least one behaviour was a way of pulling away."""
        return WITHDRAWAL in categories_of(self.behaviours)

    @property
    def sabotage(self) -> bool:
        """True when at least one behaviour was a way of pushing away."""
        return SABOTAGE in categories_of(self.behaviours)

    def is_empty(self) -> bool:
        """Nothing filled in."""
        return replace(self, who=self.who.strip(), small_step=self.small_step.strip()) == _EMPTY

    def validated(self) -> CheckIn:
        """A cleaned copy (slugs de-duplicated, text on one line) or InvalidEntry saying what is wrong."""
        try:
            kinds = check_slugs("kind of closeness", self.kinds, KINDS)
            behaviours = check_slugs("behaviour", self.behaviours, BEHAVIOURS)
            fears = check_slugs("fear", self.fears, FEARS)
            stayed = check_slugs("way of staying close", self.stayed, STAYED)
            if self.relationship is not None:
                check_slugs("relationship", [self.relationship], RELATIONSHIPS)
            if self.acted is not None:
                check_slugs("answer to 'acted on it'", [self.acted], ACTED)
        except UnknownSlug as error:
            raise InvalidEntry(str(error)) from None
        for name in (*SCALES, *PAUSE_SCALES):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not SCALE_MIN <= value <= SCALE_MAX):
                raise InvalidEntry(f"{name} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, not {value}")
        return replace(
            self,
            kinds=kinds,
            behaviours=behaviours,
            fears=fears,
            stayed=stayed,
            who=one_line(self.who),
            small_step=one_line(self.small_step),
            rung=one_line(self.rung or "") or None,
        )

    def to_json(self) -> dict[str, Any]:
        """The check-in's fields in a JSON-friendly form (lists for tuples)."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in ((name, getattr(self, name)) for name in FIELDS)
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckIn:
        """The check-in held in `data` (other keys, such as an entry's, are ignored; missing ones are empty)."""
        values = {name: data[name] for name in FIELDS if name in data}
        for name in LISTS:
            if name in values:
                values[name] = tuple(values[name] or ())
        for name in TEXTS:
            if name in values:
                values[name] = values[name] or ""
        if "close_before" in values:
            values["close_before"] = bool(values["close_before"])
        return cls(**values)


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(CheckIn))
"""The check-in's field names, in their order."""
LISTS = ("kinds", "behaviours", "fears", "stayed")
TEXTS = ("who", "small_step")
SCALES = ("intensity", "urge", "predicted", "outcome")
"""The 0-10 scales the check-in form shows."""
PAUSE_SCALES = ("urge_after",)
"""The 0-10 scales only a pause fills in."""
_EMPTY = CheckIn()


@dataclass(frozen=True)
class CheckInFields:
    """What the check-in form edits: the check-in, and the entry's tags and private mark beside it.

    Its JSON form is flat (the check-in's fields, `tags`, `private`), as drafts have always kept it.
    """

    checkin: CheckIn = _EMPTY
    tags: tuple[str, ...] = ()
    private: bool = False

    def is_empty(self) -> bool:
        return self.checkin.is_empty() and not self.tags and not self.private

    def to_json(self) -> dict[str, Any]:
        return {**self.checkin.to_json(), "tags": list(self.tags), "private": self.private}

    @classmethod
    def forgiving(cls, data: Any) -> CheckInFields:
        """What a saved draft holds, or nothing when it is damaged: a draft never stops a window."""
        if not isinstance(data, dict):
            return cls()
        try:
            return cls.from_json(data)
        except (TypeError, ValueError):
            return cls()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckInFields:
        tags = data.get("tags") or ()
        return cls(
            checkin=CheckIn.from_json(data),
            tags=tuple(str(tag) for tag in tags) if isinstance(tags, (list, tuple)) else (),
            private=bool(data.get("private")),
        )
