"""The `ladder` command (add, list, edit, retire a rung) and `--ladder ID` on `write` and `edit`.

A rung's id can be given by its first 4 or more characters. An id that matches no rung (or more
than one) is a usage error that points to `ladder list`; nothing is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from closeness_journal.cli.common import UsageError, opened, print_json
from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import (
    HARD_MAX,
    HARD_MIN,
    HARD_WORDS,
    LadderRung,
    Rung,
    attempt_words,
    gap_words,
    hard_words,
    ladder_json,
    suggest,
)
from closeness_journal.core.text import one_line

LIST_HINT = "see your rungs and their ids with: closeness-journal ladder list"


def _hard(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from {HARD_MIN} to {HARD_MAX}") from None
    if not HARD_MIN <= value <= HARD_MAX:
        raise argparse.ArgumentTypeError(f"{value} is outside {HARD_MIN} to {HARD_MAX}")
    return value


def declare_options(ladder: argparse.ArgumentParser, command: Callable[..., argparse.ArgumentParser]) -> None:
    """`ladder`'s four actions (`command` is the parser's way to declare one; `ladder` itself is
    declared in parser.py)."""
    ladder.set_defaults(json=False, retired=False)
    actions = ladder.add_subparsers(dest="ladder_action", metavar="ACTION")

    add = command(
        actions, "add", add_rung, "add a rung and print its id",
        "Add a step you want to be able to take, and print its id.",
    )
    add.add_argument("text", metavar="TEXT", help="the step, in your words, like \"Tell Sam one true thing\"")
    add.add_argument("--hard", type=_hard, required=True, metavar="N", help=f"how hard it feels now ({HARD_WORDS})")
    add.add_argument("--who", metavar="NAME", default="", help="who it is with (a name or a role)")

    listing = command(
        actions, "list", list_rungs, "the ladder, easiest first, each rung with its attempts",
        "The ladder, easiest first: each rung with how hard it feels now (0-100), and each time you "
        "tried it with how hard you expected it to be and how hard it really was (0-10); then the "
        "rung to try next, and why.",
    )
    listing.add_argument("--json", action="store_true", help="print the rungs (retired ones too) as JSON")
    listing.add_argument("--retired", action="store_true", help="also list the rungs you retired")

    edit = command(
        actions, "edit", edit_rung, "change a rung's words, how hard it feels, or who with",
        "Change a rung: only what you give changes. Its attempts stay with it. Moving a rung up or down "
        "the ladder is changing how hard it feels (--hard).",
    )
    edit.add_argument("id", help="the rung's id (its first 4 or more characters are enough)")
    edit.add_argument("--text", metavar="T", help="the step, in new words")
    edit.add_argument("--hard", type=_hard, metavar="N", help=f"how hard it feels now ({HARD_WORDS})")
    edit.add_argument("--who", metavar="W", help="who it is with (\"\" for no one in particular)")

    retire = command(
        actions, "retire", retire_rung, "take a rung off the ladder (it and its attempts are kept)",
        "Take a rung off the ladder. Nothing is deleted: the rung and its attempts are kept, and "
        "`ladder list --retired` still shows them.",
    )
    retire.add_argument("id", help="the rung's id (its first 4 or more characters are enough)")


def find_rung(journal: Any, rung_id: str) -> Rung:
    """The rung with this id (or its first characters); a wrong id is a usage error naming `ladder list`."""
    from closeness_journal.store import RungNotFound

    try:
        return journal.rung(rung_id)
    except RungNotFound as error:
        raise UsageError(f"{error}; {LIST_HINT}") from None


def with_rung(journal: Any, entry: Entry, given: str | None) -> Entry:
    """The entry trying the rung given with `--ladder` (unchanged when not given; "" clears it).
    When the step has no words of its own, the rung's words are the step."""
    if given is None:
        return entry
    if not given.strip():
        return replace(entry, checkin=replace(entry.checkin, rung=None))
    rung = find_rung(journal, given)
    checkin = replace(entry.checkin, rung=rung.id, small_step=entry.checkin.small_step or rung.text)
    return replace(entry, checkin=checkin)


def add_rung(args: argparse.Namespace, folder: Path, today: date) -> int:
    rung = Rung(text=args.text, hard=args.hard, who=args.who).validated()
    with opened(folder, daily_backup=True) as journal:
        saved = journal.add_rung(rung)
    print(saved.id)
    return 0


def edit_rung(args: argparse.Namespace, folder: Path, today: date) -> int:
    if args.text is None and args.hard is None and args.who is None:
        raise UsageError("nothing to change: give --text, --hard or --who")
    with opened(folder, daily_backup=True) as journal:
        rung = find_rung(journal, args.id)
        changes = {name: value for name in ("text", "hard", "who") if (value := getattr(args, name)) is not None}
        updated = journal.update_rung(replace(rung, **changes))
    print(updated.id)
    return 0


def retire_rung(args: argparse.Namespace, folder: Path, today: date) -> int:
    with opened(folder, daily_backup=True) as journal:
        rung = journal.retire_rung(find_rung(journal, args.id).id)
    print(f"Retired: {rung.id}. It and its attempts are kept; `ladder list --retired` shows them.")
    return 0


def list_rungs(args: argparse.Namespace, folder: Path, today: date) -> int:
    with opened(folder, reads_only=True) as journal:
        ladder = journal.ladder(retired=args.json or args.retired)
    if args.json:
        print_json(ladder_json(ladder))
        return 0
    for line in ladder_lines(ladder):
        print(line)
    return 0


def ladder_lines(ladder: tuple[LadderRung, ...]) -> list[str]:
    """The ladder as lines of plain text, easiest first, then the rung to try next."""
    active = [step for step in ladder if not step.rung.retired]
    retired = [step for step in ladder if step.rung.retired]
    if not ladder:
        return [
            "Your ladder is empty so far. Add a step you'd like to be able to take, with how hard it feels now:",
            '  closeness-journal ladder add "Tell Sam one true thing about my day" --hard 30 --who Sam',
        ]
    lines = ["Your ladder, easiest first. How hard a rung feels now is out of 100; each try, out of 10.", ""]
    for step in active:
        lines += _rung_lines(step)
    suggestion = suggest(active)
    if suggestion.step is not None:
        lines += [f"Next to try: {one_line(suggestion.step.rung.text)}", f"  {suggestion.reason}"]
    else:
        lines.append(suggestion.reason)
    if retired:
        lines += ["", "Rungs you retired (kept, with their attempts):", ""]
        for step in retired:
            lines += _rung_lines(step)
    return lines


def _rung_lines(step: LadderRung) -> list[str]:
    rung = step.rung
    who = f"  (with {one_line(rung.who)})" if rung.who else ""
    lines = [f"{rung.id[:8] if rung.id else '?'}  {one_line(rung.text)}{who}",
             f"          {hard_words(rung)} · {gap_words(step)}"]
    for attempt in step.attempts:
        lines.append(f"          {attempt.day.isoformat()}  {attempt_words(attempt)}  (entry {attempt.entry_id[:8]})")
    return lines + [""]
