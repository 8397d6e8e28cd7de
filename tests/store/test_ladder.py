"""The ladder in a real SQLite file: rungs saved, changed and retired (never deleted), and the
attempts read from the entries that tried them."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlite_utils import Database

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import Rung
from closeness_journal.core.review import SavedReview
from closeness_journal.store import MIGRATION_NAMES, Journal, RungNotFound, schema

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


@pytest.fixture
def on_disk(tmp_path):
    journal = Journal.open(tmp_path / "journal.db")
    yield journal
    journal.close()


def tried(rung: Rung, day: date, predicted=None, outcome=None, **changes) -> Entry:
    return Entry(day, body="tried it", checkin=CheckIn(small_step=rung.text, rung=rung.id, predicted=predicted,
                                                        outcome=outcome), **changes)


def test_a_rung_is_saved_changed_and_retired_but_never_deleted(on_disk, tmp_path):
    sam = on_disk.add_rung(Rung(" Tell Sam one true thing ", 30, "Sam"), now=NOW)
    assert sam.id and sam.created_at == NOW and sam.text == "Tell Sam one true thing"
    assert on_disk.rung(sam.id[:6]) == sam
    changed = on_disk.update_rung(replace(sam, hard=20), now=NOW + timedelta(days=1))
    assert (changed.hard, changed.created_at, changed.updated_at) == (20, NOW, NOW + timedelta(days=1))
    assert on_disk.update_rung(changed, now=NOW + timedelta(days=9)) == changed  # nothing changed: nothing written
    retired = on_disk.retire_rung(sam.id, now=NOW + timedelta(days=2))
    assert retired.retired and on_disk.rungs() == [] and on_disk.rungs(retired=True) == [retired]
    on_disk.close()
    reopened = Journal.open(tmp_path / "journal.db")
    assert reopened.rung(sam.id) == retired
    reopened.close()


def test_an_unknown_short_or_shared_id_is_refused(journal):
    journal.add_rung(Rung("a", 1, id="abcd0000-0000-4000-8000-000000000001"), now=NOW)
    journal.add_rung(Rung("b", 2, id="abcd0000-0000-4000-8000-000000000002"), now=NOW)
    for wrong, words in (("abc", "first 4 characters"), ("ffff", "no rung"), ("abcd", "more than one"),
                         ("nope!", "not a rung's id")):
        with pytest.raises(RungNotFound, match=words):
            journal.rung(wrong)
    assert isinstance(RungNotFound("x"), LookupError)


def test_the_attempts_are_the_entries_that_tried_the_rung_outside_the_trash(journal):
    easy = journal.add_rung(Rung("Ring Ana", 20), now=NOW)
    hard = journal.add_rung(Rung("Ask for a hug", 70), now=NOW + timedelta(seconds=1))
    first = journal.add(tried(easy, DAY - timedelta(days=9), 8, 4), now=NOW)
    journal.add(tried(easy, DAY - timedelta(days=2), 6, 2, private=True), now=NOW)
    gone = journal.add(tried(hard, DAY, 9, 5), now=NOW)
    journal.add(Entry(DAY, body="no rung"), now=NOW)
    journal.delete(gone.id)
    ladder = journal.ladder()
    assert [step.rung.text for step in ladder] == ["Ring Ana", "Ask for a hug"]
    assert [(a.entry_id, a.predicted, a.outcome) for a in ladder[0].attempts][0] == (first.id, 8, 4)
    assert ladder[0].tried == 2 and ladder[1].tried == 0
    assert [a.day for a in journal.attempts(include_private=False)] == [DAY - timedelta(days=9)]
    assert len(journal.attempts(since=DAY - timedelta(days=3), until=DAY)) == 1
    # An edit that takes the rung away takes the attempt away: it is never a second copy.
    journal.update(replace(first, checkin=replace(first.checkin, rung=None)))
    assert journal.ladder()[0].tried == 1


def test_an_entrys_rung_and_a_reviews_next_rung_are_read_back(journal):
    rung = journal.add_rung(Rung("Ring Ana", 20), now=NOW)
    saved = journal.add(tried(rung, DAY, 5, 3))
    assert journal.get(saved.id).checkin.rung == rung.id
    assert journal.get(saved.id).to_json()["rung"] == rung.id
    journal.save_review(SavedReview("2026-W46", {"weekly-review-05": "Ring Ana"}, next_step="Ring Ana",
                                    next_rung=rung.id))
    assert journal.review("2026-W46").next_rung == rung.id


def test_the_ladder_migration_upgrades_a_journal_made_before_it(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    schema.apply(db, stop_before="m015_ladder")
    db["entries"].insert({"uuid": "00000000-0000-4000-8000-000000000001", "created_at": "2026-01-01T10:00:00+00:00",
                          "updated_at": "2026-01-01T10:00:00+00:00", "local_date": "2026-01-01", "body": "old"})
    db.close()
    journal = Journal.open(path)
    assert "m015_ladder" in MIGRATION_NAMES and journal.schema_version() == len(MIGRATION_NAMES)
    assert journal.get("00000000").checkin.rung is None
    assert journal.ladder() == () and journal.attempts() == []
    journal.close()


def test_attempts_are_found_through_the_rung_index_not_the_whole_range(on_disk):
    """The date index would walk every entry of the range; the partial rung index holds only the attempts."""
    seen: list[str] = []
    on_disk._db.conn.set_trace_callback(seen.append)
    try:
        on_disk.attempts(since=DAY - timedelta(days=30), until=DAY, include_private=False)
        on_disk.attempts(rung="abcd")
    finally:
        on_disk._db.conn.set_trace_callback(None)
    queries = [sql for sql in seen if "FROM entries" in sql]
    assert len(queries) == 2
    for sql in queries:
        plan = " ".join(str(row[-1]) for row in on_disk._db.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "idx_entries_rung" in plan, plan
