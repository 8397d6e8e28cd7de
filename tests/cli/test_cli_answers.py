"""Several answers at once: `--answer PROMPT_ID TEXT`, `--prompt`, standard input, and the $EDITOR file
with the day's prompts as headings."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime

import pytest

from closeness_journal.core.dates import local_day
from closeness_journal.core.prompts import daily_prompts
from closeness_journal.prompt_files import load_prompts

LIBRARY = load_prompts().library


def prompt_text(prompt_id: str) -> str:
    return LIBRARY.prompts[prompt_id].text


def todays_prompts():
    return daily_prompts(LIBRARY, local_day(datetime.now(UTC))).all


def stored(run, entry_id: str) -> dict:
    code, out, err = run("show", entry_id, "--json")
    assert code == 0, err
    return json.loads(out)


def answers_of(data: dict) -> list[tuple[str, str, str]]:
    return [(a["prompt_id"], a["prompt_text"], a["text"]) for a in data["answers"]]


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """An $EDITOR that keeps a copy of the file it was given and makes the given replacements in it."""
    script = tmp_path / "editor.py"
    seen, plan = tmp_path / "seen.md", tmp_path / "plan.json"
    script.write_text(
        "import json, sys\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        f"open({str(seen)!r}, 'w', encoding='utf-8').write(text)\n"
        f"for old, new in json.load(open({str(plan)!r})):\n"
        "    assert old in text, old\n"
        "    text = text.replace(old, new, 1)\n"
        "open(path, 'w', encoding='utf-8').write(text)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")

    class Editor:
        def will(self, *replacements: tuple[str, str]) -> None:
            plan.write_text(json.dumps(replacements))

        @property
        def seen(self) -> str:
            return seen.read_text(encoding="utf-8")

    Editor().will()
    return Editor()


# ----------------------------------------------------------------------------- --answer


def test_several_answers_and_free_writing_at_once(run):
    code, out, err = run(
        "write", "And then a quiet evening.",
        "--answer", "pulled-away-01", "We laughed, then I went quiet.",
        "--answer", "feared-01", "That they would see too much.",
        "--fear", "being-seen",
    )
    assert code == 0, err
    data = stored(run, out.strip())
    assert answers_of(data) == [
        ("pulled-away-01", prompt_text("pulled-away-01"), "We laughed, then I went quiet."),
        ("feared-01", prompt_text("feared-01"), "That they would see too much."),
    ]
    assert data["body"] == "And then a quiet evening." and data["fears"] == ["being-seen"]


def test_answers_alone_open_no_editor_and_need_no_free_writing(run, editor):
    code, out, err = run("write", "--answer", "feared-01", "Being left.")
    assert code == 0, err
    data = stored(run, out.strip())
    assert data["body"] == "" and answers_of(data)[0][2] == "Being left."


def test_an_answer_can_come_from_standard_input(run):
    code, out, err = run("write", "free", "--answer", "feared-01", "-", stdin="from the pipe\n")
    assert code == 0, err
    data = stored(run, out.strip())
    assert answers_of(data)[0][2] == "from the pipe" and data["body"] == "free"


@pytest.mark.parametrize(
    "args, message",
    [
        (["write", "-", "--answer", "feared-01", "-"], "- (standard input) can be used once"),
        (["write", "--answer", "feared-01", "-", "--answer", "pulled-away-01", "-"], "can be used once"),
        (["write", "--answer", "no-such-prompt", "x"], "--answer: there is no prompt with the id 'no-such-prompt'"),
        (["write", "--answer", "feared-01", "a", "--answer", "feared-01", "b"], "feared-01 is given twice"),
        (["write", "x", "--prompt", "feared-01", "--answer", "feared-01", "y"], "give it once"),
        (["write", "--answer", "feared-01"], "expected 2 arguments"),
    ],
)
def test_answers_given_wrongly_are_usage_errors_and_write_nothing(run, args, message):
    code, out, err = run(*args, stdin="piped")
    assert code == 2 and message in err and out == ""
    assert "Traceback" not in err
    if "no prompt" in message:
        first, hint = err.splitlines()  # what is wrong, then where to read more, as every usage error
        assert "`closeness-journal prompts`" in first and hint == "Try 'closeness-journal write --help' for more."
    assert json.loads(run("list", "--json")[1]) == []


def test_edit_replaces_adds_and_removes_answers(run):
    entry_id = run("write", "free", "--answer", "feared-01", "first", "--answer", "pulled-away-01", "quiet")[1].strip()
    code, _, err = run("edit", entry_id, "--answer", "feared-01", "second", "--answer", "small-step-01", "a step")
    assert code == 0, err
    data = stored(run, entry_id)
    assert [(a[0], a[2]) for a in answers_of(data)] == [
        ("feared-01", "second"), ("pulled-away-01", "quiet"), ("small-step-01", "a step"),
    ]
    assert data["body"] == "free" and len(data["revisions"]) == 1
    run("edit", entry_id, "--answer", "pulled-away-01", "")
    assert [a[0] for a in answers_of(stored(run, entry_id))] == ["feared-01", "small-step-01"]


def test_edit_keeps_the_words_a_prompt_was_shown_with(run, private_folders):
    from closeness_journal.core.entries import Answer, Entry
    from closeness_journal.store import Journal

    journal = Journal.open(private_folders / "journal.db")
    entry = journal.add(Entry(local_date=datetime(2026, 11, 1).date(), answers=(
        Answer("feared-01", "The words of an older version", "then"),
        Answer("retired-prompt", "A prompt no longer in the library", "old answer"),
    )))
    journal.close()
    code, _, err = run("edit", entry.id, "--answer", "feared-01", "now", "--answer", "retired-prompt", "kept")
    assert code == 0, err
    assert answers_of(stored(run, entry.id)) == [
        ("feared-01", "The words of an older version", "now"),
        ("retired-prompt", "A prompt no longer in the library", "kept"),
    ]


def test_the_prompt_option_still_makes_the_text_its_answer(run):
    entry_id = run("write", "the answer", "--prompt", "feared-01")[1].strip()
    data = stored(run, entry_id)
    assert data["body"] == "" and answers_of(data) == [("feared-01", prompt_text("feared-01"), "the answer")]
    run("edit", entry_id, "changed", "--prompt", "feared-01")
    assert answers_of(stored(run, entry_id))[0][2] == "changed"


def test_edit_with_a_prompt_and_text_keeps_the_free_writing(run):
    entry_id = run("write", "my free writing", "--answer", "feared-01", "first")[1].strip()
    assert run("edit", entry_id, "an added answer", "--prompt", "pulled-away-01")[0] == 0
    data = stored(run, entry_id)
    assert data["body"] == "my free writing"
    assert [(a[0], a[2]) for a in answers_of(data)] == [("feared-01", "first"), ("pulled-away-01", "an added answer")]


# ----------------------------------------------------------------------------- the $EDITOR file


def test_write_opens_the_days_prompts_as_headings_and_saves_what_is_under_them(run, editor):
    day = todays_prompts()
    first, second = day[0], day[1]
    editor.will(
        (f"({first.id})\n", f"({first.id})\n\nI changed the subject.\n"),
        (f"({second.id})\n", f"({second.id})\n\nThat they would leave.\n## not a heading of mine\n"),
        ("## Free writing\n", "## Free writing\n\nA long day, but I stayed.\n"),
    )
    code, out, err = run("write", "--stayed", "kept-plans")
    assert code == 0, err
    headings = [line for line in editor.seen.splitlines() if line.startswith("## ")]
    assert headings == [f"## {p.text} ({p.id})" for p in day] + ["## Free writing"]
    assert editor.seen.startswith("<!-- closeness-journal:") and "Sections left empty are skipped" in editor.seen
    data = stored(run, out.strip())
    assert answers_of(data) == [
        (first.id, first.text, "I changed the subject."),
        (second.id, second.text, "That they would leave."),
    ]
    assert data["body"] == "## not a heading of mine\n\nA long day, but I stayed."
    assert data["stayed"] == ["kept-plans"]


def test_write_with_a_prompt_and_no_text_puts_that_prompt_first(run, editor):
    editor.will(("(roots-01)\n", "(roots-01)\n\nMy mother's silences.\n"))
    code, out, err = run("write", "--prompt", "roots-01")
    assert code == 0, err
    assert [line for line in editor.seen.splitlines() if line.startswith("## ")][0].endswith("(roots-01)")
    assert answers_of(stored(run, out.strip())) == [("roots-01", prompt_text("roots-01"), "My mother's silences.")]


def test_an_untouched_file_saves_nothing(run, editor):
    code, _, err = run("write")
    assert code == 2 and "empty, so nothing was saved" in err
    assert json.loads(run("list", "--json")[1]) == []


def test_edit_opens_the_entrys_answers_and_free_writing_and_keeps_a_revision(run, editor):
    entry_id = run("write", "free words\n## looks like a heading", "--answer", "feared-01", "first answer")[1].strip()
    editor.will(("first answer", "a better answer"), ("free words", "freer words"))
    code, _, err = run("edit", entry_id)
    assert code == 0, err
    assert f"## {prompt_text('feared-01')} (feared-01)\n\nfirst answer\n" in editor.seen
    assert "\n\\## looks like a heading\n" in editor.seen and "removes that answer" in editor.seen
    data = stored(run, entry_id)
    assert answers_of(data) == [("feared-01", prompt_text("feared-01"), "a better answer")]
    assert data["body"] == "freer words\n## looks like a heading"
    assert [r["entry"]["answers"][0]["text"] for r in data["revisions"]] == ["first answer"]


def test_edit_in_the_editor_removes_an_emptied_answer_and_leaves_an_unchanged_entry_alone(run, editor):
    entry_id = run("write", "--answer", "feared-01", "one", "--answer", "pulled-away-01", "two")[1].strip()
    assert run("edit", entry_id)[0] == 0  # saved as it was: no new version
    assert stored(run, entry_id)["revisions"] == []
    editor.will(("\none\n", "\n"))
    assert run("edit", entry_id)[0] == 0
    assert [a[0] for a in answers_of(stored(run, entry_id))] == ["pulled-away-01"]


def test_edit_with_a_prompt_and_no_text_adds_its_heading(run, editor):
    entry_id = run("write", "free")[1].strip()
    editor.will(("(roots-01)\n", "(roots-01)\n\nan answer added later\n"))
    assert run("edit", entry_id, "--prompt", "roots-01")[0] == 0
    assert answers_of(stored(run, entry_id)) == [("roots-01", prompt_text("roots-01"), "an answer added later")]


def test_the_readme_shows_the_file_as_it_is_written_and_read():
    from pathlib import Path

    from closeness_journal.core.editor_template import INSTRUCTIONS, parse
    from closeness_journal.core.entries import Answer

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    sample = readme.split("**Writing in your editor.**", 1)[1].split("```markdown\n", 1)[1].split("```", 1)[0]
    assert sample.splitlines()[: len(INSTRUCTIONS)] == [*INSTRUCTIONS[:-1], INSTRUCTIONS[-1] + " -->"]
    sections = [Answer(i, prompt_text(i), "") for i in ("pulled-away-01", "feared-01")]
    filled = parse(sample, sections)
    assert [(a.prompt_id, a.text) for a in filled.answers] == [
        ("pulled-away-01", "We laughed about the trip, and then I went quiet.")
    ]
    assert filled.body == "A long day, but I stayed for tea."


def test_an_untouched_file_leaves_no_copy_behind(run, editor, private_folders):
    code, _, err = run("write")
    assert code == 2 and "kept in" not in err
    assert [p.name for p in private_folders.iterdir() if p.name.startswith("entry-")] == []


def test_writing_that_cannot_be_saved_is_kept_with_the_headings(run, editor, private_folders, monkeypatch):
    from closeness_journal.store import Journal, JournalError

    def disk_full(self, entry, now=None):
        raise JournalError("The disk is full, so nothing was saved.")

    monkeypatch.setattr(Journal, "add", disk_full)
    editor.will(("## Free writing\n", "## Free writing\n\nkeep me\n"))
    code, _, err = run("write")
    assert code == 1 and "disk is full" in err
    [kept] = [p for p in private_folders.iterdir() if p.name.startswith("entry-")]
    assert str(kept) in err and "## Free writing\n\nkeep me\n" in kept.read_text()
    assert f"({todays_prompts()[0].id})" in kept.read_text()


class TypedIn(io.StringIO):
    """Standard input that is a terminal: what someone types."""

    def isatty(self) -> bool:
        return True


def test_text_typed_at_a_terminal_is_asked_for_with_how_to_end_it(run, monkeypatch):
    """`write -` typed at a terminal waited without a word, and looked stuck."""
    monkeypatch.setattr(sys, "stdin", TypedIn("typed at the terminal\n"))
    code, out, err = run("write", "-")
    assert code == 0 and "on a line of its own to save" in err and "Ctrl-C" in err
    assert stored(run, out.strip())["body"] == "typed at the terminal"
    code, out, err = run("write", "-", stdin="piped\n")  # piped: nothing to say
    assert code == 0 and err == ""
