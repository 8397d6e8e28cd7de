"""Walking a weekly review end to end in the window."""

from dataclasses import replace
from datetime import date, timedelta

from textual.screen import Screen
from ui_helpers import type_text

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.ui.screens.entry_view import EntryScreen
from closeness_journal.ui.screens.review import EntryLine, ReviewScreen, week_span

TODAY = date(2026, 11, 18)  # Wednesday of W47: the last complete week is W46
W46 = date(2026, 11, 9)


async def test_a_review_end_to_end_and_the_step_carried_to_next_week(make_app, journal):
    journal.add(
        Entry(
            W46 + timedelta(days=1), body="went quiet with Sam",
            checkin=CheckIn(behaviours=("went-quiet",), close_before=True),
        )
    )
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.sub_title == "9–15 Nov 2026"
        summary = str(screen.query_one("#review-summary-text").render())
        assert "Pulled away: once, 1 more than the week before" in summary
        assert "Stayed close: none, as the week before" in summary
        await type_text(pilot, "Evenings, after closeness.")
        next_step_box = screen._question_ids.index("weekly-review-05")
        screen.query_one(f"#answer-{next_step_box}").focus()
        await type_text(pilot, "Ask Sam for a walk")
        await pilot.press("ctrl+s")
        saved = journal.review("2026-W46")
        assert saved.answers == {
            "weekly-review-01": "Evenings, after closeness.", "weekly-review-05": "Ask Sam for a walk",
        }
        assert saved.next_step == "Ask Sam for a walk"
        # reopen and edit
        await pilot.press("ctrl+n")  # the week after: W47
        await pilot.pause()
        assert screen.sub_title == "16–22 Nov 2026"
        assert "Enter to read" not in str(screen.query_one("#review-days-title").render())  # nothing to open
        assert "Ask Sam for a walk" in str(screen.query_one("#review-summary-text").render())
        assert "weekly-review-03" in screen._question_ids  # how did last week's step go?
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.query_one("#answer-0").text == "Evenings, after closeness."
        await pilot.press("end")
        await type_text(pilot, " And mornings.")
        await pilot.press("ctrl+s")
    assert journal.review("2026-W46").answers["weekly-review-01"] == "Evenings, after closeness. And mornings."
    assert journal.review_revision_count("2026-W46") == 1


async def test_today_offers_the_review_once(make_app, journal):
    journal.add(Entry(W46, body="something last week"))
    for _ in range(2):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            offered = list(app.screen.query("#review-offer"))  # a line on Today (it was a notice)
        if _ == 0:
            assert offered
    assert not offered  # the second time, no offer


async def test_no_offer_when_last_week_is_empty_or_reviewed(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not list(app.screen.query("#review-offer"))


async def test_reviews_appear_in_history(make_app, journal):
    from closeness_journal.core.review import SavedReview
    from closeness_journal.ui.screens.reviews import ReviewsScreen

    journal.save_review(SavedReview("2026-W46", {"weekly-review-05": "Call Ana"}, next_step="Call Ana"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "w")
        await pilot.pause()
        assert isinstance(app.screen, ReviewsScreen)
        table = app.screen.query_one("#reviews-table")
        assert table.row_count == 1
        # the week named by its days
        assert [cell.plain for cell in table.get_row_at(0)] == ["9–15 Nov 2026", "1 question", "Call Ana"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.review.saved.next_step == "Call Ana"


def summary_of(screen: ReviewScreen) -> str:
    return str(screen.query_one("#review-summary-text").render())


async def test_the_week_in_words_with_staying_close_and_the_pull(make_app, journal):
    journal.add(Entry(W46 - timedelta(days=3), body="the week before", checkin=CheckIn(urge=8, acted="yes")))
    journal.add(Entry(W46, body="stayed at the table", checkin=CheckIn(stayed=("kept-plans",), urge=6, acted="no")))
    journal.add(Entry(W46 + timedelta(days=2), body="went quiet", checkin=CheckIn(behaviours=("went-quiet",), urge=4,
                                                                                 acted="partly", intensity=5)))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        summary = summary_of(app.screen)
    assert "Stayed close: once, 1 more than the week before" in summary
    assert "Average pull to get away: 5 of 10, 3 lower than the week before" in summary
    assert "What you did with the pull: partly acted on it once, stayed with it once" in summary
    assert "Average fear: 5 of 10 (not noted the week before)" in summary
    assert "What you did to stay close: Kept the plans (1)" in summary
    assert "More check-ins often mean more noticing, not more pulling away." in summary
    assert "Mean" not in summary and "+" not in summary and "was " not in summary


class EditingStandIn(Screen[None]):
    """Where the review sends an entry to be edited (the edit form is tested on its own)."""

    BINDINGS = [("escape", "dismiss", "Back")]

    def __init__(self, journal, entry) -> None:
        super().__init__()
        self.entry = entry


async def test_an_entry_of_the_week_opens_to_read_and_escape_comes_back(make_app, journal, monkeypatch):
    monkeypatch.setattr("closeness_journal.ui.screens.review.EditEntryScreen", EditingStandIn)
    first = journal.add(Entry(W46 + timedelta(days=1), body="went quiet with Sam",
                              checkin=CheckIn(behaviours=("went-quiet",))))
    journal.add(Entry(W46 + timedelta(days=3), body="asked Ana", checkin=CheckIn(stayed=("asked-for-a-need",))))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        review = app.screen
        lines = list(review.query(EntryLine))
        assert "Enter to read it" in str(review.query_one("#review-days-title").render())
        assert [line.entry_id for line in lines] == [first.id, journal.entries(limit=1)[0].id]
        await pilot.press("shift+tab")  # from the first answer back to the week's last entry
        assert app.focused is lines[1]
        await pilot.pause(0.3)
        assert review.can_view_entire(lines[1])  # scrolled into view below the week's summary
        await pilot.press("up")
        assert app.focused is lines[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert "went quiet with Sam" in str(app.screen.query_one("#entry-text").render())
        await pilot.press("d")  # deleting is left to History
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and journal.get(first.id).deleted_at is None
        # written meanwhile (another window): the review follows when it comes back
        journal.update(replace(journal.get(first.id), body="went quiet with Sam, then said why"))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review
        assert isinstance(app.focused, EntryLine) and app.focused.entry_id == first.id
        assert "then said why" in str(app.focused.render())
        # and from the reading screen, e edits the entry
        await pilot.press("enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, EditingStandIn) and app.screen.entry.id == first.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review


async def test_clicking_an_entry_of_the_week_opens_it(make_app, journal):
    journal.add(Entry(W46 + timedelta(days=6), body="Sunday walk"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.click(EntryLine)
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and app.screen.entry.body == "Sunday walk"


def test_weeks_are_named_by_their_days():
    assert week_span(date(2026, 11, 9), date(2026, 11, 15)) == "9–15 Nov 2026"
    assert week_span(date(2026, 10, 26), date(2026, 11, 1)) == "26 Oct – 1 Nov 2026"
    assert week_span(date(2025, 12, 29), date(2026, 1, 4)) == "29 Dec 2025 – 4 Jan 2026"


async def test_a_week_of_many_entries_shows_its_lines_as_you_go_down_to_them(make_app, journal):
    """A line is a widget: a week of a hundred entries shows the first ones, and the next ones as
    you move or scroll down to them; every entry can be reached, in order."""
    entries = [journal.add(Entry(W46 + timedelta(days=n % 7), body=f"entry {n}")) for n in range(100)]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        review = app.screen
        first = list(review.query(EntryLine))
        assert 20 <= len(first) < 100
        first[-1].focus()
        await pilot.press("down")
        await pilot.pause()
        more = list(review.query(EntryLine))
        assert len(more) > len(first) and app.focused is more[len(first)]
        review.query_one("#review-summary").scroll_end(animate=False, immediate=True)
        for _ in range(10):
            await pilot.pause(0.05)
            review.query_one("#review-summary").scroll_end(animate=False, immediate=True)
        lines = list(review.query(EntryLine))
        in_order = [entry_id for _, items in review.review.days for entry_id, _ in items]
        assert [line.entry_id for line in lines] == in_order and sorted(in_order) == sorted(e.id for e in entries)
        # coming back from an entry far down the week keeps the focus on it
        lines[-1].focus()
        await pilot.press("enter")
        await pilot.pause()
        journal.update(replace(journal.get(lines[-1].entry_id), body="changed meanwhile"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, EntryLine) and app.focused.entry_id == lines[-1].entry_id
        assert "changed meanwhile" in str(app.focused.render())


def text_of_widget(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_a_busy_week_lists_the_first_few_moments_and_steps_and_shows_the_rest_when_asked(make_app, journal):
    """A week of many close moments and small steps keeps its summary short: the first few of each, then
    "and N more", which shows the whole list (Enter on it, or a click); another week starts short again."""
    for n in range(8):
        journal.add(Entry(W46 + timedelta(days=n % 7), body=f"moment number {n}",
                          checkin=CheckIn(close_before=True, behaviours=("went-quiet",) if n % 2 else ())))
    for n in range(7):
        journal.add(Entry(W46 + timedelta(days=n % 7), body=f"a step {n}", checkin=CheckIn(small_step=f"step {n}")))
    for n in range(7):  # the week before: as busy
        journal.add(Entry(W46 - timedelta(days=7 - n), body=f"earlier {n}",
                          checkin=CheckIn(close_before=True, small_step=f"earlier step {n}")))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and len(screen.review.moments) == 8 and len(screen.review.steps) == 7
        summary, steps = summary_of(screen), text_of_widget(screen, "#review-steps-text")
        assert summary.count("moment number") == 5 and "moment number 5" not in summary
        assert steps.count("step ") == 5 and "step 5" not in steps
        more_moments, more_steps = screen.query_one("#review-more-moments"), screen.query_one("#review-more-steps")
        assert more_moments.display and more_steps.display
        assert "and 3 more (Enter to see them all)" in text_of_widget(screen, "#review-more-moments")
        assert "and 2 more (Enter to see them all)" in text_of_widget(screen, "#review-more-steps")
        more_moments.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert summary_of(screen).count("moment number") == 8 and not more_moments.display
        assert text_of_widget(screen, "#review-steps-text").count("step ") == 5  # the other list is as it was
        await pilot.click("#review-more-steps")
        await pilot.pause()
        assert text_of_widget(screen, "#review-steps-text").count("step ") == 7 and not more_steps.display
        journal.add(Entry(W46, body="moment number 8", checkin=CheckIn(close_before=True)))
        await screen.show_summary()  # read again (as after an edit): the week's lists stay whole
        assert summary_of(screen).count("moment number") == 9
        await pilot.press("ctrl+b")  # the week before: short again
        await pilot.pause()
        assert screen.sub_title == "2–8 Nov 2026"
        assert summary_of(screen).count("earlier") == 5 and "and 2 more (Enter" in text_of_widget(
            screen, "#review-more-moments")


async def test_a_quiet_week_has_no_more_lines(make_app, journal):
    for n in range(5):
        journal.add(Entry(W46 + timedelta(days=n), body=f"moment {n}", checkin=CheckIn(close_before=True)))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert summary_of(screen).count("moment ") == 5
        assert not screen.query_one("#review-more-moments").display
        assert not screen.query_one("#review-more-steps").display and not screen.query_one("#review-steps-text").display


async def test_the_days_below_the_first_screenful_come_once_it_is_drawn_in_the_rows_kept_for_them(make_app, journal):
    """A summary taller than the window: the week's lines under it are not made before the first
    frame, but once it is drawn, in as many rows kept for them, so the page is as long from the
    first frame (nothing moves, the scroll bar stays as it is)."""
    for n in range(8):
        journal.add(Entry(W46 + timedelta(days=n % 7), body=f"moment number {n}",
                          checkin=CheckIn(close_before=True, small_step=f"step {n}")))
    app = make_app()
    async with app.run_test(size=(100, 16)) as pilot:
        kept = []
        app.once_drawn = kept.append  # what waits for the first frame is kept here
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        days, summary = screen.query_one("#review-days"), screen.query_one("#review-summary")
        assert not days.children and days.size.height == 8 == len(screen._unshown)
        page = summary.virtual_size.height
        del app.once_drawn
        for callback in kept:
            callback()
        await pilot.pause()
        lines = list(screen.query(EntryLine))
        in_order = [entry_id for _, items in screen.review.days for entry_id, _ in items]
        assert [line.entry_id for line in lines] == in_order
        assert days.size.height == 8 and summary.virtual_size.height == page
        assert {line.size.height for line in lines} == {1}


async def test_the_days_in_the_first_screenful_are_there_in_the_first_frame(make_app, journal):
    journal.add(Entry(W46, body="went quiet with Sam", checkin=CheckIn(behaviours=("went-quiet",))))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        kept = []
        app.once_drawn = kept.append
        await pilot.press("f5")
        await pilot.pause()
        assert [line.entry_id for line in app.screen.query(EntryLine)] == [journal.entries(limit=1)[0].id]


async def test_the_first_answer_has_the_focus_from_the_start(make_app, journal, monkeypatch):
    """Not the summary first (Textual's own first focus, as the screen is made), then the answer: its
    widgets were styled again as the focus came and as it went."""
    journal.add(Entry(W46, body="went quiet with Sam", checkin=CheckIn(behaviours=("went-quiet",))))
    focused = []
    set_focus = Screen.set_focus
    monkeypatch.setattr(Screen, "set_focus", lambda screen, widget, *args, **kwargs: (
        isinstance(screen, ReviewScreen) and focused.append(widget), set_focus(screen, widget, *args, **kwargs))[1])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert [widget.id for widget in focused] == ["answer-0"] and app.focused is focused[0]


async def test_with_no_questions_the_summary_has_the_focus(make_app, journal, monkeypatch):
    monkeypatch.setattr("closeness_journal.ui.screens.review.review_questions", lambda library, last_step: [])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert "No weekly-review questions were found" in str(app.screen.query_one("#review-questions Static").render())
        assert app.focused is app.screen.query_one("#review-summary")


async def test_the_review_is_not_drawn_while_the_switch_holds_the_window_back(make_app, journal, monkeypatch):
    """Textual drew the whole screen while the switch to it held every update back, and threw that
    frame away; the first frame drawn is the one after the hold, and it shows the whole week."""
    from textual._compositor import Compositor

    journal.add(Entry(W46, body="went quiet with Sam", checkin=CheckIn(behaviours=("went-quiet",))))
    app = make_app()
    drawn = []
    render_update = Compositor.render_update

    def counted(compositor, *args, **kwargs):
        drawn.append((type(app.screen).__name__, app._batch_count))
        return render_update(compositor, *args, **kwargs)

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(Compositor, "render_update", counted)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review = [held for name, held in drawn if name == "ReviewScreen"]
        assert review and not any(review)  # drawn, and never while held
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "went quiet with Sam" in shown and "Weekly review" in shown


async def test_after_its_first_frame_the_review_is_laid_out_again_only_for_the_lines_below_it(make_app, journal,
                                                                                              monkeypatch):
    """The summary's, the questions' and a long answer's scroll bars, and the header's title, are
    laid out in the first frame: Textual laid the whole screen out once more a frame after it for
    them (the scroll bars' first sizes and the title given again), with nothing to change. Only the
    week's lines below the first screenful come after it."""
    from closeness_journal.core.review import SavedReview

    for n in range(30):  # a summary taller than the window: its lines come after the first frame
        journal.add(Entry(W46 + timedelta(days=n % 7), body=f"moment number {n}",
                          checkin=CheckIn(close_before=True, small_step=f"step {n}")))
    long_answer = "\n".join(f"line {n} of a long answer" for n in range(12))  # taller than its box
    journal.save_review(SavedReview("2026-W46", {"weekly-review-01": long_answer}))
    app = make_app()
    layouts = []
    refresh_layout = ReviewScreen._refresh_layout

    def recorded(screen, *args, **kwargs):
        layouts.append((bool(app._batch_count), len(screen.query_one("#review-days").children)))
        return refresh_layout(screen, *args, **kwargs)

    monkeypatch.setattr(ReviewScreen, "_refresh_layout", recorded)
    async with app.run_test(size=(100, 16)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.pause(0.1)
        screen = app.screen
        scrolled = [screen.query_one(f"#{name}") for name in ("review-summary", "review-questions", "answer-0")]
        assert all(widget.show_vertical_scrollbar for widget in scrolled)
        assert screen.query_one("#answer-0").text == long_answer
        assert screen.query(EntryLine)  # the lines below the first screenful came
        before_the_lines = [held for held, lines in layouts if not lines]
        assert before_the_lines.count(False) == 1, layouts  # after the hold: the first frame's layout only
