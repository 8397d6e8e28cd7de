"""`check` counts each window's unsaved edit of an entry where it belongs: with a window open now,
or left by one that closed (and whether its entry still exists)."""

import socket
import subprocess
import sys
from datetime import date

from closeness_journal.core.entries import Entry
from closeness_journal.core.today import Window
from closeness_journal.store import Journal, edit_draft_key


def test_check_tells_edits_open_windows_hold_from_those_closed_windows_left(private_folders, run):
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    host = socket.gethostname()
    try:
        journal = Journal.open(private_folders / "journal.db")
        entry = journal.add(Entry(date(2026, 11, 18), body="We talked."))
        gone = journal.add(Entry(date(2026, 11, 17), body="Deleted for good."))
        journal.save_draft(edit_draft_key(entry.id, Window(running.pid, host)), {"body": "still being typed"})
        journal.save_draft(edit_draft_key(entry.id, Window(ended.pid, host)), {"body": "left behind"})
        journal.save_draft(edit_draft_key(entry.id), {"body": "kept by the first versions"})
        journal.save_draft(edit_draft_key(gone.id, Window(ended.pid, host)), {"body": "left behind too"})
        journal.delete(gone.id)
        journal.empty_trash(keep_drafts=[edit_draft_key(gone.id, Window(ended.pid, host))])
        journal.close()
        run("backup")
        code, out, _ = run("check")
    finally:
        running.kill()
        running.wait()
    assert code == 0, out
    assert "1 draft belongs to a journal window open now" in out
    assert "2 unsaved edits from a window that closed will come back when you edit that entry again" in out
    assert ("1 unsaved edit of an entry deleted for good, from a window that closed, "
            "will come back as a new entry") in out
    assert "will come back when you open the journal" not in out


def test_check_tells_a_pause_an_open_window_holds_and_a_week_s_unsaved_review_for_what_they_are(
    private_folders, run
):
    """A pause is a window's: while that window is open it is not "from a window that closed". A
    week's unsaved review belongs to no window: it comes back when that week's review is opened."""
    from closeness_journal.core.pause import PauseDraft, PauseNotes
    from closeness_journal.store import pause_draft_key, review_draft_key

    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        journal = Journal.open(private_folders / "journal.db")
        window = Window(running.pid, socket.gethostname())
        journal.save_draft(pause_draft_key("a1"), PauseDraft(PauseNotes(happened="a breath"), window=window).to_json())
        journal.save_draft(review_draft_key("2026-W47"), {"answers": {"went-well": "we talked"}})
        journal.close()
        run("backup")
        code, out, _ = run("check")
    finally:
        running.kill()
        running.wait()
    assert code == 0, out
    assert "1 draft belongs to a journal window open now" in out
    assert "1 unsaved weekly review will come back when you open that week's review" in out
    assert "from a window that closed" not in out
