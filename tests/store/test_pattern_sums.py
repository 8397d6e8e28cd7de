"""The sums behind the pattern view, on a real journal file: one row per day that holds entries,
staying close and the pull counted in SQL, and every query answered from the pattern index."""

from datetime import date

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.patterns import DayTotals
from closeness_journal.store import Journal

DAY = date(2026, 11, 2)


@pytest.fixture
def on_disk(tmp_path):
    journal = Journal.open(tmp_path / "journal.db")
    add = journal.add
    add(Entry(DAY, body="both", checkin=CheckIn(
        behaviours=("went-quiet",), stayed=("shared-a-feeling",), urge=7, acted="partly", intensity=5,
    )))
    add(Entry(DAY, body="sat with it", checkin=CheckIn(urge=6, acted="no")))
    add(Entry(date(2026, 11, 4), body="left", checkin=CheckIn(behaviours=("picked-fight",), urge=9, acted="yes")))
    add(Entry(date(2026, 11, 4), body="private", private=True, checkin=CheckIn(stayed=("kept-plans",))))
    gone = add(Entry(date(2026, 11, 5), body="deleted", checkin=CheckIn(stayed=("kept-plans",), acted="no")))
    journal.delete(gone.id)
    yield journal
    journal.close()


def test_one_row_per_day_that_holds_entries(on_disk):
    days = on_disk.day_totals(date(2026, 11, 1), date(2026, 11, 30))
    assert days == (
        DayTotals(DAY, entries=2, withdrawal=1, intensity_sum=5, intensity_count=1, stayed=2, urge_sum=13,
                  urge_count=2, acted_partly=1, acted_no=1),
        DayTotals(date(2026, 11, 4), entries=2, sabotage=1, stayed=1, urge_sum=9, urge_count=1, acted_yes=1),
    )
    without_private = on_disk.day_totals(date(2026, 11, 1), date(2026, 11, 30), include_private=False)
    assert [(d.day, d.entries, d.stayed) for d in without_private] == [(DAY, 2, 2), (date(2026, 11, 4), 1, 0)]
    assert on_disk.day_totals(date(2026, 12, 1), date(2026, 12, 31)) == ()


def test_ways_of_staying_and_closeness_counts(on_disk):
    source = on_disk.pattern_source(date(2026, 11, 1), date(2026, 11, 30))
    assert source.stayed == {"shared-a-feeling": 1, "kept-plans": 1}
    assert (source.closeness.pulled_away, source.closeness.stayed) == (2, 3)


def test_patterns_read_only_the_sums_kept_per_day_by_their_keys(on_disk):
    """At 100,000 entries patterns over any span stay fast because they read the sums kept per
    day (m017), a few thousand rows over ten years, never the entries: each query searches
    `pattern_days` or `pattern_counts` by its key."""
    statements: list[str] = []
    conn = on_disk.db.conn
    conn.set_trace_callback(statements.append)
    try:
        on_disk.pattern_source(date(1, 1, 1), date(2026, 12, 31))
        on_disk.day_totals(date(2026, 1, 1), date(2026, 12, 31))
    finally:
        conn.set_trace_callback(None)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) >= 7
    for sql in reads:
        assert "FROM entries" not in sql, sql
        plan = " / ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING PRIMARY KEY" in plan, (sql, plan)
        assert "SCAN pattern_" not in plan, (sql, plan)


def test_what_changed_since_a_moment_is_summed_from_the_entries_by_date(on_disk):
    """Only what changed after a moment (an export of what is new) can't come from the kept
    sums: it is summed from the entries, searching an index by date, never scanning them all."""
    from datetime import UTC, datetime

    statements: list[str] = []
    conn = on_disk.db.conn
    conn.set_trace_callback(statements.append)
    try:
        on_disk.pattern_source(date(2026, 1, 1), date(2026, 12, 31), changed_since=datetime(2026, 1, 1, tzinfo=UTC))
    finally:
        conn.set_trace_callback(None)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM entries" in s]
    assert len(reads) >= 7
    for sql in reads:
        plan = " / ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SEARCH entries USING" in plan and "local_date>" in plan, (sql, plan)
        assert "SCAN entries" not in plan, (sql, plan)


def test_the_source_in_steps_is_the_source_a_query_at_a_time(on_disk):
    since, until = date(2026, 11, 1), date(2026, 11, 30)
    steps = list(on_disk.pattern_source_in_steps(since, until))
    assert len(steps) > 5 and steps[:-1] == [None] * (len(steps) - 1)
    assert steps[-1] == on_disk.pattern_source(since, until) and steps[-1].stayed


def test_the_steps_read_the_range_in_parts_of_whole_months_whose_sums_add_up_to_the_range(tmp_path, monkeypatch):
    """Each query of the steps reads a part of the range (whole months, a few days with entries
    each), so that each is short; added up, the parts give what the whole range gives: counts,
    people named in different ways in different parts, weeks within a month, the pull."""
    import closeness_journal.store.patterns as store_patterns

    journal = Journal.open(tmp_path / "journal.db")
    days = [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 6), date(2025, 3, 3),
            date(2025, 3, 31), date(2025, 4, 1), date(2026, 6, 30)]
    for n, day in enumerate(days):
        journal.add(Entry(day, body=f"day {n}", private=n == 3, checkin=CheckIn(
            who=("Sam", "sam", "Ana")[n % 3], behaviours=("went-quiet",) if n % 2 else ("picked-fight",),
            stayed=("kept-plans",), fears=("burden",), relationship="other", kinds=("physical",),
            urge=n % 10, acted="yes" if n % 2 else "no",
            close_before=n % 3 == 0, intensity=n, small_step=f"step {n}", predicted=3, outcome=n % 10,
        )))
    monkeypatch.setattr(store_patterns, "PART_DAYS", 2)
    since, until = date(2024, 12, 1), date(2026, 12, 31)
    parts = journal._month_parts(since, until)
    assert parts == [("2024-12-01", "2024-12-31"), ("2025-01-01", "2025-02-28"), ("2025-03-01", "2025-03-31"),
                     ("2025-04-01", "2026-12-31")]  # two days with entries at most, unless a month holds more
    statements: list[str] = []
    journal.db.conn.set_trace_callback(statements.append)
    steps = list(journal.pattern_source_in_steps(since, until))
    journal.db.conn.set_trace_callback(None)
    whole = journal.pattern_source(since, until)
    assert steps[-1] == whole and steps[:-1] == [None] * (len(steps) - 1)
    assert whole.people == {"Sam": 6, "Ana": 2} and len(whole.days) > 4 and whole.closeness.pulled_away
    reads = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1 + 8 * len(parts) == len(steps) - 1  # the parts, then each query over each part
    for sql in set(reads):
        plan = " / ".join(row[3] for row in journal.db.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING PRIMARY KEY" in plan and "SCAN pattern_" not in plan, (sql, plan)
    journal.close()
