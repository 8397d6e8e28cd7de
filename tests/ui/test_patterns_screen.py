"""The Pattern screen on demo data, on a thin journal, and across ranges."""

from datetime import date

from closeness_journal import demo
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.ui.screens.patterns import PatternsScreen, short_label

TODAY = date(2026, 11, 18)


def text_of(screen, selector) -> str:
    return str(screen.query_one(selector).render())


async def test_pattern_screen_on_demo_data(make_app, journal):
    demo.fill(journal, end=TODAY)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PatternsScreen)
        assert [p.label for p in screen.patterns.periods][-1] == "2026-W47"
        assert len(screen.patterns.periods) == 9
        assert screen.query_one("#charts").display
        assert "times you pulled or pushed away" in text_of(screen, "#closeness-sentence")
        assert "planned step" in text_of(screen, "#step-sentence")
        assert screen.query_one("#by-behaviour").row_count > 0
        await pilot.press("4")  # everything: 16 weeks, still by week
        await pilot.pause()
        assert len(screen.patterns.periods) == 17
        await pilot.press("3")  # a year: by month
        await pilot.pause()
        assert screen.patterns.by == "month" and screen.patterns.periods[-1].label == "2026-11"


async def test_a_thin_journal_gets_an_explanation_not_empty_axes(make_app, journal):
    journal.add(Entry(TODAY, body="just one"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#charts").display
        assert "isn't much here yet" in text_of(screen, "#patterns-note")


async def test_new_entries_show_when_coming_back(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.patterns.entries == 0
        for n in range(3):
            journal.add(Entry(TODAY, body=f"e{n}", checkin=CheckIn(behaviours=("went-quiet",))))
        await pilot.press("f2", "f4")
        await pilot.pause()
        assert app.screen.patterns.entries == 3 and app.screen.patterns.periods[-1].withdrawal == 3


def test_short_labels():
    assert short_label("2026-W07", "week") == "W07"
    assert short_label("2026-11", "month") == "Nov"
    assert short_label("2027-01", "month") == "Jan 27"
