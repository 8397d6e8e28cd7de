"""The pattern sums kept per day by triggers (m017, store/pattern_sums.py) always equal the sums
computed from the entries themselves, whatever was written, edited, moved, made private, put in
the trash, restored, deleted for good or imported; on a real journal file."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.vocabulary import (
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SABOTAGE_BEHAVIOURS,
    STAYED,
    WITHDRAWAL_BEHAVIOURS,
)
from closeness_journal.store import Journal, transform_keeping_search

START = date(2026, 1, 5)
SPANS = [
    (date(1, 1, 1), date(2100, 12, 31)),  # everything, and far beyond
    (START, START + timedelta(days=6)),
    (START + timedelta(days=3), START + timedelta(days=40)),
    (date(2026, 2, 1), date(2026, 2, 28)),
    (date(2025, 1, 1), date(2025, 12, 31)),  # nothing there
]
PEOPLE = ["Sam", "sam", "SAM", "Alex", "alex", "Jo", "", "Río", "río"]


def made_up(rng: random.Random, n: int) -> Entry:
    """An entry with a bit of everything, often repeated slugs and names in several cases."""
    pick = lambda pool, most: tuple(rng.choices(list(pool), k=rng.randint(0, most)))  # noqa: E731
    maybe = lambda value: value if rng.random() < 0.6 else None  # noqa: E731
    checkin = CheckIn(
        who=rng.choice(PEOPLE),
        relationship=maybe(rng.choice(list(RELATIONSHIPS))),
        kinds=pick(KINDS, 3),
        behaviours=pick(list(WITHDRAWAL_BEHAVIOURS) + list(SABOTAGE_BEHAVIOURS), 3),
        fears=pick(FEARS, 2),
        intensity=maybe(rng.randint(0, 10)),
        close_before=rng.random() < 0.4,
        small_step=rng.choice(["", "", "stayed in the room"]),
        predicted=maybe(rng.randint(0, 10)),
        outcome=maybe(rng.randint(0, 10)),
        stayed=pick(STAYED, 2),
        urge=maybe(rng.randint(0, 10)),
        acted=maybe(rng.choice(["yes", "partly", "no"])),
    )
    day = START + timedelta(days=rng.randint(0, 60))
    tags = tuple(rng.sample(["work", "Work", "evening", "Evening", "home", "río", "Río"], rng.randint(0, 3)))
    return Entry(day, body=f"entry {n}", checkin=checkin, private=rng.random() < 0.3, tags=tags)


def assert_kept_sums_match(journal: Journal) -> None:
    scanned_tags = journal.db.execute(  # how tags() counted before m017 kept the counts
        "SELECT min(t.value), count(DISTINCT e.id) FROM entries e, json_each(e.tags) t "
        "WHERE e.deleted_at IS NULL GROUP BY lower(t.value) ORDER BY count(DISTINCT e.id) DESC, lower(t.value)"
    ).fetchall()
    assert journal.tags() == [tuple(row) for row in scanned_tags]
    outside_the_trash = journal.db.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0]
    assert journal.count() == outside_the_trash  # read from the day sums
    for since, until in SPANS:
        for include_private in (True, False):
            kept = journal.pattern_source(since, until, include_private)
            scanned = journal._scanned_pattern_source(since, until, include_private)
            assert kept == scanned, (since, until, include_private)
            assert journal.day_totals(since, until, include_private) == journal.day_totals(
                since, until, include_private, changed_since=datetime(1, 1, 1, tzinfo=UTC)
            ), (since, until, include_private)


@pytest.fixture
def journal(tmp_path):
    journal = Journal.open(tmp_path / "journal.db")
    yield journal
    journal.close()


def test_the_kept_sums_follow_every_change_to_the_entries(journal):
    rng = random.Random(18)
    entries = [journal.add(made_up(rng, n)) for n in range(80)]
    assert_kept_sums_match(journal)
    source = journal.pattern_source(*SPANS[0])
    assert sum(d.entries for d in source.days) == 80 and source.behaviours and source.people  # not all empty
    assert any(count > 1 for _, count in journal.tags())

    for n, entry in enumerate(entries[:30]):  # edits: other check-ins, other days, private or not
        other = made_up(rng, 100 + n)
        entries[n] = journal.update(replace(other, id=entry.id, created_at=entry.created_at))
    assert_kept_sums_match(journal)

    trashed = [journal.delete(entry.id) for entry in entries[30:50]]
    assert_kept_sums_match(journal)
    for entry in trashed[:10]:
        journal.restore(entry.id)
    assert_kept_sums_match(journal)
    journal.update(replace(journal.get(trashed[12].id), private=True))  # an edit in the trash changes nothing
    assert_kept_sums_match(journal)
    assert journal.empty_trash() == 10
    assert_kept_sums_match(journal)

    journal.add_many([(made_up(rng, 200 + n), datetime(2026, 3, 1, tzinfo=UTC)) for n in range(40)])
    assert_kept_sums_match(journal)  # added in one pass at the end of the bulk insert
    journal.delete(journal.add(made_up(rng, 300)).id)
    journal.add(made_up(rng, 301))
    assert_kept_sums_match(journal)  # and the triggers are back


def test_the_upgrade_sums_the_entries_already_there_leaving_the_trash_out(tmp_path):
    """m017 fills the sums from a journal's entries as an earlier version left them."""
    import uuid

    from sqlite_utils import Database

    from closeness_journal.store import schema
    from closeness_journal.store.entries import entry_to_row

    rng = random.Random(5)
    path = tmp_path / "old.db"
    db = Database(path)
    schema.apply(db, stop_before="m017_pattern_sums")
    written = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [entry_to_row(replace(made_up(rng, n), id=str(uuid.uuid4()), created_at=written, updated_at=written))
            for n in range(60)]
    for row in rows[:8]:
        row["deleted_at"] = "2026-03-01T00:00:00+00:00"
    db["entries"].insert_all(rows)
    db.close()
    journal = Journal.open(path)
    try:
        assert sum(d.entries for d in journal.pattern_source(*SPANS[0]).days) == 52
        assert_kept_sums_match(journal)
        journal.restore(rows[0]["uuid"])
        assert_kept_sums_match(journal)
    finally:
        journal.close()


def test_a_migration_that_rebuilds_the_entries_keeps_the_sums_kept(journal):
    """sqlite-utils' transform() drops a table's triggers; the migrations' helper makes the
    sums' triggers again (and the sums), as it does the search index's."""
    rng = random.Random(7)
    for n in range(20):
        journal.add(made_up(rng, n))
    transform_keeping_search(journal.db, "entries", column_order=["id", "uuid", "body"])
    for n in range(20, 40):
        journal.add(made_up(rng, n))
    assert sum(d.entries for d in journal.pattern_source(*SPANS[0]).days) == 40
    assert_kept_sums_match(journal)


def test_a_large_import_adds_its_entries_to_the_kept_sums_and_leaves_the_triggers_in_place(journal, tmp_path):
    """An import of 200 or more entries takes the bulk path (search index and sums filled once)."""
    rng = random.Random(15)
    source = Journal.open(tmp_path / "source.db")
    source.add_many([(made_up(rng, n), datetime(2026, 3, 1, tzinfo=UTC)) for n in range(260)])
    backup = source.dump()
    source.close()
    journal.add(made_up(rng, 999))  # one there already: the import adds to it
    assert journal.merge(backup)["entries"] == 260
    assert_kept_sums_match(journal)
    journal.add(made_up(rng, 1000))
    assert_kept_sums_match(journal)  # the triggers are back after the import


def test_the_sums_by_month_are_the_weeks_within_each_month_added_up(journal):
    """What a Markdown or HTML export grouped by month asks for: one row a month, the sum of the
    weeks within it (`days` too, its first day the first of theirs), from the kept sums and from
    the entries alike; and `compute` by month makes the same periods of either."""
    from closeness_journal.core.patterns import compute

    rng = random.Random(24)
    for n in range(120):
        entry = made_up(rng, n)
        if n % 4 == 0:  # across more months
            entry = replace(entry, local_date=entry.local_date + timedelta(days=rng.randint(60, 400)))
        journal.add(entry)
    since_any = datetime(1, 1, 1, tzinfo=UTC)
    for since, until in [*SPANS, (date(2026, 1, 20), date(2027, 2, 10))]:
        for include_private in (True, False):
            for changed_since in (None, since_any):
                weeks = journal.pattern_source(since, until, include_private, changed_since, named=False)
                months = journal.pattern_source(since, until, include_private, changed_since, named=False,
                                                by_month=True)
                assert months.replace(days=()) == weeks.replace(days=())
                added: dict[tuple[int, int], list[int]] = {}
                for row in weeks.days:
                    sums = [getattr(row, name) for name in SUMMED]
                    month = added.setdefault((row.day.year, row.day.month), [0] * len(sums))
                    month[:] = [a + b for a, b in zip(month, sums, strict=True)]
                assert {(row.day.year, row.day.month): [getattr(row, name) for name in SUMMED]
                        for row in months.days} == added
                assert [row.day for row in months.days] == [
                    min(row.day for row in weeks.days if (row.day.year, row.day.month) == (day.year, day.month))
                    for day in (row.day for row in months.days)
                ]
                by_month = compute(months, since, until, "month")
                assert by_month == compute(weeks, since, until, "month")  # `rows` aside (compared by no one)
                assert by_month.periods and by_month.steps.entries == sum(row.entries for row in weeks.days)
    assert len(months.days) < len(weeks.days)  # the last span: fewer rows, the same figures


SUMMED = (
    "entries", "withdrawal", "sabotage", "intensity_sum", "intensity_count", "small_steps", "planned_steps",
    "predicted_sum", "outcome_sum", "stayed", "urge_sum", "urge_count", "acted_yes", "acted_partly", "acted_no",
    "days",
)
