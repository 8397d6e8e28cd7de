"""`restore-backup` and `check`.

The sharp edge first: copying a backup over journal.db while a killed process's write-ahead log
is still beside it makes SQLite replay that log onto the copy, and the journal ends malformed.
`restore-backup` never does that: it writes the checked backup into the journal through SQLite."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safety_helpers import add_entries, content_hash, one_clear_line

from closeness_journal.store import MIGRATION_NAMES, Journal

LATER = """
import sys, time
from pathlib import Path
from datetime import date, timedelta
from closeness_journal.store import MIGRATION_NAMES, Journal
from closeness_journal.core.entries import Entry
journal = Journal.open(Path(sys.argv[1]) / "journal.db")
for n in range(200):
    journal.add(Entry(date.today() - timedelta(days=1), body=f"written after the backup {n} " * 40))
journal.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
for entry in journal.entries(limit=30):  # changes that only the log holds…
    journal.update(entry.__class__(**{**entry.__dict__, "body": entry.body + " changed"}))
print("ready", flush=True)
time.sleep(60)  # …when the process is killed
"""


def killed_writer_left_a_log(folder: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", LATER, str(folder)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (folder / "journal.db-wal").stat().st_size > 0


@pytest.fixture
def backed_up(private_folders) -> tuple[Path, Path]:
    """A journal of 12 entries, its backup (outside the data folder), then 200 more entries and a
    log left by a killed writer."""
    add_entries(private_folders, 12)
    backup = private_folders.parent / "backup.db"
    journal = Journal.open(private_folders / "journal.db")
    journal.backup_to(backup)
    journal.close()
    killed_writer_left_a_log(private_folders)
    return private_folders, backup


def entry_count(folder: Path) -> int:
    db = sqlite3.connect(folder / "journal.db")
    try:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        db.close()


def test_copying_a_backup_over_the_journal_beside_a_stale_log_corrupts_it(backed_up):
    """Why the README no longer says to copy a backup over journal.db."""
    folder, backup = backed_up
    shutil.copyfile(backup, folder / "journal.db")
    db = sqlite3.connect(folder / "journal.db")
    try:
        outcome = db.execute("PRAGMA quick_check").fetchone()[0]
        outcome += f" / {db.execute('SELECT count(*) FROM entries').fetchone()[0]} entries"
    except sqlite3.DatabaseError as error:
        outcome = str(error)
    finally:
        db.close()
    assert outcome != "ok / 12 entries"  # the log was replayed onto the copy: not the backup any more


def test_restoring_beside_a_stale_log_gives_exactly_the_backup(backed_up, run):
    folder, backup = backed_up
    code, out, err = run("restore-backup", str(backup), "--yes")
    assert code == 0, err
    assert "Restored 12 entries" in out
    with sqlite3.connect(folder / "journal.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert entry_count(folder) == 12
    assert run("check")[0] == 0
    kept = sorted((folder / "backups").glob("before-restore-*.db"))
    assert len(kept) == 1 and str(kept[0]) in out
    with sqlite3.connect(kept[0]) as db:  # the journal as it was, log included
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 212
        assert db.execute("SELECT count(*) FROM entries WHERE body LIKE '%changed'").fetchone()[0] == 30


def test_restore_writes_nothing_beside_the_backup(backed_up, run):
    folder, backup = backed_up
    before = sorted(p.name for p in backup.parent.iterdir())
    assert run("restore-backup", str(backup), "--yes")[0] == 0
    assert sorted(p.name for p in backup.parent.iterdir()) == before


def test_restore_asks_on_a_terminal_and_keeps_the_journal_on_no(backed_up, run, monkeypatch):
    folder, backup = backed_up
    before = content_hash(folder)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, err = run("restore-backup", str(backup))
    assert code == 0 and "Kept your journal" in out and "12 entries" in err
    assert content_hash(folder) == before
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert run("restore-backup", str(backup))[0] == 0
    assert entry_count(folder) == 12


def test_restore_without_a_terminal_needs_yes(backed_up, run):
    folder, backup = backed_up
    before = content_hash(folder)
    code, _, err = run("restore-backup", str(backup), stdin="y\n")
    assert code == 2 and "--yes" in one_clear_line(err)
    assert content_hash(folder) == before


def newer_journal(path: Path) -> None:
    add_entries(path.parent, 1)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('closeness_journal', "
                   "'m999_from_the_future', '2030-01-01')")


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda p: p.write_text(json.dumps({"format": "closeness-journal"})), "not a backup of a journal"),
        (lambda p: p.write_bytes(b"SQLite format 3\0" + b"\xff" * 5000), "not a backup of a journal"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE songs (title)").connection.commit(), "not a closeness"),
        (lambda p: newer_journal(p), "newer version"),
        (lambda p: None, "no such file"),
    ],
    ids=["json", "garbage", "another-database", "newer", "missing"],
)
def test_a_backup_that_does_not_check_out_is_refused_and_nothing_changes(filled, run, tmp_path, make, says):
    backup = tmp_path / "candidate" / "journal.db"
    backup.parent.mkdir()
    make(backup)
    before = content_hash(filled)
    code, _, err = run("restore-backup", str(backup), "--yes")
    assert code == 1 and says in one_clear_line(err)
    assert content_hash(filled) == before
    assert not list((filled / "backups").glob("before-restore-*")) if (filled / "backups").exists() else True
    assert [p.name for p in filled.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize("damage", ["no database at all", "pages scribbled over"])
def test_a_damaged_journal_is_replaced_and_kept_aside_whole(filled, tmp_path, run, damage):
    backup = tmp_path / "backup.db"
    journal = Journal.open(filled / "journal.db")
    journal.backup_to(backup)
    journal.close()
    add_entries(filled, 300, words="later words " * 100)
    assert not (filled / "journal.db-wal").exists()  # closed: the damage is all there is
    data = bytearray((filled / "journal.db").read_bytes())
    if damage == "no database at all":
        data = bytearray(b"this is no database" * 1000)
    else:
        start = (len(data) // 2) // 4096 * 4096
        for offset in range(start, len(data) - 4096, 4096):
            data[offset : offset + 512] = b"\xff" * 512
    (filled / "journal.db").write_bytes(bytes(data))
    code, out, err = run("restore-backup", str(backup), "--yes")
    assert code == 0, err
    assert not (filled / "journal.db-wal").exists()  # the old log went with the old file
    assert entry_count(filled) == 12
    with sqlite3.connect(filled / "journal.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = next((filled / "backups").glob("before-restore-*.db"))
    assert kept.read_bytes() == bytes(data)  # kept as it was, for anyone who can rescue more from it


def test_restoring_where_there_is_no_journal_yet(private_folders, tmp_path, run):
    add_entries(tmp_path / "old", 5)
    code, out, err = run("restore-backup", str(tmp_path / "old" / "journal.db"), "--yes")
    assert code == 0, err
    assert entry_count(private_folders) == 5
    assert os.stat(private_folders / "journal.db").st_mode & 0o777 == 0o600


def test_a_backup_from_an_earlier_version_is_brought_up_to_date(filled, tmp_path, run):
    old = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).parent.parent / "fixtures" / "release-0.1.0" / "journal.db", old)
    code, out, err = run("restore-backup", str(old), "--yes")
    assert code == 0, err
    with sqlite3.connect(filled / "journal.db") as db:
        applied = {row[0] for row in db.execute("SELECT name FROM _sqlite_migrations")}
    assert applied == set(MIGRATION_NAMES)
    assert run("list")[0] == 0 and run("check")[0] in (0, 1)


def test_the_journal_itself_is_not_a_backup(filled, run):
    code, _, err = run("restore-backup", str(filled / "journal.db"), "--yes")
    assert code == 1 and "journal itself" in one_clear_line(err)


# ---------------------------------------------------------------- check


def test_check_on_a_well_journal_says_so_briefly(filled, run):
    run("backup")
    code, out, err = run("check")
    assert code == 0 and err == ""
    assert out.startswith("Your journal is well.") and "12 entries" in out and "Newest backup: today" in out
    assert len(out.splitlines()) <= 6


def test_check_names_loose_modes_then_is_well(filled, run):
    run("backup")
    os.chmod(filled, 0o755)
    os.chmod(filled / "journal.db", 0o644)
    code, out, _ = run("check")
    assert code == 1
    assert len(out.splitlines()) == 2 and all("could be read by others" in line for line in out.splitlines())
    assert run("check")[0] == 0


def test_check_finds_a_search_index_out_of_step(filled, run):
    run("backup")
    with sqlite3.connect(filled / "journal.db") as db:  # take an entry out of the index behind the store's back
        entry_id, body = db.execute("SELECT id, body FROM entries LIMIT 1").fetchone()
        db.execute(
            "INSERT INTO entries_fts (entries_fts, rowid, body, answers, small_step, who) "
            "VALUES ('delete', ?, ?, '', '', '')",
            [entry_id, body],
        )
    code, out, _ = run("check")
    assert code == 1 and "search index" in out


def test_check_on_a_damaged_journal_points_at_the_newest_backup(filled, run):
    run("backup")
    (filled / "journal.db").write_bytes(b"\0" * 8192)
    code, out, _ = run("check")
    assert code == 1
    assert "damaged" in out and "restore-backup" in out


def test_check_says_when_there_is_no_backup_or_an_old_one(filled, run):
    code, out, _ = run("check")
    assert code == 1 and out.strip() == "There is no backup yet: `closeness-journal backup` makes one."
    run("backup")
    for old in (filled / "backups").iterdir():
        os.utime(old, (time.time() - 30 * 86400,) * 2)
    add_entries(filled, 1)
    code, out, _ = run("check")
    assert code == 1 and "30 days ago" in out and "written since" in out


def test_check_tells_of_drafts_closed_windows_left_and_refuses_unreadable_ones(filled, run):
    run("backup")
    with sqlite3.connect(filled / "journal.db") as db:
        db.execute("INSERT INTO drafts VALUES ('today:1@gone', '2026-11-18T10:00:00+00:00', ?)",
                   [json.dumps({"day": "2026-11-18", "answers": {"a": "half a thought"}, "pid": 999999999,
                                "host": "gone"})])
    code, out, _ = run("check")
    assert code == 0 and "1 unsaved draft from a window that closed" in out
    with sqlite3.connect(filled / "journal.db") as db:
        db.execute("INSERT INTO drafts VALUES ('today:2@gone', '2026-11-18T10:00:00+00:00', '\"oops\"')")
    code, out, _ = run("check")
    assert code == 1 and "A draft can't be read" in out and "expected an object" in out
