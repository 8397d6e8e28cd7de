"""Imports: a file turned into a `Backup` the store can merge (shared by the command line and,
later, the window). Beside `exporting.py`, which goes the other way.

Two kinds of file are read: closeness-journal's own JSON archive (`core/archive_format.py`) and a
jrnl journal, as its plain-text file or `jrnl --format json` (`core/jrnl.py`). A file with a
problem is refused whole: `ImportRefused` says why in one line, and nothing has been written.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from closeness_journal.core import archive_format, jrnl
from closeness_journal.core.archive_format import Backup, Limits
from closeness_journal.core.dates import local_day
from closeness_journal.core.entries import InvalidEntry

Kind = Literal["json", "jrnl"]


class ImportRefused(Exception):
    """The file can't be imported; the message names the file and the problem."""


def read_file(
    path: Path, kind: Kind | None = None, now: datetime | None = None, progress: archive_format.Tell | None = None
) -> Backup:
    """Everything `path` holds, as a Backup; `kind` is worked out from the text when not given.
    Nothing in it may be dated after `now` (default: the current time). `progress` is told how
    the checking goes (the archive's entries)."""
    try:
        with archive_format.collector_paused():
            if kind in (None, "json") and (data := _fast_archive(path, kind, progress)) is not None:
                return _checked(data, _limits(now), progress)
            text = read_text(path)
            return from_text(text, kind or guess_kind(text), now, progress)
    except ImportRefused as error:
        raise ImportRefused(f"{path}: {error}; nothing was imported") from None


def _fast_archive(path: Path, kind: Kind | None, progress: archive_format.Tell | None) -> Any:
    """Our own archive parsed straight from the file's bytes by msgspec (several times faster than
    `json`, and the file's text is never held beside what it holds), or None to read it the usual
    way: not our archive, or anything msgspec refuses (then `json` reads it again and says what is
    wrong in its own words; it reads whatever msgspec reads, to the same values). A version-2
    archive whose entries have the types they must have comes as `archive_fast.Archive` (the
    types checked as it is decoded); anything else as plain values."""
    try:
        with path.open("rb") as file:
            start = file.read(2000)
            if not start.lstrip().startswith(b"{") or b'"closeness-journal"' not in start:
                return None
            file.seek(0)
            raw = file.read()
    except OSError:
        return None
    import msgspec

    from closeness_journal.core import archive_fast

    if progress is not None:
        progress("Reading the file", 0, None)
    if (archive := archive_fast.decode(raw)) is not None:
        return archive
    try:
        return msgspec.json.decode(raw)
    except (msgspec.MsgspecError, ValueError, RecursionError):
        return None


def _checked(data: Any, limits: Limits, progress: archive_format.Tell | None) -> Backup:
    from closeness_journal.core import archive_fast

    try:
        if isinstance(data, archive_fast.Archive):
            return archive_fast.read(data, limits, progress)
        return archive_format.read_backup(data, limits, progress)
    except (archive_format.BackupFormatError, InvalidEntry) as error:
        raise ImportRefused(str(error)) from None


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ImportRefused(f"{path}: not a text file I can read (expected UTF-8)") from None
    except OSError as error:
        raise ImportRefused(f"{path}: {error.strerror}") from None


def guess_kind(text: str) -> Kind:
    """Our own archive names itself near the top; otherwise JSON (an array or an object) is jrnl's
    JSON export, and anything else is jrnl's plain text or a damaged archive (read as JSON, so
    the error says what is wrong with it)."""
    start = text.lstrip()[:2000]
    if start.startswith("{") and '"closeness-journal"' in start:
        return "json"
    return "jrnl" if start.startswith(("[", "{")) else "json"


def from_text(
    text: str, kind: Kind, now: datetime | None = None, progress: archive_format.Tell | None = None
) -> Backup:
    """The text of a file of the given kind, as a Backup (`ImportRefused` when it can't be)."""
    limits = _limits(now)
    try:
        return from_archive(text, limits, progress) if kind == "json" else from_jrnl(text, limits)
    except (archive_format.BackupFormatError, jrnl.JrnlError, InvalidEntry) as error:
        raise ImportRefused(str(error)) from None


def _limits(now: datetime | None) -> Limits:
    moment = now or datetime.now(UTC)
    return Limits(today=local_day(moment), now=moment)


def from_archive(text: str, limits: Limits | None = None, progress: archive_format.Tell | None = None) -> Backup:
    """closeness-journal's JSON archive, every field checked (nothing in the future)."""
    if progress is not None:
        progress("Reading the file", 0, None)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except RecursionError:
        raise ImportRefused("not a file I can read (nested too deeply)") from None
    return archive_format.read_backup(data, limits or _limits(None), progress)


def from_jrnl(text: str, limits: Limits | None = None) -> Backup:
    """A jrnl journal (plain text, or `jrnl --format json`): its entries, with the times jrnl kept."""
    parsed = jrnl.parse_json(text) if text.lstrip().startswith("{") else jrnl.parse_text(text)
    jrnl.check_days(parsed, (limits or _limits(None)).today)
    backup = Backup()
    for item in parsed:
        entry, written = item.to_entry()
        backup.entries.append(replace(entry.validated(allow_empty=True), created_at=written, updated_at=written))
    return backup
