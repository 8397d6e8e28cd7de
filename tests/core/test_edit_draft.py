"""Editing an entry: whose drafts a window takes over, how several come back, and changes elsewhere."""

from dataclasses import replace
from datetime import UTC, date, datetime

from closeness_journal.core.checkin import CheckIn, CheckInFields
from closeness_journal.core.edit_draft import (
    as_new_entry,
    based_on,
    changed_since,
    drafts_to_take,
    edit_draft,
    entry_from_draft,
    merge_texts,
    restore,
)
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.today import Window, held_elsewhere, still_open

HERE = Window(100, "desk")
SAVED_AT = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
ENTRY = Entry(date(2026, 11, 18), answers=(Answer("feared-01", "What were you afraid of?", "Being left."),),
              body="a walk", id="0c1d", created_at=SAVED_AT, updated_at=SAVED_AT)


def alive(pid: int) -> bool:
    return pid in {100, 200}


def test_a_window_takes_its_own_draft_and_those_closed_windows_left_never_an_open_ones():
    drafts = [
        ("edit:0c1d", None, {"body": "the first versions, one for every window"}),
        ("edit:0c1d:100@desk", HERE, {"body": "mine"}),
        ("edit:0c1d:200@desk", Window(200, "desk"), {"body": "a window still open"}),
        ("edit:0c1d:300@desk", Window(300, "desk"), {"body": "a window that closed"}),
        ("edit:0c1d:200@laptop", Window(200, "laptop"), {"body": "another machine: can't ask, left behind"}),
        ("edit:0c1d:400@desk", Window(400, "desk"), "damaged"),
    ]
    assert [key for key, _ in drafts_to_take(drafts, HERE, alive)] == [
        "edit:0c1d", "edit:0c1d:100@desk", "edit:0c1d:300@desk", "edit:0c1d:200@laptop",
    ]


def test_what_an_open_window_holds_stays_this_window_included():
    assert still_open(HERE, HERE, lambda pid: False)  # this window, even if asking fails
    assert still_open(Window(200, "desk"), HERE, alive)
    assert not still_open(Window(300, "desk"), HERE, alive)
    assert not still_open(Window(200, "laptop"), HERE, alive) and not still_open(None, HERE, alive)
    assert not held_elsewhere(HERE, HERE, alive) and held_elsewhere(Window(200, "desk"), HERE, alive)


def test_a_draft_says_which_version_it_began_on():
    draft = edit_draft(ENTRY, ["Being left, again.", "a walk"], 0, CheckInFields())
    assert draft["based_on"] == SAVED_AT.isoformat() and based_on(draft) == SAVED_AT
    assert based_on({"body": "first versions"}) is None and based_on({"based_on": "soon"}) is None
    assert based_on({"based_on": "2026-11-18T09:00:00"}) is None  # no time zone: not one the store wrote


def test_several_drafts_of_one_entry_come_back_with_nothing_lost():
    older = edit_draft(ENTRY, ["Being left. And more.", "a walk"], 0, CheckInFields(CheckIn(who="Ana")))
    newer = edit_draft(replace(ENTRY, updated_at=LATER), ["Being left.", "a long walk"], 1,
                       CheckInFields(CheckIn(who="Sam")))
    restored = restore(ENTRY, [older, newer])
    assert restored is not None
    assert restored.texts == ["Being left. And more.", "a long walk"]  # each place kept its change
    assert restored.current == 1 and restored.checkin["who"] == "Sam"  # the newest's place and check-in
    assert restored.based_on == SAVED_AT  # the oldest version any of them began on
    assert restore(ENTRY, []) is None


def test_two_different_texts_for_one_place_are_both_kept():
    assert merge_texts("I left early.", "I stayed.", "I went.") == "I left early.\n\nI stayed."
    assert merge_texts("I went.", "I stayed.", "I went.") == "I stayed."  # one unchanged: the other
    assert merge_texts("I went. Then", "I went. Then more", "") == "I went. Then more"  # words added
    assert merge_texts("I went. Then more", "I went.", "") == "I went. Then more"


def test_an_entry_changed_since_the_edit_began_is_told_apart():
    assert not changed_since(ENTRY, SAVED_AT)
    assert changed_since(replace(ENTRY, updated_at=LATER), SAVED_AT)
    assert not changed_since(ENTRY, None)  # a draft that doesn't say


def test_an_edit_of_an_entry_deleted_for_good_can_become_a_new_one():
    new = as_new_entry(replace(ENTRY, flagged=True, deleted_at=LATER))
    assert new.id is None and new.created_at is None and new.updated_at is None and new.deleted_at is None
    assert new.answers == ENTRY.answers and new.body == "a walk" and not new.flagged


def test_a_draft_whose_entry_is_gone_becomes_an_entry_with_everything_typed():
    pause = replace(ENTRY, kind="pause")
    fields = CheckInFields(CheckIn(who="Sam"), ("sea",))
    draft = edit_draft(pause, ["Being left. Still.", "a walk, and rain"], 1, fields)
    entry = entry_from_draft(draft, date(2026, 11, 20))
    assert entry.local_date == date(2026, 11, 18) and entry.kind == "pause" and entry.id is None
    assert entry.answers == (Answer("feared-01", "What were you afraid of?", "Being left. Still."),)
    assert entry.body == "a walk, and rain" and entry.checkin.who == "Sam" and entry.tags == ("sea",)


def test_a_damaged_or_early_draft_still_gives_back_every_word():
    draft = {"day": "2999-01-01", "kind": "nonsense", "body": "free",
             "answers": [{"prompt_id": "feared-01", "text": "no prompt text"}, {"text": 3}, "x"], "checkin": "?"}
    entry = entry_from_draft(draft, date(2026, 11, 20))
    assert entry.local_date == date(2026, 11, 20) and entry.kind == Entry(date(2026, 11, 20)).kind
    assert entry.answers == () and entry.body == "free\n\nno prompt text" and entry.checkin == CheckIn()
