"""Going back to a screen already built: Textual holds the screen back for 50 ms at every switch,
to hide the change; when nothing was written since you left that screen, it draws just as it was,
so there is nothing to hide and no hold (a write meanwhile keeps the hold: the screen reloads).

Any other switch is held until the screen is ready (built, and its resume handled), not for a set
time: the tests stop every timer that could end a hold, and the hold must end all the same."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from ui_helpers import until

from closeness_journal.core.entries import Entry

TODAY = date(2026, 11, 18)  # the make_app fixture's day


async def _settled(pilot) -> None:
    await until(pilot, lambda: not pilot.app._batch_count, what="the switch's hold to end")
    await pilot.pause()


async def _history_then_today(pilot) -> None:
    """Open History, then go back to Today (both settled)."""
    await _settled(pilot)
    pilot.app.action_show_history()
    await _settled(pilot)
    pilot.app.action_show_today()
    await _settled(pilot)


async def test_back_to_an_unchanged_screen_is_not_held(make_app, journal):
    journal.add(Entry(TODAY - timedelta(days=1), body="a walk by the river"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot)
        app.action_show_history()
        assert app._batch_count  # the first open is held while it is built
        await _settled(pilot)
        app.action_show_today()
        assert not app._batch_count  # Today was left with nothing written since
        await _settled(pilot)
        app.action_show_history()
        assert not app._batch_count and app.current_mode == "history"
        await _settled(pilot)
        assert "a walk by the river" in str(app.screen.query_one("DataTable").get_row_at(0))


async def test_back_to_today_when_the_journal_cant_be_read_keeps_its_title(make_app, journal, monkeypatch):
    from closeness_journal.store import JournalError

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot)
        title = app.screen.sub_title
        app.action_show_history()
        await _settled(pilot)
        app.journal.add(Entry(TODAY, body="a call with Sam"))

        def unreadable(*args, **kwargs):
            raise JournalError("the journal could not be read")

        monkeypatch.setattr(app.journal, "count", unreadable)
        app.action_show_today()
        await _settled(pilot)
        assert app.screen.id != "_default" and app.screen.sub_title == title and app.is_running


def _no_timed_holds(app, monkeypatch) -> list[str]:
    """Timers that would end a switch's hold never fire (Textual's 50 ms one, and the longest wait
    of ours): a hold then ends only because the screen became ready. The names of those stopped."""
    stopped: list[str] = []
    set_timer = app.set_timer

    def only_other_timers(delay, callback=None, *, name=None, **kwargs):
        if name in ("delay_update", "hold_until_ready"):
            stopped.append(name)
            callback = None
        return set_timer(delay, callback, name=name, **kwargs)

    monkeypatch.setattr(app, "set_timer", only_other_timers)
    return stopped


async def test_a_screen_opened_for_the_first_time_is_shown_once_built_not_after_a_set_time(
        make_app, journal, monkeypatch):
    journal.add(Entry(TODAY - timedelta(days=1), body="a walk by the river"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot)
        stopped = _no_timed_holds(app, monkeypatch)
        for show, mode in [(app.action_show_history, "history"), (app.action_show_patterns, "patterns")]:
            show()
            assert app._batch_count  # held while it is built
            await _settled(pilot)
            assert app.current_mode == mode and app.screen.is_mounted
        assert stopped  # the timed ends were there, and stopped
        assert "a walk by the river" in str(app.get_screen_stack("history")[-1].query_one("DataTable").get_row_at(0))


@pytest.mark.parametrize("timed", [True, False], ids=["as-ever", "timed-ends-stopped"])
async def test_back_after_a_write_is_held_until_reloaded_and_shows_the_write(make_app, journal, monkeypatch, timed):
    """The screen reloads: the change is hidden until it is drawn, and shown once reloaded (with the
    timers that could end the hold stopped, too: not after a set time)."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _history_then_today(pilot)
        stopped = [] if timed else _no_timed_holds(app, monkeypatch)
        app.journal.add(Entry(TODAY, body="a call with Sam"))
        app.action_show_history()
        assert app._batch_count and (timed or stopped)
        await _settled(pilot)
        assert "a call with Sam" in str(app.screen.query_one("DataTable").get_row_at(0))


async def test_back_after_typing_a_draft_elsewhere_is_not_held(make_app, journal):
    """A draft belongs to the screen that typed it: History, left before, draws as it was."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _history_then_today(pilot)
        app.journal.save_draft("today:elsewhere", {"text": "half a thought"})
        app.action_show_history()
        assert not app._batch_count and app.current_mode == "history"


async def test_a_held_switch_draws_its_first_frame_as_the_hold_ends(make_app, journal, monkeypatch):
    """Nothing was drawn while the screen was held: its frame is drawn at once when the hold ends,
    not at the next tick of Textual's frame timer (up to 17 ms later). The timer is stopped here."""
    from textual.timer import Timer

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot)
        frames: list[str] = []
        display = app._display

        def written(screen, update):  # what would reach the terminal (nothing while held)
            if not app._batch_count:
                frames.append(type(screen).__name__)
            return display(screen, update)

        monkeypatch.setattr(app, "_display", written)
        tick = Timer._tick

        async def no_frame_timer(self, **kwargs):
            if self.name != "screen_update":
                await tick(self, **kwargs)

        monkeypatch.setattr(Timer, "_tick", no_frame_timer)
        app.action_show_ladder()
        for _ in range(10_000):  # no pauses between: what ends the hold must draw the frame itself
            if not app._batch_count:
                break
            await asyncio.sleep(0)
        assert not app._batch_count and "LadderScreen" in frames
