"""The Ladder screen (F8): rungs added in the window, tried from Today's check-in, seen on the
ladder; edited and retired; the weekly review choosing a rung; and snapshots."""

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import Input, Select, TextArea
from ui_helpers import assert_literal, screen_showing, type_text, until

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import Rung
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.ui.app import JournalApp
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.screens.ladder import LadderScreen
from closeness_journal.ui.screens.review import ReviewScreen
from closeness_journal.ui.screens.rung_dialog import RungDialog
from closeness_journal.ui.screens.today import TodayScreen
from closeness_journal.ui.widgets.checkin_form import CheckInForm

TODAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 0, tzinfo=UTC)


def text_of(screen, selector) -> str:
    return str(screen.query_one(selector).render())


async def add_rung(pilot, words: str, hard: str, who: str = "") -> None:
    await pilot.press("a")
    await until(pilot, lambda: isinstance(pilot.app.screen, RungDialog), what="the rung dialog")
    await type_text(pilot, words)
    await pilot.press("tab")
    await type_text(pilot, hard)
    await pilot.press("tab")
    await type_text(pilot, who)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, LadderScreen), what="back on the ladder")


async def test_add_two_rungs_try_one_from_today_and_see_it_on_the_ladder(make_app, journal):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        assert "Your ladder has no steps yet" in text_of(app.screen, "#ladder-empty")
        await add_rung(pilot, "Ask Sam for a hug when I want one", "60", "Sam")
        await add_rung(pilot, "Ring Ana instead of texting", "25")
        ladder = app.screen
        assert [step.rung.text for step in ladder.ladder] == ["Ring Ana instead of texting",
                                                             "Ask Sam for a hug when I want one"]
        assert "Next to try: Ring Ana instead of texting" in text_of(ladder, "#ladder-next")

        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen) and app.screen.query(CheckInForm))
        form = app.screen.query_one(CheckInForm)
        choice = form.query_one("#rung", Select)
        assert choice.display
        choice.focus()
        await pilot.press("enter", "down", "enter")  # the first rung, easiest first
        await until(pilot, lambda: isinstance(choice.value, str), what="a rung chosen")
        ring = journal.rungs()[1]
        assert choice.value == ring.id and form.query_one("#small_step", Input).value == ring.text
        choice.clear()  # no rung after all: its words go too
        await pilot.pause()
        assert form.query_one("#small_step", Input).value == ""
        choice.value = ring.id
        await pilot.pause()
        assert form.query_one("#small_step", Input).value == ring.text
        form.query_one("#predicted", Input).focus()
        await type_text(pilot, "7")
        form.query_one("#outcome", Input).focus()
        await type_text(pilot, "3")
        await pilot.press("ctrl+s")
        [entry] = journal.entries()
        assert (entry.checkin.rung, entry.checkin.small_step, entry.checkin.predicted) == (ring.id, ring.text, 7)
        assert not isinstance(form.query_one("#rung", Select).value, str)  # cleared for the next sitting

        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        await screen_showing(pilot, "tried once", "easier than you expected (on average expected 7, really 3 of 10)")
        assert ladder.highlighted().rung.id == ring.id
        attempts = text_of(ladder, "#ladder-attempts")
        assert "Each time you tried Ring Ana instead of texting" in attempts
        assert f"{entry.local_date:%a}" in attempts and "expected 7, really 3 (of 10)" in attempts
        # Ana's rung really felt 3 of 10: taken comfortably, so the next one up is suggested.
        assert "Next to try: Ask Sam for a hug when I want one" in text_of(ladder, "#ladder-next")
        assert "Across 1 try you expected" in text_of(ladder, "#forecast-sentence")
        assert ladder.query_one("#forecast-chart").display


async def test_the_ladder_has_its_own_key_and_a_palette_entry(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Ladder"]
        assert "F8" in command.help
        command.callback()
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))


async def test_a_rung_is_edited_and_retired_from_the_ladder_and_kept(make_app, journal):
    ring = journal.add_rung(Rung("Ring Ana", 25), now=NOW)
    hug = journal.add_rung(Rung("Ask for a hug", 60), now=NOW)
    journal.add(Entry(TODAY, checkin=CheckIn(small_step="Rang Ana", rung=ring.id, predicted=6, outcome=4)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        ladder = app.screen
        assert ladder.highlighted().rung == ring  # the suggested rung: felt 4 of 10 the last time
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, RungDialog))
        hard = app.screen.query_one("#rung-hard", Input)
        hard.focus()
        hard.value = ""
        await type_text(pilot, "90")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        assert journal.rung(ring.id).hard == 90
        assert [step.rung.id for step in ladder.ladder] == [hug.id, ring.id]  # now the harder one
        assert ladder.highlighted().rung.id == ring.id
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        assert [step.rung.id for step in ladder.ladder] == [hug.id]
        assert journal.rung(ring.id).retired and journal.ladder(retired=True)[1].tried == 1  # kept


async def test_the_rung_dialog_says_what_is_missing_and_saves_nothing(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        assert not app.screen.check_action("edit", ()) and not app.screen.check_action("retire", ())
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RungDialog))
        dialog = app.screen
        await type_text(pilot, "Ring Ana")
        await pilot.press("ctrl+s")
        assert "how hard it feels now" in text_of(dialog, "#rung-note")
        dialog.query_one("#rung-hard", Input).value = "100"
        dialog.query_one("#rung-text", Input).value = "   "
        await pilot.press("ctrl+s")
        assert "A rung needs a few words" in text_of(dialog, "#rung-note")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
    assert journal.rungs() == []


async def test_editing_an_entry_keeps_its_retired_rung_and_the_form_shows_it(make_app, journal):
    from closeness_journal.ui.screens.edit_entry import EditEntryScreen

    ring = journal.add_rung(Rung("Ring Ana", 25), now=NOW)
    entry = journal.add(Entry(TODAY, body="rang", checkin=CheckIn(small_step="Rang Ana", rung=ring.id)))
    journal.retire_rung(ring.id)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(EditEntryScreen(journal, entry))
        await pilot.pause()
        form = app.screen.query_one(CheckInForm)
        assert form.query_one("#rung", Select).value == ring.id
        assert form.values().checkin.rung == ring.id


async def test_the_weekly_review_offers_the_suggested_rung_and_next_week_follows_it_up(make_app, journal):
    ring = journal.add_rung(Rung("Ring Ana instead of texting", 25), now=NOW)
    journal.add(Entry(date(2026, 11, 10), body="a week"))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.query("#next-rung"))
        screen = app.screen
        assert "Your ladder suggests: Ring Ana instead of texting" in text_of(screen, ".review-rung-hint")
        screen.query_one("#next-rung", Select).value = ring.id
        await pilot.pause()
        area = screen.query_one(f"#{screen._next_step_area}", TextArea)
        assert area.text == ring.text
        await pilot.press("ctrl+s")
        saved = journal.review("2026-W46")
        assert (saved.next_rung, saved.next_step) == (ring.id, ring.text)
        await pilot.press("ctrl+n", "ctrl+b")  # away and back: the saved choice is there
        await until(pilot, lambda: isinstance(screen.next_rung(), str), what="the saved rung")
        assert screen.next_rung() == ring.id
    # The week after: tried once; that week's review says how it went.
    journal.add(Entry(date(2026, 11, 17), checkin=CheckIn(small_step=ring.text, rung=ring.id, predicted=6, outcome=2)))
    app = make_app(today=date(2026, 11, 25))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.review is not None)
        follow_up = "You tried 'Ring Ana instead of texting' once this week: Tue expected 6, really 2 (of 10)."
        assert follow_up in text_of(app.screen, "#review-summary-text")


NASTY = ["[bold]x[/]", "I felt [/bold] small", "[@click=app.quit]y[/]", '[link="https://example.com"]here[/link]']


async def test_a_rungs_words_are_shown_as_typed_never_as_markup(make_app, journal):
    for n, text in enumerate(NASTY):
        rung = journal.add_rung(Rung(f"step {n}", 10 + n, text), now=NOW + timedelta(seconds=n))
        journal.db.execute("UPDATE rungs SET text = ? WHERE uuid = ?", [text + "\x1b]2;title\x1b\\", rung.id])
    journal.db.conn.commit()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen) and app.screen.ladder)
        lines = await screen_showing(pilot, *NASTY)
        for line in lines:
            for segment in line:
                assert "\x1b" not in segment.text and not (segment.style and segment.style.link)
                assert not (segment.style and "@click" in segment.style.meta)
        options = app.screen.query_one("#ladder-rungs")
        for index in range(options.option_count):
            prompt = options.get_option_at_index(index).prompt
            assert_literal(prompt, prompt.plain.splitlines()[0][5:].split(" · with ")[0])
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen) and app.screen.query(CheckInForm))
        choice = app.screen.query_one("#rung", Select)
        choice.focus()
        await pilot.press("enter")
        await screen_showing(pilot, *NASTY)


async def test_a_long_rung_goes_on_under_its_rails_at_any_width(make_app, journal):
    """At 80 columns a line too long for the list wrapped to the left edge, without the rails."""
    journal.add_rung(Rung("Tell Sam, when he asks how my week was, one thing that was hard and one that was good",
                          40, "Sam"), now=NOW)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen) and app.screen.ladder)
        for width in (80, 60, 100):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            options = app.screen.query_one("#ladder-rungs")
            room = options.content_region.width - 2  # what a rung's line may take (less the scroll bar)
            lines = options.get_option_at_index(0).prompt.plain.splitlines()
            assert len(lines) > 2 and lines[0].startswith("╟──╢ Tell Sam"), (width, lines)
            assert all(line.startswith("║  ║ ") for line in lines[1:]), (width, lines)
            assert all(len(line) <= room for line in lines), (width, room, lines)
            assert " ".join(line[5:] for line in lines).startswith("Tell Sam, when he asks how my week was, one thing")


# ---------------------------------------------------------------- snapshots


def ladder_journal() -> Journal:
    """Five rungs, eight tries over seven weeks whose expected difficulty comes down."""
    journal = Journal.in_memory()
    steps = [
        ("Answer Sam's 'how are you' with more than 'fine'", 15, "Sam"),
        ("Ring Ana instead of texting", 25, "Ana"),
        ("Tell Sam one true thing about my day at dinner", 35, "Sam"),
        ("Ask Sam for a hug when I want one, instead of waiting", 60, "Sam"),
        ("Let Sam read something I've written", 85, "Sam"),
    ]
    rungs = [journal.add_rung(Rung(text, hard, who, id=f"{n + 1:08d}-0000-4000-8000-000000000000"),
                              now=NOW - timedelta(days=60 - n)) for n, (text, hard, who) in enumerate(steps)]
    for rung, ago, predicted, outcome in [(0, 50, 7, 4), (0, 40, 6, 3), (0, 20, 4, 2), (1, 45, 8, 5), (1, 30, 7, 3),
                                          (1, 10, 5, 4), (2, 25, 8, 6), (2, 5, 6, 5)]:
        journal.add(
            Entry(TODAY - timedelta(days=ago), body="tried it",
                  checkin=CheckIn(small_step=rungs[rung].text, rung=rungs[rung].id, predicted=predicted,
                                  outcome=outcome)),
            now=NOW - timedelta(days=ago),
        )
    return journal


def snapshot_app(journal: Journal) -> JournalApp:
    return JournalApp(journal, load_prompts().library, today=lambda: TODAY)


async def without_notifications(pilot) -> None:
    """Clear the offer of last week's review, so it doesn't cover the ladder."""
    await pilot.pause()
    pilot.app.clear_notifications()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_ladder_screen(snap_compare, size):
    app = snapshot_app(ladder_journal())
    assert snap_compare(app, terminal_size=size, run_before=without_notifications, press=["f8"])


def test_ladder_screen_scrolled_to_the_chart(snap_compare):
    app = snapshot_app(ladder_journal())
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications,
                        press=["f8", "pagedown", "pagedown"])


def test_an_empty_ladder(snap_compare):
    assert snap_compare(snapshot_app(Journal.in_memory()), terminal_size=(80, 24), press=["f8"])


def test_the_rung_dialog(snap_compare):
    app = snapshot_app(ladder_journal())
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications, press=["f8", "e"])


def test_todays_check_in_with_a_rung_chosen(snap_compare):
    """The rung beside the small step, in the check-in at 80 columns."""

    async def choose_a_rung(pilot):
        await without_notifications(pilot)
        await pilot.pause()  # the check-in is mounted after the first frame
        choice = pilot.app.screen.query_one("#rung", Select)
        choice.focus()
        await pilot.press("enter", "down", "down", "enter")

    app = snapshot_app(ladder_journal())
    assert snap_compare(app, terminal_size=(80, 24), run_before=choose_a_rung)
