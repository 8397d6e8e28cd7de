"""A new journal's welcome (once), Settings kept across restarts, Help that opens on support, the
palette's new commands, the demo marked on every screen, and Today's review note in its own line."""

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Select, SelectionList

from closeness_journal.core.entries import Entry
from closeness_journal.core.settings import DEEPER_THEMES, MENTION_REVIEW, THEME, WELCOME_SHOWN
from closeness_journal.ui.app import JournalApp
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.widgets.keys_footer import KeysFooter

TODAY = date(2026, 11, 18)
DATA_DIR = Path("/home/someone/.local/share/closeness-journal")


def app_for(journal, library, **options) -> JournalApp:
    return JournalApp(journal, library, today=lambda: TODAY, **options)


def header(app) -> str:
    return str(app.screen.query_one("HeaderTitle").render())


# ---------------------------------------------------------------------- the welcome


async def test_a_new_journal_shows_the_welcome_once_and_it_ends_on_today(journal, library):
    app = app_for(journal, library, welcome=True, data_dir=DATA_DIR)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.id == "welcome-screen"
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        for words in ("not therapy", "can be skipped", "Distance can be the right choice", str(DATA_DIR),
                      "support", "F9"):
            assert words in text, words
        begin = app.screen.query_one("#welcome-begin")
        assert begin.region.bottom <= 23  # all of it fits at 80x24, above the footer
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.title == "Today"
    assert journal.setting(WELCOME_SHOWN) is True

    app = app_for(journal, library, welcome=True, data_dir=DATA_DIR)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.title == "Today"


async def test_a_journal_already_written_in_is_not_welcomed(journal, library):
    journal.add(Entry(TODAY, body="written from the command line first"))
    app = app_for(journal, library, welcome=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.title == "Today"


@pytest.mark.parametrize("keys", [["f3", "f2"], ["f1", "f7", "f2"], ["f1", "f4", "f2"], ["f2"]], ids=" ".join)
async def test_leaving_the_welcome_by_a_views_key_counts_as_having_read_it(journal, library, keys):
    """F2-F8 work on the welcome (it names F9 and F1, so keys can't be dead there): going to a
    view closes it (and Help over it) as Enter would; Today doesn't show it again."""
    app = app_for(journal, library, welcome=True, data_dir=DATA_DIR)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.id == "welcome-screen"
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert app.screen.title == "Today" and len(app.screen_stack) == 1
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.title == "History"
    assert journal.setting(WELCOME_SHOWN) is True


@pytest.mark.parametrize("key, title", [("f3", "History"), ("f7", "Exercises"), ("f8", "Your ladder")])
async def test_help_left_for_another_view_is_closed_but_what_it_was_over_stays(journal, library, key, title):
    """The views' keys Help lists work from it (F2-F5, F8; F6 and F7 are priority keys)."""
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1", key)
        await pilot.pause()
        assert app.screen.title.startswith(title)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.title == "Today" and len(app.screen_stack) == 1
        await pilot.press("f1", "f2")  # F2 from Help over Today: back to it
        await pilot.pause()
        assert app.screen.title == "Today" and len(app.screen_stack) == 1
        await pilot.press("f6", "f1", "f7", "f2")  # Settings stay open on Today, as before: only Help closes
        await pilot.pause()
        assert app.screen.id == "settings-screen"


async def test_the_welcome_can_be_read_again_from_help(journal, library):
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1", "w")
        await pilot.pause()
        assert app.screen.id == "welcome-screen"
        await pilot.press("escape")  # back to Help, where it was opened from
        await pilot.pause()
        assert app.screen.query_one("#help-support")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.title == "Today"


# ---------------------------------------------------------------------- settings


async def test_the_look_is_kept_across_restarts_from_settings_or_the_palette(journal, library):
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.id == "settings-screen"
        app.screen.query_one("#settings-theme", Select).value = "textual-light"
        await pilot.pause()
        assert app.theme == "textual-light"
    assert journal.setting(THEME) == "textual-light"

    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        app.theme = "nord"  # what "Change theme" in ctrl+p does
        await pilot.pause()
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_a_look_this_version_doesnt_have_is_left_alone(journal, library):
    journal.set_setting(THEME, "from-a-newer-version")
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_the_deeper_questions_chosen_are_the_ones_today_asks_after_a_restart(journal, library):
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        themes = app.screen.query_one("#settings-themes", SelectionList)
        assert set(themes.selected) == set(library.deeper_themes())  # all on, as before
        await pilot.press("tab", "space")  # the first theme off, with the keyboard
        await pilot.pause()
        assert journal.setting(DEEPER_THEMES) == library.deeper_themes()[1:]
        themes.deselect_all()
        themes.select("self-compassion")
        await pilot.pause()
    assert journal.setting(DEEPER_THEMES) == ["self-compassion"]
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.sitting.daily.deeper.theme == "self-compassion"


async def test_today_can_be_asked_not_to_mention_the_weekly_review(journal, library):
    journal.add(Entry(date(2026, 11, 10), body="last Tuesday"))  # last week has something to look back on
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one("#settings-review", Checkbox).value = False
        await pilot.pause()
    assert journal.setting(MENTION_REVIEW) is False
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert list(app.screen.query("#review-offer")) == []


async def test_the_review_note_is_a_line_of_its_own_that_covers_nothing(journal, library):
    journal.add(Entry(date(2026, 11, 10), body="last Tuesday"))
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#review-offer")
        assert "press F5" in str(note.render())
        assert not any("Last week" in n.message for n in app._notifications)
        for widget in (app.screen.query_one("#prompt"), app.screen.query_one("#editor"),
                       app.screen.query_one("#checkin-slot")):
            assert not note.region.overlaps(widget.region)


# ---------------------------------------------------------------------- support, palette, footer


async def test_help_opens_on_support_before_the_keys(journal, library):
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        first = app.screen.query_one("#help-box").children[0]
        assert first.id == "help-support" and first.source.startswith("## If you need support now")
        assert first.region.y < 5
        assert app.screen.query_one("#help-text").region.y > first.region.y


async def test_the_palette_offers_pause_support_settings_and_the_welcome(journal, library):
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Pause", "Support", "Settings", "Welcome"):
            assert title in titles
        support = next(c for c in app.get_system_commands(app.screen) if c.title == "Support")
        support.callback()
        await pilot.pause()
        assert app.screen.query_one("#help-support")


def footer_line(app) -> str:
    """The footer at the bottom of the window as drawn: the top screen's, whichever screen holds it."""
    footers = [f for f in app.screen.query(KeysFooter)] or list(app.screen_stack[-2].query(KeysFooter))
    return "".join(segment.text for segment in footers[0].render_line(0))


@pytest.mark.parametrize("welcome", [True, False], ids=["over the welcome", "over Today"])
async def test_help_shows_its_own_keys_not_those_of_the_screen_under_it(journal, library, welcome):
    app = app_for(journal, library, welcome=welcome)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.id == "help-screen"
        line = footer_line(app)
        assert line.startswith("esc Close w Welcome ^q Quit f9 Pause f2 Today f3 History ") and line.endswith(
            "▏^p palette"), line
        for key in ("Begin", "Save entry", "^r Swap"):  # they do nothing over Help
            assert key not in line, line
        assert app.screen.query_one(KeysFooter).region.bottom == 24
        await pilot.press("w")  # the welcome: over the welcome, back to it (not a second one)
        await pilot.pause()
        assert app.screen.id == "welcome-screen"
        assert [s.id for s in app.screen_stack].count("welcome-screen") == 1


@pytest.mark.parametrize("keys, starts", [
    (["ctrl+o"], "esc Cancel ^q Quit f9 Pause "),  # the export, over Today
    (["f8", "a"], "esc Cancel ^s Save ^q Quit f9 Pause "),  # a step for the ladder
    (["f3", "d"], "esc Cancel f9 Pause "),  # a question (moving an entry to the trash)
], ids=["export", "ladder step", "question"])
async def test_a_dialog_shows_its_own_keys_not_those_of_the_screen_under_it(journal, library, keys, starts):
    journal.add(Entry(TODAY, body="something to delete"))
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert app.screen.is_modal
        line = footer_line(app)
        assert line.startswith(starts) and line.endswith("▏^p palette"), line


async def test_the_keys_help_shows_work_over_it(journal, library):
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1", "ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press("escape", "f9")
        await pilot.pause()
        assert app.screen.id == "pause-screen"


async def test_the_palette_key_sits_flush_right_so_no_stray_letter_shows(journal, library):
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        assert footer.region.right == 80 and footer.key_spans()["ctrl+p"][1] == 80
        line = "".join(segment.text for segment in footer.render_line(0))
        assert len(line) == 80 and line.endswith("▏^p palette")


# ---------------------------------------------------------------------- the demo


@pytest.mark.parametrize("key", ["f2", "f3", "f4", "f5", "f9"])
async def test_the_demo_says_so_on_every_screen(journal, library, key):
    app = app_for(journal, library, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert header(app).startswith(" DEMO ")
    app = app_for(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert "DEMO" not in header(app)


async def test_quitting_the_demo_with_typing_warns_that_it_is_not_kept(journal, library):
    app = app_for(journal, library, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"something I typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "not kept" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.title == "Today" and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == 0


async def test_quitting_the_demo_without_typing_just_quits(journal, library):
    app = app_for(journal, library, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_the_daily_backup_runs_once_after_the_first_frame_and_before_any_key(journal, library):
    """The first frame never waits for the backup: it starts once Today is drawn, once, on a thread
    of its own, and is done before the first key is handled (the key waits for it, if it must);
    a backup that fails is said in the window, not printed over it."""
    import threading

    from closeness_journal.ui.app import JournalApp
    from closeness_journal.ui.screens.today import TodayScreen

    calls: list[tuple[bool, bool]] = []
    go_on = threading.Event()
    typed: list[str] = []

    def backup() -> str | None:
        calls.append((isinstance(app.screen, TodayScreen) and app.screen.is_mounted,
                      threading.current_thread() is threading.main_thread()))
        go_on.wait(10)  # a slow backup: the window goes on meanwhile
        typed.append(app.screen.query_one("#editor").text)  # nothing typed was handled before it ended
        return "today's automatic backup could not be made: the disk is full"

    app = JournalApp(journal, library, after_first_frame=backup)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):  # it starts just after the frame after the first (once that one is drawn)
            await pilot.pause(0.01)
            if calls:
                break
        assert calls == [(True, False)]  # started after the first frame, not on the window's thread
        threading.Timer(0.2, go_on.set).start()  # the backup ends while the key waits for it
        await pilot.press("x")
        await pilot.pause()
        assert calls == [(True, False)] and typed == [""]
        assert app.screen.query_one("#editor").text == "x"
        assert any("could not be made" in str(n.message) for n in app._notifications)


async def test_the_demo_doesnt_say_its_settings_are_kept(journal, library):
    """The demo's journal goes when it closes: a look chosen there isn't there next time."""
    app = app_for(journal, library, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        close = str(app.screen.query_one("#settings-close").render())
        assert app.screen.sub_title == "the demo's, gone when you quit" and "until you quit" in close
        assert "kept" not in header(app) + close
