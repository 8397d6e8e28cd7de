"""Commands that look at the journal as a whole: a day's prompts, patterns over time, and the
weekly review."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from closeness_journal.cli.common import UsageError, date_option, opened, print_json


def prompts(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal import day_prompts
    from closeness_journal.prompt_files import load_prompts

    day = date_option(args.date, today) or today
    loaded = load_prompts()
    for problem in loaded.problems:
        print(f"closeness-journal: skipped a prompt file: {problem}", file=sys.stderr)
    with opened(folder) as journal:  # today's choice is kept, so the window shows the same
        chosen = day_prompts.for_day(journal, loaded.library, day, remember=day == today)
    if args.json:
        themes = loaded.library.themes
        print_json(
            {
                "date": day.isoformat(),
                "prompts": [
                    {
                        "id": p.id,
                        "theme": p.theme,
                        "theme_title": themes[p.theme].title,
                        "text": p.text,
                        "source": p.source,
                        "core": p in chosen.core,
                        "quiet": p.quiet,
                        "note": themes[p.theme].note or None,
                        **({"because": chosen.because, "reason": chosen.reason} if p is chosen.deeper else {}),
                    }
                    for p in chosen.all
                ],
            }
        )
        return 0
    from closeness_journal.cli import views

    views.print_prompts(chosen, loaded.library)
    return 0


def patterns(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core.patterns import compute, range_start

    until = date_option(args.until, today, "--until") or today
    since = date_option(args.since, today, "--since") or range_start("8 weeks", until, None)
    if since > until:
        raise UsageError(f"--since {since} comes after --until {until}")
    with opened(folder, reads_only=True) as journal:
        result = compute(journal.pattern_source(since, until), since, until, by=args.by)
    if args.json:
        print_json(result.to_json())
        return 0
    from closeness_journal.cli import views

    views.print_patterns(result)
    return 0


def review(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.core.review import BadWeek, last_complete_week, parse_week, weekly_review

    try:
        monday = parse_week(args.week) if args.week else last_complete_week(today)
    except BadWeek as error:
        raise UsageError(f"--week: {error}") from None
    with opened(folder, reads_only=True) as journal:
        result = weekly_review(journal, monday)
    if args.json:
        print_json(result.to_json())
        return 0
    from closeness_journal.cli import views

    views.print_review(result)
    return 0
