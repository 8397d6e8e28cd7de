"""Settings and drafts, and the draft keys (stored in every journal, so they never change)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal.core.entries import Entry
from closeness_journal.core.today import Window
from closeness_journal.store import (
    EDIT_DRAFTS,
    REVIEW_DRAFTS,
    TODAY_DRAFTS,
    Journal,
    edit_draft_key,
    review_draft_key,
    today_draft_key,
)
from closeness_journal.store.drafts import edit_draft_owner

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
    assert edit_draft_key("0c1d-aa") == "edit:0c1d-aa"  # as the first versions kept it, for every window
    assert edit_draft_key("0c1d-aa", Window(4242, "desk")) == "edit:0c1d-aa:4242@desk"
    assert review_draft_key("2026-W47") == "review:2026-W47"
    assert (TODAY_DRAFTS, EDIT_DRAFTS, REVIEW_DRAFTS) == ("today", "edit", "review")


def test_drafts_of_a_kind_are_found_by_their_prefix_and_no_others(journal):
    journal.save_draft(today_draft_key("a"), {"n": 1}, now=NOW)
    journal.save_draft(edit_draft_key("1234"), {"n": 2}, now=NOW)
    journal.save_draft("todays-other:x", {"n": 3}, now=NOW)
    journal.save_draft("today", {"n": 0}, now=NOW - timedelta(days=1))  # as the first versions kept it
    assert journal.drafts(TODAY_DRAFTS) == [("today", {"n": 0}), ("today:a", {"n": 1})]
    assert journal.drafts(EDIT_DRAFTS) == [("edit:1234", {"n": 2})]


@pytest.fixture
def on_disk(tmp_path):
    """A journal in a real file (as two windows share it)."""
    journal = Journal.open(tmp_path / "journal.db")
    yield journal
    journal.close()


def test_an_edit_drafts_key_names_its_entry_and_its_window():
    desk = Window(4242, "desk.local")
    assert edit_draft_owner(edit_draft_key("0c1d-aa", desk)) == ("0c1d-aa", desk)
    assert edit_draft_owner("edit:0c1d-aa") == ("0c1d-aa", None)  # the first versions: no window
    assert edit_draft_owner("edit:0c1d-aa:x@desk") == ("0c1d-aa", None)  # damaged: no window either
    assert edit_draft_owner("today:0c1d-aa") is None


def test_each_window_keeps_its_own_edit_of_one_entry(on_disk):
    journal = on_disk
    entry = journal.add(Entry(DAY, body="shared"), now=NOW)
    other = journal.add(Entry(DAY, body="another"), now=NOW)
    a, b = Window(101, "desk"), Window(202, "desk")
    journal.save_draft(edit_draft_key(entry.id), {"body": "from an old version"}, now=NOW - timedelta(hours=1))
    journal.save_draft(edit_draft_key(entry.id, a), {"body": "A typed"}, now=NOW)
    journal.save_draft(edit_draft_key(entry.id, b), {"body": "B typed"}, now=NOW + timedelta(minutes=1))
    journal.save_draft(edit_draft_key(other.id, a), {"body": "A elsewhere"}, now=NOW)
    assert journal.edit_drafts(entry.id) == [
        (f"edit:{entry.id}", None, {"body": "from an old version"}),
        (f"edit:{entry.id}:101@desk", a, {"body": "A typed"}),
        (f"edit:{entry.id}:202@desk", b, {"body": "B typed"}),
    ]
    journal.discard_draft(edit_draft_key(entry.id, a))  # A saved: B's stays
    assert journal.draft(edit_draft_key(entry.id, b)) == {"body": "B typed"}


def test_emptying_the_trash_keeps_the_edits_windows_still_open_hold(on_disk):
    journal = on_disk
    entry = journal.add(Entry(DAY, body="being edited"), now=NOW)
    kept = journal.add(Entry(DAY, body="not in the trash"), now=NOW)
    open_window, closed_window = Window(101, "desk"), Window(202, "desk")
    for key in (edit_draft_key(entry.id), edit_draft_key(entry.id, open_window),
                edit_draft_key(entry.id, closed_window), edit_draft_key(kept.id, closed_window)):
        journal.save_draft(key, {"body": key}, now=NOW)
    journal.delete(entry.id)
    held = journal.edit_drafts_held(lambda owner: owner == open_window)
    assert held == [edit_draft_key(entry.id, open_window)]
    assert journal.empty_trash(keep_drafts=held) == 1
    assert [key for key, _ in journal.drafts(EDIT_DRAFTS)] == [
        edit_draft_key(entry.id, open_window),  # the open window's words stay with it
        edit_draft_key(kept.id, closed_window),  # another entry's draft is not the trash's
    ]


def test_edits_of_entries_deleted_for_good_are_found_and_become_entries_at_once(on_disk):
    journal = on_disk
    gone = journal.add(Entry(DAY, body="deleted for good"), now=NOW)
    here = journal.add(Entry(DAY, body="still here"), now=NOW)
    window = Window(101, "desk")
    journal.save_draft(edit_draft_key(gone.id, window), {"body": "typed while it went"}, now=NOW)
    journal.save_draft(edit_draft_key(here.id, window), {"body": "an ordinary edit"}, now=NOW)
    journal.delete(gone.id)
    journal.empty_trash(keep_drafts=[edit_draft_key(gone.id, window)])
    assert journal.orphaned_edits() == [(edit_draft_key(gone.id, window), window, {"body": "typed while it went"})]
    added = journal.add(Entry(DAY, body="typed while it went"), draft=edit_draft_key(gone.id, window))
    assert journal.orphaned_edits() == [] and journal.get(added.id).body == "typed while it went"
    assert journal.draft(edit_draft_key(here.id, window)) == {"body": "an ordinary edit"}


def test_an_upsert_keeps_one_row_a_key_and_replaces_its_value(journal):
    journal.set_setting("deeper:2026-11-18", {"prompt": "a"})
    journal.set_setting("deeper:2026-11-18", {"prompt": "b"})
    journal.save_draft("today:w", {"body": "one"}, now=NOW)
    journal.save_draft("today:w", {"body": "two"}, now=NOW + timedelta(minutes=1))
    rows = journal._db.execute("SELECT key, value FROM settings WHERE key LIKE 'deeper:%'").fetchall()
    assert rows == [("deeper:2026-11-18", '{"prompt": "b"}')]
    drafts = journal._db.execute("SELECT key, saved_at, data FROM drafts").fetchall()
    assert drafts == [("today:w", (NOW + timedelta(minutes=1)).isoformat(), '{"body": "two"}')]



def test_drafts_left_behind_are_taken_over_by_one_window_only(tmp_path):
    """Two windows opened at the same moment both find a closed window's drafts: the first to take
    them over holds them under its own key; the other gets none (their text was doubled before)."""
    first, second = (Journal.open(tmp_path / "journal.db") for _ in range(2))
    try:
        for key in ("today:a", "today:b"):
            first.save_draft(key, {"answers": {"free": key}})
        assert first.adopt_drafts(["today:a", "today:b"], "today:first", {"answers": {"free": "both"}})
        assert not second.adopt_drafts(["today:a", "today:b"], "today:second", {"answers": {"free": "both"}})
        assert second.drafts(TODAY_DRAFTS) == [("today:first", {"answers": {"free": "both"}})]
        first.save_draft("today:c", {"answers": {"free": "c"}})
        assert not second.adopt_drafts(["today:c", "today:gone"], "today:second", {})  # one of them is gone
        assert second.draft("today:c") == {"answers": {"free": "c"}} and second.draft("today:second") is None
    finally:
        first.close()
        second.close()
