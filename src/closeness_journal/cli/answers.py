"""The answers of an entry on the command line: `--answer PROMPT_ID TEXT`, `--prompt ID` with TEXT,
`-` for standard input (once), and the sections of the $EDITOR file (core/editor_template.py)."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from closeness_journal.cli.common import UsageError
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.prompts import PromptLibrary

STDIN = "-"


@functools.cache
def library() -> PromptLibrary:
    """The prompt library: the shipped prompts and your own."""
    from closeness_journal.prompt_files import load_prompts

    return load_prompts().library


def resolve(prompt_id: str, option: str, known: Sequence[Answer] = ()) -> Answer:
    """The prompt with this id, as an empty answer: one the entry already answers (with the words
    it was shown with then), else one from the library. Any other id is a usage error."""
    for answer in known:
        if answer.prompt_id == prompt_id:
            return Answer(answer.prompt_id, answer.prompt_text, "")
    prompt = library().get(prompt_id)
    if prompt is None:
        raise UsageError(f"{option}: there is no prompt with the id {prompt_id!r} (see `closeness-journal prompts`)")
    return Answer(prompt.id, prompt.text, "")


def given_answers(args: argparse.Namespace, known: Sequence[Answer] = ()) -> list[Answer]:
    """Each `--answer PROMPT_ID TEXT`, checked: a known prompt, each once, `-` used once overall.
    Their text is as given (`-` is read later, by `read_stdin`)."""
    pairs: list[list[str]] = args.answers or []
    if [args.text, *(text for _, text in pairs)].count(STDIN) > 1:
        raise UsageError("- (standard input) can be used once: for TEXT or for one --answer")
    answers: list[Answer] = []
    for prompt_id, text in pairs:
        prompt = resolve(prompt_id.strip(), "--answer", known)
        if any(a.prompt_id == prompt.prompt_id for a in answers):
            raise UsageError(f"--answer: {prompt.prompt_id} is given twice; give each prompt's answer once")
        answers.append(replace(prompt, text=text))
    if args.prompt is not None and args.text is not None and any(a.prompt_id == args.prompt for a in answers):
        raise UsageError(f"--prompt and --answer both give an answer to {args.prompt}; give it once")
    return answers


END_OF_TYPING = "Ctrl-Z, then Enter," if sys.platform == "win32" else "Ctrl-D"
TYPING_HINT = f"Write here, then press {END_OF_TYPING} on a line of its own to save (Ctrl-C leaves without saving)."


def read_stdin(text: str | None, answers: Sequence[Answer]) -> tuple[str | None, list[Answer]]:
    """TEXT and the answers, with the one `-` among them read from standard input."""
    if text != STDIN and all(a.text != STDIN for a in answers):
        return text, list(answers)
    if sys.stdin.isatty():  # typed, not piped: say how it ends (a silent wait looked stuck)
        print(TYPING_HINT, file=sys.stderr)
    read = sys.stdin.read()
    return (
        read if text == STDIN else text,
        [replace(a, text=read) if a.text == STDIN else a for a in answers],
    )


def place_text(entry: Entry, text: str, prompt: Answer | None) -> Entry:
    """TEXT in its place: the free writing, or with `--prompt ID` the answer to that prompt (the
    free writing is then left as it was)."""
    if prompt is None:
        return replace(entry, body=text)
    return with_answers(entry, [replace(prompt, text=text)])


def with_answers(entry: Entry, given: Sequence[Answer]) -> Entry:
    """The entry with these answers: each replaces the one to the same prompt where it was (keeping
    the prompt's words as they were shown then), or is added after the others; an empty one removes it."""
    answers = list(entry.answers)
    for answer in given:
        at = next((i for i, a in enumerate(answers) if a.prompt_id == answer.prompt_id), None)
        if at is None:
            answers.append(answer)
        else:
            answers[at] = replace(answers[at], text=answer.text)
    return replace(entry, answers=tuple(a for a in answers if a.text.strip()))


def template_sections(journal: Any, entry: Entry, prompt: Answer | None) -> list[Answer]:
    """The sections of the $EDITOR file: the entry's answers, the prompt given with `--prompt`, and
    the prompts of the entry's day (as the journal shows them that day) not already there."""
    from closeness_journal import day_prompts

    chosen = day_prompts.for_day(journal, library(), entry.local_date)
    sections = list(entry.answers)
    for extra in (*((prompt,) if prompt else ()), *(Answer(p.id, p.text, "") for p in chosen.all)):
        if all(s.prompt_id != extra.prompt_id for s in sections):
            sections.append(extra)
    return sections
