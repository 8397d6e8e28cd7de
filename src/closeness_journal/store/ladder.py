"""The small-steps ladder: rungs one at a time (add, edit, retire; never deleted), and the
attempts at them, which are the entries whose check-in names a rung (read in SQL, never copied)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from closeness_journal.store.connection import JournalBase, reading, utc
from closeness_journal.store.errors import JournalError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any

    from closeness_journal.core.ladder import Attempt, LadderRung, Rung


class RungNotFound(JournalError, LookupError):
    """No rung has that id (or more than one starts with it). A LookupError too, so the core can
    catch it without knowing the store."""


class LadderMixin(JournalBase):
    """`Journal`'s rungs and the attempts at them."""

    def add_rung(self, rung: Rung, now: datetime | None = None) -> Rung:
        """Save a new rung and return it with its id and times."""
        import uuid  # only when a rung is added: an export never loads it
        from dataclasses import replace  # nor dataclasses (and inspect)

        stamp = utc(now)
        rung = replace(rung.validated(), id=rung.id or str(uuid.uuid4()), created_at=stamp, updated_at=stamp,
                       retired_at=None)
        with self._write() as db:
            db["rungs"].insert(rung_to_row(rung))
        return rung

    def add_rungs(self, rungs: Iterable[Rung]) -> int:
        """Save rungs that already have their ids and times (the demo journal), in one transaction."""
        rows = [rung_to_row(rung.validated()) for rung in rungs]
        with self._write() as db:
            db["rungs"].insert_all(rows)
        return len(rows)

    @reading
    def rung(self, id_or_prefix: str) -> Rung:
        """The rung whose id is, or starts with, the given text (at least 4 characters)."""
        key = id_or_prefix.strip().lower()
        if len(key) < 4 or not re.fullmatch(r"[0-9a-f-]+", key):
            raise RungNotFound(f"{id_or_prefix!r} is not a rung's id (use at least its first 4 characters)")
        rows = list(
            self._db.query("SELECT * FROM rungs WHERE uuid >= ? AND uuid < ? LIMIT 2", [key, key + "\uffff"])
        )
        if not rows:
            raise RungNotFound(f"no rung has the id {id_or_prefix!r}")
        if len(rows) > 1 and rows[0]["uuid"] != key:
            raise RungNotFound(f"more than one rung starts with {id_or_prefix!r}; give more of the id")
        return rung_from_row(rows[0])

    def update_rung(self, rung: Rung, now: datetime | None = None) -> Rung:
        """Change a rung's words, how hard it feels or who it is with (its attempts stay with it)."""
        if rung.id is None:
            raise ValueError("update_rung() needs a rung that has an id")
        from dataclasses import replace  # an export never loads dataclasses (and inspect)

        cleaned = rung.validated()
        with self._write() as db:
            previous = self.rung(rung.id)
            if (previous.text, previous.hard, previous.who) == (cleaned.text, cleaned.hard, cleaned.who):
                return previous
            updated = replace(cleaned, id=previous.id, created_at=previous.created_at, updated_at=utc(now),
                              retired_at=previous.retired_at)
            db.execute(
                "UPDATE rungs SET text = ?, hard = ?, who = ?, updated_at = ? WHERE uuid = ?",
                [updated.text, updated.hard, updated.who, _iso(updated.updated_at), updated.id],
            )
        return updated

    def retire_rung(self, rung_id: str, now: datetime | None = None) -> Rung:
        """Take a rung off the ladder; it and its attempts are kept (a retired rung stays retired)."""
        from dataclasses import replace  # an export never loads dataclasses (and inspect)

        stamp = utc(now)
        with self._write() as db:
            rung = self.rung(rung_id)
            if rung.retired:
                return rung
            db.execute("UPDATE rungs SET retired_at = ?, updated_at = ? WHERE uuid = ?",
                       [stamp.isoformat(), stamp.isoformat(), rung.id])
        return replace(rung, retired_at=stamp, updated_at=stamp)

    @reading
    def rungs(self, retired: bool = False) -> list[Rung]:
        """The rungs (retired ones too when asked), in the order they were added."""
        where = "" if retired else " WHERE retired_at IS NULL"
        return [rung_from_row(row) for row in self._db.query(f"SELECT * FROM rungs{where} ORDER BY created_at, id")]

    @reading
    def attempts(
        self, since: date | None = None, until: date | None = None, include_private: bool = True,
        rung: str | None = None,
    ) -> list[Attempt]:
        """The entries (outside the trash) that tried a rung, oldest first, optionally within days
        or for one rung."""
        # The attempts are found through idx_entries_rung (partial: rungs only); the unary `+`
        # keeps SQLite from walking every entry of the range in the date index instead.
        clauses, params = ["rung IS NOT NULL", "+deleted_at IS NULL"], []
        if rung is not None:
            clauses.append("rung = ?")
            params.append(rung)
        if since is not None:
            clauses.append("+local_date >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("+local_date <= ?")
            params.append(until.isoformat())
        if not include_private:
            clauses.append("+private = 0")
        from closeness_journal.core.ladder import Attempt

        return [
            Attempt(row[0], row[1], date.fromisoformat(row[2]), row[3], row[4])
            for row in self._db.execute(
                f"SELECT rung, uuid, local_date, predicted, outcome FROM entries WHERE {' AND '.join(clauses)} "
                "ORDER BY local_date, created_at, uuid",
                params,
            )
        ]

    def ladder(
        self, retired: bool = False, since: date | None = None, until: date | None = None,
        include_private: bool = True,
    ) -> tuple[LadderRung, ...]:
        """Each rung with its attempts, easiest first (see `core.ladder.build_ladder`). With no rungs,
        none (and the ladder's model is not imported: an export of a journal without a ladder
        does without it)."""
        rungs = self.rungs(retired=retired)
        if not rungs:
            return ()
        from closeness_journal.core.ladder import build_ladder

        return build_ladder(rungs, self.attempts(since, until, include_private), retired)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def rung_to_row(rung: Rung) -> dict[str, Any]:
    """The `rungs` row for a validated rung that has its id and times."""
    assert rung.id and rung.created_at and rung.updated_at
    return {
        "uuid": rung.id,
        "text": rung.text,
        "hard": rung.hard,
        "who": rung.who,
        "created_at": rung.created_at.isoformat(),
        "updated_at": rung.updated_at.isoformat(),
        "retired_at": _iso(rung.retired_at),
    }


def rung_from_row(row: dict[str, Any]) -> Rung:
    from closeness_journal.core.ladder import Rung

    return Rung(
        text=row["text"],
        hard=row["hard"],
        who=row["who"] or "",
        id=row["uuid"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        retired_at=datetime.fromisoformat(row["retired_at"]) if row["retired_at"] else None,
    )
