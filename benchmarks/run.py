"""Benchmarks for closeness-journal: start-up, History, search, patterns, saving, export, memory.

    python benchmarks/run.py            # the full run, by hand (several minutes)
    python benchmarks/run.py --quick    # a smoke test for CI (well under 2 minutes)

Run it with the project's interpreter (`.venv/bin/python benchmarks/run.py`). It prints a table
(median and worst of several runs, the target, whether it was met) and writes the same as JSON to
benchmarks/results/<timestamp>.json and benchmarks/results/latest.json, with machine details.
Generated journals are cached under --work DIR (default: a folder in the system temp dir).

Measures that need a feature that does not exist yet print "not built yet" and start working by
themselves when it lands. The exit status is 0 whatever the timings; 1 only if a measure crashed.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import platform
import re
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  (benchmarks/generate.py)

from closeness_journal.core.entries import Entry, EntryFilter  # noqa: E402
from closeness_journal.core.patterns import compute, range_start  # noqa: E402
from closeness_journal.storage import Journal  # noqa: E402

TERM_SIZE = (100, 30)  # columns, rows
HISTORY_ROWS = 10_000
SAVES = 200
READY_ENV = "CLOSENESS_JOURNAL_EXIT_WHEN_READY"
TIMEOUT = 180.0


@dataclass
class Plan:
    quick: bool
    sizes: list[int]
    export_sizes: list[int]
    cold_repeats: int
    ui_repeats: int
    store_repeats: int
    export_repeats: int


def plan_for(quick: bool) -> Plan:
    if quick:
        return Plan(True, [500, 2_000], [2_000], cold_repeats=3, ui_repeats=1, store_repeats=5, export_repeats=1)
    return Plan(False, [3_650, 100_000], [3_650, 36_500, 100_000], cold_repeats=7, ui_repeats=3,
                store_repeats=15, export_repeats=3)


@dataclass
class Row:
    measure: str
    size: int | None
    median: float | None = None
    worst: float | None = None
    unit: str = "ms"
    target: str = "—"
    met: bool | None = None
    status: str = "ok"  # ok | not built yet | error | skipped
    note: str = ""
    samples: list[float] = field(default_factory=list)


class Results:
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
            row.target = f"{stat} < {_fmt(limit, unit)}"
            row.met = value < limit
        return self.add(row)

    def missing(self, measure: str, size: int | None, note: str) -> None:
        self.add(Row(measure, size, status="not built yet", note=note))

    def error(self, measure: str, size: int | None, error: BaseException | str) -> None:
        self.crashed = True
        text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        if not isinstance(error, str):
            traceback.print_exception(error, file=sys.stderr)
        self.add(Row(measure, size, status="error", note=text.strip().splitlines()[-1][:200] if text.strip() else "error"))

    def guard(self, measure: str, size: int | None) -> "_Guard":
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


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- features


@dataclass
class Features:
    export: bool
    import_: bool
    export_help: str
    reviews_store: bool
    review_key: str | None
    review_builder: bool


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "closeness-journal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "closeness_journal"]


def cli(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess:
    return subprocess.run([*console_script(), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def detect_features(env: dict[str, str]) -> Features:
    export = cli(["export", "--help"], env)
    importing = cli(["import", "--help"], env)
    review_key = None
    try:
        from closeness_journal.ui.app import JournalApp

        for binding in JournalApp.BINDINGS:
            action = getattr(binding, "action", "")
            if "review" in action and "reviews" not in action:
                review_key = binding.key.split(",")[0]
                break
    except Exception:  # noqa: BLE001 - the app may be mid-change; the UI rows will say so
        pass
    try:
        from closeness_journal.core import review as review_module

        builder = hasattr(review_module, "weekly_review")
    except ImportError:
        builder = False
    return Features(
        export=export.returncode == 0,
        import_=importing.returncode == 0,
        export_help=export.stdout if export.returncode == 0 else "",
        reviews_store=hasattr(Journal, "save_review"),
        review_key=review_key,
        review_builder=builder,
    )


# --------------------------------------------------------------------------- cold start in a pty


RSS_FILE_ENV = "CLOSENESS_JOURNAL_BENCH_RSS_FILE"
SITECUSTOMIZE = f'''"""Benchmarks only: report this process's peak RSS (VmHWM) when it exits."""
import atexit, os

def _report_peak_rss():
    target = os.environ.get("{RSS_FILE_ENV}")
    if target:
        try:
            with open("/proc/self/status") as status, open(target, "w") as out:
                out.write(next(line for line in status if line.startswith("VmHWM")))
        except (OSError, StopIteration):
            pass

atexit.register(_report_peak_rss)
'''


def rss_hook(folder: Path) -> Path:
    """A folder with a sitecustomize.py that reports peak RSS at exit (put it on PYTHONPATH).
    wait4()'s ru_maxrss can't be used: it counts the parent's memory at the time of the spawn."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE)
    return folder


@dataclass
class PtyRun:
    seconds: float
    max_rss_mb: float
    returncode: int
    output: bytes


def run_in_pty(command: list[str], env: dict[str, str], timeout: float = TIMEOUT) -> PtyRun:
    """Run `command` on a new pseudo-terminal of TERM_SIZE; time from spawn to exit, and read
    the child's own peak RSS from wait4(). The output is drained as it comes so the child never blocks."""
    master, slave = os.openpty()
    cols, rows = TERM_SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    output = bytearray()
    deadline = started + timeout
    try:
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                os.killpg(process.pid, signal.SIGKILL)
                raise TimeoutError(f"{command[-1]} did not exit within {timeout:.0f} s")
            ready, _, _ = select.select([master], [], [], min(remaining, 1.0))
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every copy of the terminal's other end is closed, the child is gone
                break
            if not data:
                break
            output += data
        _, status, usage = os.wait4(process.pid, 0)
        ended = time.perf_counter()
    finally:
        os.close(master)
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    report = env.get(RSS_FILE_ENV)
    if report and Path(report).exists():
        peak = int(Path(report).read_text().split()[1]) / 1024
        Path(report).unlink()
    elif report:
        peak = float("nan")
    return PtyRun(ended - started, peak, process.returncode, bytes(output))


def measure_cold_start(results: Results, plan: Plan, scratch: dict[int, Path], env: dict[str, str]) -> None:
    hook = rss_hook(next(iter(scratch.values())).parent / "rss-hook")
    tui_env = dict(env, TERM="xterm-256color", **{READY_ENV: "1", RSS_FILE_ENV: str(hook / "peak.txt")})
    tui_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hook), env.get("PYTHONPATH")]))
    tui_env.pop("TEXTUAL", None)
    commands: dict[str, list[str]] = {"floor": [sys.executable, str(HERE / "minimal_app.py")]}
    for size, folder in scratch.items():
        commands[str(size)] = [*console_script(), "--data-dir", str(folder)]
    times: dict[str, list[float]] = {key: [] for key in commands}
    rss: dict[str, list[float]] = {key: [] for key in commands}
    failed: dict[str, str] = {}
    for repeat in range(plan.cold_repeats + 1):  # the first round warms the page cache and .pyc files
        for key, command in commands.items():
            if key in failed:
                continue
            try:
                run = run_in_pty(command, tui_env)
            except Exception as error:  # noqa: BLE001
                failed[key] = f"{type(error).__name__}: {error}"
                continue
            if run.returncode != 0:
                tail = run.output.decode(errors="replace").strip().splitlines()[-3:]
                failed[key] = f"exit {run.returncode}: {' | '.join(tail)[-200:]}"
                continue
            if repeat:
                times[key].append(run.seconds * 1000)
                rss[key].append(run.max_rss_mb)
        log(f"  cold start round {repeat}/{plan.cold_repeats}")
    note = f"whole process in a {TERM_SIZE[0]}x{TERM_SIZE[1]} pty, spawn to exit; after 1 warm-up run"
    if "floor" in failed:
        results.error("cold start: minimal Textual app (floor)", None, failed["floor"])
    else:
        results.timing("cold start: minimal Textual app (floor)", None, times["floor"], note=note)
        results.timing("peak RSS: minimal Textual app (floor)", None, rss["floor"], unit="MB",
                       note="VmHWM of the process at exit (atexit hook via sitecustomize)")
    floor = statistics.median(times["floor"]) if times["floor"] else None
    for size in scratch:
        key = str(size)
        if key in failed:
            results.error("cold start: closeness-journal → Today", size, failed[key])
            continue
        results.timing("cold start: closeness-journal → Today", size, times[key], note=note)
        if floor:
            ratios = [t / floor for t in times[key]]
            results.timing("cold start ratio (journal / floor)", size, ratios, unit="x", limit=1.3,
                           note="each run / the floor's median")
        results.timing("peak RSS: TUI start → Today (pty)", size, rss[key], unit="MB",
                       limit=150 if size >= 100_000 else None, stat="worst",
                       note="VmHWM of the console-script process at exit (atexit hook via sitecustomize)")


# --------------------------------------------------------------------------- the window, in a fresh process


async def _drawn(widget) -> None:
    """Wait until `widget`'s screen has been redrawn after what is pending (twice, like the
    ready-exit hook: `call_after_refresh` callbacks run after the screen's next update)."""
    loop = asyncio.get_running_loop()
    for _ in range(2):
        future = loop.create_future()
        widget.call_after_refresh(lambda f=future: f.done() or f.set_result(None))
        await asyncio.wait_for(future, 30)


async def _key(app, key: str, ready: Callable[[], bool], timeout: float = 60) -> float:
    """Send one key as the terminal would, wait until `ready()` and the screen is redrawn; ms.
    (Not `pilot.press`: it sleeps in 20 ms steps until the process looks idle, which would be timed too.)"""
    from textual import events

    start = time.perf_counter()
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    while not ready():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{key}: not ready after {timeout:.0f} s")
        await asyncio.sleep(0.0005)
    await _drawn(app.screen)
    return (time.perf_counter() - start) * 1000


async def _ui_worker(db: Path, today: date, rows_wanted: int, review_key: str | None) -> dict[str, Any]:
    from closeness_journal.prompt_files import load_prompts
    from closeness_journal.ui.app import JournalApp
    from closeness_journal.ui.screens.history import PAGE_SIZE, HistoryScreen
    from closeness_journal.ui.screens.patterns import PatternsScreen
    from closeness_journal.ui.widgets.entry_table import EntryTable

    out: dict[str, Any] = {"errors": {}}
    journal = Journal.open(db)
    rows_wanted = min(rows_wanted, journal.count())
    library = load_prompts(folders=gen._shipped_prompt_folders()).library
    app = JournalApp(journal, library, today=lambda: today)
    async with app.run_test(size=TERM_SIZE) as pilot:
        await pilot.pause()
        await _drawn(app.screen)

        def history_table():
            screen = app.screen
            if not isinstance(screen, HistoryScreen):
                return None
            tables = screen.query(EntryTable)
            return tables.first() if tables else None

        try:
            out["history_open"] = await _key(app, "f3", lambda: (t := history_table()) is not None and t.row_count > 0)
            table = history_table()
            pages: list[float] = []
            start = time.perf_counter()
            while table.row_count < rows_wanted:
                before = table.row_count
                pages.append(await _key(app, "end", lambda: table.row_count > before, timeout=10))
            table.move_cursor(row=rows_wanted - 1, animate=False)
            await _drawn(app.screen)
            out["history_scroll"] = (time.perf_counter() - start) * 1000
            out["history_rows"] = table.row_count
            out["history_cursor"] = table.cursor_row
            out["history_wanted"] = rows_wanted
            out["history_pages"] = pages
            out["page_size"] = PAGE_SIZE
        except Exception as error:  # noqa: BLE001
            out["errors"]["history"] = f"{type(error).__name__}: {error}"
        try:
            def patterns(days: int) -> bool:
                screen = app.screen
                found = isinstance(screen, PatternsScreen) and screen.patterns is not None
                return found and (screen.patterns.until - screen.patterns.since).days >= days

            out["patterns_open"] = await _key(app, "f4", lambda: patterns(0))
            out["patterns_year"] = await _key(app, "3", lambda: patterns(360))
        except Exception as error:  # noqa: BLE001
            out["errors"]["patterns"] = f"{type(error).__name__}: {error}"
        if review_key:
            try:
                out["review_open"] = await _key(app, review_key, lambda: "review" in type(app.screen).__name__.lower())
            except Exception as error:  # noqa: BLE001
                out["errors"]["review"] = f"{type(error).__name__}: {error}"
    journal.close()
    status = Path("/proc/self/status").read_text()
    for key in ("VmHWM", "VmRSS"):
        found = re.search(rf"^{key}:\s+(\d+) kB", status, re.M)
        if found:
            out[key] = int(found.group(1)) / 1024
    return out


def measure_ui(results: Results, plan: Plan, scratch: dict[int, Path], features: Features, env: dict[str, str]) -> None:
    for size, folder in scratch.items():
        wanted = min(HISTORY_ROWS, size)
        runs: list[dict[str, Any]] = []
        problem = None
        for _ in range(plan.ui_repeats):
            result_file = folder.parent / f"ui-{size}.json"
            command = [sys.executable, str(Path(__file__).resolve()), "--worker", "ui", "--db", str(folder / "journal.db"),
                       "--today", gen.END.isoformat(), "--rows", str(wanted), "--result", str(result_file)]
            if features.review_key:
                command += ["--review-key", features.review_key]
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT * 3)
            if done.returncode != 0 or not result_file.exists():
                problem = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
                break
            runs.append(json.loads(result_file.read_text()))
            result_file.unlink()
        log(f"  window measures at {size:,}: {len(runs)} run(s)")
        if problem or not runs:
            results.error("History / Patterns in the window (pilot)", size, problem or "no runs")
            continue
        errors: dict[str, str] = {}
        for run in runs:
            errors.update(run["errors"])

        def series(key: str) -> list[float]:
            return [run[key] for run in runs if key in run]

        pilot_note = (f"in-process app (run_test, {TERM_SIZE[0]}x{TERM_SIZE[1]}, headless), fresh process per run; "
                      "key sent as the terminal would, timed until the state shows and the screen is redrawn")
        if "history" in errors:
            results.error("History: open (F3) until the table shows", size, errors["history"])
        else:
            results.timing("History: open (F3) until the table shows", size, series("history_open"), note=pilot_note)
            run = runs[0]
            reached = run["history_wanted"]
            results.timing(
                f"History: scroll to row {HISTORY_ROWS:,} (or the last)", size, series("history_scroll"),
                note=f"End pressed {len(run['history_pages'])} times (each loads a page of {run['page_size']}), "
                     f"then the cursor moved to row {reached:,}; {run['history_rows']:,} rows loaded at the end",
            )
            pages = [p for run in runs for p in run["history_pages"]]
            if pages:
                last = [run["history_pages"][-1] for run in runs if run["history_pages"]]
                first = [run["history_pages"][0] for run in runs if run["history_pages"]]
                results.timing("History: End, one more page", size, pages,
                               note=f"every End press; the first took median {statistics.median(first):.0f} ms, "
                                    f"the last (near row {reached:,}) {statistics.median(last):.0f} ms")
        if "patterns" in errors:
            results.error("Patterns: open (F4, 8 weeks)", size, errors["patterns"])
        else:
            results.timing("Patterns: open (F4, 8 weeks)", size, series("patterns_open"), note=pilot_note)
            results.timing("Patterns: switch to a year (3)", size, series("patterns_year"), note=pilot_note)
        if not features.review_key:
            results.missing("Weekly review: open", size, "no review key in JournalApp.BINDINGS")
        elif "review" in errors:
            results.error("Weekly review: open", size, errors["review"])
        else:
            results.timing(f"Weekly review: open ({features.review_key})", size, series("review_open"), note=pilot_note)
        hwm = series("VmHWM")
        if hwm:
            results.timing("peak RSS: window after History + Patterns", size, hwm, unit="MB",
                           limit=150 if size >= 100_000 else None, stat="worst",
                           note=f"VmHWM of the pilot process after {wanted:,} History rows, Patterns and review")


# --------------------------------------------------------------------------- the store and the command line


def timed(function: Callable[[], Any], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure_store(results: Results, plan: Plan, scratch: dict[int, Path], features: Features) -> None:
    today = gen.END
    for size, folder in scratch.items():
        journal = Journal.open(folder / "journal.db")
        try:
            big = size >= 100_000
            for label, words in (("common", gen.COMMON_WORD), ("rare", gen.RARE_WORD)):
                with results.guard(f"search ({label} word)", size):
                    query = EntryFilter(search=words)
                    found: list[int] = []

                    def search() -> None:
                        hits = journal.search_hits(query, limit=50)
                        found.append(journal.count(query))
                        assert hits or not found[-1]

                    samples = timed(search, plan.store_repeats)
                    results.timing(f"search ({label} word)", size, samples, limit=50 if big else None,
                                   note=f"search_hits({words!r}, limit=50) + count: {found[-1]:,} matches")
            with results.guard("patterns: a year (store + compute)", size):
                since = range_start("1 year", today, journal.first_entry_date())
                samples = timed(lambda: compute(journal.pattern_source(since, today), since, today), plan.store_repeats)
                results.timing("patterns: a year (store + compute)", size, samples, limit=50 if big else None,
                               note=f"compute(pattern_source({since}, {today}))")
            if features.review_builder:
                with results.guard("weekly review: build last week", size):
                    from closeness_journal.core.review import last_complete_week, weekly_review

                    monday = last_complete_week(today)
                    samples = timed(lambda: weekly_review(journal, monday), plan.store_repeats)
                    results.timing("weekly review: build last week", size, samples, note=f"weekly_review(journal, {monday})")
            else:
                results.missing("weekly review: build last week", size, "no core.review.weekly_review")
        finally:
            journal.close()


def measure_exports(results: Results, plan: Plan, journals: dict[int, Path], scratch_root: Path,
                    features: Features, env: dict[str, str]) -> None:
    if not features.export:
        for size in plan.export_sizes:
            results.missing("export --format markdown (whole journal)", size, "`closeness-journal export --help` failed")
            results.missing("export --format json", size, "no export command")
            results.missing("import (json) into an empty journal", size, "no export command")
        return
    help_text = features.export_help
    output_option = next((o for o in ("--output", "--out", "-o") if re.search(rf"(^|\s|,){o}[\s=,]", help_text)), None)
    private = re.search(r"--(include|with)-private\b", help_text)
    extra = [private.group(0)] if private else []
    for size in plan.export_sizes:
        db, _ = journals[size]
        folder = scratch_root / f"export-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db, folder / "journal.db")
        for kind in ("markdown", "json"):
            label = "export --format markdown (whole journal)" if kind == "markdown" else "export --format json"
            with results.guard(label, size):
                target = scratch_root / f"export-{size}.{'md' if kind == 'markdown' else 'json'}"
                samples = []
                for _ in range(plan.export_repeats):
                    target.unlink(missing_ok=True)
                    args = ["--data-dir", str(folder), "export", "--format", kind, *(extra if kind == "markdown" else [])]
                    start = time.perf_counter()
                    if output_option:
                        done = cli([*args, output_option, str(target)], env)
                    else:
                        with open(target, "w") as sink:
                            done = subprocess.run([*console_script(), *args], env=env, stdout=sink,
                                                  stderr=subprocess.PIPE, text=True, timeout=TIMEOUT)
                    samples.append(time.perf_counter() - start)
                    if done.returncode != 0:
                        raise RuntimeError(f"export exited {done.returncode}: {done.stderr.strip()[-200:]}")
                limit = 1.0 if (kind == "markdown" and size == 36_500) else None
                results.timing(label, size, samples, unit="s", limit=limit,
                               note=f"whole process; {target.stat().st_size / 1e6:.1f} MB"
                                    + ("" if kind == "json" else f"; {' '.join(extra)}" if extra else "; no private option in --help"))
        if not features.import_:
            results.missing("import (json) into an empty journal", size, "`closeness-journal import --help` failed")
            continue
        with results.guard("import (json) into an empty journal", size):
            source = scratch_root / f"export-{size}.json"
            samples = []
            for n in range(plan.export_repeats):
                empty = scratch_root / f"import-{size}-{n}"
                start = time.perf_counter()
                done = cli(["--data-dir", str(empty), "import", str(source)], env)
                samples.append(time.perf_counter() - start)
                if done.returncode != 0:
                    raise RuntimeError(f"import exited {done.returncode}: {done.stderr.strip()[-200:]}")
                check = Journal.open(empty / "journal.db")
                try:
                    imported = check.count()
                finally:
                    check.close()
                shutil.rmtree(empty)
            results.timing("import (json) into an empty journal", size, samples, unit="s",
                           note=f"whole process; {imported:,} entries visible after import")


def measure_saves(results: Results, scratch: dict[int, Path]) -> None:
    body = " ".join(["I noticed the old feeling of needing an exit, and I stayed for five more minutes."] * 12)
    for size, folder in scratch.items():
        with results.guard("save one entry", size):
            journal = Journal.open(folder / "journal.db")
            try:
                samples = []
                for n in range(SAVES):
                    entry = Entry(
                        local_date=gen.END, body=f"{body} ({n})", who="Sam", relationship="partner",
                        kinds=("emotional",), behaviours=("went-quiet", "picked-fight"), fears=("engulfment",),
                        intensity=6, close_before=True, small_step="Stayed in the room.", predicted=7, outcome=4,
                        private=n % 10 == 0, tags=("evening",), prompt_id="pulled-away-01", prompt_text="When?",
                    )
                    start = time.perf_counter()
                    journal.add(entry)
                    samples.append((time.perf_counter() - start) * 1000)
            finally:
                journal.close()
            ordered = sorted(samples)
            slow = ", ".join(f"#{n} {t:.0f} ms" for n, t in enumerate(samples) if t > 15)
            p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
            row = results.timing("save one entry (worst = p99 of 200)", size, samples, limit=15, stat="worst", worst=p99,
                                 note=f"Journal.add on disk (WAL, synchronous=FULL); max {ordered[-1]:.1f} ms; "
                                      f"saves over 15 ms: {slow or 'none'}")
            row.samples = [round(s, 2) for s in samples]


# --------------------------------------------------------------------------- output


def _fmt(value: float | None, unit: str) -> str:
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


def table(rows: list[Row]) -> str:
    header = ["measure", "size", "median", "worst", "target", "met?"]
    body = []
    for row in rows:
        if row.status == "ok":
            met = "—" if row.met is None else "yes" if row.met else "NO"
            cells = [_fmt(row.median, row.unit), _fmt(row.worst, row.unit), row.target, met]
        else:
            cells = [row.status, "", row.target, ""]
        body.append([row.measure, f"{row.size:,}" if row.size else "—", *cells])
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    align = ["<", ">", ">", ">", "<", "<"]

    def line(cells: list[str]) -> str:
        return "  ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(b) for b in body)])


def machine_info() -> dict[str, Any]:
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
        "generator_version": gen.code_version(),
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small journals, few repeats: a smoke test for CI")
    parser.add_argument("--work", type=Path, help="cache generated journals here (default: a folder in the temp dir)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--results", type=Path, default=HERE / "results", help="where the JSON goes")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--today", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--review-key", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "ui":
        out = asyncio.run(_ui_worker(args.db, date.fromisoformat(args.today), args.rows, args.review_key))
        args.result.write_text(json.dumps(out))
        return 0

    began = time.perf_counter()
    started_at = datetime.now(timezone.utc)
    plan = plan_for(args.quick)
    work = args.work or Path(tempfile.gettempdir()) / "closeness-journal-bench"
    work.mkdir(parents=True, exist_ok=True)
    scratch_root = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    config_dir = scratch_root / "config"  # no personal prompt files in the measured app
    config_dir.mkdir()
    env = dict(os.environ, CLOSENESS_JOURNAL_CONFIG_DIR=str(config_dir))
    env.pop("CLOSENESS_JOURNAL_DIR", None)
    env.pop(READY_ENV, None)
    results = Results()
    log(f"closeness-journal benchmarks ({'quick' if plan.quick else 'full'}), journals cached in {work}")
    try:
        features = detect_features(env)
        log(f"features: export={features.export} import={features.import_} reviews={features.reviews_store} "
            f"review key={features.review_key}")
        journals: dict[int, tuple[Path, dict]] = {}
        needed = sorted(set(plan.sizes) | (set(plan.export_sizes) if features.export else set()))
        for size in needed:  # in a child process, so this one stays small while it spawns the measured ones
            made = subprocess.run([sys.executable, str(HERE / "generate.py"), "--work", str(work), "--size", str(size),
                                   "--seed", str(args.seed)], env=env, stdout=subprocess.PIPE, text=True, check=True)
            found = json.loads(made.stdout.strip().splitlines()[-1])
            journals[size] = (Path(found["path"]), found["meta"])
        scratch: dict[int, Path] = {}
        for size in plan.sizes:  # a private copy per run: the app and the saves write to it
            folder = scratch_root / f"journal-{size}"
            folder.mkdir(mode=0o700)
            shutil.copy2(journals[size][0], folder / "journal.db")
            scratch[size] = folder
        log("cold start …")
        measure_cold_start(results, plan, scratch, env)
        log("window (History, Patterns, review) …")
        measure_ui(results, plan, scratch, features, env)
        log("store (search, patterns, review) …")
        measure_store(results, plan, scratch, features)
        log("export and import …")
        measure_exports(results, plan, journals, scratch_root, features, env)
        log("saving …")
        measure_saves(results, scratch)
    except Exception as error:  # noqa: BLE001 - report what was measured, then fail
        results.error("benchmark run", None, error)
    finally:
        shutil.rmtree(scratch_root, ignore_errors=True)
    groups = ["cold start", "History", "search", "patterns", "Patterns", "weekly review", "Weekly review",
              "save", "export", "import", "peak RSS"]
    first_seen: dict[str, int] = {}
    for row in results.rows:
        first_seen.setdefault(row.measure, len(first_seen))

    def place(row: Row) -> tuple:
        group = next((i for i, prefix in enumerate(groups) if row.measure.startswith(prefix)), len(groups))
        return group, first_seen[row.measure], row.size or 0

    results.rows.sort(key=place)
    duration = time.perf_counter() - began
    print(table(results.rows))
    print(f"\n{'quick' if plan.quick else 'full'} run: {duration:.0f} s. Sizes: "
          + ", ".join(f"{s:,}" for s in plan.sizes) + ". Notes:")
    notes: dict[str, list[tuple[int | None, str]]] = {}
    for row in results.rows:
        if row.note:
            notes.setdefault(row.measure, []).append((row.size, row.note))
    for measure, found in notes.items():
        if len({note for _, note in found}) == 1:
            print(f"  {measure}: {found[0][1]}")
        else:
            for size, note in found:
                print(f"  {measure} [{size:,}]: {note}" if size else f"  {measure}: {note}")
    for size, (_, meta) in sorted(journals.items()) if "journals" in locals() else []:
        extra = "; ".join(meta.get("notes", []))
        print(f"  journal {size:,}: {meta['edited']} edited, {meta['deleted']} in the trash, {meta['reviews']} weekly "
              f"reviews, {meta['bytes'] / 1e6:.0f} MB" + (f"; {extra}" if extra else ""))
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "duration_s": round(duration, 1),
        "mode": "quick" if plan.quick else "full",
        "plan": asdict(plan),
        "machine": machine_info(),
        "journals": {str(s): meta for s, (_, meta) in journals.items()} if "journals" in locals() else {},
        "rows": [asdict(row) for row in results.rows],
    }
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = started_at.strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2)
    (args.results / f"{stamp}{'-quick' if plan.quick else ''}.json").write_text(text)
    (args.results / "latest.json").write_text(text)
    print(f"\nJSON: {args.results / 'latest.json'}")
    return 1 if results.crashed else 0


if __name__ == "__main__":
    sys.exit(main())
