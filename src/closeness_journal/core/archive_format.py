"""The journal's own JSON format: everything it holds, for backups and moving between machines.

    {
      "format": "closeness-journal",
      "format_version": 2,
      "exported_at": "2026-11-22T18:00:00+00:00",
      "entries": [<entry as in `list --json`, trash included (deleted_at set)>],
      "revisions": [{"entry_id", "revised_at", "entry": <entry>}],
      "reviews": [<review as in `review --json`'s "saved">],
      "review_revisions": [{"week", "revised_at", "review": <review>}],
      "settings": {"<key>": <value>},
      "drafts": [{"key", "saved_at", "data"}],
      "exercises": [<exercise round: {"id", "exercise", "title", "local_date", "people", "turns"...}>]
      "rungs": [{"id", "text", "hard", "who", "created_at", "updated_at", "retired_at"}]
    }

The attempts at a rung are the entries whose `rung` is its id.

Reading checks every field and names the one at fault (`entries[3].local_date: ...`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from closeness_journal.core.entries import Entry, InvalidEntry, Revision
from closeness_journal.core.exercises import Round, read_round
from closeness_journal.core.ladder import Rung
from closeness_journal.core.review import SavedReview

FORMAT = "closeness-journal"
FORMAT_VERSION = 2
"""1: an entry answered at most one prompt (`prompt_id`, `prompt_text`, the answer as `body`).
2: an entry is a sitting (`answers`, `body` the free writing) and its check-in also has
`stayed`, `urge` and `acted`; later also `kind` ("sitting" or "pause"; missing means a sitting),
`urge_after` (the pull at the end of a pause) and `rung` (with the `rungs` list beside the
entries); an entry may be `flagged` to bring up. Every version still imports."""

_ENTRY_FIELDS_1 = frozenset({
    "id", "local_date", "body", "prompt_id", "prompt_text", "who", "relationship", "kinds", "behaviours",
    "fears", "intensity", "close_before", "small_step", "predicted", "outcome", "private", "tags",
    "created_at", "updated_at", "deleted_at", "withdrawal", "sabotage",
})
_ENTRY_FIELDS_2 = (_ENTRY_FIELDS_1 - {"prompt_id", "prompt_text"}) | {
    "answers", "stayed", "urge", "acted", "stayed_close", "kind", "urge_after", "rung", "flagged",
}
ENTRY_FIELDS = {1: _ENTRY_FIELDS_1, 2: _ENTRY_FIELDS_2}
"""The fields an entry may have in each version of the archive (derived ones included)."""


class BackupFormatError(ValueError):
    """A file that is not a journal backup this version can read; names the field at fault."""


@dataclass(frozen=True)
class ReviewRevision:
    week: str
    revised_at: str
    review: SavedReview


@dataclass(frozen=True)
class Draft:
    key: str
    saved_at: str
    data: Any


@dataclass
class Backup:
    """Everything in a journal, in plain objects."""

    entries: list[Entry] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    reviews: list[SavedReview] = field(default_factory=list)
    review_revisions: list[ReviewRevision] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)
    exercises: list[Round] = field(default_factory=list)
    rungs: list[Rung] = field(default_factory=list)

    def to_json(self, exported_at: str) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": exported_at,
            "entries": [e.to_json() for e in self.entries],
            "revisions": [
                {"entry_id": r.entry_id, "revised_at": r.revised_at.isoformat(), "entry": r.entry.to_json()}
                for r in self.revisions
            ],
            "reviews": [r.to_json() for r in self.reviews],
            "review_revisions": [
                {"week": r.week, "revised_at": r.revised_at, "review": r.review.to_json()}
                for r in self.review_revisions
            ],
            "settings": dict(sorted(self.settings.items())),
            "drafts": [{"key": d.key, "saved_at": d.saved_at, "data": d.data} for d in self.drafts],
            "exercises": [r.to_json() for r in self.exercises],
            "rungs": [r.to_json() for r in self.rungs],
        }


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise BackupFormatError(f"{key}: expected a list")
    return value


def _text(item: Any, key: str, where: str) -> str:
    if not isinstance(item, dict):
        raise BackupFormatError(f"{where}: expected an object")
    value = item.get(key)
    if not isinstance(value, str):
        raise BackupFormatError(f"{where}.{key}: missing or not text")
    return value


def _time(item: Any, key: str, where: str) -> str:
    value = _text(item, key, where)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BackupFormatError(f"{where}.{key}: {value!r} is not a date and time") from None
    if parsed.tzinfo is None:
        raise BackupFormatError(f"{where}.{key}: {value!r} has no time zone")
    return value


def read_entry(item: Any, where: str, version: int = FORMAT_VERSION) -> Entry:
    if not isinstance(item, dict):
        raise BackupFormatError(f"{where}: expected an object")
    for key in item:
        if key not in ENTRY_FIELDS[version]:
            raise BackupFormatError(
                f"{where}.{key}: not a field of an entry in a version-{version} archive, so nothing was imported"
            )
    answers = item.get("answers", [])
    if not isinstance(answers, list):
        raise BackupFormatError(f"{where}.answers: expected a list")
    for n, answer in enumerate(answers):
        for key in ("prompt_id", "prompt_text", "text"):
            _text(answer, key, f"{where}.answers[{n}]")
    for key in ("prompt_id", "prompt_text", "acted", "kind", "rung"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise BackupFormatError(f"{where}.{key}: expected text or null")
    for key in ("id", "local_date", "created_at", "updated_at"):
        _text(item, key, where)
    for key in ("created_at", "updated_at"):
        _time(item, key, where)
    if item.get("deleted_at") is not None:
        _time(item, "deleted_at", where)
    for key, kind in (
        ("body", str), ("who", str), ("small_step", str), ("close_before", bool), ("private", bool), ("flagged", bool),
    ):
        if key in item and not isinstance(item[key], kind):
            raise BackupFormatError(f"{where}.{key}: expected {'text' if kind is str else 'true or false'}")
    for key in ("kinds", "behaviours", "fears", "stayed", "tags"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BackupFormatError(f"{where}.{key}: expected a list of text")
    for key in ("intensity", "urge", "predicted", "outcome", "urge_after"):
        value = item.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise BackupFormatError(f"{where}.{key}: expected a whole number or null")
    try:
        entry = Entry.from_json(item)
        return entry.validated(allow_empty=True)
    except InvalidEntry as error:
        raise BackupFormatError(f"{where}: {error}") from None
    except (ValueError, TypeError) as error:
        raise BackupFormatError(f"{where}: {error}") from None


def read_review(item: Any, where: str) -> SavedReview:
    week = _text(item, "week", where)
    answers = item.get("answers", [])
    if not isinstance(answers, list):
        raise BackupFormatError(f"{where}.answers: expected a list")
    parsed: dict[str, str] = {}
    questions: dict[str, str] = {}
    for n, answer in enumerate(answers):
        spot = f"{where}.answers[{n}]"
        prompt_id = _text(answer, "prompt_id", spot)
        parsed[prompt_id] = _text(answer, "answer", spot)
        questions[prompt_id] = answer.get("question", "") if isinstance(answer.get("question", ""), str) else ""
    next_step = item.get("next_step", "")
    if not isinstance(next_step, str):
        raise BackupFormatError(f"{where}.next_step: expected text")
    next_rung = item.get("next_rung")
    if next_rung is not None and not isinstance(next_rung, str):
        raise BackupFormatError(f"{where}.next_rung: expected text or null")
    return SavedReview(
        week=week, answers=parsed, questions=questions, next_step=next_step,
        created_at=item.get("created_at"), updated_at=item.get("updated_at"), next_rung=next_rung,
    )


def read_rung(item: Any, where: str) -> Rung:
    for key in ("id", "text"):
        _text(item, key, where)
    for key in ("created_at", "updated_at"):
        _time(item, key, where)
    if item.get("retired_at") is not None:
        _time(item, "retired_at", where)
    if not isinstance(item.get("who", ""), str):
        raise BackupFormatError(f"{where}.who: expected text")
    hard = item.get("hard")
    if not isinstance(hard, int) or isinstance(hard, bool):
        raise BackupFormatError(f"{where}.hard: expected a whole number")
    try:
        return Rung.from_json(item).validated()
    except (InvalidEntry, ValueError) as error:
        raise BackupFormatError(f"{where}: {error}") from None


def read_backup(data: Any) -> Backup:
    """Check and read a backup document (parsed JSON)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupFormatError('not a closeness-journal backup (no "format": "closeness-journal")')
    version = data.get("format_version")
    if not isinstance(version, int):
        raise BackupFormatError("format_version: missing")
    if version > FORMAT_VERSION:
        raise BackupFormatError(
            f"format_version {version} is newer than this closeness-journal reads ({FORMAT_VERSION}); please update"
        )
    backup = Backup()
    if version < 1:
        raise BackupFormatError(f"format_version: {version} is not a version this closeness-journal wrote")
    backup.entries = [read_entry(item, f"entries[{n}]", version) for n, item in enumerate(_list(data, "entries"))]
    for n, item in enumerate(_list(data, "revisions")):
        where = f"revisions[{n}]"
        backup.revisions.append(
            Revision(
                _text(item, "entry_id", where),
                datetime.fromisoformat(_time(item, "revised_at", where)),
                read_entry(item.get("entry"), f"{where}.entry", version),
            )
        )
    backup.reviews = [read_review(item, f"reviews[{n}]") for n, item in enumerate(_list(data, "reviews"))]
    for n, item in enumerate(_list(data, "review_revisions")):
        where = f"review_revisions[{n}]"
        backup.review_revisions.append(
            ReviewRevision(_text(item, "week", where), _time(item, "revised_at", where), read_review(item.get("review"), f"{where}.review"))
        )
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise BackupFormatError("settings: expected an object")
    backup.settings = dict(settings)
    for n, item in enumerate(_list(data, "drafts")):
        where = f"drafts[{n}]"
        backup.drafts.append(Draft(_text(item, "key", where), _time(item, "saved_at", where), item.get("data")))
    try:
        backup.exercises = [read_round(item, f"exercises[{n}]") for n, item in enumerate(_list(data, "exercises"))]
    except ValueError as error:
        raise BackupFormatError(str(error)) from None
    backup.rungs = [read_rung(item, f"rungs[{n}]") for n, item in enumerate(_list(data, "rungs"))]
    return backup
