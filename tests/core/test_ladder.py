"""The ladder's rules on hand-built rungs and attempts: the order, the gap between expected and
real, the rung to try next and why, and the words for the weekly review."""

from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal.core.ladder import (
    Attempt,
    InvalidRung,
    LadderRung,
    Rung,
    attempt_words,
    build_ladder,
    follow_up_words,
    forecast,
    forecast_sentence,
    gap_words,
    ladder_order,
    suggest,
)

T0 = datetime(2026, 9, 1, 20, tzinfo=UTC)
DAY = date(2026, 11, 2)


def rung(key: str, hard: int, added: int = 0, retired: bool = False, who: str = "") -> Rung:
    return Rung(f"step {key}", hard, who, id=key * 8, created_at=T0 + timedelta(days=added),
                updated_at=T0, retired_at=T0 if retired else None)


def tried(key: str, day: int, predicted: int | None, outcome: int | None) -> Attempt:
    return Attempt(key * 8, f"entry-{key}-{day}", DAY + timedelta(days=day), predicted, outcome)


def test_the_ladder_is_easiest_first_and_rungs_as_hard_keep_the_order_they_were_added_in():
    rungs = [rung("c", 70), rung("a", 20, added=2), rung("b", 20, added=1), rung("d", 5)]
    assert [r.id[0] for r in ladder_order(rungs)] == ["d", "b", "a", "c"]


def test_each_rung_gets_its_own_attempts_oldest_first_and_retired_rungs_only_when_asked():
    rungs = [rung("a", 30), rung("b", 10), rung("c", 50, retired=True)]
    attempts = [tried("a", 5, 6, 3), tried("a", 1, 8, 5), tried("c", 2, 7, 2), tried("x", 0, 5, 5)]
    ladder = build_ladder(rungs, attempts)
    assert [step.rung.id[0] for step in ladder] == ["b", "a"]
    assert [a.day.day for a in ladder[1].attempts] == [3, 7]
    assert ladder[0].attempts == ()
    everything = build_ladder(rungs, attempts, retired=True)
    assert [step.rung.id[0] for step in everything] == ["b", "a", "c"]
    assert everything[2].tried == 1


def test_the_gap_between_expected_and_real_is_averaged_over_the_attempts_that_noted_both():
    attempts = (tried("a", 0, 8, 5), tried("a", 1, 6, 2), tried("a", 2, None, 1), tried("a", 3, 4, None))
    step = LadderRung(rung("a", 30), attempts)
    assert step.tried == 4
    assert [a.gap for a in step.attempts] == [3, 4, None, None]
    assert (step.mean_predicted, step.mean_outcome, step.mean_gap) == (7, 3.5, 3.5)
    assert step.last == step.attempts[2]  # the latest that says how hard it really was
    assert gap_words(step) == "tried 4 times: easier than you expected (on average expected 7, really 3.5 of 10)"


@pytest.mark.parametrize(
    ("attempts", "words"),
    [
        ((), "not tried yet"),
        ((tried("a", 0, None, None),), "tried once; how hard it was expected to be and really was isn't noted"),
        ((tried("a", 0, 3, 6),), "tried once: harder than you expected (on average expected 3, really 6 of 10)"),
        ((tried("a", 0, 5, 5), tried("a", 1, 4, 4)),
         "tried twice: about as hard as you expected (on average expected 4.5, really 4.5 of 10)"),
    ],
)
def test_the_gap_in_words(attempts, words):
    assert gap_words(LadderRung(rung("a", 30), attempts)) == words


def test_attempts_are_shown_with_both_numbers_labelled_on_the_ten_point_scale():
    assert attempt_words(tried("a", 0, 7, 4)) == "expected 7, really 4 (of 10)"
    assert attempt_words(tried("a", 0, None, 4)) == "expected –, really 4 (of 10)"
    assert attempt_words(tried("a", 0, None, None)) == "expected and real difficulty not noted"


def test_the_suggestion_is_the_easiest_rung_not_yet_taken_comfortably_with_its_reason():
    rungs = [rung("a", 10), rung("b", 30), rung("c", 60)]
    # a: last time it felt 2 of 10 (comfortable); b: last time 6 of 10; c: never tried.
    attempts = [tried("a", 0, 6, 5), tried("a", 4, 4, 2), tried("b", 2, 8, 6)]
    suggestion = suggest(build_ladder(rungs, attempts))
    assert suggestion.step is not None and suggestion.step.rung.id == "bbbbbbbb"
    assert suggestion.reason == (
        "The step below it felt manageable the last time you took it. It's the easiest step that hasn't felt "
        "manageable yet: the last time, it was 6 of 10 (4 Nov 2026). Steps like this often feel easier each time "
        "you take them."
    )


def test_an_earlier_comfortable_try_does_not_count_when_the_last_one_was_hard():
    ladder = build_ladder([rung("a", 10)], [tried("a", 0, 5, 1), tried("a", 3, 7, 5)])
    assert not ladder[0].comfortable
    assert suggest(ladder).step == ladder[0]
    # A later try that didn't note how it went: the reason says which time it means.
    ladder = build_ladder([rung("a", 10)], [tried("a", 0, 5, 1), tried("a", 3, 7, 5), tried("a", 6, None, None)])
    assert "the last time you noted how it went, it was 5 of 10 (5 Nov 2026)" in suggest(ladder).reason


def test_the_suggestion_for_a_rung_never_tried_and_for_one_tried_without_the_real_difficulty():
    ladder = build_ladder([rung("a", 10), rung("b", 30)], [])
    assert suggest(ladder).step == ladder[0]
    assert suggest(ladder).reason == "It's the easiest step on your ladder you haven't tried yet."
    ladder = build_ladder([rung("a", 10), rung("b", 30)], [tried("a", 0, 1, 1), tried("b", 1, 5, None)])
    assert suggest(ladder).step == ladder[1]
    assert suggest(ladder).reason == (
        "The step below it felt manageable the last time you took it. You've tried it once, without noting "
        "how hard it really was; noting it next time shows whether it is getting easier."
    )


def test_no_suggestion_when_the_ladder_is_empty_or_every_rung_felt_manageable():
    assert suggest(()).step is None
    assert "no steps yet" in suggest(()).reason
    ladder = build_ladder([rung("a", 10), rung("b", 20), rung("c", 90, retired=True)],
                          [tried("a", 0, 5, 3), tried("b", 0, 5, 0)], retired=True)
    assert suggest(ladder).step is None  # a retired rung is never suggested
    assert suggest(ladder).reason.startswith("Every step on your ladder felt manageable")


def test_the_forecast_holds_every_attempt_with_both_numbers_across_rungs_in_time_order():
    ladder = build_ladder([rung("a", 10), rung("b", 30)],
                          [tried("b", 3, 8, 4), tried("a", 1, 9, 6), tried("a", 2, None, 2), tried("a", 5, 5, 6)])
    assert [(a.day.day, a.predicted, a.outcome) for a in forecast(ladder)] == [(3, 9, 6), (5, 8, 4), (7, 5, 6)]
    assert forecast_sentence(ladder) == (
        "Across 3 tries you expected your steps to be 7.3 of 10 hard on average; they really were 5.3. "
        "Twice it was easier than you expected."
    )
    assert "side by side" in forecast_sentence(build_ladder([rung("a", 10)], []))
    one = build_ladder([rung("a", 10)], [tried("a", 1, 9, 6)])
    assert forecast_sentence(one).endswith("they really were 6. It was easier than the fear said it would be.")


def test_the_weekly_review_says_how_the_chosen_rung_went_or_that_it_was_not_tried_kindly():
    chosen = rung("a", 30)
    assert follow_up_words(chosen, [tried("a", 0, 7, 3), tried("a", 2, 6, 2)]) == (
        "You tried 'step a' twice this week: Mon expected 7, really 3 (of 10), Wed expected 6, really 2 (of 10). "
        "Each time it was easier than you expected."
    )
    assert follow_up_words(chosen, [tried("a", 0, 7, 3)]).endswith("(of 10). It was easier than you expected.")
    assert follow_up_words(chosen, []).startswith("You didn't try 'step a' this week, and that's all right")
    assert follow_up_words(chosen, [tried("a", 0, 3, 5)]).endswith("Thank you for trying it.")


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"text": "  \n"}, "a rung needs a few words"),
        ({"hard": 101}, "from 0 to 100, not 101"),
        ({"hard": -1}, "from 0 to 100"),
        ({"hard": True}, "from 0 to 100"),
    ],
)
def test_a_rung_that_cannot_be_saved_says_why(changes, words):
    with pytest.raises(InvalidRung, match=words):
        Rung(**({"text": "Ring Ana", "hard": 20} | changes)).validated()


def test_a_rung_is_cleaned_and_round_trips_through_json():
    cleaned = Rung("Tell Sam\n one true thing\x1b[31m", 30, " Sam\x07 ").validated()
    assert (cleaned.text, cleaned.who) == ("Tell Sam one true thing", "Sam")
    full = rung("a", 40, retired=True, who="Ana")
    assert Rung.from_json(full.to_json()) == full
