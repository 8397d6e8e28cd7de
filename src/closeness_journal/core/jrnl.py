"""Reading journals kept with jrnl (https://jrnl.sh): its plain-text file and its JSON export.

Each jrnl entry becomes an entry here: the title is the first line of the text, the body follows,
`@tags` become tags (without the @), a starred entry gets the tag "starred". The id is derived
from the entry's date, time and text, so importing the same journal twice adds nothing.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from closeness_journal.core.dates import BadDate, check_day
from closeness_journal.core.entries import Entry

_NAMESPACE = uuid.UUID("6f1c8a4e-3b9d-4c47-9a51-4d2f0c9e7b10")
_HEADER = re.compile(r"^\[(\d{4}-\d{2}-\d{2}[ T][^\]]+)\]\s?(.*)$")
_TAG = re.compile(r"(?<![\w@#])[@#]([\w][\w-]*)")
_TIME_FORMATS = ("%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M %p")


class JrnlError(ValueError):
    """A jrnl file that can't be read; the message names the line or field at fault."""


@dataclass(frozen=True)
class JrnlEntry:
    written: datetime
    """When it was written, on the clock of whoever wrote it (no time zone)."""
    title: str
    body: str
    tags: tuple[str, ...]
    starred: bool

    def to_entry(self, zone: tzinfo | None = None) -> tuple[Entry, datetime]:
        """The entry, and when it was written as an aware time (in `zone`, default the local one)."""
        text = self.title if not self.body.strip() else f"{self.title}\n{self.body}"
        tags = tuple(dict.fromkeys([*self.tags, *(["starred"] if self.starred else [])]))
        # Minutes only: jrnl's JSON export drops the seconds its text file keeps, so both match.
        key = f"jrnl:{self.written.replace(second=0, microsecond=0).isoformat()}\n{self.title}\n{self.body}"
        entry = Entry(
            local_date=self.written.date(),
            body=text,
            tags=tags,
            id=str(uuid.uuid5(_NAMESPACE, key)),
        )
        return entry, self.written.replace(tzinfo=zone) if zone else self.written.astimezone()


def check_days(entries: list[JrnlEntry], today: date) -> None:
    """Refuse entries dated outside the days the journal works with, or after tomorrow (a day's
    grace for time zones): `JrnlError` naming the entry."""
    for number, item in enumerate(entries, start=1):
        day = item.written.date()
        where = f"entry {number} ({item.title[:40]!r})"
        if day > today + timedelta(days=1):
            raise JrnlError(f"{where}: {day} is in the future")
        try:
            check_day(day)
        except BadDate as error:
            raise JrnlError(f"{where}: {error}") from None


def _tags_in(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag.lower() for tag in _TAG.findall(text)))


def _read_time(text: str, line: int) -> datetime:
    for form in _TIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), form)
        except ValueError:
            continue
    raise JrnlError(f"line {line}: {text!r} is not a date and time I can read")


def parse_text(text: str) -> list[JrnlEntry]:
    """jrnl's plain-text journal: entries start with `[2026-11-02 09:15:00 PM] Title`."""
    entries: list[JrnlEntry] = []
    current: tuple[datetime, str, list[str]] | None = None
    first_header_seen = False

    def finish() -> None:
        if current is None:
            return
        written, title, lines = current
        body = "\n".join(lines).strip("\n")
        starred = title.endswith(" *") or title.startswith("*")
        clean_title = title.removesuffix(" *").lstrip("*").strip()
        entries.append(JrnlEntry(written, clean_title, body, _tags_in(clean_title + "\n" + body), starred))

    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match:
            finish()
            first_header_seen = True
            current = (_read_time(match[1], number), match[2].strip(), [])
        elif current is not None:
            current[2].append(line)
        elif line.strip():
            raise JrnlError(f"line {number}: expected an entry starting like [2026-11-02 09:15:00 PM]")
    finish()
    if not first_header_seen:
        raise JrnlError("no jrnl entries found (each starts like [2026-11-02 09:15:00 PM] Title)")
    return entries


def parse_json(text: str) -> list[JrnlEntry]:
    """jrnl's JSON export (`jrnl --format json`)."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise JrnlError(f"not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise JrnlError('expected a jrnl JSON export with an "entries" list')
    entries = []
    for index, item in enumerate(data["entries"]):
        where = f"entries[{index}]"
        if not isinstance(item, dict):
            raise JrnlError(f"{where} is not an object")
        for field in ("title", "date", "time"):
            if not isinstance(item.get(field), str):
                raise JrnlError(f"{where}.{field} is missing or not text")
        try:
            written = datetime.combine(date.fromisoformat(item["date"]), time.fromisoformat(item["time"]))
        except ValueError:
            raise JrnlError(f"{where}: {item['date']!r} {item['time']!r} is not a date and time") from None
        body = item.get("body") or ""
        if not isinstance(body, str):
            raise JrnlError(f"{where}.body is not text")
        tags = item.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise JrnlError(f"{where}.tags is not a list of text")
        entries.append(
            JrnlEntry(
                written=written,
                title=item["title"],
                body=body,
                tags=tuple(dict.fromkeys(t.lstrip("@#").lower() for t in tags)),
                starred=bool(item.get("starred")),
            )
        )
    return entries
