"""The journal as one printable page: a self-contained HTML file with the same content as the
Markdown export, to open in any browser and print (or save as PDF).

One file, nothing else: the style is inline (with a print stylesheet), the chart is an inline SVG,
there are no scripts, no web fonts and no links outside the page (a Content-Security-Policy says
so too). Every piece of text a person wrote is escaped with `html.escape`, so it only ever shows
as text. Pure core, like `markdown_export.py`: entries stream in oldest first, chunks stream out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from html import escape
from operator import itemgetter

from closeness_journal.core.chart_svg import chart_svg
from closeness_journal.core.checkin_words import checkin_words
from closeness_journal.core.dates import long_date, week_start
from closeness_journal.core.export_blocks import (
    Block,
    Bullets,
    Chart,
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
    ReviewAnswers,
    date_span,
    key_section,
    session_section,
    summary_section,
    title_blocks,
)
from closeness_journal.core.export_text import Cleaner
from closeness_journal.core.patterns import Patterns
from closeness_journal.core.redaction import replacement_words
from closeness_journal.core.session import SessionFacts, id_anchor

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from closeness_journal.core.entries import Entry  # not imported: the export reads rows
    from closeness_journal.core.ladder import LadderRung  # imported only for a journal with a ladder

STYLE = """
:root { color-scheme: light; }
html { background: #fff; }
body { font: 16px/1.55 Georgia, "Iowan Old Style", "Palatino Linotype", "Times New Roman", serif; color: #1d1d1d;
  max-width: 48rem; margin: 2rem auto 4rem; padding: 0 1.25rem; }
h1, h2, h3, h4, .chart, table, dl, .lede { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.08rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: .98rem; margin: 1rem 0 .3rem; color: #333; }
p { margin: .45rem 0; }
.lede { color: #555; font-size: .92rem; }
.quiet { color: #555; }
ul { padding-left: 1.3rem; margin: .3rem 0 .8rem; }
li { margin: .2rem 0; }
a { color: #1f4e8c; }
.prose p { white-space: pre-wrap; overflow-wrap: anywhere; }
section.for-my-session { border: 2px solid #3a3a3a; border-radius: 6px; padding: .2rem 1.3rem 1rem;
  margin-top: 1.4rem; }
section.for-my-session h2 { margin-top: 1rem; border-bottom: none; font-size: 1.45rem; }
.note { background: #f5f1e6; border-left: 4px solid #8a7440; padding: .4rem 1rem; margin: .4rem 0 1rem; }
section.key li { font-size: .92rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .88rem;
  font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #999; font-weight: 600; }
.n { text-align: right; }
td:first-child { white-space: nowrap; }
figure.chart { margin: 1rem 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
article.entry { margin-bottom: 1rem; }
article.entry + article.entry { border-top: 1px solid #e2e2e2; padding-top: .4rem; }
.prompt { font-style: italic; color: #4a4a4a; margin-bottom: .15rem; }
dl.checkin { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .88rem;
  margin: .6rem 0 0; }
dl.checkin dt { font-weight: 600; color: #333; }
dl.checkin dd { margin: 0; }
@media print {
  @page { margin: 16mm 15mm 18mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  li, tr, figure, .note, dl.checkin, article.entry p { break-inside: avoid; page-break-inside: avoid; }
  section.key, section.entries { break-before: page; page-break-before: always; }
  section.for-my-session { border-width: 1px; }
  table { font-size: 9pt; }
  .note { background: none; border-left: 3px solid #555; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""Nothing outside the page may load, and no script may run, even if a browser were tricked."""


_NUMERIC = ' class="n"'


def _inline(parts: Iterable[Inline]) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape(part))
        elif isinstance(part, Strong):
            out.append(f"<strong>{_inline(part.parts)}</strong>")
        elif isinstance(part, Em):
            out.append(f"<em>{_inline(part.parts)}</em>")
        else:
            out.append(f'<a href="#{escape(part.anchor)}">{_inline(part.parts)}</a>')
    return "".join(out)


def _prose(text: str, kind: str = "") -> str:
    """A person's text: paragraphs at blank lines; line breaks and indents kept by the style."""
    paragraphs = [p.strip("\n") for p in text.replace("\r", "").split("\n\n")]
    inner = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p.strip())
    return f'<div class="prose{" " + kind if kind else ""}">{inner}</div>\n' if inner else ""


def _cells(tag: str, values: Sequence[str], numeric: Sequence[bool]) -> str:
    return "".join(
        f"<{tag}{_NUMERIC if number else ''}>{escape(value)}</{tag}>"
        for value, number in zip(values, numeric, strict=True)
    )


def blocks_html(blocks: Iterable[Block]) -> str:
    """Blocks as HTML: every piece of text escaped, only the blocks add elements."""
    out = []
    for block in blocks:
        if isinstance(block, Section):
            out.append(f'<section class="{block.name}" id="{block.name}">\n{blocks_html(block.blocks)}</section>\n')
        elif isinstance(block, Heading):
            out.append(f"<h{block.level}>{_inline(block.parts)}</h{block.level}>\n")
        elif isinstance(block, Para):
            kind = f' class="{block.kind}"' if block.kind else ""
            out.append(f"<p{kind}>{_inline(block.parts)}</p>\n")
        elif isinstance(block, Prose):
            out.append(_prose(block.text, block.kind))
        elif isinstance(block, Bullets):
            out.append("<ul>\n")
            for number, item in enumerate(block.items):
                under = block.under[number] if number < len(block.under) else ()
                inner = "".join(f"<li>{_inline(sub)}</li>\n" for sub in under)
                out.append(f"<li>{_inline(item)}" + (f"\n<ul>\n{inner}</ul>\n" if inner else "") + "</li>\n")
            out.append("</ul>\n")
        elif isinstance(block, Table):
            numeric = block.numeric
            out.append(f"<table>\n<thead><tr>{_cells('th', block.header, numeric)}</tr></thead>\n<tbody>\n")
            out.extend(f"<tr>{_cells('td', row, numeric)}</tr>\n" for row in block.rows)
            out.append("</tbody>\n</table>\n")
        elif isinstance(block, Chart):
            out.append(f'<figure class="chart">{chart_svg(block.patterns)}</figure>\n')
    return "".join(out)


def render_html(
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
    """The journal as one HTML page, in chunks (the same arguments as `render_markdown`)."""
    clean = Cleaner(names)
    title = f"Your journal, {date_span(since, until)}"
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n"
    )
    head = title_blocks(since, until, exported_on, bool(names), "html", scope)
    yield blocks_html(head[:1]) + blocks_html([_lede(block) for block in head[1:]]) + "</header>\n<main>\n"
    if session is not None:
        yield blocks_html([session_section(session, patterns, clean), key_section(replacement_words(names or {}))])
    yield blocks_html([summary_section(patterns, private_left_out, reviews, clean)])
    if (ladder_blocks := ladder_section(ladder, clean.line)) is not None:
        yield blocks_html([ladder_blocks])

    yield '<section class="entries" id="entries">\n'
    week: date | None = None
    written = 0
    for day, group in itertools.groupby(rows_of(entries), key=itemgetter(0)):
        todays = list(group)
        parts = []
        if week_start(day) != week:
            week = week_start(day)
            parts.append(f"<h2>Week of {long_date(week)}</h2>\n")
        parts.append(f"<h3>{long_date(day)}</h3>\n")
        for number, row in enumerate(todays, 1):
            place = f' id="{id_anchor(row[1])}"' if row[1] else ""
            parts.append(f'<article class="entry"{place}>\n')
            if len(todays) > 1:
                parts.append(f"<h4>Entry {number} of {len(todays)}</h4>\n")
            parts.append(_entry(row, clean))
            parts.append("</article>\n")
        written += len(todays)
        yield "".join(parts)
    if not written:
        yield "<h2>Entries</h2>\n<p>There are no entries to show for these dates.</p>\n"
    yield f'</section>\n</main>\n<footer><p class="lede">{escape(title)}. Made by closeness-journal.</p></footer>\n'
    yield "</body>\n</html>\n"


def _lede(block: Block) -> Block:
    return Para(block.parts, kind="lede") if isinstance(block, Para) else block


def _entry(row: EntryRow, clean: Cleaner) -> str:
    (_, _, created_at, updated_at, kind, answers, body, who, relationship, kinds, close_before, behaviours, stayed,
     fears, intensity, urge, urge_after, acted, small_step, rung, predicted, outcome, tags, private, flagged) = row
    out = []
    for prompt_text, answer in answers:
        if prompt := clean.line(prompt_text):
            out.append(f'<p class="prompt">{escape(prompt)}</p>\n')
        out.append(_prose(clean.block(answer)))
    if body.strip():
        if answers:
            out.append('<p class="prompt">Free writing</p>\n')
        out.append(_prose(clean.block(body)))
    who, relationship = clean.shown(who, relationship)
    small_step = clean.line(small_step) if small_step else ""
    tags = tuple(t for t in map(clean.line, tags) if t)
    rows = checkin_words(
        kind, who, relationship, kinds, close_before, behaviours, stayed, fears, intensity, urge, urge_after, acted,
        small_step, rung, predicted, outcome, tags, private,
    )
    add_marks(rows, flagged, created_at, updated_at)
    if rows:
        out.append(
            '<dl class="checkin">' + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows) + "</dl>\n"
        )
    if not out:
        out.append('<p class="quiet"><em>Nothing was written for this one.</em></p>\n')
    return "".join(out)
