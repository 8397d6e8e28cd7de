"""Opening a journal: files refused or kept private, two windows at once, housekeeping."""

import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from sqlite_utils import Database

from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.store import Journal, JournalError, NotAJournal

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_damaged_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "journal.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    os.chmod(path, 0o600)
    before = path.read_bytes()
    with pytest.raises(NotAJournal, match="not a journal database"):
        Journal.open(path)
    assert path.read_bytes() == before
    assert not path.with_name("journal.db-wal").exists()


def test_another_sqlite_database_is_not_taken_over(tmp_path):
    path = tmp_path / "journal.db"
    Database(path)["songs"].insert({"title": "x"})
    with pytest.raises(NotAJournal, match="not a closeness-journal"):
        Journal.open(path)


def test_a_data_folder_that_is_a_file_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    with pytest.raises(JournalError, match="data folder"):
        Journal.open(blocker / "journal.db")


def test_files_are_private_under_umask_022_in_a_fresh_process(tmp_path):
    folder = tmp_path / "deep" / "data"
    code = (
        "import os, sys; os.umask(0o022);"
        "from pathlib import Path; from datetime import date;"
        "from closeness_journal.store import Journal; from closeness_journal.core.entries import Entry;"
        "j = Journal.open(Path(sys.argv[1]) / 'journal.db'); j.add(Entry(date(2026,1,1), body='x'))"
    )
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True)
    assert _mode(folder) == 0o700
    for name in os.listdir(folder):
        assert _mode(folder / name) == 0o600, name


def test_looser_existing_modes_are_tightened_on_open(tmp_path):
    folder = tmp_path / "data"
    Journal.open(folder / "journal.db").close()
    os.chmod(folder, 0o755)
    os.chmod(folder / "journal.db", 0o644)
    (folder / "journal.db-wal").touch()
    os.chmod(folder / "journal.db-wal", 0o666)
    journal = Journal.open(folder / "journal.db")
    assert _mode(folder) == 0o700
    assert _mode(folder / "journal.db") == 0o600
    assert _mode(folder / "journal.db-wal") == 0o600
    journal.close()


def test_a_shared_folder_with_other_files_is_refused_and_left_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "someone-elses.txt").write_text("x")
    os.chmod(shared, 0o1777)
    with pytest.raises(JournalError, match="holds other files"):
        Journal.open(shared / "journal.db")
    assert _mode(shared) == 0o1777 and not (shared / "journal.db").exists()


def test_tightening_only_takes_away_group_and_other_access(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o2775)  # setgid stays; group and other go
    Journal.open(folder / "journal.db").close()
    assert _mode(folder) == 0o2700
    os.chmod(folder / "journal.db", 0o644)
    Journal.open(folder / "journal.db").close()
    assert _mode(folder / "journal.db") == 0o600


def test_a_damaged_page_is_reported_in_plain_words(tmp_path):
    path = tmp_path / "j.db"
    journal = Journal.open(path)
    for _ in range(300):
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


def test_saves_never_checkpoint_and_tidy_moves_the_log_into_the_file(tmp_path):
    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    assert journal.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 20_000
    for _ in range(120):
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


def test_housekeeping_is_not_a_change_screens_redraw_for(journal):
    journal.add(Entry(DAY, body="x"), now=NOW)
    token = journal.change_token()
    journal.tidy()
    assert journal.change_token() == token


def test_drafts_are_not_a_change_other_screens_redraw_for(journal):
    journal.add(Entry(DAY, body="x"), now=NOW)
    token = journal.change_token()
    journal.save_draft("today:1", {"text": "half a thought"}, now=NOW)
    journal.discard_draft("today:1")
    assert journal.change_token() == token
    journal.add(Entry(DAY, body="y"), now=NOW)
    assert journal.change_token() != token


def test_settings_and_drafts_are_written_without_sqlite_utils(tmp_path):
    """The window writes the day's prompts before its first frame and drafts as you type: neither
    waits for sqlite-utils' import."""
    path = tmp_path / "journal.db"
    Journal.open(path).close()  # created and migrated (that needs sqlite-utils)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from closeness_journal.store import Journal\n"
        "journal = Journal.open(Path(sys.argv[1]))\n"
        "journal.set_setting('deeper:2026-11-18', {'prompt': 'x'})\n"
        "journal.save_draft('today:w', {'body': 'half a thought'})\n"
        "journal.discard_draft('today:w')\n"
        "assert journal.setting('deeper:2026-11-18') == {'prompt': 'x'}\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] == 'sqlite_utils'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("LOADED []"), done.stdout + done.stderr
