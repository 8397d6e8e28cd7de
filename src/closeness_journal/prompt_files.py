"""Loading prompt files from disk: the shipped ones, then your own (see `paths` for the order).

The shipped folder also holds `read.json`: each shipped file's TOML as already read, beside the
SHA-256 of its text. A shipped file whose text matches is taken from there, so the window doesn't
parse 40 KB of TOML each time it starts (about 7 ms, a tenth of the journal's own start-up); any
other file, and a shipped one edited since, is read from its TOML. Either way the same checks
apply. After changing a shipped file, `python -m closeness_journal.prompt_files` writes it again
(a test says when it is out of date).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from closeness_journal import paths
from closeness_journal.core.prompt_library import theme_file
from closeness_journal.core.prompts import PromptFileError, PromptLibrary, ThemeFile, parse_theme_file

SOURCES_FILE = "sources.toml"
READ_FILE = "read.json"


@dataclass
class LoadedPrompts:
    library: PromptLibrary
    problems: list[str] = field(default_factory=list)
    """Files that could not be used, each with its path and what is wrong."""


def read_folder(folder: Path, shipped: bool = False) -> tuple[list[ThemeFile], list[str]]:
    """Every `*.toml` theme file in a folder (except sources.toml), with the problems found.
    `shipped`: the files whose text is as `read.json` has it are taken from there."""
    files: list[ThemeFile] = []
    problems: list[str] = []
    already = _already_read(folder) if shipped else {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == SOURCES_FILE:
            continue
        try:
            text = path.read_text(encoding="utf-8")
            known = already.get(path.name)
            if isinstance(known, dict) and known.get("sha256") == _digest(text) and isinstance(known.get("toml"), dict):
                files.append(theme_file(known["toml"], str(path)))
            else:
                files.append(parse_theme_file(text, str(path)))
        except PromptFileError as error:
            problems.append(str(error))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path}: could not be read ({error})")
    return files, problems


def load_prompts(folders: list[Path] | None = None) -> LoadedPrompts:
    """Load prompts from `folders`, or by default from the shipped prompts and then your own."""
    if folders is None:
        folders = [*paths.bundled_prompts_dirs()[:1], paths.user_prompts_dir()]
    files: list[ThemeFile] = []
    problems: list[str] = []
    shipped = paths.bundled_prompts_dirs()[:1]
    for folder in folders:
        if folder.is_dir():
            found, trouble = read_folder(folder, shipped=folder in shipped)
            files.extend(found)
            problems.extend(trouble)
    library, duplicate_ids = PromptLibrary.merge(files)
    return LoadedPrompts(library, problems + duplicate_ids)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _already_read(folder: Path) -> dict[str, Any]:
    """`read.json`'s files, by name; nothing when it is missing or can't be read."""
    try:
        found = json.loads((folder / READ_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_read_file(folder: Path) -> Path:
    """Write `folder`'s `read.json` from its theme files as they are now (files JSON can't hold
    as TOML read them, say with a date, are left out: they are read from their TOML)."""
    import tomllib

    kept: dict[str, Any] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == SOURCES_FILE:
            continue
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        try:
            same = json.loads(json.dumps(data)) == data
        except (TypeError, ValueError):  # a date, say: not something JSON holds
            same = False
        if same:
            kept[path.name] = {"sha256": _digest(text), "toml": data}
    target = folder / READ_FILE
    target.write_text(json.dumps(kept, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":  # after changing a shipped theme file
    for shipped_folder in paths.bundled_prompts_dirs()[:1]:
        print(f"wrote {write_read_file(shipped_folder)}")
