"""Deterministic, realistic journals of any size for the benchmarks, written through the store.

Built on `closeness_journal.demo.generate` with long entries (40-400 words: answers to the day's
shipped prompts and free writing) and every check-in field, spread over ten years; on top of that:
a few rare words (so a search can look for something uncommon), edits through `Journal.update` (2%
of entries, so revisions exist), a few entries moved to the trash, and a weekly review for every
week.

The same size and seed always give the same journal. Journals are cached by size, seed and a
hash of the code that shapes them (`ensure_journal`), so repeated runs don't regenerate.

    python benchmarks/generate.py --size 3650 --out DIR     # writes DIR/journal.db
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import closeness_journal
from closeness_journal import paths
from closeness_journal.core.dates import iso_week_label
from closeness_journal.core.review import SavedReview
from closeness_journal.demo import FEELINGS, FILLER, REFLECTIONS, DemoOptions, generate
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal

END = date(2026, 6, 30)
"""The last day of every generated journal (fixed, so journals are the same on any day)."""
YEARS = 10
WEEKS = -(-YEARS * 365 // 7)  # 522 weeks: ten years and a few days
EDITED = 0.02
"""Share of entries edited once (through `Journal.update`, which keeps a revision)."""
DELETED = 0.002
"""Share of entries moved to the trash."""
RARE_EVERY = 1000
"""About one entry in this many mentions something rare (for the rare-word search)."""
RARE_WORD = "lighthouse"
COMMON_WORD = "chest"
RARE_SENTENCES = [
    "We walked out to the old lighthouse and neither of us said much, which was fine.",
    "I kept thinking about the lighthouse we saw years ago, and how far away it felt.",
]
EDIT_ADDITIONS = [
    "Reading this again a few days later, I think I was harder on myself than I needed to be.",
    "Adding this later: we talked about it and it went better than I feared.",
    "Later: I told them what I had written here, or most of it.",
]
SOURCE_FILES = [
    "demo.py", "demo_texts.py", "demo_writing.py", "demo_story.py", "store", "core/entries.py", "core/checkin.py",
    "core/review.py", "core/prompts.py",
]
"""Package code that shapes a journal (a folder means each .py file in it; a missing one is skipped)."""


@dataclass
class Generated:
    path: Path
    size: int
    seed: int
    seconds: float
    edited: int = 0
    deleted: int = 0
    reviews: int = 0


def code_version() -> str:
    """A short hash of this file and the package code that shapes a generated journal."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    package = Path(closeness_journal.__file__).parent
    for name in SOURCE_FILES:
        source = package / name
        for file in sorted(source.rglob("*.py")) if source.is_dir() else [source]:
            digest.update(str(file.relative_to(package)).encode())
            digest.update(file.read_bytes() if file.exists() else b"-")
    return digest.hexdigest()[:12]


def options_for(size: int, seed: int) -> DemoOptions:
    """Ten years, with a few percent more entries per day than needed; `entries` keeps the newest."""
    days = WEEKS * 7
    return DemoOptions(weeks=WEEKS, seed=seed, entries_per_day=size / days * 1.04 + 0.02, long_bodies=True)


def entries(size: int, seed: int = 7):
    """Exactly `size` (entry, written-at) pairs, oldest first, ending on `END`."""
    library = load_prompts(folders=shipped_prompt_folders()).library
    rng = random.Random(seed * 7919 + 1)
    newest: deque = deque(maxlen=size)
    newest.extend(generate(END, options_for(size, seed), library=library))
    if len(newest) < size:
        raise RuntimeError(f"the generator made only {len(newest)} entries, fewer than {size}")
    for entry, written in newest:
        if rng.randrange(RARE_EVERY) == 0:
            entry = replace(entry, body=f"{entry.body} {rng.choice(RARE_SENTENCES)}".strip())
        yield entry, written


def build(folder: Path, size: int, seed: int = 7) -> Generated:
    """Write a new journal of exactly `size` entries into `folder/journal.db`."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "journal.db"
    if path.exists():
        raise FileExistsError(path)
    journal = Journal.open(path)
    result = Generated(path=path, size=size, seed=seed, seconds=0.0)
    try:
        written = journal.add_many(entries(size, seed))
        assert written == size, (written, size)
        rng = random.Random(seed * 104729 + 3)
        ids = [row[0] for row in journal.db.execute("SELECT uuid FROM entries ORDER BY id")]
        chosen = rng.sample(ids, round(size * (EDITED + DELETED)))
        n_edit = round(size * EDITED)
        edit_ids, delete_ids = chosen[:n_edit], chosen[n_edit:]
        conn = journal.db.conn
        conn.execute("BEGIN IMMEDIATE")  # the store's writes nest as savepoints: one fsync, not thousands
        try:
            for entry_id in edit_ids:
                entry = journal.get(entry_id)
                changed = replace(
                    entry,
                    body=entry.body + "\n\n" + rng.choice(EDIT_ADDITIONS),
                    checkin=replace(entry.checkin, intensity=None if entry.checkin.intensity is None
                                    else max(0, entry.checkin.intensity - 1)),
                )
                journal.update(changed, now=entry.updated_at + timedelta(days=rng.randint(1, 20)))
                result.edited += 1
            for entry_id in delete_ids:
                entry = journal.get(entry_id)
                journal.delete(entry_id, now=entry.updated_at + timedelta(days=rng.randint(1, 30)))
                result.deleted += 1
            result.reviews = _add_reviews(journal, rng)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    finally:
        journal.close()
    result.seconds = time.perf_counter() - started
    return result


def _add_reviews(journal: Journal, rng: random.Random) -> int:
    """One weekly review for each week of the journal."""
    library = load_prompts(folders=shipped_prompt_folders()).library
    questions = sorted((p for p in library.prompts.values() if p.theme == "weekly-review"), key=lambda p: p.id)
    first = journal.first_entry_date() or END
    monday = first - timedelta(days=first.weekday())
    count = 0
    while monday + timedelta(days=6) <= END:
        answered = [q for q in questions if rng.random() < 0.8] or questions[:1]
        answers = {q.id: _review_answer(rng) for q in answered}
        review = SavedReview(
            week=iso_week_label(monday),
            answers=answers,
            questions={q.id: q.text for q in answered},
            next_step=rng.choice(["Reply within the hour.", "Keep one plan.", "Ask for a hug.", ""]),
        )
        saved_at = datetime.combine(monday + timedelta(days=7), clock(10, rng.randint(0, 59)), tzinfo=UTC)
        journal.save_review(review, now=saved_at)
        count += 1
        monday += timedelta(days=7)
    return count


def _review_answer(rng: random.Random) -> str:
    pool = FILLER + FEELINGS + [r for r in REFLECTIONS if r]
    return " ".join(rng.choice(pool) for _ in range(rng.randint(1, 5)))


def shipped_prompt_folders() -> list[Path]:
    """Only the shipped prompts: the person's own prompt files must not change the journal."""
    return paths.bundled_prompts_dirs()[:1]


STALE_AFTER = 24 * 3600
"""Seconds: a cached journal of another code version (or a generation that never finished) not
used for this long is deleted when a journal is generated (each set of the full run is about
500 MB, and every change to the store makes a new set)."""


def ensure_journal(work: Path, size: int, seed: int = 7, log=print) -> tuple[Path, dict]:
    """The cached journal for (size, seed, code version) under `work`, generating it if needed.
    Returns the journal file and what is known about it. A reused journal is marked as used
    (its meta.json touched); generating one first deletes stale ones (`prune`). Two runs that
    generate the same journal at once each build their own and the first to finish is kept."""
    key = f"journal-{size}-s{seed}-{code_version()}"
    folder = work / "journals" / key
    meta_file = folder / "meta.json"
    if meta_file.exists() and (folder / "journal.db").exists():
        os.utime(meta_file)
        return folder / "journal.db", json.loads(meta_file.read_text())
    folder.parent.mkdir(parents=True, exist_ok=True)
    prune(folder.parent, time.time())
    if folder.exists():  # a set without its meta.json or its journal: never finished
        shutil.rmtree(folder)
    building = Path(tempfile.mkdtemp(prefix=key + ".partial-", dir=folder.parent))
    log(f"  generating {size:,} entries (seed {seed}) …")
    result = build(building, size, seed)
    meta = {
        "size": size,
        "seed": seed,
        "code_version": code_version(),
        "end": END.isoformat(),
        "generated_seconds": round(result.seconds, 2),
        "edited": result.edited,
        "deleted": result.deleted,
        "reviews": result.reviews,
        "bytes": result.path.stat().st_size,
    }
    (building / "meta.json").write_text(json.dumps(meta, indent=2))
    try:
        building.rename(folder)
    except OSError:  # another run made the same journal meanwhile: the same bytes, keep theirs
        shutil.rmtree(building, ignore_errors=True)
    log(f"  generated {size:,} entries in {result.seconds:.1f} s ({meta['bytes'] / 1e6:.0f} MB)")
    return folder / "journal.db", json.loads(meta_file.read_text())


def prune(journals: Path, now: float, stale_after: float = STALE_AFTER) -> list[str]:
    """Delete the cached journals under `journals` (`journal-…` folders, finished or not) last used
    more than `stale_after` seconds before `now`; returns their names. The current code version's
    journals are used on every run, so only other versions' (and abandoned generations) go."""
    removed = []
    for folder in sorted(journals.glob("journal-*")) if journals.is_dir() else []:
        meta = folder / "meta.json"
        used = (meta if meta.exists() else folder).stat().st_mtime
        if now - used > stale_after:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic benchmark journal.")
    parser.add_argument("--size", type=int, required=True, help="exactly this many entries")
    parser.add_argument("--seed", type=int, default=7)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="folder for journal.db (must not hold one)")
    where.add_argument("--work", type=Path,
                       help="the cache folder: reuse the journal there, or generate it (prints JSON)")
    args = parser.parse_args(argv)
    if args.work:
        path, meta = ensure_journal(args.work, args.size, args.seed,
                                    log=lambda m: print(m, file=sys.stderr, flush=True))
        print(json.dumps({"path": str(path), "meta": meta}))
        return 0
    result = build(args.out, args.size, args.seed)
    print(
        f"{result.path}: {result.size:,} entries, {result.edited} edited, {result.deleted} in the trash, "
        f"{result.reviews} weekly reviews, {result.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
