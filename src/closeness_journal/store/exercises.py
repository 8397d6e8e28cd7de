"""Exercise rounds (core/exercises.py): one row a round, its turns as JSON."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from closeness_journal.core.exercises import Round
from closeness_journal.store.connection import JournalBase, reading, utc
from closeness_journal.store.errors import JournalError


class RoundNotFound(JournalError):
    """No exercise round has the id (or id prefix) asked for, or more than one does."""


class ExercisesMixin(JournalBase):
    """`Journal`'s exercise rounds."""

    def save_round(self, round_: Round, now: datetime | None = None) -> Round:
        """Save a round (new, or a turn further on); returns it with its times set."""
        stamp = utc(now).isoformat()
        with self._write() as db:
            row = db.execute("SELECT created_at FROM exercise_rounds WHERE id = ?", [round_.id]).fetchone()
            saved = replace(round_, created_at=row[0] if row else (round_.created_at or stamp), updated_at=stamp)
            db["exercise_rounds"].upsert(_to_row(saved), pk="id")
        return saved

    @reading
    def round(self, id_or_prefix: str) -> Round:
        """The round whose id is, or starts with, the given text (at least 4 characters)."""
        key = id_or_prefix.strip().lower()
        if len(key) < 4 or not re.fullmatch(r"[0-9a-f-]+", key):
            raise RoundNotFound(f"{id_or_prefix!r} is not an exercise round's id (use at least the first 4 characters)")
        rows = list(
            self._db.query("SELECT * FROM exercise_rounds WHERE id >= ? AND id < ? LIMIT 2", [key, key + "\uffff"])
        )
        if not rows:
            raise RoundNotFound(f"no exercise round has the id {id_or_prefix!r}")
        if len(rows) > 1 and rows[0]["id"] != key:
            raise RoundNotFound(f"more than one exercise round starts with {id_or_prefix!r}; give more of the id")
        return _from_row(rows[0])

    @reading
    def rounds(self, exercise: str | None = None) -> list[Round]:
        """Saved rounds (of one exercise, or all), most recent first."""
        where, params = ("WHERE exercise = ?", [exercise]) if exercise else ("", [])
        return [
            _from_row(row)
            for row in self._db.query(
                f"SELECT * FROM exercise_rounds {where} ORDER BY local_date DESC, updated_at DESC, id", params
            )
        ]

    def discard_round(self, round_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM exercise_rounds WHERE id = ?", [round_id])


def dump_rounds(db: Database) -> list[Round]:
    """Every round, oldest first (for the JSON archive)."""
    return [_from_row(row) for row in db.query("SELECT * FROM exercise_rounds ORDER BY local_date, created_at, id")]


def merge_rounds(db: Database, rounds: list[Round]) -> int:
    """Add the rounds the journal doesn't have yet (by id), inside the caller's transaction."""
    added = 0
    for round_ in rounds:
        row = _to_row(round_)
        row["created_at"] = row["created_at"] or utc(None).isoformat()
        row["updated_at"] = row["updated_at"] or row["created_at"]
        cursor = db.execute(
            f"INSERT OR IGNORE INTO exercise_rounds ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        )
        added += cursor.rowcount
    return added


def _to_row(round_: Round) -> dict[str, Any]:
    data = round_.to_json()
    return {
        "id": round_.id,
        "exercise": round_.exercise,
        "title": round_.title,
        "local_date": round_.local_date.isoformat(),
        "people": round_.people,
        "turns": json.dumps(data["turns"], ensure_ascii=False),
        "created_at": round_.created_at,
        "updated_at": round_.updated_at,
    }


def _from_row(row: dict[str, Any]) -> Round:
    from closeness_journal.core.exercises import Round, read_round

    data = dict(row, turns=json.loads(row["turns"] or "[]"))
    try:
        return read_round(data, "round")
    except ValueError:  # written by this code, so only damage can get here: keep what can be read
        return Round(row["id"], row["exercise"], row["title"], date.fromisoformat(row["local_date"]), row["people"])
