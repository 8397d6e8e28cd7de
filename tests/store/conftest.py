"""The store's tests on both drivers: the modules named here run once on plain journals (Python's
sqlite3) and once on encrypted ones (SQLCipher's driver, whose errors are not sqlite3's)."""

from __future__ import annotations

import pytest

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
