"""Patterns from hand-built data: exact weekly counts, zero weeks, breakdowns, the closeness cycle,
staying close and the pull to get away, the named ranges and how periods are named."""

from datetime import date

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.patterns import (
    EMPTY_PERIODS_SHOWN,
    ClosenessCounts,
    PatternSource,
    Period,
    closeness_sentence,
    compute,
    period_bounds,
    range_start,
    step_sentence,
    urge_sentence,
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
        checkin=CheckIn(behaviours=("went-quiet",), fears=("engulfment",), intensity=6, close_before=True,
                        relationship="partner", who="Sam", kinds=("emotional",)),
    ))
    add(Entry(
        day(0),
        body="b",
        checkin=CheckIn(behaviours=("went-quiet", "picked-fight"), fears=("engulfment", "loss"), intensity=8,
                        close_before=True, relationship="partner", who="sam", small_step="stayed", predicted=8,
                        outcome=3),
    ))
    add(Entry(
        day(2),
        body="c",
        checkin=CheckIn(behaviours=("picked-fight",), intensity=None, close_before=False, relationship="friend",
                        who="Ana", kinds=("emotional", "physical")),
    ))
    add(Entry(
        day(3),
        body="d",
        checkin=CheckIn(close_before=True, small_step="asked for a hug", predicted=6, outcome=2,
                        relationship="partner", who="Sam"),
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
    since, until = date(2026, 10, 1), date(2026, 12, 31)
    p = compute(filled.pattern_source(since, until), since, until, by="month")
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
        "1 time, closeness came and you didn't pull or push away. Those count."
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
        (ClosenessCounts(1, 0, 0),
         "The one time you pulled or pushed away, no moment of closeness came just before."),
        (ClosenessCounts(1, 1, 0),
         "The one time you pulled or pushed away, a moment of closeness came just before."),
        (ClosenessCounts(3, 0, 2),
         "None of the 3 times you pulled or pushed away came just after a moment of closeness. "
         "2 times, closeness came and you didn't pull or push away. Those count."),
        # Staying close is told the same way as pulling away, and counts.
        (ClosenessCounts(0, 0, 0, stayed=1, stayed_after_closeness=1),
         "The one time you stayed close, a moment of closeness came just before. Those count."),
        (ClosenessCounts(4, 1, 0, stayed=5, stayed_after_closeness=3),
         "In 1 of the 4 times you pulled or pushed away, a moment of closeness came just before. "
         "In 3 of the 5 times you stayed close, a moment of closeness came just before. Those count."),
        (ClosenessCounts(0, 0, 0, stayed=2, stayed_after_closeness=0),
         "None of the 2 times you stayed close came just after a moment of closeness. Those count."),
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


def test_named_ranges_count_the_current_week_or_month_as_one_of_them(journal):
    until = date(2026, 11, 18)  # a Wednesday
    assert range_start("8 weeks", until, None) == date(2026, 9, 28)  # a Monday
    assert range_start("6 months", until, None) == date(2026, 5, 25)
    assert range_start("1 year", until, None) == date(2025, 12, 1)
    assert range_start("all", until, date(2020, 1, 1)) == date(2020, 1, 1)
    assert range_start("all", until, None) == until
    expected = {"8 weeks": (8, "week"), "6 months": (26, "week"), "1 year": (12, "month")}
    for name, (count, by) in expected.items():
        since = range_start(name, until, None)
        p = compute(journal.pattern_source(since, until), since, until)
        assert (len(p.periods), p.by) == (count, by), name
        assert p.periods[0].start == since and p.periods[-1].end == until
    # On a Monday, the 8 weeks are the 7 before and this one, which has just begun.
    monday = date(2026, 11, 16)
    since = range_start("8 weeks", monday, None)
    assert [x.label for x in compute(journal.pattern_source(since, monday), since, monday).periods][::7] == [
        "2026-W40", "2026-W47"
    ]


def test_periods_are_named_by_their_dates_not_week_numbers():
    week = Period("2026-W45", date(2026, 11, 4), date(2026, 11, 8))  # clipped to the range: named by its Monday
    assert week.name() == "week of 2 Nov 2026"
    assert week.name(with_year=False) == "week of 2 Nov"
    assert Period("2026-11", date(2026, 11, 1), date(2026, 11, 30)).name() == "November 2026"
    p = compute(PatternSource(days=()), date(2025, 12, 29), date(2026, 1, 11), by="week")
    assert [p.period_name(x) for x in p.periods] == ["week of 29 Dec 2025", "week of 5 Jan"]
    assert [x.to_json()["label"] for x in p.periods] == ["week of 29 Dec 2025", "week of 5 Jan 2026"]
    assert [x.to_json()["period"] for x in p.periods] == ["2026-W01", "2026-W02"]


@pytest.fixture
def staying(journal):
    """Week 45: pulling away and staying close in one entry, `acted: no` with nothing under stayed,
    acted on, partly acted on with a way of staying, a pull with no answer, and a private one.
    Week 46: one plain entry. In the trash: an entry that stayed close."""
    add = journal.add
    add(Entry(day(0), body="both", checkin=CheckIn(
        behaviours=("went-quiet",), stayed=("shared-a-feeling",), urge=7, acted="partly", close_before=True
    )))
    add(Entry(day(0), body="sat with it", checkin=CheckIn(urge=6, acted="no")))
    add(Entry(day(1), body="left", checkin=CheckIn(
        behaviours=("picked-fight",), urge=9, acted="yes", close_before=True
    )))
    add(Entry(day(2), body="reached", checkin=CheckIn(stayed=("reached-out", "shared-a-feeling"), close_before=True)))
    add(Entry(day(3), body="pull only", checkin=CheckIn(urge=2)))
    add(Entry(day(3), body="private", private=True, checkin=CheckIn(stayed=("kept-plans",), acted="no", urge=4)))
    add(Entry(day(8), body="plain"))
    gone = add(Entry(day(1), body="deleted", checkin=CheckIn(stayed=("kept-plans",), acted="no", urge=10)))
    journal.delete(gone.id)
    return journal


def test_staying_close_is_counted_exactly(staying):
    p = compute(staying.pattern_source(day(0), day(13)), day(0), day(13), by="week")
    w45, w46 = p.periods
    # stayed: "both", "sat with it" (acted: no), "reached", "private"; not the deleted one
    assert (w45.entries, w45.withdrawal, w45.sabotage, w45.stayed) == (6, 1, 1, 4)
    assert (w46.entries, w46.stayed, w46.mean_urge, w46.acted) == (1, 0, None, 0)
    assert p.totals.stayed == 4
    assert [(c.key, c.count) for c in p.ways_of_staying] == [
        ("shared-a-feeling", 2), ("kept-plans", 1), ("reached-out", 1)
    ]
    assert p.ways_of_staying[0].label == "Shared a feeling"
    assert p.closeness == ClosenessCounts(
        pulled_away=2, closeness_first=2, stayed_close=1, stayed=4, stayed_after_closeness=2
    )
    without_private = compute(staying.pattern_source(day(0), day(13), include_private=False), day(0), day(13))
    assert without_private.totals.stayed == 3 and without_private.totals.acted_no == 1


def test_the_pull_and_what_was_done_with_it(staying):
    p = compute(staying.pattern_source(day(0), day(13)), day(0), day(13), by="week")
    w45 = p.periods[0]
    assert w45.mean_urge == 5.6  # (7 + 6 + 9 + 2 + 4) / 5: entries without a pull noted don't count
    assert (w45.acted_yes, w45.acted_partly, w45.acted_no, w45.acted) == (1, 1, 2, 4)
    assert w45.to_json()["acted"] == {"yes": 1, "partly": 1, "no": 2}
    assert urge_sentence(p.totals) == (
        "The pull to get away was 5.6 out of 10 on average. Of the 4 times you noted what you did with it, "
        "you acted on it 1 time, partly acted on it 1 time and stayed with it 2 times."
    )


def test_the_pull_sentence_for_none_and_one():
    assert "When you note how strong the pull" in urge_sentence(Period("total", MON, MON))
    one = Period("total", MON, MON, acted_no=1)
    assert urge_sentence(one) == "The one time you noted what you did with it, you stayed with it."
    assert urge_sentence(Period("total", MON, MON, mean_urge=3.0)) == "The pull to get away was 3 out of 10 on average."


def test_a_stray_entry_from_year_one_costs_its_rows_not_the_calendar(journal):
    """One entry on 1 January of year 1 and one now: the range spans 730,000 days, yet only the
    periods that hold entries and a bounded run of empty ones are built, with the same figures."""
    until = date(2026, 11, 18)
    journal.add(Entry(date(1, 1, 1), body="long ago", checkin=CheckIn(behaviours=("went-quiet",), intensity=4)))
    journal.add(Entry(until, body="now", checkin=CheckIn(intensity=6)))
    since = range_start("all", until, journal.first_entry_date())
    assert since == date(1, 1, 1)
    for by in ("week", "month"):
        p = compute(journal.pattern_source(since, until), since, until, by=by)
        assert len(p.periods) == EMPTY_PERIODS_SHOWN + 1, by  # the recent run, and the one from year 1
        first, last = p.periods[0], p.periods[-1]
        assert first.start == since and (first.entries, first.withdrawal, first.days_journaled) == (1, 1, 1)
        assert last.end == until and (last.entries, last.mean_intensity) == (1, 6.0)
        assert sum(x.entries for x in p.periods[1:-1]) == 0
        assert [x.start for x in p.periods] == sorted(x.start for x in p.periods)
        assert (p.steps.entries, p.steps.days_journaled, p.steps.mean_intensity) == (2, 2, 5.0)
    assert p.periods[0].label == "0001-01" and p.periods[1].label == "2006-12"


def test_periods_add_up_the_same_from_days_or_from_weeks_within_months(journal):
    """The store's sums per week within a month add up to the same periods as the day sums."""
    for n in range(0, 120, 3):
        journal.add(Entry(day(n), body=str(n), checkin=CheckIn(intensity=n % 11, behaviours=("went-quiet",) * (n % 2))))
    since, until = day(-10), day(130)
    for by in ("week", "month"):
        from_store = compute(journal.pattern_source(since, until), since, until, by=by)
        from_days = compute(PatternSource(days=journal.day_totals(since, until)), since, until, by=by)
        assert from_store.periods == from_days.periods and from_store.steps == from_days.steps
