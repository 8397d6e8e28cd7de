"""Merging many entries fills the search index once, and leaves it as the trigger would have."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.store import Journal
from closeness_journal.store.archive import BULK_AT_LEAST

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _journal_with(count: int, word: str) -> Journal:
    journal = Journal.in_memory()
    journal.add_many(
        (Entry(local_date=date(2026, 1, 1) + timedelta(days=n % 100), body=f"{word} number {n}"), NOW)
        for n in range(count)
    )
    return journal


def _trigger(journal: Journal) -> str:
    return journal.db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_ai'").fetchone()[0]


def test_many_entries_are_searchable_once_merged_and_the_trigger_is_put_back():
    source = _journal_with(BULK_AT_LEAST + 50, "lighthouse")
    trashed = source.entries(limit=1)[0]
    source.delete(trashed.id)
    backup = source.dump()
    target = _journal_with(3, "harbour")
    target.merge(_part(backup, 10))  # a few first: those are skipped by the big merge below
    trigger = _trigger(target)

    added = target.merge(backup)

    assert added["entries"] == len(backup.entries) - 10
    assert _trigger(target) == trigger
    assert target.count(EntryFilter(search="lighthouse")) == BULK_AT_LEAST + 50 - 1  # not the one in the trash
    assert target.count(EntryFilter(search="harbour")) == 3
    assert target.integrity_problems() == []
    target.add(Entry(local_date=date(2026, 5, 1), body="a lighthouse after the merge"))  # the trigger works again
    assert target.count(EntryFilter(search="lighthouse")) == BULK_AT_LEAST + 50


def _part(backup, count):
    from dataclasses import replace

    return replace(backup, entries=backup.entries[:count], revisions=[], reviews=[], review_revisions=[], drafts=[],
                   exercises=[], rungs=[], settings={})


def _search_config(journal: Journal) -> list[tuple]:
    return [tuple(row) for row in journal.db.execute("SELECT k, v FROM entries_fts_config ORDER BY k")]


def test_a_bulk_merge_leaves_the_search_index_settings_as_they_were():
    backup = _journal_with(BULK_AT_LEAST + 5, "lighthouse").dump()
    target = _journal_with(1, "harbour")
    before = _search_config(target)

    target.merge(backup)

    assert _search_config(target) == before
    assert ("hashsize",) not in [row[:1] for row in before]


def test_a_bulk_merge_puts_back_a_search_memory_setting_the_journal_already_had():
    backup = _journal_with(BULK_AT_LEAST + 5, "lighthouse").dump()
    target = _journal_with(1, "harbour")
    target.db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('hashsize', 500000)")
    before = _search_config(target)

    target.merge(backup)

    assert _search_config(target) == before
    assert target.count(EntryFilter(search="lighthouse")) == BULK_AT_LEAST + 5


def test_an_id_twice_in_one_file_keeps_the_first_as_one_row_at_a_time_did():
    backup = _journal_with(BULK_AT_LEAST + 20, "lighthouse").dump()
    first = backup.entries[3]
    again = replace(backup.entries[600 % len(backup.entries)], id=first.id, body="the same id again")
    target = _journal_with(0, "harbour")

    added = target.merge(replace(backup, entries=[*backup.entries, again]))

    assert added["entries"] == len(backup.entries)
    assert target.get(first.id).body == first.body
    assert target.count(EntryFilter(search="again")) == 0


def test_an_entry_that_cannot_be_made_a_row_late_in_the_file_adds_nothing():
    backup = _journal_with(2000, "lighthouse").dump()
    broken = replace(backup, entries=[*backup.entries[:1500], replace(backup.entries[1500], created_at=None)])
    target = _journal_with(2, "harbour")

    with pytest.raises(AttributeError):
        target.merge(broken)

    assert _trigger(target).startswith("CREATE TRIGGER entries_ai")
    assert target.count() == 2 and target.count(EntryFilter(search="lighthouse")) == 0
    assert target.integrity_problems() == []
