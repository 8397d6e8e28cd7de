"""Writing on the Today screen: typing, the check-in, saving, prompts, drafts."""

from datetime import date

import ui_helpers
from textual import events

from closeness_journal.core.checkin import CheckIn, CheckInFields
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.ui import autosave
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.screens.today import TodayScreen
from closeness_journal.ui.widgets.checkin_form import CheckInForm

TODAY = date(2026, 11, 18)


def today_draft(journal):
    """The one Today draft in the journal, or None."""
    drafts = journal.drafts("today")
    assert len(drafts) <= 1, drafts
    return drafts[0][1] if drafts else None


async def test_the_editor_has_focus_so_typing_starts_at_once(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hello")
        assert app.screen.query_one("#editor").text == "hello"


async def test_typing_an_answer_and_a_full_check_in_then_saving_stores_every_field(make_app, journal):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press(*"We laughed, then I went quiet.")
        await pilot.press("tab", *"Sam")  # who
        await pilot.press("tab", "enter", "down", "enter")  # relationship: the first choice
        await pilot.press("tab", "space")  # a moment of closeness came just before
        await pilot.press("tab", *"6")  # the pull to get away
        await pilot.press("tab", "enter", "down", "down", "enter")  # acted on it: "partly"
        await pilot.press("tab", "down", "space")  # stayed close: the second way
        await pilot.press("tab", "space")  # pulling away: the first behaviour
        await pilot.press("tab", "down", "space")  # pushing away: the second behaviour
        await pilot.press("tab", "space", "down", "down", "space")  # fears: 1st and 3rd
        await pilot.press("tab", *"7")  # intensity
        await pilot.press("tab", "down", "space")  # kinds: the second
        await pilot.press("tab", *"Stayed for tea")  # small step
        await pilot.press("tab", *"8", "tab", *"2")  # predicted, outcome
        await pilot.press("tab", *"home, evening")  # tags
        await pilot.press("tab", "space")  # private
        await pilot.press("ctrl+s")
        await pilot.pause()
        [entry] = journal.entries()
        prompt = screen.sitting.daily.core[0]
        assert entry == Entry(
            id=entry.id,
            created_at=entry.created_at,
            updated_at=entry.updated_at,
            local_date=TODAY,
            answers=(Answer(prompt.id, prompt.text, "We laughed, then I went quiet."),),
            private=True,
            tags=("home", "evening"),
            checkin=CheckIn(
                who="Sam", relationship="partner", kinds=("emotional",), behaviours=("went-quiet", "ended-it"),
                fears=("rejection", "engulfment"), intensity=7, close_before=True, small_step="Stayed for tea",
                predicted=8, outcome=2, stayed=("stayed-in-the-conversation",), urge=6, acted="partly",
            ),
        )
        # the form is clear for the next entry, and the saved count shows
        assert screen.query_one("#editor").text == ""
        assert screen.query_one(CheckInForm).values().checkin.who == ""
        assert "1 saved today" in screen.sub_title
        assert today_draft(journal) is None


async def test_several_entries_a_day(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for text in ("first", "second"):
            await pilot.press(*text, "ctrl+s")
            await pilot.pause()
        assert sorted(e.words for e in journal.entries()) == ["first", "second"]
        assert "2 saved today" in app.screen.sub_title


async def fill_a_sitting(pilot, screen: TodayScreen) -> None:
    """Three prompts answered, a line of free writing, and the check-in filled once."""
    await pilot.press(*"We laughed", "ctrl+n", *"That I'd be too much", "ctrl+n", *"I stayed for tea")
    await pilot.press("ctrl+b", "ctrl+b", "ctrl+b", *"and it was fine")  # round to the free writing
    await pilot.pause()
    form = screen.query_one(CheckInForm)
    form.query_one("#who").focus()
    await pilot.press(*"Sam", "tab", "tab", "tab", *"7")  # who, then the pull to get away
    await pilot.press("tab", "enter", "down", "down", "down", "enter")  # acted on it: "no"
    await pilot.press("tab", "space", "down", "down", "down", "space")  # stayed close: 1st and 4th
    await pilot.pause()


async def test_a_whole_sitting_is_saved_as_one_entry(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen: TodayScreen = app.screen
        prompts = screen.sitting.daily.core
        await fill_a_sitting(pilot, screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [entry] = journal.entries()
        written = ("We laughed", "That I'd be too much", "I stayed for tea")
        assert entry.answers == tuple(Answer(p.id, p.text, text) for p, text in zip(prompts, written, strict=True))
        assert entry.body == "and it was fine"
        assert entry.checkin == CheckIn(who="Sam", urge=7, acted="no", stayed=("shared-a-feeling", "let-affection-in"))
        assert entry.stayed_close
        assert any(
            "Saved as one entry: 3 answers, your free writing and the check-in. That's 1 entry today." in n.message
            for n in app._notifications
        )
        # everything is clear for the next sitting, which is a new entry on the same day
        assert screen.query_one("#editor").text == "" and screen.sitting.answers == {}
        assert screen.query_one(CheckInForm).values() == CheckInFields()
        await pilot.press(*"a second sitting", "ctrl+s")
        await pilot.pause()
        assert journal.count() == 2 and "2 saved today" in screen.sub_title


async def test_the_draft_holds_the_whole_sitting(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen: TodayScreen = app.screen
        prompts = screen.sitting.daily.core
        await fill_a_sitting(pilot, screen)
        assert screen.autosave.flush()
        stored = today_draft(journal)  # the JSON as kept in the journal, as if the window were killed now
        assert stored["answers"] == {
            prompts[0].id: "We laughed", prompts[1].id: "That I'd be too much", prompts[2].id: "I stayed for tea",
            "free": "and it was fine",
        }
        assert stored["current"] == "free"
        assert stored["checkin"]["who"] == "Sam" and stored["checkin"]["urge"] == 7
        assert stored["checkin"]["acted"] == "no"
        assert stored["checkin"]["stayed"] == ["shared-a-feeling", "let-affection-in"]
    assert journal.count() == 0
    app = make_app()  # a new window takes the whole sitting back
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#editor").text == "and it was fine"
        assert screen.query_one(CheckInForm).values().checkin == CheckIn(
            who="Sam", urge=7, acted="no", stayed=("shared-a-feeling", "let-affection-in")
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = journal.entries()
    assert len(entry.answers) == 3 and entry.body == "and it was fine" and entry.checkin.acted == "no"


async def test_saving_nothing_says_so_kindly_and_stores_nothing(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.count() == 0
        assert any("nothing to save" in n.message for n in app._notifications)


async def test_moving_between_prompts_keeps_what_was_typed_for_each(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen: TodayScreen = app.screen
        editor = screen.query_one("#editor")
        await pilot.press(*"about pulling away", "ctrl+n", *"about fear", "ctrl+n")
        assert editor.text == ""
        await pilot.press("ctrl+b")
        assert editor.text == "about fear"
        await pilot.press("ctrl+b")
        assert editor.text == "about pulling away"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = journal.entries()  # both answers, one entry, in the order the prompts are shown
        first, second = screen.sitting.daily.core[:2]
        assert saved.answers == (
            Answer(first.id, first.text, "about pulling away"), Answer(second.id, second.text, "about fear")
        )
        assert editor.text == "" and screen.slot.key == first.id  # a fresh sitting, from the first prompt
        await pilot.press("ctrl+n")
        assert editor.text == ""  # nothing left behind


async def test_shuffle_swaps_the_deeper_prompt_and_is_remembered(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen: TodayScreen = app.screen
        before = screen.sitting.daily.deeper
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", *"words for the old one", "ctrl+r")
        after = screen.sitting.daily.deeper
        assert after.id != before.id and screen.slot.key == after.id
        assert before.id in [s.key for s in screen.sitting.slots]  # kept because it has words
    reopened = make_app()
    async with reopened.run_test(size=(80, 24)):
        assert reopened.screen.sitting.daily.deeper.id == after.id


async def test_a_draft_typed_then_closed_without_saving_comes_back(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"half a thought", "tab", *"Robin", "ctrl+n", *"more")
        await pilot.press("ctrl+q")
    assert journal.count() == 0
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.query_one("#editor").text == "more"
        assert screen.query_one(CheckInForm).values().checkin.who == "Robin"
        await pilot.press("ctrl+b")
        assert screen.query_one("#editor").text == "half a thought"
        assert any("back" in n.message for n in app._notifications)


async def test_drafts_save_themselves_shortly_after_typing_stops(make_app, journal, monkeypatch):
    monkeypatch.setattr(autosave, "QUIET_SECONDS", 0.3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"typed and left")
        await pilot.pause(0.8)
        assert today_draft(journal)["answers"] == {app.screen.slot.key: "typed and left"}


async def test_closing_the_terminal_saves_the_draft_first(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"the terminal is about to close")
        app.handle_hangup()  # what SIGHUP and SIGTERM call
        assert today_draft(journal)["answers"] == {app.screen.slot.key: "the terminal is about to close"}


def test_a_draft_waits_for_a_quiet_moment():
    timers = []

    class Owner:
        def set_timer(self, delay, callback, name=None):
            class Timer:
                stopped = False

                def stop(self):
                    self.stopped = True

            timer = Timer()
            timers.append((delay, callback, timer))
            return timer

    saves = []
    keeper = Autosave(Owner(), lambda: saves.append(1), quiet=2, longest=5, clock=lambda: 0.0)
    keeper.changed()
    keeper.changed()
    assert saves == [] and [t[0] for t in timers] == [2, 2]
    assert timers[0][2].stopped and not timers[1][2].stopped  # each change restarts the countdown
    timers[1][1]()  # the quiet timer fires
    assert saves == [1] and not keeper.pending


def test_continuous_typing_still_saves_every_few_seconds():
    class Owner:
        def set_timer(self, delay, callback, name=None):
            class Timer:
                def stop(self):
                    pass
            return Timer()

    now = [0.0]
    saves = []
    keeper = Autosave(Owner(), lambda: saves.append(now[0]), quiet=2, longest=5, clock=lambda: now[0])
    for _ in range(30):  # a key every half second for 15 seconds: the quiet timer never fires
        keeper.changed()
        now[0] += 0.5
    assert saves == [5.0, 10.5]
    assert keeper.pending


def _dead_pid() -> int:
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


async def test_a_draft_from_another_open_window_is_left_alone(make_app, journal):
    import socket
    import subprocess
    import sys

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        journal.save_draft("today:other", {"day": "2026-11-18", "answers": {"free": "theirs"}, "current": "free",
                                           "checkin": {}, "pid": other.pid, "host": socket.gethostname()})
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.screen.query_one("#editor").text == ""  # not pulled into this window
            await pilot.press(*"mine", "ctrl+s")
            await pilot.pause()
            await pilot.press(*"unsaved", "ctrl+q")
        keys = {key for key, _ in journal.drafts("today")}
        assert "today:other" in keys and len(keys) == 2
        assert journal.draft("today:other")["answers"] == {"free": "theirs"}
    finally:
        other.kill()
        other.wait()


async def test_drafts_left_by_closed_windows_are_gathered_and_kept(make_app, journal):
    import socket

    for key, text in (("today:a", "first window"), ("today:b", "second window")):
        journal.save_draft(key, {"day": "2026-11-18", "answers": {"free": text}, "current": "free",
                                 "checkin": {"who": "Sam"}, "pid": _dead_pid(), "host": socket.gethostname()})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#editor").text == "first window\n\nsecond window"
        await pilot.pause()
        app.screen.autosave.flush()
        [(key, data)] = journal.drafts("today")
        assert key == app.screen.draft_key and data["checkin"]["who"] == "Sam"


async def test_drafts_another_window_took_over_first_are_not_restored_twice(make_app, journal, monkeypatch):
    """Two windows opened at the same moment both find what a closed window left: the one that
    takes it over second restores nothing (each had restored it, and the text doubled each round)."""
    import os
    import socket

    from closeness_journal.ui.screens import today as today_screen

    journal.save_draft("today:left", {"day": "2026-11-18", "answers": {"free": "hello draft"}, "current": "free",
                                      "checkin": {}, "pid": _dead_pid(), "host": socket.gethostname()})
    found_too = today_screen.left_behind

    def the_other_window_is_quicker(saved, here, alive):
        found = found_too(saved, here, alive)
        if journal.draft("today:left") is not None:  # the other window, still open, takes it over now
            journal.adopt_drafts(["today:left"], "today:other", {
                "day": "2026-11-18", "answers": {"free": "hello draft"}, "current": "free", "checkin": {},
                "pid": os.getppid(), "host": socket.gethostname()})
        return found

    monkeypatch.setattr(today_screen, "left_behind", the_other_window_is_quicker)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#editor").text == ""
    assert [key for key, _ in journal.drafts("today")] == ["today:other"]


async def test_a_draft_from_an_earlier_day_is_saved_for_that_day(make_app, journal):
    journal.save_draft("today:old", {"day": "2026-11-16", "answers": {"free": "late on Monday"}, "current": "free",
                                     "checkin": {}, "pid": _dead_pid(), "host": "elsewhere"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Monday 16 November 2026" in app.screen.sub_title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.sub_title.startswith("Wednesday 18 November 2026")
        assert any("That's 1 entry that day" in n.message for n in app._notifications)
        await pilot.press(*"now Wednesday", "ctrl+s")
        await pilot.pause()
    assert {(e.words, e.local_date.isoformat()) for e in journal.entries()} == {
        ("late on Monday", "2026-11-16"), ("now Wednesday", "2026-11-18")
    }


async def test_last_weeks_review_is_offered_once(make_app, journal):
    journal.add(Entry(date(2026, 11, 10), body="last Tuesday"))  # in 2026-W46, which has no review yet

    def offered(app):
        return list(app.screen.query("#review-offer"))  # a line above the writing, not a notice over it

    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert len(offered(app)) == 1
    assert journal.setting("review-offered:2026-W46") is True
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert offered(app) == []


async def test_a_draft_that_cannot_be_kept_warns_and_asks_before_quitting(make_app, journal, monkeypatch):
    from closeness_journal.store import JournalError
    from closeness_journal.ui.screens.confirm import ConfirmScreen

    def disk_full(*args, **kwargs):
        raise JournalError("The disk is full.")

    monkeypatch.setattr(journal, "save_draft", disk_full)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"do not lose me")
        assert app.screen.autosave.flush() is False
        assert app.is_running and app.screen.autosave.pending
        await pilot.pause()
        assert any("couldn't be kept" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen.query_one("#editor").text == "do not lose me"


async def test_a_real_hangup_signal_saves_the_draft_and_closes(make_app, journal):
    import os
    import signal

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"the terminal went away")
        assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, signal.SIG_IGN, None)
        os.kill(os.getpid(), signal.SIGHUP)  # without the app's handler this would end pytest
        await pilot.pause(0.2)
    assert list(today_draft(journal)["answers"].values()) == ["the terminal went away"]
    assert app.return_code == 0


async def test_housekeeping_waits_for_a_pause_in_typing(make_app, journal, monkeypatch):
    import time as clock

    calls = []
    monkeypatch.setattr(journal, "tidy", lambda: calls.append(1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"typing")
        app.tidy_when_idle()
        assert calls == []  # just typed: not now
        monkeypatch.setattr(clock, "monotonic", lambda: 10**9)
        app.tidy_when_idle()
        assert calls == [1]


async def test_every_view_draws_in_the_built_in_themes(make_app, journal):
    from closeness_journal import demo

    demo.fill(journal, end=TODAY, options=demo.DemoOptions(weeks=3))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for theme in ("textual-light", "nord", "gruvbox", "textual-dark"):
            app.theme = theme
            for key in ("f2", "f3", "f4", "f5", "f1", "escape"):
                await pilot.press(key)
                await pilot.pause()
                assert app.export_screenshot()  # draws without error
        assert app.is_running


async def test_every_check_in_label_and_choice_is_whole_at_80x24(make_app):
    from textual.geometry import Region
    from textual.widgets import Checkbox, Label

    from closeness_journal.core.vocabulary import FEARS, KINDS, SABOTAGE_BEHAVIOURS, STAYED, WITHDRAWAL_BEHAVIOURS
    from closeness_journal.ui.widgets.checkin_form import TickList

    def shown(widget) -> str:
        """Every line the widget draws, as one line of words."""
        lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
        return " ".join(" ".join(strip.text.replace("▐", " ").replace("▌", " ").split()) for strip in lines)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = app.screen.query_one(CheckInForm)
        for _ in range(50):  # the fields below the fold come just after the first frame
            if form.complete:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        lists = {tick_list.id: shown(tick_list) for tick_list in form.query(TickList)}
        for list_id, vocabulary in (("stayed", STAYED), ("withdrawal", WITHDRAWAL_BEHAVIOURS),
                                    ("sabotage", SABOTAGE_BEHAVIOURS), ("fears", FEARS), ("kinds", KINDS)):
            assert lists[list_id] == " ".join(vocabulary.values())  # each choice whole, in order, none cut
        for widget in form.query(Label):
            assert shown(widget) == " ".join(str(widget.render()).split()), widget
            assert "…" not in shown(widget)
        for box in form.query(Checkbox):
            assert str(box.label) in shown(box)
        assert "What did you do to stay close?" in [shown(w) for w in form.query(Label)]
        assert "0 none · 5 strong · 10 overwhelming" in [shown(w) for w in form.query(Label)]


async def test_typing_straight_after_ctrl_n_goes_to_the_next_question(make_app, journal):
    """Keys sent at once (a fast typist, a script, a paste): what follows ctrl+n lands in the next
    place, and what came before stays in its own."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = [*"first", "ctrl+n", *"second", "ctrl+n", *"third"]
        for key in keys:
            char = key if len(key) == 1 else None
            app.post_message(events.Key(ui_helpers._character_to_key(key) if char else key, char))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        [entry] = journal.entries()
        assert [a.text for a in entry.answers] == ["first", "second", "third"]


async def test_ctrl_s_sent_straight_after_typing_saves_every_key_typed_before_it(make_app, journal):
    """Keys and ctrl+s sent at once (a fast typist, a script): the save waits for the keys before it,
    so the entry holds every one of them and nothing typed is left behind in a draft."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = [*"every key before the save", "ctrl+s"]
        for key in keys:
            char = key if len(key) == 1 else None
            app.post_message(events.Key(ui_helpers._character_to_key(key) if char else key, char))
        await pilot.pause()
        [entry] = journal.entries()
        assert [a.text for a in entry.answers] == ["every key before the save"]


async def test_a_draft_that_is_not_an_object_never_stops_the_window(make_app, journal):
    """An older version or a planted import could leave a draft whose data is a list: Today opens."""
    journal.db.execute(
        "INSERT INTO drafts (key, saved_at, data) VALUES ('today:planted', '2026-11-01T00:00:00+00:00', '[1]')"
    )
    journal.db.conn.commit()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and app.is_running
