"""`closeness-journal exercises` (list, do, export) and the reason `prompts --json` gives."""

import json
from datetime import UTC, datetime

from closeness_journal.core.dates import local_day
from closeness_journal.core.exercises import find_exercise
from closeness_journal.prompt_files import load_prompts

PARTNER = find_exercise(load_prompts().library, "partner-exercise")
GENTLE = PARTNER.items_for(False)


def test_list_names_the_exercises_and_no_rounds_yet(run):
    code, out, _ = run("exercises")
    assert code == 0
    assert "partner-exercise: Finish the sentence, together (for two people" in out
    assert "supporting: When someone you love pulls away (for one person" in out
    data = json.loads(run("exercises", "list", "--json")[1])
    assert [e["exercise"] for e in data["exercises"]] == ["partner-exercise", "supporting"]
    assert data["rounds"] == []


def test_two_people_do_the_partner_exercise_in_turn_then_export_it_side_by_side(run, tmp_path):
    first = "\n".join(f"Sam {n}" for n in range(len(GENTLE))) + "\n"
    code, out, err = run("exercises", "do", "partner-exercise", "--name", "Sam", "--no-include-touch", stdin=first)
    assert code == 0, err
    assert "Now hand over" in out and "touch and sex" not in out.split("\n1 of")[1]
    [waiting] = json.loads(run("exercises", "list", "--json")[1])["rounds"]
    assert waiting["status"] == "waiting for the second person" and "turns" not in waiting  # answers stay hidden
    assert run("exercises", "export", waiting["id"][:8])[0] == 1  # not until both are done

    second = "Alex\ny\n" + "\n".join(f"Alex {n}" for n in range(len(PARTNER.items))) + "\n"
    code, out, err = run("exercises", "do", "partner-exercise", stdin=second)
    assert code == 0, err
    asked, table = out.split("┏", 1)
    assert "Sam 0" not in asked  # while Alex answers, Sam's answers are nowhere
    assert "Sam 0" in table and "Alex 0" in table  # then both, side by side
    target = tmp_path / "both.md"
    code, _, err = run("exercises", "export", waiting["id"][:8], "-o", str(target))
    assert code == 0, err
    markdown = target.read_text()
    assert "| Starter | Sam | Alex |" in markdown
    assert f"| {GENTLE[0].text} | Sam 0 | Alex 0 |" in markdown
    sensitive = next(i for i in PARTNER.items if i.sensitive)
    assert f"| {sensitive.text} | (left out) | Alex {PARTNER.items.index(sensitive)} |" in markdown
    assert target.stat().st_mode & 0o777 == 0o600
    [done] = json.loads(run("exercises", "list", "--json")[1])["rounds"]
    assert done["finished"] and [t["name"] for t in done["turns"]] == ["Sam", "Alex"]


def test_the_second_turn_never_prints_the_first_persons_answers(run):
    run("exercises", "do", "partner-exercise", "--name", "Sam", "--no-include-touch",
        stdin="".join(f"secret {n}\n" for n in range(len(GENTLE))))
    code, out, _ = run("exercises", "do", "partner-exercise", "--name", "Alex", "--no-include-touch", stdin="one\n")
    assert code == 0 and "Stopped partway" in out
    assert "secret" not in out


def test_an_unknown_exercise_is_a_usage_error(run):
    code, _, err = run("exercises", "do", "nothing-like-it")
    assert code == 2 and "no exercise called 'nothing-like-it'" in err


def test_prompts_json_says_why_the_deeper_question_was_chosen_and_keeps_todays_choice(run):
    for _ in range(4):
        run("write", "x", "--fear", "engulfment")
    code, out, _ = run("prompts", "--json")
    assert code == 0
    deeper = json.loads(out)["prompts"][3]
    assert deeper["because"] in ("rotation", "fear", "roots") and deeper["reason"]
    again = json.loads(run("prompts", "--json")[1])["prompts"][3]
    assert again["id"] == deeper["id"]
    core = json.loads(out)["prompts"][:3]
    assert any(p["quiet"] for p in core) and all("reason" not in p for p in core)
    assert local_day(datetime.now(UTC)).isoformat() == json.loads(out)["date"]
