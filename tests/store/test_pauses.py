"""A pause in the store: its kind and the pull at its end are kept (m013), old entries are
sittings, backups carry both, drafts have their own key, and earlier answers come back as
suggestions."""

import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from closeness_journal.core.archive_format import BackupFormatError, read_backup
from closeness_journal.core.checkin import CheckIn, CheckInFields
from closeness_journal.core.entries import Answer, Entry, EntryFilter, InvalidEntry, checkin_summary
from closeness_journal.core.pause import DOOR_OPEN_PROMPTS, INSTEAD, PauseNotes
from closeness_journal.store import MIGRATION_NAMES, PAUSE_DRAFTS, Journal, pause_draft_key

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)
RELEASE = Path(__file__).parent.parent / "fixtures" / "release-0.1.0"

PAUSE = PauseNotes(happened="Sam reached for my hand", fear="that I'll be swallowed up", urge=8,
                   instead="say: give me a minute, I'm staying", urge_after=3, acted="no").entry(DAY)


@pytest.fixture
def on_disk(tmp_path):
    journal = Journal.open(tmp_path / "j" / "journal.db")
    yield journal
    journal.close()


def test_a_migration_adds_pauses_after_the_sitting_ones():
    assert MIGRATION_NAMES.index("m013_pauses") > MIGRATION_NAMES.index("m012_entries_pattern_index_with_staying")


def test_a_pause_comes_back_from_the_file_as_it_went_in(on_disk, tmp_path):
    saved = on_disk.add(PAUSE, now=NOW)
    on_disk.close()
    reopened = Journal.open(tmp_path / "j" / "journal.db")
    try:
        back = reopened.get(saved.id)
        assert back == saved and back.kind == "pause" and back.checkin.urge_after == 3
        [(kind, urge, urge_after)] = reopened._db.execute("SELECT kind, urge, urge_after FROM entries").fetchall()
        assert (kind, urge, urge_after) == ("pause", 8, 3)
    finally:
        reopened.close()


def test_an_entry_is_a_sitting_unless_it_says_otherwise(journal):
    saved = journal.add(Entry(DAY, body="an ordinary evening"), now=NOW)
    assert journal.get(saved.id).kind == "sitting" and not saved.is_pause


def test_an_unknown_kind_is_refused(journal):
    with pytest.raises(InvalidEntry, match="unknown kind of entry 'nap'"):
        journal.add(replace(PAUSE, kind="nap"))


def test_editing_a_pause_in_the_check_in_form_keeps_the_pull_at_its_end(journal):
    saved = journal.add(PAUSE, now=NOW)
    form = CheckInFields(CheckIn(who="Sam", urge=8, acted="no"), ("evening",), False)  # the form has no urge_after
    edited = journal.update(saved.with_fields(form), now=NOW + timedelta(minutes=5))
    assert edited.kind == "pause" and edited.checkin.urge_after == 3 and edited.checkin.who == "Sam"
    assert journal.revisions(saved.id)[0].entry == replace(saved, id=saved.id)


def test_a_pause_says_what_it_is_in_words(journal):
    rows = dict(checkin_summary(journal.add(PAUSE, now=NOW)))
    assert rows["Written as"] == "a pause in the moment"
    assert rows["The pull to get away"] == "8 of 10" and rows["The pull at the end of the pause"] == "3 of 10"
    assert "Written as" not in dict(checkin_summary(Entry(DAY, body="x")))


def test_a_journal_from_release_0_1_0_upgrades_with_every_entry_a_sitting(tmp_path):
    target = tmp_path / "old" / "journal.db"
    target.parent.mkdir(mode=0o700)
    shutil.copyfile(RELEASE / "journal.db", target)
    target.chmod(0o600)
    journal = Journal.open(target)
    try:
        entries = [*journal.entries(EntryFilter(), limit=-1), *journal.trash()]
        assert len(entries) == 11 and {e.kind for e in entries} == {"sitting"}
        assert {e.checkin.urge_after for e in entries} == {None}
    finally:
        journal.close()
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM entries WHERE kind != 'sitting'").fetchone() == (0,)


def test_a_backup_carries_pauses_and_an_older_backup_without_kinds_still_imports(journal, tmp_path):
    saved = journal.add(PAUSE, now=NOW)
    journal.add(Entry(DAY, body="a sitting"), now=NOW)
    data = json.loads(json.dumps(journal.dump().to_json("2026-11-18T21:00:00+00:00")))
    pause = next(item for item in data["entries"] if item["id"] == saved.id)
    assert pause["kind"] == "pause" and pause["urge_after"] == 3

    other = Journal.open(tmp_path / "other" / "journal.db")
    try:
        assert other.merge(read_backup(data))["entries"] == 2
        assert other.get(saved.id) == saved
    finally:
        other.close()

    for item in data["entries"]:  # as a backup made before pauses
        del item["kind"], item["urge_after"]
    assert {e.kind for e in read_backup(data).entries} == {"sitting"}


def test_a_backup_with_a_wrong_kind_or_pull_is_refused_naming_the_field(journal):
    journal.add(PAUSE, now=NOW)
    data = json.loads(json.dumps(journal.dump().to_json("2026-11-18T21:00:00+00:00")))
    data["entries"][0]["urge_after"] = "high"
    with pytest.raises(BackupFormatError, match=r"entries\[0\]\.urge_after: expected a whole number"):
        read_backup(data)
    data["entries"][0]["urge_after"] = 11
    with pytest.raises(BackupFormatError, match=r"entries\[0\]: urge_after must be a whole number from 0 to 10"):
        read_backup(data)
    data["entries"][0]["urge_after"] = 2
    data["entries"][0]["kind"] = 3
    with pytest.raises(BackupFormatError, match=r"entries\[0\]\.kind: expected text"):
        read_backup(data)


def test_an_unfinished_pause_has_its_own_draft_key(journal):
    key = pause_draft_key("window-1")
    assert key == "pause:window-1"
    journal.save_draft(key, {"notes": {"happened": "half"}})
    journal.save_draft("today:window-1", {"answers": {}})
    assert journal.drafts(PAUSE_DRAFTS) == [(key, {"notes": {"happened": "half"}})]


def test_earlier_answers_come_back_newest_first_each_once_and_never_from_the_trash(journal):
    def pause_with(instead: str, minutes: int) -> Entry:
        return journal.add(PauseNotes(instead=instead).entry(DAY), now=NOW + timedelta(minutes=minutes))

    pause_with("Say I need a minute", 1)
    pause_with("put the kettle on and come back", 2)
    pause_with("say I need  a minute", 3)
    trashed = pause_with("something I deleted", 4)
    journal.delete(trashed.id)
    journal.add(Entry(DAY, answers=(Answer("in-the-moment-04", "q", "I'm not going anywhere, I just need air"),)),
                now=NOW + timedelta(minutes=5))
    journal.add(Entry(DAY, answers=(Answer("in-the-moment-02", "q", "feet on the floor"),)),
                now=NOW + timedelta(minutes=6))
    journal.add(Entry(DAY, body='I wrote "pause-instead" in my free writing'), now=NOW + timedelta(minutes=7))

    assert journal.earlier_answers(DOOR_OPEN_PROMPTS) == [
        "I'm not going anywhere, I just need air",
        "say I need  a minute",
        "put the kettle on and come back",
    ]
    assert journal.earlier_answers([INSTEAD], limit=1) == ["say I need  a minute"]
    assert journal.earlier_answers(["in-the-moment-02"]) == ["feet on the floor"]
    assert journal.earlier_answers([]) == [] and journal.earlier_answers(["nothing-01"]) == []
