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

Reading checks every field and names the one at fault (`entries[3].local_date: ...`): ids are
UUIDs, days and times are real and (given `Limits`) not in the future, drafts hold what the
window reads back, and the settings this version reads have the type it expects (others are
kept as they are: this version never reads them). A file with any problem is refused whole.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from closeness_journal.core import collector
from closeness_journal.core.archive_version import FORMAT, FORMAT_VERSION, revision_json
from closeness_journal.core.dates import FIRST_DAY, BadDate, check_day
from closeness_journal.core.entries import Entry, InvalidEntry, Revision
from closeness_journal.core.exercises import Round, read_round
from closeness_journal.core.ladder import Rung
from closeness_journal.core.review import BadWeek, SavedReview, parse_week

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
class Limits:
    """What "not in the future" means while reading: the reader's day and time. A day one after
    `today` is allowed (a journal kept east of here may already be on tomorrow)."""

    today: date
    now: datetime

    def check_day(self, day: date, where: str) -> None:
        if day > self.today + timedelta(days=1):
            raise BackupFormatError(f"{where}: {day} is in the future")

    def check_time(self, moment: datetime, where: str) -> None:
        if moment > self.now + timedelta(days=1):
            raise BackupFormatError(f"{where}: {moment.isoformat()} is in the future")


SETTINGS: dict[str, tuple[type, str]] = {
    "shuffle": (int, "a whole number, 0 or more"),
    "review-offered": (bool, "true or false"),
    "theme": (str, "text"),
    "deeper-themes": (list, "a list of themes"),
    "mention-review": (bool, "true or false"),
    "welcome-shown": (bool, "true or false"),
    "session_note": (str, "text"),
}
"""The settings this version reads (key prefix before ":" -> the type of value and its words).
A setting added to the journal belongs here, so an import can't plant a value of another type."""

DRAFT_KINDS = ("today", "edit", "review", "pause")
"""The kinds of draft (the key's prefix, see `store/drafts.py`)."""


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
            "revisions": [revision_json(r) for r in self.revisions],
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


Tell = Callable[[str, int, int | None], None]
"""How far reading has got: `tell(what, done, total)` (the command line's progress line)."""
EVERY = 500


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


def _time(item: Any, key: str, where: str, limits: Limits | None = None) -> str:
    value = _text(item, key, where)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BackupFormatError(f"{where}.{key}: {value!r} is not a date and time") from None
    if parsed.tzinfo is None:
        raise BackupFormatError(f"{where}.{key}: {value!r} has no time zone")
    if parsed.date() < FIRST_DAY:
        raise BackupFormatError(f"{where}.{key}: {value!r} is before {FIRST_DAY.year}")
    if limits is not None:
        limits.check_time(parsed, f"{where}.{key}")
    return value


def _day(value: Any, where: str, limits: Limits | None) -> date:
    if not isinstance(value, str):
        raise BackupFormatError(f"{where}: expected a day (YYYY-MM-DD)")
    try:
        day = check_day(date.fromisoformat(value))
    except ValueError:
        raise BackupFormatError(f"{where}: {value!r} is not a day (YYYY-MM-DD)") from None
    except BadDate as error:
        raise BackupFormatError(f"{where}: {error}") from None
    if limits is not None:
        limits.check_day(day, where)
    return day


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""What `str(uuid.UUID(value)) == value` accepts: 32 lower-case hex digits in 8-4-4-4-12."""


def _uuid(value: Any, where: str) -> str:
    """An id as the journal writes them: a UUID in its usual lower-case form."""
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value
    raise BackupFormatError(f"{where}: {value!r} is not an id (a UUID like 3f2b8c1e-…)")


def _week(value: str, where: str, limits: Limits | None) -> date:
    try:
        monday = parse_week(value)
    except BadWeek as error:
        raise BackupFormatError(f"{where}: {error}") from None
    if limits is not None:
        limits.check_day(monday, where)
    return monday


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BackupFormatError(f"{where}: expected an object")
    return value


def _texts_by_text(value: Any, where: str) -> None:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise BackupFormatError(f"{where}: expected an object of text")


def read_entry(item: Any, where: str, version: int = FORMAT_VERSION, limits: Limits | None = None) -> Entry:
    if not isinstance(item, dict):
        raise BackupFormatError(f"{where}: expected an object")
    known = ENTRY_FIELDS[version]
    if not item.keys() <= known:  # then name the first one that isn't a field
        for key in item:
            if key not in known:
                raise BackupFormatError(
                    f"{where}.{key}: not a field of an entry in a version-{version} archive"
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
    _uuid(item["id"], f"{where}.id")
    _day(item["local_date"], f"{where}.local_date", limits)
    for key in ("created_at", "updated_at"):
        _time(item, key, where, limits)
    if item.get("deleted_at") is not None:
        _time(item, "deleted_at", where, limits)
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


def read_review(item: Any, where: str, limits: Limits | None = None) -> SavedReview:
    week = _text(item, "week", where)
    _week(week, f"{where}.week", limits)
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
    for key in ("created_at", "updated_at"):
        if item.get(key) is not None:
            _time(item, key, where, limits)
    return SavedReview(
        week=week, answers=parsed, questions=questions, next_step=next_step,
        created_at=item.get("created_at"), updated_at=item.get("updated_at"), next_rung=next_rung,
    )


def read_rung(item: Any, where: str, limits: Limits | None = None) -> Rung:
    for key in ("id", "text"):
        _text(item, key, where)
    for key in ("created_at", "updated_at"):
        _time(item, key, where, limits)
    if item.get("retired_at") is not None:
        _time(item, "retired_at", where, limits)
    if not isinstance(item.get("who", ""), str):
        raise BackupFormatError(f"{where}.who: expected text")
    hard = item.get("hard")
    if not isinstance(hard, int) or isinstance(hard, bool):
        raise BackupFormatError(f"{where}.hard: expected a whole number")
    try:
        return Rung.from_json(item).validated()
    except (InvalidEntry, ValueError) as error:
        raise BackupFormatError(f"{where}: {error}") from None


def read_draft(item: Any, where: str, limits: Limits | None = None) -> Draft:
    """A draft whose data is what the window reads back for its kind (`DRAFT_KINDS`)."""
    key, saved_at = _text(item, "key", where), _time(item, "saved_at", where, limits)
    kind, _, rest = key.partition(":")
    data = item.get("data")
    if kind not in DRAFT_KINDS or (kind != "today" and not rest):  # a pause's draft: any object
        raise BackupFormatError(f"{where}.key: {key!r} is not a kind of draft this version keeps")
    spot = f"{where}.data"
    _object(data, spot)
    if kind == "today":
        if "day" in data:
            _day(data["day"], f"{spot}.day", limits)
        if "answers" in data:
            _texts_by_text(data["answers"], f"{spot}.answers")
        for name, kinds, words in (("current", str, "text"), ("host", str, "text"), ("pid", int, "a whole number")):
            value = data.get(name)
            if value is not None and (not isinstance(value, kinds) or isinstance(value, bool)):
                raise BackupFormatError(f"{spot}.{name}: expected {words} or null")
    elif kind == "edit":
        _uuid(rest.split(":")[0], f"{where}.key (the entry's id)")
        if "body" in data and not isinstance(data["body"], str):
            raise BackupFormatError(f"{spot}.body: expected text")
    elif kind == "review":
        _week(rest, f"{where}.key (the week)", limits)
        if "answers" in data:
            _texts_by_text(data["answers"], f"{spot}.answers")
    if data.get("checkin") is not None:
        _object(data["checkin"], f"{spot}.checkin")
    return Draft(key, saved_at, data)


def read_settings(settings: Any) -> dict[str, Any]:
    """The settings, each one this version reads checked for its type (`SETTINGS`)."""
    if not isinstance(settings, dict):
        raise BackupFormatError("settings: expected an object")
    for key, value in settings.items():
        known = SETTINGS.get(key.partition(":")[0])
        if known is None:
            continue
        kind, words = known
        if type(value) is not kind or (kind is int and value < 0):
            raise BackupFormatError(f"settings[{key!r}]: expected {words}, not {value!r}")
    return dict(settings)


def collector_paused() -> contextlib.AbstractContextManager[None]:
    """The cycle collector paused while a whole archive is read or written, what was made meanwhile
    counted as long-lived (core/collector.py)."""
    return collector.paused(long_lived=True)


def read_backup(data: Any, limits: Limits | None = None, progress: Tell | None = None) -> Backup:
    """Check and read a backup document (parsed JSON). With `limits`, nothing may be in the future.
    `progress` is told every `EVERY` entries checked."""
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
    items = _list(data, "entries")
    for n, item in enumerate(items):
        backup.entries.append(read_entry(item, f"entries[{n}]", version, limits))
        if progress is not None and (n + 1) % EVERY == 0:
            progress("Checking entries", n + 1, len(items))
    return read_rest(data, backup, version, limits)


def read_rest(data: dict[str, Any], backup: Backup, version: int, limits: Limits | None = None) -> Backup:
    """`backup` (its entries read) with everything else in the document `data` checked and read."""
    for n, item in enumerate(_list(data, "revisions")):
        where = f"revisions[{n}]"
        entry_id = _text(item, "entry_id", where)
        revised_at = datetime.fromisoformat(_time(item, "revised_at", where, limits))
        _uuid(entry_id, f"{where}.entry_id")
        backup.revisions.append(
            Revision(entry_id, revised_at, read_entry(item.get("entry"), f"{where}.entry", version, limits))
        )
    backup.reviews = [read_review(item, f"reviews[{n}]", limits) for n, item in enumerate(_list(data, "reviews"))]
    for n, item in enumerate(_list(data, "review_revisions")):
        where = f"review_revisions[{n}]"
        week = _text(item, "week", where)
        _week(week, f"{where}.week", limits)
        revised_at = _time(item, "revised_at", where, limits)
        backup.review_revisions.append(
            ReviewRevision(week, revised_at, read_review(item.get("review"), f"{where}.review", limits))
        )
    backup.settings = read_settings(data.get("settings", {}))
    backup.drafts = [read_draft(item, f"drafts[{n}]", limits) for n, item in enumerate(_list(data, "drafts"))]
    try:
        backup.exercises = [read_round(item, f"exercises[{n}]") for n, item in enumerate(_list(data, "exercises"))]
    except ValueError as error:
        raise BackupFormatError(str(error)) from None
    backup.rungs = [read_rung(item, f"rungs[{n}]", limits) for n, item in enumerate(_list(data, "rungs"))]
    return backup
