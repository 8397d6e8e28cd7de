"""The demo journal's ladder: a dozen steps the person wants to be able to take, from replying
within the hour to letting Sam read something they wrote, added on the first day; one is retired
the evening after it was last tried, once it had become easy. An entry whose small step is one
of a rung's steps tries that rung, so its expected and real difficulty are the rung's tries, and
they come down over the weeks as the expected difficulty of every step does. A weekly review
whose next step is one of a rung's steps chose that rung for the week after.

Everything here follows from the entries `demo.generate` makes: the same journal every time.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import Rung
from closeness_journal.core.review import SavedReview
from closeness_journal.demo_writing import STEPS

PEOPLE = ("Sam", "Ana", "Mum", "Jo", "Alex")
_NAMESPACE = uuid.UUID("6f1c2b9e-4d3a-4c1e-9a57-1d0c5e7b8a21")


@dataclass(frozen=True)
class DemoRung:
    text: str
    hard: int
    """How hard it feels at the end of the demo, 0-100."""
    who: str
    steps: tuple[str, ...]
    """The plans (as in `demo_writing.STEPS`, `{who}` unfilled) that take this step."""
    retired: bool = False
    """Retired the evening after it was last tried (it had become easy)."""


LADDER = (
    DemoRung("Reply within the hour, even if it's one line", 10, "",
             ("Reply to {who} within the hour, even if it's one line.",), retired=True),
    DemoRung("Take three slow breaths before deciding to leave", 15, "",
             ("Take three slow breaths before deciding to leave a conversation with {who}.",)),
    DemoRung("Stay a little longer than I want to", 20, "", (
        "Stay five more minutes with {who} when I want to go.",
        "Stay on the phone with Mum a bit longer than I want to.",
        "Stay on the sofa with Sam until the end of the film.",
    )),
    DemoRung("Say 'I need a minute' instead of walking out", 25, "",
             ("Say 'I need a minute' to {who} instead of walking out.",)),
    DemoRung("Tell Sam one true thing about my day", 30, "Sam", (
        "Tell Sam one true thing about my day at dinner.",
        "Answer Sam's 'how are you' with more than 'fine'.",
    )),
    DemoRung("Let someone help, and just say thank you", 35, "", (
        "Let Mum help with something, and say thank you.",
        "Say thank you when Sam says something kind, and nothing else.",
        "Ask Jo for help with the report before I'm drowning.",
    )),
    DemoRung("Tell Mum something real when she rings", 40, "Mum",
             ("Tell Mum something real when she rings, not the news bulletin.",)),
    DemoRung("Say when I'm nervous, out loud", 45, "", (
        "Tell Jo I'm nervous about the presentation.",
        "Tell Alex something about me that isn't a funny story.",
    )),
    DemoRung("Tell Ana I've been struggling", 50, "Ana", ("Tell Ana I've been struggling a bit.",)),
    DemoRung("Ask Sam for a hug when I want one", 60, "Sam",
             ("Ask Sam for a hug when I want one, instead of waiting.",)),
    DemoRung("Tell Sam when I need an evening to myself, instead of going quiet", 65, "Sam",
             ("Tell Sam when I need an evening to myself, instead of just going quiet.",)),
    DemoRung("Let Sam read something I've written", 80, "Sam", ("Let Sam read something I've written.",)),
)


def _id(step: DemoRung) -> str:
    return str(uuid.uuid5(_NAMESPACE, step.text))


def rungs(start: date, entries: Iterable[Entry] = ()) -> list[Rung]:
    """The ladder's rungs as saved: added on the first evening, each id the same every time; a
    rung to retire is retired the evening after the last of `entries` that tried it."""
    last = {entry.checkin.rung: entry.local_date for entry in entries if entry.checkin.rung}
    made = []
    for n, step in enumerate(LADDER):
        added = datetime.combine(start, time(21, n), tzinfo=UTC)
        retired = None
        if step.retired and _id(step) in last:
            retired = datetime.combine(last[_id(step)] + timedelta(days=1), time(21, 30), tzinfo=UTC)
        made.append(Rung(step.text, step.hard, step.who, id=_id(step), created_at=added,
                         updated_at=retired or added, retired_at=retired))
    return made


def _by_words(field: str) -> dict[str, str]:
    """A step's words (what was done, or what was planned) for each person -> the rung's id."""
    plans = {step.plan: step for step in STEPS}
    found = {}
    for rung in LADDER:
        for plan in rung.steps:
            words = getattr(plans[plan], field)
            for who in PEOPLE:
                found.setdefault(words.format(who=who), _id(rung))
    return found


def tried(entries: Iterable[tuple[Entry, datetime]]) -> Iterator[tuple[Entry, datetime]]:
    """The entries, each whose small step is one of a rung's steps trying that rung."""
    done = _by_words("done")
    for entry, written in entries:
        rung = done.get(entry.checkin.small_step)
        yield (replace(entry, checkin=replace(entry.checkin, rung=rung)) if rung else entry), written


def chosen(reviews: Iterable[tuple[SavedReview, datetime]]) -> list[tuple[SavedReview, datetime]]:
    """The weekly reviews, each whose next step is one of a rung's steps choosing that rung."""
    planned = _by_words("plan")
    return [(replace(review, next_rung=planned.get(review.next_step)), saved) for review, saved in reviews]


def fill(journal: Any, start: date, entries: Iterable[tuple[Entry, datetime]],
         reviews: Callable[[], list[tuple[SavedReview, datetime]]]) -> int:
    """Write the ladder, the entries (trying its rungs) and then the reviews (choosing them; they
    are made once the entries are) into `journal`. Returns how many entries."""
    written = list(tried(entries))
    journal.add_rungs(rungs(start, [entry for entry, _ in written]))
    count = journal.add_many(written)
    for review, saved_at in chosen(reviews()):
        journal.save_review(review, now=saved_at)
    return count
