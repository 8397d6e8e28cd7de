"""A bulk import into a plain journal without entries builds its search index beside the journal
(`store/search_aside.py`), on a second thread and connection, and copies it in: the journal then
searches, checks and goes on exactly as if the rows had been indexed on its own connection."""

import sqlite3
import threading
from dataclasses import replace
from types import SimpleNamespace

import pytest
from test_bulk_merge import WORDS, _backup_of, _found, _mode, _varied

from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.store import Journal, driver, search_aside

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def beside(monkeypatch):
    """Imports as the `import` command makes them (SQLite told it can run two threads at once), with
    small batches."""
    monkeypatch.setattr(driver, "allocation_counting_off", lambda: True)
    monkeypatch.setattr("closeness_journal.store.archive.BATCH", 150)


def _index_tables(journal: Journal) -> dict[str, list]:
    tables = {
        name: [tuple(row) for row in journal.db.execute(f"SELECT * FROM entries_fts_{name} ORDER BY 1, 2")]
        for name in ("data", "idx", "docsize", "config")
    }
    # the layout's first 4 bytes count changes of the index's settings, which the two ways make differently
    tables["data"] = [(id_, block[4:] if id_ == 10 else block) for id_, block in tables["data"]]
    return tables


def _filled_here(journal: Journal) -> list[str]:
    statements: list[str] = []
    journal._db.conn.set_trace_callback(
        lambda sql: statements.append(sql) if sql.startswith("INSERT INTO entries_fts (rowid") else None
    )
    return statements


def _usual(tmp_path, monkeypatch, backup) -> Journal:
    monkeypatch.setattr(driver, "allocation_counting_off", lambda: False)
    journal = Journal.open(tmp_path / "usual" / "journal.db")
    journal.merge(backup)
    return journal


def test_an_index_built_beside_is_the_one_built_on_the_journals_connection(tmp_path, monkeypatch, beside):
    backup = _backup_of(_varied(1200), trashed=5)
    journal = Journal.open(tmp_path / "aside" / "journal.db")
    filled_here = _filled_here(journal)

    added = journal.merge(backup)

    assert added["entries"] == 1200 and filled_here == []  # none of it indexed on the journal's connection
    usual = _usual(tmp_path, monkeypatch, backup)
    assert _index_tables(journal) == _index_tables(usual)
    found = _found(journal)
    assert found == _found(usual) and all(found[word] for word in WORDS)
    assert journal.integrity_problems() == [] and journal.count() == 1200 - 5
    assert _mode(journal) == "wal"
    assert not [t for t in threading.enumerate() if t.name == "closeness-journal search aside"]
    usual.close()
    journal.close()


def test_the_journal_goes_on_with_a_copied_index_on_the_same_connection_and_the_next(
    tmp_path, monkeypatch, beside
):
    backup = _backup_of(_varied(600), trashed=0)
    path = tmp_path / "aside" / "journal.db"
    journal = Journal.open(path)
    assert journal.count(EntryFilter(search="lighthouse")) == 0  # the empty index read before, on this connection
    journal.merge(backup)
    lighthouses = journal.count(EntryFilter(search="lighthouse"))
    assert lighthouses == _usual(tmp_path, monkeypatch, backup).count(EntryFilter(search="lighthouse")) > 0

    written = journal.add(Entry(local_date=_varied(1)[0].local_date, body="a lighthouse after the import"))
    first = journal.entries(EntryFilter(search="lighthouse"), limit=1)[0]
    journal.delete(first.id)

    assert journal.count(EntryFilter(search="lighthouse")) == lighthouses
    assert journal.integrity_problems() == []
    journal.close()
    again = Journal.open(path)
    assert again.count(EntryFilter(search="lighthouse")) == lighthouses
    assert written.id in {e.id for e in again.entries(EntryFilter(search="lighthouse after"), limit=5)}
    assert again.integrity_problems() == []
    again.close()


def test_an_id_twice_in_the_file_is_indexed_the_usual_way(tmp_path, monkeypatch, beside):
    backup = _backup_of(_varied(900), trashed=2)
    twice = replace(backup, entries=[*backup.entries[:400], backup.entries[10], *backup.entries[400:]])
    journal = Journal.open(tmp_path / "aside" / "journal.db")
    filled_here = _filled_here(journal)

    assert journal.merge(twice)["entries"] == 900

    assert filled_here  # the rows numbered otherwise than the index beside: indexed here instead
    usual = _usual(tmp_path, monkeypatch, backup)
    assert _found(journal) == _found(usual) and journal.integrity_problems() == []
    usual.close()
    journal.close()


def test_a_failure_beside_is_indexed_the_usual_way(tmp_path, monkeypatch, beside):
    monkeypatch.setattr(search_aside, "_ASIDE_SQL", search_aside._ASIDE_SQL.replace("fts5(", "fts5(nothing_here ="))
    backup = _backup_of(_varied(700), trashed=1)
    journal = Journal.open(tmp_path / "aside" / "journal.db")

    assert journal.merge(backup)["entries"] == 700

    usual = _usual(tmp_path, monkeypatch, backup)
    assert _found(journal) == _found(usual) and journal.integrity_problems() == []
    usual.close()
    journal.close()


def test_a_failure_while_the_index_is_built_beside_adds_nothing_and_stops_it(tmp_path, beside):
    backup = _backup_of(_varied(2000), trashed=0)
    broken = replace(backup, entries=[*backup.entries[:1500], replace(backup.entries[1500], created_at=None)])
    journal = Journal.open(tmp_path / "aside" / "journal.db")

    with pytest.raises(AttributeError):
        journal.merge(broken)

    assert not [t for t in threading.enumerate() if t.name == "closeness-journal search aside"]
    assert _mode(journal) == "wal" and journal.count() == 0
    assert journal.count(EntryFilter(search="lighthouse")) == 0 and journal.integrity_problems() == []
    assert journal.merge(backup)["entries"] == 2000
    assert journal.count(EntryFilter(search="lighthouse")) > 0 and journal.integrity_problems() == []
    journal.close()


def test_a_journal_with_entries_or_an_encrypted_one_is_indexed_the_usual_way(tmp_path, beside, encrypt_journals):
    journal = Journal.open(tmp_path / "some" / "journal.db")
    journal.add(Entry(local_date=_varied(1)[0].local_date, body="already here"))
    filled_here = _filled_here(journal)
    journal.merge(_backup_of(_varied(600), trashed=0))
    assert filled_here and journal.integrity_problems() == []
    journal.close()
    encrypt_journals()
    locked = Journal.open(tmp_path / "locked" / "journal.db")
    filled_here = _filled_here(locked)
    locked.merge(_backup_of(_varied(600), trashed=0))
    assert filled_here and locked.integrity_problems() == []
    locked.close()


def test_the_index_fits_only_as_migrations_make_it_and_while_empty(tmp_path):
    journal = Journal.open(tmp_path / "data" / "journal.db")
    assert search_aside.fits(journal.db)
    journal.add(Entry(local_date=_varied(1)[0].local_date, body="one"))
    assert not search_aside.fits(journal.db)
    journal.close()


def _bare(path):
    """A database with only an entries table of the searched columns and the journal's index."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, body, answers, small_step, who, deleted_at)")
    conn.execute(search_aside.INDEX_SQL)
    return conn, SimpleNamespace(execute=conn.execute, conn=conn)


def _settings(conn) -> list[tuple]:
    """The index's settings, as the import hands them over."""
    return conn.execute("SELECT k, v FROM entries_fts_config").fetchall()


def test_a_copied_index_is_seen_by_a_connection_that_read_the_index_before(tmp_path):
    """FTS5 keeps an index's layout on the connection between statements, even past a commit: a
    copy written under it without the index made anew would not be seen (nor checked) there."""
    conn, db = _bare(tmp_path / "bare.db")
    assert search_aside.fits(db)
    assert conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'lighthouse'").fetchone() == (0,)
    rows = [(n, f"a lighthouse, {n}", "", "", "Sam") for n in range(1, 301)]
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entries (id, body, answers, small_step, who) VALUES (?, ?, ?, ?, ?)", rows)
    with search_aside.SearchAside(_settings(conn), 1024 * 1024) as index:
        index.add(rows)
        assert index.finish(db, len(rows))
    conn.execute("COMMIT")

    assert conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'lighthouse'").fetchone() == (300,)
    conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
    assert conn.execute("SELECT k, v FROM entries_fts_config ORDER BY k").fetchall() == [("version", 4)]  # its own
    conn.close()


def test_text_with_a_nul_is_indexed_beside_as_on_the_journals_connection(tmp_path):
    """No text the store writes holds a NUL (they are taken out as entries are read), but should one
    come, SQLite's JSON, which hands the rows to the thread, would end the text there."""
    rows = [(1, "before\x00lighthouse after", "", "", ""), (2, "a written \\u0000 stays", "", "", "Sam")]
    built: dict[str, list] = {}
    for way in ("aside", "rebuilt"):
        conn, db = _bare(tmp_path / f"{way}.db")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO entries (id, body, answers, small_step, who) VALUES (?, ?, ?, ?, ?)", rows)
        if way == "aside":
            with search_aside.SearchAside(_settings(conn), 1024 * 1024) as index:
                index.add(rows)
                assert index.finish(db, len(rows))
        else:
            conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        built[way] = [conn.execute("SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", [word]).fetchall()
                      for word in ("after", "lighthouse", "u0000", "before")]
        conn.close()
    assert built["aside"] == built["rebuilt"] == [[(1,)], [(1,)], [(2,)], [(1,)]]


def test_an_index_not_whole_beside_is_not_copied(tmp_path):
    """`finish` copies only an index holding as many rows as the journal's should."""
    rows = [(n, f"a lighthouse, {n}", "", "", "") for n in range(1, 51)]
    conn, db = _bare(tmp_path / "bare.db")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entries (id, body, answers, small_step, who) VALUES (?, ?, ?, ?, ?)", rows)
    with search_aside.SearchAside(_settings(conn), 1024 * 1024) as index:
        index.add(rows[:40])
        assert not index.finish(db, len(rows))
    conn.execute("COMMIT")
    assert conn.execute("SELECT count(*) FROM entries_fts_docsize").fetchone() == (0,)  # left as it was
    conn.close()
