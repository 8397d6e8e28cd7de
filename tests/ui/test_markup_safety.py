"""Text a person wrote is shown literally everywhere: never markup, never an action, never an escape."""

from datetime import date

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.ui.screens.entry_view import EntryScreen
from closeness_journal.ui.screens.history import HistoryScreen
from closeness_journal.ui.widgets.entry_table import EntryTable

TODAY = date(2026, 11, 18)
NASTY = [
    "[bold]x[/]",
    "I felt [/bold] small",
    "[@click=app.quit]y[/]",
    '[link="https://example.com"]here[/link]',
    "\x1b]2;title\x1b\\after the escape",
]


@pytest.mark.parametrize("text", NASTY)
async def test_markup_in_body_and_who_is_literal_in_history_and_reading(make_app, journal, text):
    journal.add(Entry(TODAY, body=text, checkin=CheckIn(who=text[:12], small_step=text)))
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(EntryTable)
        shown_cell = table.get_row_at(0)[1]
        assert shown_cell.plain == text.replace("\x1b]2;title\x1b\\", "")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        body = app.screen.query_one("#entry-text").render()
        plain = body.plain if hasattr(body, "plain") else str(body)
        assert text.replace("\x1b]2;title\x1b\\", "") in plain
        assert "\x1b" not in plain
        for x in range(0, 60):  # click across the body's line: live markup would act on a click
            await pilot.click("#entry-text", offset=(x, 2))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, EntryScreen)


async def test_markup_typed_on_today_saves_and_notifies_without_harm(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for text in NASTY[:4]:
            await pilot.press(*text, "tab", *text, "shift+tab", "ctrl+s")
            await pilot.pause()
        assert app.is_running
        assert sorted(e.answers[0].text for e in journal.entries()) == sorted(NASTY[:4])  # each the first answer
        assert sorted(e.checkin.who for e in journal.entries()) == sorted(NASTY[:4])


async def test_markup_in_a_search_query_crashes_nothing(make_app, journal):
    journal.add(Entry(TODAY, body="I felt [/bold] small"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "slash")
        for query in ("[/bold]", "[@click=app.quit]y[/]", '"', "NEAR(", "small"):
            await pilot.press("ctrl+a", "ctrl+k", *query)  # TextArea-style clear: home then kill line
            await pilot.pause(0.4)
        assert app.is_running
        assert app.screen.query_one(EntryTable).row_count == 1


async def test_the_screenshot_never_carries_the_escape_sequence(make_app, journal):
    journal.add(Entry(TODAY, body="\x1b]2;pwned\x1b\\visible words"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "enter")
        await pilot.pause()
        svg = app.export_screenshot()
        assert "pwned" not in svg and "visible" in svg
