"""`check`: is the journal well? Its files (private, plain files), SQLite's integrity check, the
search index's own check, how old the newest backup is, and drafts that closed windows left.

Healthy: a short summary and exit 0. Otherwise one line per problem and exit 1. Looking is all
it does, except what opening the journal always does: looser modes are tightened (and said so),
and partial files that killed exports or backups left behind are removed.
"""

from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from closeness_journal import paths
from closeness_journal.core.wording import plural

BACKUP_DAYS = 7
"""A backup older than this, with writing since, is worth a word."""


def check(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import private_files
    from closeness_journal.store import Journal, JournalError, NotAJournal

    database = paths.database_path(folder)
    if not os.path.lexists(database):
        print(f"There is no journal in {folder} yet, so there is nothing to check.")
        return 0
    problems = _mode_problems(folder)
    notes: list[str] = []
    stale = private_files.stale_partials(folder)
    if stale:
        notes.append(f"Removed {plural(len(stale), 'partial file', 'partial files')} that a stopped export or backup "
                     f"left behind ({', '.join(str(p) for p in stale[:3])}).")
    from closeness_journal.cli.encryption import key_for

    key = key_for(folder)  # a wrong passphrase is not a problem with the journal: said as any command says it
    try:
        journal = Journal.open(database, key)
    except JournalError as error:
        problems.append(str(error))
        if isinstance(error, NotAJournal):
            newest = private_files.newest_backup(folder)
            if newest is not None:
                problems.append(f"Your newest backup is {newest}: `closeness-journal restore-backup {newest}`.")
        return _report(problems, notes)
    try:
        problems += [f"Damage found in {p}." for p in journal.integrity_problems()]
        entries, trash = journal.count(), journal.trash_count()
        backup_problem, backup_note = _backup_state(folder, journal.last_change(), entries + trash)
        drafts_problems, drafts_notes = _drafts(journal.draft_rows(), lambda entry_id: _exists(journal, entry_id))
    finally:
        journal.close()
    problems += backup_problem + drafts_problems + _plain_backups(folder, key)
    if key is not None:
        notes.append("Your journal and its backups are encrypted: they open only with your passphrase.")
    if not problems:
        notes[:0] = [
            f"{plural(entries, 'entry', 'entries')}"
            + (f" and {trash:,} in the trash" if trash else "")
            + "; the database and its search index check out.",
            "Your files are private (the folder 0700, the files 0600).",
        ]
    return _report(problems, notes + backup_note + drafts_notes)


def _plain_backups(folder: Path, key: bytes | None) -> list[str]:
    """For an encrypted journal: backups in its folder that are not encrypted (copied in by hand)."""
    if key is None:
        return []
    from closeness_journal.store import driver, recrypt

    return [
        f"{backup} is not encrypted: anyone who can read it can read your journal. Delete it, or move it "
        "somewhere safe." for backup in recrypt.backups(folder) if driver.is_plain(backup)
    ]


def _report(problems: list[str], notes: list[str]) -> int:
    if problems:
        for problem in problems:
            print(problem)
        return 1
    print("Your journal is well.")
    for note in notes:
        print(f"  {note}")
    return 0


def _mode_problems(folder: Path) -> list[str]:
    """Files others could read (made private now, and said so), and journal files that are not
    plain files (left alone: the journal won't open through them)."""
    problems = []
    backups = paths.backups_folder(folder)
    looked_at = [folder, *paths.journal_files(folder)]
    if backups.is_dir() and not backups.is_symlink():
        looked_at += [backups, *(p for p in sorted(backups.iterdir()) if not p.is_symlink() and p.is_file())]
    for path in looked_at:
        try:
            info = os.stat(path) if path == folder else os.lstat(path)
        except FileNotFoundError:
            continue
        if path not in (folder, backups) and not stat.S_ISREG(info.st_mode):
            problems.append(f"{path} is {paths.describe(info)}, not a plain file; the journal won't open through it.")
            continue
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            try:
                os.chmod(path, mode & ~0o077)
                done = f"it is {mode & ~0o077:04o} now"
            except OSError as error:
                done = f"it could not be changed ({error.strerror})"
            problems.append(f"{path} could be read by others (mode {mode:04o}); {done}.")
    return problems


def _backup_state(folder: Path, last_change: datetime | None, entries: int) -> tuple[list[str], list[str]]:
    from closeness_journal import private_files

    newest = private_files.newest_backup(folder)
    if newest is None:
        if entries:
            return ["There is no backup yet: `closeness-journal backup` makes one."], []
        return [], []
    made = datetime.fromtimestamp(newest.stat().st_mtime, UTC)
    age = (datetime.now(UTC) - made).days
    when = "today" if age < 1 else f"{plural(age, 'day', 'days')} ago"
    if age > BACKUP_DAYS and last_change is not None and last_change > made:
        return [f"Your newest backup is from {when} ({newest.name}) and you have written since: "
                "`closeness-journal backup` makes a new one."], []
    return [], [f"Newest backup: {when} ({newest.name})."]


def _exists(journal: Any, entry_id: str) -> bool:
    from closeness_journal.store import EntryNotFound

    try:
        return journal.get(entry_id).id == entry_id
    except EntryNotFound:
        return False


def _drafts(rows: list[tuple[str, str, Any]], kept: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """Drafts that can't be read are problems; drafts closed windows left are news. An edit's
    window is in its key ("edit:{id}:{pid}@{host}"); `kept` says whether its entry still exists."""
    from closeness_journal.core import archive_format
    from closeness_journal.core.pause import PauseDraft
    from closeness_journal.core.today import Draft, held_elsewhere, open_elsewhere
    from closeness_journal.store.drafts import (
        PAUSE_DRAFTS,
        REVIEW_DRAFTS,
        TODAY_DRAFTS,
        edit_draft_owner,
        key_start,
    )
    from closeness_journal.windows import process_alive, this_window

    problems, waiting, edits, gone, elsewhere, reviews = [], 0, 0, 0, 0, 0
    here = this_window()
    for key, saved_at, data in rows:
        try:
            archive_format.read_draft({"key": key, "saved_at": saved_at, "data": data}, f"the draft {key!r}")
        except archive_format.BackupFormatError as error:
            problems.append(f"A draft can't be read: {error}.")
            continue
        edit = edit_draft_owner(key)
        if key.startswith(key_start(REVIEW_DRAFTS)):
            reviews += 1  # a week's review is not a window's: it waits for that week
        elif edit is not None and held_elsewhere(edit[1], here, process_alive) or (
                key.startswith(key_start(TODAY_DRAFTS))
                and open_elsewhere(Draft.from_json(data, date.today()), here, process_alive)) or (
                key.startswith(key_start(PAUSE_DRAFTS))
                and held_elsewhere(PauseDraft.from_json(data).window, here, process_alive)):
            elsewhere += 1
        elif edit is not None and kept(edit[0]):
            edits += 1
        elif edit is not None:
            gone += 1
        else:
            waiting += 1
    notes = []
    if waiting:
        notes.append(f"{plural(waiting, 'unsaved draft', 'unsaved drafts')} from a window that closed "
                     "will come back when you open the journal.")
    if edits:
        notes.append(f"{plural(edits, 'unsaved edit', 'unsaved edits')} from a window that closed "
                     "will come back when you edit that entry again.")
    if gone:
        notes.append(f"{plural(gone, 'unsaved edit', 'unsaved edits')} of an entry deleted for good, from a window "
                     "that closed, will come back as a new entry when you open the journal.")
    if reviews:
        notes.append(f"{plural(reviews, 'unsaved weekly review', 'unsaved weekly reviews')} will come back "
                     "when you open that week's review.")
    if elsewhere:
        notes.append(f"{plural(elsewhere, 'draft belongs', 'drafts belong')} to a journal window open now.")
    return problems, notes
