"""Counts with their noun, averages to one decimal, and the week's figures, as people read them."""

from datetime import date

import pytest

from closeness_journal.core.patterns import Period
from closeness_journal.core.review import WeeklyReview
from closeness_journal.core.wording import change_words, figure, one_decimal, plural, signed, week_figures


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
    assert change_words(None, "mean_intensity") == "no comparison"


def test_signed_changes_are_short():
    shown = (signed(2), signed(-1), signed(0), signed(-1.1), signed(0.5), signed(None))
    assert shown == ("+2", "-1", "±0", "-1.1", "+0.5", "")


def _review(this: Period, previous: Period) -> WeeklyReview:
    return WeeklyReview(
        week=this.label, start=this.start, end=this.end, this=this, previous=previous, fears=(), behaviours=(),
        relationships=(), moments=(), steps=(), days=(), last_step="", saved=None,
    )


def test_week_figures_put_the_week_beside_the_week_before():
    this = Period("2026-W46", date(2026, 11, 9), date(2026, 11, 15), entries=4, withdrawal=2, sabotage=1,
                  small_steps=2, days_journaled=3, mean_intensity=4.0)
    before = Period("2026-W45", date(2026, 11, 2), date(2026, 11, 8), entries=1, withdrawal=1, days_journaled=1,
                    mean_intensity=5.25)
    rows = [(f.label, f.now, f.before, f.change, f.delta) for f in week_figures(_review(this, before))]
    assert rows == [
        ("Pulled away", "2", "1", "1 more", "+1"),
        ("Pushed away", "1", "0", "1 more", "+1"),
        ("Small steps", "2", "0", "2 more", "+2"),
        ("Mean fear (0-10)", "4", "5.2", "1.2 lower", "-1.2"),
        ("Days you wrote", "3", "1", "2 more", "+2"),
    ]


def test_week_figures_without_a_fear_to_compare():
    empty = Period("2026-W45", date(2026, 11, 2), date(2026, 11, 8))
    this = Period("2026-W46", date(2026, 11, 9), date(2026, 11, 15), entries=1, mean_intensity=6.0)
    [fear] = [f for f in week_figures(_review(this, empty)) if f.label.startswith("Mean fear")]
    assert (fear.now, fear.before, fear.change, fear.delta) == ("6", "–", "no comparison", "")
