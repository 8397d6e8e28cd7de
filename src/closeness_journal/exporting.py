"""Exports composed from the store and the core renderers (shared by the command line and the window)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timezone

from closeness_journal.core.dates import iso_week_label
from closeness_journal.core.entries import EntryFilter
from closeness_journal.core.markdown_export import ReviewAnswers, render_markdown
from closeness_journal.core.patterns import compute
from closeness_journal.core.vocabulary import REDACTED_AS
from closeness_journal.store import Journal


def default_name(kind: str, today: date) -> str:
    return f"closeness-journal-export-{today.isoformat()}.{'md' if kind == 'markdown' else 'json'}"


def markdown_chunks(
    journal: Journal, since: date | None, until: date, today: date, include_private: bool = False, redact: bool = False
) -> Iterator[str]:
    """The Markdown for a therapist over [since, until] (since defaults to the first entry).
    Entries stream from the store; private ones are left out (and counted) unless asked for."""
    since = since or journal.first_entry_date() or until
    everything = EntryFilter(since=since, until=until)
    shown = EntryFilter(since=since, until=until, include_private=include_private)
    left_out = 0 if include_private else journal.count(everything) - journal.count(shown)
    patterns = compute(journal.pattern_source(since, until, include_private=include_private), since, until)
    reviews = [
        ReviewAnswers(r.week, tuple((r.questions.get(pid) or pid, answer) for pid, answer in r.answers.items()))
        for r in reversed(journal.reviews(since=iso_week_label(since), until=iso_week_label(until)))
    ]
    names = None
    if redact:
        names = {name: REDACTED_AS.get(rel or "", "someone") for name, rel in journal.names_with_relationships().items()}
    yield from render_markdown(
        journal.iter_entries(shown), patterns=patterns, since=since, until=until, exported_on=today,
        private_left_out=left_out, names=names, reviews=reviews,
        ladder=journal.ladder(retired=True, since=since, until=until, include_private=include_private),
    )


def json_chunks(journal: Journal) -> list[str]:
    """Everything in the journal as the versioned JSON backup format."""
    document = journal.dump().to_json(datetime.now(timezone.utc).isoformat())
    return [json.dumps(document, ensure_ascii=False, indent=1), "\n"]
