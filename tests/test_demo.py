"""The demo journal: the same every time, a believable story the pattern view can show (more staying
close and less pulling away over the weeks, with a setback), sittings with answers to the day's
prompts, every check-in field, weekly reviews, and no two entries alike."""

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from statistics import mean

import pytest

from closeness_journal import cli, demo, demo_writing, paths
from closeness_journal.core.prompts import daily_prompts
from closeness_journal.core.vocabulary import ACTED, STAYED
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal

END = date(2026, 11, 18)
START = END - timedelta(days=16 * 7 - 1)
LIBRARY = load_prompts(folders=paths.bundled_prompts_dirs()[:1]).library


@pytest.fixture(scope="module")
def written():
    return list(demo.generate(END, library=LIBRARY))


@pytest.fixture(scope="module")
def entries(written):
    return [entry for entry, _ in written]


@pytest.fixture(scope="module")
def reviews():
    return demo.weekly_reviews(END, library=LIBRARY)


def by_week(entries, start=START):
    """The entries in each block of seven days from the first day."""
    weeks: dict[int, list] = {}
    for entry in entries:
        weeks.setdefault((entry.local_date - start).days // 7, []).append(entry)
    return [weeks.get(n, []) for n in range(max(weeks) + 1)]


def share(entries, test) -> float:
    return sum(1 for entry in entries if test(entry)) / len(entries)


def stayed(entry):
    return entry.stayed_close


def pulled(entry):
    return entry.withdrawal


def pulled_or_pushed(entry):
    return entry.withdrawal or entry.sabotage


def test_the_demo_journal_is_the_same_every_time_and_covers_sixteen_weeks(written, reviews):
    assert written == list(demo.generate(END, library=LIBRARY))
    assert reviews == demo.weekly_reviews(END, library=LIBRARY)
    assert list(demo.generate(END)) == written  # the default library: the shipped prompts (yours are empty here)
    days = [entry.local_date for entry, _ in written]
    assert min(days) == START and max(days) <= END and days == sorted(days)
    moments = [moment for _, moment in written]
    assert moments == sorted(moments)  # oldest first, each written on its own day
    assert all(moment.date() == entry.local_date for entry, moment in written)
    assert 70 <= len(written) <= 140
    for entry, _ in written:
        assert entry.validated() == entry


def test_the_demo_journal_does_not_depend_on_the_process_it_is_made_in():
    script = (
        "import hashlib, datetime; from closeness_journal import demo; "
        "print(hashlib.sha256(repr(list(demo.generate(datetime.date(2026, 11, 18)))).encode()).hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


@pytest.mark.parametrize("seed", [7, 1, 2, 3])
def test_over_the_weeks_the_person_stays_more_and_pulls_away_less_with_a_setback(seed):
    weeks = by_week([e for e, _ in demo.generate(END, demo.DemoOptions(seed=seed), library=LIBRARY)])
    assert len(weeks) == 16
    first = [e for week in weeks[:4] for e in week]
    last = [e for week in weeks[-4:] for e in week]
    assert share(last, stayed) >= share(first, stayed) + 0.15
    assert share(last, pulled) <= share(first, pulled) - 0.1
    # Not a straight line: a later week where staying was rarer than at the start and pulling or
    # pushing away more common than at the end.
    setbacks = [
        n for n, week in enumerate(weeks[4:12], start=4)
        if share(week, stayed) < share(first, stayed) and share(week, pulled_or_pushed) > share(last, pulled_or_pushed)
    ]
    assert setbacks, [(round(share(w, stayed), 2), round(share(w, pulled_or_pushed), 2)) for w in weeks]


def test_the_difficulty_expected_for_a_planned_step_comes_down_and_is_mostly_more_than_the_real_one(entries):
    weeks = by_week(entries)
    first = [e.checkin.predicted for week in weeks[:4] for e in week if e.checkin.predicted is not None]
    last = [e.checkin.predicted for week in weeks[-4:] for e in week if e.checkin.predicted is not None]
    assert len(first) >= 3 and len(last) >= 3
    assert mean(last) <= mean(first) - 1.5
    planned = [e.checkin for e in entries if e.checkin.predicted is not None]
    assert all(c.outcome is not None and c.small_step for c in planned)
    assert share(planned, lambda c: c.outcome <= c.predicted) >= 0.8
    assert any(c.outcome > c.predicted for c in planned)  # sometimes it is harder than feared
    assert any(e.checkin.small_step and e.checkin.predicted is None for e in entries)  # steps not planned


def test_every_entry_is_a_sitting_with_answers_to_that_days_prompts(entries):
    for entry in entries:
        offered = {p.id: p for p in daily_prompts(LIBRARY, entry.local_date).all}
        assert 1 <= len(entry.answers) <= 3, entry
        for answer in entry.answers:
            assert offered[answer.prompt_id].text == answer.prompt_text
            assert not answer.prompt_id.startswith("partner-exercise")
            assert answer.text.strip()
    counts = [len(entry.answers) for entry in entries]
    assert {1, 2, 3} <= set(counts)
    assert 0.2 <= share(entries, lambda e: bool(e.body)) <= 0.6  # sometimes free writing too
    themes = {LIBRARY.get(a.prompt_id).theme for e in entries for a in e.answers}
    assert {"pulled-away", "feared", "small-step"} <= themes and len(themes) >= 6


def test_every_check_in_field_is_used_and_the_new_ones_in_full(entries):
    checkins = [entry.checkin for entry in entries]
    assert {slug for c in checkins for slug in c.stayed} == set(STAYED)
    assert {c.acted for c in checkins} == {*ACTED, None}
    urges = [c.urge for c in checkins if c.urge is not None]
    assert min(urges) <= 2 and max(urges) >= 9 and len(urges) < len(checkins)  # not every field every time
    fears = {fear for c in checkins for fear in c.fears}
    assert {"not-enough", "burden", "hurt-again", "abandonment", "engulfment", "loss"} <= fears
    behaviours = {b for c in checkins for b in c.behaviours}
    assert {"brushed-off-affection", "numbed-out-with-something", "showed-a-polished-self", "focused-on-flaws",
            "physical-instead-of-emotional"} <= behaviours
    assert any(e.withdrawal for e in entries) and any(e.sabotage for e in entries)
    assert {c.relationship for c in checkins} >= {"partner", "friend", "family", "colleague", "other"}
    assert {kind for c in checkins for kind in c.kinds} == {
        "emotional", "physical", "experiential", "intellectual", "spiritual"}
    assert any(c.close_before for c in checkins) and any(not c.close_before for c in checkins)
    assert all(c.intensity is not None for c in checkins if c.fears)
    assert any(e.private for e in entries) and any(e.tags for e in entries)


def test_keeping_away_from_someone_unkind_is_told_without_judgement_and_not_counted_as_pulling_away(entries):
    kept_away = [e for e in entries if "boundaries" in e.tags]
    assert len(kept_away) >= 2
    for entry in kept_away:
        assert not entry.withdrawal and not entry.sabotage
        assert entry.checkin.acted == "yes" and entry.checkin.relationship == "other"
    assert any("set-a-kind-boundary" in e.checkin.stayed for e in kept_away)
    assert any("isn't the thing I'm working on" in e.words or "wasn't the pattern" in e.words for e in kept_away)


def test_no_two_entries_say_the_same_thing(entries):
    words = [entry.words for entry in entries]
    assert len(set(words)) == len(words)
    first_lines = [entry.first_line for entry in entries]
    assert len(set(first_lines)) >= 0.95 * len(first_lines)
    sentences = [s.strip() for entry in entries for s in entry.words.replace("\n", " ").split(". ")]
    assert len(set(sentences)) >= max(350, 0.6 * len(sentences))  # the old demo had fewer than a hundred


def test_weekly_reviews_answer_the_questions_and_their_next_step_is_tried_the_week_after(entries, reviews):
    questions = {p.id: p for p in LIBRARY.prompts.values() if p.theme == "weekly-review"}
    assert 12 <= len(reviews) <= 16
    weeks = [review.week for review, _ in reviews]
    assert weeks == sorted(weeks) and len(set(weeks)) == len(weeks)
    for review, saved_at in reviews:
        monday = date.fromisocalendar(int(review.week[:4]), int(review.week[6:]), 1)
        assert START - timedelta(days=6) <= monday and saved_at.date() == monday + timedelta(days=6) < END
        assert review.answers and set(review.answers) <= set(questions)
        assert review.questions == {pid: questions[pid].text for pid in review.answers}
        roles = {questions[pid].role for pid in review.answers}
        assert "pattern" in roles
        if review.next_step:
            [next_step] = [text for pid, text in review.answers.items() if questions[pid].role == "next-step"]
            assert next_step == review.next_step
    with_steps = [review for review, _ in reviews if review.next_step]
    assert len(with_steps) >= 10
    tried = 0
    for review in with_steps:
        monday = date.fromisocalendar(int(review.week[:4]), int(review.week[6:]), 1) + timedelta(days=7)
        done = {s.done.format(who=name) for s in demo_writing.STEPS for name in ("Sam", "Ana", "Mum", "Jo", "Alex")
                if s.plan.format(who=name) == review.next_step}
        assert done, review.next_step
        tried += any(e.checkin.small_step in done for e in entries if monday <= e.local_date < monday + timedelta(7))
    assert tried >= len(with_steps) // 2
    # The week after a review with a next step asks how it went.
    asked = [r for (r, _), (before, _) in zip(reviews[1:], reviews[:-1], strict=True)
             if before.next_step and any(questions[p].role == "last-step" for p in r.answers)]
    assert len(asked) >= 8


def test_sixteen_weeks_take_well_under_a_second():
    started = time.perf_counter()
    demo.weekly_reviews(END, library=LIBRARY)  # generates the entries too
    assert time.perf_counter() - started < 1.0


def test_long_entries_run_from_40_to_400_words():
    made = [e for e, _ in demo.generate(END, demo.DemoOptions(weeks=4, long_bodies=True), library=LIBRARY)]
    lengths = [len(entry.words.split()) for entry in made]
    assert min(lengths) >= 40 and max(lengths) <= 460
    assert all(entry.answers for entry in made)


def test_fill_writes_the_entries_and_the_reviews_through_the_store():
    journal = Journal.in_memory()
    try:
        count = demo.fill(journal, END, library=LIBRARY)
        assert count == journal.count() == len(list(demo.generate(END, library=LIBRARY)))
        saved = journal.reviews()
        assert [r.week for r in reversed(saved)] == [r.week for r, _ in demo.weekly_reviews(END, library=LIBRARY)]
        assert saved[0].next_step and saved[0].answers
    finally:
        journal.close()


def test_demo_command_never_touches_your_journal(monkeypatch, private_folders):
    import closeness_journal.ui.app as app_module

    seen = {}

    def fake_run(self):
        seen["count"] = self.journal.count()
        seen["reviews"] = len(self.journal.reviews())
        seen["path"] = self.journal.path
        return 0

    monkeypatch.setattr(app_module.JournalApp, "run", fake_run)
    assert cli.main(["demo"]) == 0
    assert seen["count"] > 50 and seen["reviews"] > 10
    assert not seen["path"].exists()  # thrown away on quit
    assert not private_folders.exists()
