"""Journaling prompts: choosing the prompts for a day (the library itself: `prompt_library.py`).

Each day offers the three core questions (when you pulled away, what you feared, the small
step you took) and one deeper prompt from the other themes. The core questions are a pure
function of the date: each core theme has quiet-day prompts (`quiet = true`, no hard moment
presumed) and prompts about a moment, and every day one of the three, in turn, asks a quiet one.
No core prompt comes back within 14 days, no deeper prompt within 21.

The deeper prompt rotates through the other themes, leaning toward what the last four weeks of
check-ins hold (a fear that keeps coming back, days of staying close); see `Leaning`. Once a
day's deeper prompt is chosen it is remembered (`deeper_setting`), so the day keeps it.

Prompt ids are stable forever. A prompt no longer asked stays in its file with `retired = true`:
the library still knows it (old answers can be looked up) but no day offers it. Themes marked
`exercise = true` are exercises (core/exercises.py), never daily questions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The library's names, re-exported (`X as X`): the rest of the code imports them from here.
from closeness_journal.core.prompt_library import CORE_THEMES as CORE_THEMES
from closeness_journal.core.prompt_library import DEEPER_THEME_ORDER as DEEPER_THEME_ORDER
from closeness_journal.core.prompt_library import WEEKLY_REVIEW_THEME as WEEKLY_REVIEW_THEME
from closeness_journal.core.prompt_library import Prompt as Prompt
from closeness_journal.core.prompt_library import PromptFileError as PromptFileError
from closeness_journal.core.prompt_library import PromptLibrary as PromptLibrary
from closeness_journal.core.prompt_library import Theme as Theme
from closeness_journal.core.prompt_library import ThemeFile as ThemeFile
from closeness_journal.core.prompt_library import parse_theme_file as parse_theme_file
from closeness_journal.core.vocabulary import FEARS

NO_REPEAT_DAYS = 21
"""No deeper prompt comes back within this many days."""
CORE_NO_REPEAT_DAYS = 14
SWAP_HORIZON_DAYS = 60
"""How far either way a core swap looks for when the rotation asks each prompt."""
"""No core prompt comes back within this many days (with at least 5 quiet-day prompts and 10
others in a core theme; a theme with fewer simply comes round sooner)."""


def shuffle_setting(day: date, theme: str | None = None) -> str:
    """The setting that remembers how many times a prompt of the day was swapped: the deeper one
    (`shuffle:2026-11-18`, as it always was) or a core theme's (`shuffle:2026-11-18:feared`)."""
    return f"shuffle:{day.isoformat()}" + (f":{theme}" if theme else "")


def deeper_setting(day: date) -> str:
    """The setting that remembers the day's deeper prompt once chosen (see `DeeperChoice`)."""
    return f"deeper:{day.isoformat()}"


def _unit(*parts: str) -> float:
    """A number in [0, 1) that depends only on `parts`: the same every time."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


# ---------------------------------------------------------------------- what the weeks lean toward

LEANING_DAYS = 28
"""How far back the check-ins that weigh the deeper prompt reach (four weeks)."""
RECURRING_FEAR = 3
"""A fear named in this many check-ins within the four weeks keeps coming back."""
SEVERAL_STAYED_DAYS = 3
"""Days with staying close, within the four weeks, that bring goals and self-compassion."""

ROTATION, FEAR, ROOTS, STAYED, SWAPPED = "rotation", "fear", "roots", "stayed", "swapped"
"""Why a deeper prompt is on the list (`DailyPrompts.because`): the rotation; a fear that keeps
coming back (a prompt about it, or about where it may have begun); days of staying close; a swap."""
LEANINGS = (FEAR, ROOTS, STAYED)

FEAR_WORDS: Mapping[str, str] = {
    "rejection": "a fear of being turned away",
    "abandonment": "a fear of being left",
    "engulfment": "a fear of losing yourself or being controlled",
    "judgement": "a fear of being judged",
    "betrayal": "a fear of being let down",
    "being-seen": "a fear of being truly seen",
    "loss": "a fear of losing someone",
    "not-enough": "a fear of not being enough",
    "burden": "a fear of being too much",
    "hurt-again": "a fear of being hurt again",
}


@dataclass(frozen=True)
class CheckinCounts:
    """What the check-ins of a stretch of days hold, as the store adds it up."""

    checkins: int = 0
    fears: Mapping[str, int] = field(default_factory=dict)
    """Fear slug -> how many check-ins named it."""
    stayed_days: int = 0
    """Days with at least one check-in that stayed close."""


@dataclass(frozen=True)
class Leaning:
    """What the last four weeks of check-ins bring to the deeper question: a fear that keeps
    coming back (its prompts, and where it began), and days of staying close (goals and
    self-compassion). An empty journal leans nowhere: the deeper prompt simply rotates."""

    fear: str | None = None
    stayed: bool = False

    @classmethod
    def from_counts(cls, counts: CheckinCounts) -> Leaning:
        order = list(FEARS)
        recurring = [(-n, order.index(f), f) for f, n in counts.fears.items() if f in FEARS and n >= RECURRING_FEAR]
        return cls(fear=min(recurring)[2] if recurring else None, stayed=counts.stayed_days >= SEVERAL_STAYED_DAYS)

    def groups(self) -> list[tuple[str, float, tuple[Any, ...]]]:
        """(because, weight, which prompts, most wanted first) to draw from; the plain rotation
        always has a share."""
        groups: list[tuple[str, float, tuple[Any, ...]]] = []
        fear = self.fear
        if fear is not None:
            groups.append((FEAR, 3.0, (lambda p: fear in p.fears,)))
            roots = (lambda p: p.theme == "roots" and fear in p.fears, lambda p: p.theme == "roots")
            groups.append((ROOTS, 2.0, roots))
        if self.stayed:
            groups.append((STAYED, 3.0, (lambda p: p.theme in ("goals", "self-compassion"),)))
        groups.append((ROTATION, 1.0, (lambda p: True,)))
        return groups


@dataclass(frozen=True)
class DeeperChoice:
    """The day's deeper prompt as first chosen, and why; kept under `deeper_setting(day)`."""

    prompt_id: str
    because: str = ROTATION
    fear: str | None = None

    def to_setting(self, shown: str | None = None) -> dict[str, Any]:
        """The setting's value; `shown` is the deeper prompt on the list (after any swaps)."""
        return {"id": self.prompt_id, "because": self.because, "fear": self.fear, "shown": shown or self.prompt_id}

    @classmethod
    def from_setting(cls, value: Any) -> DeeperChoice | None:
        """The remembered choice, or None when there is none (or it is damaged)."""
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            return None
        because = value.get("because") if value.get("because") in (ROTATION, *LEANINGS) else ROTATION
        fear = value.get("fear") if value.get("fear") in FEARS else None
        return cls(value["id"], because, fear if because in (FEAR, ROOTS) else None)

    @staticmethod
    def shown_in(value: Any) -> str | None:
        """The id of the deeper prompt a remembered day showed."""
        if not isinstance(value, dict):
            return None
        shown = value.get("shown", value.get("id"))
        return shown if isinstance(shown, str) else None


def reason_words(because: str, fear: str | None = None) -> str:
    """Why a deeper prompt was chosen, in a short line."""
    if because == FEAR and fear in FEAR_WORDS:
        return f"Asked because {FEAR_WORDS[fear]} came up often in your last four weeks."
    if because == ROOTS and fear in FEAR_WORDS:
        return f"Asked because {FEAR_WORDS[fear]} came up often lately; this looks at where it may have begun."
    if because == STAYED:
        return "Asked because you stayed close on several days in your last four weeks."
    if because == SWAPPED:
        return "You swapped in this question."
    return "The next deeper question in the rotation."


# ---------------------------------------------------------------------- the day's prompts


@dataclass(frozen=True)
class DailyPrompts:
    day: date
    core: tuple[Prompt, ...]
    """One prompt from each core theme, in the order pulled away, feared, small step."""
    deeper: Prompt | None
    shuffle: int = 0
    """How many times the deeper prompt was swapped today."""
    swaps: tuple[tuple[str, int], ...] = ()
    """(core theme, how many times its prompt was swapped today), for the themes swapped."""
    choice: DeeperChoice | None = None
    """The deeper prompt as first chosen today, and why."""
    recent: frozenset[str] = frozenset()
    """Deeper prompts shown in the days before (not offered again within 21 days)."""

    @property
    def all(self) -> tuple[Prompt, ...]:
        return self.core + ((self.deeper,) if self.deeper else ())

    @property
    def because(self) -> str:
        """Why the deeper prompt is on the list: rotation, fear, roots, stayed or swapped."""
        if self.shuffle:
            return SWAPPED
        return self.choice.because if self.choice else ROTATION

    @property
    def reason(self) -> str:
        """Why the deeper prompt was chosen, in words (for `prompts --json`)."""
        return reason_words(self.because, self.choice.fear if self.choice else None)

    @property
    def leaning_note(self) -> str:
        """The reason, only when the deeper prompt was drawn toward the person's weeks ("" else)."""
        return self.reason if self.because in LEANINGS else ""

    def swap_count(self, theme: str) -> int:
        return dict(self.swaps).get(theme, 0)

    def swapped(self, library: PromptLibrary, prompt_id: str) -> DailyPrompts | None:
        """The day's prompts with the one of id `prompt_id` swapped for another of its kind (a core
        prompt for another of its theme, the deeper one for another deeper one). None when it is
        not one of the day's prompts."""
        counts = dict(self.swaps)
        if self.deeper is not None and prompt_id == self.deeper.id:
            return self._again(library, self.shuffle + 1, counts)
        for prompt in self.core:
            if prompt.id == prompt_id:
                counts[prompt.theme] = counts.get(prompt.theme, 0) + 1
                return self._again(library, self.shuffle, counts)
        return None

    def _again(self, library: PromptLibrary, shuffle: int, swaps: dict[str, int]) -> DailyPrompts:
        return daily_prompts(library, self.day, shuffle, swaps=swaps, recent=self.recent, chosen=self.choice)


def _core_place(quiet: list[Prompt], other: list[Prompt], index: int, place: int) -> tuple[list[Prompt], int]:
    """The pool and position of a core theme's prompt on day `index` (a date's ordinal).

    The core theme at `place` (0, 1, 2) asks one of its quiet-day prompts every third day, in
    turn with the other two, so each day has one quiet core question; its other prompts fill
    the other two days in three. Each pool walks in order: a quiet prompt comes back after
    3 × (quiet prompts) days, another after about 1.5 × (other prompts) days."""
    if not quiet or not other:
        pool = quiet or other
        return pool, index % len(pool)
    if index % 3 == place:
        return quiet, (index // 3) % len(quiet)
    quiet_days_before = (index - place + 2) // 3
    return other, (index - quiet_days_before) % len(other)


def _distances(quiet: list[Prompt], other: list[Prompt], index: int, place: int) -> dict[str, tuple[int, int]]:
    """For each prompt of the core theme at `place`: how many days since the rotation last asked
    it before day `index`, and how many until it next asks it (the rotation depends only on the
    date, so this needs no history). Looks two months either way."""
    back: dict[str, int] = {}
    ahead: dict[str, int] = {}
    for step in range(1, SWAP_HORIZON_DAYS + 1):
        for distances, day in ((back, index - step), (ahead, index + step)):
            pool, position = _core_place(quiet, other, day, place)
            distances.setdefault(pool[position].id, step)
    never = SWAP_HORIZON_DAYS + 1
    return {p.id: (back.get(p.id, never), ahead.get(p.id, never)) for p in quiet + other}


def _swap_in(quiet: list[Prompt], other: list[Prompt], index: int, place: int, swaps: int) -> Prompt:
    """The prompt `swaps` swaps away from the day's core prompt of the theme at `place`, never the
    one swapped away. A quiet-day question is swapped for another quiet-day one (the day keeps one
    a quiet day can answer). Those the rotation has not asked in the last 14 days come first, then
    the same kind, the furthest from their last and next asking first. Every prompt of a theme
    comes round within a month, so one the rotation asks again a few days later can't always be
    avoided."""
    pool, position = _core_place(quiet, other, index, place)
    base = pool[position]
    if swaps <= 0:
        return base
    distances = _distances(quiet, other, index, place)

    def order(prompt: Prompt) -> tuple[bool, bool, int]:
        back, ahead = distances[prompt.id]
        return back < CORE_NO_REPEAT_DAYS, prompt.quiet != base.quiet, -min(back, ahead)

    candidates = [p for p in quiet + other if p.id != base.id and (p.quiet or not base.quiet)]
    candidates.sort(key=order)
    return candidates[(swaps - 1) % len(candidates)] if candidates else base


def _walk(sequence: list[Prompt], start: int, wanted: Any, avoid: Collection[str]) -> Prompt | None:
    """The first prompt from sequence[start] on (going round) that is wanted and not avoided."""
    size = len(sequence)
    for step in range(size):
        prompt = sequence[(start + step) % size]
        if wanted(prompt) and prompt.id not in avoid:
            return prompt
    return None


def choose_deeper(
    library: PromptLibrary, day: date, leaning: Leaning | None = None, recent: Collection[str] = ()
) -> DeeperChoice | None:
    """The day's deeper prompt, before any swap. With no leaning it is the rotation's prompt of
    the day (the next one not shown in the last 21 days); with one, a draw that depends only on
    the date picks what to lean toward, and the rotation is walked for the first such prompt
    (when all of those were shown lately, the other leanings are tried, then the rotation)."""
    sequence = library.deeper_sequence()
    if not sequence:
        return None
    start = day.toordinal() % len(sequence)
    groups = (leaning or Leaning()).groups()
    draw = _unit(day.isoformat(), "deeper") * sum(weight for _, weight, _ in groups)
    drawn = len(groups) - 1
    for index, (_, weight, _) in enumerate(groups):
        if draw < weight:
            drawn = index
            break
        draw -= weight
    for because, _, filters in [*groups[drawn:], *groups[:drawn]]:
        for wanted in filters:
            found = _walk(sequence, start, wanted, recent)
            if found is not None:
                return DeeperChoice(found.id, because, leaning.fear if leaning and because in (FEAR, ROOTS) else None)
    return DeeperChoice(sequence[start].id)


def _swap_deeper(sequence: list[Prompt], base: Prompt, swaps: int, recent: Collection[str]) -> Prompt:
    """The deeper prompt `swaps` swaps away from `base`: with a long rotation, one at least 21
    places further on (not one of the days around), then one by one; never one shown lately."""
    size = len(sequence)
    position = next((i for i, p in enumerate(sequence) if p.id == base.id), 0)
    start = NO_REPEAT_DAYS if size >= 2 * NO_REPEAT_DAYS else 1
    others = [sequence[(position + start + i) % size] for i in range(size)]
    others = [p for p in others if p.id != base.id]
    fresh = [p for p in others if p.id not in recent] or others
    return fresh[(swaps - 1) % len(fresh)] if fresh else base


def daily_prompts(
    library: PromptLibrary,
    day: date,
    shuffle: int = 0,
    *,
    swaps: Mapping[str, int] | None = None,
    leaning: Leaning | None = None,
    recent: Collection[str] = (),
    chosen: DeeperChoice | None = None,
) -> DailyPrompts:
    """The prompts for `day`.

    `shuffle` > 0 swaps the deeper prompt for another one (with a long rotation, one that has
    not been and will not be the day's prompt within 21 days either side); `swaps` does the same
    for each core theme. `leaning` weighs the deeper choice (see `Leaning`), `recent` holds the
    deeper prompts shown in the 20 days before, and `chosen` is the day's remembered choice,
    which is kept while its prompt is still asked."""
    index = day.toordinal()
    counts = {theme: n for theme, n in (swaps or {}).items() if n > 0 and theme in CORE_THEMES}
    core = []
    for place, theme in enumerate(CORE_THEMES):
        quiet, other = library.core_pools(theme)
        if quiet or other:
            core.append(_swap_in(quiet, other, index, place, counts.get(theme, 0)))
    recent = frozenset(recent)
    if chosen is not None:
        kept = library.get(chosen.prompt_id)
        if kept is None or kept.retired or library.is_exercise(kept.theme) or kept.theme in CORE_THEMES:
            chosen = None
    choice = chosen or choose_deeper(library, day, leaning, recent)
    deeper = library.get(choice.prompt_id) if choice else None
    if deeper is not None and shuffle > 0:
        deeper = _swap_deeper(library.deeper_sequence(), deeper, shuffle, recent)
    return DailyPrompts(
        day=day, core=tuple(core), deeper=deeper, shuffle=shuffle,
        swaps=tuple(sorted(counts.items())), choice=choice, recent=recent,
    )
