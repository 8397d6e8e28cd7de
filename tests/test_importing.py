"""importing.py on its own: files in, a Backup out, or one line saying why not (no journal involved)."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from closeness_journal import importing
from closeness_journal.core.archive_format import Backup
from closeness_journal.core.entries import Entry

FIXTURES = Path(__file__).parent / "fixtures" / "jrnl"


def archive_text(*entries: Entry) -> str:
    written = datetime(2026, 11, 18, 20, 0, tzinfo=UTC)
    stamped = [Entry(e.local_date, body=e.body, id=f"1111111{n}-2222-4333-8444-555555555555",
                     created_at=written, updated_at=written) for n, e in enumerate(entries)]
    return json.dumps(Backup(entries=stamped).to_json(written.isoformat()))


def test_the_kind_is_worked_out_from_the_text():
    assert importing.guess_kind(archive_text(Entry(date(2026, 11, 2), body="x"))) == "json"
    assert importing.guess_kind((FIXTURES / "journal.json").read_text()) == "jrnl"
    assert importing.guess_kind((FIXTURES / "journal.txt").read_text()) == "jrnl"
    assert importing.guess_kind("garbage") == "json"  # read as JSON, so the error says what is wrong


def test_an_archive_becomes_its_entries():
    text = archive_text(Entry(date(2026, 11, 2), body="first"), Entry(date(2026, 11, 3), body="second"))
    backup = importing.from_text(text, "json")
    assert [(e.local_date, e.body) for e in backup.entries] == [
        (date(2026, 11, 2), "first"), (date(2026, 11, 3), "second")
    ]


def test_jrnl_entries_keep_jrnl_s_times():
    backup = importing.from_jrnl((FIXTURES / "journal.txt").read_text())
    assert len(backup.entries) == 4
    assert all(e.created_at is not None and e.created_at == e.updated_at for e in backup.entries)
    assert backup.entries[0].local_date == date(2026, 11, 2) and backup.entries[0].body.startswith("Dinner with @Sam")


@pytest.mark.parametrize(
    "text, kind, message",
    [
        ('{"format": "closeness-journal", ', "json", "not valid JSON (line 1"),
        ('{"format": "something else"}', "json", "not a closeness-journal backup"),
        ("[2026-13-45 09:00 AM] Not a day.", "jrnl", "line 1: '2026-13-45 09:00 AM' is not a date"),
    ],
)
def test_a_file_with_a_problem_is_refused_with_the_reason(tmp_path, text, kind, message):
    path = tmp_path / "in.txt"
    path.write_text(text)
    with pytest.raises(importing.ImportRefused) as refused:
        importing.read_file(path, kind)
    said = str(refused.value)
    assert said.startswith(f"{path}: ") and message in said and said.endswith("; nothing was imported")


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(importing.ImportRefused, match="no such file"):
        importing.read_file(tmp_path / "missing.json")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"caf\xe9")
    with pytest.raises(importing.ImportRefused, match="expected UTF-8"):
        importing.read_file(latin)


def test_an_archive_file_read_by_msgspec_or_by_json_gives_the_same_backup(tmp_path, monkeypatch):
    text = archive_text(Entry(date(2026, 11, 2), body="first \u00e9"), Entry(date(2026, 11, 3), body="second"))
    path = tmp_path / "archive.json"
    path.write_text(text, encoding="utf-8")
    fast = importing.read_file(path)
    assert fast == importing.from_text(text, "json") and len(fast.entries) == 2
    # A setting msgspec refuses (a number too large for a float; json reads it as infinity, kept as
    # an unknown setting): json reads the file again, as it always did.
    data = json.loads(text)
    data["settings"] = {"someone-else:key": 1}
    path.write_text(json.dumps(data).replace('"someone-else:key": 1', '"someone-else:key": 1e400'), encoding="utf-8")
    assert importing._fast_archive(path, None, None) is None
    again = importing.read_file(path)
    assert again.entries == fast.entries and again.settings == {"someone-else:key": float("inf")}
    # Our archive's words are looked for in the file's first bytes; anything else goes the usual way.
    path.write_text("[]", encoding="utf-8")
    assert importing._fast_archive(path, "json", None) is None


def test_an_archive_as_exported_is_read_the_fast_way_and_an_older_one_the_usual_way(tmp_path, monkeypatch):
    from closeness_journal.core import archive_format

    path = tmp_path / "archive.json"
    path.write_text(archive_text(Entry(date(2026, 11, 2), body="first"), Entry(date(2026, 11, 3), body="x")))
    usual = importing.from_text(path.read_text(), "json")

    def not_expected(*args, **kwargs):
        raise AssertionError("read the usual way")

    monkeypatch.setattr(archive_format, "read_backup", not_expected)
    monkeypatch.setattr(archive_format, "read_entry", not_expected)
    assert importing.read_file(path) == usual
    monkeypatch.undo()
    older = json.loads(path.read_text())
    older["format_version"] = 1
    path.write_text(json.dumps(older))
    calls = []
    monkeypatch.setattr(archive_format, "read_backup", lambda *args, **kwargs: calls.append(args) or usual)
    assert importing.read_file(path) == usual and len(calls) == 1
