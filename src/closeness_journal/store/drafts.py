"""Settings, and drafts: unsaved work kept so a crash or a closed terminal loses nothing.

This is the one place that spells draft keys. A key is a prefix naming what is being written,
then ":" and what tells drafts of that kind apart:

    today:{window}     the Today screen; each open window keeps its own (two never clash)
    edit:{entry id}    editing an entry; emptying the trash removes these with their entries
    review:{week}      a weekly review, by its ISO week label ("2026-W47")
    pause:{window}     a pause taken in the moment; each open window keeps its own

Keys are stored in every journal, so these spellings never change (the first versions kept
one Today draft under the bare key "today"; `drafts(TODAY_DRAFTS)` still finds it).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from closeness_journal.store.connection import JournalBase, reading, utc

TODAY_DRAFTS = "today"
EDIT_DRAFTS = "edit"
REVIEW_DRAFTS = "review"
PAUSE_DRAFTS = "pause"
_SEPARATOR = ":"


def key_start(prefix: str) -> str:
    """What every draft key under `prefix` starts with ("edit" -> "edit:")."""
    return prefix + _SEPARATOR


def today_draft_key(window: str) -> str:
    """The key of one Today window's draft."""
    return key_start(TODAY_DRAFTS) + window


def edit_draft_key(entry_id: str) -> str:
    """The key of the unsaved edit of an entry."""
    return key_start(EDIT_DRAFTS) + entry_id


def review_draft_key(week: str) -> str:
    """The key of a week's unsaved review (`week` as `iso_week_label` gives it)."""
    return key_start(REVIEW_DRAFTS) + week


def pause_draft_key(window: str) -> str:
    """The key of one window's unfinished pause."""
    return key_start(PAUSE_DRAFTS) + window


class DraftsMixin(JournalBase):
    """`Journal`'s settings and drafts (values are stored as JSON)."""

    @reading
    def setting(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as db:
            db["settings"].upsert({"key": key, "value": json.dumps(value)}, pk="key")

    def save_draft(self, key: str, data: dict[str, Any], now: datetime | None = None) -> None:
        """Keep unsaved work (the TUI's form) so a crash or a closed terminal loses nothing."""
        with self._write() as db:
            db["drafts"].upsert(
                {"key": key, "saved_at": utc(now).isoformat(), "data": json.dumps(data)}, pk="key"
            )

    @reading
    def draft(self, key: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT data FROM drafts WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else None

    def discard_draft(self, key: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE key = ?", [key])

    def drafts(self, prefix: str) -> list[tuple[str, dict[str, Any]]]:
        """Every draft whose key is `prefix` or starts with `prefix:`, oldest first."""
        return [
            (row[0], json.loads(row[1]))
            for row in self._db.execute(
                "SELECT key, data FROM drafts WHERE key = ? OR key LIKE ? ORDER BY saved_at",
                [prefix, key_start(prefix) + "%"],
            )
        ]
