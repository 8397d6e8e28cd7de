"""Entries one at a time: saving, reading back, editing with revisions, the trash."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry, EntryFilter, InvalidEntry
from closeness_journal.store import EntryNotFound

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)

FULL = Entry(
    DAY,
    body="Later: I want to write more about this.",
    answers=(
        Answer("pulled-away-01", "When did you want distance?", "We laughed all evening, then I went quiet."),
        Answer("feared-01", "What were you afraid of?", "That I'd be too much."),
    ),
    private=True,
    tags=("evening", "home"),
    checkin=CheckIn(
        who="Sam", relationship="partner", kinds=("emotional", "physical"), behaviours=("went-quiet", "picked-fight"),
        fears=("engulfment", "abandonment"), intensity=7, close_before=True,
        small_step="Told Sam I was tired, not angry", predicted=8, outcome=3, stayed=("shared-a-feeling",), urge=8,
        acted="partly",
    ),
)


def test_every_field_round_trips(journal):
    saved = journal.add(FULL, now=NOW)
    assert saved.id and saved.created_at == NOW and saved.updated_at == NOW
    assert journal.get(saved.id) == saved
    assert journal.get(saved.id[:6]) == saved


def test_edit_keeps_the_previous_version(journal):
    saved = journal.add(FULL, now=NOW)
    later = NOW + timedelta(hours=1)
    updated = journal.update(replace(saved, body="Rewritten.", checkin=replace(saved.checkin, intensity=2)), now=later)
    assert updated.body == "Rewritten." and updated.created_at == NOW and updated.updated_at == later
    [revision] = journal.revisions(saved.id)
    assert revision.entry == saved and revision.revised_at == later


def test_an_edit_that_changes_nothing_keeps_no_revision(journal):
    saved = journal.add(FULL, now=NOW)
    journal.update(saved)
    assert journal.revisions(saved.id) == []


def test_delete_moves_to_trash_and_restore_brings_it_back(journal):
    saved = journal.add(FULL, now=NOW)
    journal.delete(saved.id, now=NOW)
    assert journal.entries() == []
    assert [e.id for e in journal.trash()] == [saved.id]
    journal.restore(saved.id[:8])
    assert [e.id for e in journal.entries()] == [saved.id]
    assert journal.trash() == []


def test_emptying_the_trash_is_the_only_way_to_lose_an_entry(journal):
    keep = journal.add(Entry(DAY, body="keep"), now=NOW)
    gone = journal.add(Entry(DAY, body="gone"), now=NOW)
    journal.update(replace(gone, body="gone, edited"))
    journal.delete(gone.id)
    assert journal.empty_trash() == 1
    assert [e.id for e in journal.entries()] == [keep.id]
    with pytest.raises(EntryNotFound):
        journal.get(gone.id)
    assert journal.db.execute("select count(*) from revisions").fetchone()[0] == 0


def test_unknown_and_ambiguous_ids_are_reported(journal):
    with pytest.raises(EntryNotFound, match="no entry"):
        journal.get("deadbeef")
    with pytest.raises(EntryNotFound, match="at least the first 4"):
        journal.get("ab")
    with pytest.raises(EntryNotFound, match="not an entry id"):
        journal.get("'; drop table entries; --")


def test_invalid_entries_are_not_stored(journal):
    with pytest.raises(InvalidEntry):
        journal.add(Entry(DAY, body="x", checkin=CheckIn(behaviours=("sulked",))))
    assert journal.count() == 0


def test_control_characters_are_never_stored(journal):
    saved = journal.add(
        Entry(DAY, body="a\x1b]2;title\x1b\\b\tc\nd", tags=("t\x00",),
              checkin=CheckIn(who="Sam\x1b[31m", small_step="x\x07y"))
    )
    stored = journal.get(saved.id)
    kept = (stored.body, stored.checkin.who, stored.checkin.small_step, stored.tags)
    assert kept == ("ab\tc\nd", "Sam", "xy", ("t",))


def test_add_many_and_iterating_oldest_first(journal):
    count = journal.add_many(
        (Entry(DAY - timedelta(days=n), body=f"e{n}", private=n == 1), NOW - timedelta(days=n)) for n in range(5)
    )
    assert count == 5
    assert [e.body for e in journal.iter_entries(chunk=2)] == ["e4", "e3", "e2", "e1", "e0"]
    assert [e.body for e in journal.iter_entries(EntryFilter(include_private=False))] == ["e4", "e3", "e2", "e0"]
    assert len(journal.entries(EntryFilter(search="e3"))) == 1  # searchable like any other


def test_slug_lists_are_read_without_json_and_odd_ones_still_parse():
    from closeness_journal.store.entries import _slug_list

    assert _slug_list('["went-quiet", "hid-needs"]') == ("went-quiet", "hid-needs")
    assert _slug_list('["loss"]') == ("loss",) and _slug_list("[]") == () and _slug_list(None) == ()
    assert _slug_list('["a","b"]') == ("a", "b")  # written some other way: the JSON parser decides
    assert _slug_list("[ ]") == () and _slug_list("null") == ()


def test_entries_read_back_are_ordinary_equal_immutable_entries(journal):
    import dataclasses

    saved = journal.add(FULL, now=NOW)
    [read] = journal.entries()
    assert read == saved and hash(read) == hash(saved) and repr(read) == repr(saved)
    assert set(vars(read)) == {f.name for f in dataclasses.fields(Entry)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.body = "changed"
    assert dataclasses.replace(read, body="copy").body == "copy"


def test_rows_read_by_position_are_the_entries_read_by_name(journal):
    from closeness_journal.store.entries import entries_from_rows, entry_from_row

    saved = [journal.add(FULL, now=NOW), journal.add(Entry(DAY, body="plain"), now=NOW + timedelta(seconds=1))]
    journal.delete(saved[1].id, now=NOW + timedelta(seconds=2))
    cursor = journal._db.execute("SELECT * FROM entries ORDER BY id")
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    by_name = [entry_from_row(dict(zip(columns, row, strict=True))) for row in rows]
    twice = list(entries_from_rows(columns, rows)) + list(entries_from_rows(columns, rows))  # remembered lists too
    assert twice == by_name + by_name and [repr(e) for e in twice[:2]] == [repr(e) for e in by_name]
    assert twice[0].answers and twice[0].checkin.kinds and twice[1].deleted_at is not None


def test_slug_lists_are_written_as_the_json_encoder_writes_them():
    import json

    from closeness_journal.store.entries import _slug_list, _slugs_json

    for slugs in [(), ("loss",), ("went-quiet", "hid-needs", "a")]:
        assert _slugs_json(slugs) == json.dumps(list(slugs)) and _slug_list(_slugs_json(slugs)) == slugs


def test_prompts_and_tags_are_written_as_json_dumps_writes_them(journal):
    import json

    saved = journal.add(FULL, now=NOW)
    stored = "SELECT answer_prompts, tags FROM entries WHERE uuid = ?"
    prompts, tags = journal._db.execute(stored, [saved.id]).fetchone()
    assert prompts == json.dumps([[a.prompt_id, a.prompt_text] for a in FULL.answers], ensure_ascii=False)
    assert tags == json.dumps(list(saved.tags), ensure_ascii=False) and saved.tags
    plain = journal.add(Entry(DAY, body="no tags"), now=NOW)
    assert journal._db.execute(stored, [plain.id]).fetchone() == ("[]", "[]")
