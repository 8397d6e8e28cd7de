"""Global options, usage errors, exit codes, and the command line as a process."""

import argparse
import hashlib
import json
import os
import stat
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest


def db_digest(folder: Path) -> str | None:
    path = folder / "journal.db"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def test_text_that_is_not_utf8_gets_one_line(run):
    bad = b"caf\xe9".decode("utf-8", "surrogateescape")
    code, _, err = run("write", bad)
    assert code == 2 and "UTF-8" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["write", "x", "--date", "2026-13-40"], 2, "not a date"),
        (["write", "x", "--date", "2999-01-01"], 2, "in the future"),
        (["write", "x", "--fear", "spiders"], 2, "abandonment"),
        (["write", "x", "--behaviour", "sulked"], 2, "went-quiet"),
        (["write", "x", "--relationship", "boss"], 2, "partner"),
        (["write", "x", "--intensity", "11"], 2, "outside 0 to 10"),
        (["write", "x", "--intensity", "lots"], 2, "not a whole number"),
        (["list", "--since", "yesterdayish"], 2, "not a date"),
        (["list", "--category", "sulking"], 2, "'sulking' is not one of: pulling-away, pushing-away"),
        (["list", "--fear", "spiders"], 2, "abandonment"),
        (["write", "x", "--stayed", "hid"], 2, "'hid' is not one of: shared-a-feeling, stayed-in-the-conversation"),
        (["write", "x", "--urge", "11"], 2, "argument --urge: 11 is outside 0 to 10"),
        (["write", "x", "--urge", "-1"], 2, "argument --urge: -1 is outside 0 to 10"),
        (["write", "x", "--acted", "maybe"], 2, "argument --acted: 'maybe' is not one of: yes, partly, no"),
        (["write", "x", "--kind", "romantic"], 2, "intellectual, emotional"),
        (["write", "--answer", "no-such-prompt", "x"], 2, "there is no prompt with the id 'no-such-prompt'"),
        (["edit", "0000", "--acted", "maybe"], 2, "yes, partly, no"),
        (["show", "deadbeef"], 1, "no entry has the id"),
        (["edit", "deadbeef", "x"], 1, "no entry has the id"),
        (["delete", "deadbeef"], 1, "no entry has the id"),
        (["restore", "deadbeef"], 1, "no entry has the id"),
        (["write", "x", "--prompt", "no-such-prompt"], 2, "no prompt"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_bad_input_gets_one_clear_line_and_changes_nothing(run, private_folders, args, code, message):
    run("write", "already here")
    before = db_digest(private_folders)
    got, out, err = run(*args)
    assert got == code
    assert message in err and "Traceback" not in err and out == ""
    first, *rest = err.splitlines()
    assert message in first  # the one clear line; argparse's errors add where to read more
    assert rest == [] or (len(rest) == 1 and rest[0].startswith("Try 'closeness-journal") and "--help" in rest[0])
    assert db_digest(private_folders) == before


def test_a_damaged_database_is_reported_and_untouched(run, private_folders):
    private_folders.mkdir(parents=True)
    (private_folders / "journal.db").write_bytes(b"garbage" * 500)
    before = db_digest(private_folders)
    code, _, err = run("list")
    assert code == 1 and "not a journal database" in err and "Traceback" not in err
    assert db_digest(private_folders) == before


def test_an_unusable_data_folder_is_reported(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run("--data-dir", str(blocker / "inside"), "list")
    assert code == 1 and "data folder" in err and len(err.strip().splitlines()) == 1


def test_data_dir_option_wins_over_the_environment(run, tmp_path, private_folders):
    chosen = tmp_path / "chosen"
    run("--data-dir", str(chosen), "write", "here")
    assert (chosen / "journal.db").exists() and not private_folders.exists()
    assert stat.S_IMODE(os.stat(chosen).st_mode) == 0o700


def test_version_help_and_locate(run, private_folders):
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("closeness-journal ")
    for command in ["write", "list", "show", "edit", "delete", "trash", "restore", "prompts", "locate"]:
        code, out, _ = run(command, "--help")
        assert code == 0 and "usage:" in out
    assert "shell's history" in run("write", "--help")[1]
    code, out, _ = run("locate")
    assert str(private_folders / "journal.db") in out


def test_runs_as_a_module_in_a_subprocess(tmp_path):
    env = {**os.environ, "CLOSENESS_JOURNAL_DIR": str(tmp_path / "d")}
    out = subprocess.run(
        [sys.executable, "-m", "closeness_journal", "write", "-", "--fear", "loss"],
        input="from a pipe", capture_output=True, text=True, env=env,
    )
    assert out.returncode == 0, out.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "closeness_journal", "list", "--json"], capture_output=True, text=True, env=env
    )
    assert json.loads(listed.stdout)[0]["body"] == "from a pipe"


def test_no_command_opens_the_journal_window_on_the_chosen_folder(run, monkeypatch, tmp_path):
    import closeness_journal.ui.app as app_module

    opened = {}

    def fake_run(self):
        opened["db"] = self.journal.path
        opened["prompts"] = len(self.library.prompts)
        return 0

    monkeypatch.setattr(app_module.JournalApp, "run", fake_run)
    code, _, err = run("--data-dir", str(tmp_path / "j"))
    assert code == 0, err
    assert opened == {"db": tmp_path / "j" / "journal.db", "prompts": opened["prompts"]}
    assert opened["prompts"] >= 60


def test_a_closed_pipe_ends_quietly(tmp_path):
    from datetime import date, datetime

    from closeness_journal.core.entries import Entry
    from closeness_journal.store import Journal

    journal = Journal.open(tmp_path / "d" / "journal.db")
    written = datetime(2026, 11, 18, tzinfo=UTC)
    journal.add_many((Entry(date(2026, 11, 18), body="words " * 100), written) for _ in range(400))
    journal.close()  # about 400 KB of JSON: far more than a pipe holds
    env = {**os.environ, "CLOSENESS_JOURNAL_DIR": str(tmp_path / "d")}
    listing = subprocess.Popen([sys.executable, "-m", "closeness_journal", "list", "-n", "0", "--json"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    listing.stdout.read(10)
    listing.stdout.close()
    _, err = listing.communicate()
    assert listing.returncode == 0 and err == b""


# ----------------------------------------------------------------------------- global options


def test_data_dir_works_after_the_command_too(run, tmp_path, private_folders):
    chosen = tmp_path / "chosen"
    code, out, err = run("write", "after the command", "--data-dir", str(chosen))
    assert code == 0, err
    code, out, err = run("list", "--json", "--data-dir", str(chosen))
    assert code == 0, err
    assert [e["body"] for e in json.loads(out)] == ["after the command"]
    assert (chosen / "journal.db").exists() and not private_folders.exists()


def test_data_dir_after_the_command_wins_over_one_before_it(run, tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    out = run("--data-dir", str(before), "locate", "--data-dir", str(after))[1]
    assert f"data folder:     {after}\n" in out
    out = run("--data-dir", str(before), "locate")[1]  # and one before the command still counts alone
    assert f"data folder:     {before}\n" in out


def test_version_after_the_command(run):
    code, out, _ = run("list", "--version")
    assert code == 0 and out.startswith("closeness-journal ")


def test_each_command_is_declared_once_with_its_handler():
    from closeness_journal.cli.parser import build_parser

    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    handlers = {name: sub.get_default("handler") for name, sub in commands.choices.items()}
    assert all(callable(h) for h in handlers.values())
    assert len(set(handlers.values())) == len(handlers)  # no two commands share a function
    assert callable(parser.get_default("handler"))  # no command: the window


# ----------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args, lines",
    [
        (["list", "--frob"], [
            "closeness-journal list: unrecognized arguments: --frob",
            "Try 'closeness-journal list --help' for more.",
        ]),
        (["write", "x", "--intensity", "11"], [
            "closeness-journal write: argument --intensity: 11 is outside 0 to 10",
            "Try 'closeness-journal write --help' for more.",
        ]),
        (["--data-dir"], [
            "closeness-journal: argument --data-dir: expected one argument",
            "Try 'closeness-journal --help' for more.",
        ]),
        (["patterns", "--by", "year"], [
            "closeness-journal patterns: argument --by: invalid choice: 'year' (choose from 'week', 'month')",
            "Try 'closeness-journal patterns --help' for more.",
        ]),
    ],
)
def test_a_usage_error_is_two_lines_and_exit_2(run, private_folders, args, lines):
    code, out, err = run(*args)
    assert (code, out, err.splitlines()) == (2, "", lines)
    assert not private_folders.exists()  # nothing was opened, let alone written


@pytest.mark.parametrize(
    "args, prog, words",
    [
        (["list", "-n", "-1"], "closeness-journal list", "argument -n/--limit: -1 is below 0"),
        (["list", "--limit=-1"], "closeness-journal list", "argument -n/--limit: -1 is below 0"),  # the quick way
        (["export", "--since", "bad"], "closeness-journal export", "--since: 'bad' is not a date"),  # the quick way
        (["export", "--until", "2026-13-01", "-o", "-"], "closeness-journal export", "--until: '2026-13-01'"),
        (["list", "--since", "bad"], "closeness-journal list", "--since: 'bad' is not a date"),
        (["write", "x", "--date", "2999-01-01"], "closeness-journal write", "is in the future"),
        (["exercises", "do", "nope"], "closeness-journal exercises do", "there is no exercise called 'nope'"),
        (["--data-dir", ""], "closeness-journal", "--data-dir is empty"),  # the window's
        (["list", "--data-dir", ""], "closeness-journal list", "--data-dir is empty"),
    ],
)
def test_a_usage_error_found_after_parsing_is_said_as_argparse_says_its(run, args, prog, words):
    """Exit 2, what is wrong on one line by the command it was given to, then the same pointer
    to its --help as argparse's own usage errors."""
    code, out, err = run(*args)
    assert (code, out) == (2, ""), err
    first, hint = err.splitlines()
    assert first.startswith(f"{prog}: ") and words in first, first
    assert hint == f"Try '{prog} --help' for more."


def test_a_failure_is_one_line_without_a_pointer_to_help(run):
    code, _, err = run("show", "deadbeef")
    assert code == 1 and len(err.splitlines()) == 1 and err.startswith("closeness-journal: ")


def test_an_unknown_command_is_two_lines_and_exit_2(run):
    code, _, err = run("frobnicate")
    first, hint = err.splitlines()
    assert code == 2 and first.startswith("closeness-journal: argument COMMAND: invalid choice: 'frobnicate'")
    assert hint == "Try 'closeness-journal --help' for more."


def test_the_private_option_says_what_the_export_does(run):
    out = " ".join(run("write", "--help")[1].split())
    assert "the Markdown export leaves it out unless you ask for it" in out and "the planned export" not in out


def test_the_command_line_starts_without_textual_sqlite_utils_or_rich():
    code = (
        "import sys, closeness_journal.cli, closeness_journal.cli.parser; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlite_utils') "
        "or m == 'rich.console'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_in_help_shows_the_scale_anchors_and_says_pushing_away(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for command in ("write", "edit", "list"):
        out = run(command, "--help")[1]
        assert "sabotage" not in out.lower() and "withdrawal" not in out.lower()
    out = run("write", "--help")[1]
    flat = " ".join(out.replace("\N{NO-BREAK SPACE}", " ").split())
    for option in ("--intensity", "--urge", "--predicted", "--outcome"):
        help_text = flat[flat.index(f"{option} 0-10 "):]
        assert help_text.index("(0 none · 5 strong · 10 overwhelming)") < 120, option
    assert "Pulling away: went-quiet" in flat and "Pushing away: picked-fight" in flat
    assert "--acted A did you act on that pull: yes, partly, no" in flat
    assert "--stayed S what you did to stay close (repeatable): shared-a-feeling" in flat
    for line in out.splitlines():  # a slug is never cut at its hyphen, an anchor never from its number
        assert not line.rstrip().endswith("-") or line.rstrip().endswith(" -"), line
        assert not line.rstrip().endswith((" 10", " 5", "(0")), line
    assert "pulling-away" in run("list", "--help")[1]


def test_the_old_category_slugs_still_work(run):
    run("write", "a fight", "--behaviour", "picked-fight")
    run("write", "went quiet", "--behaviour", "went-quiet")
    for given, expected in [("pushing-away", "a fight"), ("sabotage", "a fight"),
                            ("pulling-away", "went quiet"), ("withdrawal", "went quiet")]:
        code, out, err = run("list", "--json", "--category", given)
        assert code == 0, err
        assert [e["body"] for e in json.loads(out)] == [expected]


@pytest.mark.parametrize("args", [
    ["--data-dir=", "list"], ["--data-dir", "", "write", "x"], ["list", "--data-dir="], ["--data-dir= ", "locate"],
    ["--data-dir=", "export"],  # (the window itself, `--data-dir=` alone, goes through the same check)
])
def test_an_empty_data_dir_is_a_usage_error_not_your_usual_journal(run, private_folders, args):
    """`--data-dir "$UNSET"` once opened the journal in the usual place without a word."""
    code, out, err = run(*args)
    first, hint = err.splitlines()  # what is wrong, then where to read more (as every usage error)
    assert code == 2 and out == "" and "--data-dir is empty" in first and hint.startswith("Try 'closeness-journal")
    assert not private_folders.exists()
