"""Editing an entry, apart from the screen: what an edit's draft holds, which drafts a window takes
over, how they come back, and whether the entry changed elsewhere meanwhile.

Each window keeps its unsaved edit of an entry as its own draft (the store names it by the window),
so two windows editing one entry never see or lose each other's words. A window that opens an
entry takes over its own draft and the drafts that closed windows left for that entry, never one a
window still open holds (`core.today.held_elsewhere` says which). Nothing here touches the journal,
the terminal or other processes: the screen passes in what it found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from closeness_journal.core.checkin import CheckInFields
from closeness_journal.core.entries import ENTRY_KINDS, Answer, Entry
from closeness_journal.core.text import printable
from closeness_journal.core.today import Window, held_elsewhere


def edit_draft(entry: Entry, texts: list[str], current: int, fields: CheckInFields) -> dict[str, Any]:
    """An edit's unsaved work as JSON: the text under each answer's prompt, the free writing, the
    place shown, the check-in, and the version of the entry it was begun on. It holds the entry's
    day and each prompt as shown too, so it can become an entry of its own if the entry is deleted
    for good while it is being edited (`entry_from_draft`)."""
    return {
        "answers": [
            {"prompt_id": a.prompt_id, "prompt_text": a.prompt_text, "text": text}
            for a, text in zip(entry.answers, texts, strict=False)
        ],
        "body": texts[-1],
        "current": current,
        "checkin": fields.to_json(),
        "based_on": entry.updated_at.isoformat() if entry.updated_at else None,
        "day": entry.local_date.isoformat(),
        "kind": entry.kind,
    }


def based_on(draft: dict[str, Any]) -> datetime | None:
    """The version (its `updated_at`) of the entry an edit draft was begun on; None when the draft
    doesn't say (drafts of the first versions) or says it wrongly."""
    stamp = draft.get("based_on")
    try:
        version = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
    except ValueError:
        return None
    return version if version is not None and version.tzinfo is not None else None  # the store's are UTC


def _join(first: str, then: str) -> str:
    return (first + "\n\n" + then).strip()


def merge_texts(first: str, then: str, saved: str = "") -> str:
    """Two windows' texts for one place, neither lost: when one is still the `saved` text, the
    other; when one holds the other (words added to the same text), the longer; else both, a blank
    line between."""
    if then == saved or then in first:
        return first
    if first == saved or first in then:
        return then
    return _join(first, then)


def restore_texts(entry: Entry, draft: dict[str, Any]) -> tuple[list[str], int]:
    """The texts (one per answer, then the free writing) and the place an edit draft holds, for
    `entry`. Nothing typed is lost: an answer whose prompt the entry no longer has joins the free
    writing. A draft from before sittings (`{"body", "checkin"}`) was the entry's one text: it
    comes back as the entry's one answer when the entry is a single answer, else as free writing."""
    texts = [printable(a.text) for a in entry.answers] + [printable(entry.body)]
    body = draft.get("body")
    answers = draft.get("answers")
    if not isinstance(answers, list):  # the first form
        if isinstance(body, str):
            one_answer = len(entry.answers) == 1 and not entry.body.strip()
            texts[0 if one_answer else -1] = printable(body)
        return texts, 0
    free = printable(body) if isinstance(body, str) else texts[-1]
    taken: set[int] = set()
    for position, saved in enumerate(answers):
        if not isinstance(saved, dict) or not isinstance(saved.get("text"), str):
            continue
        prompt_id, text = saved.get("prompt_id"), printable(saved["text"])
        fits = [i for i, a in enumerate(entry.answers) if a.prompt_id == prompt_id and i not in taken]
        place = position if position in fits else (fits[0] if fits else None)
        if place is None:
            free = _join(free, text)
        else:
            taken.add(place)
            texts[place] = text
    texts[-1] = free
    current = draft.get("current")
    return texts, current if type(current) is int and 0 <= current < len(texts) else 0


def drafts_to_take(
    drafts: Iterable[tuple[str, Window | None, dict[str, Any]]], here: Window, alive: Callable[[int], bool]
) -> list[tuple[str, dict[str, Any]]]:
    """The (key, data) of an entry's edit drafts that this window takes over, in the order given
    (oldest first): its own and those closed windows left; never one a window still open holds.
    Damaged drafts (not an object) are left alone."""
    return [
        (key, data) for key, owner, data in drafts
        if isinstance(data, dict) and not held_elsewhere(owner, here, alive)
    ]


@dataclass(frozen=True)
class Restored:
    """What drafts bring back to an edit: the texts, the place shown, the check-in (None: the
    entry's own) and the version of the entry the oldest of them was begun on."""

    texts: list[str]
    current: int
    checkin: Any
    based_on: datetime | None


def restore(entry: Entry, drafts: Sequence[dict[str, Any]]) -> Restored | None:
    """Several drafts of one entry (oldest first) as one edit; None when there are none. Nothing
    typed is lost: each place keeps every window's text (`merge_texts`); the newest draft's place
    and check-in win."""
    if not drafts:
        return None
    saved = [printable(a.text) for a in entry.answers] + [printable(entry.body)]
    texts: list[str] | None = None
    current = 0
    for draft in drafts:
        found, current = restore_texts(entry, draft)
        texts = found if texts is None else [
            merge_texts(a, b, was) for a, b, was in zip(texts, found, saved, strict=True)
        ]
    assert texts is not None
    versions = [stamp for draft in drafts if (stamp := based_on(draft)) is not None]
    return Restored(texts, current, drafts[-1].get("checkin"), min(versions) if versions else None)


def changed_since(stored: Entry, began: datetime | None) -> bool:
    """True when the stored entry was edited after the version an edit began on (another window
    saved it meanwhile). Without a version to compare, it wasn't."""
    return began is not None and stored.updated_at is not None and stored.updated_at != began


def as_new_entry(edited: Entry) -> Entry:
    """An edit whose entry was deleted for good, as a new entry to add (the store gives it an id)."""
    return replace(edited, id=None, created_at=None, updated_at=None, deleted_at=None, flagged=False)


def entry_from_draft(draft: dict[str, Any], today: date) -> Entry:
    """A new entry holding what an edit draft holds, for an edit whose entry was deleted for good:
    its day (today when the draft doesn't say, or says a day to come), its kind, each answer under
    its prompt as shown, and the free writing (an answer whose prompt the draft doesn't give joins
    it), with the check-in. Nothing typed is lost."""
    try:
        day = min(date.fromisoformat(draft["day"]), today)
    except (KeyError, TypeError, ValueError):
        day = today
    body = printable(draft["body"]) if isinstance(draft.get("body"), str) else ""
    answers, loose = [], []
    saved = draft.get("answers")
    for answer in saved if isinstance(saved, list) else ():
        if not isinstance(answer, dict) or not isinstance(answer.get("text"), str):
            continue
        prompt_id, prompt_text = answer.get("prompt_id"), answer.get("prompt_text")
        if isinstance(prompt_id, str) and isinstance(prompt_text, str) and prompt_id and prompt_text.strip():
            answers.append(Answer(prompt_id, printable(prompt_text), printable(answer["text"])))
        elif answer["text"].strip():
            loose.append(printable(answer["text"]))
    for text in loose:
        body = _join(body, text)
    kind = draft.get("kind")
    entry = Entry(local_date=day, answers=tuple(answers), body=body,
                  **({"kind": kind} if isinstance(kind, str) and kind in ENTRY_KINDS else {}))
    return entry.with_fields(CheckInFields.forgiving(draft.get("checkin")))

