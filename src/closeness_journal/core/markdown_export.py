"""The journal as Markdown, to read or to bring to a therapist.

Pure core: this module only turns entries and figures into Markdown text. It never opens a file
or a database; the caller streams entries in (oldest first) and writes the chunks out.

Everything a person typed goes through `escape_markdown`, so no entry can add a heading, a link,
HTML, a code block or a table to the document: it always shows as the text that was written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from operator import itemgetter

from closeness_journal.core.checkin_words import checkin_words
from closeness_journal.core.dates import week_start
from closeness_journal.core.export_blocks import (
    Block,
    Bullets,
    Em,
    Heading,
    Inline,
    Para,
    Prose,
    Section,
    Strong,
    Table,
    ladder_section,
)
from closeness_journal.core.export_rows import EntryRow, add_marks, rows_of
from closeness_journal.core.export_sections import (
    STAYED_MEANS,
    ReviewAnswers,
    key_section,
    linked_entries,
    session_section,
    summary_section,
    title_blocks,
)
from closeness_journal.core.export_text import Cleaner, clean_already, long_day
from closeness_journal.core.patterns import Patterns
from closeness_journal.core.redaction import redactor, replacement_words
from closeness_journal.core.session import SessionFacts, id_anchor
from closeness_journal.core.text import one_line, printable

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from closeness_journal.core.entries import Entry  # not imported: the export reads rows
    from closeness_journal.core.ladder import LadderRung  # imported only for a journal with a ladder

__all__ = ["STAYED_MEANS", "ReviewAnswers", "escape_markdown", "redactor", "render_markdown"]

_long_date = long_day  # for every day of a long export: `long_date` without strftime


# ---------------------------------------------------------------------------------- escaping

_NBSP = "\u00a0"
# Backslashes everywhere before: code spans and fences (` ~), emphasis (* _), links, images and
# reference definitions ([), HTML and autolinks (<), tables (|); before a backslash where it would
# escape something or, at the end of a line, make a hard line break; before & only where it would
# start an entity such as &lt;.
_INLINE = re.compile(r"[`*_\[<|~]|\\(?=[!-/:-@\[-`{-~]|\Z)|&(?=#?[0-9A-Za-z]+;)")
# At the start of a line, after any indentation: headings (#), block quotes (>), list markers
# (- +, and 1. 1) below), setext underlines and thematic breaks (= -), table delimiter rows (: -).
_LINE_MARKS = frozenset("#>+=:-")


def _maybe_inline(text: str) -> bool:
    """Whether `text` holds a character `_INLINE` might backslash: a quick first look, as most prose
    has none of them and then the slower pattern never runs. Nine searches for one character each
    (a C loop as fast as memchr) take about a tenth of the time of a regex character class, which
    looks at every character in turn."""
    return (
        "`" in text or "*" in text or "_" in text or "[" in text or "<" in text or "|" in text or "~" in text
        or "\\" in text or "&" in text
    )

_NUMBERED = re.compile(r"[0-9]+(?=[.)])")


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def _escape_line(line: str) -> str:
    """One line with no trailing space, not empty."""
    if _maybe_inline(line):
        line = _INLINE.sub(_backslash, line)
    indent = ""
    if line[0].isspace():
        # Spaces at the start of a line would make a code block; no-break spaces keep the
        # indent visible without that meaning.
        rest = line.lstrip()
        indent = line[: len(line) - len(rest)].replace("\t", _NBSP * 4).replace(" ", _NBSP)
        line = rest
    first = line[0]
    if first in _LINE_MARKS:
        line = "\\" + line
    elif "0" <= first <= "9" and (number := _NUMBERED.match(line)):
        line = f"{number.group()}\\{line[number.end():]}"
    return indent + line


def _escape(text: str) -> str:
    """`escape_markdown` for text that is already printable."""
    if "\n" not in text:
        text = text.rstrip()
        return _escape_line(text) if text else ""
    paragraphs = []
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()  # trailing spaces would make a hard line break
        if line:
            lines.append(_escape_line(line))
        elif lines:
            paragraphs.append("\\\n".join(lines))  # line breaks stay, as hard breaks
            lines = []
    if lines:
        paragraphs.append("\\\n".join(lines))
    return "\n\n".join(paragraphs)


_SPECIAL = bytes(range(0x09)) + bytes(range(0x0B, 0x20)) + b"\x7f`*_[<|~\\&"
"""An ASCII character `_printable` would drop, or one the inline escaping might backslash (as bytes:
deleting them from the encoded text is one C loop, about three times as fast as a regex search;
`str.isprintable` is slower too, looking each character up in the Unicode tables)."""
_SPECIAL_MARKED = bytes(0x80 if i in _SPECIAL else i for i in range(256))
"""`_SPECIAL` each turned into a byte ASCII text never holds: text that translates to itself has none
of them (a translation through a table is a faster loop than one that deletes)."""
_LINE_START = re.compile(r"\n[\s#>+=:\-0-9]")
"""A line that is empty, or starts with white space or like a heading, quote, list, rule or number."""
_LINE_MARK_STARTS = frozenset("#>+=:-0123456789")


def _plain_prose(text: str) -> bool:
    """Whether `_escape(_printable(text))` is just `text` with hard line breaks: ASCII text with no
    character that means anything in Markdown, and no line that is empty, starts like a block or
    starts or ends with white space. Two compiled scans of the whole text, instead of several per
    line (in ASCII text, white space before a line break that isn't a control character is a
    space or a tab)."""
    return (
        text.isascii()
        and not text[0].isspace() and not text[-1].isspace() and text[0] not in _LINE_MARK_STARTS
        and (encoded := text.encode()).translate(_SPECIAL_MARKED) == encoded
        # most texts are one line: then no line can start or end badly, and three scans are saved
        and ("\n" not in text or (" \n" not in text and "\t\n" not in text and _LINE_START.search(text) is None))
    )


def _hard_breaks(text: str) -> str:
    """Every line break a hard one (most texts have none: then `str.replace` would still look at
    each character, where `in` is one memchr)."""
    return text.replace("\n", "\\\n") if "\n" in text else text


def _printable(text: str) -> str:
    """`printable(text)`, skipping the work for text with nothing to remove (most of it)."""
    return text if clean_already(text) else printable(text)


def _one_line(text: str) -> str:
    """`one_line(text)`, skipping the work for text with nothing to remove."""
    return " ".join(text.split()) if text.isprintable() else one_line(text)


def escape_markdown(text: str) -> str:
    """`text` as Markdown that shows exactly that text, with no Markdown meaning.

    Control characters are dropped. Line breaks stay line breaks, blank lines separate
    paragraphs, indentation stays visible (as no-break spaces) without becoming code. Only the
    characters that could mean something get a backslash; ordinary prose stays readable.
    """
    return _escape(printable(text))


# ---------------------------------------------------------------------------------- blocks


def _fragment(text: str, starts_line: bool = False) -> str:
    """A piece of one line of text (no line breaks), escaped; line-start marks too where it begins a line."""
    if not text:
        return ""
    if starts_line:
        return _escape_line(text)
    if not _maybe_inline(text):
        return text  # nothing to escape (and no "&" that could start an entity)
    escaped = _INLINE.sub(_backslash, text)
    # "&lt" at the end of a piece would become an entity with a ";" at the start of the next one.
    return _ENTITY_AT_END.sub(r"\\&", escaped) if "&" in escaped else escaped


_ENTITY_AT_END = re.compile(r"&(?=#?[0-9A-Za-z]+\Z)")


def _inline(parts: Iterable[Inline], starts_line: bool = False) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(_fragment(part, starts_line))
        elif isinstance(part, Strong):
            out.append(f"**{_inline(part.parts)}**")
        elif isinstance(part, Em):
            out.append(f"*{_inline(part.parts)}*")
        else:  # a Link to an entry further down
            out.append(f"[{_inline(part.parts).replace(']', chr(92) + ']')}](#{part.anchor})")
        starts_line = False
    return "".join(out)


def blocks_markdown(blocks: Iterable[Block]) -> str:
    """Blocks as Markdown: every piece of text escaped, only the blocks add structure."""
    out = []
    again: dict[int, tuple[Para, str]] = {}  # a paragraph given more than once (a review's question), made once
    for block in blocks:
        if isinstance(block, Section):
            out.append(blocks_markdown(block.blocks))
        elif isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_inline(block.parts)}\n\n")
        elif isinstance(block, Para):
            if (made := again.get(id(block))) is None:  # kept with the block, so its id can't be another's
                made = again[id(block)] = (block, f"{_inline(block.parts, starts_line=True)}\n\n")
            out.append(made[1])
        elif isinstance(block, Prose):
            text = block.text
            # most of what people write has nothing to escape: then only its line breaks become hard ones
            if text := (_hard_breaks(text) if text and _plain_prose(text) else _escape(text)):
                out.append(f"{text}\n\n")
        elif isinstance(block, Bullets):
            for number, item in enumerate(block.items):
                out.append(f"- {_inline(item, starts_line=True)}\n")
                if number < len(block.under):
                    out.extend(f"  - {_inline(sub, starts_line=True)}\n" for sub in block.under[number])
            out.append("\n")
        elif isinstance(block, Table):
            out.append(f"| {' | '.join(_fragment(h) for h in block.header)} |\n")
            out.append("|" + "|".join("--:" if numeric else "---" for numeric in block.numeric) + "|\n")
            out.extend(f"| {' | '.join(_fragment(cell) for cell in row)} |\n" for row in block.rows)
            out.append("\n")
        # a Chart is drawn on the printable page only: the table beside it holds the same figures
    return "".join(out)


# ---------------------------------------------------------------------------------- the document


def render_markdown(
    entries: Iterable[Entry | EntryRow],
    *,
    patterns: Patterns,
    since: date,
    until: date,
    exported_on: date,
    private_left_out: int = 0,
    names: Mapping[str, str] | None = None,
    reviews: Sequence[ReviewAnswers] = (),
    session: SessionFacts | None = None,
    scope: str = "",
    ladder: Sequence[LadderRung] = (),
) -> Iterator[str]:
    """The journal as a Markdown document, in chunks ("".join(...) is the whole document).

    `entries` (entries, or the rows of `core/export_rows.py`) come oldest first, already filtered by
    the caller, and are read one day at a time.
    `patterns` are the caller's figures over the same range. With `names`, each name is replaced
    in everything the person wrote (who, text, small step, prompt, tags, review answers). With
    `session`, the document opens with "For my session" and a key to the scales and words.
    """
    text = _UserText(redactor(names) if names else None)
    clean = Cleaner(names)
    yield blocks_markdown(title_blocks(since, until, exported_on, bool(names), "markdown", scope))
    anchors: frozenset[str] = frozenset()
    if session is not None:
        anchors = linked_entries(session)
        yield blocks_markdown([session_section(session, patterns, clean), key_section(replacement_words(names or {}))])
    yield blocks_markdown([summary_section(patterns, private_left_out, reviews, clean)])
    if (ladder_blocks := ladder_section(ladder, clean.line)) is not None:
        yield blocks_markdown([ladder_blocks])

    written = 0
    week: date | None = None
    for day, group in itertools.groupby(rows_of(entries), key=itemgetter(0)):
        todays = list(group)
        parts: list[str] = []
        if week is None or not 0 <= (day - week).days < 7:  # `week_start(day) != week`, more cheaply
            week = week_start(day)
            parts.append(f"## Week of {_long_date(week)}\n\n")
        several = len(todays) > 1
        place = "" if several or not anchors else _anchor(todays[0][1], anchors)
        parts.append(f"### {place}{_long_date(day)}\n\n")
        for number, row in enumerate(todays, 1):
            if several:
                parts.append(f"#### {_anchor(row[1], anchors) if anchors else ''}Entry {number} of {len(todays)}\n\n")
            words = _entry(row, text, parts)
            if words.isascii():
                parts.append(words)
            else:
                # Its own chunk: the check-in's words hold an arrow or a dash ("expected → how it really
                # was"), and joined to the rest they would make the day's text wider to hold and to encode.
                yield "".join(parts)
                yield words
                parts = []
        written += len(todays)
        yield "".join(parts)
    if not written:
        yield "## Entries\n\nThere are no entries to show for these dates.\n"


def _anchor(entry_id: str, anchors: frozenset[str]) -> str:
    """Where "For my session" links to: an empty HTML anchor (Markdown has no other way to name a place)."""
    return f'<a id="{id_anchor(entry_id)}"></a>' if entry_id in anchors else ""


class _UserText:
    """What a person wrote, made safe for the document, with names replaced when asked."""

    MEMO = 4096
    """Short texts (who, tags, prompts) repeat a lot: this many are remembered."""

    def __init__(self, redact: Callable[[str], str] | None) -> None:
        self.redact = redact
        self.memo: dict[str, str] = {}
        self.prompts: dict[str, str] = {}
        """Each prompt's paragraph as written above its answer ("" for an empty one), made once."""

    def prompt(self, text: str) -> str:
        """The paragraph of a prompt: `*the prompt*`, a blank line after it (`prompts` remembers it)."""
        shown = self.line(text)
        done = f"*{shown}*\n\n" if shown else ""
        if len(self.prompts) < self.MEMO:
            self.prompts[text] = done
        return done

    def block(self, text: str) -> str:
        """Text of any length: paragraphs and line breaks kept."""
        if self.redact is None and text and _plain_prose(text):
            return _hard_breaks(text)  # one paragraph: every line break a hard one
        text = _printable(text)
        return _escape(self.redact(text) if self.redact else text)

    def line(self, text: str) -> str:
        """Text folded onto one line."""
        done = self.memo.get(text)
        if done is None:
            flat = _one_line(text)
            done = _escape(self.redact(flat) if self.redact else flat)
            if len(self.memo) < self.MEMO:
                self.memo[text] = done
        return done


def _entry(row: EntryRow, text: _UserText, out: list[str]) -> str:
    """What was written, added to `out` (the day's text so far); returns the check-in's words
    after it ("" when there are none)."""
    (_, _, created_at, updated_at, kind, answers, body, who, relationship, kinds, close_before, behaviours, stayed,
     fears, intensity, urge, urge_after, acted, small_step, rung, predicted, outcome, tags, private, flagged) = row
    start = len(out)
    append, line, block = out.append, text.line, text.block
    # A prompt's paragraph is made once for the whole export; plain prose goes through `block`'s
    # own shortcut (`_plain_prose`).
    if answers:
        prompts = text.prompts
        for prompt_text, answer in answers:
            if (prompt := prompts.get(prompt_text)) is None:
                prompt = text.prompt(prompt_text)
            if prompt:
                append(prompt)
            if said := block(answer):
                append(said)
                append("\n\n")
    if body and (said := block(body)):
        if answers:
            append("*Free writing*\n\n")
        append(said)
        append("\n\n")

    # The check-in in words. `checkin_words` joins what the person wrote with the journal's
    # own labels (which have nothing to escape), so that text is made safe first.
    if who:
        written, who = who, line(who)
        if text.redact and who and who != _escape(_one_line(written)):
            # The name was replaced by the relationship ("my partner"): say it once, in lower case
            # (the replacement was capitalised as if it began a sentence).
            who, relationship = who[:1].lower() + who[1:], None
    if small_step:
        small_step = line(small_step)
    if tags:
        tags = tuple(t for t in map(line, tags) if t)
    words = checkin_words(
        kind, who, relationship, kinds, close_before, behaviours, stayed, fears, intensity, urge, urge_after, acted,
        small_step, rung, predicted, outcome, tags, private,
    )
    add_marks(words, flagged, created_at, updated_at)
    if words:
        return "".join([f"- **{label}:** {value}\n" for label, value in words]) + "\n"
    if len(out) == start:
        append("*Nothing was written for this one.*\n\n")
    return ""
