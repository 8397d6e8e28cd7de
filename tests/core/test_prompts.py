from datetime import date, timedelta

import pytest

from closeness_journal.core.prompts import (
    CORE_NO_REPEAT_DAYS,
    CORE_THEMES,
    NO_REPEAT_DAYS,
    CheckinCounts,
    DeeperChoice,
    Leaning,
    Prompt,
    PromptFileError,
    PromptLibrary,
    daily_prompts,
    parse_theme_file,
)
from closeness_journal.prompt_files import load_prompts

DOMAIN_THEMES = {
    "pulled-away", "feared", "small-step", "roots", "in-the-moment", "self-compassion",
    "needs-and-boundaries", "goals",
}
EXERCISES = {"partner-exercise", "supporting"}


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    loaded = load_prompts()
    assert loaded.problems == []
    return loaded.library


def test_shipped_library_has_at_least_sixty_prompts_across_every_theme(library):
    assert len(library.prompts) >= 60
    assert set(library.themes) >= DOMAIN_THEMES | EXERCISES
    assert {t for t in library.themes if library.is_exercise(t)} == EXERCISES
    for theme in DOMAIN_THEMES | EXERCISES:
        assert len(library.in_theme(theme)) >= 4, theme


def test_every_prompt_names_an_article_described_in_sources(library):
    import tomllib

    from closeness_journal import paths

    sources = tomllib.loads((paths.bundled_prompts_dirs()[0] / "sources.toml").read_text())["sources"]
    assert len(sources) == 5
    for prompt in library.prompts.values():
        assert prompt.source in sources, prompt.id


def test_day_gives_three_core_questions_and_one_deeper(library):
    chosen = daily_prompts(library, date(2026, 11, 22))
    assert [p.theme for p in chosen.core] == list(CORE_THEMES)
    assert chosen.deeper is not None and chosen.deeper.theme not in CORE_THEMES
    assert chosen.deeper.theme != "weekly-review"


def test_selection_is_deterministic_for_a_date(library):
    day = date(2027, 3, 9)
    assert daily_prompts(library, day) == daily_prompts(library, day)


TWO_YEARS = [date(2026, 1, 1) + timedelta(days=n) for n in range(2 * 366)]


def test_two_years_of_days_keep_the_repeat_gaps_never_ask_the_partner_exercise_and_ask_quiet_questions(library):
    """Every day of two years, as a journal that opens every day sees it (each day's deeper prompt
    remembered): no core prompt within 14 days, no deeper one within 21, no exercise, and a quiet-day
    question each day, from every core theme in turn."""
    last_seen: dict[str, date] = {}
    shown: dict[date, str] = {}
    quiet_by_theme: dict[str, set[str]] = {theme: set() for theme in CORE_THEMES}
    deeper_themes = set()
    for day in TWO_YEARS:
        recent = {shown[d] for d in shown if 0 < (day - d).days < NO_REPEAT_DAYS}
        chosen = daily_prompts(library, day, recent=recent)
        shown[day] = chosen.deeper.id
        assert [p.theme for p in chosen.core] == list(CORE_THEMES)
        assert any(p.quiet for p in chosen.core), day  # one question a quiet day can answer
        for prompt in chosen.all:
            assert not prompt.retired and not library.is_exercise(prompt.theme), prompt.id
            assert not prompt.id.startswith(("partner-exercise", "supporting")), prompt.id
            gap = CORE_NO_REPEAT_DAYS if prompt in chosen.core else NO_REPEAT_DAYS
            if prompt.id in last_seen:
                assert (day - last_seen[prompt.id]).days >= gap, (prompt.id, day)
            last_seen[prompt.id] = day
            if prompt.quiet:
                quiet_by_theme[prompt.theme].add(prompt.id)
        deeper_themes.add(chosen.deeper.theme)
    assert deeper_themes == DOMAIN_THEMES - set(CORE_THEMES)
    for theme, quiet in quiet_by_theme.items():
        assert len(quiet) >= 5, theme  # every quiet-day prompt of the theme comes round


def test_the_same_gaps_hold_with_a_leaning_journal_and_without_remembering(library):
    """Drawn toward a fear, the deeper prompt still never comes back within 21 days."""
    leaning = Leaning(fear="engulfment", stayed=True)
    shown: dict[date, str] = {}
    for day in TWO_YEARS[:400]:
        recent = {shown[d] for d in shown if 0 < (day - d).days < NO_REPEAT_DAYS}
        shown[day] = daily_prompts(library, day, leaning=leaning, recent=recent).deeper.id
    last: dict[str, date] = {}
    for day, prompt_id in shown.items():
        assert prompt_id not in last or (day - last[prompt_id]).days >= NO_REPEAT_DAYS, (prompt_id, day)
        last[prompt_id] = day


def test_each_core_theme_has_fourteen_prompts_five_of_them_for_a_quiet_day(library):
    for theme in CORE_THEMES:
        quiet, other = library.core_pools(theme)
        assert len(quiet) + len(other) >= 14 and len(quiet) >= 5, theme
        assert len(other) >= 10, theme  # what keeps the 14-day gap on the days without a quiet question


def test_retired_prompts_are_kept_to_look_up_but_never_offered(library):
    for prompt_id in ("feared-07", "small-step-03", "roots-07", "self-compassion-02", "in-the-moment-03",
                      "partner-exercise-04"):
        prompt = library.get(prompt_id)
        assert prompt is not None and prompt.retired, prompt_id
        assert prompt not in library.in_theme(prompt.theme)
    assert library.get("in-the-moment-08").theme == "supporting"  # moved to the supporters' exercise, id kept


def test_no_prompt_asks_what_you_did_instead_of_staying_and_a_hug_counts_only_if_wanted(library):
    asked = [p for p in library.prompts.values() if not p.retired]
    assert not any("instead of staying" in p.text for p in asked)
    for prompt in asked:
        if "hug" in prompt.text and prompt.theme == "small-step":
            assert "wanted" in prompt.text, prompt.id
    assert library.themes["roots"].note.startswith("Questions about growing up")
    assert "skip" in library.themes["roots"].note


def test_a_journal_full_of_engulfment_draws_the_deeper_prompt_toward_that_fear_and_says_why(library):
    leaning = Leaning.from_counts(CheckinCounts(checkins=20, fears={"engulfment": 12, "rejection": 2}))
    assert leaning == Leaning(fear="engulfment", stayed=False)
    toward, plain = 0, 0
    for day in TWO_YEARS[:56]:
        chosen = daily_prompts(library, day, leaning=leaning)
        natural = daily_prompts(library, day)
        toward += "engulfment" in chosen.deeper.fears or chosen.deeper.theme == "roots"
        plain += "engulfment" in natural.deeper.fears or natural.deeper.theme == "roots"
        if chosen.because in ("fear", "roots"):
            assert chosen.choice.fear == "engulfment"
            assert chosen.reason == chosen.leaning_note
            assert "a fear of losing yourself or being controlled came up often" in chosen.reason
            assert chosen.deeper.theme == "roots" if chosen.because == "roots" else "engulfment" in chosen.deeper.fears
        else:
            assert chosen.leaning_note == ""
    assert toward >= 40 and toward > 2 * plain  # most days lean toward it; the rotation alone rarely does


def test_days_of_staying_close_bring_goals_and_self_compassion(library):
    leaning = Leaning.from_counts(CheckinCounts(checkins=8, fears={"judgement": 2}, stayed_days=4))
    assert leaning == Leaning(fear=None, stayed=True)
    picks = [daily_prompts(library, day, leaning=leaning) for day in TWO_YEARS[:28]]
    assert sum(p.deeper.theme in ("goals", "self-compassion") for p in picks) >= 18
    assert any(p.because == "stayed" and "stayed close on several days" in p.reason for p in picks)


def test_an_empty_journal_rotates_as_before(library):
    for day in TWO_YEARS[:60]:
        chosen = daily_prompts(library, day, leaning=Leaning.from_counts(CheckinCounts()))
        sequence = library.deeper_sequence()
        assert chosen.deeper == sequence[day.toordinal() % len(sequence)]
        assert chosen.because == "rotation" and chosen.leaning_note == ""


def test_a_remembered_choice_is_kept_whatever_the_weeks_say_now(library):
    day = date(2026, 11, 18)
    first = daily_prompts(library, day, leaning=Leaning(fear="engulfment"))
    later = daily_prompts(library, day, leaning=Leaning(stayed=True), chosen=first.choice)
    assert later.deeper == first.deeper and later.reason == first.reason
    gone = DeeperChoice("feared-07", "fear", "engulfment")  # a retired (or core) prompt is chosen again
    assert daily_prompts(library, day, chosen=gone).deeper == daily_prompts(library, day).deeper


def test_swapping_a_core_prompt_gives_another_of_its_theme_and_a_quiet_one_for_a_quiet_one(library):
    day = date(2026, 11, 18)
    chosen = daily_prompts(library, day)
    for place, prompt in enumerate(chosen.core):
        swapped = chosen.swapped(library, prompt.id)
        new = swapped.core[place]
        assert new.theme == prompt.theme and new.id != prompt.id
        assert new.quiet or not prompt.quiet
        assert swapped.deeper == chosen.deeper and swapped.swap_count(prompt.theme) == 1
        again = swapped.swapped(library, new.id).core[place]
        assert again.id not in (prompt.id, new.id)
    assert chosen.swapped(library, "not-today") is None


def test_shuffle_picks_another_prompt_not_seen_within_21_days_either_side(library):
    day = date(2026, 11, 22)
    natural = {daily_prompts(library, day + timedelta(days=d)).deeper.id for d in range(-20, 21)}
    picks = [daily_prompts(library, day, shuffle=k).deeper.id for k in range(1, 6)]
    assert len(set(picks)) == 5
    assert natural.isdisjoint(picks)
    assert daily_prompts(library, day, shuffle=2) == daily_prompts(library, day, shuffle=2)


def test_parse_reports_the_file_and_the_problem():
    with pytest.raises(PromptFileError, match="mine.toml: not valid TOML"):
        parse_theme_file("theme = ", "mine.toml")
    with pytest.raises(PromptFileError, match=r"mine.toml: prompt 1 \(x\) needs some text"):
        parse_theme_file('theme = "t"\n[[prompts]]\nid = "x"\n', "mine.toml")
    with pytest.raises(PromptFileError, match="used twice"):
        parse_theme_file('theme="t"\n[[prompts]]\nid="a"\ntext="q"\n[[prompts]]\nid="a"\ntext="r"\n', "f")


def test_a_repeated_id_keeps_the_first_and_is_reported():
    a = parse_theme_file('theme="t"\n[[prompts]]\nid="a"\ntext="first"\n', "1")
    b = parse_theme_file('theme="u"\n[[prompts]]\nid="a"\ntext="second"\n', "2")
    library, problems = PromptLibrary.merge([a, b])
    assert library.prompts["a"].text == "first"
    assert problems and "defined twice" in problems[0]


def test_your_prompt_files_are_merged_and_a_broken_one_is_reported(tmp_path, monkeypatch):
    config = tmp_path / "config"
    (config / "prompts").mkdir(parents=True)
    (config / "prompts" / "mine.toml").write_text(
        'theme = "gratitude"\ntitle = "Thanks"\n[[prompts]]\nid = "mine-01"\ntext = "Who helped you feel safe today?"\n'
    )
    (config / "prompts" / "broken.toml").write_text('theme = "oops"\n[[prompts]\n')
    monkeypatch.setenv("CLOSENESS_JOURNAL_CONFIG_DIR", str(config))
    loaded = load_prompts()
    assert "mine-01" in loaded.library.prompts
    assert len(loaded.library.prompts) > 60  # the shipped ones still load
    assert len(loaded.problems) == 1 and "broken.toml" in loaded.problems[0]
    sequence = loaded.library.deeper_sequence()
    assert any(p.id == "mine-01" for p in sequence)


def test_a_small_library_still_rotates():
    library, _ = PromptLibrary.merge(
        [parse_theme_file('theme="roots"\n[[prompts]]\nid="r1"\ntext="q"\n[[prompts]]\nid="r2"\ntext="q2"\n', "x")]
    )
    picks = {daily_prompts(library, date(2026, 1, 1) + timedelta(days=d)).deeper.id for d in range(2)}
    assert picks == {"r1", "r2"}
    assert daily_prompts(library, date(2026, 1, 1)).core == ()
    assert isinstance(daily_prompts(library, date(2026, 1, 1), shuffle=1).deeper, Prompt)


def test_a_swapped_core_prompt_is_never_one_asked_in_the_fourteen_days_before(library):
    """Swapping a core question never brings back one the rotation asked in the last 14 days or the
    one swapped away, and a quiet-day question stays one; swapping again brings yet another."""
    for day in TWO_YEARS[:120]:
        days_before = [daily_prompts(library, day - timedelta(days=d)) for d in range(1, CORE_NO_REPEAT_DAYS)]
        asked_before = {theme: {p.id for c in days_before for p in c.core if p.theme == theme} for theme in CORE_THEMES}
        plain = daily_prompts(library, day)
        for theme, base in zip(CORE_THEMES, plain.core, strict=True):
            seen = set()
            for count in (1, 2, 3):
                swapped = daily_prompts(library, day, swaps={theme: count})
                prompt = next(p for p in swapped.core if p.theme == theme)
                assert prompt.id != base.id and (prompt.quiet or not base.quiet), (day, theme, count)
                if count == 1:
                    assert prompt.id not in asked_before[theme], (day, theme, prompt.id)
                seen.add(prompt.id)
            assert len(seen) == 3, (day, theme)  # each swap brings another
