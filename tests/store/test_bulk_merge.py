"""Merging many entries fills the search index once, and leaves it as the trigger would have."""

import threading
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


# An import into a journal file with no entries goes past the write-ahead log (`_written_once`).

WORDS = ("running", "runs", "harbours", "lighthouse", "quietly", "closeness", "stayed", "pulling", "away", "café")


def _varied(count: int) -> list[Entry]:
    """Entries whose words sit in the body, the answers, the small step and who, some in the trash."""
    from closeness_journal.core.checkin import CheckIn
    from closeness_journal.core.entries import Answer

    entries = []
    for n in range(count):
        word, other = WORDS[n % len(WORDS)], WORDS[(n * 7) % len(WORDS)]
        entries.append(Entry(
            local_date=date(2026, 1, 1) + timedelta(days=n % 120), body=f"{word} number {n}",
            answers=(Answer("p", "A prompt?", f"{other} in an answer"),) if n % 3 == 0 else (),
            checkin=CheckIn(who=f"Sam {other}" if n % 5 == 0 else "", small_step=f"{word} a little" if n % 4 else ""),
        ))
    return entries


def _backup_of(entries: list[Entry], trashed: int = 3):
    source = Journal.in_memory()
    source.add_many((entry, NOW) for entry in entries)
    for entry in source.entries(limit=trashed):
        source.delete(entry.id)
    return source.dump()


def _found(journal: Journal) -> dict[str, list[str]]:
    """For each word (and a phrase and a prefix), the ids found, in the order search gives them."""
    queries = [*WORDS, "run", "pulling away", "light*", "number 7"]
    return {q: [e.id for e in journal.entries(EntryFilter(search=q), limit=10_000)] for q in queries}


def _mode(journal: Journal) -> str:
    return journal.db.execute("PRAGMA journal_mode").fetchone()[0]


def _modes_while_adding(journal: Journal) -> tuple[list[str], list]:
    seen: list[str] = []
    return seen, lambda what, done, total: seen.append(_mode(journal)) if what == "Adding entries" else None


def test_an_import_into_an_empty_journal_goes_past_the_log_and_searches_as_one_row_at_a_time(
    tmp_path, monkeypatch
):
    backup = _backup_of(_varied(1200))
    bulk = Journal.open(tmp_path / "bulk" / "journal.db")
    seen, tell = _modes_while_adding(bulk)
    rollback_journal = tmp_path / "bulk" / "journal.db-journal"
    kept_as: set[int] = set()

    def progress(what, done, total):
        tell(what, done, total)
        kept_as.add(rollback_journal.stat().st_mode & 0o777)

    added = bulk.merge(backup, progress)

    assert seen and set(seen) == {"delete"}  # written with a rollback journal...
    assert kept_as == {0o600}  # ...as private as the journal
    assert _mode(bulk) == "wal"  # ...and the log is back once it is done
    monkeypatch.setattr("closeness_journal.store.archive.BULK_AT_LEAST", 10**9)  # the trigger, a row at a time
    one_by_one = Journal.open(tmp_path / "rows" / "journal.db")
    seen_rows, progress_rows = _modes_while_adding(one_by_one)
    assert one_by_one.merge(backup, progress_rows) == added
    assert set(seen_rows) == {"wal"}
    found = _found(bulk)
    assert found == _found(one_by_one)
    assert all(found[word] for word in WORDS)
    assert bulk.integrity_problems() == [] and one_by_one.integrity_problems() == []
    assert bulk.count() == one_by_one.count() == 1200 - 3
    assert not (tmp_path / "bulk" / "journal.db-journal").exists()
    bulk.close()
    one_by_one.close()


def test_a_failed_import_into_an_empty_journal_leaves_it_empty_and_in_the_log(tmp_path):
    backup = _backup_of(_varied(2000), trashed=0)
    broken = replace(backup, entries=[*backup.entries[:1500], replace(backup.entries[1500], created_at=None)])
    path = tmp_path / "data" / "journal.db"
    journal = Journal.open(path)

    with pytest.raises(AttributeError):
        journal.merge(broken)

    assert _mode(journal) == "wal"
    assert journal.count() == 0 and journal.count(EntryFilter(search="lighthouse")) == 0
    assert journal.integrity_problems() == []
    journal.close()
    again = Journal.open(path)
    assert again.count() == 0 and _mode(again) == "wal"
    assert again.merge(backup)["entries"] == 2000
    again.close()


def test_an_import_stays_in_the_log_while_another_connection_has_the_journal_open(tmp_path):
    path = tmp_path / "data" / "journal.db"
    window = Journal.open(path)
    journal = Journal.open(path)
    seen, progress = _modes_while_adding(journal)

    journal.merge(_backup_of(_varied(600), trashed=0), progress)

    assert set(seen) == {"wal"}
    assert window.count() == 600 and window.count(EntryFilter(search="lighthouse")) >= 60
    journal.close()
    window.close()


def test_an_import_into_a_journal_with_entries_stays_in_the_log(tmp_path):
    journal = Journal.open(tmp_path / "data" / "journal.db")
    journal.add(Entry(local_date=date(2026, 1, 1), body="already here"))
    seen, progress = _modes_while_adding(journal)

    journal.merge(_backup_of(_varied(600), trashed=0), progress)

    assert set(seen) == {"wal"} and journal.count() == 601
    journal.close()


def test_a_journal_opened_while_an_import_writes_it_reads_it_as_it_was(tmp_path):
    path = tmp_path / "data" / "journal.db"
    journal = Journal.open(path)
    counts: list[int] = []

    def open_another(what, done, total):
        if what == "Adding entries" and not counts:
            other = Journal.open(path)  # a window or a command started meanwhile
            try:
                counts.append(other.count())
            finally:
                other.close()

    journal.merge(_backup_of(_varied(1200), trashed=0), open_another)

    assert counts == [0]
    assert _mode(journal) == "wal" and journal.count() == 1200
    journal.close()


# A bulk merge into a journal file indexes each batch on a second thread while the next batch's
# rows are made (`_Behind`); a failure on either side still adds nothing.


def _indexed_on(journal: Journal) -> set[str]:
    """The threads each batch of the search index was filled on, from here on."""
    names: set[str] = set()

    def seen(sql: str) -> None:
        if sql.startswith("INSERT INTO entries_fts (rowid"):
            names.add(threading.current_thread().name)

    journal._db.conn.set_trace_callback(seen)
    return names


def test_batches_indexed_on_a_second_thread_search_as_one_row_at_a_time(tmp_path, monkeypatch):
    backup = _backup_of(_varied(1200))
    monkeypatch.setattr("closeness_journal.store.archive.BATCH", 150)
    batched = Journal.open(tmp_path / "batched" / "journal.db")
    threads = _indexed_on(batched)
    added = batched.merge(backup)
    assert threads and threading.main_thread().name not in threads  # each batch indexed by the second thread
    monkeypatch.setattr("closeness_journal.store.archive.BULK_AT_LEAST", 10**9)
    one_by_one = Journal.open(tmp_path / "rows" / "journal.db")
    assert one_by_one.merge(backup) == added
    assert _found(batched) == _found(one_by_one)
    assert batched.integrity_problems() == [] and batched.count() == 1200 - 3
    batched.close()
    one_by_one.close()


def test_a_failure_while_a_batch_is_being_indexed_adds_nothing(tmp_path, monkeypatch):
    backup = _backup_of(_varied(2000), trashed=0)
    broken = replace(backup, entries=[*backup.entries[:1500], replace(backup.entries[1500], created_at=None)])
    monkeypatch.setattr("closeness_journal.store.archive.BATCH", 150)
    journal = Journal.open(tmp_path / "data" / "journal.db")

    with pytest.raises(AttributeError):  # made on this thread while the batch before is indexed on the other
        journal.merge(broken)

    assert _mode(journal) == "wal" and journal.count() == 0
    assert journal.count(EntryFilter(search="lighthouse")) == 0 and journal.integrity_problems() == []
    assert journal.merge(backup)["entries"] == 2000
    journal.close()


def test_a_failure_on_the_indexing_thread_adds_nothing(tmp_path, monkeypatch):
    from closeness_journal.store import JournalError, archive

    backup = _backup_of(_varied(1200), trashed=0)
    monkeypatch.setattr("closeness_journal.store.archive.BATCH", 150)
    failing = archive._INDEX_NEW.replace("ORDER BY id", "AND nothing_here ORDER BY id")
    monkeypatch.setattr(archive, "_INDEX_NEW", failing)
    journal = Journal.open(tmp_path / "data" / "journal.db")

    with pytest.raises(JournalError, match="nothing_here"):
        journal.merge(backup)

    assert _mode(journal) == "wal" and journal.count() == 0 and journal.integrity_problems() == []
    assert _trigger(journal).startswith("CREATE TRIGGER entries_ai")
    journal.close()


def test_the_pattern_sums_of_a_bulk_merge_are_those_the_triggers_make(tmp_path, monkeypatch):
    """Added in one pass over the new rows at the end (`pattern_sums.added_in_bulk`), on either driver."""
    backup = _backup_of(_varied(1000), trashed=7)
    monkeypatch.setattr("closeness_journal.store.archive.BATCH", 150)

    def sums(journal: Journal) -> tuple[list, list]:
        return (journal.db.execute("SELECT * FROM pattern_days ORDER BY 1, 2").fetchall(),
                journal.db.execute("SELECT * FROM pattern_counts ORDER BY 1, 2, 3, 4").fetchall())

    batched = Journal.open(tmp_path / "batched" / "journal.db")
    batched.merge(backup)
    monkeypatch.setattr("closeness_journal.store.archive.BULK_AT_LEAST", 10**9)
    one_by_one = Journal.open(tmp_path / "rows" / "journal.db")
    one_by_one.merge(backup)
    assert sums(batched) == sums(one_by_one) and sum(row[2] for row in sums(batched)[0]) == 1000 - 7
    batched.close()
    one_by_one.close()
