"""Where you start: the journal window (no command), straight on a pause (`pause`), the demo,
where your journal lives (`locate`), and where to find support now (`support`). Textual is
imported only when a window opens, so other commands start quickly."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from closeness_journal import paths
from closeness_journal.cli.common import daily_backup_now, opened
from closeness_journal.core.dates import local_day
from closeness_journal.ui import collector

if TYPE_CHECKING:
    import argparse


def open_window(args: argparse.Namespace, folder: Path, today: date) -> int:
    """The window; the day's automatic backup is made beside it once its first frame is drawn."""
    from closeness_journal.cli.encryption import key_in_window

    key = key_in_window(folder)
    # paused until the window is ready; what it set aside stays aside when it closes (ui/collector.py)
    with collector.paused(), collector.to_the_end():
        from closeness_journal.ui.app import run_app

        with opened(folder, key=key) as journal:
            key = journal.key
            return run_app(journal, data_dir=folder, after_first_frame=lambda: _daily_backup_apart(folder, key))


def pause(args: argparse.Namespace, folder: Path, today: date) -> int:
    """The window, opened straight on a pause."""
    from closeness_journal.cli.encryption import key_in_window

    key = key_in_window(folder)
    with collector.paused(), collector.to_the_end():  # as in open_window
        from closeness_journal.ui.app import run_app

        with opened(folder, key=key) as journal:
            key = journal.key
            return run_app(journal, data_dir=folder, pause=True,
                           after_first_frame=lambda: _daily_backup_apart(folder, key))


def _daily_backup_apart(folder: Path, key: bytes | None) -> str | None:
    """The day's automatic backup through a connection of its own (the window makes it on a
    thread of its own, and a SQLite connection belongs to the thread that opened it); an
    encrypted journal's backup is made with its key. Once today's is made, the journal isn't
    opened again (a window opened later in the day has nothing to do here)."""
    from closeness_journal import private_files
    from closeness_journal.store import Journal, JournalError

    if private_files.daily_backup_due(folder, local_day(datetime.now(UTC))) is None:
        return None
    try:
        journal = Journal.open(paths.database_path(folder), key)
    except JournalError as error:
        return f"today's automatic backup could not be made: {error}"
    try:
        return daily_backup_now(journal, folder)
    finally:
        journal.close()


def support(args: argparse.Namespace, folder: Path, today: date) -> int:
    """Where to find support now (the journal is not opened)."""
    from closeness_journal.core.support import support_text

    print(support_text(), end="")
    return 0


def demo(args: argparse.Namespace, folder: Path, today: date) -> int:
    """The window on a throw-away journal of made-up entries; `folder` (yours) is never opened."""
    from closeness_journal import demo as made_up
    from closeness_journal.ui.app import run_app

    with tempfile.TemporaryDirectory(prefix="closeness-journal-demo-") as throwaway, opened(Path(throwaway)) as journal:
        made_up.fill(journal, end=today)
        return run_app(journal, data_dir=None, demo=True)


def locate(args: argparse.Namespace, folder: Path, today: date) -> int:
    print(f"data folder:     {folder}")
    print(f"journal:         {paths.database_path(folder)}")
    shipped = paths.bundled_prompts_dirs()
    print(f"shipped prompts: {shipped[0] if shipped else '(not found)'}")
    print(f"your prompts:    {paths.user_prompts_dir()}  (add *.toml files here)")
    return 0
