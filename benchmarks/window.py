"""The window measures, run by `measures.py` in a fresh process for each run:

    python benchmarks/window.py --db FILE --today DAY --rows N --review-key KEY --result FILE
    python benchmarks/window.py ... --loaded SCREEN --preload MODULES --result FILE

The app runs under `run_test` (headless, TERM_SIZE); keys are sent as the terminal would send them,
and each is timed until the screen shows the result and has been redrawn. What it measured goes
to FILE as JSON (ms, and the process's VmHWM / VmRSS in MB); a step that fails is named under "errors".

The first form runs every step, and lists the modules the window imported after Today was drawn
("modules"). The second opens one screen (History, Patterns, Review or Ladder) from Today in a
window whose process imported those modules before the app started: the open once its code is
loaded (issue 18). Nothing else is done ahead: no screen is built and no query is run before the key.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import generate as gen
from closeness_journal.store import Journal
from harness import TERM_SIZE

PAGE_UPS = 30
"""Page Up presses from the oldest entry (about two pages of rows at TERM_SIZE)."""
LOADED = {"HistoryScreen": "f3", "PatternsScreen": "f4", "ReviewScreen": "review", "LadderScreen": "f8"}
"""The screens opened once their code is loaded, with their keys (the review's is given on the command line)."""
REOPENED = [("f2", "TodayScreen"), ("f3", "HistoryScreen"), ("f4", "PatternsScreen"), ("review", "ReviewScreen"),
            ("f8", "LadderScreen")]
"""Switching back to screens already opened (the review's key is given on the command line)."""


async def drawn(widget) -> None:
    """Wait until `widget`'s screen has been redrawn after what is pending (twice, like the
    ready-exit hook: `call_after_refresh` callbacks run after the screen's next update), once
    Textual holds nothing back. It holds every update back for 50 ms after a switch of screens, and
    while it does a callback "after a refresh" runs at once, before anything is drawn (as
    `ui/first_frame.py` says): without this wait, a switch could end before its frame."""
    loop = asyncio.get_running_loop()
    while widget.app._batch_count:
        await asyncio.sleep(0.0005)
    for _ in range(2):
        future = loop.create_future()
        widget.call_after_refresh(lambda f=future: f.done() or f.set_result(None))
        await asyncio.wait_for(future, 30)


async def press(app, key: str, ready: Callable[[], bool], timeout: float = 60) -> float:
    """Send one key as the terminal would, wait until `ready()` and the screen is redrawn; ms.
    (Not `pilot.press`: it sleeps in 20 ms steps until the process looks idle, which would be timed too.)"""
    from textual import events

    start = time.perf_counter()
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    while not ready():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{key}: not ready after {timeout:.0f} s")
        await asyncio.sleep(0.0005)
    await drawn(app.screen)
    return (time.perf_counter() - start) * 1000


def showing(app, name: str) -> bool:
    """Screens and widgets are recognised by their class names (their modules are not imported here)."""
    return type(app.screen).__name__ == name


def history_table(app):
    if not showing(app, "HistoryScreen"):
        return None
    tables = app.screen.query("EntryTable")
    return tables.first() if tables else None


def opened(app, name: str) -> bool:
    """Whether the screen `name` (one of LOADED) shows what its first open is timed to."""
    if name == "HistoryScreen":
        return (table := history_table(app)) is not None and table.row_count > 0
    if name == "PatternsScreen":
        return showing(app, name) and app.screen.patterns is not None
    if name == "ReviewScreen":
        return "review" in type(app.screen).__name__.lower()
    return showing(app, name)


def new_app(db: Path, today: date):
    from closeness_journal.prompt_files import load_prompts
    from closeness_journal.ui.app import JournalApp

    journal = Journal.open(db)
    library = load_prompts(folders=gen.shipped_prompt_folders()).library
    return journal, JournalApp(journal, library, today=lambda: today)


async def measure_loaded(db: Path, today: date, name: str, key: str, preload: list[str]) -> dict[str, Any]:
    """Open the screen `name` from Today in a window whose process imported `preload` before the app started."""
    import importlib

    for module in preload:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - a module that can't be imported alone is imported by the open
            pass
    out: dict[str, Any] = {"errors": {}}
    journal, app = new_app(db, today)
    async with app.run_test(size=TERM_SIZE) as pilot:
        await pilot.pause()
        await drawn(app.screen)
        try:
            cpu = time.process_time()
            out["loaded_open"] = await press(app, key, lambda: opened(app, name))
            out["loaded_open_cpu"] = (time.process_time() - cpu) * 1000  # the process's CPU time meanwhile
        except Exception as error:  # noqa: BLE001
            out["errors"]["loaded"] = f"{type(error).__name__}: {error}"
    journal.close()
    return out


async def measure(db: Path, today: date, rows_wanted: int, review_key: str) -> dict[str, Any]:
    # The screens' modules are not imported here: each first open below pays for its imports,
    # as it does in the window.
    out: dict[str, Any] = {"errors": {}}
    journal, app = new_app(db, today)
    rows_wanted = min(rows_wanted, journal.count())
    async with app.run_test(size=TERM_SIZE) as pilot:
        await pilot.pause()
        await drawn(app.screen)
        started = set(sys.modules)

        try:
            out["history_open"] = await press(app, "f3", lambda: opened(app, "HistoryScreen"))
            table = history_table(app)
            newest = journal.entries(limit=1)[0].id
            oldest = journal.entries(limit=1, oldest=True)[0].id
            out["history_end"] = await press(app, "end", lambda: table.entry_id == oldest, timeout=30)
            out["history_end_rows"] = table.row_count
            # paging up from the oldest end, across the pages above it
            out["history_page_up"] = [await press(app, "pageup", lambda: True) for _ in range(PAGE_UPS)]
            out["history_page_up_rows"] = table.row_count
            out["history_home"] = await press(app, "home", lambda: table.entry_id == newest, timeout=30)
            from closeness_journal.ui.screens.history import PAGE_SIZE

            out["page_size"] = PAGE_SIZE
        except Exception as error:  # noqa: BLE001
            out["errors"]["history"] = f"{type(error).__name__}: {error}"
        try:
            def patterns(days: int) -> bool:
                screen = app.screen
                found = showing(app, "PatternsScreen") and screen.patterns is not None
                return found and (screen.patterns.until - screen.patterns.since).days >= days

            out["patterns_open"] = await press(app, "f4", lambda: opened(app, "PatternsScreen"))
            out["patterns_year"] = await press(app, "3", lambda: patterns(360))
            first = journal.first_entry_date()
            out["patterns_all"] = await press(
                app, "4", lambda: patterns((today - first).days if first else 0) and app.screen.patterns.since == first
            )
        except Exception as error:  # noqa: BLE001
            out["errors"]["patterns"] = f"{type(error).__name__}: {error}"
        try:
            out["review_open"] = await press(app, review_key, lambda: opened(app, "ReviewScreen"))
        except Exception as error:  # noqa: BLE001
            out["errors"]["review"] = f"{type(error).__name__}: {error}"
        try:
            out["ladder_open"] = await press(app, "f8", lambda: opened(app, "LadderScreen"))
        except Exception as error:  # noqa: BLE001
            out["errors"]["ladder"] = f"{type(error).__name__}: {error}"
        try:  # back to each screen opened above: Today (F2) first, then each in turn
            out["reopen"] = {}
            for key, screen in REOPENED:
                if key == "review":
                    key = review_key
                out["reopen"][screen] = await press(app, key, lambda screen=screen: showing(app, screen))
        except Exception as error:  # noqa: BLE001
            out["errors"]["reopen"] = f"{type(error).__name__}: {error}"
        out["modules"] = [name for name in sys.modules if name not in started]
    journal.close()
    status = Path("/proc/self/status").read_text()
    for key in ("VmHWM", "VmRSS"):
        found = re.search(rf"^{key}:\s+(\d+) kB", status, re.M)
        if found:
            out[key] = int(found.group(1)) / 1024
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The window measures, in this process (run by run.py).")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--rows", type=int, required=True, help="History rows to load")
    parser.add_argument("--review-key", required=True)
    parser.add_argument("--result", type=Path, required=True, help="where the JSON goes")
    parser.add_argument("--loaded", choices=sorted(LOADED), help="only open this screen, its code loaded first")
    parser.add_argument("--preload", type=Path, help="with --loaded: the modules to import first, one a line")
    args = parser.parse_args(argv)
    if args.loaded:
        key = args.review_key if LOADED[args.loaded] == "review" else LOADED[args.loaded]
        preload = args.preload.read_text().split() if args.preload else []
        out = asyncio.run(measure_loaded(args.db, args.today, args.loaded, key, preload))
    else:
        out = asyncio.run(measure(args.db, args.today, args.rows, args.review_key))
    args.result.write_text(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
