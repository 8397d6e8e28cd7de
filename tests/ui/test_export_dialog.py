"""The export dialog writes the file privately and says where it went."""

import os
import stat
from datetime import date

from ui_helpers import assert_literal

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.ui.screens.export import ExportScreen

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
