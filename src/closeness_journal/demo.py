"""A made-up but realistic journal, the same every time, for the demo, screenshots and benchmarks.

Sixteen weeks (or any number) of someone noticing when they pull away: more quiet evenings and
cancelled plans early on, more small steps later. Every sentence here is invented.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.vocabulary import SABOTAGE_BEHAVIOURS, WITHDRAWAL_BEHAVIOURS

PEOPLE = [
    ("Sam", "partner", 5),
    ("Ana", "friend", 2),
    ("Mum", "family", 1),
    ("Jo", "colleague", 1),
    ("Alex", "date", 1),
]

OPENINGS = [
    "{who} and I had a slow, warm morning together.",
    "{who} asked how I was really doing.",
    "We laughed a lot at dinner, {who} and me.",
    "{who} sent a long message about missing me.",
    "{who} wanted to make plans for the weekend.",
    "{who} reached for my hand on the walk home.",
    "It was an ordinary evening with {who}, nothing special.",
    "{who} told me something personal about their week.",
    "I saw {who} at lunch and they were glad to see me.",
    "{who} said they were proud of me.",
]
PULLING_AWAY = [
    "Almost straight away I wanted to be somewhere else.",
    "I went quiet and said I was just tired.",
    "I kept the conversation on safe things, work and the weather.",
    "I found a reason to leave early.",
    "I didn't answer for most of the day.",
    "I told myself I didn't need anyone's help with it.",
]
PUSHING_AWAY = [
    "I picked at something small until it turned into an argument.",
    "I caught myself checking their phone in my head, looking for proof.",
    "I said something sharp that I didn't really mean.",
    "I started scrolling dating apps, which I know is a way out.",
]
FEELINGS = [
    "My chest went tight and my thoughts went fast.",
    "It felt like too much, too close, all at once.",
    "Part of me was sure they would get bored of me soon.",
    "I felt like I was disappearing into what they wanted.",
    "I noticed the old feeling of needing an exit.",
    "Underneath it I think I was scared of being seen properly.",
]
STEPS = [
    "Stayed in the room for five more minutes instead of leaving.",
    "Told {who} I was feeling wobbly rather than saying I was fine.",
    "Replied to {who} within the hour.",
    "Asked {who} for a hug.",
    "Said out loud that I needed a little space, and that I'd be back.",
    "Kept the plan instead of cancelling it.",
    "Shared one true thing about my day.",
]
REFLECTIONS = [
    "Writing it down, it looks less like a disaster than it felt.",
    "I want to be gentler with myself about this.",
    "Next time I'd like to take a breath before I decide anything.",
    "It's the good moments that seem to set me off, not the bad ones.",
    "I'm noticing it sooner than I used to.",
    "",
]
FILLER = [
    "The rest of the day was busy and I didn't think about it much.",
    "I made tea and sat with it for a while.",
    "Later I went for a walk to clear my head.",
    "I keep coming back to how quickly it happened.",
    "Some of this reminds me of how things were at home growing up.",
    "I don't want to make it bigger than it was, but I don't want to ignore it either.",
]


@dataclass(frozen=True)
class DemoOptions:
    weeks: int = 16
    seed: int = 7
    entries_per_day: float = 0.8
    """Average entries per day (some days none, some two)."""
    long_bodies: bool = False
    """Bodies of 40-400 words (benchmarks) instead of a few sentences."""


def generate(end: date, options: DemoOptions = DemoOptions()) -> Iterator[tuple[Entry, datetime]]:
    """Entries from `options.weeks` weeks before `end` up to `end`, oldest first, each with the
    moment it was written (UTC)."""
    rng = random.Random(options.seed)
    days = options.weeks * 7
    start = end - timedelta(days=days - 1)
    withdrawal = list(WITHDRAWAL_BEHAVIOURS)
    sabotage = list(SABOTAGE_BEHAVIOURS)
    weights = [w for _, _, w in PEOPLE]
    for offset in range(days):
        day = start + timedelta(days=offset)
        progress = offset / max(1, days - 1)  # 0 at the start, 1 at the end: growth over time
        count = _poisson(rng, options.entries_per_day)
        for n in range(count):
            who, relationship, _ = rng.choices(PEOPLE, weights)[0]
            close_before = rng.random() < 0.55
            pulled = rng.random() < (0.6 if close_before else 0.3) * (1 - 0.4 * progress)
            pushed = rng.random() < (0.3 if close_before else 0.15) * (1 - 0.6 * progress)
            behaviours: list[str] = []
            if pulled:
                behaviours += rng.sample(withdrawal, rng.choice([1, 1, 2]))
            if pushed:
                behaviours += rng.sample(sabotage, 1)
            fears = rng.sample(
                ["abandonment", "engulfment", "rejection", "judgement", "being-seen", "loss", "betrayal"],
                rng.choice([1, 1, 2]),
            )
            took_step = rng.random() < 0.25 + 0.45 * progress
            planned = took_step and rng.random() < 0.6
            predicted = rng.randint(5, 9) if planned else None
            outcome = max(0, (predicted or 6) - rng.randint(1, 5)) if planned else None
            sentences = [rng.choice(OPENINGS).format(who=who)]
            if pulled:
                sentences.append(rng.choice(PULLING_AWAY))
            if pushed:
                sentences.append(rng.choice(PUSHING_AWAY))
            sentences.append(rng.choice(FEELINGS))
            if options.long_bodies:
                target = rng.randint(40, 400)
                while sum(len(s.split()) for s in sentences) < target:
                    sentences.append(rng.choice(FILLER + FEELINGS + REFLECTIONS[:-1]))
            sentences.append(rng.choice(REFLECTIONS))
            body = " ".join(s for s in sentences if s)
            checkin = CheckIn(
                who=who,
                relationship=relationship,
                kinds=tuple(rng.sample(["emotional", "physical", "experiential", "intellectual", "spiritual"],
                                       rng.choice([1, 1, 2]))),
                behaviours=tuple(behaviours),
                fears=tuple(fears),
                intensity=min(10, max(0, round(rng.gauss(6 - 2 * progress, 2)))),
                close_before=close_before,
                small_step=rng.choice(STEPS).format(who=who) if took_step else "",
                predicted=predicted,
                outcome=outcome,
            )
            entry = Entry(
                local_date=day,
                body=body,
                checkin=checkin,
                private=rng.random() < 0.08,
                tags=tuple(rng.sample(["evening", "work", "weekend", "home", "text"], rng.choice([0, 0, 1]))),
            )
            written = datetime.combine(day, time(min(23, 19 + n), rng.randint(0, 59)), tzinfo=timezone.utc)
            yield entry, written


def _poisson(rng: random.Random, mean: float) -> int:
    """A small count with the given mean (0, 1, 2 entries a day, occasionally 3)."""
    count, threshold, product = 0, math.exp(-mean), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def fill(journal, end: date, options: DemoOptions = DemoOptions()) -> int:
    """Write the generated entries into `journal` through the store. Returns how many."""
    return journal.add_many(generate(end, options))
