"""write, edit, show, list, delete, trash and restore on the command line."""

import io
import json
import sys

FULL_ARGS = [
    "--who", "Sam", "--relationship", "partner", "--behaviour", "went-quiet", "--behaviour",
    "picked-fight", "--fear", "engulfment", "--fear", "loss", "--intensity", "7", "--kind",
    "emotional", "--kind", "physical", "--close-before", "--step", "Stayed for tea", "--predicted",
    "8", "--outcome", "2", "--private", "--tag", "home", "--tag", "evening", "--prompt",
    "pulled-away-01", "--date", "2026-11-01", "--stayed", "shared-a-feeling", "--stayed", "kept-plans",
    "--urge", "9", "--acted", "partly",
]


def test_every_field_round_trips_through_write_and_list_json(run):
    code, out, err = run("write", "-", *FULL_ARGS, stdin="We laughed.\nThen I went quiet.\n")
    assert code == 0, err
    entry_id = out.strip()
    code, out, _ = run("list", "--json")
    [entry] = json.loads(out)
    assert entry["id"] == entry_id
    expected = {
        "body": "", "who": "Sam", "relationship": "partner",
        "behaviours": ["went-quiet", "picked-fight"], "fears": ["engulfment", "loss"],
        "intensity": 7, "kinds": ["emotional", "physical"], "close_before": True,
        "small_step": "Stayed for tea", "predicted": 8, "outcome": 2, "private": True,
        "tags": ["home", "evening"], "local_date": "2026-11-01",
        "withdrawal": True, "sabotage": True, "deleted_at": None,
        "stayed": ["shared-a-feeling", "kept-plans"], "urge": 9, "acted": "partly", "stayed_close": True,
    }
    assert {k: entry[k] for k in expected} == expected
    [answer] = entry["answers"]
    assert answer["prompt_id"] == "pulled-away-01" and answer["prompt_text"]
    assert answer["text"] == "We laughed.\nThen I went quiet."
    assert entry["created_at"].endswith("+00:00")


def test_text_argument_and_list_filters(run):
    assert run("write", "first, about a friend", "--relationship", "friend")[0] == 0
    assert run("write", "second, a fight", "--behaviour", "picked-fight", "--date", "2026-01-05")[0] == 0
    code, out, _ = run("list", "--json", "--category", "sabotage")
    assert [e["body"] for e in json.loads(out)] == ["second, a fight"]
    code, out, _ = run("list", "--json", "--since", "2026-02-01")
    assert [e["body"] for e in json.loads(out)] == ["first, about a friend"]
    code, out, _ = run("list", "--json", "--search", "fight")
    assert len(json.loads(out)) == 1
    code, out, _ = run("list", "-n", "1", "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = run("list")
    assert "first, about a friend" in out and "pulled away" in out


def test_edit_keeps_a_revision_and_show_json_lists_it(run):
    entry_id = run("write", "before", "--intensity", "3")[1].strip()
    code, _, err = run("edit", entry_id[:8], "after", "--intensity", "5")
    assert code == 0, err
    data = json.loads(run("show", entry_id, "--json")[1])
    assert data["body"] == "after" and data["intensity"] == 5
    assert [r["entry"]["body"] for r in data["revisions"]] == ["before"]
    code, out, _ = run("show", entry_id[:6])
    assert "after" in out and "1 earlier version kept" in out


def test_edit_with_only_options_keeps_the_text(run):
    entry_id = run("write", "keep me")[1].strip()
    run("edit", entry_id, "--fear", "rejection")
    data = json.loads(run("show", entry_id, "--json")[1])
    assert data["body"] == "keep me" and data["fears"] == ["rejection"]


def test_delete_trash_restore_and_empty(run):
    entry_id = run("write", "to the trash")[1].strip()
    code, out, _ = run("delete", entry_id[:8])
    assert code == 0 and "restore" in out
    assert json.loads(run("list", "--json")[1]) == []
    assert [e["id"] for e in json.loads(run("trash", "--json")[1])] == [entry_id]
    assert run("restore", entry_id[:8])[0] == 0
    assert len(json.loads(run("list", "--json")[1])) == 1
    run("delete", entry_id)
    assert run("trash", "--empty")[0] == 2  # not a terminal and no --yes: refuses
    assert len(json.loads(run("trash", "--json")[1])) == 1
    code, out, _ = run("trash", "--empty", "--yes")
    assert code == 0 and "1 entry" in out
    assert json.loads(run("trash", "--json")[1]) == []


def test_end_of_input_at_the_trash_question_keeps_everything(run, monkeypatch):
    entry_id = run("write", "x")[1].strip()
    run("delete", entry_id)

    class Closed(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Closed(""))
    code, out, _ = run("trash", "--empty")
    assert code == 0 and "Kept everything" in out
    assert len(json.loads(run("trash", "--json")[1])) == 1


def test_list_says_nothing_matched_rather_than_empty_when_filtering(run):
    run("write", "x")
    out = run("list", "--since", "2030-01-01")[1]
    assert "No entries found" in out and "empty so far" not in out


def test_user_text_never_reaches_the_terminal_as_markup_or_escapes(run):
    text = "[bold]x[/] [/bold] [@click=app.quit]y[/] \x1b]2;title\x1b\\ end"
    entry_id = run("write", text, "--who", "[red]Sam[/]")[1].strip()
    for args in (["list"], ["show", entry_id], ["list", "--search", "end"]):
        code, out, _ = run(*args)
        assert code == 0
        assert "\x1b" not in out
    out = run("show", entry_id)[1]
    assert "[bold]x[/] [/bold] [@click=app.quit]y[/]" in out and "[red]Sam[/]" in out


def test_list_and_show_json_give_the_answers_and_the_free_writing_apart(run):
    entry_id = run("write", "free words", "--answer", "feared-01", "an answer", "--acted", "no")[1].strip()
    [listed] = json.loads(run("list", "--json")[1])
    shown = json.loads(run("show", entry_id, "--json")[1])
    for data in (listed, shown):
        assert data["body"] == "free words"
        [answer] = data["answers"]
        assert set(answer) == {"prompt_id", "prompt_text", "text"}
        assert answer["prompt_id"] == "feared-01" and answer["prompt_text"] and answer["text"] == "an answer"
        assert (data["stayed"], data["urge"], data["acted"], data["stayed_close"]) == ([], None, "no", True)
        assert "prompt_id" not in data and "prompt_text" not in data
    assert shown["revisions"] == []


def test_list_tag_filter_is_repeatable_and_ignores_case(run):
    run("write", "at home", "--tag", "Home")
    run("write", "home and work", "--tag", "home", "--tag", "work")
    run("write", "untagged")

    def bodies(*args: str) -> list[str]:
        return sorted(e["body"] for e in json.loads(run("list", "--json", *args)[1]))

    assert bodies("--tag", "HOME") == ["at home", "home and work"]
    assert bodies("--tag", "home", "--tag", "Work") == ["home and work"]
    assert bodies("--tag", "elsewhere") == []
    assert "No entries found" in run("list", "--tag", "elsewhere")[1]


def test_show_prints_each_answer_under_its_prompt_then_the_free_writing_then_the_check_in_in_words(run):
    from closeness_journal.prompt_files import load_prompts

    entry_id = run(
        "write", "The free writing.", "--answer", "pulled-away-01", "First answer.", "--answer", "feared-01",
        "Second answer.", "--stayed", "kept-plans", "--urge", "7", "--acted", "partly", "--fear", "burden",
    )[1].strip()
    out = " ".join(run("show", entry_id)[1].split())  # as read, whatever the terminal's width
    library = load_prompts().library
    order = [
        " ".join(library.prompts["pulled-away-01"].text.split()), "First answer.",
        " ".join(library.prompts["feared-01"].text.split()), "Second answer.",
        "Free writing", "The free writing.",
        "Stayed close Kept the plans", "Feared Being too much", "The pull to get away 7 of 10",
        "Acted on the pull Partly",
    ]
    positions = [out.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), positions


def test_show_without_answers_has_no_free_writing_heading(run):
    entry_id = run("write", "Just this.")[1].strip()
    out = run("show", entry_id)[1]
    assert "Just this." in out and "Free writing" not in out


def test_list_lines_use_the_headline_and_mark_staying_close(run):
    run("write", "--step", "Called mum first", "--acted", "no")
    run("write", "--answer", "feared-01", "An answer first.\nthen more", "--behaviour", "went-quiet")
    out = run("list")[1]
    step_line = next(line for line in out.splitlines() if "Called mum first" in line)
    answer_line = next(line for line in out.splitlines() if "An answer first." in line)
    assert "●" in step_line and "◐" not in step_line
    assert "◐" in answer_line and "●" not in answer_line and "then more" not in answer_line
    assert "● stayed close" in out


def test_write_and_edit_flag_an_entry_to_bring_up_and_list_marks_it(run):
    flagged = run("write", "Bring this up", "--flag")[1].strip()
    other = run("write", "Not this one")[1].strip()
    out = run("list")[1]
    assert "⚑" in next(line for line in out.splitlines() if "Bring this up" in line)
    assert "⚑" not in next(line for line in out.splitlines() if "Not this one" in line)
    assert "⚑ flagged" in out
    assert json.loads(run("show", flagged, "--json")[1])["flagged"] is True
    assert "flagged to bring up at your next session" in run("show", flagged)[1]
    assert run("edit", other, "--flag")[0] == 0 and run("edit", flagged, "--no-flag")[0] == 0
    shown = json.loads(run("show", other, "--json")[1])
    assert shown["flagged"] is True and shown["revisions"] == []  # a flag is a mark, not an edit
    assert json.loads(run("show", flagged, "--json")[1])["flagged"] is False
