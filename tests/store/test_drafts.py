"""Settings and drafts, and the draft keys (stored in every journal, so they never change)."""

from datetime import UTC, date, datetime

from closeness_journal.core.entries import Entry

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


def test_settings_and_drafts(journal):
    assert journal.setting("shuffle:2026-11-18", 0) == 0
    journal.set_setting("shuffle:2026-11-18", 2)
    assert journal.setting("shuffle:2026-11-18") == 2
    journal.save_draft("today", {"body": "half a thought"})
    assert journal.draft("today") == {"body": "half a thought"}
    journal.discard_draft("today")
    assert journal.draft("today") is None


def test_emptying_the_trash_removes_unsaved_edits_and_only_what_was_shown(journal):
    shown = journal.add(Entry(DAY, body="shown"), now=NOW)
    later = journal.add(Entry(DAY, body="deleted later"), now=NOW)
    journal.save_draft(f"edit:{shown.id}", {"body": "half an edit"})
    journal.delete(shown.id)
    journal.delete(later.id)
    assert journal.empty_trash(only=[shown.id]) == 1
    assert journal.draft(f"edit:{shown.id}") is None
    assert [e.id for e in journal.trash()] == [later.id] and journal.trash_count() == 1

