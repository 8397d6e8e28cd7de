"""Writing files the journal hands out (exports, backups): private, atomic, never clobbering.

A file is written to a temporary name in the same folder (mode 0600 whatever the umask), then
renamed over the target, so a full disk or a crash never leaves half a file where a good one was.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from closeness_journal import paths

BACKUPS_KEPT = 14
_DAILY = re.compile(r"^journal-\d{4}-\d{2}-\d{2}\.db$")


class FileExists(FileExistsError):
    """The target exists and overwriting was not asked for."""


def write_private(target: Path | str, chunks: Iterable[str], force: bool = False) -> Path | None:
    """Write text to `target` atomically with mode 0600; `-` writes to standard output.
    Returns the path written (None for standard output)."""
    if str(target) == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return None
    target = Path(target).expanduser()
    if target.exists() and not force:
        raise FileExists(f"{target} already exists; use --force to replace it")
    temporary = paths.partial_path(target)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
    except OSError as error:  # name the file the person asked for, not our temporary one
        raise OSError(error.errno, error.strerror, str(target)) from None
    try:
        os.fchmod(fd, paths.PRIVATE_FILE_MODE)  # an old partial file may have had other bits
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def daily_backup_due(data_dir: Path, today: date) -> Path | None:
    """Where today's automatic backup goes, or None when it already exists."""
    target = paths.backups_folder(data_dir) / f"journal-{today.isoformat()}.db"
    return None if target.exists() else target


def prune_backups(data_dir: Path, keep: int = BACKUPS_KEPT) -> list[Path]:
    """Remove automatic daily backups beyond the newest `keep`. Returns what was removed."""
    folder = paths.backups_folder(data_dir)
    if not folder.is_dir():
        return []
    daily = sorted(p for p in folder.iterdir() if _DAILY.match(p.name))
    removed = daily[:-keep] if keep else daily
    for old in removed:
        old.unlink()
    return removed
