"""SVG snapshots of the main screens with fixed dates and data.

Review changes with `pytest --snapshot-report` before `pytest --snapshot-update`.
"""

from datetime import date, datetime, timedelta, timezone

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.ui.app import JournalApp

TODAY = date(2026, 11, 18)
SIZES = [(80, 24), (120, 40)]

SAMPLES = [
    ("Dinner with Sam was lovely, and then I went quiet for the rest of the night.", "Sam", "partner", ("went-quiet",), ("engulfment",), 6),
    ("Cancelled coffee with Ana again. Told myself I was tired.", "Ana", "friend", ("cancelled-plans",), ("judgement",), 4),
    ("Picked at Sam about the dishes right after a really warm morning.", "Sam", "partner", ("picked-fight",), ("abandonment",), 7),
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
                checkin=CheckIn(who=who, relationship=relationship, behaviours=behaviours, fears=fears, intensity=intensity, close_before=n % 2 == 0),
            ),
            now=datetime(2026, 11, 18, 20, 0, tzinfo=timezone.utc) - timedelta(days=n),
        )
    return journal


def make_app(journal: Journal) -> JournalApp:
    return JournalApp(journal, load_prompts().library, today=lambda: TODAY)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_today_screen(snap_compare, size):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=size, press=[*"I wanted to leave the room when Sam laughed."])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_screen(snap_compare, size):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=size, press=["f3", "down", "down"])


def test_reading_an_entry(snap_compare):
    app = make_app(sample_journal())
    assert snap_compare(app, terminal_size=(80, 24), press=["f3", "enter"])


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
