"""An entry of 5 MB: searching it and showing it answer at once. FTS5's snippet() grows faster
than the entry's length (a search took 133 s), and Rich's wrapping of 5 MB takes seconds, so
neither is ever asked of a huge text."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest
import rich.text
from safety_helpers import TODAY

from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.store import Journal

BOUND = 100_000
"""At most this much text (characters per entry) is handed to FTS5's snippet()."""

SENTENCE = "I pulled away again when she asked. "
HUGE = SENTENCE * 140_000  # 5 MB, "pulled" in it 140,000 times


@pytest.fixture
def huge(private_folders):
    journal = Journal.open(private_folders / "journal.db")
    big = journal.add(Entry(TODAY, body=HUGE))
    small = journal.add(Entry(TODAY, body="I pulled away from a friend today"))
    yield journal, big, small
    journal.close()


def rowid(journal: Journal, entry: Entry) -> int:
    return journal.db.execute("SELECT id FROM entries WHERE uuid = ?", [entry.id]).fetchone()[0]


@pytest.mark.parametrize(
    "filters", [EntryFilter(search="pulled"), EntryFilter(search="pulled", since=date(2000, 1, 1))],
    ids=["words", "filtered"],
)
def test_snippets_are_made_from_a_bounded_amount_of_text(huge, filters):
    journal, big, small = huge
    statements: list[str] = []
    journal.db.conn.set_trace_callback(statements.append)
    try:
        hits = journal.search_hits(filters)
    finally:
        journal.db.conn.set_trace_callback(None)
    assert {hit.entry.id for hit in hits} == {big.id, small.id}
    for sql in statements:
        if "snippet(" not in sql:
            continue
        asked = re.search(r"CASE WHEN rowid IN \(([\d, ]+)\)", sql)
        assert asked, f"snippet() over every match, huge ones too: {sql[:200]}"
        ids = [int(n) for n in asked[1].split(",")]
        assert rowid(journal, big) not in ids
        lengths = journal.db.execute(
            f"SELECT sum(length(body) + length(answers) + length(small_step) + length(who)) FROM entries "
            f"WHERE id IN ({asked[1]})"
        ).fetchone()[0]
        assert lengths <= BOUND * len(ids)
    by_id = {hit.entry.id: hit for hit in hits}
    assert ("pulled", True) in by_id[big.id].snippet and len("".join(t for t, _ in by_id[big.id].snippet)) < 300
    assert ("pulled", True) in by_id[small.id].snippet


def test_searching_and_showing_a_huge_entry_in_whole_processes(huge):
    """End to end, with a generous limit (it takes well under a second; it took minutes)."""
    journal, big, _ = huge
    journal.close()
    for args in (["list", "--search", "pulled away"], ["show", big.id[:8]], ["list", "--search", "asked", "--json"]):
        done = subprocess.run([sys.executable, "-m", "closeness_journal", *args], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr


def test_showing_a_huge_entry_leaves_the_wrapping_to_the_terminal(huge, run, monkeypatch):
    journal, big, _ = huge
    journal.close()
    wrap = rich.text.Text.wrap

    def wrap_unless_huge(self, console, width, *args, no_wrap=None, **kwargs):
        assert no_wrap or len(self.plain) < 1_000_000, "Rich was asked to wrap 5 MB"
        return wrap(self, console, width, *args, no_wrap=no_wrap, **kwargs)

    monkeypatch.setattr(rich.text.Text, "wrap", wrap_unless_huge)
    code, out, err = run("show", big.id)
    assert code == 0, err
    assert out.count("pulled away again") >= 140_000
