"""The person's settings, kept in the journal (so a backup carries them): the look, which deeper
questions Today asks, whether Today mentions the weekly review, and whether the welcome was shown.

Each is read forgivingly: a value that is missing or not what this version expects means the
default, never an error. The keys are stored in journals, so they never change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

THEME = "theme"
DEEPER_THEMES = "deeper-themes"
MENTION_REVIEW = "mention-review"
WELCOME_SHOWN = "welcome-shown"


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    """The look (a Textual theme's name); None: the window's default."""
    deeper_themes: frozenset[str] | None = None
    """The deeper themes Today rotates through; None: every one (the default). The three core
    questions are always asked."""
    mention_review: bool = True
    """Whether Today says when last week is ready to look back on."""
    welcome_shown: bool = False

    @classmethod
    def read(cls, setting: Callable[[str, Any], Any]) -> Settings:
        """The settings from a journal's `setting(key, default)`."""
        theme = setting(THEME, None)
        themes = setting(DEEPER_THEMES, None)
        mention = setting(MENTION_REVIEW, True)
        return cls(
            theme=theme if isinstance(theme, str) and theme else None,
            deeper_themes=(
                frozenset(t for t in themes if isinstance(t, str)) if isinstance(themes, list) else None
            ),
            mention_review=mention if isinstance(mention, bool) else True,
            welcome_shown=setting(WELCOME_SHOWN, False) is True,
        )


def welcome_due(settings: Settings, entries: int) -> bool:
    """The welcome is for a new journal: shown once, before anything is written in it."""
    return not settings.welcome_shown and entries == 0


def theme_to_apply(settings: Settings, available: Collection[str]) -> str | None:
    """The saved look, if this window has it (a theme from a newer version is left alone)."""
    return settings.theme if settings.theme in available else None


def deeper_themes_value(chosen: Iterable[str], every: Iterable[str]) -> list[str] | None:
    """What to store for the deeper themes ticked in the settings: None (the default, so themes
    added later are on too) when every one is ticked, else the ticked ones in their order."""
    every = list(every)
    chosen = set(chosen)
    if chosen >= set(every):
        return None
    return [theme for theme in every if theme in chosen]


def is_on(settings: Settings, theme: str) -> bool:
    """Whether a deeper theme is on."""
    return settings.deeper_themes is None or theme in settings.deeper_themes
