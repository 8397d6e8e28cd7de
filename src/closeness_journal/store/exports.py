"""What exports need from the journal: flags, the note for the next session, the record of each
export, the figures of "For my session", and each way a name was written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime

from closeness_journal.core.entry_filter import EntryFilter
from closeness_journal.core.export_rows import EntryRow
from closeness_journal.core.session import (
    BETTER_SHOWN,
    FLAGGED_SHOWN,
    PEAK_AT,
    PEAKS_SHOWN,
    READABLE_FORMATS,
    STEPS_SHOWN,
    ExportRecord,
    SessionEntry,
    SessionFacts,
)
from closeness_journal.core.vocabulary import SABOTAGE, WITHDRAWAL, categories_of
from closeness_journal.store.connection import reading, reading_as_they_go, utc
from closeness_journal.store.entry_filters import FilterMixin, filter_sql
from closeness_journal.store.ladder import LadderMixin
from closeness_journal.store.migrations import ANSWER_SEPARATOR
from closeness_journal.store.patterns import PatternsMixin
from closeness_journal.store.stored_lists import _MEMO, _prompt_list, _slug_list, _text_list

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any

    from closeness_journal.core.archive_json import ArchivedAnswer, ArchivedEntry
    from closeness_journal.core.entries import Entry

CHUNK = 128
"""Rows read from SQLite at a time for an export: fewer rows a time keep what is being worked on
small enough to stay in the processor's cache (2,000 at a time took 15% longer to read at 36,500 entries)."""
SESSION_NOTE = "session_note"
"""The setting that keeps "what I want to talk about" (a setting, so a JSON backup carries it)."""

_PEAK = f"(e.intensity >= {PEAK_AT} OR e.urge >= {PEAK_AT})"
_BETTER = "(e.predicted IS NOT NULL AND e.outcome IS NOT NULL AND e.outcome < e.predicted)"
_FLAGGED = "e.flagged_at IS NOT NULL"
_FLAGGED_INDEX = "INDEXED BY idx_entries_flagged"
"""Flagged entries are few: SQLite would otherwise walk the whole range in the pattern index."""
_EXPORT_COLUMNS = (
    "e.local_date, e.uuid, "
    "CASE WHEN e.updated_at != e.created_at THEN e.created_at ELSE '' END, "
    "CASE WHEN e.updated_at != e.created_at THEN e.updated_at ELSE '' END, "
    "e.kind, e.answers, e.answer_prompts, e.body, e.who, e.relationship, nullif(e.kinds, '[]'), e.close_before, "
    "nullif(e.behaviours, '[]'), nullif(e.stayed, '[]'), nullif(e.fears, '[]'), e.intensity, e.urge, e.urge_after, "
    "e.acted, e.small_step, e.rung, e.predicted, e.outcome, nullif(e.tags, '[]'), e.private, e.flagged_at"
)
"""The columns `export_rows` reads, in the order it unpacks them. What is most often empty comes
empty from SQLite, not as text to look at: the two times only when they differ (all an export
asks of them is whether the entry was edited), the lists only when they hold something."""


class ExportsMixin(FilterMixin):
    """`Journal`'s flags, session note, export records and the sums behind "For my session"."""

    def set_flagged(self, entry_id: str, flagged: bool, now: datetime | None = None) -> Entry:
        """Flag an entry to bring up at the next session, or take the flag off (no earlier version
        is kept: a flag is a mark, not an edit)."""
        from dataclasses import replace  # an export does without dataclasses (and inspect)

        entry = self.get(entry_id)
        return self.update(replace(entry, flagged=flagged), now=now)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ the note

    @reading
    def session_note(self) -> str:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [SESSION_NOTE]).fetchone()
        if not row:
            return ""
        value = json.loads(row[0])
        return value if isinstance(value, str) else ""

    def set_session_note(self, text: str) -> None:
        """Keep the note (stripped of trailing space); an empty note removes it."""
        text = text.rstrip()
        with self._write() as db:
            if text:
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [SESSION_NOTE, json.dumps(text)],
                )
            else:
                db.execute("DELETE FROM settings WHERE key = ?", [SESSION_NOTE])

    # ------------------------------------------------------------------ the exports made

    def record_export(self, record: ExportRecord) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO exports (made_at, format, since, until, changed_since, entries) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    utc(record.made_at).isoformat(),
                    record.format,
                    record.since.isoformat() if record.since else None,
                    record.until.isoformat() if record.until else None,
                    utc(record.changed_since).isoformat() if record.changed_since else None,
                    record.entries,
                ],
            )

    @reading
    def last_export(self, formats: tuple[str, ...] = READABLE_FORMATS) -> ExportRecord | None:
        """The most recent export in one of these formats (by default the ones a person reads)."""
        row = self._db.execute(
            f"SELECT * FROM exports WHERE format IN ({', '.join('?' for _ in formats)}) ORDER BY id DESC LIMIT 1",
            list(formats),
        ).fetchone()
        if row is None:
            return None
        _, made_at, kind, since, until, changed_since, entries = row
        return ExportRecord(
            made_at=datetime.fromisoformat(made_at),
            format=kind,
            since=date.fromisoformat(since) if since else None,
            until=date.fromisoformat(until) if until else None,
            changed_since=datetime.fromisoformat(changed_since) if changed_since else None,
            entries=entries or 0,
        )

    # ------------------------------------------------------------------ what an export holds

    def export_rows(self, filters: EntryFilter, chunk: int = CHUNK) -> Iterator[EntryRow]:
        """Every entry matching `filters`, oldest first, as the tuples of `core/export_rows.py`
        (no `Entry` built), read a chunk at a time."""
        return reading_as_they_go(self._export_rows(filters, chunk))

    def _export_rows(self, filters: EntryFilter, chunk: int) -> Iterator[EntryRow]:
        where, params = filter_sql(filters)
        cursor = self._db.execute(
            f"SELECT {_EXPORT_COLUMNS} FROM entries e WHERE {where} ORDER BY e.local_date, e.created_at, e.uuid",
            params,
        )
        # What recurs is read once (the lists of slugs, tags and prompts, and the day), looked up
        # here rather than through a function a value: this loop runs once a row.
        slugs: dict[str | None, tuple[str, ...]] = {None: (), "": (), "[]": ()}
        tags_read: dict[str | None, tuple[str, ...]] = {None: (), "": (), "[]": ()}
        prompts_read: dict[str, tuple[str, ...]] = {}
        separator = ANSWER_SEPARATOR
        last_day, shown_day = None, date.min
        while rows := cursor.fetchmany(chunk):
            for (day, uuid, created, updated, kind, texts, prompts, body, who, relationship, kinds, close_before,
                 behaviours, stayed, fears, intensity, urge, urge_after, acted, small_step, rung, predicted,
                 outcome, tags, private, flagged) in rows:
                if day != last_day:
                    last_day, shown_day = day, date.fromisoformat(day)
                if not prompts or prompts == "[]":
                    answers: tuple[tuple[str, str], ...] = ()
                else:
                    asked = prompts_read.get(prompts) or _kept(prompts_read, _prompt_texts, prompts)
                    answers = tuple(zip(asked, texts.split(separator), strict=True))
                yield (
                    shown_day, uuid, created, updated, kind, answers, body or "", who or "", relationship,
                    slugs[kinds] if kinds in slugs else _kept(slugs, _slug_list, kinds),
                    bool(close_before),
                    slugs[behaviours] if behaviours in slugs else _kept(slugs, _slug_list, behaviours),
                    slugs[stayed] if stayed in slugs else _kept(slugs, _slug_list, stayed),
                    slugs[fears] if fears in slugs else _kept(slugs, _slug_list, fears),
                    intensity, urge, urge_after, acted, small_step or "", rung, predicted, outcome,
                    tags_read[tags] if tags in tags_read else _kept(tags_read, _text_list, tags),
                    bool(private), flagged is not None,
                )

    def archive_entries(self, chunk: int = CHUNK) -> Iterator[ArchivedEntry]:
        """Every entry, in the trash too, as the JSON archive holds it (oldest first), made straight
        from the rows (no `Entry`, no dict a row) and read a chunk at a time."""
        # The entries outside the trash come in this order from their index; the few in the trash
        # are sorted apart and read beside them. One ORDER BY over every row would sort the whole
        # table first (100,000 entries: about 1 s before the first row, the rows spilled to disk).
        select = f"SELECT {', '.join(_ARCHIVE_COLUMNS)} FROM entries WHERE deleted_at IS"
        live = self._db.execute(f"{select} NULL ORDER BY local_date, created_at, uuid")
        trash = self._db.execute(f"{select} NOT NULL ORDER BY local_date, created_at, uuid")
        return reading_as_they_go(archived(_merged(_chunked(live, chunk), trash)))

    @reading
    def first_day(self, filters: EntryFilter) -> date | None:
        """The earliest day among the entries matching `filters`."""
        where, params = filter_sql(filters)
        row = self._db.execute(f"SELECT min(e.local_date) FROM entries e WHERE {where}", params).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    @reading
    def session_facts(self, filters: EntryFilter, note: str = "") -> SessionFacts:
        """The entries and figures of "For my session" over the entries matching `filters`: one
        pass for the counts, and only the few entries each list shows are read whole."""
        where, params = filter_sql(filters)
        # The pattern index holds every column these sums read, so they never read a whole row;
        # flagged entries are few, and their own small index finds them.
        peaks, better, steps = self._db.execute(
            f"SELECT coalesce(sum({_PEAK}), 0), coalesce(sum({_BETTER}), 0), coalesce(sum(e.small_step != ''), 0) "
            f"FROM entries e WHERE {where}",
            params,
        ).fetchone()
        flagged = self._db.execute(
            f"SELECT count(*) FROM entries e {_FLAGGED_INDEX} WHERE {where} AND {_FLAGGED}", params
        ).fetchone()[0]

        def some(condition: str, order: str, limit: int, count: int, indexed: str = "") -> tuple[SessionEntry, ...]:
            """The first `limit` entries by `order`, oldest first: chosen in the index, then read (what
            the lists show of them)."""
            if not count:
                return ()
            rows = self._db.execute(
                f"SELECT {_SESSION_COLUMNS} FROM entries WHERE id IN (SELECT e.id FROM entries e {indexed} "
                f"WHERE {where} AND {condition} ORDER BY {order} LIMIT ?)",
                [*params, limit],
            )
            return tuple(sorted(map(_session_entry, rows), key=_when))

        # Each list of fears as written counted per relationship (the index holds both columns), then
        # the few lists taken apart here: json_each over every row took twice as long.
        fear_counts: dict[tuple[str | None, str], int] = {}
        for relationship, fears, count in self._db.execute(
            f"SELECT e.relationship, e.fears, count(*) FROM entries e WHERE {where} AND e.fears != '[]' "
            "GROUP BY e.relationship, e.fears",
            params,
        ):
            for fear in _slug_list(fears):
                fear_counts[relationship, fear] = fear_counts.get((relationship, fear), 0) + count
        # most often first, then by relationship (none first, as SQLite orders NULL) and fear
        by_relationship = sorted(
            fear_counts.items(), key=lambda item: (-item[1], item[0][0] is not None, item[0][0] or "", item[0][1])
        )
        return SessionFacts(
            note=note,
            flagged=some(_FLAGGED, "e.local_date, e.created_at, e.uuid", FLAGGED_SHOWN, flagged, _FLAGGED_INDEX),
            flagged_total=flagged,
            peaks=some(_PEAK, "max(coalesce(e.intensity, 0), coalesce(e.urge, 0)) DESC, e.local_date DESC",
                       PEAKS_SHOWN, peaks),
            peaks_total=peaks,
            better=some(_BETTER, "e.predicted - e.outcome DESC, e.local_date DESC", BETTER_SHOWN, better),
            better_total=better,
            steps=some("e.small_step != ''", "e.local_date DESC, e.created_at DESC", STEPS_SHOWN, steps),
            steps_total=steps,
            fear_by_relationship=tuple((rel, fear, count) for (rel, fear), count in by_relationship),
        )

    @reading
    def review_answers(self, since: str, until: str) -> list[tuple[str, str | None, tuple[tuple[str, str], ...]]]:
        """The weekly reviews of weeks [since, until] (`2026-W47`), oldest first, as an export shows
        them: (week, when it was last saved, its (question, answer) pairs), read as
        `reviews(since=since, until=until)` reads them but without building `SavedReview`s (the
        review model and the prompt library are not imported for an export)."""
        read = []
        for week, updated_at, stored in self._db.execute(
            "SELECT week, updated_at, answers FROM reviews WHERE week >= ? AND week <= ? ORDER BY week", [since, until]
        ):
            items = json.loads(stored or "[]")
            answers = {item["prompt_id"]: item["answer"] for item in items}
            questions = {item["prompt_id"]: item.get("question", "") for item in items}
            asked = tuple((questions.get(pid) or pid, answer) for pid, answer in answers.items())
            read.append((week, updated_at, asked))
        return read

    @reading
    def name_spellings(self) -> dict[str, str | None]:
        """Each way a name was written in "who" (exactly as written), with the relationship most
        often noted with that name however it was written (one GROUP BY, whatever the journal's size)."""
        spellings: list[str] = []
        counts: dict[str, dict[str, int]] = {}
        for who, relationship, count in self._db.execute(
            "SELECT who, relationship, count(*) FROM entries WHERE who != '' GROUP BY who, relationship"
        ):
            if who not in spellings:
                spellings.append(who)
            if relationship is not None:
                noted = counts.setdefault(who.lower(), {})
                noted[relationship] = noted.get(relationship, 0) + count
        names: dict[str, str | None] = {}
        for who in spellings:
            noted = counts.get(who.lower(), {})
            names[who] = min(noted, key=lambda rel: (-noted[rel], rel)) if noted else None
        return names


class ExportReader(PatternsMixin, LadderMixin, ExportsMixin):
    """The journal opened for a Markdown or HTML export: the parts of `Journal` it reads (counts,
    pattern sums, the ladder, "For my session", reviews as `review_answers`) and the record of the
    export it writes, without importing the rest (the archive, the review model and the prompt
    library, exercises: about 15 ms of a small journal's export). Opening it is opening a
    `Journal`: the same checks of the file and its privacy, and a journal that needs migrating is
    migrated first."""


_ARCHIVE_COLUMNS = (
    "uuid", "local_date", "kind", "answers", "answer_prompts", "body", "who", "relationship", "kinds", "behaviours",
    "fears", "intensity", "close_before", "small_step", "predicted", "outcome", "stayed", "urge", "acted",
    "urge_after", "rung", "private", "tags", "flagged_at", "created_at", "updated_at", "deleted_at",
)
"""The columns `archived` reads, in the order it unpacks them."""


def _chunked(cursor: Any, chunk: int) -> Iterator[Any]:
    while rows := cursor.fetchmany(chunk):
        yield from rows


_DAY, _CREATED, _UUID = (_ARCHIVE_COLUMNS.index(column) for column in ("local_date", "created_at", "uuid"))


def _merged(rows: Iterator[Sequence[Any]], others: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """The rows of two streams, each in (local_date, created_at, uuid) order, in that order together
    (as SQLite orders text: UTF-8 bytes, the order of Python's strings)."""
    waiting = next(others, None)
    for row in rows:
        while waiting is not None and waiting[_DAY] <= row[_DAY] and (
            (waiting[_DAY], waiting[_CREATED], waiting[_UUID]) < (row[_DAY], row[_CREATED], row[_UUID])
        ):
            yield waiting
            waiting = next(others, None)
        yield row
    if waiting is not None:
        yield waiting
        yield from others


def archived(rows: Iterable[Sequence[Any]]) -> Iterator[ArchivedEntry]:
    """Each row (the values of `_ARCHIVE_COLUMNS`, in order) as the archive holds the entry:
    `entry_from_row(row).to_json()`, without the Entry. Stored times are written again as
    `datetime.isoformat` writes them, and the day as `date.isoformat` does."""
    from closeness_journal.core.archive_json import ArchivedAnswer, ArchivedEntry  # msgspec: only for the archive

    slugs: dict[str | None, tuple[str, ...]] = {None: (), "": (), "[]": ()}
    tags_read: dict[str | None, tuple[str, ...]] = {None: (), "": (), "[]": ()}
    prompts_read: dict[str, tuple[tuple[str, str], ...]] = {}
    categories: dict[tuple[str, ...], tuple[bool, bool]] = {}
    separator, from_iso, answer, entry = ANSWER_SEPARATOR, datetime.fromisoformat, ArchivedAnswer, ArchivedEntry
    last_day, shown_day = None, ""
    for (uuid, day, kind, texts, prompts, body, who, relationship, kinds, behaviours, fears, intensity, close_before,
         small_step, predicted, outcome, stayed, urge, acted, urge_after, rung, private, tags, flagged_at, created,
         updated, deleted) in rows:
        if day != last_day:
            last_day, shown_day = day, date.fromisoformat(day).isoformat()
        if not prompts or prompts == "[]":
            answers: list[ArchivedAnswer] = []
        else:
            asked = prompts_read.get(prompts) or _kept(prompts_read, _prompt_list, prompts)
            answers = [
                answer(prompt_id, prompt_text, text)
                for (prompt_id, prompt_text), text in zip(asked, texts.split(separator), strict=True)
            ]
        behaviours = slugs[behaviours] if behaviours in slugs else _kept(slugs, _slug_list, behaviours)
        stayed = slugs[stayed] if stayed in slugs else _kept(slugs, _slug_list, stayed)
        withdrawal, sabotage = categories.get(behaviours) or _kept(categories, _categories, behaviours)
        yield entry(
            uuid, shown_day, kind, answers, body or "", who or "", relationship,
            slugs[kinds] if kinds in slugs else _kept(slugs, _slug_list, kinds),
            behaviours,
            slugs[fears] if fears in slugs else _kept(slugs, _slug_list, fears),
            intensity, bool(close_before), small_step or "", predicted, outcome, stayed, urge, acted, urge_after, rung,
            bool(private),
            tags_read[tags] if tags in tags_read else _kept(tags_read, _text_list, tags),
            flagged_at is not None, from_iso(created).isoformat(), from_iso(updated).isoformat(),
            from_iso(deleted).isoformat() if deleted else None, withdrawal, sabotage, bool(stayed) or acted == "no",
        )


def entry_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """`archived` for one row read as a dict: `entry_from_row(row).to_json()`, key for key."""
    import msgspec

    # as written to the archive, then read back: lists where the Struct holds tuples
    return msgspec.json.decode(msgspec.json.encode(next(archived([[row[column] for column in _ARCHIVE_COLUMNS]]))))


def _categories(behaviours: tuple[str, ...]) -> tuple[bool, bool]:
    found = categories_of(behaviours)
    return WITHDRAWAL in found, SABOTAGE in found


def _kept(memo: dict[Any, Any], read: Callable[[str], Any], stored: str) -> Any:
    """`read(stored)`, kept in `memo` for the rows that hold the same (up to `_MEMO` values)."""
    value = read(stored)
    if len(memo) < _MEMO:
        memo[stored] = value
    return value


def _prompt_texts(stored: str) -> tuple[str, ...]:
    """The prompts' texts of a stored list of (id, text) pairs (`_prompt_list` without the ids,
    and without making its pairs first: most rows of a journal hold a list no other row holds).
    A list with no backslash (so no escaped character, and no quote inside a text) is cut where
    `json.dumps` puts its quotes and commas; the count of quotes makes sure every cut fell between
    two strings, and anything else goes to the JSON parser (callgrind, a 3,650-entry export, whose
    rows hold 1,283 different lists: 5M fewer instructions, about 0.5%)."""
    if "\\" not in stored and stored.startswith('[["') and stored.endswith('"]]'):
        pairs = stored[3:-3].split('"], ["')
        if stored.count('"') == 4 * len(pairs) and all('", "' in pair for pair in pairs):
            return tuple([pair.partition('", "')[2] for pair in pairs])
    return tuple(text for _, text in json.loads(stored))


_SESSION_COLUMNS = (
    "local_date, uuid, created_at, answers, answer_prompts, body, who, relationship, fears, intensity, urge, acted, "
    "small_step, predicted, outcome"
)
"""The columns `_session_entry` reads, in its order."""


def _session_entry(row: Sequence[Any]) -> SessionEntry:
    """An entry "For my session" lists, from the values of `_SESSION_COLUMNS` (as `entry_from_row`
    reads them: an entry's answers are its texts when it has prompts)."""
    (day, uuid, created_at, texts, prompts, body, who, relationship, fears, intensity, urge, acted, small_step,
     predicted, outcome) = row
    answers = tuple(texts.split(ANSWER_SEPARATOR)) if prompts and prompts != "[]" else ()
    return SessionEntry(
        date.fromisoformat(day), uuid, datetime.fromisoformat(created_at), answers, body or "", who or "",
        relationship, _slug_list(fears), intensity, urge, acted, small_step or "", predicted, outcome,
    )


def _when(entry: SessionEntry) -> Any:
    return (entry.local_date, entry.created_at, entry.id)
