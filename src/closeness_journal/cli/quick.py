"""The quick way in for the commonest command lines: the window (no command), `list`, `list -n N`
and `list --search WORDS` (with the global `--data-dir` and `--passphrase-fd`), read without argparse.

Importing argparse and declaring the main parser and `list`'s took about 15 ms of the 100 ms
`list` took (and about 4 ms of the window's start). `quick_args` reads only that narrow grammar,
exactly as argparse reads it, and gives up (None) on anything else: another command or option,
`--help`, an abbreviation, a value that starts with "-", a number argparse would refuse. Then
`parser.py`'s argparse reads the line and says what is wrong in its own words, so every message
stays the same.
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


def quick_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The window's or `list`'s arguments as argparse would give them (without `command_parser`),
    or None when the line is not one this reads."""
    values: dict[str, object] = {"data_dir": None, "passphrase_fd": None}
    command = None
    words = iter(argv)
    for word in words:
        if command is None and not word.startswith("-"):
            if word != "list":
                return None
            command = word
            values.update(limit=20, since=None, until=None, search=None, behaviours=None, fears=None,
                          category=None, relationship=None, tags=None, json=False)
            continue
        option, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        dest = (_GLOBAL if command is None else _LIST).get(option)
        if dest is None:
            return None
        if not equals:
            value = next(words, "-")
            if value.startswith("-"):  # argparse decides what a "-" word is
                return None
        parsed = _typed(dest, value)
        if parsed is None:
            return None
        values[dest] = parsed
    if command is None:
        return SimpleNamespace(command=None, handler=open_window, **values)
    return SimpleNamespace(command=command, handler=list_entries, **values)


def _typed(dest: str, text: str) -> object | None:
    """The value as the option's type gives it; None when argparse should judge it."""
    if dest in ("data_dir", "search"):
        return text
    try:
        number = int(text)  # as `how_many` and `passphrase_fd` read it
    except ValueError:
        return None
    if dest == "limit":
        return number if number < MOST else None
    return number if number >= 0 else None


def open_window(args: SimpleNamespace, folder: Path, today: date) -> int:
    """The window's handler (no command), imported when it runs (as `parser.Lazy` would)."""
    from closeness_journal.cli.start import open_window as handler

    return int(handler(args, folder, today))


def list_entries(args: SimpleNamespace, folder: object, today: object) -> int:
    """`list`'s handler, imported when it runs (as `parser.Lazy` would)."""
    from closeness_journal.cli.entry_list import list_entries as handler

    return int(handler(args, folder, today))
