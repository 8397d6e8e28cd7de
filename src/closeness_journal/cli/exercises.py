"""`closeness-journal exercises`: list the exercises and your rounds, do one on the terminal, and
export a finished round as Markdown (core/exercises.py holds the rules).

`do` asks one item a line on standard input (an empty line skips it). In an exercise for two,
run it once for each person: the second run carries on the round, without showing the first
person's answers, and prints both side by side once both are done.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from closeness_journal.cli.common import Failure, UsageError, opened, print_json
from closeness_journal.core.text import one_line, printable


def declare_options(parser: argparse.ArgumentParser, command: Callable[..., argparse.ArgumentParser]) -> None:
    """`exercises`' options and subcommands (`command` is the parser's own declaration; the
    command itself is declared in parser.py)."""
    parser.add_argument("--json", action="store_true", help="list: print the exercises and rounds as JSON")
    subcommands = parser.add_subparsers(dest="exercise_command", metavar="SUBCOMMAND")
    listing = command(
        subcommands, "list", list_exercises, "the exercises, and your rounds of them",
        "List the exercises and the rounds you have done or started (answers are never printed here).",
    )
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    do = command(
        subcommands, "do", do_exercise, "do an exercise here, one item a line",
        "Do an exercise on the terminal: each item is asked in turn and your answer is one line "
        "(an empty line skips it; end of input stops, keeping what you wrote). For two people, run "
        "it once each: the second run carries on the round.",
    )
    do.add_argument("exercise", metavar="EXERCISE", help="which exercise (see `closeness-journal exercises list`)")
    do.add_argument("--name", metavar="NAME", help="your name, as the answers will show it (asked if left out)")
    do.add_argument(
        "--include-touch", action=argparse.BooleanOptionalAction, default=None,
        help="include the items about touch and sex (asked if left out)",
    )
    do.add_argument("--new", action="store_true", help="start a new round even if one is waiting")
    export = command(
        subcommands, "export", export_round, "a finished round as Markdown, answers side by side",
        "Write a finished round as Markdown: for two people, a table with both sets of answers side "
        "by side. Files are written with mode 0600. Exercises are never in the journal's own export.",
    )
    export.add_argument("id", metavar="ID", help="the round's id (the first 4 or more characters are enough)")
    export.add_argument("-o", "--output", metavar="FILE", help="where to write (- for standard output)")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _library() -> Any:
    from closeness_journal.prompt_files import load_prompts

    loaded = load_prompts()
    for problem in loaded.problems:
        print(f"closeness-journal: skipped a prompt file: {problem}", file=sys.stderr)
    return loaded.library


def _round_json(round_: Any) -> dict[str, Any]:
    """A round for `list --json`: its answers only once everyone is done."""
    data = round_.to_json()
    names = [round_.name(i) for i in range(len(round_.turns))]
    summary = {key: data[key] for key in ("id", "exercise", "title", "local_date", "people")}
    summary.update(names=names, status=round_.status(), finished=round_.finished)
    if round_.finished:
        summary["turns"] = data["turns"]
    return summary


def list_exercises(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core.exercises import exercises_in

    exercises = exercises_in(_library())
    with opened(folder, reads_only=True) as journal:
        rounds = journal.rounds()
    if args.json:
        print_json(
            {
                "exercises": [
                    {
                        "exercise": e.slug, "title": e.title, "description": e.description, "people": e.people,
                        "items": [{"id": i.id, "text": i.text, "sensitive": i.sensitive} for i in e.items],
                    }
                    for e in exercises
                ],
                "rounds": [_round_json(r) for r in rounds],
            }
        )
        return 0
    print("Exercises (closeness-journal exercises do EXERCISE):")
    for exercise in exercises:
        who = "for two people" if exercise.people == 2 else "for one person"
        print(f"  {exercise.slug}: {one_line(exercise.title)} ({who}, {len(exercise.items)} items)")
        print(f"    {one_line(exercise.description)}")
    if rounds:
        print("\nYour rounds (closeness-journal exercises export ID):")
        for round_ in rounds:
            names = " and ".join(one_line(round_.name(i)) for i in range(len(round_.turns))) or "nobody yet"
            print(f"  {round_.id[:8]}  {round_.local_date}  {one_line(round_.title)} · {names} · {round_.status()}")
    return 0


def _wrapped(text: str) -> str:
    """Paragraphs folded to the terminal's width (at most 88 columns)."""
    width = min(shutil.get_terminal_size().columns, 88)
    return "\n\n".join(textwrap.fill(" ".join(part.split()), width) for part in printable(text).split("\n\n"))


def _ask(question: str) -> str | None:
    """One line from standard input (None at its end)."""
    print(question, flush=True)
    line = sys.stdin.readline()
    return None if line == "" else printable(line.rstrip("\n"))


def do_exercise(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core.exercises import Round, Turn, find_exercise

    library = _library()
    exercise = find_exercise(library, args.exercise)
    if exercise is None:
        raise UsageError(f"there is no exercise called {args.exercise!r} (see `closeness-journal exercises list`)")
    with opened(folder, daily_backup=True) as journal:
        waiting = [r for r in journal.rounds(exercise.slug) if not r.finished]
        if waiting and not args.new:
            round_ = waiting[0]
            print(f"Carrying on the round from {round_.local_date} ({round_.status()}).\n")
        else:
            round_ = Round.start(exercise, today)
        index = round_.turn_index or 0
        turn = round_.turns[index] if index < len(round_.turns) else None
        if turn is None:
            print(_wrapped(exercise.title) + "\n\n" + _wrapped(exercise.instructions) + "\n")
            name = args.name if args.name is not None else _ask("Your name, as your answers will show it:")
            include = args.include_touch
            if include is None and exercise.has_sensitive:
                reply = _ask("A few items are about touch and sex. Include them? (y/N)")
                include = (reply or "").strip().lower().startswith("y")
            turn = Turn(name=one_line(name or ""), include_sensitive=bool(include))
            round_ = journal.save_round(round_.with_turn(index, turn))
        items = exercise.items_for(turn.include_sensitive)
        for number, item in enumerate(items, start=1):
            if turn.answer(item.id) is not None:
                continue
            text = _ask(f"\n{number} of {len(items)}: {item.text}")
            if text is None:
                print("\nStopped partway; what you wrote is kept. Run the same command to go on.")
                return 0
            turn = turn.with_answer(item, text)
            round_ = journal.save_round(round_.with_turn(index, turn))
        done = Turn(turn.name, turn.include_sensitive, turn.answers, done=True)
        round_ = journal.save_round(round_.with_turn(index, done))
    if not round_.finished:
        print(
            f"\nThank you, {round_.name(index)}. Your answers are saved and kept out of sight. Now hand over: "
            f"the second person runs `closeness-journal exercises do {exercise.slug}`."
        )
        return 0
    _print_side_by_side(round_, exercise.items)
    print(f"\nTo keep a copy: closeness-journal exercises export {round_.id[:8]}")
    return 0


def _print_side_by_side(round_: Any, items: Any) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from closeness_journal.core.exercises import shown_answer, side_by_side

    table = Table(show_lines=True, expand=True)
    table.add_column("")
    for index in range(len(round_.turns)):
        table.add_column(Text(round_.name(index)))
    for row in side_by_side(round_, items):
        table.add_row(Text(row.item_text, style="bold"), *(Text(shown_answer(a)) for a in row.answers))
    print()
    Console(highlight=False).print(table)


def export_round(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import private_files
    from closeness_journal.core.exercises import find_exercise, render_markdown
    from closeness_journal.store.exercises import RoundNotFound

    with opened(folder, reads_only=True) as journal:
        try:
            round_ = journal.round(args.id)
        except RoundNotFound as error:
            raise Failure(str(error)) from None
    if not round_.finished:
        raise Failure(f"that round is {round_.status()}: its answers stay hidden until every turn is done")
    exercise = find_exercise(_library(), round_.exercise)
    output = args.output or f"closeness-journal-{round_.exercise}-{round_.local_date}.md"
    try:
        written = private_files.write_private(
            output, [render_markdown(round_, exercise.items if exercise else ())], force=args.force
        )
    except private_files.FileExists as error:
        raise Failure(str(error)) from None
    if written is not None:
        print(f"Written to {written}", file=sys.stderr)
    return 0
