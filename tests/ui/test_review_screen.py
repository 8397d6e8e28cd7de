"""Walking a weekly review end to end in the window."""

from datetime import date, timedelta

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.ui.screens.review import ReviewScreen

TODAY = date(2026, 11, 18)  # Wednesday of W47: the last complete week is W46
W46 = date(2026, 11, 9)


async def test_a_review_end_to_end_and_the_step_carried_to_next_week(make_app, journal):
    journal.add(Entry(W46 + timedelta(days=1), body="went quiet with Sam", checkin=CheckIn(behaviours=("went-quiet",), close_before=True)))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and "2026-W46" in screen.sub_title
        assert "Pulled away" in str(screen.query_one("#review-summary-text").render())
        await pilot.press(*"Evenings, after closeness.")
        next_step_box = screen._question_ids.index("weekly-review-05")
        screen.query_one(f"#answer-{next_step_box}").focus()
        await pilot.press(*"Ask Sam for a walk", "ctrl+s")
        await pilot.pause()
        saved = journal.review("2026-W46")
        assert saved.answers == {"weekly-review-01": "Evenings, after closeness.", "weekly-review-05": "Ask Sam for a walk"}
        assert saved.next_step == "Ask Sam for a walk"
        # reopen and edit
        await pilot.press("ctrl+n")  # the week after: W47
        await pilot.pause()
        assert "2026-W47" in screen.sub_title
        assert "Ask Sam for a walk" in str(screen.query_one("#review-summary-text").render())
        assert "weekly-review-03" in screen._question_ids  # how did last week's step go?
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.query_one("#answer-0").text == "Evenings, after closeness."
        await pilot.press("end", *" And mornings.", "ctrl+s")
        await pilot.pause()
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
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.review.saved.next_step == "Call Ana"
