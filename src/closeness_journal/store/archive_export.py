"""The JSON archive's document, read for an export (`Journal.archive_document`), and `ArchiveReader`,
the journal opened for a JSON export.

The document is `dump().to_json(exported_at)` (core/archive_format.py) key for key, made from the
rows: the entries (`archived`) and the weekly reviews without building the journal's objects, so
a JSON export imports neither the archive's reading side nor the weekly review, the exercises or
the prompt library (about 25 ms of a small journal's export). What few journals hold (review
revisions, exercise rounds) is read through those objects, imported only when there are some.
`tests/store/test_archive_export.py` checks the document against `dump()`'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from closeness_journal.core.archive_version import FORMAT, FORMAT_VERSION, revision_json
from closeness_journal.store.connection import JournalBase, reading, reading_as_they_go
from closeness_journal.store.entries import EntriesMixin, revision_from_row
from closeness_journal.store.exercises import dump_rounds
from closeness_journal.store.exports import ExportReader
from closeness_journal.store.ladder import rung_from_row


class ArchiveExportMixin(JournalBase):
    """`Journal`'s JSON archive document."""

    @reading
    def archive_document(self, exported_at: str) -> dict[str, Any]:
        """`dump().to_json(exported_at)`, with the entries and revisions as iterators, read from
        the journal as they are written out (memory stays flat whatever the journal's size)."""
        db = self._db
        review_revisions = [
            {"week": row["week"], "revised_at": row["revised_at"], "review": _read_review(row["data"]).to_json()}
            for row in db.query("SELECT * FROM review_revisions ORDER BY week, revised_at, id")
        ]
        settings = {row["key"]: json.loads(row["value"]) for row in db.query("SELECT * FROM settings")}
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": exported_at,
            "entries": self.archive_entries(),  # type: ignore[attr-defined]
            "revisions": reading_as_they_go(self._revisions_json()),
            "reviews": [review_json(row) for row in db.query("SELECT * FROM reviews ORDER BY week")],
            "review_revisions": review_revisions,
            "settings": dict(sorted(settings.items())),
            "drafts": [
                {"key": row["key"], "saved_at": row["saved_at"], "data": json.loads(row["data"])}
                for row in db.query("SELECT * FROM drafts ORDER BY key")
            ],
            "exercises": [round_.to_json() for round_ in dump_rounds(db)],
            "rungs": [
                rung_from_row(row).to_json() for row in db.query("SELECT * FROM rungs ORDER BY created_at, uuid")
            ],
        }

    def _revisions_json(self) -> Iterator[dict[str, Any]]:
        for row in self._db.query("SELECT * FROM revisions ORDER BY entry_uuid, revised_at, id"):
            yield revision_json(revision_from_row(row))


def review_json(row: dict[str, Any]) -> dict[str, Any]:
    """`review_from_row(row).to_json()` (store/reviews.py, core/review.py), without the `SavedReview`."""
    items = json.loads(row["answers"] or "[]")
    answers = {item["prompt_id"]: item["answer"] for item in items}
    questions = {item["prompt_id"]: item.get("question", "") for item in items}
    return {
        "week": row["week"],
        "answers": [
            {"prompt_id": key, "question": questions.get(key, ""), "answer": value} for key, value in answers.items()
        ],
        "next_step": row["next_step"] or "",
        "next_rung": row.get("next_rung"),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def _read_review(data: str) -> Any:
    """A review revision's review as `dump()` reads it (few journals hold any: the archive's reading
    side, and the weekly review with it, is imported only for them)."""
    from closeness_journal.core import archive_format

    return archive_format.read_review(json.loads(data), "review")


class ArchiveReader(ArchiveExportMixin, EntriesMixin, ExportReader):
    """The journal opened for a JSON export: what the archive reads (everything, as rows), its
    counts, and the record of the export it writes, without importing the rest of `Journal`.
    Opening it is opening a `Journal`: the same checks of the file and its privacy, and a journal
    that needs migrating is migrated first."""
