"""The crash soak: at least 200 `kill -9` points spread over saves, typing into the window,
imports, backups and encrypting. After each: the journal passes SQLite's integrity check, no saved entry is
missing, an import is all or nothing, a backup is whole or absent, drafts are readable and hold
a prefix of what was typed, no partial file outlives the next run, and a stopped `encrypt`
loses nothing: it is finished by running it again, and then no file holds the journal's words.

It takes a few minutes, so it is not in the default run (marker `soak`):

    .venv/bin/pytest -m soak

`CLOSENESS_JOURNAL_SOAK_SCALE` (default 1) multiplies the number of points.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from safety_helpers import add_entries

from closeness_journal.core import archive_format

pytestmark = [pytest.mark.soak, pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and ptys are POSIX")]

SCALE = float(os.environ.get("CLOSENESS_JOURNAL_SOAK_SCALE", "1"))
SAVES, WINDOWS, IMPORTS, BACKUPS, ENCRYPTS = (max(1, round(n * SCALE)) for n in (80, 30, 45, 45, 25))
ENV = {**os.environ, "TERM": "xterm-256color"}

WRITER = """
import sys
from pathlib import Path
from datetime import date, timedelta
from closeness_journal.store import Journal
from closeness_journal.core.entries import Entry
journal = Journal.open(Path(sys.argv[1]) / "journal.db")
print("ready", flush=True)
n = 0
while True:
    saved = journal.add(Entry(date.today() - timedelta(days=n % 200), body=f"saved {n} " * (1 + n % 50)))
    print(saved.id, flush=True)
    n += 1
"""


def check_journal(folder: Path) -> sqlite3.Connection:
    """The journal passes SQLite's integrity check and the search index's; every draft reads."""
    db = sqlite3.connect(folder / "journal.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
    for key, saved_at, data in db.execute("SELECT key, saved_at, data FROM drafts"):
        archive_format.read_draft({"key": key, "saved_at": saved_at, "data": json.loads(data)}, key)
    return db


def killed_after(command: list[str], seconds: float, **kwargs) -> subprocess.Popen:
    process = subprocess.Popen(command, start_new_session=True, **kwargs)
    time.sleep(seconds)
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:  # it had just finished
            pass
    process.wait()
    return process


def test_kill_9_during_saves_loses_no_saved_entry(tmp_path):
    folder = tmp_path / "saves"
    rng = random.Random(1)
    saved: list[str] = []
    for _ in range(SAVES):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True,
                                   start_new_session=True)
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.25))
        os.killpg(process.pid, signal.SIGKILL)
        saved += [line.strip() for line in process.stdout if len(line.strip()) == 36]
        process.wait()
        db = check_journal(folder)
        kept = {row[0] for row in db.execute("SELECT uuid FROM entries")}
        db.close()
        assert not set(saved) - kept, "an entry whose save had returned is missing"
    assert len(saved) > SAVES


def test_kill_9_while_typing_into_the_window_keeps_a_readable_draft(tmp_path):
    rng = random.Random(2)
    for point in range(WINDOWS):
        folder = tmp_path / f"window-{point}"
        add_entries(folder, 2)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        process = subprocess.Popen([sys.executable, "-m", "closeness_journal", "--data-dir", str(folder)],
                                   stdin=slave, stdout=slave, stderr=slave, env=ENV, start_new_session=True)
        os.close(slave)
        screen, segments = b"", [""]  # what was typed between saves (ctrl+s)
        deadline = time.monotonic() + 30
        try:
            while b"Quit" not in screen and time.monotonic() < deadline:
                if select.select([master], [], [], 0.05)[0]:
                    screen += os.read(master, 65536)
            drain_until = time.monotonic() + 0.5  # the editor has the focus
            while time.monotonic() < drain_until:
                if select.select([master], [], [], 0.05)[0]:
                    os.read(master, 65536)
            stop = time.monotonic() + rng.uniform(0.2, 4.0)
            while time.monotonic() < stop:
                if rng.random() < 0.02 and segments[-1]:
                    os.write(master, b"\x13")  # ctrl+s: save the sitting
                    segments.append("")
                else:
                    character = rng.choice("abcdefgh ")
                    os.write(master, character.encode())
                    segments[-1] += character
                if select.select([master], [], [], rng.choice([0, 0.01, 0.05, 0.3]))[0]:
                    try:
                        screen += os.read(master, 65536)
                    except OSError:  # the window ended by itself: it must not have
                        shown = re.sub(rb"\x1b\[[0-9;?<]*[a-zA-Z]", b"", screen).decode("utf-8", "replace")
                        pytest.fail(f"the window ended while typing (exit {process.wait()}):\n{shown[-1500:]}")
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            os.close(master)
        db = check_journal(folder)
        for (data,) in db.execute("SELECT data FROM drafts WHERE key LIKE 'today%'"):
            for text in json.loads(data).get("answers", {}).values():
                assert any(segment.startswith(text) for segment in segments), (text, segments)
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] >= 2
        db.close()


def _archive_of_3000(tmp_path):
    """A JSON archive of 3,000 entries (their bodies start "imported words")."""
    source = tmp_path / "source"
    add_entries(source, 3000, words="imported words " * 20)
    archive = tmp_path / "all.json"
    done = subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(source), "export", "--format",
                           "json", "-o", str(archive)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return archive


def test_kill_9_during_an_import_adds_all_or_nothing(tmp_path):
    rng = random.Random(3)
    archive = _archive_of_3000(tmp_path)
    folder = tmp_path / "target"
    add_entries(folder, 5)
    command = [sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "import", str(archive)]
    started = time.monotonic()
    subprocess.run(command, capture_output=True, check=True)  # how long one takes, to kill inside it
    took = time.monotonic() - started
    db = sqlite3.connect(folder / "journal.db")
    db.execute("DELETE FROM entries WHERE body LIKE 'imported words%'")
    db.commit()
    db.close()
    for _ in range(IMPORTS):
        killed_after(command, rng.uniform(0.1, took * 1.1), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = check_journal(folder)
        count = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        assert count in (5, 3005), f"a killed import left {count - 5} of 3000 entries"
        if count == 3005:
            db.execute("DELETE FROM entries WHERE body LIKE 'imported words%'")
            db.commit()
        db.close()


def test_kill_9_during_an_import_into_an_empty_journal_adds_all_or_nothing(tmp_path):
    """Into a journal with no entries, an import is written with a rollback journal (store/archive.py):
    a killed one is rolled back on the next open, which puts the write-ahead log back."""
    from closeness_journal.store import Journal

    rng = random.Random(5)
    archive = _archive_of_3000(tmp_path)
    folder = tmp_path / "target"
    command = [sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "import", str(archive)]
    started = time.monotonic()
    subprocess.run(command, capture_output=True, check=True)
    took = time.monotonic() - started
    for _ in range(IMPORTS):
        db = sqlite3.connect(folder / "journal.db")
        db.execute("DELETE FROM entries")
        db.commit()
        db.close()
        killed_after(command, rng.uniform(0.1, took * 1.1), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = check_journal(folder)
        count = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        assert count in (0, 3000), f"a killed import left {count} of 3000 entries"
        searched = db.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'imported'").fetchone()[0]
        assert searched == count
        db.close()
        journal = Journal.open(folder / "journal.db")
        assert journal.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        journal.close()
    assert not (folder / "journal.db-journal").exists()


def test_kill_9_during_a_backup_leaves_it_whole_or_absent(tmp_path):
    rng = random.Random(4)
    folder = tmp_path / "data"
    add_entries(folder, 400, words="words to back up " * 200)
    out = tmp_path / "elsewhere"
    out.mkdir()
    target = out / "copy.db"
    command = [sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "backup", "-o", str(target),
               "--force"]
    started = time.monotonic()
    subprocess.run(command, capture_output=True, check=True)
    took = time.monotonic() - started
    for _ in range(BACKUPS):
        target.unlink(missing_ok=True)
        killed_after(command, rng.uniform(0.05, took * 1.1), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if target.exists():
            copy = sqlite3.connect(target)
            assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] == 400
            copy.close()
        check_journal(folder).close()
        subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "locate"], check=True,
                       capture_output=True)
        subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "list", "-n", "1"],
                       check=True, capture_output=True)  # the next run of the journal removes partial files
        assert [p.name for p in out.iterdir() if p.name.endswith(".partial")] == []


def kill_point(rng: random.Random, took: float) -> float:
    """When to kill a run that takes `took` seconds: mostly in its second half, where the files are
    rewritten (the first is starting Python and working out the key), sometimes anywhere."""
    return rng.uniform(took * 0.5, took * 1.05) if rng.random() < 0.7 else rng.uniform(0.05, took)


def test_kill_9_during_encrypt_loses_nothing(tmp_path):
    from closeness_journal.store import driver, encryption

    rng = random.Random(5)
    template = tmp_path / "template"
    add_entries(template, 300, words="lighthousewhale " * 100)
    subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(template), "backup"], check=True,
                   capture_output=True)
    passphrase = "a long walk by the canal"

    def encrypt(folder: Path, kill_after: float | None = None) -> subprocess.Popen | subprocess.CompletedProcess:
        read, write = os.pipe()
        os.write(write, f"{passphrase}\n".encode())
        os.close(write)
        command = [sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "encrypt",
                   "--passphrase-fd", str(read)]
        try:
            if kill_after is None:
                return subprocess.run(command, capture_output=True, text=True, pass_fds=(read,))
            return killed_after(command, kill_after, pass_fds=(read,), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        finally:
            os.close(read)

    timing = tmp_path / "timing"
    shutil.copytree(template, timing)
    started = time.monotonic()
    assert encrypt(timing).returncode == 0
    took = time.monotonic() - started
    for _ in range(ENCRYPTS):
        folder = tmp_path / "data"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        encrypt(folder, kill_point(rng, took))
        if not (folder / "journal.db.encryption").exists():
            check_journal(folder).close()  # stopped before it began: the plain journal, whole
            continue
        finished = encrypt(folder)
        assert finished.returncode == 0 or "already encrypted" in finished.stderr, finished.stderr
        key = encryption.unlock(folder, passphrase)
        db = driver.connect(folder / "journal.db", key)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 300
        db.close()
        subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "locate"], check=True,
                       capture_output=True)
        for path in folder.rglob("*"):
            if path.is_file():
                assert b"lighthousewhale" not in path.read_bytes(), path


@pytest.mark.parametrize("command", ["passphrase", "decrypt"])
def test_kill_9_while_changing_the_passphrase_or_decrypting_loses_nothing(tmp_path, command):
    from closeness_journal.store import driver, encryption

    rng = random.Random(6 if command == "passphrase" else 7)
    old, new = "a long walk by the canal", "seven herons at dusk"
    lines = f"{old}\n{new}\n" if command == "passphrase" else f"{old}\n"

    def run(folder: Path, args: list[str], text: str, kill_after: float | None = None):
        read, write = os.pipe()
        os.write(write, text.encode())
        os.close(write)
        command_line = [sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), *args,
                        "--passphrase-fd", str(read)]
        try:
            if kill_after is None:
                return subprocess.run(command_line, capture_output=True, text=True, pass_fds=(read,))
            return killed_after(command_line, kill_after, pass_fds=(read,), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        finally:
            os.close(read)

    template = tmp_path / "template"
    add_entries(template, 300, words="lighthousewhale " * 100)
    subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(template), "backup"], check=True,
                   capture_output=True)
    assert run(template, ["encrypt"], f"{old}\n").returncode == 0
    timing = tmp_path / "timing"
    shutil.copytree(template, timing)
    started = time.monotonic()
    assert run(timing, [command], lines).returncode == 0
    took = time.monotonic() - started
    for _ in range(max(1, ENCRYPTS // 2)):
        folder = tmp_path / "data"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder)
        run(folder, [command], lines, kill_point(rng, took))
        state = encryption.read(folder)
        if state is not None and state.doing:  # stopped part way: running it again finishes it
            finished = run(folder, [command], lines)
            assert finished.returncode == 0, finished.stderr
        state = encryption.read(folder)
        if command == "decrypt":
            key = None if state is None else encryption.unlock(folder, old)
        else:
            key = encryption.unlock(folder, new if state.key.key_for(new) else old)
        files = [folder / "journal.db", *sorted((folder / "backups").glob("*.db"))]
        for path in files:
            db = driver.connect(path, key)
            assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok", path
            assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 300, path
            db.close()
