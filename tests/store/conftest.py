"""The store's tests on both drivers: the modules named here run once on plain journals (Python's
sqlite3) and once on encrypted ones (SQLCipher's driver, whose errors are not sqlite3's)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.vocabulary import ACTED, SABOTAGE_BEHAVIOURS, STAYED, WITHDRAWAL_BEHAVIOURS

WORDS = ["harbour", "lantern", "quiet", "walk", "tea", "Sam", "café"]

ON_BOTH_DRIVERS = {
    "test_entries", "test_search", "test_drafts", "test_pattern_sums", "test_exports", "test_ladder",
    "test_pauses", "test_exercise_rounds", "test_archive_encrypted", "test_entry_rows",
    "test_bulk_merge",
}


def pytest_generate_tests(metafunc):
    module = metafunc.module.__name__.rpartition(".")[2]
    if "store_driver" in metafunc.fixturenames and module in ON_BOTH_DRIVERS:
        metafunc.parametrize("store_driver", ["sqlite3", "sqlcipher"], indirect=True)


@pytest.fixture(autouse=True)
def store_driver(request):
    """"sqlite3", or "sqlcipher": then every journal the test opens is encrypted."""
    name = getattr(request, "param", "sqlite3")
    if name == "sqlcipher":
        request.getfixturevalue("encrypt_journals")()
    return name


@pytest.fixture
def random_entry() -> Callable[[random.Random, date], Entry]:
    """Makes an entry of `rng`'s choosing on a day: text with blank and empty lines, answers, every
    part of the check-in the light readers (`list`, the weekly review) read, private, tagged; for
    tests that compare a light read with the entries read whole."""

    def made(rng: random.Random, day: date) -> Entry:
        def text() -> str:
            lines = [" ".join(rng.choices(WORDS, k=rng.randint(0, 6))) for _ in range(rng.randint(0, 3))]
            return rng.choice(["", "\n", "  \n"]) + "\n".join(lines)

        answers = tuple(Answer(f"prompt-{n}", f"Prompt {n}?", text()) for n in range(rng.randint(0, 2)))
        checkin = CheckIn(
            who=rng.choice(["", "Sam", "my sister Jo, who lives far away"]),
            behaviours=tuple(rng.sample([*WITHDRAWAL_BEHAVIOURS, *SABOTAGE_BEHAVIOURS], rng.randint(0, 2))),
            stayed=tuple(rng.sample(list(STAYED), rng.randint(0, 2))),
            acted=rng.choice([None, *ACTED]),
            urge=rng.choice([None, 0, 4, 10]),
            intensity=rng.choice([None, 0, 7, 10]),
            close_before=rng.random() < 0.4,
            small_step=rng.choice(["", "asked for a hug", "  ", "rang Jo"]),
            predicted=rng.choice([None, 2, 8]),
            outcome=rng.choice([None, 3, 9]),
        )
        return Entry(day, body=text(), answers=answers, checkin=checkin, private=rng.random() < 0.2,
                     tags=("tea",) * rng.randint(0, 1))

    return made
