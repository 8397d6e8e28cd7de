"""The Exercises screen (F7): two people take the partner exercise in turn, the second never
seeing the first's answers, then read both side by side and export them."""

from datetime import date

from textual.widgets import Static, TextArea
from ui_helpers import type_text, until

from closeness_journal.core.exercises import find_exercise
from closeness_journal.ui.screens.exercise_turn import ExerciseTurnScreen
from closeness_journal.ui.screens.exercises import ExercisesScreen, RoundScreen

TODAY = date(2026, 11, 18)


def screen_text(screen) -> str:
    return "\n".join(str(static.render()) for static in screen.query(Static) if static.display)


async def take_turn(pilot, name: str, answers: list[str], include_touch: bool) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseTurnScreen) and screen.item == -1
    await type_text(pilot, name)
    if include_touch:
        screen.query_one("#turn-sensitive").value = True
    await pilot.press("enter")  # the name's Enter starts the turn
    assert len(screen.items) == len(answers)
    for answer in answers:
        assert isinstance(pilot.app.focused, TextArea)
        if answer:
            await type_text(pilot, answer)
        await pilot.press("ctrl+n")


async def test_two_people_take_the_partner_exercise_in_turn_then_read_and_export_it_side_by_side(
    make_app, journal, library, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # a journal without a data folder exports here
    exercise = find_exercise(library, "partner-exercise")
    gentle = [item for item in exercise.items if not item.sensitive]
    sam = [f"Sam's answer {n}" for n in range(len(gentle))]
    sam[2] = ""  # skipped
    alex = [f"Alex's answer {n}" for n in range(len(exercise.items))]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("f7")
        assert isinstance(app.screen, ExercisesScreen)
        assert app.screen.exercise.slug == "partner-exercise"  # the first, by title
        await pilot.press("b")
        await take_turn(pilot, "Sam", sam, include_touch=False)

        # The hand-over: Sam's answers are saved, and nothing of them is on screen.
        turn_screen = app.screen
        assert isinstance(turn_screen, ExerciseTurnScreen)
        [waiting] = journal.rounds()
        assert not waiting.finished and waiting.turns[0].done and waiting.turns[0].answer(gentle[0].id).text == sam[0]
        assert "Thank you, Sam." in screen_text(turn_screen)
        await pilot.press("enter")  # "Begin the second turn"
        assert turn_screen.item == -1 and turn_screen.query_one("#turn-name").value == ""
        for n, item in enumerate(exercise.items):
            if n == 0:
                await take_turn_start(pilot, "Alex")
            shown = screen_text(turn_screen)
            assert not any(answer in shown for answer in sam if answer), "the second person sees the first's answers"
            assert turn_screen.query_one("#turn-answer", TextArea).text == ""
            assert item.text in shown
            await type_text(pilot, alex[n])
            await pilot.press("ctrl+n")

        # Both are done: the answers side by side.
        await until(pilot, lambda: isinstance(app.screen, RoundScreen), what="the side-by-side view")
        reading = app.screen
        shown = screen_text(reading)
        assert "Sam's answer 0" in shown and "Alex's answer 0" in shown and "(skipped)" in shown
        assert "(left out)" in shown  # Sam chose not to include touch and sex
        await pilot.press("e")
        exported = reading.exported
        assert exported is not None and exported.parent == tmp_path

    markdown = exported.read_text()
    assert "| Starter | Sam | Alex |" in markdown
    assert f"| {gentle[0].text} | Sam's answer 0 | Alex's answer 0 |" in markdown
    sensitive = next(item for item in exercise.items if item.sensitive)
    sensitive_index = exercise.items.index(sensitive)
    assert f"| {sensitive.text} | (left out) | Alex's answer {sensitive_index} |" in markdown
    assert exported.stat().st_mode & 0o777 == 0o600
    [finished] = journal.rounds()
    assert finished.finished and [t.name for t in finished.turns] == ["Sam", "Alex"]
    assert not finished.turns[0].include_sensitive and finished.turns[1].include_sensitive


async def take_turn_start(pilot, name: str) -> None:
    await type_text(pilot, name)
    pilot.app.screen.query_one("#turn-sensitive").value = True
    await pilot.press("enter")


async def test_a_turn_left_partway_is_kept_and_carries_on_where_it_stopped(make_app, journal, library):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "b")
        await type_text(pilot, "Robin")
        await pilot.press("enter")
        await type_text(pilot, "first thought")
        await pilot.press("ctrl+n")
        await type_text(pilot, "half a second")
        await pilot.press("escape")
        assert isinstance(app.screen, ExercisesScreen)
        [kept] = journal.rounds()
        assert [a.text for a in kept.turns[0].answers] == ["first thought", "half a second"]
        assert "Robin is partway through" in screen_text(app.screen)
        await pilot.press("b")  # carries on from the first item not answered yet
        screen = app.screen
        assert isinstance(screen, ExerciseTurnScreen) and screen.item == 2
        assert screen.query_one("#turn-answer", TextArea).text == ""
        await pilot.press("ctrl+b")
        assert screen.query_one("#turn-answer", TextArea).text == "half a second"
        await pilot.press("ctrl+n", "escape")  # leaving on an item not touched doesn't skip it
        assert len(journal.rounds()[0].turns[0].answers) == 2


async def test_the_supporters_exercise_starts_with_its_questions(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7", "down", "b")
        screen = app.screen
        assert isinstance(screen, ExerciseTurnScreen) and screen.exercise.slug == "supporting"
        assert screen.item == 0 and isinstance(app.focused, TextArea)
        assert "in-the-moment-08" in [item.id for item in screen.items]
