"""Shared fixtures: every test gets its own data and config folders, never the real ones."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from closeness_journal.store import Journal

FIXED_TODAY = date(2026, 11, 18)
FIXED_NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    """Point the data and config folders at the test's own temporary folder."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("CLOSENESS_JOURNAL_DIR", str(data))
    monkeypatch.setenv("CLOSENESS_JOURNAL_CONFIG_DIR", str(config))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    return data


@pytest.fixture
def journal():
    j = Journal.in_memory()
    yield j
    j.close()


@pytest.fixture
def fixed_today() -> date:
    return FIXED_TODAY
