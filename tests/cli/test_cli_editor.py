"""The text of an entry from $EDITOR: a private temporary file, never lost, never left behind."""

import json
from pathlib import Path


def test_editor_writes_the_body_in_a_private_temp_file_that_is_removed(run, monkeypatch, tmp_path, private_folders):
    log = tmp_path / "editor.log"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\nstat -c %a "$1" > {log}\necho "$1" >> {log}\necho "written in the editor" > "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    code, out, err = run("write")
    assert code == 0, err
    mode, temp = log.read_text().split()
    assert mode == "600" and Path(temp).parent == private_folders and not Path(temp).exists()
    data = json.loads(run("list", "--json")[1])
    assert data[0]["body"] == "written in the editor"


def test_a_failing_editor_saves_nothing_and_leaves_no_temp_file(run, monkeypatch, tmp_path, private_folders):
    editor = tmp_path / "bad.sh"
    editor.write_text('#!/bin/sh\necho "half" > "$1"\nexit 3\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    code, _, err = run("write")
    assert code == 1 and "editor exited with an error" in err
    assert [p.name for p in private_folders.iterdir() if p.name.startswith("entry-")] == []
    assert json.loads(run("list", "--json")[1]) == []


def test_no_text_and_no_editor_is_a_usage_error(run):
    code, _, err = run("write")
    assert code == 2 and "$EDITOR" in err
    code, _, err = run("write", "   ")
    assert code == 2 and "empty" in err


def test_text_written_in_the_editor_is_kept_when_saving_fails(run, monkeypatch, tmp_path, private_folders):
    from closeness_journal.store import Journal, JournalError

    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "precious words" > "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))

    def disk_full(self, entry, now=None):
        raise JournalError("The disk is full, so nothing was saved.")

    monkeypatch.setattr(Journal, "add", disk_full)
    code, _, err = run("write")
    assert code == 1 and "disk is full" in err
    [kept] = [p for p in private_folders.iterdir() if p.name.startswith("entry-")]
    assert kept.read_text() == "precious words\n" and str(kept) in err
    assert oct(kept.stat().st_mode & 0o777) == "0o600"


def test_a_damaged_journal_fails_before_the_editor_opens(run, monkeypatch, tmp_path, private_folders):
    opened = tmp_path / "opened"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ntouch {opened}\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    private_folders.mkdir(parents=True)
    (private_folders / "journal.db").write_bytes(b"garbage" * 500)
    code, _, err = run("write")
    assert code == 1 and "not a journal database" in err and not opened.exists()
