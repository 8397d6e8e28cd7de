"""What a benchmark run found: the rows, the table printed with Rich, and the JSON results file."""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import traceback
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    measure: str
    size: int | None
    median: float | None = None
    worst: float | None = None
    unit: str = "ms"
    target: str = "—"
    met: bool | None = None
    status: str = "ok"  # ok | error
    note: str = ""
    samples: list[float] = field(default_factory=list)


class Results:
    """The rows of a run, in the order they were measured; `crashed` once any measure failed."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.crashed = False

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def timing(self, measure: str, size: int | None, samples: list[float], unit: str = "ms",
               limit: float | None = None, stat: str = "median", note: str = "", worst: float | None = None) -> Row:
        """A row from samples (already in `unit`); `limit` is the target for `stat` (median/worst)."""
        median = statistics.median(samples)
        worst = max(samples) if worst is None else worst
        row = Row(measure, size, median, worst, unit, note=note, samples=[round(s, 3) for s in samples])
        if limit is not None:
            value = median if stat == "median" else worst
            row.target = f"{stat} < {fmt(limit, unit)}"
            row.met = value < limit
        return self.add(row)

    def error(self, measure: str, size: int | None, error: BaseException | str) -> None:
        self.crashed = True
        text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        if not isinstance(error, str):
            traceback.print_exception(error, file=sys.stderr)
        note = text.strip().splitlines()[-1][:200] if text.strip() else "error"
        self.add(Row(measure, size, status="error", note=note))

    def guard(self, measure: str, size: int | None) -> _Guard:
        return _Guard(self, measure, size)


class _Guard:
    """`with results.guard(...)`: a crash becomes an error row, and the run goes on."""

    def __init__(self, results: Results, measure: str, size: int | None) -> None:
        self.results, self.measure, self.size = results, measure, size

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, tb) -> bool:
        if error is not None and not isinstance(error, KeyboardInterrupt):
            self.results.error(self.measure, self.size, error)
            return True
        return False


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "s":
        return f"{value:.2f} s"
    digits = 2 if value < 10 else 1 if value < 100 else 0
    return f"{value:,.{digits}f} ms"


# --------------------------------------------------------------------------- the table


GROUPS = ["cold start", "History", "list", "search", "patterns", "Patterns", "weekly review", "Weekly review",
          "Ladder", "switch back", "save", "export", "import", "peak RSS"]
"""The table's order: rows are grouped by the first of these their measure starts with."""


def in_table_order(rows: list[Row]) -> list[Row]:
    first_seen: dict[str, int] = {}
    for row in rows:
        first_seen.setdefault(row.measure, len(first_seen))

    def place(row: Row) -> tuple:
        group = next((i for i, prefix in enumerate(GROUPS) if row.measure.startswith(prefix)), len(GROUPS))
        return group, first_seen[row.measure], row.size or 0

    return sorted(rows, key=place)


def table(rows: list[Row]) -> Table:
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    grid.add_column("measure")
    grid.add_column("size", justify="right")
    grid.add_column("median", justify="right")
    grid.add_column("worst", justify="right")
    grid.add_column("target")
    grid.add_column("met?")
    for row in rows:
        size = f"{row.size:,}" if row.size else "—"
        if row.status == "ok":
            met = Text("—") if row.met is None else Text("yes", "green") if row.met else Text("NO", "bold red")
            cells = [Text(fmt(row.median, row.unit)), Text(fmt(row.worst, row.unit)), Text(row.target), met]
        else:
            cells = [Text(row.status, "bold red"), Text(""), Text(row.target), Text("")]
        grid.add_row(Text(row.measure), Text(size), *cells)
    return grid


def console() -> Console:
    """Standard output; in a log (not a terminal) wide enough that the table is never wrapped."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def print_report(rows: list[Row], mode: str, sizes: list[int], duration: float,
                 journals: dict[int, tuple[Path, dict]], out: Console | None = None) -> None:
    """The table, then the run's length and each measure's note (once if it is the same at every size)."""
    out = out or console()
    out.print(table(rows))

    def say(line: str) -> None:
        out.print(line, markup=False, soft_wrap=True)

    say(f"\n{mode} run: {duration:.0f} s. Sizes: " + ", ".join(f"{s:,}" for s in sizes) + ". Notes:")
    notes: dict[str, list[tuple[int | None, str]]] = {}
    for row in rows:
        if row.note:
            notes.setdefault(row.measure, []).append((row.size, row.note))
    for measure, found in notes.items():
        if len({note for _, note in found}) == 1:
            say(f"  {measure}: {found[0][1]}")
        else:
            for size, note in found:
                say(f"  {measure} [{size:,}]: {note}" if size else f"  {measure}: {note}")
    for size, (_, meta) in sorted(journals.items()):
        say(f"  journal {size:,}: {meta['edited']} edited, {meta['deleted']} in the trash, {meta['reviews']} weekly "
            f"reviews, {meta['bytes'] / 1e6:.0f} MB")


# --------------------------------------------------------------------------- the JSON file


def machine_info(generator_version: str) -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        if found:
            cpu = found.group(1).strip()
    except OSError:
        pass

    def package(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    def git(*args: str) -> str | None:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": package("textual"),
        "closeness_journal": package("closeness-journal"),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "generator_version": generator_version,
    }


def write_json(folder: Path, started_at: datetime, duration: float, mode: str, plan: dict[str, Any],
               machine: dict[str, Any], journals: dict[int, tuple[Path, dict]], rows: list[Row]) -> Path:
    """benchmarks/results/<timestamp>[-quick].json and latest.json (the same text); returns latest.json."""
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "duration_s": round(duration, 1),
        "mode": mode,
        "plan": plan,
        "machine": machine,
        "journals": {str(s): meta for s, (_, meta) in journals.items()},
        "rows": [asdict(row) for row in rows],
    }
    folder.mkdir(parents=True, exist_ok=True)
    stamp = started_at.strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2)
    (folder / f"{stamp}{'-quick' if mode == 'quick' else ''}.json").write_text(text)
    (folder / "latest.json").write_text(text)
    return folder / "latest.json"
