from datetime import date

import pytest
import textual._wait

from closeness_journal.prompt_files import load_prompts
from closeness_journal.ui.app import JournalApp

TODAY = date(2026, 11, 18)

# Pilot waits for the app to go idle after every key and pause, checking every 20 ms whether the
# process is still busy. Checking every 5 ms halves the time of the UI tests; the wait for pending
# messages (which makes a test deterministic) is unchanged. Textual has no public setting for it.
textual._wait.SLEEP_GRANULARITY = 1 / 200


@pytest.fixture(scope="session")
def library():
    return load_prompts().library


@pytest.fixture
def make_app(journal, library):
    def make(today: date = TODAY, j=None) -> JournalApp:
        return JournalApp(j or journal, library, today=lambda: today)

    return make
