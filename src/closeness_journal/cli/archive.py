"""Commands that move the journal in and out: export (Markdown or JSON), import, backup, and
putting a backup back (`restore-backup`)."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from closeness_journal import paths
from closeness_journal.cli.common import Failure, UsageError, date_option, no_folder, opened
from closeness_journal.cli.progress import Progress
from closeness_journal.core.wording import plural

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import argparse  # `export` is read without argparse (cli/quick.py)


def export(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core import collector

    # The cycle collector paused for all of it, its imports and the summary's reads too, not only while
    # the file is written: none of it makes cycles to find, and the collector walked what the imports
    # made 31 times in an export of 3,650 entries (about 5 ms; the argparse way in comes here too).
    with collector.paused():
        return _export(args, folder, today)


def _export(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import exporting, private_files

    if args.format == "json":
        misplaced = [
            option for option, given in (
                ("--since", args.since), ("--until", args.until), ("--include-private", args.include_private),
                ("--redact", args.redact), ("--redact-name", args.redact_names), ("--agenda", args.agenda is not None),
            ) if given
        ]
        if misplaced:
            raise UsageError(
                f"{', '.join(misplaced)}: only for --format markdown or html (the JSON export holds everything)"
            )
    since_last = (args.since or "").strip().lower() == "last"
    since = None if since_last else date_option(args.since, today, "--since")
    until = min(date_option(args.until, today, "--until") or today, today)  # nothing is written after today
    output = args.output or exporting.default_name(args.format, today)
    try:
        private_files.refuse_journal_files(output, folder)
    except private_files.JournalFile as error:
        raise Failure(f"{error}; nothing was written, choose another name") from None
    if output != "-" and Path(output).expanduser().exists() and not args.force:
        raise Failure(f"{output} already exists; use --force to replace it")
    if since and since > until:
        raise UsageError(f"--since {since} comes after --until {until}")
    agenda = _agenda(args.agenda)
    choice = exporting.Choice(
        args.format, since, until, since_last, args.include_private, args.redact, tuple(args.redact_names or ())
    )
    if args.format == "json":
        from closeness_journal.store.archive_export import ArchiveReader as reader  # the archive holds everything
    else:
        from closeness_journal.store.exports import ExportReader as reader
    _there_is_a_journal(folder, "export")
    with opened(folder, reader=reader) as journal, Progress() as progress:
        if agenda is not None:
            journal.set_session_note(agenda)
        # off a terminal nothing is shown, so the rows aren't counted on their way out either
        prepared = exporting.prepare(journal, choice, today, progress=progress.tell if progress.on else None)
        try:
            written = exporting.write(journal, prepared, output, force=args.force, data_dir=folder)
        except (private_files.FileExists, private_files.JournalFile) as error:
            raise Failure(str(error)) from None
    if since_last and prepared.last is not None and prepared.record.entries == 0:
        print("Nothing was written or changed since your last export; the file holds your note.", file=sys.stderr)
    where = "Written to standard output" if written is None else f"Written to {written}"
    if journal.key is not None:
        print(f"{where}. {exporting.PLAIN_FROM_ENCRYPTED}", file=sys.stderr)
    else:
        print(f"{where}. {exporting.PLAIN_TEXT}", file=sys.stderr)
    return 0


def _agenda(text: str | None) -> str | None:
    """`--agenda`: the note as given, or read from standard input for `-` (None: not given)."""
    if text != "-":
        return text
    if sys.stdin.isatty():
        print("Write what you want to talk about, then press ctrl+d:", file=sys.stderr)
    return sys.stdin.read()


def import_file(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import importing
    from closeness_journal.store import JournalError

    with Progress() as progress:
        try:
            backup = importing.read_file(Path(args.file).expanduser(), args.format, progress=progress.tell)
        except importing.ImportRefused as error:
            raise Failure(str(error)) from None
    if _whole_process():  # before the process's first connection: the import's two threads at once
        from closeness_journal.store import driver

        driver.allocation_counting_off()
    with opened(folder, daily_backup=True) as journal, Progress() as progress:
        try:
            added = journal.merge(backup, progress=progress.tell)
        except JournalError as error:
            raise Failure(f"{error} Nothing was imported.") from None
    skipped = len(backup.entries) - added["entries"]
    print(
        f"Added {plural(added['entries'], 'entry', 'entries')}"
        + (f" ({skipped:,} already in your journal)" if skipped else "")
        + (f", {plural(added['reviews'], 'weekly review', 'weekly reviews')}" if added["reviews"] else "")
        + "."
    )
    _end_here(backup)
    return 0


def _end_here(kept: object) -> None:
    """The import is done, committed and its journal closed: when this process is the
    `closeness-journal` command, it ends here with what it read still held (`kept`), without
    Python freeing it piece by piece on its way out (at 100,000 entries about 0.1-0.15 s, freeing
    and the interpreter's teardown, which the terminal waited for; the system takes the memory
    back at once when the process ends). What is written is flushed first, and what was
    registered to run at exit runs; when standard output can't be flushed (a reader that went
    away), or when another program called the command (a test, which goes on), it returns and
    all ends as usual."""
    if not _whole_process():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    import atexit
    import os

    atexit._run_exitfuncs()
    os._exit(0)


def _whole_process() -> bool:
    """Whether this process is the command: `python -m closeness_journal`, or the
    `closeness-journal` script pip makes (which calls `cli.main` and exits with what it returns)."""
    started = sys.modules.get("__main__")
    spec = getattr(started, "__spec__", None)
    if spec is not None:
        return spec.name == "closeness_journal.__main__"
    return Path(getattr(started, "__file__", None) or "").name == "closeness-journal"


def backup(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import private_files

    if args.output:
        target = Path(args.output).expanduser()
        try:
            private_files.refuse_journal_files(target, folder)
        except private_files.JournalFile as error:
            raise Failure(f"{error}; nothing was written, choose another name") from None
    else:
        target = private_files.manual_backup_name(folder, datetime.now())
    if target.exists() and not args.force:
        raise Failure(f"{target} already exists; use --force to replace it")
    _there_is_a_journal(folder, "back up")
    with opened(folder) as journal:
        if not args.output:
            paths.ensure_private_dir(target.parent)
        journal.backup_to(target)
    print(f"Backed up to {target}")
    return 0


def restore_backup(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.store.restore import BackupInfo, restore_backup

    def confirm(info: BackupInfo) -> bool:
        holds = plural(info.entries, "entry", "entries") + (f", the newest from {info.newest}" if info.newest else "")
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise UsageError(f"restore-backup replaces your journal (with {holds}); add --yes to confirm")
        print(f"{args.file} checks out: it holds {holds}.", file=sys.stderr)
        print("Your journal as it is now will be kept in the backups folder first.", file=sys.stderr)
        try:
            answer = input("Replace your journal with this backup? [y/N] ")
        except EOFError:
            answer = ""
        return answer.strip().lower() in ("y", "yes")

    from closeness_journal.cli.encryption import key_for

    restored = restore_backup(Path(args.file), folder, datetime.now(), confirm, key_for(folder))
    if restored is None:
        print("Kept your journal as it is; nothing was changed.")
        return 0
    print(f"Restored {plural(restored.backup.entries, 'entry', 'entries')} from {args.file}.")
    if restored.kept_aside is not None:
        print(f"Your journal as it was is kept in {restored.kept_aside}")
    return 0


def _there_is_a_journal(folder: Path, doing: str) -> None:
    """A folder that isn't there has no journal to export or back up: said, and nothing is made
    (a mistyped --data-dir left an empty journal behind, and an empty export)."""
    if no_folder(folder):
        raise Failure(f"there is no journal in {folder} yet, so there is nothing to {doing}; nothing was made")
