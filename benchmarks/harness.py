"""How the benchmarks run: the plan, the work folders and journals, timing, and child processes.

Nothing here knows what is measured (that is `measures.py`) or how it is shown (`report.py`).
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report import Results

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TERM_SIZE = (100, 30)  # columns, rows
READY_ENV = "CLOSENESS_JOURNAL_EXIT_WHEN_READY"
RSS_FILE_ENV = "CLOSENESS_JOURNAL_BENCH_RSS_FILE"
TIMEOUT = 180.0
"""Seconds any one child process may take (the window's worker gets three times this)."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the plan


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


# --------------------------------------------------------------------------- work folders and journals


@dataclass
class Bench:
    """One run: its plan, the environment of every child process, where things are, the rows so far."""

    plan: Plan
    env: dict[str, str]
    scratch_root: Path
    """Deleted at the end of the run: private journal copies, exports, the RSS hook."""
    journals: dict[int, tuple[Path, dict]] = field(default_factory=dict)
    """The cached generated journal by size (never written to) and what is known about it."""
    scratch: dict[int, Path] = field(default_factory=dict)
    """A private copy of the journal for each of `plan.sizes` (a folder holding journal.db)."""
    results: Results = field(default_factory=Results)


def start(plan: Plan, work: Path) -> Bench:
    """A scratch folder under `work` and an environment with no personal prompt files or data dir."""
    work.mkdir(parents=True, exist_ok=True)
    scratch_root = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    config_dir = scratch_root / "config"  # no personal prompt files in the measured app
    config_dir.mkdir()
    env = dict(os.environ, CLOSENESS_JOURNAL_CONFIG_DIR=str(config_dir))
    env.pop("CLOSENESS_JOURNAL_DIR", None)
    env.pop(READY_ENV, None)
    return Bench(plan, env, scratch_root)


def make_journals(bench: Bench, work: Path, seed: int) -> None:
    """Generate (or reuse from `work`) every journal the plan needs, then copy those the run writes to."""
    plan = bench.plan
    for size in sorted(set(plan.sizes) | set(plan.export_sizes)):
        # in a child process, so this one stays small while it spawns the measured ones
        made = subprocess.run([sys.executable, str(HERE / "generate.py"), "--work", str(work), "--size", str(size),
                               "--seed", str(seed)], env=bench.env, stdout=subprocess.PIPE, text=True, check=True)
        found = json.loads(made.stdout.strip().splitlines()[-1])
        bench.journals[size] = (Path(found["path"]), found["meta"])
    for size in plan.sizes:  # a private copy per run: the app and the saves write to it
        folder = bench.scratch_root / f"journal-{size}"
        folder.mkdir(mode=0o700)
        shutil.copy2(bench.journals[size][0], folder / "journal.db")
        bench.scratch[size] = folder


def finish(bench: Bench) -> None:
    shutil.rmtree(bench.scratch_root, ignore_errors=True)


# --------------------------------------------------------------------------- timing and child processes


def timed(function: Callable[[], Any], repeats: int) -> list[float]:
    """`function` called `repeats` times; each call's time in ms."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "closeness-journal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "closeness_journal"]


def cli(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess:
    """`closeness-journal ARGS` as a whole process, output captured."""
    return subprocess.run([*console_script(), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT,
                          **kwargs)


def run_worker(script: str, args: list[str], result_file: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run `benchmarks/SCRIPT ARGS --result FILE` in a fresh process and return the JSON it wrote there."""
    command = [sys.executable, str(HERE / script), *args, "--result", str(result_file)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT * 3)
    if done.returncode != 0 or not result_file.exists():
        raise RuntimeError((done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1])
    try:
        return json.loads(result_file.read_text())
    finally:
        result_file.unlink()


# --------------------------------------------------------------------------- whole processes in a pty


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
    marker_seconds: float | None = None
    """Spawn until the marker first reached the terminal (`run_in_pty`'s `marker`)."""


def run_in_pty(
    command: list[str], env: dict[str, str], timeout: float = TIMEOUT, marker: bytes | tuple[bytes, ...] | None = None
) -> PtyRun:
    """Run `command` on a new pseudo-terminal of TERM_SIZE; time from spawn to exit, and read the child's
    peak RSS from the RSS hook's file if `env` names one (else wait4()). The output is drained as it
    comes so the child never blocks. With `marker` (bytes, or several: each of them), also the time until
    those bytes first reached the terminal (the first frame that holds them: with one, it may be a part
    of the screen, drawn first; words from each part of the screen time the whole of it)."""
    markers = (marker,) if isinstance(marker, bytes) else tuple(marker or ())
    master, slave = os.openpty()
    cols, rows = TERM_SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    output = bytearray()
    seen: float | None = None
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
            if markers and seen is None and all(each in output for each in markers):
                seen = time.perf_counter() - started
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
    return PtyRun(ended - started, peak, process.returncode, bytes(output), seen)


@dataclass
class Alternated:
    """What `alternate` measured: ms and peak RSS (MB) for each command, and why any failed."""

    times: dict[str, list[float]]
    rss: dict[str, list[float]]
    failed: dict[str, str]
    drawn_at: dict[str, list[float]] = field(default_factory=dict)
    """ms from spawn until what the command draws (`drawn`) first reached the terminal."""

    def median(self, key: str) -> float | None:
        return statistics.median(self.times[key]) if self.times[key] else None


def alternate(commands: dict[str, list[str]], repeats: int, env: dict[str, str], label: str = "round",
              drawn: dict[str, tuple[bytes, ...]] | None = None) -> Alternated:
    """Each command run `repeats` + 1 times in a pty, in rounds (one of each per round, so a slow moment of
    the machine touches them all alike); the first round only warms the page cache and .pyc files.
    A command that fails once is not run again. `drawn`: words a command's output must hold (what it
    draws, in every part of the screen), so a window that quits before drawing counts as failed, not as
    fast; the first frame is timed until all of them have reached the terminal."""
    found = Alternated({key: [] for key in commands}, {key: [] for key in commands}, {})
    for repeat in range(repeats + 1):
        for key, command in commands.items():
            if key in found.failed:
                continue
            try:
                run = run_in_pty(command, env, marker=(drawn or {}).get(key))
            except Exception as error:  # noqa: BLE001
                found.failed[key] = f"{type(error).__name__}: {error}"
                continue
            if run.returncode != 0:
                tail = run.output.decode(errors="replace").strip().splitlines()[-3:]
                found.failed[key] = f"exit {run.returncode}: {' | '.join(tail)[-200:]}"
                continue
            missing = [words.decode() for words in (drawn or {}).get(key, ()) if words not in run.output]
            if missing:
                found.failed[key] = f"quit without drawing {', '.join(map(repr, missing))}"
                continue
            if repeat:
                found.times[key].append(run.seconds * 1000)
                found.rss[key].append(run.max_rss_mb)
                if run.marker_seconds is not None:
                    found.drawn_at.setdefault(key, []).append(run.marker_seconds * 1000)
        log(f"  {label} {repeat}/{repeats}")
    return found
