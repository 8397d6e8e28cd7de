"""SVG snapshots of the Exercises screen (F7) and a finished round read side by side."""

from datetime import UTC, date, datetime

from closeness_journal.core.exercises import Round, Turn, find_exercise
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.ui.app import JournalApp

TODAY = date(2026, 11, 18)


def journal_with_rounds() -> Journal:
    """A finished round from last week and one waiting for the second person."""
    journal = Journal.in_memory()
    library = load_prompts().library
    exercise = find_exercise(library, "partner-exercise")
    gentle = exercise.items_for(False)

    def turn(name: str, words: str, include: bool = False) -> Turn:
        answered = Turn(name=name, include_sensitive=include)
        for n, item in enumerate(exercise.items_for(include)):
            answered = answered.with_answer(item, f"{words} {n + 1}")
        return Turn(answered.name, include, answered.answers, done=True)

    finished = Round("a1b2c3d4e5f6", exercise.slug, exercise.title, date(2026, 11, 11), 2,
                     (turn("Sam", "Sam's answer"), turn("Alex", "Alex's answer", include=True)))
    waiting = Round("f6e5d4c3b2a1", exercise.slug, exercise.title, TODAY, 2,
                    (Turn("Sam", False, turn("Sam", "x").answers[: len(gentle)], done=True),))
    journal.save_round(finished, now=datetime(2026, 11, 11, 20, 0, tzinfo=UTC))
    journal.save_round(waiting, now=datetime(2026, 11, 18, 19, 0, tzinfo=UTC))
    return journal


def make_app(journal: Journal) -> JournalApp:
    return JournalApp(journal, load_prompts().library, today=lambda: TODAY)


async def without_notifications(pilot) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()


def test_exercises_screen(snap_compare):
    async def open_exercises(pilot):
        await without_notifications(pilot)
        await pilot.press("f7")

    assert snap_compare(make_app(journal_with_rounds()), terminal_size=(80, 24), run_before=open_exercises)


def test_the_second_person_begins_a_turn(snap_compare):
    async def carry_on(pilot):
        await without_notifications(pilot)
        await pilot.press("f7", "b")

    assert snap_compare(make_app(journal_with_rounds()), terminal_size=(80, 24), run_before=carry_on)


def test_a_finished_round_side_by_side(snap_compare):
    async def open_round(pilot):
        await without_notifications(pilot)
        await pilot.press("f7", "tab", "down", "down", "enter")  # the second round: the finished one

    assert snap_compare(make_app(journal_with_rounds()), terminal_size=(80, 24), run_before=open_round)
