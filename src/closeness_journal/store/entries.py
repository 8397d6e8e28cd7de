"""Entries one at a time: add, read, edit (keeping revisions), the trash; and how an entry is
stored as a row and read back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry, Revision
from closeness_journal.core.vocabulary import BEHAVIOUR_CATEGORY, SABOTAGE, WITHDRAWAL
from closeness_journal.store import pattern_sums
from closeness_journal.store.connection import JournalBase, reading, utc
from closeness_journal.store.drafts import EDIT_DRAFTS, key_start
from closeness_journal.store.errors import EntryNotFound
from closeness_journal.store.migrations import ANSWER_SEPARATOR
from closeness_journal.store.stored_lists import _MEMO, _prompt_list, _slug_list, _text_list

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any


class EntriesMixin(JournalBase):
    """`Journal`'s entries, their revisions and the trash."""

    def add(self, entry: Entry, now: datetime | None = None, draft: str | None = None) -> Entry:
        """Save a new entry and return it with its id and times. `draft`: the key of the draft that
        held it, discarded in the same transaction (never both kept, never neither)."""
        import uuid  # only when something is saved: an export or a list never loads it (with `platform`)

        now = utc(now)
        entry = replace(
            entry.validated(),
            id=entry.id or str(uuid.uuid4()),
            created_at=now,
            updated_at=now,
            deleted_at=None,
        )
        with self._write() as db:
            db["entries"].insert(entry_to_row(entry))
            if draft is not None:
                db.execute("DELETE FROM drafts WHERE key = ?", [draft])
        return entry

    def add_many(self, entries: Iterable[tuple[Entry, datetime]]) -> int:
        """Save many new entries, each with the time it was written, in one transaction
        (generated journals, imports). Returns how many."""
        import uuid

        rows = []
        for entry, written in entries:
            written = utc(written)
            rows.append(
                entry_to_row(replace(entry.validated(), id=entry.id or str(uuid.uuid4()),
                                     created_at=written, updated_at=written, deleted_at=None))
            )
        with self._write() as db, pattern_sums.added_in_bulk(db):
            db["entries"].insert_all(rows, batch_size=500)
        return len(rows)

    @reading
    def get(self, id_or_prefix: str, include_deleted: bool = True) -> Entry:
        """The entry whose id is, or starts with, the given text (at least 4 characters)."""
        key = id_or_prefix.strip().lower()
        if len(key) < 4 or not re.fullmatch(r"[0-9a-f-]+", key):
            raise EntryNotFound(
                f"{id_or_prefix!r} is not an entry id (use at least the first 4 characters)"
            )
        condition = "" if include_deleted else " AND deleted_at IS NULL"
        rows = list(
            self._db.query(
                f"SELECT * FROM entries WHERE uuid >= ? AND uuid < ?{condition} LIMIT 2",
                [key, key + "\uffff"],
            )
        )
        if not rows:
            raise EntryNotFound(f"no entry has the id {id_or_prefix!r}")
        if len(rows) > 1 and rows[0]["uuid"] != key:
            raise EntryNotFound(
                f"more than one entry starts with {id_or_prefix!r}; give more of the id"
            )
        return entry_from_row(rows[0])

    def update(self, entry: Entry, now: datetime | None = None) -> Entry:
        """Replace an entry's content, keeping the previous version as a revision."""
        if entry.id is None:
            raise ValueError("update() needs an entry that has an id")
        now = utc(now)
        cleaned = entry.validated()
        with self._write() as db:
            previous = self.get(entry.id)
            edited = not _content_equal(previous, cleaned)
            if not edited and previous.flagged == cleaned.flagged:
                return previous
            if edited:
                db["revisions"].insert(
                    {
                        "entry_uuid": previous.id,
                        "revised_at": now.isoformat(),
                        "data": json.dumps(previous.to_json(), ensure_ascii=False),
                    }
                )
            updated = replace(
                cleaned,
                id=previous.id,
                created_at=previous.created_at,
                updated_at=now if edited else previous.updated_at,
                deleted_at=previous.deleted_at,
            )
            row = entry_to_row(updated)
            # Flagging is a mark, not an edit: no earlier version, and `flagged_at` says when.
            if previous.flagged == cleaned.flagged:
                del row["flagged_at"]
            else:
                row["flagged_at"] = now.isoformat() if cleaned.flagged else None
            db.execute(
                "UPDATE entries SET "
                + ", ".join(f"{column} = :{column}" for column in row if column != "uuid")
                + " WHERE uuid = :uuid",
                row,
            )
        return updated

    @reading
    def revisions(self, entry_id: str) -> list[Revision]:
        """Earlier versions of an entry, oldest first."""
        entry = self.get(entry_id)
        return [
            revision_from_row(row)
            for row in self._db.query(
                "SELECT * FROM revisions WHERE entry_uuid = ? ORDER BY revised_at, id", [entry.id]
            )
        ]

    @reading
    def revision_count(self, entry_id: str) -> int:
        return self._db.execute(
            "SELECT count(*) FROM revisions WHERE entry_uuid = ?", [entry_id]
        ).fetchone()[0]

    # ------------------------------------------------------------------ the trash

    def delete(self, entry_id: str, now: datetime | None = None) -> Entry:
        """Move an entry to the trash (it can be restored until the trash is emptied)."""
        entry = self.get(entry_id, include_deleted=False)
        stamp = utc(now).isoformat()
        with self._write() as db:
            db.execute("UPDATE entries SET deleted_at = ? WHERE uuid = ?", [stamp, entry.id])
        return replace(entry, deleted_at=datetime.fromisoformat(stamp))

    def restore(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        if entry.deleted_at is None:
            raise EntryNotFound(f"the entry {entry.id} is not in the trash")
        with self._write() as db:
            db.execute("UPDATE entries SET deleted_at = NULL WHERE uuid = ?", [entry.id])
        return replace(entry, deleted_at=None)

    @reading
    def trash(self, limit: int = -1, offset: int = 0) -> list[Entry]:
        """Entries in the trash, most recently deleted first (a page of them, or all)."""
        return [
            entry_from_row(row)
            for row in self._db.query(
                "SELECT * FROM entries WHERE deleted_at IS NOT NULL "
                "ORDER BY deleted_at DESC, id DESC LIMIT ? OFFSET ?",
                [limit, offset],
            )
        ]

    @reading
    def trash_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL").fetchone()[0]

    def empty_trash(self, only: list[str] | None = None, keep_drafts: Iterable[str] = ()) -> int:
        """Delete entries in the trash for good, with their revisions and unsaved edits.
        `only` limits it to those ids (what the person saw when they confirmed). Unsaved edits named
        in `keep_drafts` stay: windows still open hold them, and what was typed there is not the
        trash's to take (the window can keep it as a new entry). Returns how many entries."""
        chosen = "deleted_at IS NOT NULL"
        params: list[str] = []
        if only is not None:
            chosen += f" AND uuid IN ({', '.join('?' for _ in only)})"
            params = list(only)
        kept, start = list(keep_drafts), key_start(EDIT_DRAFTS)
        with self._write() as db:
            doomed = f"SELECT uuid FROM entries WHERE {chosen}"
            db.execute(f"DELETE FROM revisions WHERE entry_uuid IN ({doomed})", params)
            db.execute(  # "edit:{id}" (the first versions) and "edit:{id}:{window}"
                f"DELETE FROM drafts WHERE key NOT IN ({', '.join('?' for _ in kept)}) AND ("
                f"key IN (SELECT ? || uuid FROM entries WHERE {chosen}) OR "
                "substr(key, 1, length(?) + instr(substr(key, length(?) + 1), ':')) "
                f"IN (SELECT ? || uuid || ':' FROM entries WHERE {chosen}))",
                [*kept, start, *params, start, start, start, *params],
            )
            cursor = db.execute(f"DELETE FROM entries WHERE {chosen}", params)
            # The search index keeps deleted words in old segments until they are merged;
            # "for good" means rewriting it now, so the words are gone from the file too.
            db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")
        return cursor.rowcount


# --------------------------------------------------------------------------- rows


def _content_equal(a: Entry, b: Entry) -> bool:
    ignore = {"id", "created_at", "updated_at", "deleted_at", "flagged"}
    return {k: v for k, v in a.to_json().items() if k not in ignore} == {
        k: v for k, v in b.to_json().items() if k not in ignore
    }


def entry_to_row(entry: Entry) -> dict[str, Any]:
    """The `entries` row for a validated entry that has its id and times."""
    assert entry.id and entry.created_at and entry.updated_at
    checkin = entry.checkin
    categories = {BEHAVIOUR_CATEGORY[b] for b in checkin.behaviours}
    return {
        "uuid": entry.id,
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
        "local_date": entry.local_date.isoformat(),
        "kind": entry.kind,
        "prompt_id": None,  # retired by m011: the answers hold the prompts
        "prompt_text": None,
        "body": entry.body,
        "answers": ANSWER_SEPARATOR.join(answer.text for answer in entry.answers),
        "answer_prompts": _to_json([[a.prompt_id, a.prompt_text] for a in entry.answers]) if entry.answers else "[]",
        "who": checkin.who,
        "relationship": checkin.relationship,
        "kinds": _slugs_json(checkin.kinds),
        "behaviours": _slugs_json(checkin.behaviours),
        "fears": _slugs_json(checkin.fears),
        "intensity": checkin.intensity,
        "close_before": int(checkin.close_before),
        "small_step": checkin.small_step,
        "predicted": checkin.predicted,
        "outcome": checkin.outcome,
        "stayed": _slugs_json(checkin.stayed),
        "urge": checkin.urge,
        "acted": checkin.acted,
        "urge_after": checkin.urge_after,
        "rung": checkin.rung,
        "stayed_close": int(checkin.stayed_close),
        "private": int(entry.private),
        "tags": _to_json(list(entry.tags)) if entry.tags else "[]",
        "flagged_at": entry.updated_at.isoformat() if entry.flagged else None,
        "withdrawal": int(WITHDRAWAL in categories),
        "sabotage": int(SABOTAGE in categories),
        "deleted_at": entry.deleted_at.isoformat() if entry.deleted_at else None,
    }


_to_json = json.JSONEncoder(ensure_ascii=False).encode
"""`json.dumps(value, ensure_ascii=False)` with its encoder made once (`dumps` makes one a call
when given any option): the same text."""


def _slugs_json(slugs: tuple[str, ...]) -> str:
    """`json.dumps(list(slugs))` for checked slugs ("a-z" and "-" only: nothing to escape), without
    the JSON encoder: an import writes four of these an entry."""
    return '["' + '", "'.join(slugs) + '"]' if slugs else "[]"


_slugs_read: dict[str, tuple[str, ...]] = {}
_prompts_read: dict[str, tuple[tuple[str, str], ...]] = {}


def _remembered(memo: dict[str, Any], read: Callable[[str], Any], stored: str | None) -> Any:
    """`read(stored)`, kept in `memo` (up to `_MEMO` of them) for the next row that holds the same."""
    if not stored or stored == "[]":
        return ()
    done = memo.get(stored)
    if done is None:
        done = read(stored)
        if len(memo) < _MEMO:
            memo[stored] = done
    return done


def _slugs(stored: str | None) -> tuple[str, ...]:
    """`_slug_list`, remembered."""
    return _remembered(_slugs_read, _slug_list, stored)


def answers_of(texts: str, prompts: str) -> tuple[Answer, ...]:
    """The answers of a stored row: the prompts as JSON, the texts joined by ANSWER_SEPARATOR."""
    if not prompts or prompts == "[]":
        return ()
    return tuple(
        Answer(prompt_id, prompt_text, text)
        for (prompt_id, prompt_text), text in zip(json.loads(prompts), texts.split(ANSWER_SEPARATOR), strict=True)
    )


_tags_read: dict[str, tuple[str, ...]] = {}


def _tags(stored: str | None) -> tuple[str, ...]:
    """`_text_list`, remembered (a journal's tags recur)."""
    return _remembered(_tags_read, _text_list, stored)


def _prompts(stored: str) -> tuple[tuple[str, str], ...]:
    """The (id, text) of each prompt answered, remembered."""
    return _remembered(_prompts_read, _prompt_list, stored)


def entries_from_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[Entry]:
    """`entry_from_row` for each row of a cursor (`columns` its names, in order), read by position
    (no dict a row); the lists that recur (slugs, prompts) are read once each."""
    at = {name: number for number, name in enumerate(columns)}
    (uuid_, created, updated, day, kind, body, texts, prompts, who, relationship, kinds, behaviours, fears,
     intensity, close_before, small_step, predicted, outcome, stayed, urge, acted, urge_after, rung, private,
     tags, flagged_at, deleted_at) = (at[name] for name in _ROW_COLUMNS)
    new, from_iso, day_from_iso = object.__new__, datetime.fromisoformat, date.fromisoformat
    separator = ANSWER_SEPARATOR
    for row in rows:
        checkin = new(CheckIn)
        checkin.__dict__.update(
            who=row[who] or "",
            relationship=row[relationship],
            kinds=_slugs(row[kinds]),
            behaviours=_slugs(row[behaviours]),
            fears=_slugs(row[fears]),
            intensity=row[intensity],
            close_before=bool(row[close_before]),
            small_step=row[small_step] or "",
            predicted=row[predicted],
            outcome=row[outcome],
            stayed=_slugs(row[stayed]),
            urge=row[urge],
            acted=row[acted],
            urge_after=row[urge_after],
            rung=row[rung],
        )
        stored = row[prompts]
        if not stored or stored == "[]":
            answers: tuple[Answer, ...] = ()
        else:
            answers = tuple(
                _answer(new, prompt_id, prompt_text, text)
                for (prompt_id, prompt_text), text in zip(_prompts(stored), row[texts].split(separator), strict=True)
            )
        entry = new(Entry)
        entry.__dict__.update(
            id=row[uuid_],
            created_at=from_iso(row[created]),
            updated_at=from_iso(row[updated]),
            local_date=day_from_iso(row[day]),
            kind=row[kind],
            answers=answers,
            body=row[body] or "",
            checkin=checkin,
            private=bool(row[private]),
            tags=_tags(row[tags]),
            flagged=row[flagged_at] is not None,
            deleted_at=from_iso(row[deleted_at]) if row[deleted_at] else None,
        )
        yield entry


def _answer(new: Any, prompt_id: str, prompt_text: str, text: str) -> Answer:
    """An Answer read back, made as `entries_from_rows` makes entries (its fields set, no __init__)."""
    answer = new(Answer)
    answer.__dict__.update(prompt_id=prompt_id, prompt_text=prompt_text, text=text)
    return answer


_ROW_COLUMNS = (
    "uuid", "created_at", "updated_at", "local_date", "kind", "body", "answers", "answer_prompts", "who",
    "relationship", "kinds", "behaviours", "fears", "intensity", "close_before", "small_step", "predicted",
    "outcome", "stayed", "urge", "acted", "urge_after", "rung", "private", "tags", "flagged_at", "deleted_at",
)


def entry_from_row(row: dict[str, Any]) -> Entry:
    """An Entry from a stored row. Rows were validated when they were written, so this skips
    the dataclass's __init__ (frozen fields cost 4 µs an entry: 0.15 s for a 36,500-entry
    export); every field is still set here, and the object is as immutable as any other."""
    checkin = object.__new__(CheckIn)
    checkin.__dict__.update(
        who=row["who"] or "",
        relationship=row["relationship"],
        kinds=_slug_list(row["kinds"]),
        behaviours=_slug_list(row["behaviours"]),
        fears=_slug_list(row["fears"]),
        intensity=row["intensity"],
        close_before=bool(row["close_before"]),
        small_step=row["small_step"] or "",
        predicted=row["predicted"],
        outcome=row["outcome"],
        stayed=_slug_list(row["stayed"]),
        urge=row["urge"],
        acted=row["acted"],
        urge_after=row["urge_after"],
        rung=row["rung"],
    )
    entry = object.__new__(Entry)
    entry.__dict__.update(
        id=row["uuid"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        local_date=date.fromisoformat(row["local_date"]),
        kind=row["kind"],
        answers=answers_of(row["answers"], row["answer_prompts"]),
        body=row["body"] or "",
        checkin=checkin,
        private=bool(row["private"]),
        tags=_text_list(row["tags"]),
        flagged=row["flagged_at"] is not None,
        deleted_at=datetime.fromisoformat(row["deleted_at"]) if row["deleted_at"] else None,
    )
    return entry


def revision_from_row(row: dict[str, Any]) -> Revision:
    return Revision(
        entry_id=row["entry_uuid"],
        revised_at=datetime.fromisoformat(row["revised_at"]),
        entry=Entry.from_json(json.loads(row["data"])),
    )
