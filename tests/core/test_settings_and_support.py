"""Settings read from the journal (forgivingly), the deeper themes the daily prompts honour, and
the one support text."""

from datetime import date, timedelta

import pytest

from closeness_journal.core import support
from closeness_journal.core.prompts import CORE_THEMES, PromptLibrary, daily_prompts
from closeness_journal.core.settings import (
    DEEPER_THEMES,
    MENTION_REVIEW,
    THEME,
    WELCOME_SHOWN,
    Settings,
    deeper_themes_value,
    is_on,
    theme_to_apply,
    welcome_due,
)
from closeness_journal.core.today import Sitting
from closeness_journal.prompt_files import load_prompts

DAY = date(2026, 11, 18)


def reader(values: dict):
    return lambda key, default=None: values.get(key, default)


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    return load_prompts().library


# ---------------------------------------------------------------------- settings


def test_nothing_set_means_the_defaults():
    assert Settings.read(reader({})) == Settings(theme=None, deeper_themes=None, mention_review=True,
                                                 welcome_shown=False)


def test_settings_read_back_what_was_stored():
    settings = Settings.read(reader({THEME: "textual-light", DEEPER_THEMES: ["roots", "goals"],
                                     MENTION_REVIEW: False, WELCOME_SHOWN: True}))
    assert settings == Settings("textual-light", frozenset({"roots", "goals"}), False, True)


@pytest.mark.parametrize(
    "damaged",
    [{THEME: 3, DEEPER_THEMES: "roots", MENTION_REVIEW: "no", WELCOME_SHOWN: "yes"},
     {THEME: "", DEEPER_THEMES: {"roots": 1}, MENTION_REVIEW: None, WELCOME_SHOWN: 1}],
)
def test_a_damaged_setting_means_its_default_never_an_error(damaged):
    assert Settings.read(reader(damaged)) == Settings()


def test_a_list_of_deeper_themes_keeps_only_text():
    assert Settings.read(reader({DEEPER_THEMES: ["roots", 4, None]})).deeper_themes == frozenset({"roots"})


def test_the_welcome_is_for_a_new_journal_once():
    assert welcome_due(Settings(), entries=0)
    assert not welcome_due(Settings(welcome_shown=True), entries=0)
    assert not welcome_due(Settings(), entries=3)  # a journal already written in is not new


def test_a_saved_look_is_applied_only_if_this_window_has_it():
    available = {"textual-dark", "textual-light"}
    assert theme_to_apply(Settings(theme="textual-light"), available) == "textual-light"
    assert theme_to_apply(Settings(theme="from-a-newer-version"), available) is None
    assert theme_to_apply(Settings(), available) is None


def test_ticking_every_deeper_theme_stores_the_default_so_new_themes_come_on_too():
    every = ["roots", "in-the-moment", "goals"]
    assert deeper_themes_value(every, every) is None
    assert deeper_themes_value(["goals", "roots"], every) == ["roots", "goals"]  # in their order
    assert deeper_themes_value([], every) == []
    assert is_on(Settings(), "anything") and is_on(Settings(deeper_themes=frozenset({"roots"})), "roots")
    assert not is_on(Settings(deeper_themes=frozenset({"roots"})), "goals")


# ---------------------------------------------------------------------- the daily prompts honour them


def test_no_choice_keeps_the_days_prompts_as_they_always_were(library):
    assert library.with_deeper_themes(None) is library
    for n in range(30):
        day = DAY + timedelta(days=n)
        assert daily_prompts(library.with_deeper_themes(None), day).all == daily_prompts(library, day).all


def test_only_the_deeper_themes_that_are_on_are_asked_and_the_core_ones_always(library):
    on = {"roots", "goals"}
    chosen_library = library.with_deeper_themes(on)
    days = [daily_prompts(chosen_library, DAY + timedelta(days=n)) for n in range(40)]
    for chosen in days:
        assert [p.theme for p in chosen.core] == list(CORE_THEMES)
        assert chosen.deeper is not None and chosen.deeper.theme in on
    assert {chosen.deeper.theme for chosen in days} == on
    # the prompts of the themes turned off can still be looked up (answers to them keep their words)
    goals_off = library.with_deeper_themes({"roots"})
    some = library.in_theme("goals")[0]
    assert goals_off.get(some.id) is not None and goals_off.get(some.id).retired


def test_with_no_deeper_theme_on_there_is_no_deeper_question(library):
    chosen = daily_prompts(library.with_deeper_themes([]), DAY)
    assert chosen.deeper is None and len(chosen.core) == 3


def test_swapping_the_deeper_question_keeps_to_the_themes_that_are_on(library):
    only = library.with_deeper_themes({"self-compassion"})
    sitting = Sitting.start(daily_prompts(only, DAY))
    sitting.current = sitting.slots.index(next(s for s in sitting.slots if s.prompt is sitting.daily.deeper))
    for _ in range(5):
        sitting.swap(only)
        assert sitting.daily.deeper.theme == "self-compassion"


def test_the_deeper_themes_are_every_theme_but_the_core_and_the_weekly_review(library):
    themes = library.deeper_themes()
    assert themes[0] == "roots" and not set(themes) & {*CORE_THEMES, "weekly-review"}


# ---------------------------------------------------------------------- support


def test_the_support_text_fits_a_terminal_and_says_how_to_find_help_anywhere():
    text = support.support_text()
    assert all(len(line) <= 78 for line in text.splitlines())
    assert text.startswith(support.TITLE + "\n")
    for words in ("emergency number", '"crisis line"', "your country's name", "doctor", "someone you trust",
                  "not therapy"):
        assert words in " ".join(text.split()), words


def test_the_support_text_never_assumes_a_country():
    text = support.support_text() + support.support_markdown()
    for number_or_service in ("911", "999", "112", "988", "000", "Samaritans", "Lifeline", "NHS"):
        assert number_or_service not in text


def test_help_and_the_command_line_share_one_text():
    markdown, plain = support.support_markdown(), " ".join(support.support_text().split())
    assert markdown.startswith(f"## {support.TITLE}\n")
    for part in (support.INTRO, *support.WAYS, support.SAFETY, support.LIMITS):
        assert part in markdown and " ".join(part.split()) in plain


def test_leaving_themes_out_twice_is_the_same_library(library):
    once = library.with_deeper_themes({"roots"})
    assert once.with_deeper_themes({"roots"}) is once
