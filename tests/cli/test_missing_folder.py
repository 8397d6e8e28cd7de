"""A data folder that isn't there (a mistyped --data-dir): commands that only read show an empty
journal and make nothing; export and backup say there is nothing to export or back up."""

from __future__ import annotations

import pytest

READS = {
    "show": (["show", "abcd1234"], 1, "abcd1234"),
    "patterns": (["patterns"], 0, "Nothing written in this time yet"),
    "patterns --json": (["patterns", "--json"], 0, '"entries"'),
    "review": (["review", "--week", "2026-W10"], 0, "You haven't looked back on this week yet"),
    "ladder list": (["ladder", "list"], 0, "Your ladder is empty so far"),
    "ladder list --json": (["ladder", "list", "--json"], 0, "["),
    "exercises list": (["exercises", "list"], 0, "Exercises"),
    "list": (["list"], 0, "Your journal is empty so far"),
}


@pytest.mark.parametrize("name", READS)
def test_a_read_in_a_folder_that_isnt_there_makes_nothing(run, tmp_path, name):
    args, code, said = READS[name]
    folder = tmp_path / "not-here" / "journal"
    done, out, err = run("--data-dir", str(folder), *args)
    assert done == code, err
    assert said in out + err
    assert not (tmp_path / "not-here").exists()


@pytest.mark.parametrize(
    ("args", "doing"),
    [
        (["export", "--output", "{tmp}/out.md"], "export"),
        (["export", "--format", "json", "--output", "{tmp}/out.json"], "export"),
        (["backup", "--output", "{tmp}/copy.db"], "back up"),
    ],
)
def test_export_and_backup_of_a_folder_that_isnt_there_say_so(run, tmp_path, args, doing):
    folder = tmp_path / "not-here"
    done, out, err = run("--data-dir", str(folder), *[a.format(tmp=tmp_path) for a in args])
    assert done == 1
    assert err.strip() == (
        f"closeness-journal: there is no journal in {folder} yet, so there is nothing to {doing}; nothing was made"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_folder_that_is_there_is_still_read(run, tmp_path):
    folder = tmp_path / "here"
    assert run("--data-dir", str(folder), "write", "-", stdin="A walk with Sam.\n")[0] == 0
    done, out, _ = run("--data-dir", str(folder), "list")
    assert done == 0 and "A walk with Sam." in out
    assert run("--data-dir", str(folder), "export", "--output", str(tmp_path / "out.md"))[0] == 0
