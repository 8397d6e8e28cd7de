"""Bars of a chart of many weeks or months: calendar spans a person names, as many as fit, sums kept."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_journal.core.pattern_bars import bars, tick
from closeness_journal.core.patterns import DayTotals, PatternSource, compute

TODAY = date(2026, 6, 30)


def patterns_of(days: list[DayTotals], since: date, until: date = TODAY, by=None):
    return compute(PatternSource(days=tuple(days)), since, until, by=by)


def test_ticks_say_what_a_bar_covers():
    assert tick(date(2026, 11, 4), "week") == "2 Nov"  # the week's Monday
    assert tick(date(2026, 11, 1), "month") == "Nov"
    assert tick(date(2027, 1, 1), "month") == "Jan 27"
    assert tick(date(2026, 4, 1), "month", 3) == "Apr 26"
    assert tick(date(2026, 1, 1), "month", 12) == "2026"
    assert tick(date(1750, 1, 1), "month", 120) == "1750s"
    assert tick(date(1750, 1, 1), "month", 60) == "1750–54"
    assert tick(date(1500, 1, 1), "month", 6000) == "1500–1999"
    assert tick(date(1, 1, 1), "month", 120) == "1–9"  # there is no year 0


def test_a_range_that_fits_keeps_one_bar_a_period():
    days = [DayTotals(TODAY - timedelta(days=n), entries=1, withdrawal=n % 2) for n in range(0, 360, 9)]
    patterns = patterns_of(days, date(2025, 7, 1))
    chart = bars(patterns, 30)
    assert chart.periods == patterns.periods and chart.each is None
    assert chart.ticks[:2] == ("Jul", "Aug") and "Jan 26" in chart.ticks


def test_nine_years_of_months_are_half_years_at_30_bars_and_years_at_10():
    days = [DayTotals(date(2017 + n // 12, n % 12 + 1, 15), entries=2, withdrawal=1, intensity_sum=n % 11,
                      intensity_count=1) for n in range(110)]
    patterns = patterns_of(days, date(2017, 1, 15))
    half_years = bars(patterns, 30)
    assert half_years.each == "6 months" and len(half_years.periods) == 19
    assert half_years.ticks[:3] == ("Jan 17", "Jul 17", "Jan 18")
    years = bars(patterns, 10)
    assert years.each == "a year" and years.ticks == tuple(str(year) for year in range(2017, 2027))
    # averages are those of the whole span, not of its months' averages
    first = [d for d in days if d.day.year == 2017]
    assert years.periods[0].mean_intensity == round(sum(d.intensity_sum for d in first) / len(first), 2)


def test_a_stray_entry_from_year_1_is_one_bar_not_centuries_of_empty_ones():
    days = [DayTotals(date(1, 1, 3), entries=1, withdrawal=1), DayTotals(date(2026, 5, 3), entries=2, sabotage=1)]
    patterns = patterns_of(days, date(1, 1, 3))
    chart = bars(patterns, 5)
    assert chart.each == "a decade" and chart.ticks == ("1–9", "2000s", "2010s", "2020s")
    assert [p.entries for p in chart.periods] == [1, 0, 0, 2]
    assert chart.periods[0].start == date(1, 1, 3) and chart.periods[-1].end == TODAY  # within the range


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.dates(date(1, 1, 1), TODAY), st.integers(1, 5), st.integers(0, 5), st.integers(0, 10)),
             min_size=1, max_size=40),
    st.integers(1, 60),
    st.sampled_from([None, "week", "month"]),
)
def test_bars_keep_every_sum_and_fit(rows, most, by):
    days = [DayTotals(day, entries=n, withdrawal=min(w, n), small_steps=s) for day, n, w, s in rows]
    since = min(day for day, *_ in rows)
    if by == "week" and (TODAY - since).days > 3000:
        since = TODAY - timedelta(days=3000)
    patterns = patterns_of(days, since, by=by)
    chart = bars(patterns, most)
    assert len(chart.periods) <= max(most, 10) and len(chart.ticks) == len(chart.periods)
    if len(patterns.periods) <= most:
        assert chart.periods == patterns.periods
    for field in ("entries", "withdrawal", "small_steps", "days_journaled"):
        assert sum(getattr(p, field) for p in chart.periods) == getattr(patterns.totals, field), field
    starts = [p.start for p in chart.periods]
    assert starts == sorted(starts) and all(since <= p.start <= p.end <= TODAY for p in chart.periods)
