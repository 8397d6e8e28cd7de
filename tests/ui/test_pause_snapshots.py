"""SVG snapshots at 80x24: the welcome, the pause (breathing, the note, in a light theme and with
NO_COLOR) and Settings. Review changes with `pytest --snapshot-report` before `--snapshot-update`."""

from datetime import date
from pathlib import Path

import pytest

from closeness_journal.core.entries import Answer, Entry
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.ui.app import JournalApp

TODAY = date(2026, 11, 18)
SIZE = (80, 24)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_app(journal: Journal | None = None, clock: Clock | None = None, **options) -> JournalApp:
    return JournalApp(journal or Journal.in_memory(), load_prompts().library, today=lambda: TODAY,
                      clock=clock or Clock(), **options)


def breathing_at(clock: Clock, seconds: float):
    async def run_before(pilot) -> None:
        await pilot.press("f9")
        clock.now += seconds
        await pilot.pause(0.3)

    return run_before


NOTE = ["f9", "enter", *"Sam said he loves me and I went cold", "ctrl+n", *"that he'll see too much", "enter",
        "8", "enter"]


def test_welcome(snap_compare):
    app = make_app(welcome=True, data_dir=Path("/home/someone/.local/share/closeness-journal"))
    assert snap_compare(app, terminal_size=SIZE)


def test_pause_breathing(snap_compare):
    clock = Clock()
    assert snap_compare(make_app(clock=clock), terminal_size=SIZE, run_before=breathing_at(clock, 2.0))


def test_pause_noticing_without_colour(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    clock = Clock()
    assert snap_compare(make_app(clock=clock), terminal_size=SIZE, run_before=breathing_at(clock, 44.5))


def test_pause_note_with_your_own_words_offered(snap_compare):
    journal = Journal.in_memory()
    journal.add(Entry(TODAY, answers=(Answer("in-the-moment-04", "q", "I'm here, I just need a minute to breathe"),)))
    journal.add(Entry(TODAY, answers=(Answer("in-the-moment-02", "q", "Cold water on my wrists"),)))
    assert snap_compare(make_app(journal), terminal_size=SIZE, press=NOTE)


@pytest.mark.parametrize("theme", ["textual-light"])
def test_pause_end_in_a_light_theme(snap_compare, theme):
    journal = Journal.in_memory()
    journal.set_setting("theme", theme)
    assert snap_compare(make_app(journal), terminal_size=SIZE, press=[*NOTE, *"say I need a minute", "enter", "4"])


def test_settings(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, press=["f6"])
