"""The journal's own files: links refused untouched, read-only folders and full disks named
for what they are, backups kept private and never clobbered, no partial file left behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import pytest
import time_machine
from safety_helpers import add_entries, content_hash, fill, one_clear_line

from closeness_journal.store import Journal, JournalError, connection


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# ---------------------------------------------------------------- links and other non-files


def test_a_symlinked_journal_is_refused_and_its_target_left_untouched(tmp_path, run, private_folders):
    elsewhere = tmp_path / "elsewhere.db"
    add_entries(tmp_path / "other", 2)
    (tmp_path / "other" / "journal.db").rename(elsewhere)
    os.chmod(elsewhere, 0o644)
    before = elsewhere.read_bytes()
    private_folders.mkdir(mode=0o700)
    (private_folders / "journal.db").symlink_to(elsewhere)
    code, _, err = run("list")
    assert code == 1
    assert "symbolic link" in one_clear_line(err) and "untouched" in err
    assert mode(elsewhere) == 0o644 and elsewhere.read_bytes() == before  # not chmod'ed, not written
    assert (private_folders / "journal.db").is_symlink()


def test_a_symlinked_write_ahead_log_is_refused(tmp_path, filled):
    target = tmp_path / "somewhere-else"
    target.write_bytes(b"")
    os.chmod(target, 0o644)
    (filled / "journal.db-wal").symlink_to(target)
    with pytest.raises(JournalError, match="symbolic link"):
        Journal.open(filled / "journal.db")
    assert mode(target) == 0o644 and target.read_bytes() == b""


def test_a_journal_that_is_a_pipe_is_refused_without_waiting_on_it(private_folders, run):
    private_folders.mkdir(mode=0o700)
    os.mkfifo(private_folders / "journal.db", 0o600)
    code, _, err = run("list")
    assert code == 1 and "not a plain file" in one_clear_line(err)


# ---------------------------------------------------------------- read-only folders and full disks


def test_a_read_only_folder_is_named_not_called_damaged(read_only_folder, run):
    with read_only_folder() as folder:
        code, _, err = run("--data-dir", str(folder), "list")
        line = one_clear_line(err)
        assert code == 1 and "read-only" in line and "damaged" not in line


def test_opening_on_a_full_disk_says_the_disk_is_full(small_disk, run):
    folder = small_disk / "data"
    add_entries(folder, 3)
    fill(small_disk)
    before = content_hash(folder)
    code, _, err = run("--data-dir", str(folder), "list")
    line = one_clear_line(err)
    assert code == 1 and "full" in line and "damaged" not in line
    assert content_hash(folder) == before


def test_writing_from_standard_input_on_a_full_disk_promises_nothing(small_disk, run):
    folder = small_disk / "data"
    add_entries(folder, 3)
    holder = Journal.open(folder / "journal.db")  # a window holds the journal open (its log exists)
    try:
        fill(small_disk)
        before = content_hash(folder)
        code, _, err = run("--data-dir", str(folder), "write", "-", stdin="words only standard input had\n" * 2000)
        assert code == 1
        last = err.strip().splitlines()[-1]
        assert "full" in last and "nothing was saved" in last
        assert "still here" not in err and "Traceback" not in err
        assert content_hash(folder) == before
    finally:
        holder.close()


# ---------------------------------------------------------------- backups


def test_an_existing_loose_backups_folder_is_tightened(filled):
    backups = filled / "backups"
    backups.mkdir()
    os.chmod(backups, 0o755)
    (backups / "journal-2026-01-01.db").write_bytes(b"x")
    os.chmod(backups / "journal-2026-01-01.db", 0o644)
    Journal.open(filled / "journal.db").close()
    assert mode(backups) == 0o700 and mode(backups / "journal-2026-01-01.db") == 0o600


def test_two_backups_in_the_same_second_both_succeed(filled, run):
    with time_machine.travel(datetime(2026, 11, 18, 20, 30, 5, tzinfo=UTC), tick=False):
        first = run("backup")
        second = run("backup")
    assert first[0] == 0 and second[0] == 0, second
    made = sorted(p.name for p in (filled / "backups").glob("manual-*.db"))
    assert len(made) == 2 and made[0] != made[1]


@pytest.mark.parametrize("name", ["journal.db", "journal.db-wal", "journal.db-shm", "backups/journal-2026-11-17.db"])
@pytest.mark.parametrize("command", ["export", "backup"])
def test_the_journal_s_own_files_are_never_an_output(filled, run, name, command):
    add_entries(filled, 1)
    (filled / "backups").mkdir(exist_ok=True)
    journal = Journal.open(filled / "journal.db")
    journal.backup_to(filled / "backups" / "journal-2026-11-17.db")
    journal.close()
    target = filled / name
    existed = target.exists()
    before = target.read_bytes() if existed else None
    journal_before = content_hash(filled)
    code, _, err = run(command, "-o", str(target), "--force")
    assert code == 1 and "journal's own files" in one_clear_line(err)
    assert content_hash(filled) == journal_before
    assert (target.read_bytes() if existed else None) == before


def test_a_link_to_the_journal_is_not_an_output_either(filled, run, tmp_path):
    alias = tmp_path / "innocent.md"
    alias.symlink_to(filled / "journal.db")
    before = content_hash(filled)
    code, _, err = run("export", "-o", str(alias), "--force")
    assert code == 1 and "journal's own files" in one_clear_line(err)
    assert content_hash(filled) == before


def test_a_killed_backup_leaves_no_partial_file_for_long(tmp_path, private_folders, run):
    """Kill `backup -o F` while it writes its partial file; the next command removes it."""
    add_entries(private_folders, 40, words="many words " * 3000)
    target = tmp_path / "usb" / "copy.db"
    target.parent.mkdir()
    for _ in range(20):  # until a kill lands while the partial file exists
        process = subprocess.Popen(
            [sys.executable, "-m", "closeness_journal", "backup", "-o", str(target)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            if any(p.name.endswith(".partial") for p in target.parent.iterdir()):
                process.send_signal(signal.SIGKILL)
                break
        process.wait()
        if process.returncode == -signal.SIGKILL:
            break
        target.unlink(missing_ok=True)
    else:
        pytest.skip("the backup was always done before it could be killed")
    assert any(p.name.endswith(".partial") for p in target.parent.iterdir())
    assert run("list")[0] == 0  # any next run of the journal cleans up
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".partial")] == []


# ---------------------------------------------------------------- waiting for a long writer


def test_a_write_waits_for_a_long_import_instead_of_giving_up(filled, run, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)  # a short busy timeout: the test needn't wait 10 s
    other = Journal.open(filled / "journal.db")
    other.db.execute("BEGIN IMMEDIATE")  # the importer holds the write lock…
    other.db.execute("INSERT INTO settings (key, value) VALUES ('importing', '1')")
    release = threading.Timer(1.5, other.db.conn.commit)  # …for longer than the busy timeout
    release.start()
    try:
        code, out, err = run("write", "written while an import ran")
    finally:
        release.join()
        other.close()
    assert code == 0, err
    assert "waiting for it to finish" in err and "nothing was saved" not in err
    assert Journal.open(filled / "journal.db").get(out.strip()).body == "written while an import ran"
