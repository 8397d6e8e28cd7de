"""A journal entry with its check-in, the rules that keep it valid, and its JSON form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from closeness_journal.core import entry_line
from closeness_journal.core.checkin import CheckIn, CheckInFields, InvalidEntry
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.vocabulary import (
    ACTED,
    BEHAVIOUR_CATEGORY,
    BEHAVIOURS,
    CATEGORY_LABELS,
    ENTRY_KINDS,
    FEARS,
    KINDS,
    PAUSE,
    RELATIONSHIPS,
    SABOTAGE,
    SITTING,
    STAYED,
    WITHDRAWAL,
    UnknownSlug,
    check_slugs,
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
        return "\n\n".join(text for text in (*(a.text for a in self.answers), self.body) if text.strip())

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
    tags: tuple[str, ...] = ()
    """Entries with every one of these tags (compared without regard to case)."""
    changed_since: datetime | None = None
    """Entries written, edited or flagged after this moment (the export's "since my last export")."""

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


_MEMO = 4096
"""How many lists of slugs each table below remembers (the same few recur across a journal)."""
_KINDS_WORDS: dict[tuple[str, ...], str] = {}
_STAYED_WORDS: dict[tuple[str, ...], str] = {}
_FEARS_WORDS: dict[tuple[str, ...], str] = {}
_BEHAVIOUR_ROWS: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
_PAUSE_ROW = ("Written as", ENTRY_KINDS[PAUSE])
_CLOSE_BEFORE_ROW = ("Just before", "a moment of closeness")
_PRIVATE_ROW = ("Left out of exports", "yes")


def _words(memo: dict[tuple[str, ...], str], labels: Mapping[str, str], slugs: tuple[str, ...]) -> str:
    """The words for some slugs, joined, remembered in `memo`."""
    words = "; ".join([labels[slug] for slug in slugs])
    if len(memo) < _MEMO:
        memo[slugs] = words
    return words


def _behaviour_rows(behaviours: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A row for each kind of behaviour (pulling away, pushing away) with the words for those chosen."""
    rows = []
    for category, label in CATEGORY_LABELS.items():
        if chosen := "; ".join([BEHAVIOURS[b] for b in behaviours if BEHAVIOUR_CATEGORY[b] == category]):
            rows.append((label, chosen))
    if len(_BEHAVIOUR_ROWS) < _MEMO:
        _BEHAVIOUR_ROWS[behaviours] = tuple(rows)
    return tuple(rows)


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


def checkin_words(
    kind: str, who: str, relationship: str | None, kinds: tuple[str, ...], close_before: bool,
    behaviours: tuple[str, ...], stayed: tuple[str, ...], fears: tuple[str, ...], intensity: int | None,
    urge: int | None, urge_after: int | None, acted: str | None, small_step: str, rung: str | None,
    predicted: int | None, outcome: int | None, tags: tuple[str, ...], private: bool,
) -> list[tuple[str, str]]:
    """`checkin_summary` from the values themselves (the exports read rows, not entries)."""
    # What was ticked is looked up by each list of slugs, remembered: an export asks for every entry.
    rows: list[tuple[str, str]] = []
    if kind == PAUSE:
        rows.append(_PAUSE_ROW)
    if who or relationship:
        if relationship:
            relation = RELATIONSHIPS[relationship]
            who = f"{who} ({relation})" if who else relation
        rows.append(("With", who))
    if kinds:
        rows.append(("Kinds of closeness", _KINDS_WORDS.get(kinds) or _words(_KINDS_WORDS, KINDS, kinds)))
    if close_before:
        rows.append(_CLOSE_BEFORE_ROW)
    if behaviours:
        rows.extend(_BEHAVIOUR_ROWS.get(behaviours) or _behaviour_rows(behaviours))
    if stayed:
        rows.append(("Stayed close", _STAYED_WORDS.get(stayed) or _words(_STAYED_WORDS, STAYED, stayed)))
    if fears:
        rows.append(("Feared", _FEARS_WORDS.get(fears) or _words(_FEARS_WORDS, FEARS, fears)))
    if intensity is not None:
        rows.append(("Fear intensity", f"{intensity} of 10"))
    if urge is not None:
        rows.append(("The pull to get away", f"{urge} of 10"))
    if urge_after is not None:
        rows.append(("The pull at the end of the pause", f"{urge_after} of 10"))
    if acted is not None:
        rows.append(("Acted on the pull", ACTED[acted]))
    if small_step:
        rows.append(("Small step, from your ladder" if rung else "Small step", small_step))
    if predicted is not None or outcome is not None:
        expected = "—" if predicted is None else f"{predicted}"
        really = "—" if outcome is None else f"{outcome}"
        rows.append(("Planned step: expected → how it really was", f"{expected} → {really} (of 10)"))
    if tags:
        rows.append(("Tags", ", ".join(tags)))
    if private:
        rows.append(_PRIVATE_ROW)
    return rows
