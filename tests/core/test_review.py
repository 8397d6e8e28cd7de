"""The weekly review from a hand-built week and the week before."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.dates import iso_week_label, local_day
from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import Rung
from closeness_journal.core.prompts import PromptLibrary, parse_theme_file
from closeness_journal.core.review import (
    BadWeek,
    SavedReview,
    last_complete_week,
    next_step_of,
    parse_week,
    review_questions,
    weekly_review,
)
from closeness_journal.prompt_files import load_prompts

MON = date(2026, 11, 9)  # 2026-W46


def add(journal, offset, **fields):
    fields.setdefault("body", f"day {offset}")
    body = fields.pop("body")
    private = fields.pop("private", False)
    return journal.add(Entry(MON + timedelta(days=offset), body=body, private=private, checkin=CheckIn(**fields)))


def stayed(review):
    s = review.staying
    return (s.stayed_close, s.mean_urge, s.urges, s.acted_yes, s.acted_partly, s.acted_no)


@pytest.fixture
def week(journal):
    # the week before (W45): one withdrawal, intensity 8
    add(journal, -3, behaviours=("went-quiet",), intensity=8)
    # W46
    add(journal, 0, behaviours=("went-quiet",), fears=("engulfment",), intensity=6, close_before=True,
        relationship="partner")
    add(journal, 0, behaviours=("picked-fight", "hid-needs"), fears=("engulfment", "loss"), intensity=4)
    add(journal, 3, close_before=True, small_step="Stayed for tea", predicted=8, outcome=3)
    add(journal, 6, small_step="Said goodnight", fears=("loss",))
    # the next week (W47) must not count
    add(journal, 7, behaviours=("picked-fight",))
    return journal


def test_figures_beside_the_week_before(week):
    review = weekly_review(week, MON)
    assert review.week == "2026-W46" and (review.start, review.end) == (MON, date(2026, 11, 15))
    t = review.this
    figures = (t.withdrawal, t.sabotage, t.small_steps, t.mean_intensity, t.days_journaled, t.entries)
    assert figures == (2, 1, 2, 5.0, 3, 4)
    p = review.previous
    before = (p.label, p.withdrawal, p.sabotage, p.small_steps, p.mean_intensity, p.days_journaled)
    assert before == ("2026-W45", 1, 0, 0, 8.0, 1)
    assert review.change("withdrawal") == 1 and review.change("mean_intensity") == -3.0
    # the change is between the means as shown (one decimal): 4.6 - 5.2 is 0.6 lower, not 0.65
    from dataclasses import replace as swap
    this, previous = review.this.replace(mean_intensity=4.6), review.previous.replace(mean_intensity=5.25)
    odd = swap(review, this=this, previous=previous)
    assert odd.change("mean_intensity") == -0.6
    assert [(c.key, c.count) for c in review.fears] == [("engulfment", 2), ("loss", 2)]


def test_staying_close_and_the_pull_beside_the_week_before(journal):
    # the week before (W45): the pull acted on twice, nothing done to stay
    add(journal, -6, behaviours=("went-quiet",), urge=9, acted="yes")
    add(journal, -2, urge=6, acted="yes")
    add(journal, -1, fears=("loss",))  # no pull noted
    # W46: staying counts once per entry, whether it was something done or a pull not acted on
    add(journal, 0, stayed=("shared-a-feeling", "reached-out"), urge=7, acted="no")  # both: one entry
    add(journal, 1, stayed=("reached-out",))  # something done, no pull noted
    add(journal, 2, urge=4, acted="no")  # the pull came and was not acted on
    add(journal, 3, behaviours=("picked-fight", "hid-needs"), stayed=("shared-a-feeling",), urge=8, acted="partly",
        close_before=True)
    add(journal, 4, behaviours=("went-quiet",), urge=5, acted="yes")
    add(journal, 5, urge=2)  # a pull noted, nothing said about acting on it
    add(journal, 6, stayed=("kept-plans",), private=True)  # private entries are part of your own review
    add(journal, 7, stayed=("kept-plans",), acted="no")  # W47: not this week
    review = weekly_review(journal, MON)
    assert stayed(review) == (5, 5.2, 5, 1, 1, 2)  # urges 7, 4, 8, 5, 2
    assert (review.staying.acted, review.staying_before.acted) == (4, 2)
    assert (review.this.withdrawal, review.this.sabotage) == (2, 1)  # an entry can stay and pull away too
    assert [m.followed_by for m in review.moments] == ["you pulled and pushed away"]
    assert (review.staying_before.stayed_close, review.staying_before.mean_urge) == (0, 7.5)
    assert review.change("stayed_close") == 5 and review.change("mean_urge") == -2.3
    assert [(c.key, c.label, c.count) for c in review.ways_of_staying] == [
        ("reached-out", "Reached out first", 2), ("shared-a-feeling", "Shared a feeling", 2),
        ("kept-plans", "Kept the plans", 1),
    ]
    data = review.to_json()
    assert (data["stayed_close"], data["mean_urge"], data["acted"]) == (5, 5.2, {"yes": 1, "partly": 1, "no": 2})
    assert (data["previous"]["stayed_close"], data["previous"]["mean_urge"]) == (0, 7.5)
    assert data["previous"]["acted"] == {"yes": 2, "partly": 0, "no": 0}
    assert data["change"]["stayed_close"] == 5 and data["change"]["mean_urge"] == -2.3
    assert data["change"]["withdrawal"] == 1 and data["withdrawal"] == 2  # the existing keys stay
    assert data["ways_of_staying"][0] == {"key": "reached-out", "label": "Reached out first", "count": 2}


def test_a_week_with_no_pull_noted_has_no_average_to_compare(week):
    review = weekly_review(week, MON)
    assert stayed(review) == (0, None, 0, 0, 0, 0)
    assert review.change("mean_urge") is None and review.change("stayed_close") == 0
    assert review.to_json()["ways_of_staying"] == []


def test_closeness_moments_steps_and_days(week):
    review = weekly_review(week, MON)
    assert [(m.day.isoformat(), m.followed_by) for m in review.moments] == [
        ("2026-11-09", "you pulled away"), ("2026-11-12", "you stayed close")
    ]
    steps = [(s.step, s.predicted, s.outcome) for s in review.steps]
    assert steps == [("Stayed for tea", 8, 3), ("Said goodnight", None, None)]
    assert [len(items) for _, items in review.days] == [2, 0, 0, 1, 0, 0, 1]


def test_the_step_chosen_last_week_is_carried_over_and_asked_about(week):
    library = load_prompts().library
    answers = {"weekly-review-05": "Ask Sam for a walk", "weekly-review-01": "Evenings."}
    week.save_review(SavedReview("2026-W45", answers, next_step=next_step_of(library, answers)))
    review = weekly_review(week, MON)
    assert review.last_step == "Ask Sam for a walk"
    assert "last-step" in [q.role for q in review_questions(library, review.last_step)]
    assert "last-step" not in [q.role for q in review_questions(library, "")]


def test_the_rung_chosen_last_week_is_followed_up_with_this_weeks_attempts(week):
    ring = week.add_rung(Rung("Ring Ana instead of texting", 25))
    week.save_review(SavedReview("2026-W45", {"weekly-review-05": ring.text}, next_step=ring.text, next_rung=ring.id))
    add(week, -1, small_step=ring.text, rung=ring.id, predicted=9, outcome=8)  # the week before: not this week's
    add(week, 2, small_step=ring.text, rung=ring.id, predicted=7, outcome=3)
    review = weekly_review(week, MON)
    assert review.last_rung == ring and [(a.predicted, a.outcome) for a in review.rung_attempts] == [(7, 3)]
    assert review.rung_follow_up == (
        "You tried 'Ring Ana instead of texting' once this week: Wed expected 7, really 3 (of 10). "
        "It was easier than you expected."
    )
    assert review.to_json()["last_rung"]["attempts"][0]["outcome"] == 3
    assert weekly_review(week, MON + timedelta(days=7)).rung_follow_up == ""  # nothing chosen in W46


def test_a_rung_chosen_last_week_and_not_tried_is_met_kindly(week):
    ring = week.add_rung(Rung("Ring Ana instead of texting", 25))
    week.save_review(SavedReview("2026-W45", {"weekly-review-05": ring.text}, next_step=ring.text, next_rung=ring.id))
    assert weekly_review(week, MON).rung_follow_up.startswith("You didn't try 'Ring Ana instead of texting' this week")


def test_saving_and_editing_answers_keeps_the_earlier_version(week):
    week.save_review(SavedReview("2026-W46", {"weekly-review-01": "first thoughts"}))
    week.save_review(SavedReview("2026-W46", {"weekly-review-01": "second thoughts"}))
    assert weekly_review(week, MON).saved.answers == {"weekly-review-01": "second thoughts"}
    assert week.review_revision_count("2026-W46") == 1


def test_weeks_are_read_and_the_last_complete_one_found():
    assert parse_week("2026-W46") == MON
    assert parse_week("2026-w01") == date(2025, 12, 29)
    with pytest.raises(BadWeek, match="2026-W47"):
        parse_week("last week")
    with pytest.raises(BadWeek, match="no week 53"):
        parse_week("2025-W53")
    assert last_complete_week(date(2026, 11, 22)) == MON  # Sunday: that week isn't over yet
    assert last_complete_week(date(2026, 11, 23)) == date(2026, 11, 16)


@pytest.mark.parametrize(
    "moment, zone, expected_week",
    [
        # Sunday 23:59 and Monday 00:01 local time fall in different weeks
        (datetime(2026, 11, 15, 23, 59, tzinfo=UTC), "UTC", "2026-W46"),
        (datetime(2026, 11, 16, 0, 1, tzinfo=UTC), "UTC", "2026-W47"),
        # New York, 23:30 on Sunday 15 Nov is already Monday in UTC
        (datetime(2026, 11, 16, 4, 30, tzinfo=UTC), "America/New_York", "2026-W46"),
        # around the autumn clock change in London (Sunday 25 Oct 2026, 02:00 BST -> 01:00 GMT)
        (datetime(2026, 10, 25, 22, 59, tzinfo=UTC), "Europe/London", "2026-W43"),
        (datetime(2026, 10, 26, 0, 0, tzinfo=UTC), "Europe/London", "2026-W44"),
        # and the spring one (Sunday 29 Mar 2026, 01:00 GMT -> 02:00 BST): 23:30 BST is 22:30 UTC
        (datetime(2026, 3, 29, 22, 30, tzinfo=UTC), "Europe/London", "2026-W13"),
        (datetime(2026, 3, 29, 23, 30, tzinfo=UTC), "Europe/London", "2026-W14"),
    ],
)
def test_week_boundaries_follow_your_own_clock_around_midnight_and_dst(moment, zone, expected_week):
    assert iso_week_label(local_day(moment, ZoneInfo(zone))) == expected_week


def test_questions_come_from_the_weekly_review_theme():
    library, _ = PromptLibrary.merge([parse_theme_file(
        'theme="weekly-review"\n[[prompts]]\nid="w1"\ntext="Next?"\nrole="next-step"\n', "x")])
    assert [q.id for q in review_questions(library, "")] == ["w1"]
    assert next_step_of(library, {"w1": "  call Ana  "}) == "call Ana"


def test_the_journal_says_whether_a_week_has_a_saved_review(journal):
    """Today asks `has_review` before offering last week's review (without loading this module)."""
    assert not journal.has_review("2026-W45")
    journal.save_review(SavedReview("2026-W45", {"weekly-review-01": "Evenings"}))
    assert journal.has_review("2026-W45") and not journal.has_review("2026-W46")
