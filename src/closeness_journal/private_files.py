"""Writing files the journal hands out (exports, backups): private, atomic, never clobbering.

A file is written to a temporary name in the same folder (mode 0600 whatever the umask), then
renamed over the target, so a full disk or a crash never leaves half a file where a good one was.
The temporary ("partial") file names the process writing it, and is noted in the data folder
while it exists: one left by a killed process is removed the next time the journal opens.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from closeness_journal import paths

BACKUPS_KEPT = 14
WRITE_BUFFER = 1 << 18
"""Bytes gathered before each write to the file (memory stays flat whatever the export's size)."""
_DAILY = re.compile(r"^journal-\d{4}-\d{2}-\d{2}\.db$")
_PARTIAL = re.compile(r"^\..+\.(\d+)" + re.escape(paths.PARTIAL_SUFFIX) + "$")


class FileExists(FileExistsError):
    """The target exists and overwriting was not asked for."""


class JournalFile(ValueError):
    """The target is one of the journal's own files (the database, its log, a backup)."""


def refuse_journal_files(target: Path | str, data_dir: Path) -> None:
    """Raise `JournalFile` when writing to `target` would replace the journal, a file SQLite keeps
    beside it, or one of its backups (whatever the path is called: links are followed)."""
    if str(target) == "-":
        return
    wanted = Path(os.path.realpath(Path(target).expanduser()))
    ours = [Path(os.path.realpath(p)) for p in paths.journal_files(data_dir)]
    backups = Path(os.path.realpath(paths.backups_folder(data_dir)))
    if wanted in ours or wanted.parent == backups or _same_file(wanted, ours):
        raise JournalFile(f"{target} is one of your journal's own files (the journal, its log or a backup)")


def _same_file(wanted: Path, ours: list[Path]) -> bool:
    for path in ours:
        try:
            if os.path.samefile(wanted, path):
                return True
        except OSError:
            continue
    return False


def write_private(
    target: Path | str, chunks: Iterable[str], force: bool = False, data_dir: Path | None = None
) -> Path | None:
    """Write text to `target` atomically with mode 0600; `-` writes to standard output.
    Returns the path written (None for standard output). With `data_dir`, the partial file is
    noted there while it is written, and the journal's own files are refused as targets."""
    if str(target) == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return None
    target = Path(target).expanduser()
    if data_dir is not None:
        refuse_journal_files(target, data_dir)
    if target.exists() and not force:
        raise FileExists(f"{target} already exists; use --force to replace it")
    with partial_file(target, data_dir) as temporary:
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
        except OSError as error:  # name the file the person asked for, not our temporary one
            raise OSError(error.errno, error.strerror, str(target)) from None
        os.fchmod(fd, paths.PRIVATE_FILE_MODE)  # an old partial file may have had other bits
        # Written 256 KB at a time: an export is thousands of small chunks, and the default 8 KB buffer
        # made a system call of each 8 KB (about half the time of writing a 7 MB export; a larger
        # buffer than this saved nothing more).
        with os.fdopen(fd, "w", encoding="utf-8", buffering=WRITE_BUFFER) as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    return target


@contextmanager
def partial_file(target: Path, data_dir: Path | None) -> Iterator[Path]:
    """The temporary name to write `target` under: noted in `data_dir`'s list while it exists,
    removed if anything goes wrong (the caller renames it to `target` when done)."""
    temporary = paths.partial_path(target)
    noted = data_dir is not None and _note(data_dir, temporary)
    try:
        yield temporary
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        if noted and data_dir is not None:
            _forget(data_dir, temporary)


def clean_stale_partials(data_dir: Path) -> list[Path]:
    """Remove the partial files that killed processes left behind (those noted in `data_dir`
    whose process has ended); returns what was removed. Only files named like our partial files
    are ever removed."""
    listed = _listed(data_dir)
    if not listed:
        return []
    from closeness_journal.windows import process_alive

    removed, kept = [], []
    for path in listed:
        match = _PARTIAL.match(path.name)
        if match is None:
            continue
        if process_alive(int(match[1])):
            kept.append(path)
            continue
        try:
            if not path.is_symlink() and path.is_file():
                path.unlink()
                removed.append(path)
        except OSError:
            kept.append(path)  # tried again next time
    _write_list(data_dir, kept)
    return removed


def stale_partials(data_dir: Path) -> list[Path]:
    """The noted partial files that still exist though their process has ended."""
    from closeness_journal.windows import process_alive

    return [
        path for path in _listed(data_dir)
        if (match := _PARTIAL.match(path.name)) and not process_alive(int(match[1])) and path.exists()
    ]


def _listed(data_dir: Path) -> list[Path]:
    try:
        text = paths.partials_list(data_dir).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return []
    except (OSError, UnicodeDecodeError):
        return []
    return [Path(line) for line in text.splitlines() if line.strip()]


def _note(data_dir: Path, partial: Path) -> bool:
    """Add `partial` to the list (True when noted; a list that can't be written is not fatal)."""
    try:
        paths.ensure_private_dir(paths.backups_folder(data_dir))
        fd = os.open(
            paths.partials_list(data_dir), os.O_WRONLY | os.O_CREAT | os.O_APPEND, paths.PRIVATE_FILE_MODE
        )
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(f"{os.path.abspath(partial)}\n")
    except OSError:
        return False
    return True


def _forget(data_dir: Path, partial: Path) -> None:
    gone = os.path.abspath(partial)
    try:
        _write_list(data_dir, [p for p in _listed(data_dir) if str(p) != gone])
    except OSError:
        pass


def _write_list(data_dir: Path, listed: list[Path]) -> None:
    target = paths.partials_list(data_dir)
    if not listed:
        target.unlink(missing_ok=True)
        return
    temporary = target.with_name(f"{target.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("".join(f"{p}\n" for p in listed))
    os.replace(temporary, target)


def daily_backup_due(data_dir: Path, today: date) -> Path | None:
    """Where today's automatic backup goes, or None when it already exists."""
    target = paths.backups_folder(data_dir) / f"journal-{today.isoformat()}.db"
    return None if target.exists() else target


def manual_backup_name(data_dir: Path, now: datetime) -> Path:
    """A new name in the backups folder for a backup made now: two in the same second get
    `-2`, `-3`… rather than failing."""
    folder = paths.backups_folder(data_dir)
    stem = f"manual-{now:%Y-%m-%d-%H%M%S}"
    candidate, n = folder / f"{stem}.db", 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = folder / f"{stem}-{n}.db"
    return candidate


def newest_backup(data_dir: Path) -> Path | None:
    """The most recently made backup in the backups folder (daily, manual or kept before a
    restore), or None."""
    folder = paths.backups_folder(data_dir)
    if not folder.is_dir():
        return None
    found = [p for p in folder.iterdir() if p.suffix == ".db" and not p.name.startswith(".") and p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


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
