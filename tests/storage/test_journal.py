from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from closeness_journal.core.entries import Entry, EntryFilter, InvalidEntry
from closeness_journal.storage import EntryNotFound, Journal, JournalError

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=timezone.utc)

FULL = Entry(
    DAY, body="We laughed all evening, then I went quiet.", prompt_id="pulled-away-01",
    prompt_text="When did you want distance?", who="Sam", relationship="partner",
    kinds=("emotional", "physical"), behaviours=("went-quiet", "picked-fight"),
    fears=("engulfment", "abandonment"), intensity=7, close_before=True,
    small_step="Told Sam I was tired, not angry", predicted=8, outcome=3, private=True,
    tags=("evening", "home"),
)


def test_every_field_round_trips(journal):
    saved = journal.add(FULL, now=NOW)
    assert saved.id and saved.created_at == NOW and saved.updated_at == NOW
    assert journal.get(saved.id) == saved
    assert journal.get(saved.id[:6]) == saved


def test_entries_are_newest_first_and_paged(journal):
    for day in range(10):
        journal.add(Entry(DAY - timedelta(days=day), body=f"entry {day}"), now=NOW + timedelta(minutes=day))
    page = journal.entries(limit=3, offset=3)
    assert [e.body for e in page] == ["entry 3", "entry 4", "entry 5"]
    assert journal.count() == 10


def test_edit_keeps_the_previous_version(journal):
    saved = journal.add(FULL, now=NOW)
    later = NOW + timedelta(hours=1)
    updated = journal.update(replace(saved, body="Rewritten.", intensity=2), now=later)
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


def test_search_finds_edited_text_and_not_deleted_text(journal):
    a = journal.add(Entry(DAY, body="The picnic felt warm and easy"), now=NOW)
    b = journal.add(Entry(DAY, body="Cancelled the concert", who="Robin"), now=NOW)
    journal.add(Entry(DAY, body="quiet day", small_step="asked for a hug"), now=NOW)
    assert [e.id for e in journal.entries(EntryFilter(search="picnic"))] == [a.id]
    assert [e.id for e in journal.entries(EntryFilter(search="robin"))] == [b.id]
    assert len(journal.entries(EntryFilter(search="hug"))) == 1
    journal.update(replace(a, body="The walk by the river"))
    assert journal.entries(EntryFilter(search="picnic")) == []
    assert [e.id for e in journal.entries(EntryFilter(search="river"))] == [a.id]
    journal.delete(b.id)
    assert journal.entries(EntryFilter(search="concert")) == []
    journal.restore(b.id)
    assert len(journal.entries(EntryFilter(search="concert"))) == 1


def test_search_ranks_and_marks_the_match(journal):
    journal.add(Entry(DAY, body="lonely " * 1 + "filler " * 40), now=NOW)
    best = journal.add(Entry(DAY, body="lonely lonely lonely evening"), now=NOW)
    hits = journal.search_hits(EntryFilter(search="lonely"))
    assert hits[0].entry.id == best.id
    assert ("lonely", True) in hits[0].snippet


@pytest.mark.parametrize(
    "query, found",
    [('"', 2), ("AND", 1), ("NEAR(", 1), ("*", 2), ("and OR", 1), ("[/bold]", 1), ("body:near", 0), ("'", 2)],
)
def test_search_treats_fts_syntax_as_plain_words(journal, query, found):
    """Operators are just words; a query with no words at all lists everything."""
    journal.add(Entry(DAY, body="and or near, in [/bold] type"), now=NOW)
    journal.add(Entry(DAY, body="something else"), now=NOW)
    assert len(journal.entries(EntryFilter(search=query))) == found


def test_search_matches_word_starts(journal):
    journal.add(Entry(DAY, body="abandonment again"), now=NOW)
    assert len(journal.entries(EntryFilter(search="abandon"))) == 1


def test_filters_by_date_behaviour_fear_category_relationship_and_privacy(journal):
    journal.add(Entry(DAY - timedelta(days=30), body="old", behaviours=("went-quiet",)), now=NOW)
    journal.add(Entry(DAY, body="fight", behaviours=("picked-fight",), fears=("engulfment",), relationship="partner"), now=NOW)
    journal.add(Entry(DAY, body="secret", private=True, relationship="friend"), now=NOW)

    def bodies(**kw):
        return sorted(e.body for e in journal.entries(EntryFilter(**kw)))

    assert bodies(since=DAY - timedelta(days=1)) == ["fight", "secret"]
    assert bodies(until=DAY - timedelta(days=1)) == ["old"]
    assert bodies(behaviours=("went-quiet",)) == ["old"]
    assert bodies(fears=("engulfment",)) == ["fight"]
    assert bodies(category="sabotage") == ["fight"]
    assert bodies(category="withdrawal") == ["old"]
    assert bodies(relationship="friend") == ["secret"]
    assert bodies(include_private=False) == ["fight", "old"]
    assert journal.count(EntryFilter(category="sabotage", search="fight")) == 1


def test_paging_after_an_entry_neither_repeats_nor_skips_when_another_window_writes(journal):
    for n in range(6):
        journal.add(Entry(DAY - timedelta(days=n), body=f"e{n}"), now=NOW)
    first = journal.entries(limit=3)
    journal.add(Entry(DAY, body="newer, from another window"), now=NOW + timedelta(hours=1))
    journal.delete(journal.entries(EntryFilter(search="e4"))[0].id)
    rest = journal.entries(limit=10, after=first[-1])
    assert [e.body for e in first + rest] == ["e0", "e1", "e2", "e3", "e5"]


def test_emptying_the_trash_removes_the_words_from_the_search_index_file(journal):
    for n in range(3):
        journal.add(Entry(DAY, body=f"filler {n}"), now=NOW)
    gone = journal.add(Entry(DAY, body="xylophonist"), now=NOW)
    journal.delete(gone.id)
    journal.empty_trash()
    stored = b"".join(row[0] for row in journal.db.execute("SELECT block FROM entries_fts_data") if isinstance(row[0], bytes))
    assert b"xylophonist" not in stored


def test_housekeeping_is_not_a_change_screens_redraw_for(journal):
    journal.add(Entry(DAY, body="x"), now=NOW)
    token = journal.change_token()
    journal.tidy()
    assert journal.change_token() == token


def test_emptying_the_trash_removes_unsaved_edits_and_only_what_was_shown(journal):
    shown = journal.add(Entry(DAY, body="shown"), now=NOW)
    later = journal.add(Entry(DAY, body="deleted later"), now=NOW)
    journal.save_draft(f"edit:{shown.id}", {"body": "half an edit"})
    journal.delete(shown.id)
    journal.delete(later.id)
    assert journal.empty_trash(only=[shown.id]) == 1
    assert journal.draft(f"edit:{shown.id}") is None
    assert [e.id for e in journal.trash()] == [later.id] and journal.trash_count() == 1


def test_a_damaged_page_is_reported_in_plain_words(tmp_path):
    path = tmp_path / "j.db"
    journal = Journal.open(path)
    for n in range(300):
        journal.add(Entry(DAY, body="words " * 200), now=NOW)
    journal.close()
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096  # scribble over the later pages: entries, not the schema
    for offset in range(start, len(data) - 4096, 4096):
        data[offset : offset + 512] = b"\xff" * 512
    path.write_bytes(bytes(data))
    journal = Journal.open(path)  # opens: the schema pages are fine
    with pytest.raises(JournalError, match="could not be read"):
        journal.entries(limit=1000)
    journal.close()


def test_invalid_entries_are_not_stored(journal):
    with pytest.raises(InvalidEntry):
        journal.add(Entry(DAY, body="x", behaviours=("sulked",)))
    assert journal.count() == 0


def test_settings_and_drafts(journal):
    assert journal.setting("shuffle:2026-11-18", 0) == 0
    journal.set_setting("shuffle:2026-11-18", 2)
    assert journal.setting("shuffle:2026-11-18") == 2
    journal.save_draft("today", {"body": "half a thought"})
    assert journal.draft("today") == {"body": "half a thought"}
    journal.discard_draft("today")
    assert journal.draft("today") is None


def test_a_second_open_instance_sees_saved_entries_and_both_can_write(tmp_path):
    path = tmp_path / "journal.db"
    first = Journal.open(path)
    second = Journal.open(path)
    saved = first.add(Entry(DAY, body="from the first"))
    second.add(Entry(DAY, body="from the second"))
    assert second.get(saved.id).body == "from the first"
    assert first.count() == 2
    first.close()
    second.close()
    reopened = Journal.open(path)
    assert reopened.count() == 2
    assert reopened.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert reopened.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    reopened.close()


def test_a_writer_waits_for_another_instance_instead_of_failing(tmp_path):
    import threading

    path = tmp_path / "journal.db"
    first = Journal.open(path)
    second = Journal.open(path)
    first.db.execute("BEGIN IMMEDIATE")
    first.db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
    threading.Timer(0.3, first.db.conn.commit).start()
    second.add(Entry(DAY, body="waited its turn"))  # blocks until the first commits
    assert second.count() == 1
    first.close()
    second.close()


def test_add_many_and_iterating_oldest_first(journal):
    count = journal.add_many(
        (Entry(DAY - timedelta(days=n), body=f"e{n}", private=n == 1), NOW - timedelta(days=n)) for n in range(5)
    )
    assert count == 5
    assert [e.body for e in journal.iter_entries(chunk=2)] == ["e4", "e3", "e2", "e1", "e0"]
    assert [e.body for e in journal.iter_entries(EntryFilter(include_private=False))] == ["e4", "e3", "e2", "e0"]
    assert len(journal.entries(EntryFilter(search="e3"))) == 1  # searchable like any other


def _search_index_is_sound(journal) -> None:
    journal.db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")


def test_the_search_index_holds_only_entries_outside_the_trash_and_stays_sound(journal, monkeypatch):
    import random

    from closeness_journal import storage

    rng = random.Random(3)
    words = ["harbour", "lantern", "quiet", "walk", "tea"]
    live: dict[str, str] = {}
    trashed: dict[str, str] = {}
    for step in range(300):
        action = rng.choice(["add", "add", "edit", "delete", "restore", "empty"])
        if action == "add" or not (live or trashed):
            text = " ".join(rng.sample(words, 2))
            live[journal.add(Entry(DAY, body=text), now=NOW).id] = text
        elif action == "edit" and live:
            entry_id = rng.choice(sorted(live))
            live[entry_id] = " ".join(rng.sample(words, 2))
            journal.update(Entry(DAY, body=live[entry_id], id=entry_id))
        elif action == "delete" and live:
            entry_id = rng.choice(sorted(live))
            journal.delete(entry_id)
            trashed[entry_id] = live.pop(entry_id)
        elif action == "restore" and trashed:
            entry_id = rng.choice(sorted(trashed))
            journal.restore(entry_id)
            live[entry_id] = trashed.pop(entry_id)
        elif action == "empty" and rng.random() < 0.1:
            journal.empty_trash()
            trashed.clear()
    _search_index_is_sound(journal)
    assert journal.db.execute("SELECT count(*) FROM entries_fts").fetchone()[0] == len(live)
    for word in words:
        expected = {i for i, text in live.items() if word in text.split()}
        assert {e.id for e in journal.entries(EntryFilter(search=word), limit=1000)} == expected
        assert journal.count(EntryFilter(search=word)) == len(expected)
    monkeypatch.setattr(storage, "RANK_AT_MOST", 1)  # many matches: newest written first
    newest = journal.entries(EntryFilter(search="tea"), limit=1000)
    assert {e.id for e in newest} == {i for i, t in live.items() if "tea" in t.split()}


def test_upgrading_to_the_trash_free_index_leaves_trashed_entries_out(tmp_path):
    from sqlite_utils import Database

    from closeness_journal.storage import schema

    path = tmp_path / "old.db"
    db = Database(path)
    schema.apply(db, stop_before="m009_search_only_outside_the_trash")
    for n, deleted in enumerate([None, "2026-11-18T10:00:00+00:00"]):
        db["entries"].insert({"uuid": f"00000000-0000-4000-8000-00000000000{n}", "created_at": "2026-11-18T09:00:00+00:00",
                              "updated_at": "2026-11-18T09:00:00+00:00", "local_date": "2026-11-18",
                              "body": "shared word", "deleted_at": deleted})
    db.close()
    journal = Journal.open(path)
    _search_index_is_sound(journal)
    assert journal.count(EntryFilter(search="shared")) == 1
    journal.restore("00000000-0000-4000-8000-000000000001")
    assert journal.count(EntryFilter(search="shared")) == 2
    _search_index_is_sound(journal)
    journal.close()


def test_saves_never_checkpoint_and_tidy_moves_the_log_into_the_file(tmp_path):
    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    assert journal.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 20_000
    for n in range(120):
        journal.add(Entry(DAY, body="words " * 300), now=NOW)
    # with SQLite's default autocheckpoint the log would have been folded back in after 1000
    # pages, during a save; now nothing reaches the database file until checkpoint()
    wal = path.with_name("journal.db-wal")
    before = path.stat().st_size
    assert wal.stat().st_size > 1000 * 4096 > before
    segments = journal.db.execute("SELECT count(*) FROM entries_fts_data").fetchone()[0]
    journal.tidy()
    assert path.stat().st_size > 50 * before  # the pages are in the file now
    assert journal.db.execute("SELECT count(*) FROM entries_fts_data").fetchone()[0] < segments  # merged
    assert len(journal.entries(EntryFilter(search="words"), limit=200)) == 120
    journal.close()
    reopened = Journal.open(path)
    assert reopened.count() == 120
    reopened.close()


def test_slug_lists_are_read_without_json_and_odd_ones_still_parse():
    from closeness_journal.storage import _slug_list

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
