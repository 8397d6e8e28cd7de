"""Export for a therapist, the JSON backup format, importing (also from jrnl), and backups."""

import hashlib
import json
import os
import re
import sqlite3
import stat
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from closeness_journal import cli, private_files
from closeness_journal.core.archive_format import read_backup
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import Rung
from closeness_journal.core.review import SavedReview
from closeness_journal.core.text import printable
from closeness_journal.core.vocabulary import BEHAVIOURS, FEARS, KINDS, RELATIONSHIPS
from closeness_journal.store import Journal

FIXTURES = Path(__file__).parent / "fixtures" / "jrnl"
DAY = date(2026, 11, 18)


def run(capsys, *args):
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# ----------------------------------------------------------------------------- JSON round trip

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
entries = st.builds(
    Entry,
    local_date=st.dates(date(2020, 1, 1), date(2026, 12, 31)),
    body=text.filter(lambda t: printable(t).strip()),
    checkin=st.builds(
        CheckIn,
        who=text,
        relationship=st.none() | st.sampled_from(list(RELATIONSHIPS)),
        kinds=st.lists(st.sampled_from(list(KINDS)), max_size=3).map(tuple),
        behaviours=st.lists(st.sampled_from(list(BEHAVIOURS)), max_size=3).map(tuple),
        fears=st.lists(st.sampled_from(list(FEARS)), max_size=3).map(tuple),
        intensity=st.none() | st.integers(0, 10),
        close_before=st.booleans(),
        small_step=text,
        predicted=st.none() | st.integers(0, 10),
        outcome=st.none() | st.integers(0, 10),
    ),
    private=st.booleans(),
    tags=st.lists(text, max_size=3).map(tuple),
    flagged=st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    journal_entries=st.lists(entries, min_size=0, max_size=8),
    edits=st.lists(st.tuples(st.integers(0, 7), text.filter(lambda t: printable(t).strip())), max_size=4),
    deletes=st.lists(st.integers(0, 7), max_size=3),
    review_answers=st.dictionaries(st.sampled_from(["weekly-review-01", "weekly-review-05"]), text, max_size=2),
    setting=st.none() | st.integers(0, 5),
    rungs=st.lists(st.tuples(text.filter(lambda t: printable(t).strip()), st.integers(0, 100), text, st.booleans()),
                   max_size=3),
    tries=st.lists(st.integers(0, 7), max_size=8),
)
def test_export_import_export_is_identical(journal_entries, edits, deletes, review_answers, setting, rungs, tries):
    source = Journal.in_memory()
    now = datetime(2026, 11, 18, 12, tzinfo=UTC)
    ladder = [source.add_rung(Rung(words, hard, who), now=now + timedelta(seconds=n))
              for n, (words, hard, who, _) in enumerate(rungs)]
    for rung, (*_, retired) in zip(ladder, rungs, strict=True):
        if retired:
            source.retire_rung(rung.id, now=now + timedelta(hours=1))
    for n, rung_index in enumerate(tries):  # some entries try a rung (the attempts are those entries)
        if ladder and n < len(journal_entries):
            tried = replace(journal_entries[n].checkin, rung=ladder[rung_index % len(ladder)].id)
            journal_entries[n] = replace(journal_entries[n], checkin=tried)
    saved = [source.add(e, now=now + timedelta(minutes=n)) for n, e in enumerate(journal_entries)]
    for n, (index, body) in enumerate(edits):
        if index < len(saved):
            edited = Entry(saved[index].local_date, body=body, id=saved[index].id)
            source.update(edited, now=now + timedelta(hours=1, minutes=n))
    for index in deletes:
        if index < len(saved) and source.get(saved[index].id).deleted_at is None:
            source.delete(saved[index].id, now=now + timedelta(hours=2))
    if review_answers:
        source.save_review(SavedReview("2026-W46", review_answers, next_step="x"), now=now)
        source.save_review(SavedReview("2026-W46", review_answers, next_step="y",
                                       next_rung=ladder[0].id if ladder else None), now=now + timedelta(hours=3))
    if setting is not None:
        source.set_setting("shuffle:2026-11-18", setting)
    source.save_draft("today:abc", {"answers": {"free": "half"}}, now=now)

    first = json.loads(json.dumps(source.dump().to_json("then")))
    target = Journal.in_memory()
    target.merge(read_backup(first))
    second = json.loads(json.dumps(target.dump().to_json("then")))
    assert second == first
    assert target.merge(read_backup(first)) == {
        "entries": 0, "revisions": 0, "reviews": 0, "settings": 0, "drafts": 0, "exercises": 0, "rungs": 0,
    }
    assert [step.attempts for step in target.ladder(retired=True)] == [
        step.attempts for step in source.ladder(retired=True)]


# ----------------------------------------------------------------------------- Markdown export

@pytest.fixture
def filled(capsys):
    for args in (
        ["write", "Dinner with Sam was lovely; then Sam's joke made me go quiet.", "--who", "Sam",
         "--relationship", "partner", "--behaviour", "went-quiet", "--fear", "engulfment", "--intensity", "6",
         "--date", "2026-11-09"],
        ["write", "Ana asked about my week. I told ANA the truth.", "--who", "Ana", "--relationship", "friend",
         "--step", "Told Ana the truth", "--predicted", "8", "--outcome", "3", "--date", "2026-11-10"],
        ["write", "A private thought about sam", "--private", "--date", "2026-11-11"],
        ["write", "# Heading\n<script>alert(1)</script>\n```\nunclosed fence\n---\n- item\n[x](javascript:alert(1))",
         "--date", "2026-11-12"],
        ["write", "The entry after the hostile one", "--date", "2026-11-13"],
    ):
        assert run(capsys, *args)[0] == 0


def test_markdown_export_leaves_private_out_and_says_so(capsys, filled, tmp_path):
    out = tmp_path / "for-therapist.md"
    code, _, err = run(capsys, "export", "-o", str(out))
    assert code == 0, err
    document = out.read_text()
    assert "A private thought" not in document
    assert "1 entry marked private was left out" in document
    assert mode(out) == 0o600
    code, _, _ = run(capsys, "export", "-o", str(out), "--include-private", "--force")
    assert "A private thought" in out.read_text() and "left out" not in out.read_text()


def test_no_overwrite_without_force_and_stdout_with_dash(capsys, filled, tmp_path):
    out = tmp_path / "x.md"
    out.write_text("keep me")
    code, _, err = run(capsys, "export", "-o", str(out))
    assert code == 1 and "--force" in err and out.read_text() == "keep me"
    code, stdout, _ = run(capsys, "export", "-o", "-")
    assert code == 0 and stdout.startswith("# ")


def test_redaction_replaces_names_as_written_and_the_names_listed(capsys, filled, tmp_path):
    out = tmp_path / "r.md"
    assert run(capsys, "export", "--redact", "--include-private", "-o", str(out))[0] == 0
    document = out.read_text()
    assert not re.search(r"\b(Sam|Ana)\b", document)
    assert "my partner" in document and "a friend" in document
    assert "With:** my partner\n" in document  # said once, not "My partner (a partner)"
    assert "about sam" in document and "told ANA" in document  # written otherwise than in "who": as written
    assert "names were replaced by “a friend”, “my partner”" in document  # the key: the words, never the names
    # names listed as well ("NAME" or "NAME=words"): those spellings go too
    assert run(capsys, "export", "--redact-name", "sam", "--redact-name", "ANA=a friend", "--include-private",
               "-o", str(out), "--force")[0] == 0
    document = out.read_text()
    for name in ("Sam", "sam", "Ana", "ANA"):
        assert not re.search(rf"\b{name}\b", document)
    assert "about someone" in document and "told a friend the truth" in document


def test_hostile_entry_text_leaves_the_structure_intact(capsys, filled, tmp_path):
    out = tmp_path / "s.md"
    assert run(capsys, "export", "-o", str(out))[0] == 0
    document = out.read_text()
    tokens = MarkdownIt("commonmark").enable("table").parse(document)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "fence", "code_block", "hr", "link_open"}
    headings = [t for t in tokens if t.type == "heading_open"]
    inline_after = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any(h.strip() == "Heading" for h in inline_after)  # the entry's "# Heading" is not a heading
    assert any("Friday 13 November 2026" in h for h in inline_after)  # the next entry still has its own day
    assert len(headings) >= 5
    assert "alert(1)" in MarkdownIt("commonmark").render(document)


def test_json_export_writes_everything_privately(capsys, filled, tmp_path):
    out = tmp_path / "all.json"
    assert run(capsys, "export", "--format", "json", "-o", str(out))[0] == 0
    data = json.loads(out.read_text())
    assert data["format"] == "closeness-journal" and data["format_version"] == 2
    assert len(data["entries"]) == 5 and mode(out) == 0o600
    assert run(capsys, "export", "--format", "json", "--redact", "-o", "-")[0] == 2


# ----------------------------------------------------------------------------- import

def test_importing_the_same_backup_twice_adds_nothing(capsys, filled, tmp_path):
    out = tmp_path / "all.json"
    run(capsys, "export", "--format", "json", "-o", str(out))
    other = tmp_path / "other"
    code, stdout, _ = run(capsys, "--data-dir", str(other), "import", str(out))
    assert code == 0 and "Added 5 entries" in stdout
    code, stdout, _ = run(capsys, "--data-dir", str(other), "import", str(out))
    assert "Added 0 entries (5 already in your journal)" in stdout


@pytest.mark.parametrize(
    "mangle, message",
    [
        (lambda d: d["entries"][1].__setitem__("local_date", "someday"), "entries[1]"),
        (lambda d: d["entries"][0].__setitem__("fears", ["spiders"]), "entries[0]: unknown fear"),
        (lambda d: d.__setitem__("format_version", 99), "newer"),
        (lambda d: d["revisions"].append({"entry_id": "x"}), "revisions[0].revised_at"),
    ],
)
def test_a_bad_backup_names_the_field_and_imports_nothing(capsys, filled, tmp_path, private_folders, mangle, message):
    out = tmp_path / "all.json"
    run(capsys, "export", "--format", "json", "-o", str(out))
    data = json.loads(out.read_text())
    data["entries"].append({**data["entries"][0], "id": "11111111-2222-4333-8444-555555555555"})  # a new one too
    mangle(data)
    out.write_text(json.dumps(data))
    before = hashlib.sha256((private_folders / "journal.db").read_bytes()).hexdigest()
    code, _, err = run(capsys, "import", str(out))
    assert code == 1 and message in err and "nothing was imported" in err
    assert hashlib.sha256((private_folders / "journal.db").read_bytes()).hexdigest() == before


class _Ended(Exception):
    """Stands in for `os._exit` ending the process."""


def test_the_import_command_ends_its_process_once_all_is_committed_closed_and_said(capsys, filled, tmp_path,
                                                                                 monkeypatch):
    """As the `closeness-journal` command (not here: a test goes on), an import ends the process
    itself, exit code 0, without Python freeing what it read; only after its message is out and
    its journal closed, and after what was registered to run at exit ran."""
    import atexit

    from closeness_journal.cli import archive

    assert not archive._whole_process()  # pytest's process is not the command
    out = tmp_path / "all.json"
    run(capsys, "export", "--format", "json", "-o", str(out))
    ended: list[int] = []
    ran_at_exit: list[str] = []

    def os_exit(code: int) -> None:
        ended.append(code)
        raise _Ended

    monkeypatch.setattr(archive, "_whole_process", lambda: True)
    monkeypatch.setattr(os, "_exit", os_exit)
    atexit.register(ran_at_exit.append, "ran")
    other = tmp_path / "other"
    with pytest.raises(_Ended):
        cli.main(["--data-dir", str(other), "import", str(out)])
    assert ended == [0] and ran_at_exit == ["ran"]
    assert "Added 5 entries" in capsys.readouterr().out
    journal = Journal.open(other / "journal.db")  # closed, whole, back in the log
    try:
        assert journal.count() == 5 and journal.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        journal.close()
    with pytest.raises(_Ended):  # nothing added is still a success
        cli.main(["--data-dir", str(other), "import", str(out)])
    assert ended == [0, 0]
    assert run(capsys, "--data-dir", str(other), "import", str(tmp_path / "missing.json"))[0] == 1  # a failure returns


def test_the_import_command_as_a_process_says_what_it_added_and_exits_0(capsys, filled, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "all.json"
    run(capsys, "export", "--format", "json", "-o", str(out))
    other = tmp_path / "other"
    done = subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(other), "import", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "Added 5 entries.", "")
    assert sorted(path.name for path in other.iterdir()) == ["journal.db"]  # closed: no log left open
    db = sqlite3.connect(other / "journal.db")
    try:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 5
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_a_bulk_import_as_a_process_is_searchable_and_whole(capsys, private_folders, tmp_path):
    """Hundreds of entries into an empty journal, as the command does it (its search index built
    beside the journal on a second thread: `store/search_aside.py`): every word found, the index
    checked, and the journal goes on (a save is found too)."""
    import subprocess
    import sys

    from closeness_journal.store import Journal as Opened
    from closeness_journal.store.archive import BULK_AT_LEAST

    words = ("lighthouse", "harbour", "quietly", "café")
    source = Opened.open(private_folders / "journal.db")
    at = datetime(2026, 6, 1, tzinfo=UTC)
    source.add_many(
        (Entry(local_date=date(2026, 1, 1) + timedelta(days=n % 300), body=f"{words[n % 4]} number {n}"), at)
        for n in range(BULK_AT_LEAST * 3)
    )
    source.close()
    out = tmp_path / "all.json"
    run(capsys, "export", "--format", "json", "-o", str(out))
    other = tmp_path / "other"
    done = subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(other), "import", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    db = sqlite3.connect(other / "journal.db")
    try:
        made = dict(db.execute("SELECT name, rowid FROM sqlite_master WHERE name IN ('entries_fts', 'entries_ad')"))
    finally:
        db.close()
    assert made["entries_fts"] > made["entries_ad"]  # the index made anew for the copy of the one built beside
    journal = Opened.open(other / "journal.db")
    try:
        from closeness_journal.core.entries import EntryFilter

        assert [journal.count(EntryFilter(search=word)) for word in words] == [BULK_AT_LEAST * 3 // 4] * 4
        assert journal.integrity_problems() == []
        journal.add(Entry(local_date=date(2026, 2, 1), body="one more lighthouse"))
        assert journal.count(EntryFilter(search="lighthouse")) == BULK_AT_LEAST * 3 // 4 + 1
    finally:
        journal.close()


def test_unreadable_import_files_get_one_line(capsys, tmp_path):
    assert "no such file" in run(capsys, "import", str(tmp_path / "missing.json"))[2]
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "closeness-journal", ')
    code, _, err = run(capsys, "import", str(broken))
    assert code == 1 and "not valid JSON" in err and "line 1" in err


@pytest.mark.parametrize("name", ["journal.txt", "journal.json"])
def test_a_journal_written_by_jrnl_imports_intact(capsys, name):
    code, stdout, err = run(capsys, "import", str(FIXTURES / name))
    assert code == 0 and "Added 4 entries" in stdout, err
    listed = {e["local_date"]: e for e in json.loads(run(capsys, "list", "--json")[1])}
    dinner = listed["2026-11-02"]
    assert dinner["body"] == (
        "Dinner with @Sam was lovely.\nThen I went quiet and said I was tired. It happens after the good evenings."
    )
    assert dinner["tags"] == ["sam"]
    assert sorted(listed["2026-11-03"]["tags"]) == ["ana", "work"]
    assert listed["2026-11-04"]["body"] == "Starred entry about @Sam." and "starred" in listed["2026-11-04"]["tags"]
    long = listed["2026-11-22"]
    assert long["body"].startswith("Long entry title.\nA second paragraph") and "café" in long["body"]
    assert long["tags"] == ["home"]
    other = "journal.json" if name == "journal.txt" else "journal.txt"
    assert "Added 0 entries (4 already" in run(capsys, "import", str(FIXTURES / other))[1]


# ----------------------------------------------------------------------------- backup

def test_backup_is_consistent_checked_and_private_under_umask_022(capsys, tmp_path, private_folders):
    run(capsys, "write", "before the backup")
    journal = Journal.open(private_folders / "journal.db")
    journal.add(Entry(DAY, body="still only in the WAL"))  # not checkpointed: a file copy would miss it
    target = tmp_path / "copy.db"
    old = os.umask(0o022)
    try:
        journal.backup_to(target)
    finally:
        os.umask(old)
        journal.close()
    assert mode(target) == 0o600
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    copy.close()


def test_backup_command_and_no_overwrite(capsys, tmp_path):
    run(capsys, "write", "x")
    target = tmp_path / "b.db"
    code, out, _ = run(capsys, "backup", "-o", str(target))
    assert code == 0 and str(target) in out and mode(target) == 0o600
    assert run(capsys, "backup", "-o", str(target))[0] == 1
    code, out, _ = run(capsys, "backup")
    assert code == 0 and "manual-" in out


def test_a_daily_backup_on_first_open_keeping_fourteen(capsys, private_folders):
    run(capsys, "write", "first")
    folder = private_folders / "backups"
    folder.mkdir(exist_ok=True)
    for n in range(20):
        (folder / f"journal-2026-10-{n + 1:02d}.db").write_bytes(b"old")
    (folder / f"journal-{date.today().isoformat()}.db").unlink(missing_ok=True)
    run(capsys, "list")  # reading does not back up
    assert not (folder / f"journal-{date.today().isoformat()}.db").exists()
    run(capsys, "write", "second")  # the first change of the day does
    daily = sorted(p.name for p in folder.iterdir() if p.name.startswith("journal-"))
    assert len(daily) == 14 and daily[-1] == f"journal-{date.today().isoformat()}.db"
    assert mode(folder) == 0o700 and mode(folder / daily[-1]) == 0o600


def test_the_window_makes_the_daily_backup_after_its_first_frame_not_before(capsys, private_folders, monkeypatch):
    """Opening the window hands the day's backup to the app (run on a thread of its own after the
    first frame, before any key): nothing is copied before the window starts, and the copy is
    there once it has run, through a connection of its own (the window's belongs to its thread)."""
    import threading

    from closeness_journal.ui import app as window

    run(capsys, "write", "first")
    today_copy = private_folders / "backups" / f"journal-{date.today().isoformat()}.db"
    today_copy.unlink(missing_ok=True)
    seen: dict[str, bool] = {}

    def fake_run_app(journal, data_dir=None, demo=False, pause=False, after_first_frame=None):
        seen["before"] = today_copy.exists()
        assert after_first_frame is not None
        journal.close()  # the backup doesn't use the window's connection
        said: list[str | None] = []
        apart = threading.Thread(target=lambda: said.append(after_first_frame()))
        apart.start()
        apart.join()
        assert said == [None]
        seen["after"] = today_copy.exists()
        return 0

    monkeypatch.setattr(window, "run_app", fake_run_app)
    for command in ([], ["pause"]):
        today_copy.unlink(missing_ok=True)
        assert run(capsys, *command)[0] == 0
        assert seen == {"before": False, "after": True}, command


def test_write_private_is_atomic(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("the good old file")

    def chunks():
        yield "half of a new"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        private_files.write_private(target, chunks(), force=True)
    assert target.read_text() == "the good old file"
    assert not list(tmp_path.glob(".*partial"))


def test_the_window_opens_no_second_connection_once_today_s_backup_is_made(capsys, private_folders, monkeypatch):
    """The day's backup is made once; a window opened later that day finds it there and doesn't
    open the journal again for it (no schema check on a thread beside the first frame)."""
    from closeness_journal.store import Journal
    from closeness_journal.ui import app as window

    run(capsys, "write", "first")
    run(capsys, "write", "second")  # the first change of the day to a journal with entries makes today's copy
    today_copy = private_folders / "backups" / f"journal-{date.today().isoformat()}.db"
    assert today_copy.exists()
    opens: list[object] = []
    real_open = Journal.open.__func__
    monkeypatch.setattr(Journal, "open", classmethod(lambda cls, *a, **k: opens.append(a) or real_open(cls, *a, **k)))
    said: list[str | None] = []

    def fake_run_app(journal, data_dir=None, demo=False, pause=False, after_first_frame=None):
        said.append(after_first_frame())
        return 0

    monkeypatch.setattr(window, "run_app", fake_run_app)
    assert run(capsys)[0] == 0
    assert said == [None] and len(opens) == 1  # the window's own connection, and no other
    today_copy.unlink()
    assert run(capsys)[0] == 0
    assert said == [None, None] and len(opens) == 3 and today_copy.exists()  # not made yet: it is now
