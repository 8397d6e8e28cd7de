"""An import's rows (`entry_rows`, tuples) are what `entry_to_row` makes of each entry."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
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


def test_entries_read_fast_become_the_rows_their_entries_would():
    """An archive read fast keeps most entries as they were read (checked) and adds them to the
    journal straight from there: the rows are those of the entries they stand for, and of the
    entries the usual reading makes."""
    import json

    from closeness_journal.core import archive_fast
    from closeness_journal.core.archive_format import Backup, Limits, read_backup
    from closeness_journal.core.entries import Entry

    rng = random.Random(22)
    entries = [_varied(rng, n) for n in range(400)]
    raw = json.dumps(Backup(entries=entries).to_json(WRITTEN.isoformat()), ensure_ascii=False).encode()
    limits = Limits(today=WRITTEN.date() + timedelta(days=90), now=WRITTEN + timedelta(days=90))
    fast = archive_fast.read(archive_fast.decode(raw), limits).entries
    checked = [item for item in fast.items if not isinstance(item, Entry)]
    assert 100 < len(checked) < len(fast)  # both kinds: most as read, some cleaned into an Entry
    usual = read_backup(json.loads(raw), limits).entries
    rows = list(entry_rows(fast))
    assert rows == list(entry_rows(list(fast))) == list(entry_rows(usual))
    assert [[type(value) for value in row] for row in rows] == [[type(value) for value in row] for row in
                                                                entry_rows(usual)]


@given(st.lists(st.text(), max_size=4))
def test_tags_become_the_json_the_encoder_writes(tags):
    """`_tags_json` skips the encoder only when it would write every tag as it is."""
    import json

    from closeness_journal.store.entry_insert import _tags_json

    assert _tags_json(tuple(tags)) == json.dumps(tags, ensure_ascii=False)
