"""The commands and their options. Each command is declared once, here, with the function that
runs it (`set_defaults(handler=...)`); `main` only calls `args.handler`.

Global options (`--data-dir`, `--version`) work before or after the command. A usage error is
two lines on standard error (what was wrong, and which `--help` to read) and exit code 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn

from closeness_journal import paths
from closeness_journal.cli import archive, check, entries, insights, start
from closeness_journal.cli.common import Handler
from closeness_journal.core.vocabulary import ACTED, BEHAVIOURS, FEARS, KINDS, RELATIONSHIPS, SCALE_ANCHORS, STAYED

PROG = "closeness-journal"

HISTORY_WARNING = (
    "Text given on the command line is saved in your shell's history. "
    "For anything private, use - (read from standard input) or leave TEXT out to use $EDITOR."
)


def package_version() -> str:
    try:
        return version("closeness-journal")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


class Parser(argparse.ArgumentParser):
    """argparse, with short usage errors: the message and a pointer to the right `--help`."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\nTry '{self.prog} --help' for more.\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> argparse.Namespace:
        """As argparse's, but words left over are reported by the command they were given to."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            getattr(parsed, "command_parser", self).error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed


def _add_global_options(parser: argparse.ArgumentParser, after_command: bool) -> None:
    """`--data-dir` and `--version`, on the main parser and again on each command. After the
    command they default to "not given" (SUPPRESS), so they don't undo what came before it."""
    group = parser.add_argument_group("global options (before or after the command)") if after_command else parser
    group.add_argument("--version", action="version", version=f"{PROG} {package_version()}")
    group.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS if after_command else None,
        help=f"use the journal in DIR (default: ${paths.DATA_ENV} or your user data folder)",
    )


def _command(commands: Any, name: str, handler: Handler, summary: str, description: str) -> argparse.ArgumentParser:
    """Declare a command: its name, what runs it, a one-line summary and a description."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=summary, description=description)
    parser.set_defaults(handler=handler, command_parser=parser)
    _add_global_options(parser, after_command=True)
    return parser


def _scale(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is outside 0 to 10")
    return value


def _how_many(text: str) -> int:
    """A count of entries: a whole number small enough for SQLite (`list` refuses negative ones)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value >= 2**63:
        raise argparse.ArgumentTypeError(f"{text} is more than could ever be listed; give 0 to list them all")
    return value


def _one_of(vocabulary: Iterable[str]) -> str:
    return ", ".join(vocabulary)


def add_checkin_options(parser: argparse.ArgumentParser) -> None:
    """The check-in, for `write` and `edit` (their dests are `entries.CHECKIN_OPTIONS`)."""
    group = parser.add_argument_group("check-in")
    group.add_argument("--who", help="who it was with: a name or a role (free text)")
    group.add_argument("--relationship", metavar="R", help=f"one of: {_one_of(RELATIONSHIPS)}")
    group.add_argument(
        "--behaviour", "--behavior", dest="behaviours", action="append", metavar="B",
        help=f"what you did (repeatable): {_one_of(BEHAVIOURS)}",
    )
    group.add_argument(
        "--fear", dest="fears", action="append", metavar="F", help=f"what you feared (repeatable): {_one_of(FEARS)}",
    )
    group.add_argument(
        "--stayed", dest="stayed", action="append", metavar="S",
        help=f"what you did to stay close (repeatable): {_one_of(STAYED)}",
    )
    group.add_argument("--intensity", type=_scale, metavar="0-10", help=f"how strong the fear was ({SCALE_ANCHORS})")
    group.add_argument("--urge", type=_scale, metavar="0-10", help="how strong the pull to get away was (same scale)")
    group.add_argument("--acted", metavar="A", help=f"whether you acted on the pull: {_one_of(ACTED)}")
    group.add_argument(
        "--kind", dest="kinds", action="append", metavar="K",
        help=f"kind of closeness involved (repeatable): {_one_of(KINDS)}",
    )
    group.add_argument(
        "--close-before", action=argparse.BooleanOptionalAction, default=None,
        help="a moment of closeness came just before",
    )
    group.add_argument("--step", help="the small step you took (free text)")
    group.add_argument(
        "--predicted", type=_scale, metavar="0-10", help="for a planned step: how hard you expected it to feel"
    )
    group.add_argument("--outcome", type=_scale, metavar="0-10", help="…and how hard it really was (same scale)")
    group.add_argument(
        "--private", action=argparse.BooleanOptionalAction, default=None,
        help="mark this entry private (the Markdown export leaves it out unless you ask for it)",
    )
    group.add_argument("--tag", dest="tags", action="append", metavar="TAG", help="a tag (repeatable)")
    group.add_argument("--prompt", metavar="ID", help="the id of the prompt you answered (see `prompts`)")
    group.add_argument("--date", metavar="YYYY-MM-DD", help="the day this is about (default: today)")


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description=(
            "A private journal for the moments you want closeness and pull away. "
            "Run it with no command to open the journal. Everything stays on this computer."
        ),
        epilog=(
            f"Your journal lives in the data folder: --data-dir, else ${paths.DATA_ENV}, "
            "else your platform's user data folder (see `closeness-journal locate`)."
        ),
    )
    _add_global_options(parser, after_command=False)
    parser.set_defaults(handler=start.open_window)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _entry_commands(commands)
    _insight_commands(commands)
    _archive_commands(commands)
    _safekeeping_commands(commands)
    _command(
        commands, "demo", start.demo, "open the journal window on a made-up journal (your own is not touched)",
        "Open the journal window on a throw-away journal with 16 weeks of made-up "
        "entries, to look around. It is deleted when you quit; your own journal is never touched.",
    )
    _command(
        commands, "locate", start.locate, "print where your journal and prompt files live",
        "Print where your journal and prompt files live.",
    )
    return parser


def _entry_commands(commands: Any) -> None:
    write = _command(
        commands, "write", entries.write, "add an entry", "Add an entry and print its id. " + HISTORY_WARNING
    )
    write.add_argument(
        "text", nargs="?", metavar="TEXT",
        help="what you want to write; - reads it from standard input; leave out to use $EDITOR",
    )
    add_checkin_options(write)

    listing = _command(
        commands, "list", entries.list_entries, "list entries, newest first",
        "List entries, newest first (best match first when searching).",
    )
    listing.add_argument(
        "-n", "--limit", type=_how_many, default=20, metavar="N", help="how many (default 20; 0 for all)"
    )
    listing.add_argument("--since", metavar="D", help="from this day (YYYY-MM-DD)")
    listing.add_argument("--until", metavar="D", help="up to and including this day")
    listing.add_argument("--search", metavar="QUERY", help="words to look for in the text, small step and who")
    listing.add_argument(
        "--behaviour", "--behavior", dest="behaviours", action="append", metavar="B",
        help="only entries with this behaviour (repeatable)",
    )
    listing.add_argument(
        "--fear", dest="fears", action="append", metavar="F", help="only entries with this fear (repeatable)"
    )
    listing.add_argument("--category", metavar="C", help="withdrawal (pulling away) or sabotage (pushing away)")
    listing.add_argument("--relationship", metavar="R", help="only entries about this relationship")
    listing.add_argument("--json", action="store_true", help="print a JSON array with every stored field")

    show = _command(
        commands, "show", entries.show, "show one entry in full", "Show one entry in full, with its check-in."
    )
    show.add_argument("id", help="the entry's id (the first 4 or more characters are enough)")
    show.add_argument("--json", action="store_true", help="print the entry (and its earlier versions) as JSON")

    edit = _command(
        commands, "edit", entries.edit, "change an entry (the earlier version is kept)",
        "Change an entry; the earlier version is kept and can be seen with `show --json`. "
        "Only the options you give change. " + HISTORY_WARNING,
    )
    edit.add_argument("id", help="the entry's id (or its first characters)")
    edit.add_argument(
        "text", nargs="?", metavar="TEXT", help="new text; - reads standard input; leave out to edit in $EDITOR"
    )
    add_checkin_options(edit)

    delete = _command(
        commands, "delete", entries.delete, "move an entry to the trash",
        "Move an entry to the trash. It can be restored until you empty the trash.",
    )
    delete.add_argument("id", help="the entry's id (or its first characters)")

    trash = _command(
        commands, "trash", entries.trash, "list the trash, or empty it",
        "List entries in the trash. --empty deletes them for good.",
    )
    trash.add_argument("--empty", action="store_true", help="delete everything in the trash for good")
    trash.add_argument("--yes", action="store_true", help="with --empty: don't ask for confirmation")
    trash.add_argument("--json", action="store_true", help="print the trash as JSON")

    restore = _command(
        commands, "restore", entries.restore, "bring an entry back from the trash",
        "Bring an entry back from the trash.",
    )
    restore.add_argument("id", help="the entry's id (or its first characters)")


def _insight_commands(commands: Any) -> None:
    prompts = _command(
        commands, "prompts", insights.prompts, "print a day's prompts",
        "Print the prompts for a day: the three core questions and one deeper one.",
    )
    prompts.add_argument("--date", metavar="D", help="which day (default: today)")
    prompts.add_argument("--json", action="store_true", help="print them as JSON")

    patterns = _command(
        commands, "patterns", insights.patterns, "pulling and pushing away over time",
        "Pulling away and pushing away per week or month, what came before, and how "
        "your small steps went. Default: the last 8 weeks.",
    )
    patterns.add_argument("--since", metavar="D", help="from this day (default: 8 weeks ago)")
    patterns.add_argument("--until", metavar="D", help="up to and including this day (default: today)")
    patterns.add_argument(
        "--by", choices=["week", "month"], help="group by week or month (default: by the length of the range)"
    )
    patterns.add_argument("--json", action="store_true", help="print the figures as JSON")

    review = _command(
        commands, "review", insights.review, "look back on a week",
        "Look back on a week (Monday to Sunday): pulling and pushing away, small steps "
        "and fear beside the week before, and your saved answers. Default: the last complete week.",
    )
    review.add_argument(
        "--week", metavar="YYYY-Www", help="which week, like 2026-W47 (default: the last complete week)"
    )
    review.add_argument("--json", action="store_true", help="print the review as JSON")


def _archive_commands(commands: Any) -> None:
    export = _command(
        commands, "export", archive.export, "export for a therapist (Markdown) or everything (JSON)",
        "Markdown: a readable document for a therapist, with a one-minute summary and "
        "then your entries by week and day; entries marked private are left out unless you ask. "
        "JSON: everything in the journal (entries, earlier versions, trash, reviews, settings), "
        "for a backup or moving to another computer. Files are written with mode 0600.",
    )
    export.add_argument(
        "--format", choices=["markdown", "json"], default="markdown", help="markdown (default) or json"
    )
    export.add_argument("--since", metavar="D", help="markdown: from this day (default: your first entry)")
    export.add_argument("--until", metavar="D", help="markdown: up to and including this day (default: today)")
    export.add_argument("--include-private", action="store_true", help="markdown: include entries marked private")
    export.add_argument(
        "--redact", action="store_true",
        help="markdown: replace names with the relationship (\"a partner\", \"a friend\")",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE",
        help="where to write (- for standard output; default: closeness-journal-export-DATE.md or .json here)",
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    importer = _command(
        commands, "import", archive.import_file, "add entries from a backup or from jrnl",
        "Add what a file holds to your journal: a JSON export of closeness-journal, or a "
        "jrnl journal (its plain-text file or `jrnl --format json`). Entries already in your journal "
        "are skipped, so importing twice adds nothing. A file with a problem is refused whole.",
    )
    importer.add_argument("file", metavar="FILE", help="the file to import")
    importer.add_argument(
        "--format", choices=["json", "jrnl"],
        help="json (a closeness-journal export) or jrnl; default: worked out from the file",
    )

    backup = _command(
        commands, "backup", archive.backup, "make a checked copy of the whole journal",
        "Make a consistent, checked copy of the whole journal (SQLite's online backup, "
        "then quick_check), mode 0600. The journal also backs itself up into the backups folder "
        "the first time each day that it opens in the window or a command changes it, keeping the last 14.",
    )
    backup.add_argument(
        "-o", "--output", metavar="FILE", help="where to write (default: the backups folder, named by date and time)"
    )
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _safekeeping_commands(commands: Any) -> None:
    restore = _command(
        commands, "restore-backup", archive.restore_backup, "put a backup back in place of your journal",
        "Replace your journal with a backup (a file from the backups folder, or one `backup -o` made). "
        "The backup is checked first (SQLite's quick_check, and that it is a closeness-journal this "
        "version can open), and your journal as it is now is kept in the backups folder before it is "
        "replaced. Close the journal window first.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to put back")
    restore.add_argument("--yes", action="store_true", help="don't ask for confirmation (for scripts)")

    _command(
        commands, "check", check.check, "check that your journal is well",
        "Check the journal: SQLite's integrity check and the search index's, that its files are private "
        "(the folder 0700, the files 0600), how old the newest backup is, and drafts that closed windows "
        "left. Exit 0 when all is well (with a short summary), 1 with one line per problem.",
    )
