"""Fixtures for the tests of the hard cases: the command line in this process, a journal with
entries in it, and folders that are read-only or full (helpers: safety_helpers.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from safety_helpers import add_entries, is_root, tmpfs


@pytest.fixture
def filled(private_folders) -> Path:
    """The data folder, with a journal of 12 entries (closed, so nothing is left in the log)."""
    add_entries(private_folders, 12)
    return private_folders


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB disk of its own (a tmpfs; needs root), unmounted afterwards."""
    if not is_root() or not shutil.which("mount"):
        pytest.skip("a small disk of its own needs root (mount -t tmpfs)")
    with tmpfs(tmp_path / "disk") as where:
        yield where


@pytest.fixture
def read_only_folder(tmp_path):
    """A data folder holding a journal of 3 entries, then made read-only: a read-only mount when
    running as root (root writes through chmod), chmod 0500 otherwise."""

    @contextmanager
    def make():
        if is_root():
            if not shutil.which("mount"):
                pytest.skip("a read-only folder as root needs mount")
            with tmpfs(tmp_path / "ro") as where:
                folder = where / "data"
                add_entries(folder, 3)
                done = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True, text=True)
                if done.returncode != 0:
                    pytest.skip(f"can't remount read-only: {done.stderr.strip()}")
                yield folder
        else:
            folder = tmp_path / "ro-data"
            add_entries(folder, 3)
            os.chmod(folder, 0o500)
            try:
                yield folder
            finally:
                os.chmod(folder, 0o700)

    return make
