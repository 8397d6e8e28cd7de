"""The append-only migrations: every earlier journal upgrades, a newer one is left alone."""

import hashlib
from datetime import date

import pytest
from sqlite_utils import Database

from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.store import MIGRATION_NAMES, DatabaseTooNew, Journal, schema, transform_keeping_search

DAY = date(2026, 11, 18)


@pytest.mark.parametrize("stop_before", MIGRATION_NAMES[1:] + (None,))
def test_upgrading_from_every_earlier_version_keeps_rows_and_search_works(tmp_path, stop_before):
    path = tmp_path / "old.db"
    db = Database(path)
    schema.apply(db, stop_before=stop_before)
    if stop_before is None or MIGRATION_NAMES.index(stop_before) >= 1:
        db["entries"].insert(
            {"uuid": "00000000-0000-4000-8000-000000000001", "created_at": "2026-01-01T10:00:00+00:00",
             "updated_at": "2026-01-01T10:00:00+00:00", "local_date": "2026-01-01", "body": "an old lantern"}
        )
    db.close()
    journal = Journal.open(path)
    assert journal.schema_version() == len(MIGRATION_NAMES)
    assert [e.body for e in journal.entries(EntryFilter(search="lantern"))] == ["an old lantern"]
    journal.add(Entry(DAY, body="a new harbour"))
    assert len(journal.entries(EntryFilter(search="harbour"))) == 1
    journal.close()


def test_opening_twice_applies_nothing_more(tmp_path):
    path = tmp_path / "j.db"
    Journal.open(path).close()
    journal = Journal.open(path)
    assert schema.pending(journal.db) == []
    journal.close()


def test_a_transform_through_the_helper_keeps_search_working(journal):
    old = journal.add(Entry(DAY, body="before the rebuild"))
    transform_keeping_search(journal.db, "entries", column_order=["id", "uuid", "body"])
    journal.add(Entry(DAY, body="after the rebuild"))
    journal.update(Entry(DAY, body="edited since", id=old.id))
    assert [e.body for e in journal.entries(EntryFilter(search="rebuild"))] == ["after the rebuild"]
    assert [e.body for e in journal.entries(EntryFilter(search="edited"))] == ["edited since"]


def test_a_bare_transform_would_drop_the_search_triggers(journal):
    """Why the helper exists: sqlite-utils' transform() loses the FTS triggers."""
    journal.db["entries"].transform(column_order=["id", "uuid", "body"])
    journal.add(Entry(DAY, body="invisible"))
    assert journal.entries(EntryFilter(search="invisible")) == []


def _search_index_is_sound(journal) -> None:
    journal.db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")


def test_upgrading_to_the_trash_free_index_leaves_trashed_entries_out(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    schema.apply(db, stop_before="m009_search_only_outside_the_trash")
    for n, deleted in enumerate([None, "2026-11-18T10:00:00+00:00"]):
        db["entries"].insert({"uuid": f"00000000-0000-4000-8000-00000000000{n}",
                              "created_at": "2026-11-18T09:00:00+00:00", "updated_at": "2026-11-18T09:00:00+00:00",
                              "local_date": "2026-11-18", "body": "shared word", "deleted_at": deleted})
    db.close()
    journal = Journal.open(path)
    _search_index_is_sound(journal)
    assert journal.count(EntryFilter(search="shared")) == 1
    journal.restore("00000000-0000-4000-8000-000000000001")
    assert journal.count(EntryFilter(search="shared")) == 2
    _search_index_is_sound(journal)
    journal.close()


def test_a_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "j.db"
    Journal.open(path).close()
    db = Database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "closeness_journal", "name": "m999_from_the_future", "applied_at": "2030-01-01"}
    )
    db.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        Journal.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
