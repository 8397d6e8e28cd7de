"""Exporting for a session from the command line: "since my last export", the note, the printable
page, names replaced without garbling words, and what the journal remembers of each export."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser

import time_machine

from closeness_journal import cli
from closeness_journal.paths import database_path
from closeness_journal.store import Journal


def run(capsys, *args, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def at(hour: int, minute: int = 0, day: int = 18):
    return time_machine.travel(datetime(2026, 11, day, hour, minute, tzinfo=UTC), tick=False)


def write(capsys, *args) -> str:
    code, out, err = run(capsys, "write", *args)
    assert code == 0, err
    return out.strip()


def journal(private_folders) -> Journal:
    return Journal.open(database_path(private_folders))


def test_since_last_holds_only_what_was_written_changed_or_flagged_after_this_mornings_export(
    capsys, tmp_path, private_folders
):
    with at(7, day=10):
        write(capsys, "An old entry, left as it was")
        to_edit = write(capsys, "An old entry, edited later")
        to_flag = write(capsys, "An old entry, flagged later")
    with at(8):
        write(capsys, "Written this morning before the export")
    with at(9):
        first = tmp_path / "first.md"
        code, _, err = run(capsys, "export", "--since", "last", "-o", str(first))
        assert code == 0, err
        assert "This is your first export, so it holds everything." in first.read_text()
        for words in ("An old entry, left as it was", "Written this morning before the export"):
            assert words in first.read_text()
    with at(15):
        write(capsys, "Written this afternoon, after the export")
        assert run(capsys, "edit", to_edit, "Edited this afternoon")[0] == 0
        assert run(capsys, "edit", to_flag, "--flag")[0] == 0
    with at(16):
        second = tmp_path / "second.md"
        assert run(capsys, "export", "--since", "last", "-o", str(second))[0] == 0
    document = second.read_text()
    assert "Written this afternoon, after the export" in document and "Edited this afternoon" in document
    assert "An old entry, flagged later" in document
    assert "An old entry, left as it was" not in document and "Written this morning before" not in document
    assert "since your last export, on Wednesday 18 November 2026 at" in document
    assert "## Week of Monday 9 November 2026" in document  # the edited and flagged entries keep their days
    assert "- **Entries:** 3, written on 2 days" in document  # the summary counts only what is new
    j = journal(private_folders)
    try:
        last = j.last_export()
        assert last.format == "markdown" and last.entries == 3
        assert last.changed_since == datetime(2026, 11, 18, 9, tzinfo=UTC)
        assert last.made_at == datetime(2026, 11, 18, 16, tzinfo=UTC)
    finally:
        j.close()
    # nothing new since: the file still holds the note, and the command says so
    with at(17):
        code, _, err = run(capsys, "export", "--since", "last", "--agenda", "Just the note", "-o", "-")
    assert code == 0 and "Nothing was written or changed since your last export" in err


def test_a_json_backup_does_not_count_as_the_last_export(capsys, tmp_path):
    with at(8):
        write(capsys, "Before the backup")
    with at(9):
        assert run(capsys, "export", "--format", "json", "-o", str(tmp_path / "b.json"))[0] == 0
    with at(10):
        code, out, _ = run(capsys, "export", "--since", "last", "-o", "-")
    assert "Before the backup" in out and "first export" in out


def test_the_note_is_kept_reused_read_from_standard_input_and_cleared(capsys, monkeypatch, private_folders):
    write(capsys, "Something")
    code, out, err = run(capsys, "export", "--agenda", "-", "-o", "-", stdin="Mum, and the flat.\n\nAnd Sam.",
                         monkeypatch=monkeypatch)
    assert code == 0, err
    session = out[out.index("## For my session"):out.index("## Key to the scales")]
    assert "Mum, and the flat.\n\nAnd Sam." in session
    assert "Mum, and the flat." in run(capsys, "export", "-o", "-")[1]  # kept for next time
    run(capsys, "export", "--agenda", "", "-o", "-")
    assert "No note was written for this session." in run(capsys, "export", "-o", "-")[1]


def test_the_printable_page_is_written_privately_and_says_it_is_plain_text(capsys, tmp_path):
    write(capsys, "<b>not bold</b> & more", "--flag", "--who", "Will", "--relationship", "friend", "--intensity", "9")
    target = tmp_path / "page.html"
    code, _, err = run(capsys, "export", "--format", "html", "-o", str(target))
    assert code == 0, err
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert err.count("plain text") == 1
    page = target.read_text()
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in page and "<b>not bold" not in page
    HTMLParser().feed(page)
    assert run(capsys, "export", "--format", "html", "-o", str(target))[0] == 1  # no overwrite without --force


def test_redaction_keeps_ordinary_words(capsys):
    write(capsys, "I will call Will back tomorrow. Will is kind; I will tell him.", "--who", "Will",
          "--relationship", "friend")
    code, out, _ = run(capsys, "export", "--redact", "-o", "-")
    assert code == 0
    assert "I will call a friend back tomorrow. A friend is kind; I will tell him." in out
    assert "Will" not in out.replace("will", "")
    assert "I a friend" not in out


def test_options_only_for_a_document_are_refused_with_json(capsys):
    for option in (["--agenda", "x"], ["--redact-name", "Jo"], ["--since", "last"]):
        code, _, err = run(capsys, "export", "--format", "json", *option, "-o", "-")
        assert code == 2 and option[0] in err, option


def test_json_carries_the_flag_and_the_note(capsys, tmp_path):
    flagged = write(capsys, "Bring it", "--flag")
    run(capsys, "export", "--agenda", "A note", "-o", str(tmp_path / "x.md"))
    code, out, _ = run(capsys, "export", "--format", "json", "-o", "-")
    data = json.loads(out)
    assert {e["id"]: e["flagged"] for e in data["entries"]} == {flagged: True}
    assert data["settings"]["session_note"] == "A note"
