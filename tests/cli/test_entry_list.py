"""`list` outside a terminal prints what Rich would, without importing Rich (or sqlite-utils)."""

import io
import subprocess
import sys
from datetime import date

import pytest

from closeness_journal.cli import entry_list, views
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry, SearchHit

TEXTS = [
    "A short one", "word " * 40, "Long-unbroken-" * 12, "trailing spaces   ", "café, naïve — “quoted” …",
    "tabs\tinside", "wide 漢字 here", "emoji 🙂 too", "", "  leading", "x" * 79, "x" * 80, "x" * 81,
]


def _hits(text: str, snippet: bool) -> list[SearchHit]:
    entry = Entry(local_date=date(2026, 3, 4), body=text, checkin=CheckIn(who="Sam", intensity=7), id="0123456789ab")
    plain = Entry(local_date=date(2026, 3, 5), body="second\nline two", id="abcdef0123")
    pieces = (("before ", False), (text, True), (" after", False)) if snippet else ()
    return [SearchHit(entry, pieces), SearchHit(plain)]


def _rich(hits: list[SearchHit], searching: bool, width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    out = io.StringIO()
    with monkeypatch.context() as patch:
        patch.setattr(views, "_console", lambda: views._Console(highlight=False, soft_wrap=False, file=out,
                                                                width=width))
        views.print_entry_list(hits, searching)
    return out.getvalue()


@pytest.mark.parametrize("width", [20, 40, 79, 80, 81, 120, 300])
@pytest.mark.parametrize("snippet", [False, True])
def test_plain_lines_are_the_bytes_rich_prints(width, snippet, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    for text in TEXTS:
        hits = _hits(text, snippet)
        if not any(odd in text for odd in ("\t", "漢", "🙂")) and width > 20:  # these are printed without Rich
            assert entry_list._plain_lines(hits, False) is not None
        entry_list.print_entry_list(hits)
        assert capsys.readouterr().out == _rich(hits, False, width, monkeypatch), (text, width)
    for searching in (False, True):
        entry_list.print_entry_list([], searching)
        assert capsys.readouterr().out == _rich([], searching, width, monkeypatch)


@pytest.mark.parametrize("last", [("  ", False), ("found  ", True)])
def test_a_line_ending_in_spaces_is_as_rich_prints_it(last, monkeypatch, capsys):
    """Rich's console in `views` leaves out the spaces ending a line, unless they show (a match)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    entry = Entry(local_date=date(2026, 3, 4), body="x", id="0123456789ab")
    hits = [SearchHit(entry, (("before ", False), ("match", True), last))]
    entry_list.print_entry_list(hits, True)
    out = capsys.readouterr().out
    assert out == _rich(hits, True, 80, monkeypatch)
    assert out.splitlines()[0].endswith("match" if last[0] == "  " else "found  ")


def test_a_terminal_or_forced_colour_is_left_to_rich(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert entry_list._plain_lines(_hits("x", False), False) is None
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert entry_list._plain_lines(_hits("x", False), False) is None


def test_list_and_search_import_neither_sqlite_utils_nor_rich_nor_textual(imports_of):
    for args in (["list", "-n", "10"], ["list", "--search", "lighthouse"]):
        printed, loaded = imports_of(args, packages=("sqlite_utils", "textual"), modules=(
            "rich.console", "closeness_journal.store.journal", "closeness_journal.core.today",
            "closeness_journal.core.prompts", "closeness_journal.core.review", "argparse", "dataclasses", "uuid",
            "inspect", "shutil", "closeness_journal.core.entries", "closeness_journal.core.checkin",
            "closeness_journal.store.entries", "closeness_journal.store.search", "closeness_journal.cli.parser",
            "closeness_journal.cli.entries", "closeness_journal.cli.encryption", "typing"))
        assert "lighthouse" in printed
        assert loaded == []


def test_list_on_a_journal_of_the_first_release_migrates_it_first(tmp_path):
    import shutil
    import sqlite3
    from pathlib import Path

    from closeness_journal.store import MIGRATION_NAMES

    folder = tmp_path / "journal"
    folder.mkdir(mode=0o700)
    shutil.copyfile(Path(__file__).parent.parent / "fixtures" / "release-0.1.0" / "journal.db", folder / "journal.db")
    (folder / "journal.db").chmod(0o600)
    done = subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "list", "-n", "3"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    applied = sqlite3.connect(folder / "journal.db").execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert [name for (name,) in applied] == list(MIGRATION_NAMES)


def test_list_refuses_a_journal_from_a_newer_version_untouched(tmp_path):
    import sqlite3

    folder = tmp_path / "journal"
    cli = [sys.executable, "-m", "closeness_journal", "--data-dir", str(folder)]
    subprocess.run([*cli, "write", "x"], check=True, capture_output=True)
    with sqlite3.connect(folder / "journal.db") as db:
        db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                   "VALUES ('closeness_journal', 'm999_future', 'then')")
    done = subprocess.run([*cli, "list"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "written by a newer version of closeness-journal" in done.stderr


def test_the_legend_is_one_whole_line_at_80_columns(monkeypatch, capsys):
    """At the usual 80 columns the legend is never broken in the middle of what a marker means."""
    monkeypatch.setenv("COLUMNS", "80")
    entry_list.print_entry_list(_hits("A short one", False))
    lines = capsys.readouterr().out.splitlines()
    assert entry_list.LEGEND in lines
    assert "number: the fear, 0-10" in entry_list.LEGEND


@pytest.mark.parametrize("text", ["plain words about the lighthouse", "wide 漢字 lighthouse", "tabs\tlighthouse"])
def test_the_quick_list_prints_what_the_long_way_prints(tmp_path, monkeypatch, capsys, text):
    """`list`, `list -n N` and `list --search` read as rows print the bytes `entries.list_entries` prints
    (text only Rich can measure goes the long way)."""
    from closeness_journal.cli import entries, quick
    from closeness_journal.store import Journal

    monkeypatch.setenv("COLUMNS", "70")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    folder = tmp_path / "journal"
    journal = Journal.open(folder / "journal.db")
    for day in range(1, 6):
        checkin = CheckIn(who="Sam" * day, intensity=day, behaviours=("went-quiet",) if day % 2 else ())
        journal.add(Entry(local_date=date(2026, 3, day), body=f"{text} {day}\nsecond line", checkin=checkin))
    journal.add(Entry(local_date=date(2026, 3, 9), checkin=CheckIn(small_step="asked for help")))
    journal.close()
    for argv in (["list"], ["list", "-n", "2"], ["list", "--search", "lighthouse"], ["list", "--search", "zzz"],
                 ["list", "--search", "!!"], ["list", "-n", "0", "--search", "second"]):
        args = quick.quick_args(argv)
        assert args is not None
        assert entry_list.list_entries(args, folder, date(2026, 3, 10)) == 0
        quick_out = capsys.readouterr().out
        assert entries.list_entries(args, folder, date(2026, 3, 10)) == 0
        assert quick_out == capsys.readouterr().out, argv
        assert "2026-03-0" in quick_out or "No entries found." in quick_out


def test_an_empty_journal_names_the_command_on_one_line_at_80_columns(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("list")[1]
    assert out.splitlines() == [entry_list.EMPTY] and out.rstrip().endswith("closeness-journal write -")


@pytest.mark.parametrize("extra", [[], ["--json"], ["--since", "2026-01-01"], ["--search", "word"]])
def test_list_in_a_folder_that_isnt_there_lists_nothing_and_makes_nothing(tmp_path, extra):
    """A mistyped --data-dir left an empty journal (and its folder) behind; a read makes nothing."""
    folder = tmp_path / "not-here"
    done = subprocess.run([sys.executable, "-m", "closeness_journal", "--data-dir", str(folder), "list", *extra],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    said = {(): "Your journal is empty so far", ("--json",): "[]"}.get(tuple(extra), "No entries found.")
    assert done.stdout.startswith(said)
    assert not folder.exists()
