"""Counts with their noun, averages to one decimal, and the week's figures, as people read them."""

import re
from datetime import date

import pytest

from closeness_journal.core.patterns import Period
from closeness_journal.core.review import Staying, WeeklyReview
from closeness_journal.core.wording import (
    acted_words,
    change_words,
    figure,
    noticing_note,
    one_decimal,
    plural,
    times,
    week_lines,
)


@pytest.mark.parametrize(
    "count, expected",
    [(0, "0 entries"), (1, "1 entry"), (2, "2 entries"), (1250, "1,250 entries")],
)
def test_plural_picks_the_noun_by_the_count(count, expected):
    assert plural(count, "entry", "entries") == expected


def test_plural_takes_whole_phrases():
    assert plural(1, "entry marked private was", "entries marked private were") == "1 entry marked private was"
    assert plural(3, "other prompt", "other prompts") == "3 other prompts"


@pytest.mark.parametrize(
    "value, expected",
    [(None, "–"), (4.0, "4"), (4.2, "4.2"), (4.26, "4.3"), (0.33, "0.3"), (9.96, "10"), (10.0, "10"), (0.0, "0")],
)
def test_one_decimal_drops_a_trailing_zero(value, expected):
    assert one_decimal(value) == expected


def test_figure_keeps_counts_whole_and_averages_to_one_decimal():
    assert (figure(3), figure(0), figure(5.0), figure(5.15), figure(None)) == ("3", "0", "5", "5.2", "–")


def test_change_words_are_neutral():
    assert change_words(2, "withdrawal") == "2 more"
    assert change_words(-1, "sabotage") == "1 fewer"
    assert change_words(0, "sabotage") == "the same"
    assert change_words(-1.2, "mean_intensity") == "1.2 lower"
    assert change_words(1.0, "mean_intensity") == "1 higher"
    assert change_words(-0.5, "mean_urge") == "0.5 lower"
    assert change_words(None, "mean_intensity") == "no comparison"


def test_how_often_in_words():
    assert [times(n) for n in (0, 1, 2, 1200)] == ["none", "once", "2 times", "1,200 times"]
    assert acted_words(2, 0, 1) == "acted on it 2 times, stayed with it once"
    assert acted_words(0, 1, 0) == "partly acted on it once"


NOTHING = Staying()


def _review(this: Period, previous: Period, staying=NOTHING, staying_before=NOTHING) -> WeeklyReview:
    return WeeklyReview(
        week=this.label, start=this.start, end=this.end, this=this, previous=previous, fears=(), behaviours=(),
        relationships=(), moments=(), steps=(), days=(), last_step="", saved=None,
        staying=staying, staying_before=staying_before,
    )


W45 = ("2026-W45", date(2026, 11, 2), date(2026, 11, 8))
W46 = ("2026-W46", date(2026, 11, 9), date(2026, 11, 15))


def test_week_lines_put_the_week_beside_the_week_before_in_words():
    this = Period(*W46, entries=4, withdrawal=2, sabotage=1, small_steps=2, days_journaled=3, mean_intensity=4.0)
    before = Period(*W45, entries=1, withdrawal=1, days_journaled=1, mean_intensity=5.25)
    staying = Staying(stayed_close=3, mean_urge=5.5, urges=2, acted_yes=1, acted_no=2)
    staying_before = Staying(stayed_close=1, mean_urge=5.5, urges=1, acted_yes=1)
    rows = [(line.label, line.words) for line in week_lines(_review(this, before, staying, staying_before))]
    assert rows == [
        ("Pulled away", "2 times, 1 more than the week before"),
        ("Pushed away", "once, 1 more than the week before"),
        ("Stayed close", "3 times, 2 more than the week before"),
        ("Small steps", "2, 2 more than the week before"),
        ("Days you wrote", "3, 2 more than the week before"),
        ("Average fear", "4 of 10, 1.2 lower than the week before"),
        ("Average pull to get away", "5.5 of 10, as the week before"),
        ("What you did with the pull", "acted on it once, stayed with it 2 times"),
    ]
    for label, words in rows:  # words, never a scoreboard
        assert not re.search(r"[+±]|-\d|\bwas\b|[Mm]ean", label + words), (label, words)


def test_week_lines_when_something_was_not_noted():
    this = Period(*W46, entries=1, mean_intensity=6.0)
    before = Period(*W45, entries=2, withdrawal=3, mean_intensity=None)
    review = _review(this, before, NOTHING, Staying(mean_urge=7.0))
    lines = {line.label: line.words for line in week_lines(review)}
    assert lines["Average fear"] == "6 of 10 (not noted the week before)"
    assert lines["Average pull to get away"] == "not noted this week (7 of 10 the week before)"
    assert lines["Pulled away"] == "none, 3 fewer than the week before"
    assert lines["Stayed close"] == "none, as the week before"
    assert "What you did with the pull" not in lines  # nothing said about acting on it this week
    # an average noted in neither week is left out
    quiet = {line.label: line.words for line in week_lines(_review(this, Period(*W45, entries=1)))}
    assert "Average pull to get away" not in quiet


def test_two_empty_weeks_have_nothing_to_compare():
    assert week_lines(_review(Period(*W46), Period(*W45))) == ()
    assert noticing_note(_review(Period(*W46), Period(*W45))) is None


@pytest.mark.parametrize(
    "this, before, said",
    [
        (dict(entries=5, withdrawal=1), dict(entries=2, withdrawal=1), True),  # more check-ins
        (dict(entries=2, sabotage=2), dict(entries=2, withdrawal=1), True),  # more pulling or pushing away
        (dict(entries=2, withdrawal=1), dict(entries=3, withdrawal=2), False),
        (dict(entries=2), dict(entries=2), False),
    ],
)
def test_more_check_ins_are_more_noticing(this, before, said):
    note = noticing_note(_review(Period(*W46, **this), Period(*W45, **before)))
    assert (note == "More check-ins often mean more noticing, not more pulling away.") is said
    assert note is None or said
