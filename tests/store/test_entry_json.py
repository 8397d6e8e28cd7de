"""The JSON export makes each entry's JSON straight from its row: the same as the Entry's own."""

from datetime import UTC, date, datetime

from closeness_journal import demo
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.store import Journal
from closeness_journal.store.entries import entry_from_row
from closeness_journal.store.exports import entry_json


def test_entry_json_is_the_entrys_to_json_for_every_kind_of_row():
    journal = Journal.in_memory()
    demo.fill(journal, date(2026, 6, 30))
    odd = journal.add(Entry(
        local_date=date(1, 1, 1), body="", kind="pause", tags=("a tag", "ünïcode"), private=True, flagged=True,
        answers=(Answer("p1", "A prompt?", "an answer"), Answer("p2", "", "two\nlines")),
        checkin=CheckIn(who="Sam", relationship="partner", behaviours=("went-quiet",), acted="no", urge=3,
                        urge_after=1, close_before=True, rung="r1", stayed=("reached-out",)),
    ), now=datetime(2026, 6, 1, 12, 30, 15, 123456, tzinfo=UTC))
    journal.delete(odd.id)
    rows = list(journal.db.query("SELECT * FROM entries"))
    assert len(rows) > 50
    for row in rows:
        assert list(entry_json(row).items()) == list(entry_from_row(row).to_json().items())


def test_a_damaged_page_met_while_streaming_the_export_is_said_in_words(monkeypatch, tmp_path):
    import sqlite3

    import pytest

    from closeness_journal import exporting
    from closeness_journal.store import JournalError, exports

    journal = Journal.in_memory()
    journal.add(Entry(local_date=date(2026, 1, 1), body="one"))

    def damaged(rows):
        yield from ()
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(exports, "archived", damaged)
    prepared = exporting.prepare(journal, exporting.Choice("json"), date(2026, 2, 1))
    with pytest.raises(JournalError, match="could not be read"):
        exporting.write(journal, prepared, tmp_path / "out.json")
    assert not (tmp_path / "out.json").exists()
