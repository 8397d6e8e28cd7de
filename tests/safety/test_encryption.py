"""Encryption at rest: with a passphrase no file in the data folder or its backups holds an entry's
words; without it nothing opens and nothing changes; a wrong passphrase is told apart from a damaged
file; encrypt, decrypt and passphrase keep every row, and a stopped one is finished by running it again."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from safety_helpers import one_clear_line

from closeness_journal.core.dates import local_day
from closeness_journal.core.entries import Entry
from closeness_journal.store import Journal, driver, encryption, recrypt

WORDS = ["zanzibarish", "quokkaplume", "marzipanthrope", "lighthousewhale"]
PASS = "a long walk by the canal"
NEW_PASS = "seven herons at dusk"
WRONG = "That passphrase doesn't open this journal."


@pytest.fixture
def fd():
    """`fd("line", ...)`: the number of a file descriptor that reads those lines (closed after the test)."""
    opened: list[int] = []

    def make(*lines: str) -> str:
        read, write = os.pipe()
        os.write(write, "".join(f"{line}\n" for line in lines).encode())
        os.close(write)
        opened.append(read)
        return str(read)

    yield make
    for number in opened:
        try:
            os.close(number)
        except OSError:
            pass


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fingerprint(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in files_under(folder).items()}


def rows(folder: Path, key: bytes | None = None) -> dict[str, list]:
    """Every row of every table of the journal in `folder`."""
    conn = driver.connect(folder / "journal.db", key)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def write(run, fd, text: str, *more: str, passphrase: str | None = PASS) -> str:
    extra = ["--passphrase-fd", fd(passphrase)] if passphrase is not None else []
    code, out, err = run("write", "-", *more, *extra, stdin=text)
    assert code == 0, err
    return out.strip()


def encrypted_journal(run, fd, private_folders) -> None:
    write(run, fd, f"{WORDS[0]} at dinner", "--who", "Sam", passphrase=None)
    assert run("backup")[0] == 0
    code, out, err = run("encrypt", "--passphrase-fd", fd(PASS))
    assert code == 0, err
    assert "encrypted" in out


def test_no_file_in_the_data_folder_or_its_backups_holds_an_entrys_words(run, fd, private_folders):
    encrypted_journal(run, fd, private_folders)
    for backup in (private_folders / "backups").glob("journal-*.db"):
        backup.unlink()  # so today's automatic backup is made again, encrypted
    entry = write(run, fd, f"{WORDS[1]} and {WORDS[2]}", "--tag", WORDS[3])
    assert run("edit", entry, "-", "--passphrase-fd", fd(PASS), stdin=f"{WORDS[2]} again, edited")[0] == 0
    assert run("backup", "--passphrase-fd", fd(PASS))[0] == 0
    assert list((private_folders / "backups").glob("journal-*.db")), "today's automatic backup was made"
    # while a journal is open its write-ahead log is there too
    journal = Journal.open(private_folders / "journal.db", encryption.unlock(private_folders, PASS))
    try:
        journal.add(Entry(local_day(datetime.now(UTC)), body=f"{WORDS[0]} in the log"))
        assert (private_folders / "journal.db-wal").exists()
        everything = files_under(private_folders)
    finally:
        journal.close()
    everything |= {f"closed/{k}": v for k, v in files_under(private_folders).items()}
    assert len([n for n in everything if n.startswith("closed/backups/")]) >= 3
    for name, data in everything.items():
        for word in WORDS:
            assert word.encode() not in data, (word, name)
    code, out, _ = run("list", "--search", WORDS[2], "--passphrase-fd", fd(PASS))
    assert code == 0 and WORDS[2] in out  # and with the passphrase, everything is there


def test_without_the_passphrase_nothing_opens_and_nothing_changes(run, fd, private_folders, tmp_path):
    encrypted_journal(run, fd, private_folders)
    before = fingerprint(private_folders)
    backup = next((private_folders / "backups").glob("*.db"))
    commands = [
        ["list"], ["show", "0000"], ["write", "-"], ["export", "-o", str(tmp_path / "out.md")], ["backup"],
        ["check"], ["restore-backup", str(backup), "--yes"], ["decrypt"], ["passphrase"], ["patterns"],
        ["import", str(tmp_path / "nothing.txt")], ["trash", "--empty", "--yes"],
    ]
    (tmp_path / "nothing.txt").write_text("[2026-11-02 09:15] From jrnl\nwords\n")
    for args in commands:
        code, out, err = run(*args, stdin="words\n")
        assert code == 2 and "passphrase" in one_clear_line(err), (args, err)
        code, out, err = run(*args, "--passphrase-fd", fd("not the passphrase"), stdin=f"{WORDS[3]}\n")
        assert code == 1 and err == f"closeness-journal: {WRONG}\n", (args, err)
    assert fingerprint(private_folders) == before
    assert not (tmp_path / "out.md").exists()
    with pytest.raises(encryption.NeedsPassphrase):
        Journal.open(private_folders / "journal.db")
    assert fingerprint(private_folders) == before


def test_a_damaged_journal_is_told_apart_from_a_wrong_passphrase(run, fd, private_folders):
    encrypted_journal(run, fd, private_folders)
    database = private_folders / "journal.db"
    data = bytearray(database.read_bytes())
    data[100:200] = bytes(100)  # damage inside the first page
    database.write_bytes(bytes(data))
    code, _, err = run("list", "--passphrase-fd", fd(PASS))
    assert code == 1 and "damaged" in one_clear_line(err) and WRONG not in err
    code, _, err = run("list", "--passphrase-fd", fd("wrong"))
    assert code == 1 and WRONG in one_clear_line(err)


def test_encrypt_then_decrypt_keeps_every_row_and_the_backups(run, fd, private_folders):
    for n in range(30):
        write(run, fd, f"evening {n} {WORDS[n % 4]}", "--who", f"Friend {n}", "--fear", "rejection", passphrase=None)
    assert run("backup")[0] == 0
    plain_rows = rows(private_folders)
    code, _, err = run("encrypt", "--passphrase-fd", fd(PASS))
    assert code == 0, err
    key = encryption.unlock(private_folders, PASS)
    assert rows(private_folders, key) == plain_rows
    for backup in recrypt.backups(private_folders):
        assert driver.is_plain(backup) is False
    code, _, err = run("decrypt", "--passphrase-fd", fd(PASS))
    assert code == 0, err
    assert rows(private_folders) == plain_rows
    assert not (private_folders / "journal.db.encryption").exists()
    assert all(driver.is_plain(b) for b in recrypt.backups(private_folders))
    code, out, _ = run("list", "--search", WORDS[2])
    assert code == 0 and WORDS[2] in out  # the search index came through too
    assert run("check")[0] == 0


def test_the_settings_beside_the_journal_are_private_and_strong(run, fd, private_folders):
    encrypted_journal(run, fd, private_folders)
    settings = private_folders / "journal.db.encryption"
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    data = json.loads(settings.read_text())
    assert data["key"]["kdf"] == "argon2id" and data["key"]["memory_kib"] >= 64 * 1024
    assert len(bytes.fromhex(data["key"]["salt"])) == 16
    assert PASS not in settings.read_text()
    assert stat.S_IMODE((private_folders / "journal.db").stat().st_mode) == 0o600


def test_a_new_passphrase_opens_the_journal_and_its_backups_and_the_old_one_no_longer_does(
    run, fd, private_folders
):
    encrypted_journal(run, fd, private_folders)
    before = rows(private_folders, encryption.unlock(private_folders, PASS))
    code, _, err = run("passphrase", "--passphrase-fd", fd("not it", NEW_PASS))
    assert code == 1 and WRONG in one_clear_line(err)
    code, out, err = run("passphrase", "--passphrase-fd", fd(PASS, NEW_PASS))
    assert code == 0, err
    assert run("list", "--passphrase-fd", fd(PASS))[0] == 1
    new_key = encryption.unlock(private_folders, NEW_PASS)
    assert rows(private_folders, new_key) == before
    backup = recrypt.backups(private_folders)[0]
    write(run, fd, "after the change", passphrase=NEW_PASS)
    code, out, err = run("restore-backup", str(backup), "--yes", "--passphrase-fd", fd(NEW_PASS))
    assert code == 0, err
    assert "after the change" not in run("list", "--passphrase-fd", fd(NEW_PASS))[1]


def test_restore_backup_checks_the_backup_opens_with_the_passphrase(run, fd, private_folders, tmp_path, monkeypatch):
    encrypted_journal(run, fd, private_folders)
    other = tmp_path / "other"
    monkeypatch.setenv("CLOSENESS_JOURNAL_DIR", str(other))
    write(run, fd, "someone else's journal", passphrase=None)
    assert run("encrypt", "--passphrase-fd", fd("another passphrase"))[0] == 0
    assert run("backup", "-o", str(tmp_path / "theirs.db"), "--passphrase-fd", fd("another passphrase"))[0] == 0
    assert run("decrypt", "--passphrase-fd", fd("another passphrase"))[0] == 0
    assert run("backup", "-o", str(tmp_path / "plain.db"))[0] == 0
    monkeypatch.setenv("CLOSENESS_JOURNAL_DIR", str(private_folders))
    before = fingerprint(private_folders)
    code, _, err = run("restore-backup", str(tmp_path / "theirs.db"), "--yes", "--passphrase-fd", fd(PASS))
    assert code == 1 and "doesn't open with your journal's passphrase" in one_clear_line(err)
    assert fingerprint(private_folders) == before
    # a backup made before a journal was encrypted is taken, and written in encrypted
    code, _, err = run("restore-backup", str(tmp_path / "plain.db"), "--yes", "--passphrase-fd", fd(PASS))
    assert code == 0, err
    assert "someone else's journal" in run("list", "--passphrase-fd", fd(PASS))[1]
    for name, data in files_under(private_folders).items():
        assert b"someone else" not in data, name


def test_a_stopped_encrypt_is_finished_by_running_it_again(run, fd, private_folders, monkeypatch):
    write(run, fd, f"{WORDS[0]} first", passphrase=None)
    assert run("backup")[0] == 0
    assert run("backup")[0] == 0
    before = rows(private_folders)
    real = recrypt._rewrite
    done = []

    def stopped(path, *args, **kwargs):
        if done:
            raise KeyboardInterrupt  # as if stopped after the journal itself
        done.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(recrypt, "_rewrite", stopped)
    code, _, err = run("encrypt", "--passphrase-fd", fd(PASS))
    assert code == 1
    monkeypatch.setattr(recrypt, "_rewrite", real)
    code, _, err = run("list", "--passphrase-fd", fd(PASS))
    assert code == 1 and "closeness-journal encrypt" in one_clear_line(err)
    code, _, err = run("encrypt", "--passphrase-fd", fd("not the one"))
    assert code == 1 and "doesn't open" in one_clear_line(err)
    code, _, err = run("encrypt", "--passphrase-fd", fd(PASS))
    assert code == 0, err
    key = encryption.unlock(private_folders, PASS)
    assert rows(private_folders, key) == before
    for name, data in files_under(private_folders).items():
        assert WORDS[0].encode() not in data, name


def test_encrypt_waits_for_the_window_to_close(run, fd, private_folders):
    write(run, fd, "an entry", passphrase=None)
    before = fingerprint(private_folders)
    holder = (  # another process with the journal open, as a window would have it
        "import sys, time\nfrom pathlib import Path\nfrom closeness_journal.store import Journal\n"
        "j = Journal.open(Path(sys.argv[1]))\nj.count()\nprint('open', flush=True)\nsys.stdin.read()\n"
    )
    window = subprocess.Popen([sys.executable, "-c", holder, str(private_folders / "journal.db")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "open"
        code, _, err = run("encrypt", "--passphrase-fd", fd(PASS))
    finally:
        window.communicate("", timeout=60)
    assert code == 1 and "close it first" in one_clear_line(err)
    assert not (private_folders / "journal.db.encryption").exists()
    assert run("list")[0] == 0 and fingerprint(private_folders).keys() == before.keys()


def test_setting_a_passphrase_asks_twice_and_refuses_an_empty_one(run, fd, private_folders):
    write(run, fd, "an entry", passphrase=None)
    code, _, err = run("encrypt", "--passphrase-fd", fd(""))
    assert code == 2 and "empty" in one_clear_line(err)
    assert not (private_folders / "journal.db.encryption").exists()
    code, _, err = run("encrypt")
    assert code == 2 and "--passphrase-fd" in one_clear_line(err)
    assert run("decrypt")[0] == 1 and run("passphrase")[0] == 1


def test_the_exports_say_once_that_they_are_plain_text(run, fd, private_folders, tmp_path):
    encrypted_journal(run, fd, private_folders)
    code, _, err = run("export", "-o", str(tmp_path / "out.md"), "--passphrase-fd", fd(PASS))
    assert code == 0
    assert err.count("encrypted, but exports are not") == 1


def test_sqlcipher_writes_nothing_of_its_own_and_plain_journals_never_load_it(run, fd, private_folders):
    encrypted_journal(run, fd, private_folders)
    read, write_end = os.pipe()
    os.write(write_end, b"wrong passphrase\n")
    os.close(write_end)
    env = {**os.environ, "CLOSENESS_JOURNAL_DIR": str(private_folders)}
    done = subprocess.run(
        [sys.executable, "-m", "closeness_journal", "list", "--passphrase-fd", str(read)],
        pass_fds=(read,), capture_output=True, text=True, env=env, timeout=60,
    )
    os.close(read)
    assert done.returncode == 1 and done.stderr == f"closeness-journal: {WRONG}\n"
    # a journal with a damaged page, opened with the right key: SQLCipher's log stays silent
    key = encryption.unlock(private_folders, PASS)
    probe = (
        "import sys\nfrom closeness_journal.store import driver\n"
        f"c = driver.connect(sys.argv[1], bytes.fromhex('{'00' * 32}'))\n"
        "try:\n    c.execute('SELECT * FROM sqlite_master').fetchall()\nexcept driver.DatabaseError as e:\n"
        "    print(driver.error_name(e))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(private_folders / "journal.db")],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "SQLITE_NOTADB" and done.stderr == ""
    assert key is not None
    plain = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom closeness_journal import cli\ncli.main(['list'])\n"
         "print('sqlcipher3' in sys.modules, 'argon2' in sys.modules, file=sys.stderr)"],
        capture_output=True, text=True, env={**os.environ, "CLOSENESS_JOURNAL_DIR": str(private_folders / "plain")},
        timeout=60,
    )
    assert plain.stderr.strip().splitlines()[-1] == "False False"


def test_check_says_the_journal_is_encrypted_and_finds_a_plain_backup_copied_in(run, fd, private_folders, tmp_path):
    encrypted_journal(run, fd, private_folders)
    code, out, err = run("check", "--passphrase-fd", fd(PASS))
    assert code == 0 and "encrypted" in out, out + err
    plain = tmp_path / "plain"
    plain.mkdir()
    Journal.open(plain / "journal.db").close()
    copied = private_folders / "backups" / "copied-in.db"
    copied.write_bytes((plain / "journal.db").read_bytes())
    code, out, _ = run("check", "--passphrase-fd", fd(PASS))
    assert code == 1 and f"{copied} is not encrypted" in out


def test_an_encrypted_journal_missing_its_settings_file_says_so(run, fd, private_folders):
    encrypted_journal(run, fd, private_folders)
    settings = private_folders / "journal.db.encryption"
    kept = settings.read_bytes()
    settings.unlink()
    before = (private_folders / "journal.db").read_bytes()
    code, _, err = run("list")
    line = one_clear_line(err)
    assert code == 1 and "journal.db.encryption is missing" in line and "damaged" in line, line
    assert (private_folders / "journal.db").read_bytes() == before
    settings.write_bytes(kept)  # put back, it opens again
    code, out, _ = run("list", "--passphrase-fd", fd(PASS))
    assert code == 0


def test_a_plain_journal_damaged_says_nothing_of_encryption(run, private_folders):
    private_folders.mkdir(parents=True)
    run("write", "a first line")
    database = private_folders / "journal.db"
    data = bytearray(database.read_bytes())
    data[100:200] = bytes(100)  # damage inside the first page; the SQLite header stays
    database.write_bytes(bytes(data))
    code, _, err = run("list")
    assert code == 1 and "encrypt" not in err
