"""An import's rows (`entry_rows`, tuples) are what `entry_to_row` makes of each entry."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from test_kept_pattern_sums import made_up

from closeness_journal.core.entries import Answer
from closeness_journal.store.entries import entry_to_row
from closeness_journal.store.entry_insert import ROW_COLUMNS, entry_rows

WRITTEN = datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=UTC)
ANSWERS = [
    (), (Answer("p1", "What \"helped\"?", "Sam stayed.\nI did too."),),
    (Answer("p1", "What \"helped\"?", "again"), Answer("p2", "Río, €, 🙂", "a\\b")),
]


def _varied(rng: random.Random, n: int):
    entry = made_up(rng, n)
    deleted = WRITTEN + timedelta(days=1) if rng.random() < 0.2 else None
    return replace(
        entry, id=f"00000000-0000-4000-8000-{n:012d}", created_at=WRITTEN - timedelta(hours=n),
        updated_at=WRITTEN + timedelta(minutes=n), deleted_at=deleted, flagged=rng.random() < 0.3,
        answers=rng.choice(ANSWERS), body=rng.choice(["", "free writing", "a\x1eb"]),
        checkin=replace(entry.checkin, rung=rng.choice([None, "call Sam"]), urge_after=rng.choice([None, 0, 7])),
        kind=rng.choice(["sitting", "pause"]),
    )


def test_the_rows_are_entry_to_row_in_its_order():
    rng = random.Random(21)
    entries = [_varied(rng, n) for n in range(400)]
    for entry, row in zip(entries, entry_rows(entries), strict=True):
        expected = entry_to_row(entry)
        assert tuple(expected) == ROW_COLUMNS
        assert row == tuple(expected.values())
        assert [type(value) for value in row] == [type(value) for value in expected.values()]
