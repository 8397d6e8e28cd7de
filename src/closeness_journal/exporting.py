"""Exports composed from the store and the core renderers (shared by the command line and the window).

`prepare` works out what an export holds (the days, "since my last export", private entries,
names to replace) and gives the chunks to write and the record to keep; `write` writes them
privately and, once written, the journal remembers the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from closeness_journal import private_files
from closeness_journal.core import collector
from closeness_journal.core.frozen import Frozen, fill
from closeness_journal.core.session import ExportRecord

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from closeness_journal.core.export_rows import EntryRow
    from closeness_journal.store import Journal

FORMATS = ("markdown", "html", "json")
SUFFIXES = {"markdown": "md", "html": "html", "json": "json"}
PLAIN_TEXT = (
    "Markdown, HTML and JSON exports are plain text: anyone who can open the file can read it. "
    "Keep it somewhere only you can reach, and delete it when you no longer need it."
)
PLAIN_FROM_ENCRYPTED = (
    "Your journal is encrypted, but exports are not: Markdown, HTML and JSON files are plain text that anyone "
    "who can open the file can read. Keep it somewhere only you can reach, and delete it when you no longer need it."
)


def default_name(kind: str, today: date) -> str:
    return f"closeness-journal-export-{today.isoformat()}.{SUFFIXES[kind]}"


class Choice(Frozen):
    """What a person asked to export."""

    __slots__ = ("kind", "since", "until", "since_last", "include_private", "redact", "more_names")

    kind: str
    """markdown, html or json (json: everything, and none of the other choices apply)."""
    since: date | None
    until: date | None
    since_last: bool
    """Only what was written, changed or flagged since the last Markdown or HTML export."""
    include_private: bool
    redact: bool
    more_names: tuple[str, ...]
    """Names mentioned only in text, to replace too (`NAME` or `NAME=words`); implies `redact`."""

    def __init__(
        self, kind: str = "markdown", since: date | None = None, until: date | None = None, since_last: bool = False,
        include_private: bool = False, redact: bool = False, more_names: tuple[str, ...] = (),
    ) -> None:
        fill(self, kind, since, until, since_last, include_private, redact, more_names)


class Prepared:
    """An export ready to write: its chunks (read from the journal as they are written) and the
    record the journal keeps once it is written. (A plain class: made once an export, and a
    dataclass took about 0.2 ms to declare.)"""

    __slots__ = ("chunks", "record", "last")

    def __init__(
        self, chunks: Iterator[str] | list[str], record: ExportRecord, last: ExportRecord | None = None
    ) -> None:
        self.chunks = chunks
        self.record = record
        self.last = last
        """The earlier export this one continues from ("since my last export")."""


Tell = Callable[[str, int, int | None], None]
"""How far an export has got: `tell(what, done, total)` (the command line's progress line)."""
EVERY = 500
"""Entries between two progress reports."""


def prepare(
    journal: Journal, choice: Choice, today: date, now: datetime | None = None, progress: Tell | None = None
) -> Prepared:
    now = now or datetime.now(UTC)
    if choice.kind == "json":
        shown = journal.count()
        if progress is None:
            return Prepared(json_chunks(journal, now), ExportRecord(now, "json", entries=shown))
        totals = {"entries": shown + journal.trash_count()}
        told = progress

        def tell(part: str, done: int) -> None:
            told(f"Writing {part}", done, totals.get(part))

        return Prepared(json_chunks(journal, now, tell), ExportRecord(now, "json", entries=shown))
    # What only the readable formats need is imported here: a JSON export never loads it.
    from closeness_journal.core.dates import iso_week_label
    from closeness_journal.core.entry_filter import EntryFilter
    from closeness_journal.core.export_sections import ReviewAnswers, scope_sentence
    from closeness_journal.core.patterns import choose_grouping, compute

    if choice.kind == "html":
        from closeness_journal.core.html_export import render_html as render
    else:
        from closeness_journal.core.markdown_export import render_markdown as render
    last = journal.last_export() if choice.since_last else None
    changed_since = last.made_at if last else None
    until = choice.until or today
    everything = EntryFilter(since=choice.since, until=until, changed_since=changed_since)
    since = choice.since or journal.first_day(everything) or until
    everything = everything.replace(since=since)
    shown = everything.replace(include_private=choice.include_private)
    left_out = 0 if choice.include_private else journal.count(everything) - journal.count(shown)
    by = choose_grouping(since, until)
    source = journal.pattern_source(
        since, until, include_private=choice.include_private, changed_since=changed_since, named=False,
        by_month=by == "month",
    )  # an export shows neither the people named nor the relationships among the patterns
    patterns = compute(source, since, until, by)
    reviews = [
        ReviewAnswers(week, answers)
        for week, updated_at, answers in journal.review_answers(iso_week_label(since), iso_week_label(until))
        if changed_since is None or _after(updated_at, changed_since)
    ]
    names = names_to_replace(journal, choice)
    ladder = journal.ladder(retired=True, since=since, until=until, include_private=choice.include_private)
    count = journal.count(shown)
    entries = journal.export_rows(shown) if progress is None else _told(journal.export_rows(shown), count, progress)
    chunks = render(
        entries, patterns=patterns, since=since, until=until, exported_on=today,
        private_left_out=left_out, names=names, reviews=reviews,
        session=journal.session_facts(shown, note=journal.session_note()),
        scope=scope_sentence(changed_since.astimezone() if changed_since else None, choice.since_last),
        ladder=ladder,
    )
    record = ExportRecord(now, choice.kind, since, until, changed_since, count)
    return Prepared(chunks, record, last)


def _told(entries: Iterator[EntryRow], total: int, progress: Tell) -> Iterator[EntryRow]:
    for done, entry in enumerate(entries, 1):
        if done % EVERY == 0:
            progress("Writing entries", done, total)
        yield entry


def write(
    journal: Journal, prepared: Prepared, target: Path | str, force: bool = False, data_dir: Path | None = None
) -> Path | None:
    """Write the export privately (mode 0600; `-` is standard output), then remember it. With
    `data_dir`, a file of the journal in it is never the target (private_files.JournalFile)."""
    with collector.paused():  # the chunks are made as they are written (core/collector.py)
        written = private_files.write_private(target, prepared.chunks, force=force, data_dir=data_dir)
    journal.record_export(prepared.record)
    return written


def names_to_replace(journal: Journal, choice: Choice) -> dict[str, str] | None:
    """Each name written in "who" (every spelling), with the words for the person; then the names
    listed by hand. None when names are kept."""
    if not (choice.redact or choice.more_names):
        return None
    from closeness_journal.core.redaction import SOMEONE, parse_names
    from closeness_journal.core.vocabulary import REDACTED_AS

    names = {name: REDACTED_AS.get(rel or "", SOMEONE) for name, rel in journal.name_spellings().items()}
    names.update(parse_names(choice.more_names))
    return names


def json_chunks(
    journal: Journal, now: datetime | None = None, progress: Callable[[str, int], None] | None = None
) -> Iterator[str]:
    """Everything in the journal as the versioned JSON backup format, streamed (see
    `core/archive_json.py`); `progress(part, done)` is told as the entries and revisions go."""
    from closeness_journal.core import archive_json

    document = journal.archive_document((now or datetime.now(UTC)).isoformat())
    yield from archive_json.chunks(document, progress, floatless=("entries",))  # text, whole numbers, yes/no
    yield "\n"


def _after(stamp: str | None, moment: datetime) -> bool:
    try:
        return stamp is not None and datetime.fromisoformat(stamp) > moment
    except ValueError:
        return True
