"""`list`: its commonest forms read quickly, and its lines printed without Rich when they go to a
file or a pipe.

`list`, `list -n N` and `list --search WORDS` (what `quick.py` reads without argparse) on a
journal that isn't encrypted, printed as plain lines, are read by `store/entry_rows.ListReader`
as `Listed` rows, without loading the entry model (with dataclasses, about 25 ms of the 100 ms
`list` took). Anything else (other filters, `--json`, a terminal, an encrypted journal, text this module
leaves to Rich) is `entries.list_entries`, the same output by the long way.

Rich (about 40 ms to import) draws the list in a terminal, with colour. Anywhere else Rich prints
plain text: each entry cut to the width with "…", the legend word-wrapped. This module writes
those same bytes itself when every character is one it knows to be one cell wide, and hands
anything else (a terminal, tabs, wide or combining characters, an odd width) to `views`.
`tests/cli/test_entry_list.py` compares the two.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from closeness_journal import paths
from closeness_journal.core.entry_line import Listed, listed
from closeness_journal.core.text import one_line, printable

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any

    from closeness_journal.core.entries import SearchHit

LEGEND = "◐ pulled away  ▲ pushed away  ● stayed close  ⚑ flagged  number: the fear, 0-10"
"""Fits 80 columns, so it is never cut mid-phrase (a longer one was)."""
EMPTY = "Your journal is empty so far. Write your first entry: closeness-journal write -"
"""Fits 80 columns, so the command is never split across two lines."""
NOTHING_FOUND = "No entries found."

_NARROW = re.compile(r"[ -~\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u25cf\u25d0\u25b2\u2691]*")
"""Characters Rich counts as one cell: ASCII, Latin-1 and Latin Extended (without the soft
hyphen), general punctuation (dashes, quotes, bullets, "…") and the four markers."""
_WORD = re.compile(r"\s*\S+\s*")
_FILTERS = ("since", "until", "behaviours", "fears", "category", "relationship", "tags")
"""`list`'s options other than the words, the count and `--json`: given any, `list` goes the long way."""


def list_entries(args: Any, folder: Path, today: date) -> int:
    """`list`'s handler: the quick way when it gives the same lines, else `entries.list_entries`."""
    searching = args.search is not None
    quick = (
        args.limit >= 0 and not args.json and _plain_width() is not None
        and all(getattr(args, name) is None for name in _FILTERS)
        and not os.path.lexists(paths.encryption_settings(folder))  # the passphrase is asked the long way
        and os.path.lexists(folder)  # no folder: the long way, which opens (and makes) nothing
    )
    if quick:
        from closeness_journal.cli.common import reading_only
        from closeness_journal.store.entry_rows import ListReader

        with reading_only(folder, ListReader) as journal:
            rows = journal.listed(args.search, args.limit or -1)  # SQLite: LIMIT -1 means no limit
        lines = _plain_lines(rows, searching)
        if lines is not None:
            sys.stdout.write("".join(line + "\n" for line in lines))
            return 0
    from closeness_journal.cli import entries

    return entries.list_entries(args, folder, today)


def print_entry_list(hits: Sequence[SearchHit], searching: bool = False) -> None:
    """One line per entry: id, day, markers, fear, who, and the first line (or the match)."""
    lines = _plain_lines(hits, searching)
    if lines is None:
        from closeness_journal.cli import views

        views.print_entry_list(hits, searching)
        return
    sys.stdout.write("".join(line + "\n" for line in lines))


def _plain_lines(hits: Sequence[SearchHit | Listed], searching: bool) -> list[str] | None:
    """The lines Rich would print outside a terminal, or None when Rich should draw them."""
    width = _plain_width()
    if width is None:
        return None
    if not hits:
        return _wrapped(NOTHING_FOUND if searching else EMPTY, width)
    lines = []
    for hit in hits:
        line = _line(hit if isinstance(hit, Listed) else listed(hit.entry, hit.snippet))
        if not _NARROW.fullmatch(line) or (line.endswith(" ") and len(line) <= width):
            return None  # (which spaces end a line depends on the snippet's styles: views knows)
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    legend = _wrapped(LEGEND, width)
    return None if legend is None else lines + legend


def _line(entry: Listed) -> str:
    fear = "  " if entry.intensity is None else f"{entry.intensity:>2}"
    parts = [entry.id[:8], f"  {entry.local_date.isoformat()}  ", _markers(entry), f" {fear}  "]
    if entry.who:
        parts += [one_line(entry.who, 20), ": "]
    if entry.snippet:
        parts += [printable(piece).replace("\n", " ") for piece, _ in entry.snippet]
    else:
        parts.append(one_line(entry.headline or "(check-in only)"))
    return "".join(parts)


def _markers(entry: Listed) -> str:
    return (
        ("◐" if entry.withdrawal else " ") + ("▲" if entry.sabotage else " ")
        + ("●" if entry.stayed_close else " ") + ("⚑" if entry.flagged else " ")
    )


def _plain_width() -> int | None:
    """The width Rich's console would use when it is not writing to a terminal; None when it is
    (or the width is one this module leaves to Rich)."""
    environ = os.environ
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible == "1":
        return None
    if compatible != "0":
        force = environ.get("FORCE_COLOR")
        if force is not None:
            if force != "":
                return None
        elif _isatty():
            return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        width = 0
        for descriptor in (0, 1, 2):
            try:
                width = os.get_terminal_size(descriptor).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width if width >= 2 else None


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _wrapped(text: str, width: int) -> list[str] | None:
    """`text` word-wrapped as Rich wraps it (every character one cell; no word longer than the
    width, else None): break before a word that doesn't fit; the spaces that end a line go, as
    `views` leaves them out."""
    if not _NARROW.fullmatch(text):
        return None
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if length > width:
            return None
        if width - offset >= length:
            offset += len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    lines = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    return [_fit(line, width).rstrip(" ") for line in lines]


def _fit(line: str, width: int) -> str:
    """Rich's `rstrip_end` (trailing spaces past the width go) and then its crop to the width."""
    if len(line) > width:
        trailing = len(line) - len(line.rstrip())
        line = line[: len(line) - min(trailing, len(line) - width)]
    return line[:width]

