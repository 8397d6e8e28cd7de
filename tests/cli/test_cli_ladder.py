"""`ladder add/list/edit/retire` and `write/edit --ladder` on the command line."""

import json

LIST_HINT = "closeness-journal ladder list"


def add(run, *args: str) -> str:
    code, out, err = run("ladder", "add", *args)
    assert code == 0, err
    return out.strip()


def test_add_prints_the_id_and_list_shows_the_ladder_easiest_first_with_its_attempts(run):
    hug = add(run, "Ask Sam for a hug when I want one", "--hard", "65", "--who", "Sam")
    ring = add(run, "Ring Ana instead of texting", "--hard", "25")
    code, out, err = run("write", "Rang her.", "--ladder", ring[:6], "--predicted", "7", "--outcome", "3",
                         "--date", "2026-11-10")
    assert code == 0, err
    [entry] = json.loads(run("list", "--json")[1])
    assert entry["rung"] == ring and entry["small_step"] == "Ring Ana instead of texting"  # the rung's words
    code, out, _ = run("ladder", "list")
    assert code == 0
    assert out.index("Ring Ana") < out.index("Ask Sam for a hug")  # easiest first
    assert "feels 25 of 100 now · tried once: easier than you expected" in out
    assert "2026-11-10  expected 7, really 3 (of 10)" in out
    assert "(with Sam)" in out and "not tried yet" in out
    assert "Next to try: Ask Sam for a hug when I want one" in out  # Ana's rung felt 3 of 10: comfortable
    data = json.loads(run("ladder", "list", "--json")[1])
    assert [r["id"] for r in data] == [ring, hug]
    assert data[0]["attempts"] == [
        {"entry_id": entry["id"], "date": "2026-11-10", "predicted": 7, "outcome": 3}]
    assert (data[0]["hard"], data[1]["who"], data[1]["tried"]) == (25, "Sam", 0)
    assert run("ladder")[1] == out  # no action: the list


def test_a_step_in_your_own_words_is_kept_beside_the_rung(run):
    ring = add(run, "Ring Ana", "--hard", "25")
    assert run("write", "x", "--ladder", ring, "--step", "Rang Ana for ten minutes")[0] == 0
    [entry] = json.loads(run("list", "--json")[1])
    assert (entry["small_step"], entry["rung"]) == ("Rang Ana for ten minutes", ring)


def test_edit_moves_a_rung_and_retire_keeps_it_and_its_attempts(run):
    hard = add(run, "Tell Mum something real", "--hard", "60")
    easy = add(run, "Reply within the hour", "--hard", "20")
    run("write", "x", "--ladder", hard, "--predicted", "8", "--outcome", "6")
    code, out, err = run("ladder", "edit", hard[:5], "--hard", "10", "--text", "Tell Mum one real thing")
    assert code == 0 and out.strip() == hard, err
    listed = json.loads(run("ladder", "list", "--json")[1])
    assert [(r["id"], r["text"]) for r in listed] == [
        (hard, "Tell Mum one real thing"), (easy, "Reply within the hour")]
    code, out, _ = run("ladder", "retire", hard)
    assert code == 0 and "kept" in out
    assert "Tell Mum" not in run("ladder", "list")[1]
    shown = run("ladder", "list", "--retired")[1]
    assert "Rungs you retired" in shown and "expected 8, really 6 (of 10)" in shown
    [retired] = [r for r in json.loads(run("ladder", "list", "--json")[1]) if r["id"] == hard]
    assert retired["retired_at"] and retired["tried"] == 1


def test_edit_can_try_a_rung_afterwards_or_take_it_away(run):
    ring = add(run, "Ring Ana", "--hard", "25")
    entry_id = run("write", "Rang her", "--step", "Rang Ana")[1].strip()
    assert run("edit", entry_id, "--ladder", ring[:4])[0] == 0
    assert json.loads(run("show", entry_id, "--json")[1])["rung"] == ring
    assert run("edit", entry_id, "--ladder", "")[0] == 0
    assert json.loads(run("show", entry_id, "--json")[1])["rung"] is None


def test_an_unknown_rung_id_is_a_usage_error_naming_ladder_list_and_nothing_is_written(run):
    add(run, "Ring Ana", "--hard", "25")
    entry_id = run("write", "kept as it was")[1].strip()
    for args in (
        ("write", "never saved", "--ladder", "ffff"),
        ("write", "never saved", "--ladder", "no"),
        ("edit", entry_id, "--ladder", "ffff"),
        ("ladder", "edit", "ffff", "--hard", "3"),
        ("ladder", "retire", "ffff"),
    ):
        code, out, err = run(*args)
        assert code == 2, args
        first, hint = err.splitlines()  # what is wrong, then where to read more (as every usage error)
        assert LIST_HINT in first and hint.startswith("Try 'closeness-journal ") and "Traceback" not in err
    [entry] = json.loads(run("list", "--json")[1])
    assert entry["body"] == "kept as it was" and entry["rung"] is None
    assert [r["hard"] for r in json.loads(run("ladder", "list", "--json")[1])] == [25]


def test_wrong_numbers_and_empty_words_are_usage_errors(run):
    for args, words in (
        (("ladder", "add", "x", "--hard", "101"), "outside 0 to 100"),
        (("ladder", "add", "x", "--hard", "lots"), "not a whole number from 0 to 100"),
        (("ladder", "add", "x"), "--hard"),
        (("ladder", "add", " ", "--hard", "5"), "a rung needs a few words"),
        (("ladder", "edit", "abcd"), "nothing to change"),
    ):
        code, _, err = run(*args)
        assert code == 2 and words in err, (args, err)
    assert json.loads(run("ladder", "list", "--json")[1]) == []


def test_an_empty_ladder_says_how_to_start(run):
    code, out, _ = run("ladder", "list")
    assert code == 0 and "Your ladder is empty" in out and "ladder add" in out


def test_the_review_follows_up_the_rung_chosen_the_week_before(run):
    from closeness_journal import paths
    from closeness_journal.core.review import SavedReview
    from closeness_journal.store import Journal

    ring = add(run, "Ring Ana instead of texting", "--hard", "25")
    run("write", "Rang her", "--ladder", ring, "--predicted", "6", "--outcome", "2", "--date", "2026-11-11")
    journal = Journal.open(paths.database_path(paths.data_dir(None)))
    journal.save_review(SavedReview("2026-W45", {"weekly-review-05": "Ring Ana"}, next_step="Ring Ana", next_rung=ring))
    journal.close()
    code, out, _ = run("review", "--week", "2026-W46")
    assert code == 0
    said = " ".join(out.split())  # the terminal's width may wrap it
    assert "You tried 'Ring Ana instead of texting' once this week: Wed expected 6, really 2 (of 10)." in said
    data = json.loads(run("review", "--week", "2026-W46", "--json")[1])
    assert data["last_rung"]["id"] == ring and len(data["last_rung"]["attempts"]) == 1
