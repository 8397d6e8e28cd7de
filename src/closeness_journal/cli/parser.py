"""The commands and their options. Each command is declared once, here, with the function that
runs it (`set_defaults(handler=...)`); `main` only calls `args.handler`.

Global options (`--data-dir`, `--version`) work before or after the command. A usage error is
two lines on standard error (what was wrong, and which `--help` to read) and exit code 2.
"""

from __future__ import annotations

import argparse
import re
import textwrap
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn

from closeness_journal import paths
from closeness_journal.cli import archive, check, encryption, entries, exercises, insights, ladder, start
from closeness_journal.cli.common import Handler
from closeness_journal.cli.options import (
    add_answer_option,
    add_checkin_options,
    category,
    choice,
    how_many,
)
from closeness_journal.core.vocabulary import (
    BEHAVIOURS,
    FEARS,
    RELATIONSHIPS,
)

PROG = "closeness-journal"

HISTORY_WARNING = (
    "Text given on the command line is saved in your shell's history. "
    "For anything private, use - (read from standard input) or leave TEXT out to use $EDITOR."
)

EDITOR_TEMPLATE = (
    "With no TEXT and no --answer, $VISUAL or $EDITOR opens on a file with the day's prompts as headings "
    "and a Free writing heading last: what you write under a prompt is your answer to it, and sections "
    "you leave empty are skipped."
)



def package_version() -> str:
    try:
        return version("closeness-journal")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


class HelpFormatter(argparse.HelpFormatter):
    """argparse's, without breaking a slug like `chose-unavailable` at its hyphen, or a scale's
    anchor like "10 overwhelming" at its (no-break) space."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(_spaced(text), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            _spaced(text), width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
        )


def _spaced(text: str) -> str:
    """Runs of ordinary white space as one space (a no-break space stays)."""
    return re.sub(r"[ \t\n]+", " ", text).strip()




class Parser(argparse.ArgumentParser):
    """argparse, with short usage errors: the message and a pointer to the right `--help`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

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
    group.add_argument(
        "--passphrase-fd", metavar="N", type=encryption.passphrase_fd,
        default=argparse.SUPPRESS if after_command else None,
        help="for an encrypted journal, read the passphrase from file descriptor N (one line each time one "
        "is needed) instead of asking on the terminal: for scripts",
    )


def _command(commands: Any, name: str, handler: Handler, summary: str, description: str) -> argparse.ArgumentParser:
    """Declare a command: its name, what runs it, a one-line summary and a description."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, formatter_class=HelpFormatter
    )
    parser.set_defaults(handler=handler, command_parser=parser)
    _add_global_options(parser, after_command=True)
    return parser


def build_parser() -> Parser:
    parser = MainParser(
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    _entry_commands(commands)
    _insight_commands(commands)
    _archive_commands(commands)
    exercises.add_commands(commands, _command)
    ladder.declare(commands, _command)
    _safekeeping_commands(commands)
    _command(
        commands, "demo", start.demo, "open the journal window on a made-up journal (your own is not touched)",
        "Open the journal window on a throw-away journal with 16 weeks of made-up "
        "entries, to look around. It is deleted when you quit; your own journal is never touched.",
    )
    _command(
        commands, "pause", start.pause, "open the journal window straight on a pause",
        "Open the journal window on a pause, for when the pull to get away is strong: a minute of slow "
        "breathing, then a short note of what just happened, saved as an entry.",
    )
    _command(
        commands, "support", start.support, "where to find support now",
        "Print where to find support now: emergency numbers and crisis lines wherever you are.",
    )
    _command(
        commands, "locate", start.locate, "print where your journal and prompt files live",
        "Print where your journal and prompt files live.",
    )
    return parser


def _entry_commands(commands: Any) -> None:
    write = _command(
        commands, "write", entries.write, "add an entry",
        "Add an entry and print its id: your answers to any prompts, free writing, and a check-in. "
        + EDITOR_TEMPLATE + " " + HISTORY_WARNING,
    )
    write.add_argument(
        "text", nargs="?", metavar="TEXT",
        help="your free writing; - reads it from standard input; leave out (with no --answer) to use $EDITOR",
    )
    add_answer_option(
        write, "your answer to a prompt, by its id (see `closeness-journal prompts`); repeatable; "
        "TEXT may be - to read it from standard input (- can be used once)",
    )
    add_checkin_options(write)

    listing = _command(
        commands, "list", entries.list_entries, "list entries, newest first",
        "List entries, newest first (best match first when searching).",
    )
    listing.add_argument(
        "-n", "--limit", type=how_many, default=20, metavar="N", help="how many (default 20; 0 for all)"
    )
    listing.add_argument("--since", metavar="D", help="from this day (YYYY-MM-DD)")
    listing.add_argument("--until", metavar="D", help="up to and including this day")
    listing.add_argument("--search", metavar="QUERY", help="words to look for in your answers, free writing, "
                         "small step and who")
    listing.add_argument(
        "--behaviour", "--behavior", dest="behaviours", action="append", type=choice(BEHAVIOURS), metavar="B",
        help="only entries with this behaviour (repeatable; see `write --help`)",
    )
    listing.add_argument(
        "--fear", dest="fears", action="append", type=choice(FEARS), metavar="F",
        help="only entries with this fear (repeatable)",
    )
    listing.add_argument(
        "--category", type=category, metavar="C",
        help="only entries where you pulled away (pulling-away) or pushed away (pushing-away)",
    )
    listing.add_argument(
        "--relationship", type=choice(RELATIONSHIPS), metavar="R", help="only entries about this relationship"
    )
    listing.add_argument(
        "--tag", dest="tags", action="append", metavar="TAG",
        help="only entries with this tag (repeatable: entries with all of them; case does not matter)",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array with every stored field")

    show = _command(
        commands, "show", entries.show, "show one entry in full",
        "Show one entry in full: each answer under its prompt, the free writing, and the check-in.",
    )
    show.add_argument("id", help="the entry's id (the first 4 or more characters are enough)")
    show.add_argument("--json", action="store_true", help="print the entry (and its earlier versions) as JSON")

    edit = _command(
        commands, "edit", entries.edit, "change an entry (the earlier version is kept)",
        "Change an entry; the earlier version is kept and can be seen with `show --json`. "
        "Only what you give changes. With no TEXT, no --answer and no check-in options, $VISUAL or $EDITOR "
        "opens on the entry's answers and free writing under their headings (and the day's other prompts). "
        + HISTORY_WARNING,
    )
    edit.add_argument("id", help="the entry's id (or its first characters)")
    edit.add_argument(
        "text", nargs="?", metavar="TEXT", help="new free writing; - reads standard input; leave out to use $EDITOR"
    )
    add_answer_option(
        edit, "replace or add your answer to a prompt (repeatable); an empty TEXT removes it; "
        "TEXT may be - to read it from standard input (- can be used once)",
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
        commands, "export", archive.export,
        "export for a therapist (Markdown or a printable page) or everything (JSON)",
        "Markdown, or a printable page (HTML, to open in a browser and print): a document for a therapist that opens "
        "with \"For my session\" (your note, the entries you flagged, peak moments, what helped, fear by "
        "relationship, your small steps) and a key, then a summary and your entries by week and day; entries "
        "marked private are left out unless you ask. JSON: everything in the journal (entries, earlier versions, "
        "trash, reviews, settings), for a backup or moving to another computer. Files are written with mode 0600, "
        "but they are plain text: anyone who can open the file can read it.",
    )
    export.add_argument(
        "--format", choices=["markdown", "html", "json"], default="markdown",
        help="markdown (default), html (a printable page) or json",
    )
    export.add_argument(
        "--since", metavar="D",
        help="from this day (default: your first entry); or `last`: only what you wrote, changed or flagged since "
        "your last Markdown or HTML export (everything if there was none)",
    )
    export.add_argument("--until", metavar="D", help="up to and including this day (default: today)")
    export.add_argument("--include-private", action="store_true", help="include entries marked private")
    export.add_argument(
        "--agenda", metavar="TEXT",
        help="what you want to talk about at your next session: kept in your journal and shown first, "
        "until you change it (- reads standard input; \"\" clears it)",
    )
    export.add_argument(
        "--redact", action="store_true",
        help="replace names written in \"who\" with the relationship (\"my partner\", \"a friend\"), where "
        "they are written the same way",
    )
    export.add_argument(
        "--redact-name", dest="redact_names", action="append", metavar="NAME",
        help="also replace NAME, a name mentioned only in your writing (repeatable; NAME=WORDS says what it "
        "becomes, else \"someone\"; implies --redact)",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE",
        help="where to write (- for standard output; default: closeness-journal-export-DATE.md, .html or .json here)",
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
        commands, "encrypt", encryption.encrypt, "encrypt your journal and its backups with a passphrase",
        "Encrypt your journal, and the backups in its folder, with a passphrase you choose (asked twice; "
        "SQLCipher, with a key made from the passphrase by Argon2id). From then on every command and the "
        "window ask for it. Each file is written anew, checked, then put in place of the old one. Exports "
        "stay plain text. If you forget the passphrase, nothing can open your journal again. Close the "
        "journal window first.",
    )
    _command(
        commands, "decrypt", encryption.decrypt, "make your journal plain (not encrypted) again",
        "Decrypt your journal and the backups in its folder, so they open without a passphrase (and "
        "anyone who can read the files can read them). Close the journal window first.",
    )
    _command(
        commands, "passphrase", encryption.change_passphrase, "change your encrypted journal's passphrase",
        "Change the passphrase of your encrypted journal: asks for the current one, then the new one twice. "
        "The journal and the backups in its folder are written anew under the new one; the old one no "
        "longer opens them. Close the journal window first.",
    )
    _command(
        commands, "check", check.check, "check that your journal is well",
        "Check the journal: SQLite's integrity check and the search index's, that its files are private "
        "(the folder 0700, the files 0600), how old the newest backup is, and drafts that closed windows "
        "left. Exit 0 when all is well (with a short summary), 1 with one line per problem.",
    )


class MainParser(Parser):
    """The top-level parser: its help ends with a line of its own naming `support`."""

    def format_help(self) -> str:
        from closeness_journal.core.support import COMMAND

        return f"{super().format_help()}\nIf you need support now: {COMMAND}\n"
