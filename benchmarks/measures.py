"""What the benchmarks measure: one function per measure, and MEASURES, the registry `run.py` runs in order.

Each function takes the run (`harness.Bench`) and adds its rows to `bench.results`; a crash in one
size becomes an error row and the run goes on. The targets are the constants below, so the table,
the registry and benchmarks/README.md say the same.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import generate as gen
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry, EntryFilter
from closeness_journal.core.patterns import compute, range_start
from closeness_journal.core.review import last_complete_week, weekly_review
from closeness_journal.store import Journal
from harness import (
    HERE,
    READY_ENV,
    RSS_FILE_ENV,
    TERM_SIZE,
    Bench,
    alternate,
    cli,
    console_script,
    log,
    rss_hook,
    run_worker,
    timed,
)

START_RATIO = 1.3
"""Cold start: the journal's start-up over the minimal Textual app's (median of the ratios)."""
WINDOW_RATIO = 1.25
"""Window start to a drawn Today over the same-widgets app's start (issue 18; median of the ratios)."""
MARKDOWN_RATIO = 3.0
JSON_RATIO = 4.0
"""The exports of everything over the floor script that reads every row and writes it (issue 18)."""
LIST_RATIO = 2.5
"""`list -n 10` and `list --search WORD` over the floor script that prints the newest 10 rows (issue 18)."""
QUERY_MS = 50
"""Search and a year of patterns at 100,000 entries (median)."""
PATTERNS_ALL_MS = 100
"""Patterns over all the journal's days at 100,000 entries (median; issue 18)."""
SAVE_P99_MS = 15
MARKDOWN_S = 1.0
"""Markdown export of 36,500 entries (median, whole process)."""
PEAK_MB = 150
"""Peak memory at 100,000 entries (worst)."""
BIG = 100_000
"""The size the search, patterns and memory targets are for."""
MARKDOWN_SIZE = 36_500
SMALL_EXPORT = 10_000
"""Below this size the exports' rounds are three times as many (runs of a fraction of a second)."""
HISTORY_ROWS = 10_000
SAVES = 200
REVIEW_KEY = "f5"

FIRST_OPEN_MS = 300
FLOOR_DRAWN = (b"Hello from the floor",)
SAME_DRAWN = (b"SameWidgetsApp", b"Some words to start with")
"""What the same-widgets app draws at its top and in the middle of its screen."""
TODAY_DRAWN = (b"Check-in", b"moves to the", b"Swap question")
"""Words from each part of Today (the check-in on the right, the editor's placeholder, the footer):
a start-up counts only once it drew them, and its first frame is timed until all have arrived
(until session 9 "Check-in" alone: then the first write holding it had only the header and the
check-in, and the rest came a frame later)."""
"""The first open of a screen in a window, its code's imports included (issue 18; median)."""
REOPEN_MS = 50
"""Switching back to a screen already opened (issue 18; median)."""
LOADED_OPEN_MS = 150
"""Opening History, Patterns, the review or the ladder once its code is loaded, at 100,000 entries
(issue 18; median)."""
LOADED_SCREENS = {
    "HistoryScreen": "History: open (F3), its code loaded",
    "PatternsScreen": "Patterns: open (F4), its code loaded",
    "ReviewScreen": f"Weekly review: open ({REVIEW_KEY}), its code loaded",
    "LadderScreen": "Ladder: open (F8), its code loaded",
}
"""The screens `window.py --loaded` opens, and their rows."""

PILOT_NOTE = (f"in-process app (run_test, {TERM_SIZE[0]}x{TERM_SIZE[1]}, headless), fresh process per run; "
              "key sent as the terminal would, timed until the state shows and the screen is redrawn")
FIRST_NOTE = "the first open in a fresh window process, the screen's imports included; " + PILOT_NOTE
LOADED_NOTE = ("opened from Today in a fresh window process that imported, before the app started, every module the "
               "first-open runs imported after Today was drawn (nothing built or queried ahead); " + PILOT_NOTE)


@dataclass(frozen=True)
class Measure:
    name: str
    how: str
    target: str
    """The target in words, or why there is none."""
    run: Callable[[Bench], None]


def peak_limit(size: int) -> float | None:
    return PEAK_MB if size >= BIG else None


def compile_package() -> None:
    """Write the package's bytecode before the whole-process measures, as installing it would: a
    checkout run with PYTHONDONTWRITEBYTECODE (or a read-only one) compiles every module it imports
    in every process, which the floor scripts (standard library only) never do."""
    import compileall

    import closeness_journal

    compileall.compile_dir(str(Path(closeness_journal.__file__).parent), quiet=1)


def series(runs: list[dict[str, Any]], key: str) -> list[float]:
    return [run[key] for run in runs if key in run]


# --------------------------------------------------------------------------- whole processes


def cold_start(bench: Bench) -> None:
    results = bench.results
    hook = rss_hook(bench.scratch_root / "rss-hook")
    env = dict(bench.env, TERM="xterm-256color", **{READY_ENV: "1", RSS_FILE_ENV: str(hook / "peak.txt")})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hook), bench.env.get("PYTHONPATH")]))
    env.pop("TEXTUAL", None)
    commands: dict[str, list[str]] = {
        "floor": [sys.executable, str(HERE / "minimal_app.py")],
        "same": [sys.executable, str(HERE / "same_widgets_app.py")],
    }
    for size, folder in bench.scratch.items():
        commands[str(size)] = [*console_script(), "--data-dir", str(folder)]
    drawn = {"floor": FLOOR_DRAWN, "same": SAME_DRAWN, **{str(size): TODAY_DRAWN for size in bench.scratch}}
    found = alternate(commands, bench.plan.cold_repeats, env, label="cold start round", drawn=drawn)
    note = f"whole process in a {TERM_SIZE[0]}x{TERM_SIZE[1]} pty, spawn to exit; after 1 warm-up run"
    if "floor" in found.failed:
        results.error("cold start: minimal Textual app (floor)", None, found.failed["floor"])
    else:
        results.timing("cold start: minimal Textual app (floor)", None, found.times["floor"], note=note)
        results.timing("peak RSS: minimal Textual app (floor)", None, found.rss["floor"], unit="MB",
                       note="VmHWM of the process at exit (atexit hook via sitecustomize)")
    if "same" in found.failed:
        results.error("cold start: same-widgets Textual app (floor)", None, found.failed["same"])
    else:
        results.timing("cold start: same-widgets Textual app (floor)", None, found.times["same"],
                       note=note + "; TextArea, Input, Select, SelectionList, Checkbox, Header, Footer")
    floor = found.median("floor")
    same = found.median("same") if "same" not in found.failed else None
    for size in bench.scratch:
        key = str(size)
        if key in found.failed:
            results.error("cold start: closeness-journal → Today", size, found.failed[key])
            continue
        results.timing("cold start: closeness-journal → Today", size, found.times[key], note=note)
        if floor:
            ratios = [t / floor for t in found.times[key]]
            results.timing("cold start ratio (journal / floor)", size, ratios, unit="x", limit=START_RATIO,
                           note="each run / the floor's median")
        if same:
            results.timing("cold start ratio (journal / same-widgets app)", size,
                           [t / same for t in found.times[key]], unit="x", limit=WINDOW_RATIO,
                           note="each run / the same-widgets app's median (issue 18)")
        if same and found.drawn_at.get(key) and found.drawn_at.get("same"):
            same_drawn = statistics.median(found.drawn_at["same"])
            results.timing("cold start: first frame ratio (journal / same-widgets app)", size,
                           [t / same_drawn for t in found.drawn_at[key]], unit="x",
                           note=f"spawn until Today is on the terminal whole (the check-in, the editor's "
                                f"placeholder and the footer; median "
                                f"{statistics.median(found.drawn_at[key]):.0f} ms), against the same-widgets "
                                f"app's first frame (its title and its text area: {same_drawn:.0f} ms); told apart "
                                "from the whole process above, which includes leaving; no target of its own")
        results.timing("peak RSS: TUI start → Today (pty)", size, found.rss[key], unit="MB",
                       limit=peak_limit(size), stat="worst",
                       note="VmHWM of the console-script process at exit (atexit hook via sitecustomize)")


def window(bench: Bench) -> None:
    results = bench.results
    for size, folder in bench.scratch.items():
        wanted = min(HISTORY_ROWS, size)
        args = ["--db", str(folder / "journal.db"), "--today", gen.END.isoformat(), "--rows", str(wanted),
                "--review-key", REVIEW_KEY]
        runs: list[dict[str, Any]] = []
        try:
            for _ in range(bench.plan.ui_repeats):
                runs.append(run_worker("window.py", args, folder.parent / f"ui-{size}.json", bench.env))
        except Exception as error:  # noqa: BLE001 - one line in the table; the worker's stderr ends with it
            results.error("History / Patterns in the window (pilot)", size,
                          str(error) if isinstance(error, RuntimeError) else error)
            continue
        finally:
            log(f"  window measures at {size:,}: {len(runs)} run(s)")
        errors: dict[str, str] = {}
        for run in runs:
            errors.update(run["errors"])
        loaded = loaded_opens(bench, args, runs, folder.parent / f"ui-{size}-loaded.json")

        if "history" in errors:
            results.error("History: open (F3) until the table shows", size, errors["history"])
        else:
            results.timing("History: open (F3) until the table shows", size, series(runs, "history_open"),
                           limit=FIRST_OPEN_MS, note=FIRST_NOTE)
        loaded_row(bench, size, "HistoryScreen", loaded)
        if "history" not in errors:
            run = runs[0]
            results.timing("History: End, to the oldest entry", size, series(runs, "history_end"),
                           note=f"one page of {run['page_size']} from the oldest end; "
                                f"{run['history_end_rows']:,} rows in the table")
            results.timing("History: Page Up from the oldest entry", size,
                           [ms for run in runs for ms in run["history_page_up"]],
                           note="every press of 30 from the oldest entry (pages above load as the cursor nears "
                                f"the top); {run['history_page_up_rows']:,} rows in the table after")
            results.timing("History: Home, to the newest entry", size, series(runs, "history_home"), note=PILOT_NOTE)
        if "patterns" in errors:
            results.error("Patterns: open (F4, 8 weeks)", size, errors["patterns"])
        else:
            results.timing("Patterns: open (F4, 8 weeks)", size, series(runs, "patterns_open"), limit=FIRST_OPEN_MS,
                           note=FIRST_NOTE)
        loaded_row(bench, size, "PatternsScreen", loaded)
        if "patterns" not in errors:
            results.timing("Patterns: switch to a year (3)", size, series(runs, "patterns_year"), note=PILOT_NOTE)
            results.timing("Patterns: switch to all (4)", size, series(runs, "patterns_all"),
                           limit=PATTERNS_ALL_MS if size >= BIG else None, note=PILOT_NOTE)
        if "review" in errors:
            results.error("Weekly review: open", size, errors["review"])
        else:
            results.timing(f"Weekly review: open ({REVIEW_KEY})", size, series(runs, "review_open"),
                           limit=FIRST_OPEN_MS, note=FIRST_NOTE)
        loaded_row(bench, size, "ReviewScreen", loaded)
        if "ladder" in errors:
            results.error("Ladder: open (F8)", size, errors["ladder"])
        else:
            results.timing("Ladder: open (F8)", size, series(runs, "ladder_open"), limit=FIRST_OPEN_MS,
                           note=FIRST_NOTE)
        loaded_row(bench, size, "LadderScreen", loaded)
        if "reopen" in errors:
            results.error("switch back to an opened screen", size, errors["reopen"])
        else:
            back = [ms for run in runs for ms in run["reopen"].values()]
            slowest = max(runs[0]["reopen"].items(), key=lambda item: item[1])
            results.timing("switch back to an opened screen", size, back, limit=REOPEN_MS,
                           note=f"F2, F3, F4, {REVIEW_KEY}, F8 once each had been opened; slowest in the first run: "
                                f"{slowest[0]} {slowest[1]:.0f} ms")
        hwm = series(runs, "VmHWM")
        if hwm:
            results.timing("peak RSS: window after History + Patterns", size, hwm, unit="MB",
                           limit=peak_limit(size), stat="worst",
                           note="VmHWM of the pilot process after History (End, Page Up, Home), Patterns and review")


def loaded_opens(bench: Bench, args: list[str], runs: list[dict[str, Any]],
                 result: Path) -> dict[str, list[float] | str]:
    """Each screen of LOADED_SCREENS opened in windows whose process imported, before the app
    started, the modules the first-open `runs` imported after Today was drawn; the screens take
    turns, `ui_repeats` rounds. By screen: the times in ms, or what went wrong."""
    modules = sorted({name for run in runs for name in run.get("modules", [])})
    preload = result.with_suffix(".modules")
    preload.write_text("\n".join(modules))
    found: dict[str, list[float] | str] = {name: [] for name in LOADED_SCREENS}
    for _ in range(bench.plan.ui_repeats):
        for name in LOADED_SCREENS:
            times = found[name]
            if isinstance(times, str):
                continue
            try:
                run = run_worker("window.py", [*args, "--loaded", name, "--preload", str(preload)], result, bench.env)
            except Exception as error:  # noqa: BLE001 - one line in the table
                found[name] = str(error) if isinstance(error, RuntimeError) else f"{type(error).__name__}: {error}"
                continue
            if run["errors"]:
                found[name] = next(iter(run["errors"].values()))
            else:
                times.append(run["loaded_open"])
    log(f"  opens once loaded: {bench.plan.ui_repeats} round(s) of {len(LOADED_SCREENS)}, {len(modules)} modules "
        "imported first")
    return found


def loaded_row(bench: Bench, size: int, name: str, found: dict[str, list[float] | str]) -> None:
    label, times = LOADED_SCREENS[name], found[name]
    if isinstance(times, str):
        bench.results.error(label, size, times)
    else:
        bench.results.timing(label, size, times, limit=LOADED_OPEN_MS if size >= BIG else None, note=LOADED_NOTE)


def export_import(bench: Bench) -> None:
    results, plan = bench.results, bench.plan
    compile_package()
    for size in plan.export_sizes:
        db, _ = bench.journals[size]
        folder = bench.scratch_root / f"export-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db, folder / "journal.db")
        # The floor, the Markdown export and the JSON export run in turn, round after round (the issue's
        # "median of alternating runs"), and each ratio is a run over the floor's run of the same round:
        # a change of the machine's load between blocks of runs moved the small size's ratios by a third.
        # Small journals get more rounds: their runs take a fraction of a second, most of it fixed costs.
        rounds = plan.export_repeats * (3 if size < SMALL_EXPORT else 1)
        kinds = {
            "floor": ("export floor: sqlite3 reads every row, writes a file", "floor", []),
            "markdown": ("export --format markdown (whole journal)", "md", ["--include-private"]),
            "json": ("export --format json", "json", []),
        }
        samples: dict[str, list[float]] = {kind: [] for kind in kinds}
        failed: dict[str, BaseException] = {}
        for _ in range(rounds):
            for kind, (_label, suffix, extra) in kinds.items():
                if kind not in failed:
                    try:
                        samples[kind].append(_export_once(bench, kind, folder, size, suffix, extra))
                    except Exception as error:  # reported as that row's error below; the others go on
                        failed[kind] = error
        for kind, (label, suffix, extra) in kinds.items():
            with results.guard(label, size):
                if kind in failed:
                    raise failed[kind]
                target = bench.scratch_root / f"export-{size}.{suffix}"
                limit = MARKDOWN_S if (kind == "markdown" and size == MARKDOWN_SIZE) else None
                results.timing(label, size, samples[kind], unit="s", limit=limit,
                               note=f"whole process; {target.stat().st_size / 1e6:.1f} MB"
                                    + "".join(f"; {option}" for option in extra) + f"; {rounds} alternating rounds")
                floors = samples["floor"]
                if kind != "floor" and "floor" not in failed:
                    results.timing(f"export ratio ({kind} / floor)", size,
                                   [t / f for t, f in zip(samples[kind], floors, strict=True)],
                                   unit="x", limit=MARKDOWN_RATIO if kind == "markdown" else JSON_RATIO,
                                   note="each run / the floor's run of the same round (issue 18)")
        with results.guard("import (json) into an empty journal", size):
            source = bench.scratch_root / f"export-{size}.json"
            samples = []
            for n in range(plan.export_repeats):
                empty = bench.scratch_root / f"import-{size}-{n}"
                start = time.perf_counter()
                done = cli(["--data-dir", str(empty), "import", str(source)], bench.env)
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


def _export_once(bench: Bench, kind: str, folder: Path, size: int, suffix: str, extra: list[str]) -> float:
    """One whole-process run of the floor or of an export of the journal in `folder`, in seconds."""
    target = bench.scratch_root / f"export-{size}.{suffix}"
    target.unlink(missing_ok=True)
    if kind == "floor":
        command = [sys.executable, str(HERE / "floor_read.py"), str(folder / "journal.db"), str(target)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=bench.env)
    else:
        start = time.perf_counter()
        done = cli(["--data-dir", str(folder), "export", "--format", kind, *extra, "--output", str(target)],
                   bench.env)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{kind} exited {done.returncode}: {done.stderr.strip()[-200:]}")
    return took


# --------------------------------------------------------------------------- the store, in this process


@contextmanager
def opened(folder: Path) -> Iterator[Journal]:
    journal = Journal.open(folder / "journal.db")
    try:
        yield journal
    finally:
        journal.close()


def list_command(bench: Bench) -> None:
    """`list -n 10` and `list --search WORD` as whole processes, alternated with the floor script."""
    results = bench.results
    compile_package()
    for size, folder in bench.scratch.items():
        db = str(folder / "journal.db")
        commands = {
            "floor": [sys.executable, str(HERE / "floor_list.py"), db],
            "list -n 10": [*console_script(), "--data-dir", str(folder), "list", "-n", "10"],
            f"list --search {gen.RARE_WORD}": [*console_script(), "--data-dir", str(folder), "list", "--search",
                                               gen.RARE_WORD],
        }
        times: dict[str, list[float]] = {key: [] for key in commands}
        with results.guard("list floor: sqlite3 prints the newest 10 rows", size):
            for repeat in range(bench.plan.cold_repeats + 1):  # the first round only warms up
                for key, command in commands.items():
                    start = time.perf_counter()
                    done = subprocess.run(command, env=bench.env, capture_output=True, text=True, timeout=120)
                    took = time.perf_counter() - start
                    if done.returncode != 0:
                        raise RuntimeError(f"{key} exited {done.returncode}: {done.stderr.strip()[-200:]}")
                    if repeat:
                        times[key].append(took * 1000)
            results.timing("list floor: sqlite3 prints the newest 10 rows", size, times["floor"],
                           note="whole process; floor_list.py")
            floor = statistics.median(times["floor"])
            for key in list(commands)[1:]:
                results.timing(f"list: {key}", size, times[key], note="whole process")
                results.timing(f"list ratio ({key} / floor)", size, [t / floor for t in times[key]], unit="x",
                               limit=LIST_RATIO, note="each run / the floor's median (issue 18)")


def search(bench: Bench) -> None:
    for size, folder in bench.scratch.items():
        with opened(folder) as journal:
            for label, words in (("common", gen.COMMON_WORD), ("rare", gen.RARE_WORD)):
                with bench.results.guard(f"search ({label} word)", size):
                    _search(bench, size, journal, f"search ({label} word)", words)


def _search(bench: Bench, size: int, journal: Journal, measure: str, words: str) -> None:
    query = EntryFilter(search=words)
    found: list[int] = []

    def run() -> None:
        hits = journal.search_hits(query, limit=50)
        found.append(journal.count(query))
        assert hits or not found[-1]

    samples = timed(run, bench.plan.store_repeats)
    bench.results.timing(measure, size, samples, limit=QUERY_MS if size >= BIG else None,
                         note=f"search_hits({words!r}, limit=50) + count: {found[-1]:,} matches")


def patterns(bench: Bench) -> None:
    today = gen.END
    for size, folder in bench.scratch.items():
        with opened(folder) as journal:
            for span, label, limit in (("1 year", "a year", QUERY_MS), ("all", "all", PATTERNS_ALL_MS)):
                measure = f"patterns: {label} (store + compute)"
                with bench.results.guard(measure, size):
                    since = range_start(span, today, journal.first_entry_date())
                    samples = timed(partial(_patterns, journal, since, today), bench.plan.store_repeats)
                    bench.results.timing(measure, size, samples, limit=limit if size >= BIG else None,
                                         note=f"compute(pattern_source({since}, {today}))")


def _patterns(journal: Journal, since: date, until: date) -> None:
    compute(journal.pattern_source(since, until), since, until)


def review(bench: Bench) -> None:
    monday = last_complete_week(gen.END)
    for size, folder in bench.scratch.items():
        with opened(folder) as journal, bench.results.guard("weekly review: build last week", size):
            samples = timed(partial(weekly_review, journal, monday), bench.plan.store_repeats)
            bench.results.timing("weekly review: build last week", size, samples,
                                 note=f"weekly_review(journal, {monday})")


def saving(bench: Bench) -> None:
    """SAVES new entries into each private copy (so it runs last: it changes the journals)."""
    body = " ".join(["I noticed the old feeling of needing an exit, and I stayed for five more minutes."] * 12)
    for size, folder in bench.scratch.items():
        with bench.results.guard("save one entry", size):
            journal = Journal.open(folder / "journal.db")
            try:
                samples = []
                for n in range(SAVES):
                    entry = Entry(
                        local_date=gen.END,
                        answers=(Answer("pulled-away-01", "When?", f"{body} ({n})"),),
                        private=n % 10 == 0,
                        tags=("evening",),
                        checkin=CheckIn(
                            who="Sam", relationship="partner", kinds=("emotional",),
                            behaviours=("went-quiet", "picked-fight"), fears=("engulfment",), intensity=6,
                            close_before=True, small_step="Stayed in the room.", predicted=7, outcome=4,
                        ),
                    )
                    start = time.perf_counter()
                    journal.add(entry)
                    samples.append((time.perf_counter() - start) * 1000)
            finally:
                journal.close()
            ordered = sorted(samples)
            slow = ", ".join(f"#{n} {t:.0f} ms" for n, t in enumerate(samples) if t > SAVE_P99_MS)
            p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
            row = bench.results.timing(
                f"save one entry (worst = p99 of {SAVES})", size, samples, limit=SAVE_P99_MS, stat="worst", worst=p99,
                note=f"Journal.add on disk (WAL, synchronous=FULL); max {ordered[-1]:.1f} ms; "
                     f"saves over {SAVE_P99_MS} ms: {slow or 'none'}")
            row.samples = [round(s, 2) for s in samples]


# --------------------------------------------------------------------------- the registry


def _at(size: int) -> str:
    return f"{size:,} entries"


MEASURES: list[Measure] = [
    Measure("cold start", "`closeness-journal --data-dir DIR` as a whole process in a pseudo-terminal, spawn to exit "
            "once Today is drawn, in rounds with a minimal one-widget Textual app and a same-widgets one; and each "
            "process's peak RSS",
            f"median within {START_RATIO}x of the minimal app and {WINDOW_RATIO}x of the same-widgets app; "
            f"peak RSS < {PEAK_MB} MB at {_at(BIG)}", cold_start),
    Measure("window", "in a fresh process, the app under run_test: History (F3, End to the oldest "
            "entry, Page Up from there, Home), Patterns (F4, then a year, then all), "
            f"the weekly review ({REVIEW_KEY}), the ladder (F8), then back to each; peak RSS; then each of History, "
            "Patterns, the review and the ladder opened from Today in a fresh process that imported their code first",
            f"first opens (imports included) < {FIRST_OPEN_MS} ms, opens once their code is loaded < {LOADED_OPEN_MS} "
            f"ms at {_at(BIG)}, switching back < {REOPEN_MS} ms, Patterns all < {PATTERNS_ALL_MS} ms at {_at(BIG)}; "
            f"peak RSS < {PEAK_MB} MB at {_at(BIG)}", window),
    Measure("list", "`list -n 10` and `list --search WORD` (a rare word) as whole processes, in rounds with a "
            "script that opens the file with sqlite3 and prints the newest 10 rows",
            f"each median within {LIST_RATIO:g}x of the floor script", list_command),
    Measure("search", "search_hits(limit=50) + count for a common word and a rare one",
            f"median < {QUERY_MS} ms at {_at(BIG)}", search),
    Measure("patterns", "compute(pattern_source(...)) for the last year, and for all the journal's days",
            f"median < {QUERY_MS} ms (a year) and < {PATTERNS_ALL_MS} ms (all) at {_at(BIG)}", patterns),
    Measure("weekly review", "weekly_review(journal, last complete week)", "none (tracked only)", review),
    Measure("export / import", "export --format markdown and --format json of the whole journal, then import "
            "into an empty journal (whole processes); the floor: a script that reads every row with sqlite3 "
            "and writes it to a file", f"Markdown, {_at(MARKDOWN_SIZE)}: median < {MARKDOWN_S:g} s; "
            f"Markdown within {MARKDOWN_RATIO:g}x and JSON within {JSON_RATIO:g}x of the floor",
            export_import),
    Measure("saving", f"{SAVES} x Journal.add on disk (WAL, synchronous=FULL); median and 99th percentile",
            f"p99 < {SAVE_P99_MS} ms", saving),
]
"""In the order they run: saving last, since it writes to the journals the others read."""
