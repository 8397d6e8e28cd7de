"""SVG snapshots of the main screens with fixed dates and data.

Review changes with `pytest --snapshot-report` before `pytest --snapshot-update`.
"""

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from ui_helpers import type_text

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.session import ExportRecord
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.ui.app import JournalApp


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch):
    """The editor's cursor doesn't blink in a snapshot: a picture taken half a second later would
    otherwise show it or not, and the same screen would differ by a cursor."""
    from textual.widgets import TextArea

    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


TODAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 0, tzinfo=UTC)
SIZES = [(80, 24), (120, 40)]

SAMPLES = [
    (
        "Dinner with Sam was lovely, and then I went quiet for the rest of the night.",
        "Sam", "partner", ("went-quiet",), ("engulfment",), 6,
    ),
    (
        "Cancelled coffee with Ana again. Told myself I was tired.",
        "Ana", "friend", ("cancelled-plans",), ("judgement",), 4,
    ),
    (
        "Picked at Sam about the dishes right after a really warm morning.",
        "Sam", "partner", ("picked-fight",), ("abandonment",), 7,
    ),
    ("Told Mum one true thing about how work is going. It was fine.", "Mum", "family", (), ("being-seen",), 3),
    ("Kept it all jokes at the team lunch.", "team", "colleague", ("kept-it-surface",), (), 2),
    ("Asked Sam for a hug instead of leaving the room.", "Sam", "partner", (), ("rejection",), 5),
]


def sample_journal() -> Journal:
    journal = Journal.in_memory()
    for n, (body, who, relationship, behaviours, fears, intensity) in enumerate(SAMPLES * 3):
        journal.add(
            Entry(
                TODAY - timedelta(days=n),
                body=body,
                checkin=CheckIn(
                    who=who, relationship=relationship, behaviours=behaviours, fears=fears,
                    intensity=intensity, close_before=n % 2 == 0,
                ),
            ),
            now=NOW - timedelta(days=n),
        )
    return journal


def sitting_journal() -> Journal:
    """One sitting from the day before: three answers, free writing and a full check-in."""
    journal = Journal.in_memory()
    library = load_prompts().library
    answers = [
        ("pulled-away-08", "Sam asked how I was really doing and I said 'fine' and changed the subject."),
        ("feared-02", "Some of both. Mostly that if I said it, it would become too big to take back."),
        ("small-step-05", "Sam. I could tell them one true thing about work, just one."),
    ]
    journal.add(
        Entry(
            TODAY - timedelta(days=1),
            answers=tuple(Answer(pid, library.get(pid).text, text) for pid, text in answers),
            body="Later we watched a film and I stayed on the sofa next to them. That was nice.",
            checkin=CheckIn(
                who="Sam", relationship="partner", kinds=("emotional",), behaviours=("avoided-topic",),
                fears=("engulfment", "burden"), intensity=6, close_before=True, small_step="Stayed for the film",
                predicted=7, outcome=3, stayed=("stayed-in-the-conversation", "let-affection-in"), urge=7,
                acted="partly",
            ),
            tags=("home",),
        ),
        now=datetime(2026, 11, 17, 21, 0, tzinfo=UTC),
    )
    return journal




def make_app(journal: Journal, data_dir: Path | None = None) -> JournalApp:
    return JournalApp(journal, load_prompts().library, today=lambda: TODAY, data_dir=data_dir)


async def without_notifications(pilot) -> None:
    """Clear the offer of last week's review, so it doesn't cover the view being drawn."""
    await pilot.pause()  # Today makes the offer when it is mounted
    pilot.app.clear_notifications()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_today_screen(snap_compare, size):
    async def write(pilot):
        await pilot.pause()  # the check-in is mounted after the first frame
        await type_text(pilot, "I wanted to leave the room when Sam laughed.")

    assert snap_compare(make_app(sample_journal()), terminal_size=size, run_before=write)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_screen(snap_compare, size):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=size, press=["f3", "down", "down"])


def test_reading_an_entry(snap_compare):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=(80, 24), press=["f3", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reading_a_sitting(snap_compare, size):
    assert snap_compare(make_app(sitting_journal()), terminal_size=size, press=["f3", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_editing_a_sitting(snap_compare, size):
    assert snap_compare(make_app(sitting_journal()), terminal_size=size, press=["f3", "e", "ctrl+n"])


def test_help_screen(snap_compare):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=(80, 24), press=["f1"])


def demo_with_staying() -> Journal:
    """The demo journal, each entry given the pull to get away, what was done with it and, more
    often as the weeks go on, a way of staying close (unless the demo already says)."""
    import random
    from dataclasses import replace

    from closeness_journal import demo
    from closeness_journal.core.vocabulary import STAYED

    rng = random.Random(12)
    entries = list(demo.generate(TODAY))
    for n, (entry, written) in enumerate(entries):
        c = entry.checkin
        if c.stayed or c.urge is not None or c.acted is not None:
            continue
        progress = n / len(entries)
        stayed = tuple(rng.sample(list(STAYED), rng.choice([1, 1, 2]))) if rng.random() < 0.15 + 0.5 * progress else ()
        pulled = c.behaviours or c.close_before or stayed
        urge = min(10, max(0, round(rng.gauss(7 - 3 * progress, 2)))) if pulled else None
        acted = ("partly" if stayed else "yes") if c.behaviours else ("no" if stayed or urge is not None else None)
        entries[n] = replace(entry, checkin=replace(c, stayed=stayed, urge=urge, acted=acted)), written
    journal = Journal.in_memory()
    journal.add_many(entries)
    return journal


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_patterns_screen(snap_compare, size):
    async def without_the_review_offer(pilot):
        await pilot.pause()  # Today offers last week's review when it is mounted; it would cover the calendar
        pilot.app.clear_notifications()

    app = make_app(demo_with_staying())
    assert snap_compare(app, terminal_size=size, run_before=without_the_review_offer, press=["f4"])


def test_review_screen(snap_compare):
    from closeness_journal import demo

    journal = Journal.in_memory()
    demo.fill(journal, end=TODAY)
    assert snap_compare(make_app(journal), terminal_size=(100, 30), press=["f5"])


# ---------------------------------------------------------------- more screens, at 80x24


def test_trash_with_an_entry(snap_compare):
    journal = sample_journal()
    for entry in journal.entries(limit=1):
        journal.delete(entry.id)
    app = make_app(journal)
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications, press=["f3", "t"])


def test_trash_empty(snap_compare):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications, press=["f3", "t"])


def test_edit_screen(snap_compare):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications, press=["f3", "e"])


def test_export_dialog(snap_compare, monkeypatch):
    monkeypatch.setenv("HOME", "/home/you")  # the dialog offers a file in the home folder
    app = make_app(sample_journal(), data_dir=Path("/home/you/.local/share/closeness-journal"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications, press=["ctrl+o"])


@pytest.fixture
def utc_clock(monkeypatch):
    """Times on the person's clock drawn as UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_export_dialog_offers_what_is_new_since_the_last_export_with_the_note(snap_compare, monkeypatch, utc_clock):
    monkeypatch.setenv("HOME", "/home/you")
    journal = sample_journal()
    journal.record_export(ExportRecord(datetime(2026, 11, 17, 9, 14, tzinfo=UTC), "markdown"))
    journal.set_session_note("Why I go quiet with Sam after a good evening.\nAnd whether telling Mum was too much.")
    app = make_app(journal, data_dir=Path("/home/you/.local/share/closeness-journal"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications, press=["ctrl+o"])


def test_confirm_delete(snap_compare):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=(80, 24), run_before=without_notifications, press=["f3", "d"])


def test_history_with_no_entries(snap_compare):
    assert snap_compare(make_app(Journal.in_memory()), terminal_size=(80, 24), press=["f3"])


def test_patterns_on_a_thin_journal(snap_compare):
    journal = Journal.in_memory()
    journal.add(Entry(TODAY, body="Just one so far."), now=NOW)
    assert snap_compare(make_app(journal), terminal_size=(80, 24), press=["f4"])


def test_review_with_no_entries(snap_compare):
    assert snap_compare(make_app(Journal.in_memory()), terminal_size=(80, 24), press=["f5"])
