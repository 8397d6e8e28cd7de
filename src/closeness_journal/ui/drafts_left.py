"""Taking over the drafts closed windows left (Today, the pause, an entry's edit).

A window that opens finds what closed windows left unsaved, merges it and holds it under its own
key, in one step (`Journal.adopt_drafts`): two windows opened at the same moment both found the
same drafts, each restored them, and the text doubled at every round.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from closeness_journal.store import Journal, JournalError


def take_over(journal: Journal, keys: Sequence[str], mine: str, merged: dict[str, Any]) -> list[str] | None:
    """Hold the drafts `keys` as this window's `mine`, holding `merged`. None when another window
    took them over first (restore nothing of them); else the keys still to discard once this
    window's draft is first kept: none, or all of them when the journal can't be written now (busy,
    read-only), so nothing is lost meanwhile."""
    try:
        return [] if journal.adopt_drafts(keys, mine, merged) else None
    except JournalError:
        return [key for key in keys if key != mine]
