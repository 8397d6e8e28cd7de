"""Edits of entries deleted for good: what a window typed while the trash was emptied in another.

That window's draft stays when the trash is emptied (`store.entries.empty_trash` leaves what open
windows hold). If the window closes without saving it, the next window to open keeps the words as
a new entry and says so: what was typed is the person's, not the trash's.
"""

from __future__ import annotations

from datetime import date

from textual.app import App

from closeness_journal.core.dates import long_date
from closeness_journal.core.entries import Entry, InvalidEntry
from closeness_journal.core.wording import plural
from closeness_journal.store import Journal, JournalError


def keep_orphaned_edits(app: App, journal: Journal, today: date) -> list[Entry]:
    """Save each unsaved edit a closed window left of an entry deleted for good as a new entry, and
    tell the person. Returns the entries added (almost always none: then nothing more is loaded)."""
    try:
        orphans = journal.orphaned_edits()
    except JournalError:
        return []
    if not orphans:
        return []
    from closeness_journal.core.edit_draft import drafts_to_take, entry_from_draft
    from closeness_journal.windows import process_alive, this_window

    kept: list[Entry] = []
    for key, data in drafts_to_take(orphans, this_window(), process_alive):
        try:
            entry = entry_from_draft(data, today)
            if entry.is_empty():
                journal.discard_draft(key)
            else:
                kept.append(journal.add(entry, draft=key))
        except (InvalidEntry, JournalError):
            pass  # the draft stays: next time, and `check` tells of it
    if kept:
        days = sorted({entry.local_date for entry in kept})
        kept_as = "a new entry" if len(kept) == 1 else plural(len(kept), "new entry", "new entries")
        app.notify(
            "An entry was deleted for good in another window while you were editing it. What you had typed "
            f"is kept as {kept_as}, for {', '.join(long_date(d) for d in days)}.",
            title="Your words are kept", timeout=15,
        )
    return kept
