"""prompts, patterns and review on the command line."""

import json
import re

from closeness_journal.core.patterns import EMPTY_PERIODS_SHOWN


def test_prompts_json_for_a_day(run):
    code, out, _ = run("prompts", "--date", "2026-11-22", "--json")
    data = json.loads(out)
    assert code == 0 and data["date"] == "2026-11-22"
    assert [p["theme"] for p in data["prompts"]][:3] == ["pulled-away", "feared", "small-step"]
    assert len(data["prompts"]) == 4 and data["prompts"][3]["core"] is False


def test_patterns_json_matches_the_figures(run):
    for args in (
        ["write", "a", "--date", "2026-11-02", "--behaviour", "went-quiet", "--close-before", "--intensity", "6"],
        ["write", "b", "--date", "2026-11-03", "--behaviour", "picked-fight", "--behaviour", "hid-needs",
         "--intensity", "8"],
        ["write", "c", "--date", "2026-11-17", "--close-before", "--step", "stayed", "--predicted", "8",
         "--outcome", "3"],
    ):
        assert run(*args)[0] == 0
    code, out, err = run("patterns", "--since", "2026-11-02", "--until", "2026-11-22", "--json")
    assert code == 0, err
    data = json.loads(out)
    fields = ("period", "withdrawal", "sabotage", "entries", "mean_intensity", "small_steps", "days_journaled")
    periods = [tuple(p[f] for f in fields) for p in data["periods"]]
    assert periods == [
        ("2026-W45", 2, 1, 2, 7.0, 0, 2),
        ("2026-W46", 0, 0, 0, None, 0, 0),
        ("2026-W47", 0, 0, 1, None, 1, 1),
    ]
    assert data["closeness"] | {"sentence": None} == {
        "pulled_away": 2, "closeness_first": 1, "stayed_close": 1, "stayed": 0, "stayed_after_closeness": 0,
        "sentence": None,
    }
    assert data["totals"]["mean_predicted"] == 8 and data["totals"]["mean_outcome"] == 3
    code, out, _ = run("patterns", "--since", "2026-11-02", "--until", "2026-11-22")
    assert code == 0 and "week of 9 Nov" in out and "In 1 of the 2 times" in out
    assert "W46" not in out and "mean" not in out.lower()
    assert run("patterns", "--since", "2026-12-01", "--until", "2026-11-01")[0] == 2
    assert run("patterns", "--by", "year")[0] == 2


def test_patterns_json_counts_staying_close_and_the_pull_exactly(run):
    for args in (
        # pulled away and stayed close in one entry: counts in both series
        ["write", "a", "--date", "2026-11-02", "--behaviour", "went-quiet", "--stayed", "shared-a-feeling",
         "--urge", "7", "--acted", "partly", "--close-before"],
        # the pull came and wasn't acted on, with nothing under "stayed": stayed close
        ["write", "b", "--date", "2026-11-03", "--urge", "5", "--acted", "no"],
        ["write", "c", "--date", "2026-11-03", "--behaviour", "picked-fight", "--urge", "9", "--acted", "yes"],
        ["write", "d", "--date", "2026-11-10", "--stayed", "reached-out", "--stayed", "kept-plans"],
        ["write", "e", "--date", "2026-11-10", "--urge", "2"],
        ["write", "f", "--date", "2026-11-11"],
    ):
        assert run(*args)[0] == 0
    code, out, err = run("patterns", "--since", "2026-11-02", "--until", "2026-11-22", "--json")
    assert code == 0, err
    data = json.loads(out)
    fields = ("period", "label", "withdrawal", "sabotage", "stayed", "entries", "mean_urge", "acted")
    assert [tuple(p[f] for f in fields) for p in data["periods"]] == [
        ("2026-W45", "week of 2 Nov 2026", 1, 1, 2, 3, 7.0, {"yes": 1, "partly": 1, "no": 1}),
        ("2026-W46", "week of 9 Nov 2026", 0, 0, 1, 3, 2.0, {"yes": 0, "partly": 0, "no": 0}),
        ("2026-W47", "week of 16 Nov 2026", 0, 0, 0, 0, None, {"yes": 0, "partly": 0, "no": 0}),
    ]
    totals = data["totals"]
    assert (totals["period"], totals["stayed"], totals["mean_urge"], totals["acted"]) == (
        "total", 3, 5.75, {"yes": 1, "partly": 1, "no": 1}
    )
    assert [(c["key"], c["count"]) for c in data["ways_of_staying"]] == [
        ("kept-plans", 1), ("reached-out", 1), ("shared-a-feeling", 1)
    ]
    assert data["ways_of_staying"][1]["label"] == "Reached out first"
    assert {k: v for k, v in data["closeness"].items() if k != "sentence"} == {
        "pulled_away": 2, "closeness_first": 1, "stayed_close": 0, "stayed": 3, "stayed_after_closeness": 1,
    }
    assert "In 1 of the 3 times you stayed close" in data["closeness"]["sentence"]
    code, out, _ = run("patterns", "--since", "2026-11-02", "--until", "2026-11-22")
    assert code == 0
    out = " ".join(out.split())  # sentences wrap at the terminal's width
    assert "What you did to stay close" in out and "Reached out first" in out
    assert "The pull to get away was 5.8 out of 10 on average." in out
    assert "you acted on it 1 time, partly acted on it 1 time and stayed with it 1 time." in out


def test_review_json_has_the_week_and_the_week_before(run):
    for args in (
        ["write", "a", "--date", "2026-11-03", "--behaviour", "went-quiet", "--intensity", "8"],
        ["write", "b", "--date", "2026-11-10", "--behaviour", "picked-fight", "--intensity", "4",
         "--step", "stayed"],
        ["write", "c", "--date", "2026-11-11", "--behaviour", "hid-needs"],
    ):
        assert run(*args)[0] == 0
    code, out, err = run("review", "--week", "2026-W46", "--json")
    assert code == 0, err
    data = json.loads(out)
    fields = ("week", "withdrawal", "sabotage", "small_steps", "mean_intensity", "days_journaled")
    assert {k: data[k] for k in fields} == {
        "week": "2026-W46", "withdrawal": 1, "sabotage": 1, "small_steps": 1, "mean_intensity": 4.0,
        "days_journaled": 2,
    }
    previous = data["previous"]
    assert (previous["week"], previous["withdrawal"], previous["sabotage"], previous["mean_intensity"]) == (
        "2026-W45", 1, 0, 8.0
    )
    assert data["saved"] is None
    code, out, _ = run("review", "--week", "2026-W46")
    assert code == 0 and "Pulled away" in out and "F5" in out
    # the week's figures in words, as the window shows them too: averages to one decimal, "4" not "4.0"
    assert re.search(r"Average fear +4 of 10, 4 lower than the week before *\n", out), out
    assert run("review", "--week", "soon")[0] == 2


def test_patterns_from_year_one_build_only_the_periods_that_count(run):
    """A stray entry from long ago (0001-01-01 once made "All" walk 730,000 days; the earliest a day
    can be written now is 1900-01-01): the periods built are those with entries plus a bounded run of
    empty ones, and the figures are the same."""
    assert run("write", "long ago", "--date", "1900-01-01", "--behaviour", "went-quiet")[0] == 0
    assert run("write", "now", "--date", "2026-11-18")[0] == 0
    code, out, err = run("patterns", "--since", "1900-01-01", "--until", "2026-11-18", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["by"] == "month" and len(data["periods"]) == EMPTY_PERIODS_SHOWN + 1
    assert data["periods"][0]["period"] == "1900-01" and data["periods"][0]["withdrawal"] == 1
    assert data["periods"][-1]["period"] == "2026-11" and data["periods"][-1]["entries"] == 1
    assert sum(p["entries"] for p in data["periods"]) == data["totals"]["entries"] == 2
