"""A day's prompts as the journal shows them, composed from the store and core/prompts.py
(shared by the window and the command line).

What a day shows is kept in the journal's settings: the deeper prompt as first chosen and why
(`deeper:<day>`), and how many times each prompt was swapped (`shuffle:<day>` for the deeper
one, as before; `shuffle:<day>:<core theme>` for the others). Older journals that only have
`shuffle:<day>` read as they did.
"""

from __future__ import annotations

from datetime import date, timedelta

from closeness_journal.core.prompts import (
    CORE_THEMES,
    LEANING_DAYS,
    NO_REPEAT_DAYS,
    DailyPrompts,
    DeeperChoice,
    Leaning,
    PromptLibrary,
    daily_prompts,
    deeper_setting,
    shuffle_setting,
)
from closeness_journal.core.settings import Settings
from closeness_journal.store import Journal, JournalError


def recent_deeper(journal: Journal, day: date) -> frozenset[str]:
    """The deeper prompts the journal showed in the 20 days before `day`."""
    shown = (
        DeeperChoice.shown_in(journal.setting(deeper_setting(day - timedelta(days=back))))
        for back in range(1, NO_REPEAT_DAYS)
    )
    return frozenset(prompt_id for prompt_id in shown if prompt_id)


def leaning(journal: Journal, day: date) -> Leaning:
    """What the four weeks up to `day` lean toward."""
    return Leaning.from_counts(journal.recent_checkins(day - timedelta(days=LEANING_DAYS - 1), day))


def library_for(journal: Journal, library: PromptLibrary) -> PromptLibrary:
    """The library with the deeper themes the person turned off in the settings left out of the rotation."""
    return library.with_deeper_themes(Settings.read(journal.setting).deeper_themes)


def for_day(journal: Journal, library: PromptLibrary, day: date, *, remember: bool = False) -> DailyPrompts:
    """The prompts of `day`: as remembered, else chosen now (and, with `remember`, kept so the
    day shows them from now on). Deeper themes turned off in the settings are not offered."""
    library = library_for(journal, library)
    chosen = DeeperChoice.from_setting(journal.setting(deeper_setting(day)))
    daily = daily_prompts(
        library,
        day,
        shuffle=_count(journal.setting(shuffle_setting(day), 0)),
        swaps={theme: _count(journal.setting(shuffle_setting(day, theme), 0)) for theme in CORE_THEMES},
        leaning=None if chosen else leaning(journal, day),
        recent=recent_deeper(journal, day),
        chosen=chosen,
    )
    if remember and (chosen is None or chosen != daily.choice):
        try:
            keep(journal, daily)
        except JournalError:
            pass  # the prompts still show; the day may choose again next time
    return daily


def keep(journal: Journal, daily: DailyPrompts) -> None:
    """Remember what the day shows: the deeper choice (and the prompt on the list) and the swaps."""
    day = daily.day
    if daily.choice is not None:
        journal.set_setting(deeper_setting(day), daily.choice.to_setting(daily.deeper.id if daily.deeper else None))
    if daily.shuffle or journal.setting(shuffle_setting(day)) is not None:
        journal.set_setting(shuffle_setting(day), daily.shuffle)
    for theme in CORE_THEMES:
        count = daily.swap_count(theme)
        if count or journal.setting(shuffle_setting(day, theme)) is not None:
            journal.set_setting(shuffle_setting(day, theme), count)


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
