"""Two windows editing one entry: each keeps its own draft, neither loses its words when the other
saves, and emptying the trash meanwhile loses nothing typed.

A journal window is a process. Here both windows' edit screens run in one app, on a journal in a
real file: the screen opened as "the other window" is given the identity of another process that is
running (`edit_entry.this_window`, the seam windows.py offers), so each sees the other as open."""

import socket
import subprocess
import sys
from datetime import date

import pytest
from ui_helpers import until

from closeness_journal.core.entries import Entry
from closeness_journal.core.today import Window
from closeness_journal.store import Journal, edit_draft_key
from closeness_journal.ui.screens import edit_entry
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.screens.edit_entry import EditEntryScreen
from closeness_journal.ui.screens.trash import TrashScreen
from closeness_journal.windows import this_window

TODAY = date(2026, 11, 18)


@pytest.fixture
def on_disk(tmp_path):
    journal = Journal.open(tmp_path / "journal.db")
    yield journal
    journal.close()


@pytest.fixture
def other_window():
    """Another journal window, still open: a process that runs, on this machine."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield Window(process.pid, socket.gethostname())
    process.kill()
    process.wait()


def closed_window() -> Window:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return Window(process.pid, socket.gethostname())


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_edit(app, pilot, journal, entry, monkeypatch, window: Window | None = None) -> EditEntryScreen:
    """Open an entry's edit screen as this window, or as `window`."""
    monkeypatch.setattr(edit_entry, "this_window", (lambda: window) if window else this_window, raising=False)
    screen = EditEntryScreen(journal, journal.get(entry.id))
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def test_two_windows_editing_one_entry_each_keep_their_own_words(make_app, on_disk, other_window, monkeypatch):
    journal = on_disk
    entry = journal.add(Entry(TODAY, body="We talked."))
    app = make_app(j=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        theirs = await open_edit(app, pilot, journal, entry, monkeypatch, other_window)
        await pilot.press(*" They typed this.")
        assert theirs.autosave.flush()

        mine = await open_edit(app, pilot, journal, entry, monkeypatch)
        assert mine.query_one("#editor").text == "We talked."  # their words are not shown as ours
        assert not any("are back" in note for note in notes(app))
        assert any("edited in another window too" in note for note in notes(app))
        await pilot.press(*" I typed this.")
        assert mine.autosave.flush()
        assert journal.draft(edit_draft_key(entry.id, other_window))["body"] == "We talked. They typed this."
        await pilot.press("ctrl+s")  # this window saves first
        await pilot.pause()
        assert app.screen is theirs
        assert journal.get(entry.id).body == "We talked. I typed this."
        assert journal.draft(edit_draft_key(entry.id, other_window))["body"] == "We talked. They typed this."

        await pilot.press("ctrl+s")  # then the other window: its words win, ours are kept as an earlier version
        await pilot.pause()
        assert any("changed in another window while you were editing" in note for note in notes(app))
    assert journal.get(entry.id).body == "We talked. They typed this."
    assert [r.entry.body for r in journal.revisions(entry.id)] == ["We talked.", "We talked. I typed this."]
    assert journal.edit_drafts(entry.id) == []


async def test_an_edit_takes_over_what_closed_windows_left_never_what_an_open_one_holds(
        make_app, on_disk, other_window, monkeypatch):
    journal = on_disk
    entry = journal.add(Entry(TODAY, body="We talked."))
    journal.save_draft(edit_draft_key(entry.id), {"body": "We talked. Kept by the first versions."})
    journal.save_draft(edit_draft_key(entry.id, closed_window()), {"body": "We talked. Left by a closed window."})
    journal.save_draft(edit_draft_key(entry.id, other_window), {"body": "We talked. Still being typed."})
    app = make_app(j=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_edit(app, pilot, journal, entry, monkeypatch)
        assert screen.query_one("#editor").text == (
            "We talked. Kept by the first versions.\n\nWe talked. Left by a closed window.")
        assert any("are back" in note for note in notes(app))
        await pilot.press(*" More.")
        assert screen.autosave.flush()  # ours holds them now
        assert [key for key, _, _ in journal.edit_drafts(entry.id)] == [
            edit_draft_key(entry.id, other_window), edit_draft_key(entry.id, this_window())]


async def test_an_edit_left_behind_that_another_window_took_over_first_is_not_restored_twice(
        make_app, on_disk, other_window, monkeypatch):
    """Two windows opening the same edit at the same moment both find what a closed window left:
    the second to take it over restores nothing (each had restored it, doubling its text)."""
    journal = on_disk
    entry = journal.add(Entry(TODAY, body="We talked."))
    left = edit_draft_key(entry.id, closed_window())
    journal.save_draft(left, {"body": "We talked. Left by a closed window."})
    theirs = edit_draft_key(entry.id, other_window)
    found_too = edit_entry.drafts_to_take

    def the_other_window_is_quicker(drafts, here, alive):
        found = found_too(drafts, here, alive)
        if journal.draft(left) is not None:
            journal.adopt_drafts([left], theirs, {"body": "We talked. Left by a closed window."})
        return found

    monkeypatch.setattr(edit_entry, "drafts_to_take", the_other_window_is_quicker)
    app = make_app(j=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_edit(app, pilot, journal, entry, monkeypatch)
        assert screen.query_one("#editor").text == "We talked."
        assert not any("are back" in note for note in notes(app))
    assert [key for key, _, _ in journal.edit_drafts(entry.id)] == [theirs]


async def test_emptying_the_trash_while_an_entry_is_edited_keeps_the_words(make_app, on_disk, monkeypatch):
    journal = on_disk
    entry = journal.add(Entry(TODAY, body="We talked."))
    app = make_app(j=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_edit(app, pilot, journal, entry, monkeypatch)
        await pilot.press(*" And I stayed.")
        assert screen.autosave.flush()
        journal.delete(entry.id)  # another window moves it to the trash, then it is emptied for good
        await app.push_screen(TrashScreen(journal))
        await pilot.pause()
        await pilot.press("x", "y")
        await pilot.pause()
        assert journal.count() == 0 and journal.trash_count() == 0
        assert journal.draft(edit_draft_key(entry.id, this_window()))["body"] == "We talked. And I stayed."
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "deleted for good in another window" in str(app.screen._question)
        await pilot.press("y")  # save them as a new entry
        await pilot.pause()
        assert any("Saved as a new entry" in note for note in notes(app))
    [kept] = journal.entries()
    assert kept.body == "We talked. And I stayed." and kept.id != entry.id and kept.local_date == TODAY
    assert journal.drafts("edit") == []


async def test_an_edit_whose_entry_vanished_can_go_on_being_edited(make_app, on_disk, monkeypatch):
    journal = on_disk
    entry = journal.add(Entry(TODAY, body="We talked."))
    app = make_app(j=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_edit(app, pilot, journal, entry, monkeypatch)
        await pilot.press(*" Still here.")
        journal.delete(entry.id)
        journal.empty_trash()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # "Keep editing"
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#editor").text == "We talked. Still here."
        assert screen.autosave.flush()
        assert journal.draft(edit_draft_key(entry.id, this_window()))["body"] == "We talked. Still here."


async def test_an_edit_of_an_entry_deleted_for_good_comes_back_as_a_new_entry_next_time(
        make_app, on_disk, other_window, monkeypatch):
    journal = on_disk
    entry = journal.add(Entry(TODAY, body="We talked."))
    held = journal.add(Entry(TODAY, body="Another."))
    app = make_app(j=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_edit(app, pilot, journal, entry, monkeypatch, closed_window())
        await pilot.press(*" And I stayed.")
        journal.delete(entry.id)
        journal.empty_trash(keep_drafts=journal.edit_drafts_held(lambda owner: True))  # the window is open
        assert screen.autosave.flush()  # then it closes without saving (its process is gone now)
    held_key = edit_draft_key(held.id, other_window)
    journal.save_draft(held_key, {"body": "Another. Open elsewhere.", "day": TODAY.isoformat()})
    journal.delete(held.id)
    journal.empty_trash(keep_drafts=[held_key])  # that window is still open: its edit is its own
    app = make_app(j=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: any("What you had typed is kept as a new entry" in n for n in notes(app)),
                    what="the kept edit told of")
    [kept] = journal.entries()
    assert kept.body == "We talked. And I stayed." and kept.local_date == TODAY
    assert [key for key, _, _ in journal.orphaned_edits()] == [held_key]
