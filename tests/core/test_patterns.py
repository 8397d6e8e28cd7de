"""Patterns from hand-built data: exact weekly counts, zero weeks, breakdowns, the closeness cycle."""

from datetime import date

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.patterns import (
    ClosenessCounts,
    closeness_sentence,
    compute,
    period_bounds,
    range_start,
    step_sentence,
)

MON = date(2026, 11, 2)  # 2026-W45 starts on this Monday


def day(n: int) -> date:
    return date.fromordinal(MON.toordinal() + n)


@pytest.fixture
def filled(journal):
    """Three weeks: W45 busy, W46 empty, W47 one entry. Plus one entry in the trash."""
    add = journal.add
    add(Entry(
        day(0),
        body="a",
        checkin=CheckIn(behaviours=("went-quiet",), fears=("engulfment",), intensity=6, close_before=True, relationship="partner", who="Sam", kinds=("emotional",)),
    ))
    add(Entry(
        day(0),
        body="b",
        checkin=CheckIn(behaviours=("went-quiet", "picked-fight"), fears=("engulfment", "loss"), intensity=8, close_before=True, relationship="partner", who="sam", small_step="stayed", predicted=8, outcome=3),
    ))
    add(Entry(
        day(2),
        body="c",
        checkin=CheckIn(behaviours=("picked-fight",), intensity=None, close_before=False, relationship="friend", who="Ana", kinds=("emotional", "physical")),
    ))
    add(Entry(
        day(3),
        body="d",
        checkin=CheckIn(close_before=True, small_step="asked for a hug", predicted=6, outcome=2, relationship="partner", who="Sam"),
    ))
    add(Entry(day(15), body="e", checkin=CheckIn(behaviours=("cancelled-plans",), fears=("rejection",), intensity=4)))
    gone = add(Entry(day(1), body="deleted", checkin=CheckIn(behaviours=("ended-it",), close_before=True)))
    journal.delete(gone.id)
    return journal


def test_weekly_counts_are_exact_and_empty_weeks_are_zeros(filled):
    p = compute(filled.pattern_source(day(0), day(20)), day(0), day(20), by="week")
    assert [x.label for x in p.periods] == ["2026-W45", "2026-W46", "2026-W47"]
    w45, w46, w47 = p.periods
    assert (w45.entries, w45.withdrawal, w45.sabotage, w45.small_steps, w45.days_journaled) == (4, 2, 2, 2, 3)
    assert w45.mean_intensity == 7.0  # (6 + 8) / 2: entries without an intensity don't count
    assert (w45.planned_steps, w45.mean_predicted, w45.mean_outcome) == (2, 7.0, 2.5)
    assert (w46.entries, w46.withdrawal, w46.sabotage, w46.days_journaled, w46.mean_intensity) == (0, 0, 0, 0, None)
    assert (w47.entries, w47.withdrawal, w47.sabotage, w47.mean_intensity) == (1, 1, 0, 4.0)


def test_monthly_grouping(filled):
    p = compute(filled.pattern_source(date(2026, 10, 1), date(2026, 12, 31)), date(2026, 10, 1), date(2026, 12, 31), by="month")
    assert [(x.label, x.entries) for x in p.periods] == [("2026-10", 0), ("2026-11", 5), ("2026-12", 0)]


def test_breakdowns_by_behaviour_fear_relationship_kind_and_who(filled):
    p = compute(filled.pattern_source(day(0), day(20)), day(0), day(20))
    assert [(c.key, c.count) for c in p.behaviours] == [("picked-fight", 2), ("went-quiet", 2), ("cancelled-plans", 1)]
    assert p.behaviours[1].label == "Went quiet or shut down"
    assert [(c.key, c.count) for c in p.fears] == [("engulfment", 2), ("loss", 1), ("rejection", 1)]
    assert [(c.key, c.count) for c in p.relationships] == [("partner", 3), ("friend", 1)]
    assert [(c.key, c.count) for c in p.kinds] == [("emotional", 2), ("physical", 1)]
    assert [(c.label.lower(), c.count) for c in p.people] == [("sam", 3), ("ana", 1)]  # names match ignoring case


def test_the_closeness_cycle(filled):
    p = compute(filled.pattern_source(day(0), day(20)), day(0), day(20))
    # pulled or pushed away: a, b, c, e = 4; closeness first: a, b = 2; closeness without either: d = 1
    assert p.closeness == ClosenessCounts(pulled_away=4, closeness_first=2, stayed_close=1)
    assert closeness_sentence(p.closeness) == (
        "In 2 of the 4 times you pulled or pushed away, a moment of closeness came just before. "
        "1 time, closeness came and you stayed close. Those count."
    )


def test_predicted_versus_actual_over_the_range(filled):
    p = compute(filled.pattern_source(day(0), day(20)), day(0), day(20))
    assert (p.steps.planned_steps, p.steps.mean_predicted, p.steps.mean_outcome) == (2, 7.0, 2.5)
    assert step_sentence(p.steps) == (
        "Across 2 planned steps, you expected them to be 7 out of 10 hard on average; they turned out to be 2.5."
    )


@pytest.mark.parametrize(
    "counts, sentence",
    [
        (ClosenessCounts(1, 0, 0), "The one time you pulled or pushed away, no moment of closeness came just before."),
        (ClosenessCounts(1, 1, 0), "The one time you pulled or pushed away, a moment of closeness came just before."),
        (ClosenessCounts(3, 0, 2), "None of the 3 times you pulled or pushed away came just after a moment of closeness. "
                                   "2 times, closeness came and you stayed close. Those count."),
    ],
)
def test_the_closeness_sentence_reads_naturally_for_small_numbers(counts, sentence):
    assert closeness_sentence(counts) == sentence


def test_an_empty_range_is_explained_kindly(journal):
    p = compute(journal.pattern_source(day(0), day(13)), day(0), day(13))
    assert [x.entries for x in p.periods] == [0, 0]
    assert "will show" in closeness_sentence(p.closeness)
    assert "small step" in step_sentence(p.steps)


def test_period_bounds_clip_partial_weeks_and_cross_years():
    bounds = period_bounds(date(2026, 12, 30), date(2027, 1, 5), "week")
    assert bounds == [
        ("2026-W53", date(2026, 12, 30), date(2027, 1, 3)),
        ("2027-W01", date(2027, 1, 4), date(2027, 1, 5)),
    ]


def test_named_ranges():
    until = date(2026, 11, 18)
    assert range_start("8 weeks", until, None) == date(2026, 9, 24)
    assert range_start("all", until, date(2020, 1, 1)) == date(2020, 1, 1)
    assert range_start("all", until, None) == until
