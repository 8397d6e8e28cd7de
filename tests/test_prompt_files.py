"""The shipped prompts' `read.json` (their TOML already read): always as the files are, and only
ever a shortcut: an edited file, a damaged `read.json` or one in your own folder change nothing."""

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from closeness_journal import paths, prompt_files
from closeness_journal.prompt_files import READ_FILE, SOURCES_FILE, load_prompts, write_read_file

SHIPPED = Path(__file__).resolve().parent.parent / "prompts"


def test_the_shipped_read_file_is_up_to_date():
    """After changing a shipped theme file: `python -m closeness_journal.prompt_files`."""
    kept = json.loads((SHIPPED / READ_FILE).read_text(encoding="utf-8"))
    files = sorted(p for p in SHIPPED.glob("*.toml") if p.name != SOURCES_FILE)
    assert sorted(kept) == [p.name for p in files]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert kept[path.name]["sha256"] == prompt_files._digest(text), path.name
        assert kept[path.name]["toml"] == tomllib.loads(text), path.name


@pytest.fixture
def shipped_copy(tmp_path, monkeypatch) -> Path:
    """The shipped folder copied, and used as the shipped one."""
    copy = tmp_path / "prompts"
    shutil.copytree(SHIPPED, copy)
    monkeypatch.setattr(paths, "bundled_prompts_dirs", lambda: [copy])
    monkeypatch.setenv("CLOSENESS_JOURNAL_CONFIG_DIR", str(tmp_path / "config"))
    return copy


def _parsed_everywhere(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = prompt_files.parse_theme_file

    def parse(text: str, origin: str):
        parsed.append(origin)
        return real(text, origin)

    monkeypatch.setattr(prompt_files, "parse_theme_file", parse)
    return parsed


def test_the_shipped_files_are_taken_as_already_read_and_give_the_same_library(shipped_copy, monkeypatch):
    parsed = _parsed_everywhere(monkeypatch)
    quick = load_prompts()
    assert parsed == [] and quick.problems == []
    (shipped_copy / READ_FILE).unlink()
    assert load_prompts().library == quick.library  # read from the TOML, the same
    assert len(parsed) == len(list(shipped_copy.glob("*.toml"))) - 1


def test_a_shipped_file_edited_since_is_read_from_its_toml(shipped_copy, monkeypatch):
    roots = shipped_copy / "roots.toml"
    text = roots.read_text(encoding="utf-8")
    first = tomllib.loads(text)["prompts"][0]
    roots.write_text(text.replace(first["text"], "A question edited after read.json was written?"), encoding="utf-8")
    parsed = _parsed_everywhere(monkeypatch)
    library = load_prompts().library
    assert library.prompts[first["id"]].text == "A question edited after read.json was written?"
    assert parsed == [str(roots)]


@pytest.mark.parametrize("damage", ["{not json", "[]", '{"roots.toml": 3}', '{"roots.toml": {"sha256": 3}}'])
def test_a_damaged_read_file_is_ignored(shipped_copy, damage):
    expected = load_prompts().library
    (shipped_copy / READ_FILE).write_text(damage, encoding="utf-8")
    loaded = load_prompts()
    assert loaded.library == expected and loaded.problems == []


def test_a_read_file_matching_its_text_is_still_checked(shipped_copy):
    """A hand-edited `read.json` whose digest matches is held to the same rules as the TOML."""
    kept = json.loads((shipped_copy / READ_FILE).read_text(encoding="utf-8"))
    kept["roots.toml"]["toml"]["people"] = 3
    (shipped_copy / READ_FILE).write_text(json.dumps(kept), encoding="utf-8")
    problems = load_prompts().problems
    assert len(problems) == 1 and "people must be 1 or 2" in problems[0]


def test_a_read_file_in_your_own_folder_is_not_used(tmp_path, monkeypatch):
    config = tmp_path / "config"
    mine = config / "prompts"
    mine.mkdir(parents=True)
    (mine / "mine.toml").write_text('theme = "gratitude"\n[[prompts]]\nid = "mine-01"\ntext = "Who helped?"\n')
    write_read_file(mine)
    kept = json.loads((mine / READ_FILE).read_text(encoding="utf-8"))
    kept["mine.toml"]["toml"]["prompts"][0]["text"] = "Not what the file says"
    (mine / READ_FILE).write_text(json.dumps(kept), encoding="utf-8")
    monkeypatch.setenv("CLOSENESS_JOURNAL_CONFIG_DIR", str(config))
    assert load_prompts().library.prompts["mine-01"].text == "Who helped?"


def test_a_shipped_file_json_cannot_hold_is_left_to_its_toml(shipped_copy):
    """A theme file with a TOML date can't be kept in read.json: writing it leaves that file out."""
    first = sorted(p for p in shipped_copy.glob("*.toml") if p.name != SOURCES_FILE)[0]
    first.write_text(first.read_text(encoding="utf-8").replace("\n", "\nadded = 2026-01-01\n", 1), encoding="utf-8")
    kept = json.loads(write_read_file(shipped_copy).read_text(encoding="utf-8"))
    assert first.name not in kept and len(kept) == len(list(shipped_copy.glob("*.toml"))) - 2
