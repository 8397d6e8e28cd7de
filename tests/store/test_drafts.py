"""Settings and drafts, and the draft keys (stored in every journal, so they never change)."""

from datetime import UTC, date, datetime, timedelta

from closeness_journal.core.entries import Entry
from closeness_journal.store import (
    EDIT_DRAFTS,
    REVIEW_DRAFTS,
    TODAY_DRAFTS,
    edit_draft_key,
    review_draft_key,
    today_draft_key,
)

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


def test_draft_keys_are_spelled_as_journals_already_store_them():
    assert today_draft_key("3f2a") == "today:3f2a"
    assert edit_draft_key("0c1d-aa") == "edit:0c1d-aa"
    assert review_draft_key("2026-W47") == "review:2026-W47"
    assert (TODAY_DRAFTS, EDIT_DRAFTS, REVIEW_DRAFTS) == ("today", "edit", "review")


def test_drafts_of_a_kind_are_found_by_their_prefix_and_no_others(journal):
    journal.save_draft(today_draft_key("a"), {"n": 1}, now=NOW)
    journal.save_draft(edit_draft_key("1234"), {"n": 2}, now=NOW)
    journal.save_draft("todays-other:x", {"n": 3}, now=NOW)
    journal.save_draft("today", {"n": 0}, now=NOW - timedelta(days=1))  # as the first versions kept it
    assert journal.drafts(TODAY_DRAFTS) == [("today", {"n": 0}), ("today:a", {"n": 1})]
    assert journal.drafts(EDIT_DRAFTS) == [("edit:1234", {"n": 2})]
