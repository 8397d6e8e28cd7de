"""The options shared by several commands: the check-in's, `--answer`, and the types that read
a scale, a count, a slug or a category (each naming what would work when it can't)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Mapping

from closeness_journal.core.vocabulary import (
    ACTED,
    BEHAVIOURS,
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SABOTAGE,
    SABOTAGE_BEHAVIOURS,
    SCALE_ANCHORS,
    STAYED,
    WITHDRAWAL,
    WITHDRAWAL_BEHAVIOURS,
)

NO_BREAK = "\N{NO-BREAK SPACE}"
ANCHORS = f"{NO_BREAK}· ".join(part.replace(" ", NO_BREAK) for part in SCALE_ANCHORS.split(" · "))
"""The anchors of a 0-10 scale, each number kept on the line of its word (and a · on the line before)."""

CATEGORY_CHOICES = {"pulling-away": WITHDRAWAL, "pushing-away": SABOTAGE, WITHDRAWAL: WITHDRAWAL, SABOTAGE: SABOTAGE}
"""What `list --category` accepts: the words shown, and the stored slugs, which keep working."""


def scale(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is outside 0 to 10")
    return value


def how_many(text: str) -> int:
    """A count of entries: a whole number small enough for SQLite (`list` refuses negative ones)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value >= 2**63:
        raise argparse.ArgumentTypeError(f"{text} is more than could ever be listed; give 0 to list them all")
    return value


def one_of(vocabulary: Iterable[str]) -> str:
    return ", ".join(vocabulary)


def choice(vocabulary: Mapping[str, str]) -> Callable[[str], str]:
    """An option's type that accepts only the vocabulary's slugs, and names them when given another."""

    def check(text: str) -> str:
        value = text.strip()
        if value not in vocabulary:
            raise argparse.ArgumentTypeError(f"{text!r} is not one of: {one_of(vocabulary)}")
        return value

    return check


def category(text: str) -> str:
    """`pulling-away` or `pushing-away` (the stored slugs still work), as the stored slug."""
    value = text.strip()
    if value not in CATEGORY_CHOICES:
        raise argparse.ArgumentTypeError(f"{text!r} is not one of: pulling-away, pushing-away")
    return CATEGORY_CHOICES[value]


def add_checkin_options(parser: argparse.ArgumentParser) -> None:
    """The check-in, for `write` and `edit` (their dests are `entries.CHECKIN_OPTIONS`)."""
    group = parser.add_argument_group("check-in (all optional)")
    group.add_argument("--who", metavar="NAME", help="who it was with: a name or a role")
    group.add_argument(
        "--relationship", type=choice(RELATIONSHIPS), metavar="R", help=f"one of: {one_of(RELATIONSHIPS)}"
    )
    group.add_argument(
        "--behaviour", "--behavior", dest="behaviours", action="append", type=choice(BEHAVIOURS), metavar="B",
        help=f"what you did (repeatable). Pulling away: {one_of(WITHDRAWAL_BEHAVIOURS)}. "
        f"Pushing away: {one_of(SABOTAGE_BEHAVIOURS)}",
    )
    group.add_argument(
        "--stayed", dest="stayed", action="append", type=choice(STAYED), metavar="S",
        help=f"what you did to stay close (repeatable): {one_of(STAYED)}",
    )
    group.add_argument(
        "--fear", dest="fears", action="append", type=choice(FEARS), metavar="F",
        help=f"what you feared (repeatable): {one_of(FEARS)}",
    )
    group.add_argument("--intensity", type=scale, metavar="0-10", help=f"how strong the fear was ({ANCHORS})")
    group.add_argument(
        "--urge", type=scale, metavar="0-10", help=f"how strong the pull to get away was ({ANCHORS})"
    )
    group.add_argument(
        "--acted", type=choice(ACTED), metavar="A", help=f"did you act on that pull: {one_of(ACTED)}"
    )
    group.add_argument(
        "--kind", dest="kinds", action="append", type=choice(KINDS), metavar="K",
        help=f"kind of closeness involved (repeatable): {one_of(KINDS)}",
    )
    group.add_argument(
        "--close-before", action=argparse.BooleanOptionalAction, default=None,
        help="a moment of closeness came just before",
    )
    group.add_argument("--step", metavar="TEXT", help="the small step you took, in your words")
    group.add_argument(
        "--predicted", type=scale, metavar="0-10",
        help=f"for a planned step: how hard you expected it to be ({ANCHORS})",
    )
    group.add_argument(
        "--outcome", type=scale, metavar="0-10", help=f"…and how hard it really was ({ANCHORS})"
    )
    group.add_argument("--ladder", metavar="ID", help="the rung of your ladder this step tried (see `closeness-"
                       "journal ladder list`; its words are the step unless --step says more); \"\" for none")
    group.add_argument(
        "--private", action=argparse.BooleanOptionalAction, default=None,
        help="mark this entry private (the Markdown export leaves it out unless you ask for it)",
    )
    group.add_argument(
        "--flag", dest="flagged", action=argparse.BooleanOptionalAction, default=None,
        help="flag this entry to bring up at your next session (the export lists it first)",
    )
    group.add_argument("--tag", dest="tags", action="append", metavar="TAG", help="a tag of your own (repeatable)")
    group.add_argument(
        "--prompt", metavar="ID",
        help="TEXT is your answer to this prompt (see `closeness-journal prompts`); without TEXT, "
        "its heading is in the $EDITOR file",
    )
    group.add_argument("--date", metavar="YYYY-MM-DD", help="the day this is about (default: today)")


def add_answer_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--answer", dest="answers", action="append", nargs=2, metavar=("PROMPT_ID", "TEXT"), help=help_text
    )


