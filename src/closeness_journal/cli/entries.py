"""Commands about entries: write, edit, show, list, delete, trash and restore.

What only writing needs (answers, the ladder, $EDITOR) is imported by `write` and `edit`, so `list`
and `show` start quickly."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from closeness_journal.cli.common import Failure, UsageError, date_option, opened, print_json
from closeness_journal.core import checkin
from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.core.wording import plural

CHECKIN_OPTIONS = ("who", "relationship", "behaviours", "fears", "intensity", "kinds", "close_before",
                   "step", "predicted", "outcome", "stayed", "urge", "acted", "private", "tags", "prompt", "date",
                   "ladder", "flagged")
"""The `dest` of every check-in option (see `parser.add_checkin_options`)."""

_OPTION_OF = {
    name: "step" if name == "small_step" else name
    for name in checkin.FIELDS
    if name not in checkin.PAUSE_SCALES and name != "rung"
}
"""CheckIn field -> the dest of the option that sets it (`--step` sets the small step; a pause's
own scale is set in the window only; `--ladder`, the rung, is looked up in the journal by
`ladder.with_rung`)."""


def write(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.cli import answers, ladder
    from closeness_journal.cli.editor import in_editor
    from closeness_journal.core import editor_template

    entry = entry_from_options(args, Entry(local_date=today), today)
    prompt = answers.resolve(args.prompt, "--prompt") if args.prompt is not None else None
    given = answers.given_answers(args)
    # The journal opens first, so a damaged one (or an unknown rung) fails before you write.
    with opened(folder, daily_backup=True) as journal:
        entry = ladder.with_rung(journal, entry, args.ladder)
        if args.text is None and not given:
            sections = answers.template_sections(journal, entry, prompt)
            with in_editor(editor_template.render(sections), folder) as written:
                if written is None and entry.is_empty():
                    raise UsageError(
                        "nothing to write: give TEXT or --answer, use - to read from standard input, or set $EDITOR"
                    )
                if written is not None:
                    filled = editor_template.parse(written, sections)
                    entry = replace(entry, answers=filled.answers, body=filled.body)
                saved = _add(journal, entry)
        else:
            text, given = answers.read_stdin(args.text, given)
            entry = answers.with_answers(answers.place_text(entry, text or "", prompt), given)
            saved = _add(journal, entry)
    print(saved.id)
    return 0


def _add(journal: Any, entry: Entry) -> Entry:
    if entry.is_empty():
        raise UsageError("the entry was empty, so nothing was saved")
    return journal.add(entry.validated())


def edit(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.cli import answers, ladder
    from closeness_journal.cli.editor import in_editor
    from closeness_journal.core import editor_template

    with opened(folder, daily_backup=True) as journal:
        current = get_entry(journal, args.id)
        changed = ladder.with_rung(journal, entry_from_options(args, current, today), args.ladder)
        prompt = answers.resolve(args.prompt, "--prompt", current.answers) if args.prompt is not None else None
        given = answers.given_answers(args, current.answers)
        if args.text is None and not given and (prompt is not None or not _options_given(args)):
            sections = answers.template_sections(journal, changed, prompt)
            initial = editor_template.render(sections, changed.body, editing=True)
            with in_editor(initial, folder) as written:
                if written is None and not _options_given(args):
                    raise UsageError(
                        "nothing to change: give TEXT, -, --answer or check-in options, or set $EDITOR"
                    )
                if written is not None:
                    filled = editor_template.parse(written, sections)
                    changed = replace(changed, answers=filled.answers, body=filled.body)
                updated = journal.update(changed)
        else:
            text, given = answers.read_stdin(args.text, given)
            if text is not None:
                changed = answers.place_text(changed, text, prompt)
            updated = journal.update(answers.with_answers(changed, given))
    print(updated.id)
    return 0


def show(args: argparse.Namespace, folder: Path, today: date) -> int:
    with opened(folder, entries_only=True, reads_only=True) as journal:
        entry = get_entry(journal, args.id)
        revisions = journal.revisions(entry.id)
    if args.json:
        data = entry.to_json()
        data["revisions"] = [
            {"revised_at": r.revised_at.isoformat(), "entry": r.entry.to_json()} for r in revisions
        ]
        print_json(data)
        return 0
    from closeness_journal.cli import views

    views.print_entry(entry, revision_count=len(revisions))
    return 0


def list_entries(args: argparse.Namespace, folder: Path, today: date) -> int:
    if args.limit < 0:
        raise UsageError(f"argument -n/--limit: {args.limit} is below 0; give 0 (all) or a positive number")
    filters = _filters(args, today)
    with opened(folder, entries_only=True, reads_only=True) as journal:
        hits = journal.search_hits(filters, limit=args.limit or -1)  # SQLite: LIMIT -1 means no limit
    if args.json:
        print_json([hit.entry.to_json() for hit in hits])
        return 0
    from closeness_journal.cli import entry_list

    entry_list.print_entry_list(hits, searching=filters != EntryFilter())
    return 0


def delete(args: argparse.Namespace, folder: Path, today: date) -> int:
    with opened(folder, daily_backup=True) as journal:
        entry = journal.delete(get_entry(journal, args.id).id)
    print(f"Moved to the trash: {entry.id}. Bring it back with: closeness-journal restore {entry.id[:8]}")
    return 0


def restore(args: argparse.Namespace, folder: Path, today: date) -> int:
    with opened(folder, daily_backup=True) as journal:
        entry = journal.restore(get_entry(journal, args.id).id)
    print(f"Restored: {entry.id}")
    return 0


def trash(args: argparse.Namespace, folder: Path, today: date) -> int:
    with opened(folder, daily_backup=True) as journal:
        if args.empty:
            return _empty_trash(journal, ask=not args.yes)
        entries = journal.trash()
    if args.json:
        print_json([entry.to_json() for entry in entries])
        return 0
    from closeness_journal.cli import views

    views.print_trash(entries)
    return 0


def _empty_trash(journal: Any, ask: bool) -> int:
    count = journal.trash_count()
    if count == 0:
        print("The trash is already empty.")
        return 0
    if ask:
        if not sys.stdin.isatty():
            raise UsageError("--empty deletes for good; add --yes to confirm")
        try:
            answer = input(f"Delete {plural(count, 'entry', 'entries')} for good? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {"y", "yes"}:
            print("Kept everything.")
            return 0
    from closeness_journal.windows import open_here

    removed = journal.empty_trash(keep_drafts=journal.edit_drafts_held(open_here))  # edits open windows hold stay
    print(f"Deleted {plural(removed, 'entry', 'entries')} for good.")
    return 0


# --------------------------------------------------------------------------- shared by the commands above


def get_entry(journal: Any, entry_id: str) -> Entry:
    """The entry with this id (or the first characters of it); a missing one is a Failure."""
    from closeness_journal.store import EntryNotFound

    try:
        return journal.get(entry_id)
    except EntryNotFound as error:
        raise Failure(str(error)) from None


def entry_from_options(args: argparse.Namespace, base: Entry, today: date) -> Entry:
    """Apply the given check-in options to `base` (options left out keep base's values)."""
    changes: dict[str, Any] = {}
    day = date_option(args.date, today)
    if day is not None:
        if day > today:
            raise UsageError(f"--date: {day} is in the future; you can write about today or earlier")
        changes["local_date"] = day
    given = {name: getattr(args, option) for name, option in _OPTION_OF.items() if getattr(args, option) is not None}
    for name in checkin.LISTS:
        if name in given:
            given[name] = tuple(v.strip() for v in given[name])
    if given:
        changes["checkin"] = replace(base.checkin, **given)
    if args.private is not None:
        changes["private"] = args.private
    if args.flagged is not None:
        changes["flagged"] = args.flagged
    if args.tags is not None:
        changes["tags"] = tuple(v.strip() for v in args.tags)
    return replace(base, **changes).validated(allow_empty=True)


def _options_given(args: argparse.Namespace) -> bool:
    """Whether any check-in option was given (`--prompt` is not one: it says what TEXT answers)."""
    return any(getattr(args, option) is not None for option in CHECKIN_OPTIONS if option != "prompt")


def _filters(args: argparse.Namespace, today: date) -> EntryFilter:
    filters = EntryFilter(
        since=date_option(args.since, today, "--since"),
        until=date_option(args.until, today, "--until"),
        search=args.search,
        behaviours=tuple(args.behaviours or ()),
        fears=tuple(args.fears or ()),
        category=args.category,
        relationship=args.relationship,
        tags=tuple(tag.strip() for tag in args.tags or ()),
    )
    return filters.validated()
