"""The pause (F9): from every main screen, skippable at any moment, saved as a pause with the pull
before and after, and its draft kept like everything else. Time is a fake clock: nothing waits."""

from datetime import date

import pytest
from textual.widgets import Input, OptionList, RadioSet, TextArea

from closeness_journal.core.entries import Answer, Entry
from closeness_journal.store import Journal
from closeness_journal.ui import autosave
from closeness_journal.ui.app import JournalApp
from closeness_journal.ui.widgets.grounding import Grounding
from closeness_journal.ui.widgets.keys_footer import KeysFooter

TODAY = date(2026, 11, 18)


class Clock:
    """Seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def pause_app(journal, library, clock=None, **options) -> JournalApp:
    return JournalApp(journal, library, today=lambda: TODAY, clock=clock or Clock(), **options)


def pause_drafts(journal):
    return journal.drafts("pause")


async def write_a_pause(pilot):
    """Skip the breathing and fill the note in, as a person would with the keyboard."""
    await pilot.press("f9", "enter")
    await pilot.press(*"Sam hugged me and I froze", "ctrl+n")
    await pilot.press(*"that I'll let them down", "enter")
    await pilot.press("8", "enter")
    await pilot.press(*"say I need a minute", "enter")
    await pilot.press("3")


@pytest.mark.parametrize("key", ["f2", "f3", "f4", "f5"])
async def test_the_pause_opens_from_every_main_screen_and_escape_goes_back(journal, library, key):
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        before = app.screen
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.id == "pause-screen"
        assert "Pause" not in [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is before
        assert pause_drafts(journal) == []  # nothing typed, nothing kept


async def test_the_pause_key_shows_in_the_footer_of_today_at_80_columns(journal, library):
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        start, end = footer.key_spans()["f9"]
        assert end <= 80 - len(" ^p palette") and end > start
        line = "".join(segment.text for segment in footer.render_line(0))
        assert line[start:end] == "f9 Pause"


async def test_the_breathing_follows_the_clock_then_the_note_comes_by_itself(journal, library):
    clock = Clock()
    app = pause_app(journal, library, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        words = app.screen.query_one("#breath-words")
        assert str(words.render()).startswith("breathe in")
        clock.now += 5
        await pilot.pause(0.25)
        assert str(words.render()).startswith("breathe out")
        clock.now += 40
        await pilot.pause(0.25)
        assert "three things you can see" in str(app.screen.query_one("#noticing").render())
        clock.now += 20
        await pilot.pause(0.25)
        assert not app.screen.grounding and app.focused is app.screen.query_one("#happened", TextArea)


async def test_enter_skips_the_breathing_at_any_moment_and_says_so(journal, library):
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert "Enter skips" in str(app.screen.query_one("#grounding-hint").render())
        assert "Skip to the note" in [b.binding.description for b in app.screen.active_bindings.values()]
        await pilot.press("enter")
        assert not app.screen.grounding
        assert app.screen.query_one(Grounding).display is False


async def test_a_pause_is_saved_with_the_pull_before_and_after(journal, library):
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await write_a_pause(pilot)
        screen = app.screen
        assert "The pull went from 8 to 3." in str(screen.query_one("#change").render())
        assert screen.query_one("#happened", TextArea).text == "Sam hugged me and I froze"  # still on screen
        assert screen.query_one("#happened").region.height > 0
        await pilot.press("enter")  # on to "did you act on it?"
        assert isinstance(app.focused.parent, RadioSet) or isinstance(app.focused, RadioSet)
        await pilot.press("right", "right", "enter")  # the third: no, I stayed with it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.id != "pause-screen"
        assert any("The pull went from 8 to 3." in n.message for n in app._notifications)
    [saved] = journal.entries()
    assert saved.kind == "pause"
    assert (saved.checkin.urge, saved.checkin.urge_after, saved.checkin.acted) == (8, 3, "no")
    assert [a.text for a in saved.answers] == [
        "Sam hugged me and I froze", "that I'll let them down", "say I need a minute",
    ]
    assert pause_drafts(journal) == []


async def test_a_pull_outside_0_to_10_is_asked_again_kindly(journal, library):
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "enter", "ctrl+n", "ctrl+n", "1", "2", "enter")
        await pilot.pause()
        assert app.screen.step == "urge" and app.focused.id == "urge"
        assert any("0 to 10" in n.message for n in app._notifications)


async def test_your_earlier_door_open_sentences_are_offered_and_enter_uses_one(journal, library):
    journal.add(Entry(TODAY, answers=(Answer("in-the-moment-04", "q", "I'm here, I just need a breath"),)))
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "enter", "ctrl+n", "ctrl+n", "ctrl+n")
        options = app.screen.query_one("#suggestions", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown[0].startswith("Your own words") and "I'm here, I just need a breath" in shown[1]
        await pilot.press("tab", "enter")
        assert app.screen.query_one("#instead", Input).value == "I'm here, I just need a breath"
        assert app.focused.id == "instead"


async def test_the_draft_is_in_the_journal_after_typing_before_saving(tmp_path, library, monkeypatch):
    monkeypatch.setattr(autosave, "QUIET_SECONDS", 0.2)
    path = tmp_path / "j" / "journal.db"
    journal = Journal.open(path)
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "enter", *"my hands went cold", "ctrl+n", *"being too much")
        await pilot.pause(0.6)
        other = Journal.open(path)  # what a killed window leaves on disk
        try:
            [(key, data)] = other.drafts("pause")
        finally:
            other.close()
        assert key == app.screen.draft_key
        assert data["notes"]["happened"] == "my hands went cold" and data["notes"]["fear"] == "being too much"
        assert data["step"] == "fear"
        assert journal.count() == 0
    journal.close()


async def test_a_pause_left_half_way_comes_back_the_next_time_it_opens(journal, library):
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "enter", *"they said they loved me", "ctrl+n", "ctrl+n", "6")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id != "pause-screen"
        assert any("kept" in n.message.lower() for n in app._notifications)
    assert journal.count() == 0 and len(pause_drafts(journal)) == 1

    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert "Your note from last time is back" in str(app.screen.query_one("#grounding-hint").render())
        assert not any("back" in n.message for n in app._notifications)  # said in place, not over it
        await pilot.press("enter")
        screen = app.screen
        assert screen.query_one("#happened", TextArea).text == "they said they loved me"
        assert screen.query_one("#urge", Input).value == "6" and screen.step == "urge"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = journal.entries()
    assert saved.kind == "pause" and saved.checkin.urge == 6
    assert pause_drafts(journal) == []


async def test_an_unfinished_pause_open_in_another_window_is_left_alone(journal, library):
    import os
    import socket

    other_window = os.getppid()  # a process that is running
    journal.save_draft("pause:other", {"notes": {"happened": "theirs"}, "pid": other_window,
                                       "host": socket.gethostname()})
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "enter")
        assert app.screen.query_one("#happened", TextArea).text == ""
        await pilot.press(*"mine")
        app.screen.autosave.flush()
    assert journal.draft("pause:other")["notes"]["happened"] == "theirs"
    assert len(pause_drafts(journal)) == 2


async def test_quitting_mid_pause_keeps_the_draft(journal, library):
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "enter", *"about to close the terminal")
        app.handle_hangup()
    [(_, data)] = pause_drafts(journal)
    assert data["notes"]["happened"] == "about to close the terminal"


async def test_the_window_can_open_straight_on_a_pause(journal, library):
    app = pause_app(journal, library, pause=True, welcome=True)  # a hard moment comes before the welcome
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.id == "pause-screen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.title == "Today"
    assert journal.setting("welcome-shown") is None


async def test_an_unfinished_pause_another_window_took_over_first_is_not_restored_twice(journal, library, monkeypatch):
    """Two windows opening a pause at the same moment both find what a closed window left: the
    second to take it over restores nothing (each had restored it, doubling its notes)."""
    import os
    import socket
    import subprocess
    import sys

    from closeness_journal.ui.screens import pause as pause_screen

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    journal.save_draft("pause:left", {"notes": {"happened": "half a note"}, "pid": ended.pid,
                                      "host": socket.gethostname()})
    found_too = pause_screen.left_behind

    def the_other_window_is_quicker(saved, here, alive):
        found = found_too(saved, here, alive)
        if journal.draft("pause:left") is not None:
            journal.adopt_drafts(["pause:left"], "pause:other", {"notes": {"happened": "half a note"},
                                                                 "pid": os.getppid(), "host": socket.gethostname()})
        return found

    monkeypatch.setattr(pause_screen, "left_behind", the_other_window_is_quicker)
    app = pause_app(journal, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "enter")
        assert app.screen.query_one("#happened", TextArea).text == ""
    assert [key for key, _ in pause_drafts(journal)] == ["pause:other"]


async def test_a_pause_saved_is_counted_in_todays_title(journal, library):
    journal.add(Entry(TODAY, body="a morning entry"))
    app = pause_app(journal, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "1 saved today" in app.screen.sub_title
        await pilot.press("f9", "enter", *"a pause note", "ctrl+s")
        await pilot.pause()
        assert app.screen.title == "Today" and journal.count() == 2
        assert "2 saved today" in app.screen.sub_title
