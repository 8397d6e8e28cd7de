"""The demo journal's ladder: rungs added on the first day, tried by the entries whose small step
is one of theirs, with the expected difficulty coming down over the weeks; reviews choose rungs."""

from datetime import date, timedelta
from statistics import mean

import pytest

from closeness_journal import demo, demo_ladder, paths
from closeness_journal.core.ladder import suggest
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal

END = date(2026, 11, 18)
START = END - timedelta(days=16 * 7 - 1)
LIBRARY = load_prompts(folders=paths.bundled_prompts_dirs()[:1]).library


@pytest.fixture(scope="module")
def filled():
    journal = Journal.in_memory()
    demo.fill(journal, END, library=LIBRARY)
    yield journal
    journal.close()


def test_the_demo_has_a_ladder_whose_tries_come_down_over_the_weeks(filled):
    ladder = filled.ladder(retired=True)
    assert len(ladder) == len(demo_ladder.LADDER) >= 10
    assert [step.rung.hard for step in ladder] == sorted(step.rung.hard for step in ladder)
    assert all(step.rung.created_at.date() == START for step in ladder)
    tries = sorted((a for step in ladder for a in step.attempts if a.predicted is not None), key=lambda a: a.day)
    assert len(tries) >= 12 and sum(1 for step in ladder if step.tried) >= 8
    third = len(tries) // 3
    assert mean(a.predicted for a in tries[-third:]) <= mean(a.predicted for a in tries[:third]) - 1.5
    assert any(a.outcome < a.predicted for a in tries) and any(a.outcome > a.predicted for a in tries)
    assert suggest(filled.ladder()).step is not None  # there is always a next step in the demo


def test_every_try_is_an_entry_whose_small_step_is_one_of_the_rungs_steps(filled):
    rungs = {step.rung.id: step.rung for step in filled.ladder(retired=True)}
    tried = [e for e in filled.entries(limit=-1) if e.checkin.rung]
    assert tried and all(e.checkin.rung in rungs and e.checkin.small_step for e in tried)
    untried_steps = [e for e in filled.entries(limit=-1) if e.checkin.small_step and not e.checkin.rung]
    assert untried_steps  # not every small step is on the ladder


def test_a_rung_that_became_easy_was_retired_after_its_last_try_and_kept(filled):
    [retired] = [step for step in filled.ladder(retired=True) if step.rung.retired]
    assert retired.attempts and retired.rung.retired_at.date() == retired.attempts[-1].day + timedelta(days=1)
    assert retired.rung.id not in {step.rung.id for step in filled.ladder()}


def test_most_reviews_choose_a_rung_for_the_week_after(filled):
    reviews = filled.reviews()
    chosen = [r for r in reviews if r.next_rung]
    assert len(chosen) >= len(reviews) // 2
    rungs = {step.rung.id for step in filled.ladder(retired=True)}
    assert all(r.next_rung in rungs and r.next_step for r in chosen)


def test_the_demo_ladder_is_the_same_every_time():
    def made():
        journal = Journal.in_memory()
        demo.fill(journal, END, library=LIBRARY)
        ladder = [(s.rung, [(a.day, a.predicted, a.outcome) for a in s.attempts]) for s in journal.ladder(retired=True)]
        journal.close()
        return ladder

    assert made() == made()
