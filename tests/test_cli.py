import hashlib
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from closeness_journal import cli


def run(capsys, *args, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse usage errors and --help/--version
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def db_digest(folder: Path) -> str | None:
    path = folder / "journal.db"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


FULL_ARGS = [
    "--who", "Sam", "--relationship", "partner", "--behaviour", "went-quiet", "--behaviour",
    "picked-fight", "--fear", "engulfment", "--fear", "loss", "--intensity", "7", "--kind",
    "emotional", "--kind", "physical", "--close-before", "--step", "Stayed for tea", "--predicted",
    "8", "--outcome", "2", "--private", "--tag", "home", "--tag", "evening", "--prompt",
    "pulled-away-01", "--date", "2026-11-01",
]


def test_every_field_round_trips_through_write_and_list_json(capsys, monkeypatch):
    code, out, err = run(capsys, "write", "-", *FULL_ARGS, stdin="We laughed.\nThen I went quiet.\n", monkeypatch=monkeypatch)
    assert code == 0, err
    entry_id = out.strip()
    code, out, _ = run(capsys, "list", "--json")
    [entry] = json.loads(out)
    assert entry["id"] == entry_id
    expected = {
        "body": "We laughed.\nThen I went quiet.", "who": "Sam", "relationship": "partner",
        "behaviours": ["went-quiet", "picked-fight"], "fears": ["engulfment", "loss"],
        "intensity": 7, "kinds": ["emotional", "physical"], "close_before": True,
        "small_step": "Stayed for tea", "predicted": 8, "outcome": 2, "private": True,
        "tags": ["home", "evening"], "prompt_id": "pulled-away-01", "local_date": "2026-11-01",
        "withdrawal": True, "sabotage": True, "deleted_at": None,
    }
    assert {k: entry[k] for k in expected} == expected
    assert entry["prompt_text"] and entry["created_at"].endswith("+00:00")


def test_text_argument_and_list_filters(capsys):
    assert run(capsys, "write", "first, about a friend", "--relationship", "friend")[0] == 0
    assert run(capsys, "write", "second, a fight", "--behaviour", "picked-fight", "--date", "2026-01-05")[0] == 0
    code, out, _ = run(capsys, "list", "--json", "--category", "sabotage")
    assert [e["body"] for e in json.loads(out)] == ["second, a fight"]
    code, out, _ = run(capsys, "list", "--json", "--since", "2026-02-01")
    assert [e["body"] for e in json.loads(out)] == ["first, about a friend"]
    code, out, _ = run(capsys, "list", "--json", "--search", "fight")
    assert len(json.loads(out)) == 1
    code, out, _ = run(capsys, "list", "-n", "1", "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = run(capsys, "list")
    assert "first, about a friend" in out and "pulled away" in out


def test_edit_keeps_a_revision_and_show_json_lists_it(capsys):
    entry_id = run(capsys, "write", "before", "--intensity", "3")[1].strip()
    code, _, err = run(capsys, "edit", entry_id[:8], "after", "--intensity", "5")
    assert code == 0, err
    data = json.loads(run(capsys, "show", entry_id, "--json")[1])
    assert data["body"] == "after" and data["intensity"] == 5
    assert [r["entry"]["body"] for r in data["revisions"]] == ["before"]
    code, out, _ = run(capsys, "show", entry_id[:6])
    assert "after" in out and "1 earlier version kept" in out


def test_edit_with_only_options_keeps_the_text(capsys):
    entry_id = run(capsys, "write", "keep me")[1].strip()
    run(capsys, "edit", entry_id, "--fear", "rejection")
    data = json.loads(run(capsys, "show", entry_id, "--json")[1])
    assert data["body"] == "keep me" and data["fears"] == ["rejection"]


def test_delete_trash_restore_and_empty(capsys):
    entry_id = run(capsys, "write", "to the trash")[1].strip()
    code, out, _ = run(capsys, "delete", entry_id[:8])
    assert code == 0 and "restore" in out
    assert json.loads(run(capsys, "list", "--json")[1]) == []
    assert [e["id"] for e in json.loads(run(capsys, "trash", "--json")[1])] == [entry_id]
    assert run(capsys, "restore", entry_id[:8])[0] == 0
    assert len(json.loads(run(capsys, "list", "--json")[1])) == 1
    run(capsys, "delete", entry_id)
    assert run(capsys, "trash", "--empty")[0] == 2  # not a terminal and no --yes: refuses
    assert len(json.loads(run(capsys, "trash", "--json")[1])) == 1
    code, out, _ = run(capsys, "trash", "--empty", "--yes")
    assert code == 0 and "1 entry" in out
    assert json.loads(run(capsys, "trash", "--json")[1]) == []


def test_prompts_json_for_a_day(capsys):
    code, out, _ = run(capsys, "prompts", "--date", "2026-11-22", "--json")
    data = json.loads(out)
    assert code == 0 and data["date"] == "2026-11-22"
    assert [p["theme"] for p in data["prompts"]][:3] == ["pulled-away", "feared", "small-step"]
    assert len(data["prompts"]) == 4 and data["prompts"][3]["core"] is False


def test_editor_writes_the_body_in_a_private_temp_file_that_is_removed(capsys, monkeypatch, tmp_path, private_folders):
    log = tmp_path / "editor.log"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\nstat -c %a "$1" > {log}\necho "$1" >> {log}\necho "written in the editor" > "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    code, out, err = run(capsys, "write")
    assert code == 0, err
    mode, temp = log.read_text().split()
    assert mode == "600" and Path(temp).parent == private_folders and not Path(temp).exists()
    data = json.loads(run(capsys, "list", "--json")[1])
    assert data[0]["body"] == "written in the editor"


def test_a_failing_editor_saves_nothing_and_leaves_no_temp_file(capsys, monkeypatch, tmp_path, private_folders):
    editor = tmp_path / "bad.sh"
    editor.write_text('#!/bin/sh\necho "half" > "$1"\nexit 3\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    code, _, err = run(capsys, "write")
    assert code == 1 and "editor exited with an error" in err
    assert [p.name for p in private_folders.iterdir() if p.name.startswith("entry-")] == []
    assert json.loads(run(capsys, "list", "--json")[1]) == []


def test_no_text_and_no_editor_is_a_usage_error(capsys):
    code, _, err = run(capsys, "write")
    assert code == 2 and "$EDITOR" in err
    code, _, err = run(capsys, "write", "   ")
    assert code == 2 and "empty" in err


def test_text_written_in_the_editor_is_kept_when_saving_fails(capsys, monkeypatch, tmp_path, private_folders):
    from closeness_journal.store import Journal, JournalError

    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "precious words" > "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))

    def disk_full(self, entry, now=None):
        raise JournalError("The disk is full, so nothing was saved.")

    monkeypatch.setattr(Journal, "add", disk_full)
    code, _, err = run(capsys, "write")
    assert code == 1 and "disk is full" in err
    [kept] = [p for p in private_folders.iterdir() if p.name.startswith("entry-")]
    assert kept.read_text() == "precious words\n" and str(kept) in err
    assert oct(kept.stat().st_mode & 0o777) == "0o600"


def test_a_damaged_journal_fails_before_the_editor_opens(capsys, monkeypatch, tmp_path, private_folders):
    opened = tmp_path / "opened"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ntouch {opened}\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    private_folders.mkdir(parents=True)
    (private_folders / "journal.db").write_bytes(b"garbage" * 500)
    code, _, err = run(capsys, "write")
    assert code == 1 and "not a journal database" in err and not opened.exists()


def test_text_that_is_not_utf8_gets_one_line(capsys, monkeypatch):
    bad = b"caf\xe9".decode("utf-8", "surrogateescape")
    code, _, err = run(capsys, "write", bad)
    assert code == 2 and "UTF-8" in err and "Traceback" not in err


def test_end_of_input_at_the_trash_question_keeps_everything(capsys, monkeypatch):
    entry_id = run(capsys, "write", "x")[1].strip()
    run(capsys, "delete", entry_id)

    class Closed(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Closed(""))
    code, out, _ = run(capsys, "trash", "--empty")
    assert code == 0 and "Kept everything" in out
    assert len(json.loads(run(capsys, "trash", "--json")[1])) == 1


def test_list_says_nothing_matched_rather_than_empty_when_filtering(capsys):
    run(capsys, "write", "x")
    out = run(capsys, "list", "--since", "2030-01-01")[1]
    assert "No entries found" in out and "empty so far" not in out


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
        (["list", "--category", "sulking"], 2, "withdrawal"),
        (["show", "deadbeef"], 1, "no entry has the id"),
        (["edit", "deadbeef", "x"], 1, "no entry has the id"),
        (["delete", "deadbeef"], 1, "no entry has the id"),
        (["restore", "deadbeef"], 1, "no entry has the id"),
        (["write", "x", "--prompt", "no-such-prompt"], 2, "no prompt"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_bad_input_gets_one_clear_line_and_changes_nothing(capsys, private_folders, args, code, message):
    run(capsys, "write", "already here")
    before = db_digest(private_folders)
    got, out, err = run(capsys, *args)
    assert got == code
    assert message in err and "Traceback" not in err
    assert db_digest(private_folders) == before


def test_a_damaged_database_is_reported_and_untouched(capsys, private_folders):
    private_folders.mkdir(parents=True)
    (private_folders / "journal.db").write_bytes(b"garbage" * 500)
    before = db_digest(private_folders)
    code, _, err = run(capsys, "list")
    assert code == 1 and "not a journal database" in err and "Traceback" not in err
    assert db_digest(private_folders) == before


def test_an_unusable_data_folder_is_reported(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run(capsys, "--data-dir", str(blocker / "inside"), "list")
    assert code == 1 and "data folder" in err and len(err.strip().splitlines()) == 1


def test_data_dir_option_wins_over_the_environment(capsys, tmp_path, private_folders):
    chosen = tmp_path / "chosen"
    run(capsys, "--data-dir", str(chosen), "write", "here")
    assert (chosen / "journal.db").exists() and not private_folders.exists()
    assert stat.S_IMODE(os.stat(chosen).st_mode) == 0o700


def test_version_help_and_locate(capsys, private_folders):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("closeness-journal ")
    for command in ["write", "list", "show", "edit", "delete", "trash", "restore", "prompts", "locate"]:
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and "usage:" in out
    assert "shell's history" in run(capsys, "write", "--help")[1]
    code, out, _ = run(capsys, "locate")
    assert str(private_folders / "journal.db") in out


def test_user_text_never_reaches_the_terminal_as_markup_or_escapes(capsys):
    text = "[bold]x[/] [/bold] [@click=app.quit]y[/] \x1b]2;title\x1b\\ end"
    entry_id = run(capsys, "write", text, "--who", "[red]Sam[/]")[1].strip()
    for args in (["list"], ["show", entry_id], ["list", "--search", "end"]):
        code, out, _ = run(capsys, *args)
        assert code == 0
        assert "\x1b" not in out
    out = run(capsys, "show", entry_id)[1]
    assert "[bold]x[/] [/bold] [@click=app.quit]y[/]" in out and "[red]Sam[/]" in out


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


def test_no_command_opens_the_journal_window_on_the_chosen_folder(capsys, monkeypatch, tmp_path):
    import closeness_journal.ui.app as app_module

    opened = {}

    def fake_run(self):
        opened["db"] = self.journal.path
        opened["prompts"] = len(self.library.prompts)
        return 0

    monkeypatch.setattr(app_module.JournalApp, "run", fake_run)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "j"))
    assert code == 0, err
    assert opened == {"db": tmp_path / "j" / "journal.db", "prompts": opened["prompts"]}
    assert opened["prompts"] >= 60


def test_patterns_json_matches_the_figures(capsys):
    for args in (
        ["write", "a", "--date", "2026-11-02", "--behaviour", "went-quiet", "--close-before", "--intensity", "6"],
        ["write", "b", "--date", "2026-11-03", "--behaviour", "picked-fight", "--behaviour", "hid-needs", "--intensity", "8"],
        ["write", "c", "--date", "2026-11-17", "--close-before", "--step", "stayed", "--predicted", "8", "--outcome", "3"],
    ):
        assert run(capsys, *args)[0] == 0
    code, out, err = run(capsys, "patterns", "--since", "2026-11-02", "--until", "2026-11-22", "--json")
    assert code == 0, err
    data = json.loads(out)
    periods = [(p["period"], p["withdrawal"], p["sabotage"], p["entries"], p["mean_intensity"], p["small_steps"], p["days_journaled"]) for p in data["periods"]]
    assert periods == [
        ("2026-W45", 2, 1, 2, 7.0, 0, 2),
        ("2026-W46", 0, 0, 0, None, 0, 0),
        ("2026-W47", 0, 0, 1, None, 1, 1),
    ]
    assert data["closeness"] | {"sentence": None} == {"pulled_away": 2, "closeness_first": 1, "stayed_close": 1, "sentence": None}
    assert data["totals"]["mean_predicted"] == 8 and data["totals"]["mean_outcome"] == 3
    code, out, _ = run(capsys, "patterns", "--since", "2026-11-02", "--until", "2026-11-22")
    assert code == 0 and "2026-W46" in out and "In 1 of the 2 times" in out
    assert run(capsys, "patterns", "--since", "2026-12-01", "--until", "2026-11-01")[0] == 2
    assert run(capsys, "patterns", "--by", "year")[0] == 2


def test_review_json_has_the_week_and_the_week_before(capsys):
    for args in (
        ["write", "a", "--date", "2026-11-03", "--behaviour", "went-quiet", "--intensity", "8"],
        ["write", "b", "--date", "2026-11-10", "--behaviour", "picked-fight", "--intensity", "4", "--step", "stayed"],
        ["write", "c", "--date", "2026-11-11", "--behaviour", "hid-needs"],
    ):
        assert run(capsys, *args)[0] == 0
    code, out, err = run(capsys, "review", "--week", "2026-W46", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {k: data[k] for k in ("week", "withdrawal", "sabotage", "small_steps", "mean_intensity", "days_journaled")} == {
        "week": "2026-W46", "withdrawal": 1, "sabotage": 1, "small_steps": 1, "mean_intensity": 4.0, "days_journaled": 2,
    }
    previous = data["previous"]
    assert (previous["week"], previous["withdrawal"], previous["sabotage"], previous["mean_intensity"]) == ("2026-W45", 1, 0, 8.0)
    assert data["saved"] is None
    code, out, _ = run(capsys, "review", "--week", "2026-W46")
    assert code == 0 and "Pulled away" in out and "F5" in out
    assert run(capsys, "review", "--week", "soon")[0] == 2


def test_a_closed_pipe_ends_quietly(tmp_path):
    from datetime import date, datetime, timezone

    from closeness_journal.core.entries import Entry
    from closeness_journal.store import Journal

    journal = Journal.open(tmp_path / "d" / "journal.db")
    written = datetime(2026, 11, 18, tzinfo=timezone.utc)
    journal.add_many((Entry(date(2026, 11, 18), body="words " * 100), written) for _ in range(400))
    journal.close()  # about 400 KB of JSON: far more than a pipe holds
    env = {**os.environ, "CLOSENESS_JOURNAL_DIR": str(tmp_path / "d")}
    listing = subprocess.Popen([sys.executable, "-m", "closeness_journal", "list", "-n", "0", "--json"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    listing.stdout.read(10)
    listing.stdout.close()
    _, err = listing.communicate()
    assert listing.returncode == 0 and err == b""
