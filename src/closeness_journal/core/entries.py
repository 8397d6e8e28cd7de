"""A journal entry with its check-in, the rules that keep it valid, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from closeness_journal.core import entry_line
from closeness_journal.core.checkin import CheckIn, CheckInFields
from closeness_journal.core.checkin_words import checkin_words
from closeness_journal.core.entry_filter import EntryFilter, InvalidEntry
from closeness_journal.core.text import one_line, printable, sitting_words
from closeness_journal.core.vocabulary import (
    ENTRY_KINDS,
    PAUSE,
    SITTING,
    UnknownSlug,
)
from closeness_journal.core.wording import plural

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Answer", "CheckIn", "CheckInFields", "Entry", "EntryFilter", "InvalidEntry", "Revision", "SearchHit"]


@dataclass(frozen=True)
class Answer:
    """What was written under one prompt, with the prompt as it was shown then."""

    prompt_id: str
    prompt_text: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"prompt_id": self.prompt_id, "prompt_text": self.prompt_text, "text": self.text}


@dataclass(frozen=True)
class Entry:
    """One sitting about one moment or day: answers to any of the day's prompts, free writing
    (`body`), and one check-in. A pause (`kind` "pause") is an entry too: its answers are what just
    happened, what you feared and what you could do instead, and its check-in has the pull before
    and after.

    `id`, `created_at` and `updated_at` are set by the store; a new entry leaves them empty.
    """

    local_date: date
    body: str = ""
    """The free writing."""
    answers: tuple[Answer, ...] = ()
    checkin: CheckIn = CheckIn()
    private: bool = False
    tags: tuple[str, ...] = ()
    kind: str = SITTING
    """A sitting or a pause (see `vocabulary.ENTRY_KINDS`)."""
    flagged: bool = False
    """Marked to bring up at the next session: a mark, not an edit (no earlier version is kept)."""
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
    def stayed_close(self) -> bool:
        """True when something was done to stay close, or the pull came and was not acted on."""
        return self.checkin.stayed_close

    @property
    def first_line(self) -> str:
        """The first non-empty line written (the answers first, then the free writing), for lists."""
        return entry_line.first_line((*(answer.text for answer in self.answers), self.body))

    @property
    def words(self) -> str:
        """Everything written in the sitting, answers first, as one text."""
        return sitting_words([answer.text for answer in self.answers], self.body)

    @property
    def fields(self) -> CheckInFields:
        """What the check-in form shows for this entry."""
        return CheckInFields(self.checkin, self.tags, self.private)

    @property
    def is_pause(self) -> bool:
        return self.kind == PAUSE

    def with_fields(self, fields: CheckInFields) -> Entry:
        """A copy holding what the check-in form says. The form doesn't show the pull at the end
        of a pause, so a pause keeps it unless `fields` gives one."""
        checkin = fields.checkin
        if checkin.urge_after is None and self.checkin.urge_after is not None:
            checkin = replace(checkin, urge_after=self.checkin.urge_after)
        return replace(self, checkin=checkin, tags=fields.tags, private=fields.private)

    @property
    def headline(self) -> str:
        """What to show for the entry in one line: its first line, else its small step ("" if neither)."""
        return entry_line.headline(self.first_line, self.checkin.small_step)

    def is_empty(self) -> bool:
        """Nothing written and nothing checked in: there is nothing to keep."""
        return (
            not (self.body.strip() or self.tags or any(a.text.strip() for a in self.answers))
            and self.checkin.is_empty()
        )

    def validated(self, allow_empty: bool = False) -> Entry:
        """Return a cleaned copy (slugs de-duplicated, text trimmed) or raise InvalidEntry."""
        # Control characters (terminal escapes) are never stored: text is kept as typed otherwise.
        # A comma separates tags everywhere (the form's tag field too), so "a,b" is two tags.
        tags: tuple[str, ...] = ()
        if self.tags:
            split = (part for tag in self.tags for part in tag.split(","))
            tags = tuple(dict.fromkeys(t for t in (one_line(t).lstrip("#@").strip() for t in split) if t))
        if self.kind not in ENTRY_KINDS:
            raise InvalidEntry(str(UnknownSlug("kind of entry", self.kind, ENTRY_KINDS)))
        answers = tuple(_answer_cleaned(a) for a in self.answers)
        cleaned = _copied(
            self,
            checkin=self.checkin.validated(),
            body=printable(self.body).rstrip(),
            answers=tuple(a for a in answers if a is not None) if None in answers else answers,
            tags=tags,
        )
        if not allow_empty and cleaned.is_empty():
            raise InvalidEntry("there is nothing to save yet: write something or fill in the check-in")
        return cleaned

    def to_json(self) -> dict[str, Any]:
        """Every stored field, in a stable JSON-friendly form (documented in the README): the
        check-in's fields sit beside the entry's own."""
        return {
            "id": self.id,
            "local_date": self.local_date.isoformat(),
            "kind": self.kind,
            "answers": [answer.to_json() for answer in self.answers],
            "body": self.body,
            **self.checkin.to_json(),
            "private": self.private,
            "tags": list(self.tags),
            "flagged": self.flagged,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
            "withdrawal": self.withdrawal,
            "sabotage": self.sabotage,
            "stayed_close": self.stayed_close,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        """The inverse of `to_json` (derived fields are ignored). An entry in the first form
        (before sittings: `prompt_id`, `prompt_text` and the answer as `body`) comes back with
        that answer as its one answer."""
        values = {k: v for k, v in data.items() if k in _FIELD_NAMES}
        if "answers" in data:
            values["answers"] = tuple(
                Answer(a["prompt_id"], a.get("prompt_text") or "", a.get("text") or "") for a in data["answers"]
            )
        elif data.get("prompt_id"):
            values["answers"] = (Answer(data["prompt_id"], data.get("prompt_text") or "", data.get("body") or ""),)
            values["body"] = ""
        values["local_date"] = date.fromisoformat(values["local_date"])
        if values.get("kind") is None:  # written before entries had a kind: a sitting
            values.pop("kind", None)
        for key in ("created_at", "updated_at", "deleted_at"):
            if values.get(key):
                values[key] = datetime.fromisoformat(values[key])
        values["tags"] = tuple(values.get("tags") or ())
        return cls(checkin=CheckIn.from_json(data), **values)


_FIELD_NAMES = frozenset(Entry.__dataclass_fields__) - {"checkin", "answers"}


def _answer_cleaned(answer: Answer) -> Answer | None:
    """An answer as `Entry.validated` keeps it (None: nothing written), the same object when
    nothing changes."""
    text = printable(answer.text).rstrip()
    if not text.strip():
        return None
    prompt_id, prompt_text = one_line(answer.prompt_id), printable(answer.prompt_text)
    if text == answer.text and prompt_id == answer.prompt_id and prompt_text == answer.prompt_text:
        return answer
    return Answer(prompt_id, prompt_text, text)


def _copied(entry: Entry, **changes: Any) -> Entry:
    """`dataclasses.replace(entry, **changes)` without running `__init__` again (it only sets the
    fields: no `__post_init__`; an import copies every entry this way). A test checks the two agree."""
    copy = object.__new__(Entry)
    values = copy.__dict__
    values.update(entry.__dict__)
    values.update(changes)
    return copy


@dataclass(frozen=True)
class Revision:
    """A previous version of an entry, kept when it was edited."""

    entry_id: str
    revised_at: datetime
    entry: Entry


@dataclass(frozen=True)
class SearchHit:
    """An entry found by a search, with the matching words marked in `snippet`.

    The snippet is a list of (text, matched) pieces so any display can style the matches
    without ever parsing the entry's text as markup.
    """

    entry: Entry
    snippet: tuple[tuple[str, bool], ...] = field(default=())


def entry_notes(entry: Entry, revision_count: int = 0) -> list[str]:
    """Short notes about an entry's history: edited (and how many versions are kept), in the trash."""
    notes = []
    if entry.flagged:
        notes.append("flagged to bring up at your next session")
    if revision_count:
        notes.append(f"edited; {plural(revision_count, 'earlier version', 'earlier versions')} kept")
    if entry.deleted_at:
        notes.append("in the trash")
    return notes


def checkin_summary(entry: Entry) -> list[tuple[str, str]]:
    """The check-in (and the entry's tags and private mark) as (label, value) pairs in readable
    words, leaving out what wasn't filled in."""
    c = entry.checkin
    return checkin_words(
        entry.kind, c.who, c.relationship, c.kinds, c.close_before, c.behaviours, c.stayed, c.fears, c.intensity,
        c.urge, c.urge_after, c.acted, c.small_step, c.rung, c.predicted, c.outcome, entry.tags, entry.private,
    )
