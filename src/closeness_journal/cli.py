"""The command line: parse arguments, resolve the data folder, open the journal, run a command.

Exit codes: 0 ok, 1 something failed (a file, the database), 2 the command was used wrongly.
Textual is imported only when the journal window opens, so other commands start quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from closeness_journal import paths
from closeness_journal.core.dates import BadDate, local_day, parse_date
from closeness_journal.core.entries import Entry, EntryFilter, InvalidEntry
from closeness_journal.core.text import plural
from closeness_journal.core.vocabulary import (
    BEHAVIOURS,
    CATEGORIES,
    FEARS,
    KINDS,
    RELATIONSHIPS,
)

HISTORY_WARNING = (
    "Text given on the command line is saved in your shell's history. "
    "For anything private, use - (read from standard input) or leave TEXT out to use $EDITOR."
)


class UsageError(Exception):
    """The command was used wrongly (exit 2)."""


class Failure(Exception):
    """Something went wrong that is not the person's typing (exit 1)."""


def package_version() -> str:
    try:
        return version("closeness-journal")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


# --------------------------------------------------------------------------- parser


def _scale(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is outside 0 to 10")
    return value


def _choices_help(vocabulary: dict[str, str] | Any) -> str:
    return ", ".join(vocabulary)


def _add_checkin_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("check-in")
    group.add_argument("--who", help="who it was with: a name or a role (free text)")
    group.add_argument(
        "--relationship", metavar="R", help=f"one of: {_choices_help(RELATIONSHIPS)}"
    )
    group.add_argument(
        "--behaviour", "--behavior", dest="behaviours", action="append", metavar="B",
        help=f"what you did (repeatable): {_choices_help(BEHAVIOURS)}",
    )
    group.add_argument(
        "--fear", dest="fears", action="append", metavar="F",
        help=f"what you feared (repeatable): {_choices_help(FEARS)}",
    )
    group.add_argument("--intensity", type=_scale, metavar="0-10", help="how strong the fear was")
    group.add_argument(
        "--kind", dest="kinds", action="append", metavar="K",
        help=f"kind of closeness involved (repeatable): {_choices_help(KINDS)}",
    )
    group.add_argument(
        "--close-before", action=argparse.BooleanOptionalAction, default=None,
        help="a moment of closeness came just before",
    )
    group.add_argument("--step", help="the small step you took (free text)")
    group.add_argument("--predicted", type=_scale, metavar="0-10", help="for a planned step: how hard you expected it to feel")
    group.add_argument("--outcome", type=_scale, metavar="0-10", help="…and how hard it really was (same scale)")
    group.add_argument(
        "--private", action=argparse.BooleanOptionalAction, default=None,
        help="mark this entry private (the planned export will leave it out unless asked)",
    )
    group.add_argument("--tag", dest="tags", action="append", metavar="TAG", help="a tag (repeatable)")
    group.add_argument("--prompt", metavar="ID", help="the id of the prompt you answered (see `prompts`)")
    group.add_argument("--date", metavar="YYYY-MM-DD", help="the day this is about (default: today)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="closeness-journal",
        description=(
            "A private journal for the moments you want closeness and pull away. "
            "Run it with no command to open the journal. Everything stays on this computer."
        ),
        epilog=(
            f"Your journal lives in the data folder: --data-dir, else ${paths.DATA_ENV}, "
            "else your platform's user data folder (see `closeness-journal locate`)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=f"use the journal in DIR (default: ${paths.DATA_ENV} or your user data folder)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    write = commands.add_parser(
        "write", help="add an entry", description="Add an entry and print its id. " + HISTORY_WARNING
    )
    write.add_argument(
        "text", nargs="?", metavar="TEXT",
        help="what you want to write; - reads it from standard input; leave out to use $EDITOR",
    )
    _add_checkin_options(write)

    listing = commands.add_parser("list", help="list entries, newest first", description="List entries, newest first (best match first when searching).")
    listing.add_argument("-n", "--limit", type=int, default=20, metavar="N", help="how many (default 20; 0 for all)")
    listing.add_argument("--since", metavar="D", help="from this day (YYYY-MM-DD)")
    listing.add_argument("--until", metavar="D", help="up to and including this day")
    listing.add_argument("--search", metavar="QUERY", help="words to look for in the text, small step and who")
    listing.add_argument("--behaviour", "--behavior", dest="behaviours", action="append", metavar="B", help="only entries with this behaviour (repeatable)")
    listing.add_argument("--fear", dest="fears", action="append", metavar="F", help="only entries with this fear (repeatable)")
    listing.add_argument("--category", metavar="C", help="withdrawal (pulling away) or sabotage (pushing away)")
    listing.add_argument("--relationship", metavar="R", help="only entries about this relationship")
    listing.add_argument("--json", action="store_true", help="print a JSON array with every stored field")

    show = commands.add_parser("show", help="show one entry in full", description="Show one entry in full, with its check-in.")
    show.add_argument("id", help="the entry's id (the first 4 or more characters are enough)")
    show.add_argument("--json", action="store_true", help="print the entry (and its earlier versions) as JSON")

    edit = commands.add_parser(
        "edit", help="change an entry (the earlier version is kept)",
        description="Change an entry; the earlier version is kept and can be seen with `show --json`. "
        "Only the options you give change. " + HISTORY_WARNING,
    )
    edit.add_argument("id", help="the entry's id (or its first characters)")
    edit.add_argument("text", nargs="?", metavar="TEXT", help="new text; - reads standard input; leave out to edit in $EDITOR")
    _add_checkin_options(edit)

    delete = commands.add_parser("delete", help="move an entry to the trash", description="Move an entry to the trash. It can be restored until you empty the trash.")
    delete.add_argument("id", help="the entry's id (or its first characters)")

    trash = commands.add_parser("trash", help="list the trash, or empty it", description="List entries in the trash. --empty deletes them for good.")
    trash.add_argument("--empty", action="store_true", help="delete everything in the trash for good")
    trash.add_argument("--yes", action="store_true", help="with --empty: don't ask for confirmation")
    trash.add_argument("--json", action="store_true", help="print the trash as JSON")

    restore = commands.add_parser("restore", help="bring an entry back from the trash", description="Bring an entry back from the trash.")
    restore.add_argument("id", help="the entry's id (or its first characters)")

    prompts = commands.add_parser("prompts", help="print a day's prompts", description="Print the prompts for a day: the three core questions and one deeper one.")
    prompts.add_argument("--date", metavar="D", help="which day (default: today)")
    prompts.add_argument("--json", action="store_true", help="print them as JSON")

    patterns = commands.add_parser(
        "patterns", help="pulling and pushing away over time",
        description="Pulling away and pushing away per week or month, what came before, and how "
        "your small steps went. Default: the last 8 weeks.",
    )
    patterns.add_argument("--since", metavar="D", help="from this day (default: 8 weeks ago)")
    patterns.add_argument("--until", metavar="D", help="up to and including this day (default: today)")
    patterns.add_argument("--by", choices=["week", "month"], help="group by week or month (default: by the length of the range)")
    patterns.add_argument("--json", action="store_true", help="print the figures as JSON")

    review = commands.add_parser(
        "review", help="look back on a week",
        description="Look back on a week (Monday to Sunday): pulling and pushing away, small steps "
        "and fear beside the week before, and your saved answers. Default: the last complete week.",
    )
    review.add_argument("--week", metavar="YYYY-Www", help="which week, like 2026-W47 (default: the last complete week)")
    review.add_argument("--json", action="store_true", help="print the review as JSON")

    export = commands.add_parser(
        "export", help="export for a therapist (Markdown) or everything (JSON)",
        description="Markdown: a readable document for a therapist, with a one-minute summary and "
        "then your entries by week and day; entries marked private are left out unless you ask. "
        "JSON: everything in the journal (entries, earlier versions, trash, reviews, settings), "
        "for a backup or moving to another computer. Files are written with mode 0600.",
    )
    export.add_argument("--format", choices=["markdown", "json"], default="markdown", help="markdown (default) or json")
    export.add_argument("--since", metavar="D", help="markdown: from this day (default: your first entry)")
    export.add_argument("--until", metavar="D", help="markdown: up to and including this day (default: today)")
    export.add_argument("--include-private", action="store_true", help="markdown: include entries marked private")
    export.add_argument("--redact", action="store_true", help="markdown: replace names with the relationship (\"a partner\", \"a friend\")")
    export.add_argument("-o", "--output", metavar="FILE", help="where to write (- for standard output; default: closeness-journal-export-DATE.md or .json here)")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    importer = commands.add_parser(
        "import", help="add entries from a backup or from jrnl",
        description="Add what a file holds to your journal: a JSON export of closeness-journal, or a "
        "jrnl journal (its plain-text file or `jrnl --format json`). Entries already in your journal "
        "are skipped, so importing twice adds nothing. A file with a problem is refused whole.",
    )
    importer.add_argument("file", metavar="FILE", help="the file to import")
    importer.add_argument("--format", choices=["json", "jrnl"], help="json (a closeness-journal export) or jrnl; default: worked out from the file")

    backup = commands.add_parser(
        "backup", help="make a checked copy of the whole journal",
        description="Make a consistent, checked copy of the whole journal (SQLite's online backup, "
        "then quick_check), mode 0600. The journal also backs itself up into the backups folder "
        "the first time each day that it opens in the window or a command changes it, keeping the last 14.",
    )
    backup.add_argument("-o", "--output", metavar="FILE", help="where to write (default: the backups folder, named by date and time)")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")

    commands.add_parser(
        "demo", help="open the journal window on a made-up journal (your own is not touched)",
        description="Open the journal window on a throw-away journal with 16 weeks of made-up "
        "entries, to look around. It is deleted when you quit; your own journal is never touched.",
    )
    commands.add_parser("locate", help="print where your journal and prompt files live", description="Print where your journal and prompt files live.")
    return parser


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # whatever this process creates (database, exports, temp files) is private
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except UsageError as error:
        print(f"closeness-journal: {error}", file=sys.stderr)
        return 2
    except (InvalidEntry, BadDate) as error:
        print(f"closeness-journal: {error}", file=sys.stderr)
        return 2
    except Failure as error:
        print(f"closeness-journal: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("closeness-journal: stopped; nothing more was written.", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`list --json | head`): nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UnicodeError:
        print("closeness-journal: the text isn't valid UTF-8, so nothing was saved.", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as error:
        print(f"closeness-journal: the journal could not be read or written ({error}); nothing was changed.", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the person gets one line, never a traceback
        from closeness_journal.store import JournalError

        if isinstance(error, JournalError):
            print(f"closeness-journal: {error}", file=sys.stderr)
            return 1
        if isinstance(error, OSError):
            print(f"closeness-journal: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
            return 1
        raise


def _run(args: argparse.Namespace) -> int:
    folder = paths.data_dir(args.data_dir)
    today = local_day(datetime.now(timezone.utc))
    command = args.command
    if command is None:
        return _open_app(folder, today)
    if command == "locate":
        return _locate(folder)
    if command == "demo":
        return _demo(today)
    handler = {
        "write": _write,
        "list": _list,
        "show": _show,
        "edit": _edit,
        "delete": _delete,
        "trash": _trash,
        "restore": _restore,
        "prompts": _prompts,
        "patterns": _patterns,
        "review": _review,
        "export": _export,
        "import": _import,
        "backup": _backup,
    }[command]
    return handler(args, folder, today)


@contextmanager
def _opened(folder: Path, daily_backup: bool = False) -> Iterator:
    """The journal, open for one command and closed after it, whatever happens."""
    journal = _open_journal(folder, daily_backup)
    try:
        yield journal
    finally:
        journal.close()


def _open_journal(folder: Path, daily_backup: bool = False):
    from closeness_journal.store import Journal

    journal = Journal.open(paths.database_path(folder))
    if daily_backup:
        _daily_backup(journal, folder)
    return journal


def _daily_backup(journal, folder: Path) -> None:
    """The first time each day the journal window opens, or a command changes the journal, keep
    a checked copy first (the last 14 are kept). Reading commands (list, export…) don't."""
    from closeness_journal import private_files
    from closeness_journal.store import JournalError

    target = private_files.daily_backup_due(folder, local_day(datetime.now(timezone.utc)))
    if target is None or journal.count() == 0:
        return
    try:
        paths.ensure_private_dir(target.parent)
        journal.backup_to(target)
        private_files.prune_backups(folder)
    except (OSError, JournalError) as error:
        print(f"closeness-journal: today's automatic backup could not be made: {error}", file=sys.stderr)


def _open_app(folder: Path, today: date) -> int:
    from closeness_journal.ui.app import run_app  # Textual is imported only here

    with _opened(folder, daily_backup=True) as journal:
        return run_app(journal, data_dir=folder)


def _demo(today: date) -> int:
    from closeness_journal import demo

    with tempfile.TemporaryDirectory(prefix="closeness-journal-demo-") as folder:
        with _opened(Path(folder)) as journal:
            demo.fill(journal, end=today)
            from closeness_journal.ui.app import run_app

            return run_app(journal, data_dir=None, demo=True)


def _locate(folder: Path) -> int:
    print(f"data folder:     {folder}")
    print(f"journal:         {paths.database_path(folder)}")
    shipped = paths.bundled_prompts_dirs()
    print(f"shipped prompts: {shipped[0] if shipped else '(not found)'}")
    print(f"your prompts:    {paths.user_prompts_dir()}  (add *.toml files here)")
    return 0


# --------------------------------------------------------------------------- entries


def _date_option(text: str | None, today: date, what: str = "--date") -> date | None:
    if text is None:
        return None
    try:
        day = parse_date(text, today)
    except BadDate as error:
        raise UsageError(f"{what}: {error}") from None
    return day


def _entry_from_options(args: argparse.Namespace, base: Entry, today: date) -> Entry:
    """Apply the given check-in options to `base` (options left out keep base's values)."""
    changes: dict[str, Any] = {}
    day = _date_option(args.date, today)
    if day is not None:
        if day > today:
            raise UsageError(f"--date: {day} is in the future; you can write about today or earlier")
        changes["local_date"] = day
    simple = {"who": "who", "relationship": "relationship", "intensity": "intensity",
              "close_before": "close_before", "step": "small_step", "predicted": "predicted",
              "outcome": "outcome", "private": "private"}
    for option, field_name in simple.items():
        value = getattr(args, option)
        if value is not None:
            changes[field_name] = value
    for option in ("behaviours", "fears", "kinds", "tags"):
        values = getattr(args, option)
        if values is not None:
            changes[option] = tuple(v.strip() for v in values)
    if args.prompt is not None:
        changes.update(_prompt_fields(args.prompt))
    return replace(base, **changes).validated(allow_empty=True)


_CHECKIN_OPTIONS = ("who", "relationship", "behaviours", "fears", "intensity", "kinds", "close_before",
                    "step", "predicted", "outcome", "private", "tags", "prompt", "date")


def _options_given(args: argparse.Namespace) -> bool:
    return any(getattr(args, option) is not None for option in _CHECKIN_OPTIONS)


def _prompt_fields(prompt_id: str) -> dict[str, Any]:
    from closeness_journal.prompt_files import load_prompts

    library = load_prompts().library
    prompt = library.get(prompt_id)
    if prompt is None:
        raise UsageError(f"--prompt: there is no prompt with the id {prompt_id!r} (see `closeness-journal prompts`)")
    return {"prompt_id": prompt.id, "prompt_text": prompt.text}


@contextmanager
def _body(text: str | None, folder: Path, initial: str = "") -> Iterator[str | None]:
    """The body: the argument, standard input for '-', the editor, or None when none applies.

    The editor works on a private temporary file inside the data folder (0600). It is removed
    afterwards, also when the editor fails; but if saving fails after you wrote, it is kept and
    its path printed, so nothing you typed is lost."""
    if text == "-":
        yield sys.stdin.read()
        return
    if text is not None:
        yield text
        return
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        yield None
        return
    paths.ensure_private_dir(folder)
    fd, name = tempfile.mkstemp(prefix="entry-", suffix=".md", dir=folder)  # created 0600
    keep = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            result = subprocess.run([*shlex.split(editor), name], check=False)
        except OSError as error:
            raise Failure(f"could not start the editor {editor!r}: {error.strerror}; nothing was saved") from None
        if result.returncode != 0:
            raise Failure(f"the editor exited with an error ({result.returncode}); nothing was saved")
        try:
            with open(name, encoding="utf-8") as handle:
                written = handle.read()
        except UnicodeDecodeError:
            keep = True
            raise Failure(f"the editor saved text that isn't UTF-8, so nothing was saved; your text is kept in {name}") from None
        try:
            yield written
        except BaseException:
            keep = True
            print(f"closeness-journal: what you wrote is kept in {name}", file=sys.stderr)
            raise
    finally:
        if not keep:
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass


def _write(args: argparse.Namespace, folder: Path, today: date) -> int:
    entry = _entry_from_options(args, Entry(local_date=today), today)
    with _opened(folder, daily_backup=True) as journal:  # fails before you write, if it must
        with _body(args.text, folder) as body:
            if body is None and entry.is_empty():
                raise UsageError(
                    "nothing to write: give TEXT, use - to read from standard input, or set $EDITOR"
                )
            entry = replace(entry, body=body or "")
            if entry.is_empty():
                raise UsageError("the entry was empty, so nothing was saved")
            saved = journal.add(entry.validated())
    print(saved.id)
    return 0


def _edit(args: argparse.Namespace, folder: Path, today: date) -> int:
    with _opened(folder, daily_backup=True) as journal:
        current = _get_entry(journal, args.id)
        changed = _entry_from_options(args, current, today)
        if args.text is not None or not _options_given(args):
            with _body(args.text, folder, initial=current.body) as body:
                if body is None:
                    raise UsageError("nothing to change: give TEXT, -, check-in options, or set $EDITOR")
                updated = journal.update(replace(changed, body=body))
        else:
            updated = journal.update(changed)
    print(updated.id)
    return 0


def _get_entry(journal, entry_id: str) -> Entry:
    from closeness_journal.store import EntryNotFound

    try:
        return journal.get(entry_id)
    except EntryNotFound as error:
        raise Failure(str(error)) from None


def _filters(args: argparse.Namespace, today: date) -> EntryFilter:
    since = _date_option(args.since, today, "--since")
    until = _date_option(args.until, today, "--until")
    filters = EntryFilter(
        since=since,
        until=until,
        search=args.search,
        behaviours=tuple(args.behaviours or ()),
        fears=tuple(args.fears or ()),
        category=args.category,
        relationship=args.relationship,
    )
    if args.category is not None and args.category not in CATEGORIES:
        raise UsageError(f"--category: choose withdrawal (pulling away) or sabotage (pushing away), not {args.category!r}")
    return filters.validated()


def _list(args: argparse.Namespace, folder: Path, today: date) -> int:
    if args.limit < 0:
        raise UsageError("-n: give 0 (all) or a positive number")
    filters = _filters(args, today)
    with _opened(folder) as journal:
        limit = args.limit or -1  # SQLite: LIMIT -1 means no limit
        hits = journal.search_hits(filters, limit=limit)
    if args.json:
        _print_json([hit.entry.to_json() for hit in hits])
        return 0
    from closeness_journal import cli_views

    cli_views.print_entry_list(hits, searching=filters != EntryFilter())
    return 0


def _show(args: argparse.Namespace, folder: Path, today: date) -> int:
    with _opened(folder) as journal:
        entry = _get_entry(journal, args.id)
        revisions = journal.revisions(entry.id)
    if args.json:
        data = entry.to_json()
        data["revisions"] = [
            {"revised_at": r.revised_at.isoformat(), "entry": r.entry.to_json()} for r in revisions
        ]
        _print_json(data)
        return 0
    from closeness_journal import cli_views

    cli_views.print_entry(entry, revision_count=len(revisions))
    return 0


def _delete(args: argparse.Namespace, folder: Path, today: date) -> int:
    with _opened(folder, daily_backup=True) as journal:
        entry = journal.delete(_get_entry(journal, args.id).id)
    print(f"Moved to the trash: {entry.id}. Bring it back with: closeness-journal restore {entry.id[:8]}")
    return 0


def _restore(args: argparse.Namespace, folder: Path, today: date) -> int:
    with _opened(folder, daily_backup=True) as journal:
        entry = journal.restore(_get_entry(journal, args.id).id)
    print(f"Restored: {entry.id}")
    return 0


def _trash(args: argparse.Namespace, folder: Path, today: date) -> int:
    with _opened(folder, daily_backup=True) as journal:
        if args.empty:
            count = journal.trash_count()
            if count == 0:
                print("The trash is already empty.")
                return 0
            if not args.yes:
                if not sys.stdin.isatty():
                    raise UsageError("--empty deletes for good; add --yes to confirm")
                try:
                    answer = input(f"Delete {plural(count, 'entry', 'entries')} for good? [y/N] ")
                except EOFError:
                    answer = ""
                if answer.strip().lower() not in {"y", "yes"}:
                    print("Kept everything.")
                    return 0
            removed = journal.empty_trash()
            print(f"Deleted {plural(removed, 'entry', 'entries')} for good.")
            return 0
        entries = journal.trash()
    if args.json:
        _print_json([entry.to_json() for entry in entries])
        return 0
    from closeness_journal import cli_views

    cli_views.print_trash(entries)
    return 0


# --------------------------------------------------------------------------- patterns


def _patterns(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core.patterns import compute, range_start

    until = _date_option(args.until, today, "--until") or today
    since = _date_option(args.since, today, "--since") or range_start("8 weeks", until, None)
    if since > until:
        raise UsageError(f"--since {since} comes after --until {until}")
    with _opened(folder) as journal:
        result = compute(journal.pattern_source(since, until), since, until, by=args.by)
    return _show_result(result, args.json, "print_patterns")


# --------------------------------------------------------------------------- weekly review


def _review(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core.review import BadWeek, last_complete_week, parse_week, weekly_review

    try:
        monday = parse_week(args.week) if args.week else last_complete_week(today)
    except BadWeek as error:
        raise UsageError(f"--week: {error}") from None
    with _opened(folder) as journal:
        result = weekly_review(journal, monday)
    return _show_result(result, args.json, "print_review")


# --------------------------------------------------------------------------- export, import, backup


def _export(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import private_files

    if args.format == "json":
        misplaced = [o for o, v in (("--since", args.since), ("--until", args.until), ("--include-private", args.include_private), ("--redact", args.redact)) if v]
        if misplaced:
            raise UsageError(f"{', '.join(misplaced)}: only for --format markdown (the JSON export holds everything)")
    since = _date_option(args.since, today, "--since")
    until = _date_option(args.until, today, "--until") or today
    output = args.output or f"closeness-journal-export-{today.isoformat()}.{'md' if args.format == 'markdown' else 'json'}"
    if output != "-" and Path(output).expanduser().exists() and not args.force:
        raise Failure(f"{output} already exists; use --force to replace it")
    from closeness_journal import exporting

    if since and since > until:
        raise UsageError(f"--since {since} comes after --until {until}")
    with _opened(folder) as journal:
        if args.format == "json":
            chunks = exporting.json_chunks(journal)
        else:
            chunks = exporting.markdown_chunks(journal, since, until, today, args.include_private, args.redact)
        try:
            written = private_files.write_private(output, chunks, force=args.force)
        except private_files.FileExists as error:
            raise Failure(str(error)) from None
    if written is not None:
        print(f"Written to {written}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core import archive_format, jrnl
    from closeness_journal.store import JournalError

    path = Path(args.file).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Failure(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise Failure(f"{path}: not a text file I can read (expected UTF-8)") from None
    except OSError as error:
        raise Failure(f"{path}: {error.strerror}") from None
    kind = args.format or _guess_format(text)
    try:
        if kind == "json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise Failure(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); nothing was imported") from None
            backup = archive_format.read_backup(data)
        else:
            parsed = jrnl.parse_json(text) if text.lstrip().startswith("{") else jrnl.parse_text(text)
            backup = archive_format.Backup()
            for item in parsed:
                entry, written = item.to_entry()
                backup.entries.append(replace(entry.validated(allow_empty=True), created_at=written, updated_at=written))
    except (archive_format.BackupFormatError, jrnl.JrnlError, InvalidEntry) as error:
        raise Failure(f"{path}: {error}; nothing was imported") from None
    with _opened(folder, daily_backup=True) as journal:
        try:
            added = journal.merge(backup)
        except JournalError as error:
            raise Failure(f"{error} Nothing was imported.") from None
    skipped = len(backup.entries) - added["entries"]
    print(
        f"Added {plural(added['entries'], 'entry', 'entries')}"
        + (f" ({skipped} already in your journal)" if skipped else "")
        + (f", {plural(added['reviews'], 'weekly review', 'weekly reviews')}" if added["reviews"] else "")
        + "."
    )
    return 0


def _guess_format(text: str) -> str:
    start = text.lstrip()[:2000]
    if start.startswith("{") and '"closeness-journal"' in start:
        return "json"
    return "jrnl" if start.startswith(("[", "{")) else "json"


def _backup(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import private_files

    if args.output:
        target = Path(args.output).expanduser()
    else:
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        target = private_files.backups_folder(folder) / f"manual-{stamp}.db"
    if target.exists() and not args.force:
        raise Failure(f"{target} already exists; use --force to replace it")
    with _opened(folder) as journal:
        if not args.output:
            paths.ensure_private_dir(target.parent)
        journal.backup_to(target)
    print(f"Backed up to {target}")
    return 0


# --------------------------------------------------------------------------- prompts


def _prompts(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core.prompts import daily_prompts, shuffle_setting
    from closeness_journal.prompt_files import load_prompts

    day = _date_option(args.date, today) or today
    loaded = load_prompts()
    for problem in loaded.problems:
        print(f"closeness-journal: skipped a prompt file: {problem}", file=sys.stderr)
    with _opened(folder) as journal:
        shuffle = journal.setting(shuffle_setting(day), 0)
    chosen = daily_prompts(loaded.library, day, shuffle=shuffle)
    if args.json:
        _print_json(
            {
                "date": day.isoformat(),
                "prompts": [
                    {
                        "id": p.id,
                        "theme": p.theme,
                        "theme_title": loaded.library.themes[p.theme].title,
                        "text": p.text,
                        "source": p.source,
                        "core": p in chosen.core,
                    }
                    for p in chosen.all
                ],
            }
        )
        return 0
    from closeness_journal import cli_views

    cli_views.print_prompts(chosen, loaded.library)
    return 0


def _show_result(result: Any, as_json: bool, view: str) -> int:
    """Print a result as JSON, or through the named function of `cli_views` (imported only then)."""
    if as_json:
        _print_json(result.to_json())
        return 0
    from closeness_journal import cli_views

    getattr(cli_views, view)(result)
    return 0


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

