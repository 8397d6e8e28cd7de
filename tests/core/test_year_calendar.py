"""The calendar of the last year, from day sums built by hand (no database)."""

from datetime import date, timedelta

from closeness_journal.core.patterns import DayTotals
from closeness_journal.core.year_calendar import MARKS, MEANINGS, calendar_span, day_mark, year_calendar

UNTIL = date(2026, 11, 18)  # a Wednesday


def test_a_day_is_marked_by_what_it_held():
    assert day_mark(None) == "nothing"
    assert day_mark(DayTotals(UNTIL)) == "nothing"
    assert day_mark(DayTotals(UNTIL, entries=2)) == "written"
    assert day_mark(DayTotals(UNTIL, entries=1, withdrawal=1)) == "away"
    assert day_mark(DayTotals(UNTIL, entries=1, sabotage=1)) == "away"
    assert day_mark(DayTotals(UNTIL, entries=1, stayed=1)) == "stayed"
    # one entry that pulled away and stayed close, or two entries on one day that did one each
    assert day_mark(DayTotals(UNTIL, entries=1, withdrawal=1, stayed=1)) == "both"
    assert day_mark(DayTotals(UNTIL, entries=2, sabotage=1, stayed=1)) == "both"


def test_the_marks_differ_without_colour_and_each_has_its_words():
    assert len(set(MARKS.values())) == len(MARKS) == 5
    assert all(len(mark) == 1 for mark in MARKS.values())
    assert list(MEANINGS) == list(MARKS)


def test_fifty_three_weeks_as_columns_ending_this_week():
    first, last = calendar_span(UNTIL)
    assert first == date(2025, 11, 17) and first.weekday() == 0 and last == UNTIL
    days = [
        DayTotals(first, entries=1, stayed=1),
        DayTotals(date(2026, 3, 4), entries=1, withdrawal=1),
        DayTotals(date(2026, 3, 5), entries=3, withdrawal=1, stayed=2),
        DayTotals(date(2026, 6, 1), entries=1),
        DayTotals(UNTIL, entries=1, sabotage=1),
        DayTotals(first - timedelta(days=1), entries=1, stayed=1),  # before the calendar: left out
    ]
    calendar = year_calendar(days, UNTIL)
    assert len(calendar.columns) == 53 and all(len(column) == 7 for column in calendar.columns)
    assert calendar.columns[0][0] == "stayed"
    assert calendar.mark_of(date(2026, 3, 4)) == "away"
    assert calendar.mark_of(date(2026, 3, 5)) == "both"
    assert calendar.mark_of(date(2026, 6, 1)) == "written"
    assert calendar.mark_of(date(2026, 6, 2)) == "nothing"
    assert calendar.mark_of(UNTIL) == "away"
    assert calendar.columns[-1] == ("nothing", "nothing", "away", None, None, None, None)  # no days after today
    assert calendar.mark_of(first - timedelta(days=1)) is None
    marked = [cell for column in calendar.columns for cell in column if cell not in ("nothing", None)]
    assert sorted(marked) == ["away", "away", "both", "stayed", "written"]
    rows = calendar.rows()
    assert len(rows) == 7 and len(rows[0]) == 53 and rows[2][-1] == "away"  # Wednesday, this week


def test_month_names_sit_over_the_week_a_month_begins_and_never_run_together():
    calendar = year_calendar([], UNTIL)
    # The first column (from 17 Nov 2025) is left unnamed: "Dec" starts two columns later, on Monday 1 Dec.
    assert calendar.months[:3] == ((2, "Dec"), (7, "Jan"), (11, "Feb"))
    assert calendar.months[-1] == (50, "Nov")
    for column, name in calendar.months:
        monday = calendar.first + timedelta(weeks=column)
        assert f"{monday:%b}" == name and (monday - timedelta(weeks=1)).month != monday.month
    for (column, name), (following, _) in zip(calendar.months, calendar.months[1:], strict=False):
        assert column + len(name) < following
    # When the first column's month goes on for weeks, it is named.
    assert year_calendar([], date(2026, 11, 4)).months[0] == (0, "Nov")
