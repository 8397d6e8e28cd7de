"""Settings, and drafts: unsaved work kept so a crash or a closed terminal loses nothing.

This is the one place that spells draft keys. A key is a prefix naming what is being written,
then ":" and what tells drafts of that kind apart:

    today:{window}     the Today screen; each open window keeps its own (two never clash)
    edit:{entry id}:{pid}@{host}
                       editing an entry, by the window editing it (two windows editing one entry
                       never share a draft); emptying the trash removes these with their entries,
                       except those a window still open holds. The first versions kept one under
                       "edit:{entry id}" for every window: it counts as left behind.
    review:{week}      a weekly review, by its ISO week label ("2026-W47")
    pause:{window}     a pause taken in the moment; each open window keeps its own

Keys are stored in every journal, so these spellings never change (the first versions kept
one Today draft under the bare key "today"; `drafts(TODAY_DRAFTS)` still finds it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime

from closeness_journal.store.connection import JournalBase, reading, utc

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:  # core.today brings the prompts and the review: `list` does without them
    from typing import Any

    from closeness_journal.core.today import Window

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


def edit_draft_key(entry_id: str, window: Window | None = None) -> str:
    """The key of one window's unsaved edit of an entry (without a window: the key the first
    versions shared between every window, read still)."""
    key = key_start(EDIT_DRAFTS) + entry_id
    return key if window is None else f"{key}{_SEPARATOR}{window.pid}@{window.host}"


def edit_draft_owner(key: str) -> tuple[str, Window | None] | None:
    """The entry id and the window an edit draft's key names (None for the window of a key from
    the first versions, or one that is damaged); None when the key is not an edit draft's."""
    start = key_start(EDIT_DRAFTS)
    if not key.startswith(start):
        return None
    entry_id, _, owner = key[len(start):].partition(_SEPARATOR)
    pid, at, host = owner.partition("@")
    from closeness_journal.core.today import Window

    window = Window(int(pid), host) if at and pid.isascii() and pid.isdigit() and host else None
    return entry_id, window


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

    # Settings and drafts are written in plain SQL (an upsert on the key): the window writes the
    # day's prompts and saves drafts as you type, and neither should wait for sqlite-utils' import
    # (about 0.2 s) before the first frame of the day or at the first autosave.

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )

    def save_draft(self, key: str, data: dict[str, Any], now: datetime | None = None) -> None:
        """Keep unsaved work (the TUI's form) so a crash or a closed terminal loses nothing.
        Drafts belong to the screen that typed them: saving one doesn't count as a change for the
        other screens (`change_token`), which would otherwise read everything again when you go to
        them after typing."""
        with self._write(changes_data=False) as db:
            db.execute(
                "INSERT INTO drafts (key, saved_at, data) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at, data = excluded.data",
                [key, utc(now).isoformat(), json.dumps(data)],
            )

    @reading
    def draft(self, key: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT data FROM drafts WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else None

    def discard_draft(self, key: str) -> None:
        with self._write(changes_data=False) as db:  # as `save_draft`
            db.execute("DELETE FROM drafts WHERE key = ?", [key])

    def adopt_drafts(self, keys: Sequence[str], key: str, data: dict[str, Any], now: datetime | None = None) -> bool:
        """Take over drafts closed windows left (`keys`) as this window's draft `key`, holding
        `data` (them, merged), in one step: False, and nothing changed, when another window took
        any of them first (two windows opened at the same moment both found them)."""
        with self._write() as db:
            marks = ",".join("?" * len(keys))
            present = db.execute(f"SELECT count(*) FROM drafts WHERE key IN ({marks})", list(keys)).fetchone()[0]
            if present != len(set(keys)):
                return False
            db.execute(
                "INSERT INTO drafts (key, saved_at, data) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at, data = excluded.data",
                [key, utc(now).isoformat(), json.dumps(data)],
            )
            db.execute(f"DELETE FROM drafts WHERE key IN ({marks}) AND key != ?", [*keys, key])
        return True

    def edit_drafts(self, entry_id: str) -> list[tuple[str, Window | None, dict[str, Any]]]:
        """Every window's unsaved edit of an entry (key, window, data), oldest first; a draft kept
        by the first versions, for every window, comes with no window."""
        found = []
        for key, data in self.drafts(key_start(EDIT_DRAFTS) + entry_id):
            owner = edit_draft_owner(key)
            if owner is not None and owner[0] == entry_id:
                found.append((key, owner[1], data))
        return found

    @reading
    def orphaned_edits(self) -> list[tuple[str, Window | None, dict[str, Any]]]:
        """Unsaved edits (key, window, data) of entries that no longer exist (deleted for good
        while a window was editing them), oldest first."""
        found = []
        for key, data in self.drafts(EDIT_DRAFTS):
            owner = edit_draft_owner(key)
            if owner is None or self._db.execute("SELECT 1 FROM entries WHERE uuid = ?", [owner[0]]).fetchone():
                continue
            found.append((key, owner[1], data))
        return found

    def edit_drafts_held(self, held: Callable[[Window | None], bool]) -> list[str]:
        """The keys of unsaved edits (of any entry) whose window `held` says is open."""
        return [key for key, _ in self.drafts(EDIT_DRAFTS) if (owner := edit_draft_owner(key)) and held(owner[1])]

    def drafts(self, prefix: str) -> list[tuple[str, dict[str, Any]]]:
        """Every draft whose key is `prefix` or starts with `prefix:`, oldest first."""
        return [
            (row[0], json.loads(row[1]))
            for row in self._db.execute(
                "SELECT key, data FROM drafts WHERE key = ? OR key LIKE ? ORDER BY saved_at",
                [prefix, key_start(prefix) + "%"],
            )
        ]
