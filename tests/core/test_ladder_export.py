"""The ladder in the Markdown export for a therapist: each rung with its tries, in words, after
the small steps; a rung's words stay text; names are replaced when asked; private tries stay out."""

from datetime import UTC, date, datetime, timedelta

from markdown_it import MarkdownIt

from closeness_journal import exporting
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.ladder import Attempt, Rung, build_ladder
from closeness_journal.core.markdown_export import render_markdown
from closeness_journal.core.patterns import PatternSource, compute

MON = date(2026, 11, 2)
UNTIL = MON + timedelta(days=16)
T0 = datetime(2026, 10, 1, tzinfo=UTC)


def rung(key: str, text: str, hard: int, who: str = "", retired: bool = False) -> Rung:
    return Rung(text, hard, who, id=key * 8, created_at=T0, updated_at=T0, retired_at=T0 if retired else None)


def render(ladder, **kwargs) -> str:
    patterns = compute(PatternSource(days=()), MON, UNTIL)
    return "".join(render_markdown([], patterns=patterns, since=MON, until=UNTIL, exported_on=UNTIL,
                                   ladder=ladder, **kwargs))


def test_the_ladder_follows_the_small_steps_with_every_try_in_words():
    ladder = build_ladder(
        [rung("a", "Ring Ana instead of texting", 25, "Ana"), rung("b", "Ask Sam for a hug", 60, "Sam"),
         rung("c", "Say no to the Friday shift", 40, retired=True), rung("d", "Old step", 10, retired=True)],
        [Attempt("aaaaaaaa", "e1", MON, 8, 4), Attempt("aaaaaaaa", "e2", MON + timedelta(days=7), 6, 3),
         Attempt("cccccccc", "e3", MON + timedelta(days=1), 5, 5)],
        retired=True,
    )
    doc = render(ladder)
    assert doc.index("### Small steps") < doc.index("### Your ladder of small steps")
    section = doc[doc.index("### Your ladder of small steps"):]
    assert "How hard each feels now is out of 100" in section and "is out of 10" in section
    assert (
        "- **Ring Ana instead of texting** (with Ana): feels 25 of 100 now; tried twice: easier than you expected "
        "(on average expected 7, really 3.5 of 10)\n"
        "  - Monday 2 November 2026: expected 8, really 4 (of 10)\n"
        "  - Monday 9 November 2026: expected 6, really 3 (of 10)\n"
    ) in section
    assert "- **Say no to the Friday shift** *(retired)*: feels 40 of 100 now; tried once: about as hard" in section
    assert "Old step" not in section  # retired and not tried in these dates
    assert "**Next to try:** Ask Sam for a hug. The step below it felt manageable" in section


def test_no_ladder_no_section():
    assert "ladder" not in render(()).lower()


def test_a_rungs_words_stay_text_and_names_are_replaced_when_asked():
    ladder = build_ladder([rung("a", "# Tell Sam <b>one</b> [true](x) thing", 30, "Sam")], [])
    doc = render(ladder, names={"Sam": "my partner"})
    section = doc[doc.index("### Your ladder"):doc.index("## Entries")]
    assert "Sam" not in section and "my partner" in section
    parsed = MarkdownIt("commonmark").parse(section)
    kinds = {t.type for t in parsed} | {c.type for t in parsed for c in t.children or ()}
    assert not kinds & {"html_inline", "html_block", "link_open"}
    assert [t for t in parsed if t.type == "heading_open"][1:] == []  # only the section's own heading


def test_the_export_reads_the_ladder_from_the_journal_leaving_private_tries_out(journal):
    ring = journal.add_rung(Rung("Ring Ana instead of texting", 25))
    for offset, private in ((1, False), (2, True)):
        journal.add(Entry(MON + timedelta(days=offset), private=private, checkin=CheckIn(
            small_step=ring.text, rung=ring.id, predicted=7, outcome=offset)))
    journal.add(Entry(MON - timedelta(days=30), checkin=CheckIn(small_step="x", rung=ring.id, predicted=9, outcome=9)))
    doc = "".join(exporting.prepare(journal, exporting.Choice(since=MON, until=UNTIL), UNTIL).chunks)
    section = doc[doc.index("### Your ladder"):]
    assert "tried once" in section and "Tuesday 3 November 2026: expected 7, really 1 (of 10)" in section
    assert "- **Small step, from your ladder:** Ring Ana instead of texting\n" in doc  # the entry says so too
    choice = exporting.Choice(since=MON, until=UNTIL, include_private=True)
    with_private = "".join(exporting.prepare(journal, choice, UNTIL).chunks)
    assert "tried twice" in with_private[with_private.index("### Your ladder"):]


def test_the_printable_page_shows_the_same_ladder_as_the_markdown(journal):
    from closeness_journal.core.html_export import render_html

    ladder = build_ladder(
        [rung("a", "Ring <b>Ana</b> instead of texting", 25, "Ana"), rung("b", "Ask Sam for a hug", 60, "Sam")],
        [Attempt("aaaaaaaa", "e1", MON, 8, 4)],
    )
    patterns = compute(PatternSource(days=()), MON, UNTIL)
    page = "".join(render_html([], patterns=patterns, since=MON, until=UNTIL, exported_on=UNTIL, ladder=ladder,
                               names={"Sam": "my partner"}))
    section = page[page.index('<section class="ladder" id="ladder">'):page.index('<section class="entries"')]
    assert page.index("Small steps") < page.index("Your ladder of small steps")
    assert ("<li><strong>Ring &lt;b&gt;Ana&lt;/b&gt; instead of texting</strong> (with Ana): "
            "feels 25 of 100 now") in section
    assert "<ul>\n<li>Monday 2 November 2026: expected 8, really 4 (of 10)</li>\n</ul>" in section  # its tries
    assert "<p><strong>Next to try:</strong> Ring &lt;b&gt;Ana&lt;/b&gt; instead of texting." in section
    assert "Sam" not in section and "Ask my partner for a hug" in section
    assert "<b>" not in section
    ring = journal.add_rung(Rung("Ring Ana instead of texting", 25))
    journal.add(Entry(MON + timedelta(days=1), checkin=CheckIn(small_step=ring.text, rung=ring.id, predicted=7,
                                                               outcome=2)))
    choice = exporting.Choice(since=MON, until=UNTIL, kind="html")
    page = "".join(exporting.prepare(journal, choice, UNTIL).chunks)
    assert "Your ladder of small steps" in page and "expected 7, really 2 (of 10)" in page
