"""The prompt library: reading a theme's TOML text, and every prompt known, by id and theme.

A theme file holds a theme (`theme`, `title`, `description`, an optional `note` shown with each
of its prompts, and for an exercise `exercise = true`, `people` and `instructions`) and its
`[[prompts]]`: each with a stable `id`, its `text`, the `source` article, and optionally
`quiet = true` (works on a day with no hard moment), `fears = [...]` (the fears it is about),
`retired = true` (kept so old answers can be looked up, never offered again) and, in an
exercise, `sensitive = true` (about touch or sex: asked only when the person chose to).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any

from closeness_journal.core.vocabulary import FEARS

CORE_THEMES = ("pulled-away", "feared", "small-step")
WEEKLY_REVIEW_THEME = "weekly-review"
# The order the deeper prompt rotates through; themes people add come after, by name.
DEEPER_THEME_ORDER = (
    "roots",
    "in-the-moment",
    "self-compassion",
    "needs-and-boundaries",
    "goals",
)


class PromptFileError(ValueError):
    """A prompt file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Prompt:
    id: str
    theme: str
    text: str
    source: str | None = None
    role: str | None = None
    quiet: bool = False
    """Works on a quiet day: no hard moment presumed (core themes)."""
    fears: tuple[str, ...] = ()
    """The fears (check-in slugs) the prompt is about."""
    retired: bool = False
    """Kept so answers to it can be looked up, but never offered."""
    sensitive: bool = False
    """An exercise item about touch or sex: asked only when the person chose to include those."""


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    description: str = ""
    note: str = ""
    """A gentle word shown with each of its prompts ("you can skip this…")."""
    exercise: bool = False
    """An exercise, done apart from the daily prompts (core/exercises.py)."""
    people: int = 1
    """How many people take a turn at the exercise."""
    instructions: str = ""
    """The exercise's instructions, in paragraphs."""


@dataclass(frozen=True)
class ThemeFile:
    theme: Theme
    prompts: tuple[Prompt, ...]


def _optional(data: dict[str, Any], key: str, kind: type, where: str, default: Any) -> Any:
    value = data.get(key, default)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = {str: "text", bool: "true or false", int: "a whole number"}
        raise PromptFileError(f"{where}: {key} must be {names[kind]}")
    return value


def _prompt(item: Any, slug: str, where: str) -> Prompt:
    if not isinstance(item, dict):
        raise PromptFileError(f"{where} is not a table")
    prompt_id, prompt_text = item.get("id"), item.get("text")
    if not isinstance(prompt_id, str) or not prompt_id.strip():
        raise PromptFileError(f"{where} needs an id")
    if not isinstance(prompt_text, str) or not prompt_text.strip():
        raise PromptFileError(f"{where} ({prompt_id}) needs some text")
    where = f"{where} ({prompt_id})"
    source, role = item.get("source"), item.get("role")
    if source is not None and not isinstance(source, str):
        raise PromptFileError(f"{where}: source must be text")
    fears = item.get("fears", [])
    if not isinstance(fears, list) or any(fear not in FEARS for fear in fears):
        raise PromptFileError(f"{where}: fears must be a list of: {', '.join(FEARS)}")
    return Prompt(
        id=prompt_id.strip(),
        theme=slug,
        text=" ".join(prompt_text.split()),
        source=source,
        role=role if isinstance(role, str) else None,
        quiet=_optional(item, "quiet", bool, where, False),
        fears=tuple(dict.fromkeys(fears)),
        retired=_optional(item, "retired", bool, where, False),
        sensitive=_optional(item, "sensitive", bool, where, False),
    )


def parse_theme_file(text: str, origin: str) -> ThemeFile:
    """Read one theme file's TOML text. `origin` names the file in error messages."""
    import tomllib  # not needed when the shipped files' reading is kept (prompt_files.py)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PromptFileError(f"{origin}: not valid TOML ({error})") from None
    return theme_file(data, origin)


def theme_file(data: dict[str, Any], origin: str) -> ThemeFile:
    """A theme file from its TOML, already read (checked as `parse_theme_file` checks it)."""
    slug = data.get("theme")
    if not isinstance(slug, str) or not slug.strip():
        raise PromptFileError(f'{origin}: needs a line like theme = "roots" at the top')
    slug = slug.strip()
    title = _optional(data, "title", str, origin, slug)
    items = data.get("prompts")
    if not isinstance(items, list) or not items:
        raise PromptFileError(f"{origin}: has no [[prompts]] entries")
    prompts = [_prompt(item, slug, f"{origin}: prompt {number}") for number, item in enumerate(items, start=1)]
    ids = [p.id for p in prompts]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise PromptFileError(f"{origin}: the id {duplicates[0]} is used twice")
    description = data.get("description", "")
    people = _optional(data, "people", int, origin, 1)
    if people not in (1, 2):
        raise PromptFileError(f"{origin}: people must be 1 or 2")
    theme = Theme(
        slug,
        title.strip(),
        description if isinstance(description, str) else "",
        note=" ".join(_optional(data, "note", str, origin, "").split()),
        exercise=_optional(data, "exercise", bool, origin, False),
        people=people,
        instructions=_optional(data, "instructions", str, origin, "").strip(),
    )
    return ThemeFile(theme, tuple(prompts))


@dataclass(frozen=True)
class PromptLibrary:
    """All prompts known to the journal, by id, with their themes (retired ones included)."""

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
        """The theme's prompts still asked, in a fixed, well-mixed order (stable as prompts are added)."""
        return sorted(
            (p for p in self.prompts.values() if p.theme == theme and not p.retired), key=_stable_key
        )

    def in_file_order(self, theme: str) -> list[Prompt]:
        """The theme's prompts still asked, in the order of their file (an exercise's order)."""
        return [p for p in self.prompts.values() if p.theme == theme and not p.retired]

    def get(self, prompt_id: str) -> Prompt | None:
        """Any prompt by id, retired or not."""
        return self.prompts.get(prompt_id)

    def is_exercise(self, theme: str) -> bool:
        found = self.themes.get(theme)
        return found is not None and found.exercise

    def core_pools(self, theme: str) -> tuple[list[Prompt], list[Prompt]]:
        """A core theme's quiet-day prompts and its prompts about a moment."""
        pool = self.in_theme(theme)
        return [p for p in pool if p.quiet], [p for p in pool if not p.quiet]

    def deeper_themes(self) -> list[str]:
        """The themes the deeper prompt rotates through, in their order (the shipped ones first,
        then those people added, by name). Exercises and the weekly review are not among them."""
        extra = sorted(
            t for t in self.themes
            if t not in DEEPER_THEME_ORDER and t not in CORE_THEMES and t != WEEKLY_REVIEW_THEME
        )
        return [t for t in (*DEEPER_THEME_ORDER, *extra) if t in self.themes and not self.is_exercise(t)]

    def with_deeper_themes(self, themes: Collection[str] | None) -> PromptLibrary:
        """The library as the settings want it: the deeper themes not in `themes` (None: all on)
        leave the rotation. Their prompts stay, retired, so answers to them can be looked up."""
        if themes is None:
            return self
        off = {theme for theme in self.deeper_themes() if theme not in themes and self.in_theme(theme)}
        if not off:  # nothing to leave out (also when this library was made this way already)
            return self
        prompts = {
            key: replace(prompt, retired=True) if prompt.theme in off else prompt
            for key, prompt in self.prompts.items()
        }
        return PromptLibrary(self.themes, prompts)

    def deeper_sequence(self) -> list[Prompt]:
        """The deeper prompts interleaved theme by theme: the rotation the days walk through.
        Exercises, the weekly review and retired prompts are never in it."""
        queues = [self.in_theme(t) for t in self.deeper_themes()]
        sequence: list[Prompt] = []
        while any(queues):
            for queue in queues:
                if queue:
                    sequence.append(queue.pop(0))
        return sequence


def _stable_key(prompt: Prompt) -> str:
    return hashlib.sha256(prompt.id.encode()).hexdigest()
