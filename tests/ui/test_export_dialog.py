"""The export dialog writes the file privately and says where it went."""

import os
import stat
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

from ui_helpers import assert_literal

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.session import ExportRecord
from closeness_journal.ui.screens.export import PLAIN_TEXT, ExportScreen

TODAY = date(2026, 11, 18)


async def test_export_dialog_writes_markdown_and_json(make_app, journal, tmp_path):
    journal.add(Entry(TODAY, body="for my therapist", checkin=CheckIn(who="Sam", relationship="partner")))
    journal.add(Entry(TODAY, body="only mine", private=True))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        target = tmp_path / "out.md"
        screen.query_one("#export-path").value = str(target)
        screen.query_one("#export-redact").value = True
        await pilot.click("#export-go")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        document = target.read_text()
        assert "for my therapist" in document and "only mine" not in document and "Sam" not in document
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert any(str(target) in n.message for n in app._notifications)
        # JSON, and asking before replacing
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-format").value = "json"
        await pilot.pause()
        json_target = tmp_path / "out.json"
        json_target.write_text("old")
        screen.query_one("#export-path").value = str(json_target)
        await pilot.click("#export-go")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert '"format": "closeness-journal"' in json_target.read_text()


async def test_a_bad_date_is_explained_in_the_dialog(make_app, journal, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#export-range").value = "dates"
        await pilot.pause()
        assert app.screen.query_one("#export-dates").display
        app.screen.query_one("#export-since").value = "[/bold]"  # quoted back literally, no crash
        app.screen.query_one("#export-path").value = str(tmp_path / "x.md")
        await pilot.click("#export-go")
        await pilot.pause()
        assert_literal(app.screen.query_one("#export-note").visual, "[/bold]")
        app.screen.query_one("#export-since").value = "2026-13-01"
        app.screen.query_one("#export-path").value = str(tmp_path / "x.md")
        await pilot.click("#export-go")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "YYYY-MM-DD" in str(app.screen.query_one("#export-note").render())
        assert not (tmp_path / "x.md").exists()


async def open_dialog(app, pilot) -> ExportScreen:
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def test_the_note_is_kept_and_the_next_export_holds_only_what_is_new(make_app, journal, tmp_path):
    journal.add(Entry(TODAY, body="written this morning"), now=datetime.now(UTC) - timedelta(hours=2))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_dialog(app, pilot)
        assert screen.query_one("#export-range").value == "all"  # no export yet: everything
        assert PLAIN_TEXT in str(screen.query_one("#export-plain").render())
        screen.query_one("#export-agenda").text = "Why I go quiet after <b>good</b> evenings"
        screen.query_one("#export-path").value = str(tmp_path / "first.md")
        await pilot.click("#export-go")
        await pilot.pause()
        first = (tmp_path / "first.md").read_text()
        assert "written this morning" in first and "Why I go quiet after <b>good</b> evenings" not in first
        assert "Why I go quiet after \\<b>good\\</b> evenings" in first  # the note, escaped
        assert journal.session_note() == "Why I go quiet after <b>good</b> evenings"

        journal.add(Entry(TODAY, body="written after the export"), now=datetime.now(UTC) + timedelta(minutes=1))
        screen = await open_dialog(app, pilot)
        assert screen.query_one("#export-range").value == "since-last"
        assert screen.query_one("#export-agenda").text == "Why I go quiet after <b>good</b> evenings"
        screen.query_one("#export-format").value = "html"
        await pilot.pause()
        assert screen.query_one("#export-path").value.endswith(".html")
        target = tmp_path / "second.html"
        screen.query_one("#export-path").value = str(target)
        await pilot.click("#export-go")
        await pilot.pause()
        page = target.read_text()
        assert "written after the export" in page and "written this morning" not in page
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        parser = HTMLParser()
        parser.feed(page)  # a page a browser reads (the HTML tests look at it closely)
        assert journal.last_export().format == "html"


async def test_cancelling_keeps_the_note_for_next_time(make_app, journal):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_dialog(app, pilot)
        screen.query_one("#export-agenda").text = "Talk about Mum"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert journal.session_note() == "Talk about Mum" and journal.last_export() is None


async def test_json_hides_what_only_the_readable_exports_use(make_app, journal):
    journal.record_export(ExportRecord(datetime(2026, 11, 17, 9, tzinfo=UTC), "markdown"))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_dialog(app, pilot)
        assert screen.query_one("#export-readable").display
        screen.query_one("#export-format").value = "json"
        await pilot.pause()
        assert not screen.query_one("#export-readable").display
        assert screen.query_one("#export-path").value.endswith(".json")
