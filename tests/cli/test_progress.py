"""The progress line of long exports and imports: on a terminal only, and wiped when done."""

import io
from datetime import date

from closeness_journal import exporting
from closeness_journal.cli import progress as progress_module
from closeness_journal.cli.progress import Progress
from closeness_journal.core.entries import Entry
from closeness_journal.store import Journal


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_written_when_standard_error_is_not_a_terminal():
    stream = io.StringIO()
    with Progress(stream) as progress:
        progress.tell("Writing entries", 500, 1000)
    assert stream.getvalue() == ""


def test_on_a_terminal_the_line_is_redrawn_and_wiped_at_the_end(monkeypatch):
    monkeypatch.setattr(progress_module, "EVERY_S", 0)
    stream = Terminal()
    with Progress(stream) as progress:
        progress.tell("Reading the file", 0)
        progress.tell("Writing entries", 500, 1000)
        progress.tell("Writing entries", 1000, 1000)
    assert stream.getvalue() == (
        "\r\x1b[KReading the file…\r\x1b[KWriting entries: 500 of 1,000…"
        "\r\x1b[KWriting entries: 1,000 of 1,000…\r\x1b[K"
    )


class Reports(list):
    def append_report(self, what: str, done: int, total: int | None) -> None:
        self.append((what, done, total))


def test_exports_tell_how_far_they_have_got():
    journal = Journal.in_memory()
    for n in range(exporting.EVERY + 1):
        journal.add(Entry(local_date=date(2026, 1, 1), body=f"entry {n}"))
    for kind in ("markdown", "json"):
        told = Reports()
        prepared = exporting.prepare(journal, exporting.Choice(kind), date(2026, 2, 1), progress=told.append_report)
        "".join(prepared.chunks)
        assert ("Writing entries", exporting.EVERY, exporting.EVERY + 1) in told, kind
