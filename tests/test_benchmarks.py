"""The benchmarks: every measure is named and has a target, their README lists them, and the cheap
ones run on a tiny generated journal (CI runs all of them with `benchmarks/run.py --quick`).
No timing is asserted."""

import importlib
import io
import json
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
TINY = 60
CHEAP = ["search", "patterns", "weekly review", "export / import", "saving"]
"""The measures that take well under a second on a tiny journal (no terminal, no window)."""


@pytest.fixture(scope="module")
def bench_modules():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        names = ("generate", "harness", "measures", "report", "run", "window")
        yield {name: importlib.import_module(name) for name in names}
    finally:
        sys.path.remove(str(BENCHMARKS))


def readme_measures() -> list[tuple[str, str]]:
    """(measure, target) of each row of the table under "What is measured" in benchmarks/README.md."""
    section = (BENCHMARKS / "README.md").read_text().split("## What is measured", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]  # after the header and |---|
    return [(cells[1].strip(), cells[-2].strip()) for cells in (row.split("|") for row in rows)]


def test_every_measure_has_a_name_a_way_and_a_target(bench_modules):
    registry = bench_modules["measures"].MEASURES
    assert registry
    names = [measure.name for measure in registry]
    assert len(set(names)) == len(names), names
    for measure in registry:
        assert measure.name.strip() and measure.how.strip() and measure.target.strip(), measure
        assert callable(measure.run), measure.name
    assert names[-1] == "saving"  # it writes to the journals the others read


def test_the_benchmarks_readme_lists_the_measures_and_their_targets_in_order(bench_modules):
    assert readme_measures() == [(measure.name, measure.target) for measure in bench_modules["measures"].MEASURES]


def test_the_cheap_measures_run_on_a_tiny_journal(bench_modules, tmp_path):
    gen, harness, measures, report = (bench_modules[n] for n in ("generate", "harness", "measures", "report"))
    made = gen.build(tmp_path / "generated", TINY)
    meta = {"edited": made.edited, "deleted": made.deleted, "reviews": made.reviews, "bytes": made.path.stat().st_size}
    plan = harness.Plan(True, [TINY], [TINY], cold_repeats=1, ui_repeats=1, store_repeats=2, export_repeats=1)
    bench = harness.start(plan, tmp_path / "work")
    bench.journals[TINY] = (made.path, meta)
    copy = bench.scratch_root / "journal"
    copy.mkdir()
    (copy / "journal.db").write_bytes(made.path.read_bytes())
    bench.scratch[TINY] = copy
    by_name = {measure.name: measure for measure in measures.MEASURES}
    for name in CHEAP:
        by_name[name].run(bench)
    harness.finish(bench)

    rows = bench.results.rows
    assert not bench.results.crashed, [(row.measure, row.note) for row in rows if row.status != "ok"]
    measured = {row.measure for row in rows}
    assert measured == {
        "search (common word)", "search (rare word)", "patterns: a year (store + compute)",
        "patterns: all (store + compute)",
        "weekly review: build last week", "export --format markdown (whole journal)", "export --format json",
        "import (json) into an empty journal", f"save one entry (worst = p99 of {measures.SAVES})",
        "export floor: sqlite3 reads every row, writes a file", "export ratio (markdown / floor)",
        "export ratio (json / floor)",
    }
    assert all(row.size == TINY and row.median is not None and row.worst is not None for row in rows)
    saves = next(row for row in rows if row.measure.startswith("save one entry"))
    assert len(saves.samples) == measures.SAVES and saves.target == f"worst < {measures.SAVE_P99_MS:.1f} ms"
    imported = next(row for row in rows if row.measure.startswith("import"))
    assert f"{TINY - made.deleted:,} entries visible after import" in imported.note

    out = io.StringIO()
    ordered = report.in_table_order(rows)
    report.print_report(ordered, "quick", [TINY], 1.0, bench.journals, Console(file=out, width=200))
    printed = out.getvalue()
    assert all(re.search(rf"^{re.escape(row.measure)}\s+{TINY}\s", printed, re.M) for row in rows), printed
    assert ordered[0].measure.startswith("search") and ordered[-1].measure.startswith("import"), ordered

    latest = report.write_json(tmp_path / "results", datetime.now(UTC), 1.0, "quick", {}, {}, bench.journals, ordered)
    assert [row["measure"] for row in json.loads(latest.read_text())["rows"]] == [row.measure for row in ordered]


def test_a_window_that_quits_without_drawing_fails_instead_of_counting(bench_modules):
    """The cold start runs count only when the process wrote what it draws: a window that quit while
    Textual still held its frame back once looked fast having drawn nothing."""
    harness = bench_modules["harness"]
    commands = {"drew": [sys.executable, "-c", "print('Check-in Swap question')"],
                "part": [sys.executable, "-c", "print('Check-in')"], "quiet": [sys.executable, "-c", "pass"]}
    found = harness.alternate(commands, 1, dict(os.environ), drawn=dict.fromkeys(commands, (b"Check-in", b"Swap")))
    assert "drew" not in found.failed and len(found.times["drew"]) == 1
    assert found.failed["part"] == "quit without drawing 'Swap'" and not found.times["part"]
    assert found.failed["quiet"] == "quit without drawing 'Check-in', 'Swap'" and not found.times["quiet"]


def test_the_first_frame_is_timed_when_what_it_draws_first_arrives(bench_modules):
    """Beside spawn-to-exit, the cold start notes when what a window draws first reaches the terminal."""
    harness = bench_modules["harness"]
    late = "import time, sys; time.sleep(0.3); print('Check-in', flush=True); time.sleep(0.3)"
    run = harness.run_in_pty([sys.executable, "-c", late], dict(os.environ), marker=b"Check-in")
    assert 0.3 <= run.marker_seconds < run.seconds and run.seconds >= 0.6
    quiet = harness.run_in_pty([sys.executable, "-c", "pass"], dict(os.environ), marker=b"Check-in")
    assert quiet.marker_seconds is None
    parts = "import time; print('Check-in', flush=True); time.sleep(0.3); print('Swap', flush=True)"
    whole = harness.run_in_pty([sys.executable, "-c", parts], dict(os.environ), marker=(b"Check-in", b"Swap"))
    assert whole.marker_seconds >= 0.3  # until the last of the words


def test_only_runs_the_measures_named(bench_modules):
    run = bench_modules["run"]
    assert run._names("list, search") == {"list", "search"}
    with pytest.raises(Exception, match="no measure named nope"):
        run._names("list,nope")


def test_the_opens_once_loaded_are_the_screens_the_window_worker_can_open(bench_modules):
    """`measures.LOADED_SCREENS` names each screen `window.py --loaded` opens, with a row each at 100,000."""
    window, measures = bench_modules["window"], bench_modules["measures"]
    assert set(window.LOADED) == set(measures.LOADED_SCREENS)
    assert len(set(measures.LOADED_SCREENS.values())) == len(measures.LOADED_SCREENS)
    assert measures.LOADED_OPEN_MS == 150


def test_stale_cached_journals_are_pruned_and_used_ones_kept(bench_modules, tmp_path):
    gen = bench_modules["generate"]
    journals = tmp_path / "journals"
    now = 1_800_000_000.0
    for name, age in (("journal-10-s7-old", 2 * gen.STALE_AFTER), ("journal-10-s7-used", 60),
                      ("journal-10-s7-new.partial-x", 60), ("journal-10-s7-gone.partial-y", 2 * gen.STALE_AFTER)):
        folder = journals / name
        folder.mkdir(parents=True)
        if "partial" not in name:
            (folder / "meta.json").write_text("{}")
            os.utime(folder / "meta.json", (now - age, now - age))
        os.utime(folder, (now - age, now - age))
    (journals / "notes.txt").write_text("not a journal")

    removed = gen.prune(journals, now)

    assert sorted(removed) == ["journal-10-s7-gone.partial-y", "journal-10-s7-old"]
    assert sorted(path.name for path in journals.iterdir()) == [
        "journal-10-s7-new.partial-x", "journal-10-s7-used", "notes.txt",
    ]


def test_a_cached_journal_is_reused_and_marked_as_used(bench_modules, tmp_path, monkeypatch):
    gen = bench_modules["generate"]
    monkeypatch.setattr(gen, "code_version", lambda: "test")
    path, meta = gen.ensure_journal(tmp_path, TINY, log=lambda message: None)
    assert path.exists() and meta["size"] == TINY and path.parent.name == f"journal-{TINY}-s7-test"
    assert [p.name for p in (tmp_path / "journals").iterdir()] == [path.parent.name]  # no partial left
    os.utime(path.parent / "meta.json", (1, 1))

    again, meta_again = gen.ensure_journal(tmp_path, TINY, log=lambda message: None)

    assert (again, meta_again) == (path, meta)
    assert (path.parent / "meta.json").stat().st_mtime > 1
