"""`week_entries` (what the weekly review reads of a week's entries, without the entry model)
gives what `week_entry` makes of the entries `entries` reads, entry for entry and in order."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry, EntryFilter
from closeness_journal.core.review import WeekEntry, week_entry

MON = date(2026, 11, 9)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


def test_a_weeks_entries_read_lightly_are_those_read_whole(journal, random_entry):
    rng = random.Random(24)
    ids = []
    for n in range(150):
        entry = random_entry(rng, MON + timedelta(days=rng.randint(-9, 9)))
        if entry.is_empty():
            entry = Entry(entry.local_date, body="walk")
        # a few written at the same moment: the order still follows `entries`
        ids.append(journal.add(entry, now=NOW + timedelta(minutes=n // 3)).id)
    for entry_id in rng.sample(ids, 12):
        journal.delete(entry_id)
    for since, until in ((MON, MON + timedelta(days=6)), (MON - timedelta(days=7), MON - timedelta(days=1))):
        whole = [week_entry(e) for e in journal.entries(EntryFilter(since=since, until=until), limit=-1)]
        light = journal.week_entries(since, until)
        assert len(light) > 30 and all(isinstance(e, WeekEntry) for e in light)
        assert light == whole
        assert [e.stayed_close for e in light] == [e.stayed_close for e in whole]
    assert {e.private for e in journal.entries(EntryFilter(since=MON, until=MON + timedelta(days=6)), limit=-1)} == {
        True, False}  # private entries are read too
    assert journal.week_entries(MON + timedelta(days=30), MON + timedelta(days=36)) == []


def test_week_entry_keeps_what_the_review_counts():
    entry = Entry(MON, id="e1", created_at=NOW, answers=(Answer("p", "P?", "\n  first words \nmore"),), body="body",
                  checkin=CheckIn(behaviours=("went-quiet", "picked-fight"), close_before=True, small_step="tea",
                                  predicted=7, outcome=4, stayed=("reached-out",), urge=6, acted="no"))
    made = week_entry(entry)
    assert (made.id, made.local_date, made.created_at, made.headline) == ("e1", MON, NOW, "first words")
    assert (made.withdrawal, made.sabotage, made.close_before, made.stayed_close) == (True, True, True, True)
    assert (made.small_step, made.predicted, made.outcome, made.stayed, made.urge, made.acted) == (
        "tea", 7, 4, ("reached-out",), 6, "no")
    assert week_entry(made) is made
