"""Today's prompts on screen: ctrl+r swaps any of them (remembered for the day), the deeper
question says why it was chosen, and childhood questions say they can be skipped."""

from datetime import UTC, date, datetime, timedelta

from textual.widgets import Static

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.prompts import shuffle_setting
from closeness_journal.ui.screens.today import TodayScreen

TODAY = date(2026, 11, 18)


def note(screen) -> str:
    shown = screen.query_one("#prompt-note", Static)
    return str(shown.render()) if shown.display else ""


async def test_ctrl_r_swaps_a_core_question_and_the_day_keeps_it(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen: TodayScreen = app.screen
        await pilot.press("ctrl+n")  # the fear question
        before = screen.sitting.daily.core[1]
        await pilot.press("ctrl+r")
        after = screen.sitting.daily.core[1]
        assert after.theme == "feared" and after.id != before.id and screen.slot.key == after.id
        assert journal.setting(shuffle_setting(TODAY, "feared")) == 1
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+r")  # free writing: nothing to swap
        assert any("Nothing to swap" in (n.title or "") for n in app._notifications)
    reopened = make_app()
    async with reopened.run_test(size=(80, 24)):
        assert reopened.screen.sitting.daily.core[1].id == after.id


async def test_the_deeper_question_says_why_it_was_chosen(make_app, journal):
    for n in range(12):
        journal.add(
            Entry(TODAY - timedelta(days=n), body="x", checkin=CheckIn(fears=("engulfment",))),
            now=datetime(2026, 11, 18, 12, tzinfo=UTC) - timedelta(days=n),
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen: TodayScreen = app.screen
        daily = screen.sitting.daily
        assert note(screen) == ""  # a core question: no reason shown
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        assert screen.slot.key == daily.deeper.id
        assert daily.because == "fear" and "engulfment" in daily.deeper.fears  # this day's draw
        assert note(screen) == (
            "Asked because a fear of losing yourself or being controlled came up often in your last four weeks."
        )


async def test_a_childhood_question_says_it_can_be_skipped(make_app, journal, library):
    app = make_app(date(2026, 11, 22))  # the rotation brings a roots question
    async with app.run_test(size=(80, 24)) as pilot:
        screen: TodayScreen = app.screen
        assert screen.sitting.daily.deeper.theme == "roots"
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        assert note(screen) == library.themes["roots"].note and "You can skip this one" in note(screen)
