"""Journaling prompts: reading a theme's TOML text, and choosing the prompts for a day.

Each day offers the three core questions (when you pulled away, what you feared, the small
step you took) and one deeper prompt that rotates through the other themes. The choice is a
pure function of the date, so reopening the journal shows the same prompts.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

CORE_THEMES = ("pulled-away", "feared", "small-step")
WEEKLY_REVIEW_THEME = "weekly-review"
# The order the deeper prompt rotates through; themes people add come after, by name.
DEEPER_THEME_ORDER = (
    "roots",
    "in-the-moment",
    "self-compassion",
    "needs-and-boundaries",
    "goals",
    "partner-exercise",
)
NO_REPEAT_DAYS = 21


class PromptFileError(ValueError):
    """A prompt file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Prompt:
    id: str
    theme: str
    text: str
    source: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class ThemeFile:
    theme: Theme
    prompts: tuple[Prompt, ...]


def parse_theme_file(text: str, origin: str) -> ThemeFile:
    """Read one theme file's TOML text. `origin` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PromptFileError(f"{origin}: not valid TOML ({error})") from None
    slug = data.get("theme")
    if not isinstance(slug, str) or not slug.strip():
        raise PromptFileError(f'{origin}: needs a line like theme = "roots" at the top')
    title = data.get("title", slug)
    if not isinstance(title, str):
        raise PromptFileError(f"{origin}: title must be text")
    items = data.get("prompts")
    if not isinstance(items, list) or not items:
        raise PromptFileError(f"{origin}: has no [[prompts]] entries")
    prompts: list[Prompt] = []
    for number, item in enumerate(items, start=1):
        where = f"{origin}: prompt {number}"
        if not isinstance(item, dict):
            raise PromptFileError(f"{where} is not a table")
        prompt_id, prompt_text = item.get("id"), item.get("text")
        if not isinstance(prompt_id, str) or not prompt_id.strip():
            raise PromptFileError(f"{where} needs an id")
        if not isinstance(prompt_text, str) or not prompt_text.strip():
            raise PromptFileError(f"{where} ({prompt_id}) needs some text")
        source, role = item.get("source"), item.get("role")
        if source is not None and not isinstance(source, str):
            raise PromptFileError(f"{where} ({prompt_id}): source must be text")
        prompts.append(
            Prompt(
                id=prompt_id.strip(),
                theme=slug.strip(),
                text=" ".join(prompt_text.split()),
                source=source,
                role=role if isinstance(role, str) else None,
            )
        )
    ids = [p.id for p in prompts]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise PromptFileError(f"{origin}: the id {duplicates[0]} is used twice")
    description = data.get("description", "")
    return ThemeFile(
        Theme(slug.strip(), title.strip(), description if isinstance(description, str) else ""),
        tuple(prompts),
    )


@dataclass(frozen=True)
class PromptLibrary:
    """All prompts known to the journal, by id, with their themes."""

    themes: dict[str, Theme]
    prompts: dict[str, Prompt]

    @classmethod
    def merge(cls, files: Iterable[ThemeFile]) -> tuple[PromptLibrary, list[str]]:
        """Combine theme files in order; a repeated id keeps its first copy and is reported."""
        themes: dict[str, Theme] = {}
        prompts: dict[str, Prompt] = {}
        problems: list[str] = []
        for file in files:
            themes.setdefault(file.theme.slug, file.theme)
            for prompt in file.prompts:
                if prompt.id in prompts:
                    problems.append(f"the prompt id {prompt.id} is defined twice; keeping the first")
                    continue
                prompts[prompt.id] = prompt
        return cls(themes, prompts), problems

    def in_theme(self, theme: str) -> list[Prompt]:
        """The theme's prompts in a fixed, well-mixed order (stable as prompts are added)."""
        return sorted((p for p in self.prompts.values() if p.theme == theme), key=_stable_key)

    def get(self, prompt_id: str) -> Prompt | None:
        return self.prompts.get(prompt_id)

    def deeper_themes(self) -> list[str]:
        """The themes the deeper prompt rotates through, in their order (the shipped ones first,
        then those people added, by name)."""
        extra = sorted(
            t for t in self.themes if t not in DEEPER_THEME_ORDER and t not in CORE_THEMES
            and t != WEEKLY_REVIEW_THEME
        )
        return [t for t in DEEPER_THEME_ORDER if t in self.themes] + extra

    def deeper_sequence(self, themes: Collection[str] | None = None) -> list[Prompt]:
        """The deeper prompts interleaved theme by theme: the rotation the days walk through.
        `themes` keeps only those themes (None: every deeper theme)."""
        chosen = [t for t in self.deeper_themes() if themes is None or t in themes]
        queues = [self.in_theme(t) for t in chosen]
        sequence: list[Prompt] = []
        while any(queues):
            for queue in queues:
                if queue:
                    sequence.append(queue.pop(0))
        return sequence


def shuffle_setting(day: date) -> str:
    """The setting that remembers how many times the day's deeper prompt was swapped."""
    return f"shuffle:{day.isoformat()}"


def _stable_key(prompt: Prompt) -> str:
    return hashlib.sha256(prompt.id.encode()).hexdigest()


@dataclass(frozen=True)
class DailyPrompts:
    day: date
    core: tuple[Prompt, ...]
    """One prompt from each core theme, in the order pulled away, feared, small step."""
    deeper: Prompt | None
    shuffle: int = 0
    themes: frozenset[str] | None = None
    """The deeper themes chosen in the settings (None: all of them), so a swap keeps to them."""

    @property
    def all(self) -> tuple[Prompt, ...]:
        return self.core + ((self.deeper,) if self.deeper else ())


def daily_prompts(
    library: PromptLibrary, day: date, shuffle: int = 0, themes: Collection[str] | None = None
) -> DailyPrompts:
    """The prompts for `day`. `shuffle` > 0 swaps the deeper prompt for another one that has
    not been and will not be the day's prompt within 21 days either side. `themes` are the deeper
    themes the person has on (None: all; the core questions are always there); with none on,
    there is no deeper prompt."""
    chosen = None if themes is None else frozenset(themes)
    index = day.toordinal()
    core = []
    for theme in CORE_THEMES:
        pool = library.in_theme(theme)
        if pool:
            core.append(pool[index % len(pool)])
    sequence = library.deeper_sequence(chosen)
    deeper = None
    if sequence:
        size = len(sequence)
        offset = 0
        if shuffle > 0 and size > 1:
            if size >= 2 * NO_REPEAT_DAYS:
                offset = NO_REPEAT_DAYS + (shuffle - 1) % (size - 2 * NO_REPEAT_DAYS + 1)
            else:
                offset = 1 + (shuffle - 1) % (size - 1)
        deeper = sequence[(index + offset) % size]
    return DailyPrompts(day=day, core=tuple(core), deeper=deeper, shuffle=shuffle, themes=chosen)
