"""The JSON archive read fast: the same `Backup` as `archive_format.read_backup`, with the type of
every entry field checked in C by msgspec as the file is decoded.

`decode` reads a version-2 archive into typed structs (`Archive`, `_Entry`): anything that
doesn't fit them (a wrong type, a field an entry can't have, an older version, not JSON at all)
gives None, and the caller reads the file the usual way, whose messages name the field at fault.
`read` then checks what the types can't say (ids, days and times, the vocabulary, text as the
journal keeps it). An entry already in the form the journal keeps (what an export writes) is
kept as its checked struct, made an Entry only when asked for (`archive_entries.Entries`; the
store adds it straight from the struct); any other entry, to be cleaned or to be refused with
its message, goes through `archive_format.read_entry`, so the result is always what
`read_backup` gives (`tests/core/test_archive_fast.py` compares the two on many hand-made and
random entries).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import msgspec

from closeness_journal.core import archive_format, text
from closeness_journal.core.archive_entries import Entries
from closeness_journal.core.archive_format import Backup, Limits
from closeness_journal.core.checkin import SCALE_MAX, SCALE_MIN, CheckIn
from closeness_journal.core.dates import FIRST_DAY, LAST_DAY
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.vocabulary import (
    ACTED,
    BEHAVIOURS,
    ENTRY_KINDS,
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SITTING,
    STAYED,
)

VERSION = 2
"""The archive version read here; any other goes the usual way."""


class _Answer(msgspec.Struct):
    prompt_id: str
    prompt_text: str
    text: str


class _Entry(msgspec.Struct, forbid_unknown_fields=True):
    """An entry of a version-2 archive: the types `read_entry` checks, the same defaults as a
    missing field has there (`archive_format.ENTRY_FIELDS[2]` are the names)."""

    id: str
    local_date: str
    created_at: str
    updated_at: str
    deleted_at: str | None = None
    kind: str | None = None
    answers: list[_Answer] = []
    body: str = ""
    who: str = ""
    relationship: str | None = None
    kinds: list[str] = []
    behaviours: list[str] = []
    fears: list[str] = []
    intensity: int | None = None
    close_before: bool = False
    small_step: str = ""
    predicted: int | None = None
    outcome: int | None = None
    stayed: list[str] = []
    urge: int | None = None
    acted: str | None = None
    urge_after: int | None = None
    rung: str | None = None
    private: bool = False
    tags: list[str] = []
    flagged: bool = False
    withdrawal: Any = None  # derived: never read
    sabotage: Any = None
    stayed_close: Any = None


REST = ("revisions", "reviews", "review_revisions", "settings", "drafts", "exercises", "rungs")
"""The parts of the archive beside the entries, read by `archive_format` as they are."""


class Archive(msgspec.Struct, dict=True):
    """The archive as decoded; `decode` also sets `plain` (see `_plain`)."""

    format: str
    format_version: int
    entries: list[_Entry] = []
    revisions: Any = msgspec.UNSET
    reviews: Any = msgspec.UNSET
    review_revisions: Any = msgspec.UNSET
    settings: Any = msgspec.UNSET
    drafts: Any = msgspec.UNSET
    exercises: Any = msgspec.UNSET
    rungs: Any = msgspec.UNSET


def decode(raw: bytes) -> Archive | None:
    """The archive in `raw` as typed structs, or None when it isn't a version-2 archive whose
    entries have the types they must have."""
    try:
        archive = msgspec.json.decode(raw, type=Archive)
    except (msgspec.MsgspecError, ValueError, RecursionError):
        return None
    if archive.format != archive_format.FORMAT or archive.format_version != VERSION:
        return None
    archive.plain = _plain(raw)
    return archive


def _plain(raw: bytes) -> bool:
    """Whether no text in the JSON document `raw` (decoded: valid JSON in UTF-8) can hold a
    character `text._CONTROL` finds, so the entries' texts need no search for one each (at
    100,000 entries about 0.9 s, this about 0.25 s). JSON holds none of C0 unescaped, so such a
    character is an escape (`\\b`, `\\f`, `\\r`, `\\u0001`...), or DEL or a C1 control as it is
    (in UTF-8, C2 80 to C2 9F). An escaped backslash before a "u" is stepped over with it; any
    escape `\\u` of a control counts, whether or not the text needed it (False only means slower)."""
    if b"\x7f" in raw:
        return False
    at = raw.find(b"\xc2")
    while at != -1:
        if 0x80 <= raw[at + 1] <= 0x9F:
            return False
        at = raw.find(b"\xc2", at + 2)
    at = raw.find(b"\\")
    while at != -1:
        escaped = raw[at + 1]
        if escaped in _CONTROL_ESCAPES:
            return False
        if escaped == _U:
            try:
                code = int(raw[at + 2:at + 6], 16)
            except ValueError:
                return False
            if code < 0x20 and code not in (0x09, 0x0A) or 0x7F <= code <= 0x9F:
                return False
        at = raw.find(b"\\", at + 2)
    return True


_CONTROL_ESCAPES = frozenset(b"bfr")
"""JSON's short escapes of characters `text._CONTROL` finds (`\\t` and `\\n` it leaves)."""
_U = ord("u")


def read(archive: Archive, limits: Limits, progress: archive_format.Tell | None = None) -> Backup:
    """`archive_format.read_backup` of the same document: a Backup, or BackupFormatError naming
    the first field at fault. The entries come as `Entries`: one already as the journal keeps
    it stays as it was read, checked, and is made an Entry only when asked for."""
    structs, archive.entries = archive.entries, []
    items: list[Entry | Checked] = []
    total = len(structs)
    late_day, late_time = limits.today + timedelta(days=1), limits.now + timedelta(days=1)
    plain = getattr(archive, "plain", False)
    check, add = _checked, items.append
    for n in range(total):
        struct = structs[n]
        item = check(struct, late_day, late_time, plain)
        if item is None:  # to be cleaned, or refused with the message naming its field
            structs[n] = None  # type: ignore[call-overload]
            add(archive_format.read_entry(msgspec.to_builtins(struct), f"entries[{n}]", VERSION, limits))
        else:
            add(item)
        if progress is not None and (n + 1) % archive_format.EVERY == 0:
            progress("Checking entries", n + 1, total)
    rest = {name: value for name in REST if (value := getattr(archive, name)) is not msgspec.UNSET}
    return archive_format.read_rest(rest, Backup(entries=Entries(items, _made)), VERSION, limits)  # type: ignore[arg-type]


Checked = tuple[_Entry, date, datetime, datetime, datetime | None]
"""An entry that passed `_checked`: as read, with its day, and its times written, updated and deleted."""


_CANONICAL_UUID = archive_format._CANONICAL_UUID
_CONTROL = text._CONTROL
"""`text.printable` changes a text exactly when this finds something in it."""


def _flat(value: str, plain: bool = False) -> bool:
    """Whether `value` is as `one_line` leaves it (`plain`: known to hold no control character)."""
    return not value or ((plain or _CONTROL.search(value) is None) and " ".join(value.split()) == value)


def _slugs(values: list[str], vocabulary: frozenset[str]) -> bool:
    """Whether `check_slugs` keeps `values` as they are (known, none twice)."""
    return not values or (len(chosen := set(values)) == len(values) and chosen <= vocabulary)


_KINDS, _BEHAVIOURS, _FEARS, _STAYED = (frozenset(words) for words in (KINDS, BEHAVIOURS, FEARS, STAYED))
_SCALE = frozenset(range(SCALE_MIN, SCALE_MAX + 1)) | {None}
"""The values a scale may hold (a JSON true is no int here: msgspec types it out)."""


def _time(value: str, late: datetime) -> datetime | None:
    """`value` read as `archive_format._time` reads it, or None when that would refuse it."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or moment.date() < FIRST_DAY or moment > late:
        return None
    return moment


def _checked(s: _Entry, late_day: date, late_time: datetime, plain: bool = False) -> Checked | None:
    """`s` with its day and times when every check `read_entry` makes passes and `Entry.validated`
    would leave it as it is; None for anything else (`read_entry` then says what, or cleans it).
    `plain`: no text in the file holds a control character (`_plain`), so none is searched for.
    An empty list of slugs needs no call (at 100,000 entries the checks take about 0.3 s)."""
    if not _uuid(s.id):
        return None
    try:
        day = _day(s.local_date)
    except ValueError:
        return None
    if not FIRST_DAY <= day <= LAST_DAY or day > late_day:
        return None
    created, updated = _time(s.created_at, late_time), _time(s.updated_at, late_time)
    if created is None or updated is None:
        return None
    deleted = None
    if s.deleted_at is not None and (deleted := _time(s.deleted_at, late_time)) is None:
        return None
    if s.kind is not None and s.kind not in ENTRY_KINDS:
        return None
    body, tags, rung, who, small_step = s.body, s.tags, s.rung, s.who, s.small_step
    for answer in s.answers:
        words = answer.text
        if not words.strip() or words != words.rstrip() or not _flat(answer.prompt_id, plain):
            return None
        if not plain and (_CONTROL.search(words) or _CONTROL.search(answer.prompt_text)):
            return None
    if body != body.rstrip() or (not plain and _CONTROL.search(body)):
        return None
    if (who and not _flat(who, plain)) or (small_step and not _flat(small_step, plain)):
        return None
    if rung is not None and (not rung or not _flat(rung, plain)):
        return None
    if tags and (len(set(tags)) != len(tags) or not all(
        tag and tag[0] not in "#@" and "," not in tag and _flat(tag, plain) for tag in tags
    )):
        return None
    kinds, behaviours, fears, stayed = s.kinds, s.behaviours, s.fears, s.stayed
    if ((kinds and not _slugs(kinds, _KINDS)) or (behaviours and not _slugs(behaviours, _BEHAVIOURS))
            or (fears and not _slugs(fears, _FEARS)) or (stayed and not _slugs(stayed, _STAYED))):
        return None
    if (s.relationship is not None and s.relationship not in RELATIONSHIPS) or (s.acted is not None
                                                                                 and s.acted not in ACTED):
        return None
    scale = _SCALE
    if not (s.intensity in scale and s.urge in scale and s.predicted in scale and s.outcome in scale
            and s.urge_after in scale):
        return None
    return s, day, created, updated, deleted


_uuid = _CANONICAL_UUID.fullmatch
_day = date.fromisoformat


def _made(checked: Checked) -> Entry:
    """The Entry a checked entry stands for, made without `__init__` (each field as it would set it)."""
    s, day, created, updated, deleted = checked
    checkin = _new(CheckIn)
    checkin.__dict__.update(
        who=s.who, relationship=s.relationship, kinds=tuple(s.kinds), behaviours=tuple(s.behaviours),
        fears=tuple(s.fears), intensity=s.intensity, close_before=s.close_before, small_step=s.small_step,
        predicted=s.predicted, outcome=s.outcome, stayed=tuple(s.stayed), urge=s.urge, acted=s.acted,
        urge_after=s.urge_after, rung=s.rung,
    )
    entry = _new(Entry)
    entry.__dict__.update(
        local_date=day, body=s.body, answers=tuple(_answer(a) for a in s.answers) if s.answers else (),
        checkin=checkin, private=s.private, tags=tuple(s.tags), kind=s.kind or SITTING, flagged=s.flagged,
        id=s.id, created_at=created, updated_at=updated, deleted_at=deleted,
    )
    return entry


_new = object.__new__


def _answer(a: _Answer) -> Answer:
    answer = _new(Answer)
    answer.__dict__.update(prompt_id=a.prompt_id, prompt_text=a.prompt_text, text=a.text)
    return answer
