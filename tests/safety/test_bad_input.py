"""Bad input, every kind the adversarial runs found: each gets its exit code (2 for a command used
wrongly, 1 for a failure), one clear line on standard error, no traceback, and the journal as it
was (what it holds, hashed)."""

from __future__ import annotations

import json

import pytest
from safety_helpers import content_hash, one_clear_line

JRNL_YEAR_ONE = "[0001-01-01 09:00] The start of time\nwords\n"
JRNL_YEAR_9999 = "[9999-12-31 23:00] The end of time\nwords\n"
PLANTED_DRAFT = json.dumps({
    "format": "closeness-journal", "format_version": 2,
    "drafts": [{"key": "today:1@h", "saved_at": "2026-11-18T10:00:00+00:00", "data": "not an object"}],
})
PLANTED_SETTING = json.dumps(
    {"format": "closeness-journal", "format_version": 2, "settings": {"shuffle:2026-11-18": "x"}}
)

CASES = {
    # name: (arguments, exit code, words the line must hold)
    "review of week 1 of year 1": (["review", "--week", "0001-W01"], 2, "outside the weeks"),
    "review of the last week of 9999": (["review", "--week", "9999-W52"], 2, "outside the weeks"),
    "review of week 53 of 2025": (["review", "--week", "2025-W53"], 2, "no week 53"),
    "patterns until 9999": (["patterns", "--until", "9999-12-31"], 2, "outside the days"),
    "patterns since year 1": (["patterns", "--since", "0001-01-01"], 2, "outside the days"),
    "export until 9999": (["export", "--until", "9999-12-31", "-o", "-"], 2, "outside the days"),
    "list more than SQLite can count": (["list", "-n", "99999999999999999999"], 2, "more than could ever be listed"),
    "list a negative number": (["list", "-n", "-3"], 2, "positive number"),
    "list until 9999": (["list", "--until", "9999-12-31"], 2, "outside the days"),
    "write on a day in year 1": (["write", "--date", "0001-01-01", "x"], 2, "outside the days"),
    "prompts for 9999": (["prompts", "--date", "9999-12-31"], 2, "outside the days"),
    "show an id that isn't there": (["show", "ffffffff"], 1, "ffffffff"),
    "an intensity of 11": (["write", "--intensity", "11", "x"], 2, "outside 0 to 10"),
    "import a file that isn't there": (["import", "{tmp}/missing.json"], 1, "no such file"),
    "import bytes that aren't text": (["import", "{tmp}/binary.bin"], 1, "UTF-8"),
    "import jrnl from year 1": (["import", "{tmp}/year-one.txt"], 1, "outside the days"),
    "import jrnl from 9999": (["import", "{tmp}/year-9999.txt"], 1, "in the future"),
    "import a draft that isn't an object": (["import", "{tmp}/planted-draft.json"], 1, "drafts[0].data"),
    "import a setting of the wrong type": (["import", "{tmp}/planted-setting.json"], 1, "shuffle:2026-11-18"),
    "export over the journal": (["export", "-o", "{data}/journal.db", "--force"], 1, "journal's own files"),
    "export over its log": (["export", "--format", "json", "-o", "{data}/journal.db-wal", "--force"], 1, "own files"),
    "backup over the journal": (["backup", "-o", "{data}/journal.db", "--force"], 1, "journal's own files"),
    "restore a file that is no backup": (["restore-backup", "{tmp}/planted-draft.json", "--yes"], 1, "not a backup"),
    "restore the journal onto itself": (["restore-backup", "{data}/journal.db", "--yes"], 1, "journal itself"),
    "restore without --yes and no terminal": (["restore-backup", "{tmp}/copy.db"], 2, "--yes"),
    "empty the trash without --yes and no terminal": (["trash", "--empty"], 2, "--yes"),
}


@pytest.fixture
def files(filled, tmp_path, run):
    (tmp_path / "binary.bin").write_bytes(b"\xff\xfe\x00 not text")
    (tmp_path / "year-one.txt").write_text(JRNL_YEAR_ONE)
    (tmp_path / "year-9999.txt").write_text(JRNL_YEAR_9999)
    (tmp_path / "planted-draft.json").write_text(PLANTED_DRAFT)
    (tmp_path / "planted-setting.json").write_text(PLANTED_SETTING)
    assert run("backup", "-o", str(tmp_path / "copy.db"))[0] == 0
    newest = json.loads(run("list", "--json")[1])[0]["id"]
    assert run("delete", newest)[0] == 0  # something in the trash, for `trash --empty`
    return filled, tmp_path


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_one_clear_line_and_changes_nothing(files, run, name):
    data, tmp = files
    arguments, expected_code, words = CASES[name]
    arguments = [a.format(tmp=tmp, data=data) for a in arguments]
    before = content_hash(data)
    code, _, err = run(*arguments, stdin="")
    line = one_clear_line(err)
    assert code == expected_code, line
    assert words in line, line
    assert content_hash(data) == before
