"""Today's rules, apart from the screen: the sitting's places to write, its draft, and the notes it gives.

A sitting is what one Today window holds: the day's prompts plus free writing (its slots), what
was typed in each, which one is shown, and the day it will be saved for. Every unsaved sitting is
kept as a draft under its window's own key; a window that opens gathers the drafts that closed
windows left behind (never one a window still open holds) and merges them into its sitting.

Nothing here touches the journal, the terminal or other processes: the screen reads those and
passes what it found in (the drafts, this window, whether a process is alive, today's date).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from closeness_journal.core.checkin import CheckInFields
from closeness_journal.core.dates import iso_week_label, last_complete_week
from closeness_journal.core.entries import Answer, Entry, EntryFilter
from closeness_journal.core.prompts import DailyPrompts, Prompt, PromptLibrary
from closeness_journal.core.text import printable
from closeness_journal.core.wording import plural

FREE_WRITING = "free"
"""The slot key of free writing (the other slots are keyed by their prompt's id)."""


@dataclass(frozen=True)
class Slot:
    """One place to write: a prompt, or free writing (prompt is None)."""

    key: str
    prompt: Prompt | None


def slots_for(daily: DailyPrompts) -> list[Slot]:
    """The day's prompts in order, then free writing."""
    return [Slot(p.id, p) for p in daily.all] + [Slot(FREE_WRITING, None)]


def _join(first: str, then: str) -> str:
    """Two texts for the same place, a blank line between, neither lost."""
    return (first + "\n\n" + then).strip()


# ---------------------------------------------------------------------- drafts


@dataclass(frozen=True)
class Window:
    """A journal window: its process and the machine it runs on."""

    pid: int
    host: str


@dataclass(frozen=True)
class Draft:
    """A sitting's unsaved work, as kept in the journal between windows."""

    day: date
    """The day the writing is for."""
    answers: dict[str, str]
    """Slot key -> the text typed there (blank answers are not kept)."""
    current: str | None = None
    """The slot that was shown."""
    checkin: CheckInFields = CheckInFields()
    """The check-in as it was filled in (with the tags and the private mark)."""
    window: Window | None = None
    """The window that holds it, while that window is open."""

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "answers": {key: text for key, text in self.answers.items() if text.strip()},
            "current": self.current,
            "checkin": self.checkin.to_json(),
            "pid": self.window.pid if self.window else None,
            "host": self.window.host if self.window else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], today: date) -> Draft:
        """Read a saved draft, forgiving what is missing or damaged (a draft without a day is today's).
        Answers come back without control characters."""
        try:
            day = date.fromisoformat(data["day"])
        except (KeyError, TypeError, ValueError):
            day = today
        answers = data.get("answers")
        current, checkin = data.get("current"), data.get("checkin")
        pid, host = data.get("pid"), data.get("host")
        return cls(
            day=day,
            answers={
                key: printable(text) for key, text in (answers.items() if isinstance(answers, dict) else ())
                if isinstance(key, str) and isinstance(text, str)
            },
            current=current if isinstance(current, str) else None,
            checkin=CheckInFields.forgiving(checkin),
            window=Window(pid, host) if type(pid) is int and isinstance(host, str) else None,
        )


def held_elsewhere(owner: Window | None, here: Window, alive: Callable[[int], bool]) -> bool:
    """True when `owner` is another window still open on this machine: what it holds is its own.

    No owner (a draft of the first versions), another machine, this very process, or a process
    that has ended: what it held was left behind. `alive` answers whether a process of this
    machine is still running."""
    if owner is None or owner.host != here.host or owner.pid == here.pid:
        return False
    return alive(owner.pid)


def still_open(owner: Window | None, here: Window, alive: Callable[[int], bool]) -> bool:
    """True when `owner` is a window open on this machine, this one included (what it holds must
    stay while it is open, even when what it edits is deleted for good)."""
    return owner is not None and owner.host == here.host and (owner.pid == here.pid or alive(owner.pid))


def open_elsewhere(draft: Draft, here: Window, alive: Callable[[int], bool]) -> bool:
    """True when the draft belongs to another window still open on this machine: it is that window's
    (see `held_elsewhere`)."""
    return held_elsewhere(draft.window, here, alive)


def left_behind(
    drafts: Iterable[tuple[str, Draft]], here: Window, alive: Callable[[int], bool]
) -> list[tuple[str, Draft]]:
    """The (key, draft) pairs no open window holds, in the order given (oldest first)."""
    return [(key, draft) for key, draft in drafts if not open_elsewhere(draft, here, alive)]


def merge_drafts(drafts: Sequence[Draft]) -> Draft:
    """Several windows' drafts (oldest first) as one. Nothing typed is lost: answers for the same
    place are joined, oldest first, with a blank line between. The latest draft's place and check-in
    win, and the earliest day is kept (writing from an earlier day is saved for that day)."""
    if not drafts:
        raise ValueError("no drafts to merge")
    answers: dict[str, str] = {}
    for draft in drafts:
        for key, text in draft.answers.items():
            answers[key] = _join(answers.get(key, ""), text)
    latest = drafts[-1]
    return Draft(
        day=min(draft.day for draft in drafts),
        answers=answers,
        current=latest.current,
        checkin=latest.checkin,
        window=latest.window,
    )


# ---------------------------------------------------------------------- the sitting


@dataclass
class Sitting:
    """What one Today window holds. Start one with `Sitting.start(daily_prompts(...))`."""

    daily: DailyPrompts
    """Today's prompts (after any swaps)."""
    slots: list[Slot]
    answers: dict[str, str]
    """Slot key -> what was typed there."""
    current: int
    """The index of the slot shown."""
    day: date
    """The day entries are saved for: today, or the day of a restored draft."""

    @classmethod
    def start(cls, daily: DailyPrompts) -> Sitting:
        return cls(daily=daily, slots=slots_for(daily), answers={}, current=0, day=daily.day)

    @property
    def today(self) -> date:
        return self.daily.day

    @property
    def slot(self) -> Slot:
        return self.slots[self.current]

    @property
    def text(self) -> str:
        """What was typed in the slot shown."""
        return self.answers.get(self.slot.key, "")

    def write(self, text: str) -> None:
        self.answers[self.slot.key] = text

    def move(self, step: int) -> None:
        """Show the next (1) or previous (-1) slot, going round."""
        self.current = (self.current + step) % len(self.slots)

    def unsaved_answers(self) -> int:
        """How many places hold words not saved yet."""
        return sum(1 for text in self.answers.values() if text.strip())

    def has_unsaved_work(self, checkin_empty: bool) -> bool:
        return bool(self.unsaved_answers()) or not checkin_empty

    # -------------------------------------------------------------- saving

    def entry(self, checkin: CheckInFields) -> Entry:
        """The whole sitting as one entry: an answer for each prompt written under (in the order
        the prompts are shown, each with its text as shown), the free writing, and the check-in."""
        answers = tuple(
            Answer(slot.prompt.id, slot.prompt.text, text)
            for slot in self.slots
            if slot.prompt is not None and (text := self.answers.get(slot.key, "")).strip()
        )
        return Entry(local_date=self.day, body=self.answers.get(FREE_WRITING, ""), answers=answers).with_fields(checkin)

    def saved(self) -> None:
        """The sitting was saved: every place to write is empty again, the first prompt is shown,
        and the next sitting is for today."""
        self.answers = {}
        self.current = 0
        self.day = self.today

    # -------------------------------------------------------------- drafts

    def draft(self, checkin: CheckInFields, window: Window | None = None) -> Draft:
        return Draft(
            day=self.day,
            answers={key: text for key, text in self.answers.items() if text.strip()},
            current=self.slot.key,
            checkin=checkin,
            window=window,
        )

    def restore(self, draft: Draft, find_prompt: Callable[[str], Prompt | None]) -> None:
        """Take a (merged) draft's words into this new sitting.

        An answer to a prompt today doesn't show gets its own slot, before free writing, while the
        prompt exists (`find_prompt` looks it up by id); the answer to a prompt that is gone (a
        removed prompt file) is kept as free writing. A draft from an earlier day keeps its day."""
        answers = dict(draft.answers)
        known = {slot.key for slot in self.slots}
        for key in list(answers):
            if key in known:
                continue
            prompt = find_prompt(key)
            if prompt is not None:
                self.slots.insert(len(self.slots) - 1, Slot(key, prompt))
            else:
                answers[FREE_WRITING] = _join(answers.get(FREE_WRITING, ""), answers.pop(key))
        self.answers = answers
        keys = [slot.key for slot in self.slots]
        self.current = keys.index(draft.current) if draft.current in keys else 0
        self.day = min(draft.day, self.today)

    # -------------------------------------------------------------- swapping a prompt

    def can_swap(self) -> bool:
        """True when the place shown holds one of the day's prompts (not free writing, nor a
        prompt kept from an earlier swap or a draft)."""
        return any(prompt.id == self.slot.key for prompt in self.daily.all)

    def swap(self, library: PromptLibrary, key: str | None = None) -> bool:
        """Swap the day's prompt in place `key` (default: the place shown) for another of its kind
        (`daily.shuffle` and `daily.swaps` count the swaps, to be kept in the settings). The new
        prompt takes the old one's place and is shown; the old one stays, before free writing,
        if anything was typed for it. False when nothing changed."""
        key = self.slot.key if key is None else key
        before = self.daily.all
        place = next((i for i, prompt in enumerate(before) if prompt.id == key), None)
        swapped = self.daily.swapped(library, key)
        if place is None or swapped is None:
            return False
        self.daily = swapped
        old, new = before[place], swapped.all[place]
        if new.id == old.id:
            return False
        # A prompt kept from an earlier swap (or a draft) that comes round again moves to the new place.
        self.slots = [slot for slot in self.slots if slot.key != new.id]
        index = next(i for i, slot in enumerate(self.slots) if slot.key == old.id)
        self.slots[index] = Slot(new.id, new)
        if self.answers.get(old.id, "").strip():
            self.slots.insert(len(self.slots) - 1, Slot(old.id, old))  # keep what was written
        self.current = index
        return True

    def reshuffle(self, library: PromptLibrary) -> bool:
        """Swap the deeper prompt for another (see `swap`)."""
        return self.daily.deeper is not None and self.swap(library, self.daily.deeper.id)


# ---------------------------------------------------------------------- notes


def sitting_words(entry: Entry) -> str:
    """What a saved sitting held, in words: "3 answers, your free writing and the check-in"."""
    parts = [plural(len(entry.answers), "answer", "answers")] if entry.answers else []
    if entry.body.strip():
        parts.append("your free writing")
    if not entry.checkin.is_empty():
        parts.append("the check-in")
    return " and ".join(filter(None, [", ".join(parts[:-1]), parts[-1]])) if parts else ""


def saved_notice(count: int, day: date, today: date, holding: str = "") -> str:
    """What Today says after a sitting is saved as one entry (`holding` says what it held, in
    `sitting_words`): `count` entries are now kept for `day`."""
    when = "today" if day == today else "that day"
    saved = f"Saved as one entry: {holding}." if holding else "Saved."
    return f"{saved} That's {plural(count, 'entry', 'entries')} {when}. Thank you for noticing."


@dataclass(frozen=True)
class LastWeek:
    """The most recent week that has fully ended, as the review offer sees it."""

    monday: date

    @classmethod
    def before(cls, today: date) -> LastWeek:
        return cls(last_complete_week(today))

    @property
    def label(self) -> str:
        """`2026-W46`: the key of its saved review."""
        return iso_week_label(self.monday)

    @property
    def entries(self) -> EntryFilter:
        return EntryFilter(since=self.monday, until=self.monday + timedelta(days=6))

    @property
    def offered_setting(self) -> str:
        """The setting that remembers the review was offered (it is offered once)."""
        return f"review-offered:{self.label}"


def offer_review(*, offered: bool, reviewed: bool, entries: int) -> bool:
    """Mention last week's review on opening Today? Once (then remember `offered`), and only when
    last week has entries and no saved review."""
    return not offered and not reviewed and entries > 0
