"""The parts of an export as plain data, so the Markdown file and the printable page hold the same
content: headings, paragraphs, lists and tables made of text, emphasis and links to entries.

Every `str` in a block is text as a person reads it, never markup: each renderer escapes all of
it (Markdown with backslashes, HTML with entities). Only the block types add structure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Union

from closeness_journal.core.dates import long_date
from closeness_journal.core.ladder import LadderRung, attempt_words, forecast_sentence, gap_words, hard_words, suggest
from closeness_journal.core.patterns import Patterns


@dataclass(frozen=True, slots=True)
class Strong:
    parts: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Em:
    parts: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a place in the same document (an entry's anchor)."""

    anchor: str
    parts: tuple[Inline, ...]


Inline = Union[str, Strong, Em, Link]  # noqa: UP007 (a runtime alias; `|` would need the classes' __or__)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    parts: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Para:
    parts: tuple[Inline, ...]
    kind: str = ""
    """A hint for the page's style: "" (ordinary), "quiet" (a side note)."""


@dataclass(frozen=True, slots=True)
class Prose:
    """What a person wrote at length: paragraphs and line breaks kept."""

    text: str
    kind: str = ""
    """"note" for the person's note for the session."""


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[tuple[Inline, ...], ...]
    under: tuple[tuple[tuple[Inline, ...], ...], ...] = ()
    """Items listed under each item, one level down (none when shorter than `items`)."""


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    numeric: tuple[bool, ...]
    """Which columns hold numbers (aligned right)."""
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """The period-by-period chart of pulling away, pushing away and staying close (drawn on the
    printable page; the Markdown has the table beside it instead)."""

    patterns: Patterns


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the document, named for the page's style ("for-my-session", "key", "summary")."""

    name: str
    blocks: tuple[Block, ...]


Block = Union[Heading, Para, Prose, Bullets, Table, Chart, Section]  # noqa: UP007


def para(*parts: Inline, kind: str = "") -> Para:
    return Para(tuple(parts), kind)


def heading(level: int, *parts: Inline) -> Heading:
    return Heading(level, tuple(parts))


def strong(*parts: Inline) -> Strong:
    return Strong(tuple(parts))


def em(*parts: Inline) -> Em:
    return Em(tuple(parts))


def bullets(items: list[tuple[Inline, ...]] | tuple[tuple[Inline, ...], ...]) -> Bullets:
    return Bullets(tuple(items))


# ---------------------------------------------------------------------------------- the ladder


def ladder_section(ladder: Sequence[LadderRung], line: Callable[[str], str]) -> Section | None:
    """The ladder of small steps, easiest first, each rung with its tries in these dates (a retired
    rung only when it was tried in them); None when there is no ladder. `line` cleans what the
    person wrote (a rung's words, whom it is with) onto one line, names replaced when asked."""
    shown = [step for step in ladder if not step.rung.retired or step.attempts]
    if not shown:
        return None
    items: list[tuple[Inline, ...]] = []
    for step in shown:
        rung = step.rung
        item: list[Inline] = [strong(line(rung.text))]
        if rung.who:
            item.append(f" (with {line(rung.who)})")
        if rung.retired:
            item += [" ", em("(retired)")]
        items.append((*item, f": {hard_words(rung)}; {gap_words(step)}"))
    blocks: list[Block] = [
        heading(3, "Your ladder of small steps"),
        para(em("Steps you'd like to be able to take, easiest first. How hard each feels now is out of 100; "
                "how hard each try was expected to be, and really was, is out of 10.")),
        para(forecast_sentence(shown)),
        Bullets(tuple(items), tuple(tuple((f"{long_date(a.day)}: {attempt_words(a)}",) for a in step.attempts)
                                    for step in shown)),
    ]
    suggestion = suggest(shown)
    if suggestion.step is not None:
        blocks.append(para(strong("Next to try:"), f" {line(suggestion.step.rung.text)}. {suggestion.reason}"))
    return Section("ladder", tuple(blocks))
