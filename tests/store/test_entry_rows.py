"""`ListReader` (what `list` reads without the entry model) gives the page `search_hits` gives, line for line."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.core.entry_line import Listed, listed
from closeness_journal.core.vocabulary import SABOTAGE_BEHAVIOURS
from closeness_journal.store import Journal
from closeness_journal.store.entry_rows import SNIPPET_FTS_AT_MOST, ListReader

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


@pytest.fixture
def journals(tmp_path, random_entry):
    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    rng = random.Random(19)
    ids = []
    for n in range(120):
        entry = random_entry(rng, DAY - timedelta(days=rng.randint(0, 40)))
        if entry.is_empty():
            entry = Entry(entry.local_date, body="walk")
        ids.append(journal.add(entry, now=NOW + timedelta(minutes=n)).id)
    filler = "filler words here. " * (SNIPPET_FTS_AT_MOST // 15)
    long = journal.add(Entry(DAY, body=filler + "a quiet lantern"), now=NOW)
    for entry_id in rng.sample(ids, 15):
        journal.set_flagged(entry_id, True)
    for entry_id in rng.sample(ids, 10):
        journal.delete(entry_id)
    reader = ListReader.open(path, journal.key)
    yield journal, reader, long
    reader.close()
    journal.close()


def test_listed_rows_are_what_search_hits_lists(journals):
    journal, reader, _ = journals
    for search in (None, "", "tea", "walk tea", "lant", "quiet lantern", "café", "Sam:", "zzz", "!!"):
        for limit in (1, 7, -1):
            hits = journal.search_hits(EntryFilter(search=search), limit=limit)
            assert reader.listed(search, limit) == [listed(hit.entry, hit.snippet) for hit in hits], (search, limit)
            if search in (None, "", "tea"):
                assert hits  # the comparison compares something


def test_a_long_entry_gets_its_snippet_made_in_python_the_same_way(journals):
    journal, reader, long = journals
    found = {row.id: row for row in reader.listed("quiet lantern", -1)}
    assert ("lantern", True) in found[long.id].snippet
    assert found[long.id] == listed(journal.get(long.id), found[long.id].snippet)


def test_listed_compares_every_field():
    one = Listed("a", DAY, headline="x")
    assert one == Listed("a", DAY, headline="x")
    assert one != Listed("a", DAY, headline="x", acted="no")
    assert one != Listed("a", DAY, headline="x", behaviours=list(SABOTAGE_BEHAVIOURS)[:1])
