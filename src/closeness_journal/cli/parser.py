"""The command line's grammar. Each command is declared once, with the function that runs it
(`set_defaults(handler=...)`): in commands.py, or here for the window's commands, `exercises` and
`ladder`; `main` only calls `args.handler`.

Global options (`--data-dir`, `--version`) work before or after the command. A usage error is
two lines on standard error (what was wrong, and which `--help` to read) and exit code 2.

A command's options are declared when it is used (or its help is shown), and its handler's module
is imported only when it runs: `list` doesn't pay for declaring `write` or importing the ladder.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from closeness_journal import paths
from closeness_journal.cli.encryption import passphrase_fd

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
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("closeness-journal")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


class VersionAction(argparse.Action):
    """argparse's `version` action, looking the version up only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str = "show program's version number and exit") -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option_string: Any = None) -> None:
        formatter = parser._get_formatter()
        formatter.add_text(f"{PROG} {package_version()}")
        parser._print_message(formatter.format_help(), sys.stdout)
        parser.exit()


class Lazy:
    """A command's handler, `cli/<module>.py`'s `name`, imported only when the command runs."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, args: argparse.Namespace, folder: Path, today: date) -> int:
        handler = getattr(importlib.import_module(f"closeness_journal.cli.{self.module}"), self.name)
        return int(handler(args, folder, today))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lazy) and (self.module, self.name) == (other.module, other.name)

    def __hash__(self) -> int:
        return hash((self.module, self.name))

    def __repr__(self) -> str:
        return f"Lazy({self.module}.{self.name})"


Declare = Callable[[argparse.ArgumentParser], None]


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


class Commands(dict):  # type: ignore[type-arg]
    """argparse's map from a command's name to its parser, where a parser is made the first time
    it is looked up: `list` makes two parsers instead of 22 (each costs argparse's translation
    look-ups). Names are known (`in`, order, the help's list) without making any."""

    def __init__(self) -> None:
        super().__init__()
        self._make: dict[str, Callable[[], argparse.ArgumentParser]] = {}

    def later(self, name: str, make: Callable[[], argparse.ArgumentParser]) -> None:
        super().__setitem__(name, None)
        self._make[name] = make

    def __getitem__(self, name: str) -> argparse.ArgumentParser:
        parser = super().__getitem__(name)
        if parser is None:
            parser = self._make.pop(name)()
            super().__setitem__(name, parser)
        return parser

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default  # noqa: SIM401 (self.get would recurse)

    def values(self) -> list[argparse.ArgumentParser]:  # type: ignore[override]
        return [self[name] for name in self]

    def items(self) -> list[tuple[str, argparse.ArgumentParser]]:  # type: ignore[override]
        return [(name, self[name]) for name in self]


class SubParsers(argparse._SubParsersAction):
    """argparse's subcommands, with `add_later`: a command whose parser is made when it is used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._name_parser_map = self.choices = Commands()

    def add_later(self, name: str, summary: str, made: Callable[[argparse.ArgumentParser], None],
                  **kwargs: Any) -> None:
        """`add_parser(name, help=summary, **kwargs)`, done when the command is first looked up;
        then `made(parser)`."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), summary))

        def make() -> argparse.ArgumentParser:
            parser = self._parser_class(prog=f"{self._prog_prefix} {name}", **kwargs)
            made(parser)
            return parser

        self._name_parser_map.later(name, make)


class Parser(argparse.ArgumentParser):
    """argparse, with short usage errors: the message and a pointer to the right `--help`."""

    def __init__(self, *args: Any, declare: Declare | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", SubParsers)
        self._declare = declare

    def declared(self) -> Parser:
        """This parser with its options: they are declared the first time they are needed."""
        if self._declare is not None:
            declare, self._declare = self._declare, None
            declare(self)
        return self

    def format_usage(self) -> str:
        return super(Parser, self.declared()).format_usage()

    def format_help(self) -> str:
        return super(Parser, self.declared()).format_help()

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> tuple[argparse.Namespace, list[str]]:
        return super(Parser, self.declared()).parse_known_args(args, namespace)

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
    """`--data-dir`, `--passphrase-fd` and `--version`, on the main parser and again on each command. After the
    command they default to "not given" (SUPPRESS), so they don't undo what came before it."""
    group = parser.add_argument_group("global options (before or after the command)") if after_command else parser
    group.add_argument("--version", action=VersionAction)
    group.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS if after_command else None,
        help=f"use the journal in DIR (default: ${paths.DATA_ENV} or your user data folder)",
    )
    group.add_argument(
        "--passphrase-fd", metavar="N", type=passphrase_fd,
        default=argparse.SUPPRESS if after_command else None,
        help="for an encrypted journal, read the passphrase from file descriptor N (one line each time one "
        "is needed) instead of asking on the terminal: for scripts",
    )


def _command(
    commands: Any, name: str, handler: Callable[..., int], summary: str, description: str,
    declare: Declare | None = None,
) -> Any:
    """Declare a command: its name, what runs it, a one-line summary and a description. With
    `declare` (which adds its own options), its parser is made when the command is used or its
    help is shown, and None is returned; without, the parser is made now and returned, for the
    caller to add options to."""

    def options(parser: argparse.ArgumentParser) -> None:
        _add_global_options(parser, after_command=True)
        if declare is not None:
            declare(parser)

    def made(parser: argparse.ArgumentParser) -> None:
        parser.set_defaults(handler=handler, command_parser=parser)

    if declare is not None:
        commands.add_later(name, summary, made, description=description, formatter_class=HelpFormatter,
                           declare=options)
        return None
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, formatter_class=HelpFormatter
    )
    options(parser)  # the caller's options come after the global ones
    made(parser)
    return parser


def no_options(parser: argparse.ArgumentParser) -> None:
    """For `_command`: a command with only the global options."""


def _declared_in(module: str) -> Declare:
    """A command whose options and subcommands `cli/<module>.py` declares (`declare_options`)."""

    def declare(parser: argparse.ArgumentParser) -> None:
        importlib.import_module(f"closeness_journal.cli.{module}").declare_options(parser, _command)

    return declare


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
    parser.set_defaults(handler=Lazy("start", "open_window"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    from closeness_journal.cli.commands import archive_commands, entry_commands, insight_commands, safekeeping_commands

    entry_commands(commands)
    insight_commands(commands)
    archive_commands(commands)
    _command(
        commands, "exercises", Lazy("exercises", "list_exercises"),
        "exercises apart from the daily prompts: list, do, export",
        "Exercises done apart from the daily prompts: a sentence-completion exercise for two people "
        "(each fills it in alone, in turn; the second doesn't see the first's answers until both are "
        "done), and questions for someone supporting a person who pulls away. With no subcommand: list.",
        _declared_in("exercises"),
    )
    _command(
        commands, "ladder", Lazy("ladder", "list_rungs"), "your ladder of small steps: add, list, edit, retire",
        "Your ladder of small steps: steps you want to be able to take, from easiest to hardest, each "
        "with how hard it feels now (0-100) and what happened each time you tried it. Try a rung with "
        "`write --ladder ID --predicted N --outcome N`. With no action, lists the ladder.",
        _declared_in("ladder"),
    )
    safekeeping_commands(commands)
    _command(
        commands, "demo", Lazy("start", "demo"),
        "open the journal window on a made-up journal (your own is not touched)",
        "Open the journal window on a throw-away journal with 16 weeks of made-up "
        "entries, to look around. It is deleted when you quit; your own journal is never touched.",
        no_options,
    )
    _command(
        commands, "pause", Lazy("start", "pause"), "open the journal window straight on a pause",
        "Open the journal window on a pause, for when the pull to get away is strong: a minute of slow "
        "breathing, then a short note of what just happened, saved as an entry.",
        no_options,
    )
    _command(
        commands, "support", Lazy("start", "support"), "where to find support now",
        "Print where to find support now: emergency numbers and crisis lines wherever you are.",
        no_options,
    )
    _command(
        commands, "locate", Lazy("start", "locate"), "print where your journal and prompt files live",
        "Print where your journal and prompt files live.",
        no_options,
    )
    return parser


class MainParser(Parser):
    """The top-level parser: its help ends with a line of its own naming `support`."""

    def format_help(self) -> str:
        from closeness_journal.core.support import COMMAND

        return f"{super().format_help()}\nIf you need support now: {COMMAND}\n"
