"""The quick way in for the commonest command lines: the window (no command), `list`, `list -n N`
and `list --search WORDS`, and `export` with its options (with the global `--data-dir` and
`--passphrase-fd`), read without argparse.

Importing argparse and declaring the main parser and the command's took about 15 ms of the 100 ms
`list` took (and about 4 ms of the window's start). `quick_args` reads only that narrow grammar,
exactly as argparse reads it, and gives up (None) on anything else: another command or option,
`--help`, an abbreviation, a value that starts with "-" (but "-" itself), a number argparse would
refuse, a format it doesn't offer. Then `parser.py`'s argparse reads the line and says what is
wrong in its own words, so every message stays the same.
`tests/cli/test_quick.py` compares the two on many command lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

MOST = 2**63
"""`options.how_many` refuses this many and more (SQLite's integers end there)."""

_GLOBAL = {"--data-dir": "data_dir", "--passphrase-fd": "passphrase_fd"}
_LIST = {**_GLOBAL, "-n": "limit", "--limit": "limit", "--search": "search"}
_EXPORT = {
    **_GLOBAL, "--format": "format", "--since": "since", "--until": "until", "--agenda": "agenda",
    "--redact-name": "redact_names", "-o": "output", "--output": "output",
}
_EXPORT_FLAGS = {"--include-private": "include_private", "--redact": "redact", "--force": "force"}
FORMATS = ("markdown", "html", "json")
"""`export --format`'s choices, as `commands.py` declares them."""


def quick_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The window's, `list`'s or `export`'s arguments as argparse would give them (without
    `command_parser`), or None when the line is not one this reads."""
    values: dict[str, object] = {"data_dir": None, "passphrase_fd": None}
    command = None
    options: dict[str, str] = _GLOBAL
    flags: dict[str, str] = {}
    words = iter(argv)
    for word in words:
        if command is None and not word.startswith("-"):
            if word == "list":
                options = _LIST
                values.update(limit=20, since=None, until=None, search=None, behaviours=None, fears=None,
                              category=None, relationship=None, tags=None, json=False)
            elif word == "export":
                options, flags = _EXPORT, _EXPORT_FLAGS
                values.update(format="markdown", since=None, until=None, include_private=False, agenda=None,
                              redact=False, redact_names=None, output=None, force=False)
            else:
                return None
            command = word
            continue
        option, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if option in flags:
            if equals:  # argparse: "ignored explicit argument"
                return None
            values[flags[option]] = True
            continue
        dest = options.get(option)
        if dest is None:
            return None
        if not equals:
            value = next(words, None)
            if value is None or (value.startswith("-") and value != "-"):  # argparse decides what a "-" word is
                return None
        parsed = _typed(dest, value)
        if parsed is None:
            return None
        if dest == "redact_names":  # repeatable (argparse's "append")
            parsed = [*(values[dest] or ()), parsed]  # type: ignore[misc]
        values[dest] = parsed
    if command is None:
        return SimpleNamespace(command=None, handler=open_window, **values)
    handler = list_entries if command == "list" else export
    return SimpleNamespace(command=command, handler=handler, **values)


def _typed(dest: str, text: str) -> object | None:
    """The value as the option's type gives it; None when argparse should judge it."""
    if dest in ("limit", "passphrase_fd"):
        try:
            number = int(text)  # as `how_many` and `passphrase_fd` read it
        except ValueError:
            return None
        if dest == "limit":
            return number if number < MOST else None
        return number if number >= 0 else None
    if dest == "format" and text not in FORMATS:
        return None
    return text


def open_window(args: SimpleNamespace, folder: Path, today: date) -> int:
    """The window's handler (no command), imported when it runs (as `parser.Lazy` would)."""
    from closeness_journal.cli.start import open_window as handler

    return int(handler(args, folder, today))


def list_entries(args: SimpleNamespace, folder: object, today: object) -> int:
    """`list`'s handler, imported when it runs (as `parser.Lazy` would)."""
    from closeness_journal.cli.entry_list import list_entries as handler

    return int(handler(args, folder, today))


def export(args: SimpleNamespace, folder: object, today: object) -> int:
    """`export`'s handler, imported when it runs (as `parser.Lazy` would), with the cycle collector
    paused from there on (see `cli/archive.py`: its imports alone made 15 of the collector's passes)."""
    from closeness_journal.core import collector

    with collector.paused():
        from closeness_journal.cli.archive import export as handler

        return int(handler(args, folder, today))
