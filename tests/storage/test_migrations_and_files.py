import hashlib
import os
import stat
import subprocess
import sys
from datetime import date

import pytest
from sqlite_utils import Database

from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.storage import (
    MIGRATION_NAMES,
    DatabaseTooNew,
    Journal,
    JournalError,
    NotAJournal,
    schema,
    transform_keeping_search,
)

DAY = date(2026, 11, 18)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


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
        "from closeness_journal.storage import Journal; from closeness_journal.core.entries import Entry;"
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


def test_core_and_store_never_import_textual():
    code = (
        "import sys, closeness_journal.core.entries, closeness_journal.core.prompts, "
        "closeness_journal.storage, closeness_journal.prompt_files, closeness_journal.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


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


def test_control_characters_are_never_stored(journal):
    saved = journal.add(Entry(DAY, body="a\x1b]2;title\x1b\\b\tc\nd", who="Sam\x1b[31m", small_step="x\x07y", tags=("t\x00",)))
    stored = journal.get(saved.id)
    assert (stored.body, stored.who, stored.small_step, stored.tags) == ("ab\tc\nd", "Sam", "xy", ("t",))
