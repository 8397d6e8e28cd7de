"""Text a person wrote is shown literally everywhere: never markup, never an action, never an escape.

The checks read what the widgets render rather than clicking around: the `Content` given to a
widget must hold the text exactly with no style starting inside it, and the lines drawn for the
whole screen must show the text, carry no link or `@click` action, and no control character.
"""

import json
from datetime import date, timedelta

import pytest
from textual import events
from textual.widgets._toast import Toast
from ui_helpers import (
    assert_literal,
    assert_one_style,
    line_showing,
    live_segments,
    screen_showing,
    type_text,
    until,
)

from closeness_journal.core.entries import Entry
from closeness_journal.core.review import SavedReview
from closeness_journal.core.text import one_line, printable
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.screens.edit_entry import EditEntryScreen
from closeness_journal.ui.screens.entry_view import EntryScreen
from closeness_journal.ui.screens.history import HistoryScreen
from closeness_journal.ui.screens.review import EntryLine, ReviewScreen
from closeness_journal.ui.screens.reviews import ReviewsScreen
from closeness_journal.ui.screens.trash import TrashScreen
from closeness_journal.ui.widgets.entry_table import EntryTable

TODAY = date(2026, 11, 18)  # a Wednesday: the last complete week is W46 (9-15 November)
ESCAPE = "\x1b]2;title\x1b\\"
NASTY = [
    "[bold]x[/]",
    "I felt [/bold] small",
    "[@click=app.quit]y[/]",
    '[link="https://example.com"]here[/link]',
    ESCAPE + "after the escape",
]
WHO_COLUMN = 10
"""History's "With" column shows this many characters of the name before cutting it."""
STEP_COLUMN = 15
"""The list of reviews shows at least this much of the step chosen (it cuts it at the column's title)."""


def shown(text: str) -> str:
    """What the screen should show for `text`: itself, less the escape sequence."""
    return printable(text)


def store_raw(journal, entry: Entry, text: str) -> None:
    """Put `text` in the entry's text fields as an older version or another program might have
    left them (saving cleans control characters; showing must not rely on that)."""
    journal.db.execute(
        "UPDATE entries SET body = ?, who = ?, small_step = ?, answers = ?, answer_prompts = ? WHERE uuid = ?",
        [text, text, text, text, json.dumps([["x", text]]), entry.id],
    )
    journal.db.conn.commit()


@pytest.fixture
def nasty_journal(journal):
    """One entry per string in W46 (newest first in History, in NASTY's order), and the steps
    chosen in five weekly reviews."""
    for n, text in enumerate(NASTY):
        store_raw(journal, journal.add(Entry(TODAY - timedelta(days=3 + n), body="placeholder")), text)
    for n, text in enumerate(NASTY):
        journal.save_review(SavedReview(f"2026-W{41 + n}", {"weekly-review-05": text}, next_step=text))
    return journal


async def harmless_screen_showing(pilot, *texts: str) -> list:
    """The screen once it shows `texts`, checked for links, actions and control characters."""
    lines = await screen_showing(pilot, *texts)
    assert live_segments(lines) == [], "a link, an action or a control character reached the screen"
    return lines


async def test_history_reading_deleting_and_editing_show_the_text_literally(make_app, nasty_journal):
    everything = nasty_journal.add(Entry(TODAY, body="placeholder"))  # newest: the first row
    store_raw(nasty_journal, everything, "\n".join(NASTY))
    app = make_app(j=nasty_journal)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f3")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(EntryTable)
        assert table.row_count == 1 + len(NASTY)
        lines = await harmless_screen_showing(pilot, *map(shown, NASTY))
        for row, text in enumerate(NASTY, start=1):
            day, what, who, *_ = table.get_row_at(row)
            assert what.plain == shown(text) and who.plain == one_line(text, 24)
            assert_literal(what, shown(text))
            assert_literal(who, one_line(text, 24))
            assert_one_style(line_showing(lines, shown(text)), shown(text))
            assert_one_style(line_showing(lines, shown(text)[:WHO_COLUMN]), shown(text)[:WHO_COLUMN])

        for row, text in enumerate(NASTY, start=1):
            table.move_cursor(row=row, animate=False)
            await pilot.press("enter")  # read it
            assert isinstance(app.screen, EntryScreen)
            content = app.screen.query_one("#entry-text").visual
            assert content.plain.count(shown(text)) == 5  # prompt, answer, free writing, "With", "Small step"
            assert_literal(content, shown(text))
            lines = await harmless_screen_showing(pilot, shown(text))
            assert_one_style(line_showing(lines, shown(text)), shown(text))
            if text.startswith(ESCAPE):
                svg = app.export_screenshot()
                assert "2;title" not in svg and "escape" in svg
            await pilot.press("d")  # delete from the reading screen: the question quotes the first line
            assert isinstance(app.screen, ConfirmScreen)
            question = app.screen.query_one("#confirm-question").visual
            assert_literal(question, shown(text))
            lines = await harmless_screen_showing(pilot, "Move this entry to the trash?", shown(text))
            assert_one_style(line_showing(lines, shown(text)), shown(text))
            await pilot.press("n")  # keep it
            assert app.screen is history

        table.move_cursor(row=0, animate=False)
        await pilot.press("e")  # the entry holding every string, in the edit form
        assert isinstance(app.screen, EditEntryScreen)
        prompt = app.screen.query_one("#prompt-text").visual  # the answer's prompt, as it was shown
        assert app.screen.query_one("#editor").text == shown("\n".join(NASTY))  # the answer
        assert app.screen.query_one("#who").value == one_line(" ".join(NASTY))
        await harmless_screen_showing(pilot, *map(shown, NASTY))  # in the editor
        for text in NASTY:
            assert_literal(prompt, shown(text))
        await pilot.press("escape")  # shown cleaned, so it differs from what was stored: leaving asks
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert app.screen is history
        assert app.is_running and nasty_journal.count() == 1 + len(NASTY)


async def test_the_trash_reviews_and_the_weekly_review_show_the_text_literally(make_app, nasty_journal):
    for entry in nasty_journal.entries():
        nasty_journal.delete(entry.id)
    app = make_app(j=nasty_journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "t")
        assert isinstance(app.screen, TrashScreen)
        table = app.screen.query_one(EntryTable)
        lines = await harmless_screen_showing(pilot, *map(shown, NASTY))
        cells = [table.get_row_at(row)[1] for row in range(table.row_count)]
        assert sorted(cell.plain for cell in cells) == sorted(map(shown, NASTY))
        for cell in cells:
            assert_literal(cell, cell.plain)
            assert_one_style(line_showing(lines, cell.plain), cell.plain)
        await pilot.press("r")  # restore one, to see it again in the review below
        await pilot.press("escape", "w")
        assert isinstance(app.screen, ReviewsScreen)
        table = app.screen.query_one("#reviews-table")
        lines = await harmless_screen_showing(pilot, *(shown(text)[:STEP_COLUMN] for text in NASTY))
        for row, text in enumerate(reversed(NASTY)):  # newest week first
            step = table.get_row_at(row)[2]
            assert step.plain == shown(text)
            assert_literal(step, shown(text))
            visible = shown(text)[:STEP_COLUMN]
            assert_one_style(line_showing(lines, visible), visible)
        await pilot.press("f5")  # W46: the step chosen in W45, and the entries of the week
        assert isinstance(app.screen, ReviewScreen) and app.screen.sub_title == "9–15 Nov 2026"
        await until(pilot, lambda: app.screen.review is not None, what="the review to load")
        summary = app.screen.query_one("#review-summary-text").visual
        lines = await harmless_screen_showing(pilot, "The step you chose last week")
        assert summary.plain.startswith("The step you chose last week: " + shown(NASTY[-1]))
        [restored] = nasty_journal.entries()
        assert app.screen.review.this.entries == 1
        assert_literal(summary, shown(NASTY[-1]))
        assert_one_style(line_showing(lines, shown(NASTY[-1])), shown(NASTY[-1]))
        [line] = app.screen.query(EntryLine)  # the week's one entry, under its day
        assert_literal(line.visual, one_line(restored.body, 40)[:10])


async def test_markup_typed_on_today_is_saved_and_shown_as_typed(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for text in NASTY[:4]:  # the escape can't be typed as keys; see the pasting test below
            await type_text(pilot, text)
            await pilot.press("tab")
            await type_text(pilot, text)
            await harmless_screen_showing(pilot, text)  # in the editor
            assert app.screen.query_one("#who").value == text
            await pilot.press("shift+tab", "ctrl+s")
            assert app.screen.query_one("#editor").text == ""
            await harmless_screen_showing(pilot, "Saved")  # with the notification on screen
            app.clear_notifications()  # so the next one can't hide what is typed next
        assert app.is_running
        assert sorted(e.answers[0].text for e in journal.entries()) == sorted(NASTY[:4])  # each the first answer
        assert sorted(e.checkin.who for e in journal.entries()) == sorted(NASTY[:4])


async def test_a_file_name_with_markup_is_quoted_literally_in_the_export_notification(make_app, journal, tmp_path):
    journal.add(Entry(TODAY, body="something to export"))
    target = tmp_path / "[@click=app.quit]y [bold]x.md"  # a file name can hold no "/", so no closing tag
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("ctrl+o")
        app.screen.query_one("#export-path").value = str(target)
        await pilot.click("#export-go")
        assert target.exists()
        await harmless_screen_showing(pilot, "Exported")
        [toast] = app.screen.query(Toast)
        assert_literal(toast.render(), str(target))


async def test_markup_in_the_search_box_is_shown_as_typed_and_crashes_nothing(make_app, journal):
    journal.add(Entry(TODAY, body="I felt [/bold] small"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "slash")
        screen = app.screen
        search = screen.query_one("#search")
        table = screen.query_one(EntryTable)
        for query in (*NASTY[:4], '"', "NEAR(", "small"):
            search.focus()
            search.value = query
            await pilot.press("enter")  # search now rather than after the typing pause
            await until(pilot, lambda q=query: screen._filters.search == q.strip(), what=f"a search for {query!r}")
            assert search.value == query
            await harmless_screen_showing(pilot, query)
        assert app.is_running and table.row_count == 1


async def test_an_escape_sequence_pasted_on_today_never_reaches_the_terminal(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(events.Paste(NASTY[-1]))
        await pilot.press("tab")
        app.post_message(events.Paste(NASTY[-1]))
        await pilot.pause()
        lines = await screen_showing(pilot, "after the escape")
        assert live_segments(lines) == []
