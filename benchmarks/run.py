"""Benchmarks for closeness-journal: start-up, History, search, patterns, saving, export, memory.

    python benchmarks/run.py            # the full run, by hand: about 3 minutes
    python benchmarks/run.py --quick    # a smoke test for CI: about 15 seconds
    python benchmarks/run.py --only window,list   # some of the measures (names as in the table)

Run it with the project's interpreter (`.venv/bin/python benchmarks/run.py`). It prints a table
(median and worst of several runs, the target, whether it was met) and writes the same as JSON to
benchmarks/results/<timestamp>.json and benchmarks/results/latest.json, with machine details.
Generated journals are cached under --work DIR (default: a folder in the system temp dir).
The exit status is 0 whatever the timings; 1 only if a measure crashed.

The parts: harness.py (plan, work folders, timing, child processes), measures.py (what is
measured, and the registry of measures), window.py (the app, in a process of its own), report.py
(the table and the JSON file), generate.py (the journals).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import generate as gen
import harness
import report
from measures import MEASURES, compile_package


def _names(text: str) -> set[str]:
    names = {name.strip() for name in text.split(",") if name.strip()}
    unknown = names - {m.name for m in MEASURES}
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"no measure named {', '.join(sorted(unknown)) or 'at all'}; "
                                         f"the measures: {', '.join(m.name for m in MEASURES)}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="\n\n".join(__doc__.split("\n\n")[:2]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small journals, few repeats: a smoke test for CI")
    parser.add_argument("--work", type=Path, help="cache generated journals here (default: a folder in the temp dir)")
    parser.add_argument("--seed", type=int, default=7, help="another seed, another journal (default: 7)")
    parser.add_argument("--only", type=_names, help="run only these measures, comma-separated: "
                        + ", ".join(m.name for m in MEASURES))
    parser.add_argument("--results", type=Path, default=harness.HERE / "results", help="where the JSON goes")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    started_at = datetime.now(UTC)
    plan = harness.plan_for(args.quick)
    mode = "quick" if plan.quick else "full"
    work = args.work or Path(tempfile.gettempdir()) / "closeness-journal-bench"
    bench = harness.start(plan, work)
    results = bench.results
    harness.log(f"closeness-journal benchmarks ({mode}), journals cached in {work}")
    try:
        harness.make_journals(bench, work, args.seed)
        compile_package()  # once, before any process is timed (the window's rows ran without it)
        for measure in [m for m in MEASURES if args.only is None or m.name in args.only]:
            harness.log(f"{measure.name} …")
            with results.guard(measure.name, None):
                measure.run(bench)
    except Exception as error:  # noqa: BLE001 - report what was measured, then fail
        results.error("benchmark run", None, error)
    finally:
        harness.finish(bench)
    rows = report.in_table_order(results.rows)
    duration = time.perf_counter() - began
    report.print_report(rows, mode, plan.sizes, duration, bench.journals)
    latest = report.write_json(args.results, started_at, duration, mode, asdict(plan),
                               report.machine_info(gen.code_version()), bench.journals, rows)
    print(f"\nJSON: {latest}")
    return 1 if results.crashed else 0


if __name__ == "__main__":
    sys.exit(main())
