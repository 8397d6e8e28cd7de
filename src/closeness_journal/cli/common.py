"""What every command shares: the two kinds of error, the journal opened for one command (with
the daily backup when it changes things), dates given as options, and JSON output.

Nothing here imports the store or Rich at import time, so `--help` and `--version` start quickly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from closeness_journal import paths
from closeness_journal.cli.errors import Failure, UsageError
from closeness_journal.core.dates import BadDate, local_day, parse_date

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    import argparse
    from typing import Any, Protocol

    class Handler(Protocol):
        """What each command runs (set on its subparser with `set_defaults(handler=...)`)."""

        def __call__(self, args: argparse.Namespace, folder: Path, today: date) -> int: ...


__all__ = ["Failure", "UsageError", "daily_backup_now", "date_option", "opened", "print_json", "reading_only"]


@contextmanager
def opened(
    folder: Path, daily_backup: bool = False, key: bytes | None = None, entries_only: bool = False,
    reader: Any = None, reads_only: bool = False,
) -> Iterator[Any]:
    """The journal, open for one command and closed after it, whatever happens.

    With `daily_backup` (commands that change the journal, and the window), the first time each
    day a checked copy is kept first. An encrypted journal's passphrase is asked for first
    (unless its `key` is given). With `entries_only` (`list`, `show`), an `EntryReader`, or with
    `reader` another part of `Journal` (`ExportReader`): the same checks and migrations, without
    importing the parts of `Journal` they don't use. With `reads_only` (a command that writes
    nothing), a folder that isn't there is read as an empty journal and nothing is made: a
    mistyped --data-dir left an empty journal behind."""
    if reads_only and no_folder(folder):
        journal = (reader or _reader_class(entries_only)).in_memory()
        try:
            yield journal
        finally:
            journal.close()
        return
    if not key:
        key = None
        if os.path.lexists(paths.encryption_settings(folder)):  # else not encrypted: no key to ask for
            from closeness_journal.cli.encryption import key_for

            key = key_for(folder)
    journal = (reader or _reader_class(entries_only)).open(paths.database_path(folder), key)
    journal.wait_for_writers(_say_waiting())
    try:
        if daily_backup and (problem := daily_backup_now(journal, folder)):
            print(f"closeness-journal: {problem}", file=sys.stderr)
        yield journal
    finally:
        journal.close()


def _reader_class(entries_only: bool) -> Any:
    if entries_only:
        from closeness_journal.store.entry_reader import EntryReader

        return EntryReader
    from closeness_journal.store import Journal

    return Journal


def no_folder(folder: Path) -> bool:
    """Whether the journal's folder isn't there at all (in a folder that is: a file on the way is a
    data folder that can't be used, said as ever): a command that only reads then has nothing to
    read, and makes nothing (a mistyped --data-dir left an empty journal behind)."""
    if os.path.lexists(folder):
        return False
    above = Path(os.path.abspath(folder)).parent
    while not os.path.lexists(above) and above != above.parent:
        above = above.parent
    return above.is_dir()


@contextmanager
def reading_only(folder: Path, reader: Any) -> Iterator[Any]:
    """The journal in `folder`, which is not encrypted, opened as `reader` (a `JournalBase`:
    `ListReader`) for a command that only reads, and closed after it, whatever happens."""
    journal = reader.open(paths.database_path(folder))
    journal.wait_for_writers(_say_waiting())
    try:
        yield journal
    finally:
        journal.close()


def _say_waiting() -> Callable[[], None]:
    """Said once when a command has to wait for another process writing (a long import, say)."""
    said = []

    def say() -> None:
        if not said:
            said.append(True)
            print(
                "closeness-journal: another closeness-journal is writing to your journal (a long import, "
                "perhaps); waiting for it to finish (Ctrl-C stops without writing)…",
                file=sys.stderr, flush=True,
            )

    return say


def daily_backup_now(journal: Any, folder: Path) -> str | None:
    """The first time each day a command changes the journal, or the window opens (after its
    first frame, before any key is handled), keep a checked copy first (the last 14 are kept).
    Reading commands (list, export…) don't. Returns what went wrong, in a line, or None."""
    from closeness_journal import private_files
    from closeness_journal.store import JournalError

    target = private_files.daily_backup_due(folder, local_day(datetime.now(UTC)))
    if target is None or journal.count() == 0:
        return None
    try:
        paths.ensure_private_dir(target.parent)
        journal.backup_to(target)
        private_files.prune_backups(folder)
    except (OSError, JournalError) as error:
        return f"today's automatic backup could not be made: {error}"
    return None


def date_option(text: str | None, today: date, what: str = "--date") -> date | None:
    """A day given as an option (`2026-11-18`, `today` or `yesterday`), or None when left out."""
    if text is None:
        return None
    try:
        return parse_date(text, today)
    except BadDate as error:
        raise UsageError(f"{what}: {error}") from None


def print_json(data: Any) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
