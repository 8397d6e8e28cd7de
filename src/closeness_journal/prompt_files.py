"""Loading prompt files from disk: the shipped ones, then your own (see `paths` for the order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from closeness_journal import paths
from closeness_journal.core.prompts import PromptFileError, PromptLibrary, ThemeFile, parse_theme_file

SOURCES_FILE = "sources.toml"


@dataclass
class LoadedPrompts:
    library: PromptLibrary
    problems: list[str] = field(default_factory=list)
    """Files that could not be used, each with its path and what is wrong."""


def read_folder(folder: Path) -> tuple[list[ThemeFile], list[str]]:
    """Every `*.toml` theme file in a folder (except sources.toml), with the problems found."""
    files: list[ThemeFile] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        if path.name == SOURCES_FILE:
            continue
        try:
            text = path.read_text(encoding="utf-8")
            files.append(parse_theme_file(text, str(path)))
        except PromptFileError as error:
            problems.append(str(error))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path}: could not be read ({error})")
    return files, problems


def load_prompts(folders: list[Path] | None = None) -> LoadedPrompts:
    """Load prompts from `folders`, or by default from the shipped prompts and then your own."""
    if folders is None:
        shipped = paths.bundled_prompts_dirs()[:1]
        folders = [*shipped, paths.user_prompts_dir()]
    files: list[ThemeFile] = []
    problems: list[str] = []
    for folder in folders:
        if folder.is_dir():
            found, trouble = read_folder(folder)
            files.extend(found)
            problems.extend(trouble)
    library, duplicate_ids = PromptLibrary.merge(files)
    return LoadedPrompts(library, problems + duplicate_ids)
