"""The file `$EDITOR` opens for a sitting: the prompts as headings, then "Free writing".

    <!-- closeness-journal: ... what to do ... -->

    ## Was there a moment today you wanted more distance? (pulled-away-03)

    what you write here is your answer to that prompt

    ## Free writing

    anything else

`render` writes the file and `parse` reads it back: what is under a prompt's heading is that
prompt's answer, what is under "Free writing" is the free writing. Nothing written is ever lost:

- A heading is a line that starts with `## `. It is matched to a prompt as written, else by the
  id in brackets at its end, else by the prompt's words; "Free writing" is matched by its words.
  A heading that matches nothing (one you changed, or one of your own) stays in the free writing
  with what is under it, as does anything above the first heading.
- A line of your own text that would read as a heading is written with a backslash in front
  (`\\## like this`), and the backslash comes off again when the file is read; a line that
  already starts with backslashes and `##` gets one more, so every text comes back as it was.
- A section written under the same prompt twice keeps both parts, one after the other.

Blank lines around a section's text are not kept; everything else is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from closeness_journal.core.entries import Answer
from closeness_journal.core.text import one_line

FREE_WRITING = "Free writing"

INSTRUCTIONS = (
    "<!-- closeness-journal: write under any of the headings, as much or as little",
    "     as you like. What you write under a question is your answer to it;",
    "     Free writing is for anything else. Sections left empty are skipped.",
    "     Save and close the editor to keep what you wrote.",
)
"""The note at the top of the file (a Markdown comment), kept under 80 columns."""
EDITING = "     Emptying a section removes that answer from the entry."
_MARK = "<!-- closeness-journal"

_HEADING = re.compile(r"##(?=[ \t]|$)")
_NEEDS_ESCAPE = re.compile(r"\\*##(?=[ \t]|$)")
_ESCAPED = re.compile(r"\\+##(?=[ \t]|$)")
_TRAILING_ID = re.compile(r"\(([^()]*)\)\s*$")
_WORDS = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Filled:
    """What came back from the editor: the answers (in the file's order) and the free writing."""

    answers: tuple[Answer, ...]
    body: str


def heading(answer: Answer) -> str:
    """The heading line of a prompt's section: its words, then its id in brackets."""
    words = one_line(answer.prompt_text)
    return f"## {words} ({one_line(answer.prompt_id)})" if words else f"## ({one_line(answer.prompt_id)})"


def render(sections: Sequence[Answer], body: str = "", editing: bool = False) -> str:
    """The file for the editor: a short note, one section per prompt (with its text, if any), and
    the free writing. `sections` are the prompts offered, each with what is written so far."""
    parts = [*INSTRUCTIONS, *([EDITING] if editing else [])]
    parts[-1] += " -->"
    parts.append("")
    seen: set[str] = set()
    for section in sections:
        if section.prompt_id in seen:
            continue
        seen.add(section.prompt_id)
        parts += [heading(section), ""]
        parts += [_escape(section.text), ""] if section.text.strip() else [""]
    parts += [f"## {FREE_WRITING}", ""]
    if body.strip():
        parts.append(_escape(body))
    return "\n".join(parts) + "\n"


def parse(text: str, sections: Sequence[Answer]) -> Filled:
    """Read back a file made by `render` for these `sections`, however it was changed."""
    offered = _Offered(sections)
    preamble: list[str] = []
    chunks: list[tuple[str | None, list[str]]] = []  # (heading line or None, its lines)
    for line in text.split("\n"):
        if _HEADING.match(line):
            chunks.append((line, []))
        elif chunks:
            chunks[-1][1].append(line)
        else:
            preamble.append(line)
    answers: dict[str, list[str]] = {}
    free: list[str] = [_without_instructions("\n".join(preamble))]
    for line, lines in chunks:
        content = _clean("\n".join(_unescape(part) for part in lines))
        assert line is not None
        target = offered.match(line)
        if target == "":
            free.append(content)
        elif target is not None:
            answers.setdefault(target, []).append(content)
        else:
            title = line[2:].strip()
            free.append(_clean(f"{line}\n\n{content}") if title else content)
    filled = tuple(
        Answer(prompt_id, offered.by_id[prompt_id].prompt_text, joined)
        for prompt_id, parts in answers.items()
        if (joined := _join(parts))
    )
    return Filled(filled, _join(free))


class _Offered:
    """The sections a file was made for, and how a heading line is matched to one of them."""

    def __init__(self, sections: Sequence[Answer]) -> None:
        self.by_id: dict[str, Answer] = {}
        for section in sections:
            self.by_id.setdefault(section.prompt_id, section)
        self.by_heading = {heading(s): s.prompt_id for s in reversed(self.by_id.values())}
        self.by_shown_id = {one_line(s.prompt_id): s.prompt_id for s in reversed(self.by_id.values())}
        self.by_words = {
            words: s.prompt_id for s in reversed(self.by_id.values()) if (words := _words(s.prompt_text))
        }

    def match(self, line: str) -> str | None:
        """The id of the prompt this heading is for, "" for the free writing, None for no match."""
        line = line.rstrip()
        if line in self.by_heading:
            return self.by_heading[line]
        title = line[2:].strip()
        bracket = _TRAILING_ID.search(title)
        if bracket and bracket.group(1).strip() in self.by_shown_id:
            return self.by_shown_id[bracket.group(1).strip()]
        words = _words(title[: bracket.start()] if bracket else title)
        if words == _words(FREE_WRITING):
            return ""
        return self.by_words.get(words) or self.by_words.get(_words(title))


def _words(text: str) -> str:
    """Text compared by its words alone: no case, spacing or punctuation."""
    return _WORDS.sub(" ", text).strip().casefold()


def _escape(text: str) -> str:
    return "\n".join("\\" + line if _NEEDS_ESCAPE.match(line) else line for line in text.split("\n"))


def _unescape(line: str) -> str:
    return line[1:] if _ESCAPED.match(line) else line


def _clean(text: str) -> str:
    """Without the blank lines before it and the white space after it."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


def _join(parts: Sequence[str]) -> str:
    return "\n\n".join(part for part in parts if part)


def _without_instructions(preamble: str) -> str:
    """What was written above the first heading, without the note at the top of the file (a note
    whose end was removed stays, rather than guess where it ended)."""
    start = preamble.find(_MARK)
    end = preamble.find("-->", start)
    if start < 0 or end < 0:
        return _clean(preamble)
    before, after = _clean(preamble[:start]), _clean(preamble[end + 3 :].lstrip(" \t"))
    return _join([before, after])
