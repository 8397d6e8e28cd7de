"""Weekly reviews: a week's answers, one row a week, each earlier version kept."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from closeness_journal.store.connection import JournalBase, reading, utc
from closeness_journal.store.entries import _slugs
from closeness_journal.store.entry_rows import stored_headline

if TYPE_CHECKING:
    from closeness_journal.core.review import SavedReview, WeekEntry

_WEEK_ENTRIES = (
    "SELECT uuid, local_date, created_at, answers, answer_prompts, body, behaviours, close_before, small_step, "
    "predicted, outcome, stayed, urge, acted FROM entries WHERE deleted_at IS NULL AND local_date >= ? "
    "AND local_date <= ? ORDER BY local_date DESC, created_at DESC, uuid DESC"
)
"""The entries of some days outside the trash (private ones too: the review is your own), newest
first as `entries` gives them, with only what the review reads of them."""


class ReviewsMixin(JournalBase):
    """`Journal`'s saved weekly reviews (weeks as `iso_week_label` gives them: "2026-W47")."""

    def save_review(self, review: SavedReview, now: datetime | None = None) -> SavedReview:
        """Save a week's answers; an earlier version of that week's review is kept."""
        stamp = utc(now).isoformat()
        data = review.to_json()
        with self._write() as db:
            rows = list(db.query("SELECT * FROM reviews WHERE week = ?", [review.week]))
            created = stamp
            if rows:
                previous = review_from_row(rows[0])
                created = previous.created_at or stamp
                db["review_revisions"].insert(
                    {
                        "week": review.week,
                        "revised_at": stamp,
                        "data": json.dumps(previous.to_json(), ensure_ascii=False),
                    }
                )
            db["reviews"].upsert(
                {
                    "week": review.week,
                    "created_at": created,
                    "updated_at": stamp,
                    "answers": json.dumps(data["answers"], ensure_ascii=False),
                    "next_step": review.next_step,
                    "next_rung": review.next_rung,
                },
                pk="week",
            )
        return replace(review, created_at=created, updated_at=stamp)

    @reading
    def has_review(self, week: str) -> bool:
        """Whether that week's review is saved (Today asks, without loading the review's code)."""
        return self._db.execute("SELECT 1 FROM reviews WHERE week = ?", [week]).fetchone() is not None

    @reading
    def review(self, week: str) -> SavedReview | None:
        rows = list(self._db.query("SELECT * FROM reviews WHERE week = ?", [week]))
        return review_from_row(rows[0]) if rows else None

    @reading
    def reviews(
        self, limit: int = -1, offset: int = 0, since: str | None = None, until: str | None = None
    ) -> list[SavedReview]:
        """Saved reviews, newest week first (optionally only weeks in [since, until])."""
        clauses, params = ["1"], []
        if since:
            clauses.append("week >= ?")
            params.append(since)
        if until:
            clauses.append("week <= ?")
            params.append(until)
        return [
            review_from_row(row)
            for row in self._db.query(
                f"SELECT * FROM reviews WHERE {' AND '.join(clauses)} ORDER BY week DESC LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]

    @reading
    def week_entries(self, since: date, until: date) -> list[WeekEntry]:
        """The entries of the days from `since` to `until` as the weekly review reads them: what
        `core.review.week_entry` makes of `entries(EntryFilter(since=since, until=until), limit=-1)`
        (`tests/store/test_week_entries.py` compares the two), without making each `Entry`: a
        week of 200 entries and the week before took about 9 ms of each open of the review."""
        from closeness_journal.core.review import WeekEntry

        found = []
        for row in self._db.execute(_WEEK_ENTRIES, [since.isoformat(), until.isoformat()]):
            uuid, day, created, answers, prompts, body, behaviours, close_before, step, *rest = row
            predicted, outcome, stayed, urge, acted = rest
            found.append(WeekEntry(
                uuid, date.fromisoformat(day), datetime.fromisoformat(created),
                stored_headline(prompts, answers, body, step), behaviours=_slugs(behaviours),
                close_before=bool(close_before), small_step=step or "", predicted=predicted, outcome=outcome,
                stayed=_slugs(stayed), urge=urge, acted=acted,
            ))
        return found

    @reading
    def review_revision_count(self, week: str) -> int:
        return self._db.execute("SELECT count(*) FROM review_revisions WHERE week = ?", [week]).fetchone()[0]


def review_from_row(row: dict[str, Any]) -> SavedReview:
    from closeness_journal.core.review import SavedReview

    items = json.loads(row["answers"] or "[]")
    return SavedReview(
        week=row["week"],
        answers={item["prompt_id"]: item["answer"] for item in items},
        questions={item["prompt_id"]: item.get("question", "") for item in items},
        next_step=row["next_step"] or "",
        next_rung=row.get("next_rung"),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
