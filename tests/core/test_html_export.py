"""The printable page and the Markdown export: "For my session" first, the same content in both,
no user text ever becoming markup, a tag, a script or a link, and a well-formed SVG chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from closeness_journal import exporting
from closeness_journal.core.chart_svg import chart_svg, nice_top
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.patterns import DayTotals, PatternSource, compute
from closeness_journal.core.review import SavedReview

TODAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, tzinfo=UTC)
MD = MarkdownIt("commonmark").enable("table")

HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> "quoted" \'single\' & &amp; &lt;b&gt; '
    "[link](https://example.com) ![i](http://x/y.png) <https://evil.example> javascript:alert(3) "
    "**bold** _em_ `code` # not a heading | a | b | </section></body><!-- comment --> ]]> <![CDATA[x]]>"
)
NOTE = "Talk about Sam and the quiet evenings.\n\nAlso: " + HOSTILE
FLAGGED_WORDS = "Flag me: we laughed and then I went quiet."

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "article", "div",
    "h1", "h2", "h3", "h4", "p", "em", "strong", "a", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
    "figure", "dl", "dt", "dd",
    "svg", "desc", "defs", "pattern", "rect", "line", "circle", "text",  # the chart
}


def hostile_journal(journal):
    """Hostile text in every field a person fills in: answers and their prompts, free writing, who,
    the small step, tags, the note, a review's question and answer."""
    journal.add(Entry(TODAY - timedelta(days=9), body="An ordinary day.", checkin=CheckIn(kinds=("emotional",))),
                now=NOW - timedelta(days=9))
    journal.add(
        Entry(
            TODAY - timedelta(days=3),
            body=FLAGGED_WORDS + "\n" + HOSTILE,
            answers=(Answer("feared-01", HOSTILE, FLAGGED_WORDS + "\n" + HOSTILE + "\n\n    indented " + HOSTILE),),
            tags=(HOSTILE, "home"),
            flagged=True,
            checkin=CheckIn(
                who=HOSTILE, relationship="partner", fears=("engulfment",), intensity=9, urge=8, acted="no",
                small_step=HOSTILE, predicted=7, outcome=2, stayed=("shared-a-feeling",), kinds=("physical",),
                behaviours=("went-quiet",),
            ),
        ),
        now=NOW - timedelta(days=3),
    )
    journal.add(
        Entry(TODAY - timedelta(days=1), body="Mum rang.", checkin=CheckIn(who="Mum", relationship="family",
                                                                            fears=("abandonment",), intensity=5)),
        now=NOW - timedelta(days=1),
    )
    journal.add(Entry(TODAY, body="kept for myself " + HOSTILE, private=True), now=NOW)
    journal.save_review(
        SavedReview(week="2026-W46", answers={"weekly-review-01": HOSTILE}, questions={"weekly-review-01": HOSTILE}),
        now=NOW,
    )
    journal.set_session_note(NOTE)
    return journal


def export(journal, kind: str, **choice) -> str:
    prepared = exporting.prepare(journal, exporting.Choice(kind, **choice), TODAY, now=NOW)
    return "".join(prepared.chunks)


class Page(HTMLParser):
    """Every element with its attributes, the text in order, and each h2 with what follows it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.in_style = False
        self.comments: list[str] = []
        self.h2: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.in_style = tag == "style"
        if tag == "h2":
            self._heading = []

    def handle_endtag(self, tag):
        self.in_style = False
        if tag == "h2" and self._heading is not None:
            self.h2.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)
            if self._heading is not None:
                self._heading.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def unknown_decl(self, data):
        self.comments.append(data)


def parsed(document: str) -> Page:
    page = Page()
    page.feed(document)
    page.close()
    return page


# ---------------------------------------------------------------------------------- the page


def test_for_my_session_comes_first_and_holds_the_note_and_the_flagged_entry(journal):
    document = export(hostile_journal(journal), "html")
    page = parsed(document)
    assert page.h2[0] == "For my session"
    text = "".join(page.text)
    session = text[text.index("For my session"):text.index("Key to the scales and words")]
    assert "Talk about Sam and the quiet evenings." in session and HOSTILE in session  # the note
    assert FLAGGED_WORDS in session
    # the flagged entry is linked to its place below
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    ids = {attrs.get("id") for _, attrs in page.tags}
    assert links and all(href.startswith("#entry-") and href[1:] in ids for href in links)
    flagged = next(e for e in journal.iter_entries() if e.flagged)
    assert f"#entry-{flagged.id}" in links
    assert page.h2.index("For my session") < page.h2.index("Key to the scales and words") < page.h2.index("Summary")


def test_no_user_text_becomes_a_tag_a_script_or_a_link_on_the_page(journal):
    document = export(hostile_journal(journal), "html", include_private=True)
    page = parsed(document)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in {"src", "srcset", "action", "formaction", "style", "xlink:href"}, (tag, name)
            assert "javascript" not in (value or "").lower()
        if tag == "a":
            assert set(attrs) == {"href"} and attrs["href"].startswith("#entry-")
    assert page.comments == []
    text = "".join(page.text)
    assert text.count(HOSTILE) >= 6  # shown as written, in every place it was written
    assert "indented" in text


def test_the_page_is_self_contained_and_prints(journal):
    document = export(hostile_journal(journal), "html")
    values = [value or "" for _, attrs in parsed(document).tags for value in attrs.values()]
    assert [v for v in values if "//" in v or v.startswith("data:")] == ["http://www.w3.org/2000/svg"]  # its namespace
    style = document[document.index("<style>"):document.index("</style>")]
    assert "@media print" in style and "@page" in style
    assert "@import" not in style and "@font-face" not in style and "url(" not in style
    assert "<script" not in document.lower().replace("&lt;script", "")
    assert "Content-Security-Policy" in document and "default-src 'none'" in document


def test_the_chart_is_well_formed_svg_with_a_title_a_legend_and_three_fills(journal):
    document = export(hostile_journal(journal), "html")
    svg = document[document.index("<svg"):document.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert "Pulled away, pushed away and stayed close" in root.find(f"{ns}title").text
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert {"Pulled away", "Pushed away", "Stayed close"} <= set(texts)
    fills = {rect.get("fill") for rect in root.iter(f"{ns}rect") if (rect.get("fill") or "").startswith("url(")}
    assert fills == {"url(#cj-solid)", "url(#cj-lines)", "url(#cj-dots)"}  # told apart without colour
    assert {p.get("id") for p in root.iter(f"{ns}pattern")} == {"cj-solid", "cj-lines", "cj-dots"}


@pytest.mark.parametrize("weeks", [0, 1, 8, 60])
def test_the_chart_is_well_formed_however_long_the_range(weeks):
    until = TODAY
    since = until - timedelta(weeks=weeks)
    days = tuple(DayTotals(since + timedelta(days=n), entries=2, withdrawal=n % 3, sabotage=n % 2, stayed=1)
                 for n in range(0, weeks * 7, 3))
    svg = chart_svg(compute(PatternSource(days=days), since, until))
    root = ET.fromstring(svg)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    if not days:
        assert "Nothing was noted" in svg


def test_nice_tops():
    assert nice_top(0) == (1, 1) and nice_top(3) == (3, 1) and nice_top(7) == (8, 2) and nice_top(23) == (25, 5)
    assert nice_top(123456)[0] >= 123456


# ---------------------------------------------------------------------------------- the Markdown


def test_markdown_opens_with_for_my_session_and_links_only_to_its_own_anchors(journal):
    document = export(hostile_journal(journal), "markdown", include_private=True)
    tokens = MD.parse(document)
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert h2[0] == "For my session" and h2[1] == "Key to the scales and words" and h2[2] == "Summary"
    inline = [child for t in tokens for child in (t.children or ())]
    anchors = {c.content for c in inline if c.type == "html_inline" and c.content.startswith("<a id=")}
    links = [c.attrs["href"] for c in inline if c.type == "link_open"]
    assert links and all(f'<a id="{href[1:]}">' in anchors for href in links)
    kinds = {t.type for t in tokens} | {c.type for c in inline}
    assert not kinds & {"html_block", "fence", "code_block", "code_inline", "image", "hr", "blockquote_open"}
    # the only markup that isn't Markdown: the empty anchors the links point to
    assert all(re.fullmatch(r'<a id="entry-[0-9a-f-]+">|</a>', c.content) for c in inline if c.type == "html_inline")
    html = MarkdownIt("commonmark").enable("table").render(document)
    assert "<script>" not in html and "<img" not in html
    assert all(href.startswith("#entry-") for href in re.findall(r'href="([^"]*)"', html))
    session = document[:document.index("## Key to the scales and words")]
    assert "Talk about Sam and the quiet evenings." in session and FLAGGED_WORDS in session


def test_markdown_and_the_page_say_the_same_things(journal):
    hostile_journal(journal)
    markdown = MD.render(export(journal, "markdown"))
    page = "".join(parsed(export(journal, "html")).text)
    markdown_text = "".join(parsed(markdown).text)
    for words in (
        "For my session", "What I want to talk about", "Talk about Sam and the quiet evenings.", FLAGGED_WORDS,
        "Peak moments", "fear 9 of 10, the pull to get away 8 of 10", "What helped", "Shared a feeling: 1 time",
        "The pull to get away came and you stayed with it: 1 time", "Steps that went better than expected",
        "expected 7, really 2 (of 10)", "Fear by relationship", "With a partner:",
        "Losing yourself or being controlled, 1 time", "With family:", "Kinds of closeness", "Sharing feelings: 1 time",
        "Small steps, in your own words", "Key to the scales and words", "0 none · 5 strong · 10 overwhelming",
        "Summary", "Week by week", "1 entry marked private was left out", "Weekly reviews", "Mum rang.",
        "Flagged", "Tuesday 17 November 2026",
    ):
        assert words in markdown_text, words
        assert words in page, words
    assert "kept for myself" not in markdown_text and "kept for myself" not in page


def test_names_are_replaced_alike_and_the_key_says_by_which_words(journal):
    journal.add(Entry(TODAY, body="I will call Will back tomorrow, and I will mean it.", flagged=True,
                      checkin=CheckIn(who="Will", relationship="friend", intensity=9)))
    for kind in ("markdown", "html"):
        document = export(journal, kind, redact=True)
        text = "".join(parsed(MD.render(document) if kind == "markdown" else document).text)
        assert "I will call a friend back tomorrow, and I will mean it." in text
        assert not re.search(r"\bWill\b", text)
        assert "names were replaced by “a friend”" in text
        assert "Some names were replaced" in text


def test_a_second_spelling_or_a_listed_name_is_replaced_too(journal):
    journal.add(Entry(TODAY, body="Jo and Sam. Later SAM came.", checkin=CheckIn(who="Sam", relationship="partner")))
    text = export(journal, "markdown", more_names=("Jo=my sister, SAM",))
    assert "My sister and my partner. Later someone came." in text
    assert "“my partner”, “my sister”, “someone”" in text
    assert not re.search(r"\b(Jo|Sam|SAM)\b", text)


def test_the_page_streams_entries_one_day_at_a_time(journal):
    hostile_journal(journal)
    prepared = exporting.prepare(journal, exporting.Choice("html"), TODAY, now=NOW)
    chunks = iter(prepared.chunks)
    head = "".join(next(chunks) for _ in range(4))  # the head, the title, For my session and the key, the summary
    assert "<h2>Summary</h2>" in head and "<article" not in head
    rest = "".join(chunks)
    assert rest.count('<article class="entry"') == 3


def test_an_entry_is_flagged_in_words_where_it_is_shown(journal):
    hostile_journal(journal)
    markdown = export(journal, "markdown")
    assert markdown.count("- **Flagged:** to bring up at your next session\n") == 1
    assert "<dt>Flagged</dt><dd>to bring up at your next session</dd>" in export(journal, "html")


def test_an_empty_journal_still_makes_a_whole_page(journal):
    document = export(journal, "html")
    page = parsed(document)
    assert page.h2[0] == "For my session" and "There are no entries to show for these dates." in "".join(page.text)
    assert "No note was written for this session." in "".join(page.text)
    ET.fromstring(document[document.index("<svg"):document.index("</svg>") + 6])


def test_hostile_text_round_trips_through_replace(journal):
    # An edit keeps the flag; the page still shows the edited words escaped.
    hostile_journal(journal)
    flagged = next(e for e in journal.iter_entries() if e.flagged)
    journal.update(replace(flagged, body="<b>changed</b>"), now=NOW)
    page = "".join(parsed(export(journal, "html")).text)
    assert "<b>changed</b>" in page
