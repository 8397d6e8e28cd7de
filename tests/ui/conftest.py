from datetime import date

import pytest

from closeness_journal.prompt_files import load_prompts
from closeness_journal.ui.app import JournalApp

TODAY = date(2026, 11, 18)


@pytest.fixture(scope="session")
def library():
    return load_prompts().library


@pytest.fixture
def make_app(journal, library):
    def make(today: date = TODAY, j=None) -> JournalApp:
        return JournalApp(j or journal, library, today=lambda: today)

    return make
