from datetime import date, timedelta

import pytest

from closeness_journal.core.prompts import (
    CORE_THEMES,
    NO_REPEAT_DAYS,
    Prompt,
    PromptFileError,
    PromptLibrary,
    daily_prompts,
    parse_theme_file,
)
from closeness_journal.prompt_files import load_prompts

DOMAIN_THEMES = {
    "pulled-away", "feared", "small-step", "roots", "in-the-moment", "self-compassion",
    "needs-and-boundaries", "goals", "partner-exercise",
}


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    loaded = load_prompts()
    assert loaded.problems == []
    return loaded.library


def test_shipped_library_has_at_least_sixty_prompts_across_every_theme(library):
    assert len(library.prompts) >= 60
    assert DOMAIN_THEMES <= set(library.themes)
    for theme in DOMAIN_THEMES:
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


def test_no_deeper_prompt_repeats_within_21_days_over_a_year(library):
    start = date(2026, 1, 1)
    seen: dict[str, date] = {}
    themes = set()
    for offset in range(366 + NO_REPEAT_DAYS):
        day = start + timedelta(days=offset)
        deeper = daily_prompts(library, day).deeper
        if deeper.id in seen:
            assert (day - seen[deeper.id]).days >= NO_REPEAT_DAYS, deeper.id
        seen[deeper.id] = day
        themes.add(deeper.theme)
    assert themes == DOMAIN_THEMES - set(CORE_THEMES)


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
