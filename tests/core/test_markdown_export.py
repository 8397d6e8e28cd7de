"""The Markdown export: hostile text stays text, redaction, the summary's figures, reviews."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.dates import long_date
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.markdown_export import (
    ReviewAnswers,
    escape_markdown,
    redactor,
    render_markdown,
)
from closeness_journal.core.patterns import EMPTY_PERIODS_SHOWN, PatternSource, compute
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.vocabulary import (
    ACTED,
    BEHAVIOURS,
    CATEGORY_LABELS,
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SCALE_ANCHORS,
    STAYED,
)

MON = date(2026, 11, 2)  # 2026-W45 starts on this Monday
SINCE, UNTIL = MON, MON + timedelta(days=16)  # three weeks: W45, W46, W47
EXPORTED = date(2026, 11, 18)

MD = MarkdownIt("commonmark").enable("table")

HOSTILE = "\n".join(
    [
        "# Heading",
        "<script>alert(1)</script>",
        "---",
        "- item",
        "1. item",
        "> quote",
        "[click](javascript:alert(1)) and ![x](y) and <javascript:alert(1)>",
        "    indented",
        "| a | b |",
        "|---|---|",
        "*stars* _under_ `tick` ~~gone~~ &lt; <b>bold</b>",
        "```python",  # an unclosed fence: would swallow everything after it
        "print('still text')",
    ]
)

DANGEROUS = {
    "heading_open", "html_block", "html_inline", "fence", "code_block", "code_inline", "hr",
    "bullet_list_open", "ordered_list_open", "blockquote_open", "link_open", "image",
    "table_open", "em_open", "strong_open", "s_open",
}


def day(n: int) -> date:
    return MON + timedelta(days=n)


def render(entries, *, journal=None, since=SINCE, until=UNTIL, **kwargs) -> str:
    entries = list(entries)
    if journal is not None:
        patterns = compute(journal.pattern_source(since, until), since, until)
    else:
        patterns = compute(PatternSource(days=()), since, until)
    return "".join(
        render_markdown(entries, patterns=patterns, since=since, until=until, exported_on=EXPORTED, **kwargs)
    )


def tokens(doc: str):
    """Every token, block and inline, flattened."""
    out = []
    for token in MD.parse(doc):
        out.append(token)
        out.extend(token.children or ())
    return out


def types(doc: str) -> Counter[str]:
    return Counter(t.type for t in tokens(doc))


def headings(doc: str) -> list[str]:
    toks = MD.parse(doc)
    return [toks[i + 1].content for i, t in enumerate(toks) if t.type == "heading_open"]


def plain_text(doc: str) -> str:
    """What a reader sees: the text of every inline token, line breaks as newlines."""
    parts = []
    for token in MD.parse(doc):
        for child in token.children or ():
            if child.type == "text":
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
        if token.type == "inline":
            parts.append("\n\n")
    return "".join(parts)


def entries_around(middle_body: str) -> list[Entry]:
    return [
        Entry(day(0), body="Before: a quiet evening.",
              checkin=CheckIn(who="Sam", relationship="partner", behaviours=("went-quiet",))),
        Entry(
            day(1),
            answers=(Answer("feared-01", "What did you *fear*?", middle_body),),
            tags=("home",),
            checkin=CheckIn(who="Sam", relationship="partner", behaviours=("picked-fight",), small_step="stayed"),
        ),
        Entry(day(2), body="After: we talked it through.",
              checkin=CheckIn(who="Sam", relationship="partner", fears=("loss",))),
    ]


# ---------------------------------------------------------------------------------- hostile text


def test_hostile_entry_adds_no_structure_and_the_next_entry_keeps_its_own():
    benign = render(entries_around("Just some ordinary words."))
    hostile = render(entries_around(HOSTILE))
    benign_types, hostile_types = types(benign), types(hostile)
    for kind in DANGEROUS:
        assert hostile_types[kind] == benign_types[kind], kind
    assert hostile_types["html_block"] == hostile_types["html_inline"] == 0
    assert hostile_types["fence"] == hostile_types["code_block"] == hostile_types["code_inline"] == 0
    assert hostile_types["link_open"] == hostile_types["image"] == hostile_types["hr"] == 0
    assert hostile_types["blockquote_open"] == hostile_types["ordered_list_open"] == 0

    # Exactly the structural headings: title, summary and its parts, one week, three days.
    expected = [
        "Your journal, 2 Nov – 18 Nov 2026",
        "Summary",
        "Week by week",
        "What you feared most",
        "What you did to stay close",
        "How you pulled or pushed away",
        "Closeness, pulling away and staying close",
        "Small steps",
        f"Week of {long_date(day(0))}",
        long_date(day(0)),
        long_date(day(1)),
        long_date(day(2)),
    ]
    assert headings(hostile) == expected == headings(benign)

    # The entry after the hostile one is still its own paragraph and check-in, under its day.
    toks = MD.parse(hostile)
    last_day = next(i for i, t in enumerate(toks) if t.type == "inline" and t.content == long_date(day(2)))
    after = [t for t in toks[last_day:] if t.type == "inline"]
    assert after[1].content == "After: we talked it through."
    assert [t.type for t in toks[last_day + 2:last_day + 6]] == [
        "paragraph_open", "inline", "paragraph_close", "bullet_list_open"]


def test_hostile_text_shows_literally():
    text = plain_text(render(entries_around(HOSTILE)))
    for line in HOSTILE.splitlines():
        assert line.strip() in text, line
    html = MarkdownIt("commonmark").render(render(entries_around(HOSTILE)))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "href" not in html and "<pre>" not in html and "<code>" not in html
    assert "&amp;lt;" in html  # "&lt;" typed by a person shows as typed, not as "<"


def test_user_text_in_every_field_is_escaped():
    nasty = "# [x](javascript:alert(1)) <b>|`"
    entry = Entry(
        day(0),
        body="ok",
        answers=(Answer("x", nasty, nasty),),
        tags=(nasty,),
        checkin=CheckIn(who=nasty, relationship="friend", small_step=nasty),
    )
    review = ReviewAnswers("2026-W45", ((nasty, nasty + "\n" + nasty),))
    doc = render([entry], reviews=[review], names={"Kim": nasty})
    found = types(doc)
    for kind in ("html_block", "html_inline", "link_open", "code_inline", "code_block", "fence"):
        assert found[kind] == 0, kind
    assert found["table_open"] == 1  # the summary's own week-by-week table
    assert plain_text(doc).count("# [x](javascript:alert(1)) <b>|`") >= 6


def test_line_breaks_paragraphs_and_indentation_are_kept_without_code_blocks():
    body = "first line\nsecond line\n\n\n    indented poem line\n\ttabbed\nlast  "
    doc = escape_markdown(body)
    toks = MD.parse(doc)
    assert [t.type for t in toks if t.type.endswith("_open")] == ["paragraph_open", "paragraph_open"]
    first, second = (t for t in toks if t.type == "inline")
    assert [c.type for c in first.children] == ["text", "hardbreak", "text"]
    assert [c.type for c in second.children].count("hardbreak") == 2
    # Indents become no-break spaces: still visible, never a code block.
    assert "\n\n\u00a0\u00a0\u00a0\u00a0indented poem line\\\n\u00a0\u00a0\u00a0\u00a0tabbed\\\nlast" in doc
    assert "\u00a0\u00a0\u00a0\u00a0tabbed" in second.content


def test_ordinary_prose_stays_readable():
    prose = "I didn't call back, so we sat in silence. Later, Sam said: \"it's ok.\" Sam & me - maybe 2.5 hours!"
    assert escape_markdown(prose) == prose


def test_vocabulary_labels_need_no_escaping():
    # The check-in joins these with escaped user text; they must mean nothing in Markdown.
    labels = [*BEHAVIOURS.values(), *FEARS.values(), *KINDS.values(), *RELATIONSHIPS.values(),
              *CATEGORY_LABELS.values(), *STAYED.values(), *ACTED.values(), SCALE_ANCHORS]
    for label in labels:
        assert escape_markdown(label) == label


_BLOCKS = {
    "html_block", "heading_open", "fence", "code_block", "hr", "bullet_list_open", "ordered_list_open",
    "blockquote_open", "table_open",
}


def _normalised(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _round_trips(text: str) -> None:
    original = printable(text)
    toks = MD.parse(escape_markdown(original))
    assert {t.type for t in toks} <= {"paragraph_open", "inline", "paragraph_close"}
    assert not _BLOCKS & {t.type for t in toks}
    shown = []
    for token in toks:
        if token.type != "inline":
            continue
        for child in token.children:
            assert child.type in ("text", "softbreak", "hardbreak"), child.type
            shown.append(child.content if child.type == "text" else "\n")
        shown.append("\n")
    assert _normalised("".join(shown)) == _normalised(original)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_escaped_text_round_trips_as_plain_paragraphs(text):
    _round_trips(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("#*_-+=:>|<`~[]()!\\&;lt1.) \n\tab\u00a0"), max_size=60))
def test_markdown_characters_round_trip_too(text):
    # Plain st.text() rarely builds Markdown; this mixes the characters that matter.
    _round_trips(text)


# ---------------------------------------------------------------------------------- answers

HOSTILE_PROMPTS = [
    *HOSTILE.splitlines(), HOSTILE, "*", "**", "***", "a* b", "_x_", "x *", "\\", "\\*", "*\\", "</em>", "<em>x",
    "[x]", "[x]: http://a", "`", "~~~", "***bold***", "&amp;", "&#42; star", "# x *y*", "1. x", "1) x", "- x", "+ x",
    "> x", "=", "===", "|a|b|", ":--|", "<!-- c -->", "x\n# second line\n```", "\u00a0   indented",
]


def prompt_line(doc: str):
    """The paragraph right under the day's heading: the first answer's prompt."""
    toks = MD.parse(doc)
    at = next(i for i, t in enumerate(toks) if t.type == "inline" and t.content == long_date(day(0)))
    assert [t.type for t in toks[at + 2:at + 5]] == ["paragraph_open", "inline", "paragraph_close"]
    return toks[at + 3]


def sitting(prompt: str, answer: str) -> Entry:
    return Entry(day(0), answers=(Answer("x", prompt, answer), Answer("y", "And then?", "ok")), body="after",
                 checkin=CheckIn(who="Sam"))


def test_each_answer_shows_under_its_prompt_then_the_free_writing():
    entry = Entry(
        day(0),
        answers=(Answer("feared-01", "What did you fear?", "That they'd leave.\nOr stay."),
                 Answer("small-step-02", "What small step did you try?", "I stayed.")),
        body="More words.",
        checkin=CheckIn(stayed=("stayed-in-the-conversation", "shared-a-feeling"), urge=7, acted="no"),
    )
    doc = render([entry, Entry(day(1), body="Only free writing today.")])
    assert (
        "### Monday 2 November 2026\n\n*What did you fear?*\n\nThat they'd leave.\\\nOr stay.\n\n"
        "*What small step did you try?*\n\nI stayed.\n\n*Free writing*\n\nMore words.\n\n"
        "- **Stayed close:** Stayed in the conversation; Shared a feeling\n"
        "- **The pull to get away:** 7 of 10\n"
        "- **Acted on the pull:** No, I stayed with it\n"
    ) in doc
    assert "### Tuesday 3 November 2026\n\nOnly free writing today.\n\n" in doc  # no label without answers
    toks = MD.parse(doc)
    shown = [(t.content, [c.type for c in t.children]) for t in toks if t.type == "inline"]
    at = shown.index(("Monday 2 November 2026", ["text"]))
    assert shown[at + 1:at + 6] == [
        ("*What did you fear?*", ["em_open", "text", "em_close"]),
        ("That they'd leave.\\\nOr stay.", ["text", "hardbreak", "text"]),
        ("*What small step did you try?*", ["em_open", "text", "em_close"]),
        ("I stayed.", ["text"]),
        ("*Free writing*", ["em_open", "text", "em_close"]),
    ]


@pytest.mark.parametrize("prompt", HOSTILE_PROMPTS)
def test_a_hostile_prompt_and_answer_add_no_structure(prompt):
    benign = render([sitting("What did you fear?", "Just some ordinary words.")])
    hostile = render([sitting(prompt, HOSTILE)])
    benign_types, hostile_types = types(benign), types(hostile)
    for kind in DANGEROUS:
        assert hostile_types[kind] == benign_types[kind], kind
    assert headings(hostile) == headings(benign)
    for kind in ("html_block", "html_inline", "link_open", "image", "fence", "code_block", "code_inline", "hr"):
        assert hostile_types[kind] == 0, kind
    # the prompt stays one italic line showing exactly what was written (folded onto one line)
    line = prompt_line(hostile)
    assert [c.type for c in line.children] == ["em_open", "text", "em_close"]
    assert line.children[1].content == one_line(prompt)
    # and the answer under it is still followed by the next prompt and the free writing, in their places
    assert "*And then?*\n\nok\n\n*Free writing*\n\nafter\n\n- **With:** Sam\n" in hostile


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("#*_-+=:>|<`~[]()!\\&;#lt1.) \n\tab\u00a0"), max_size=40))
def test_any_prompt_is_one_italic_line_of_its_own_text(prompt):
    assume(one_line(prompt))
    line = prompt_line(render([sitting(prompt, "answer")]))
    assert [c.type for c in line.children] == ["em_open", "text", "em_close"]
    assert line.children[1].content == one_line(prompt)


# ---------------------------------------------------------------------------------- control characters


def test_control_characters_never_reach_the_output():
    evil = "a\x1b]0;title\x07b\x1b[31mred\x00\x08\x7f\x9b c"
    entry = Entry(
        day(0), body=evil, answers=(Answer("x", evil, evil),), tags=(evil,), checkin=CheckIn(who=evil, small_step=evil)
    )
    doc = render([entry], reviews=[ReviewAnswers("2026-W45", ((evil, evil),))], names={"Kim": evil})
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", doc)
    assert "ab" in doc and "red" in doc


# ---------------------------------------------------------------------------------- summary


def test_private_line_only_when_something_was_left_out():
    entries = entries_around("x")
    assert "private" not in render(entries).lower()
    assert "private" not in render(entries, private_left_out=0).lower()
    assert "- 3 entries marked private were left out\n" in render(entries, private_left_out=3)
    assert "- 1 entry marked private was left out\n" in render(entries, private_left_out=1)


def _tables(doc: str) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    tables, rows, row = [], [], []
    toks = MD.parse(doc)
    for i, token in enumerate(toks):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(toks[i + 1].content)
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def test_summary_table_has_one_row_per_period_with_the_right_numbers(journal):
    add = journal.add
    add(Entry(day(0), body="a",
              checkin=CheckIn(behaviours=("went-quiet",), fears=("engulfment",), intensity=6, close_before=True)))
    add(Entry(
        day(0),
        body="b",
        checkin=CheckIn(behaviours=("went-quiet", "picked-fight"), fears=("engulfment", "loss"), intensity=8,
                        small_step="stayed", predicted=8, outcome=3),
    ))
    add(Entry(day(2), body="c", checkin=CheckIn(behaviours=("picked-fight",))))
    add(Entry(day(3), body="d", checkin=CheckIn(small_step="asked for a hug", predicted=6, outcome=2,
                                                stayed=("asked-for-a-need", "let-affection-in"))))
    add(Entry(day(4), body="f", checkin=CheckIn(urge=6, acted="no")))  # the pull came and wasn't acted on
    add(Entry(day(5), body="g", checkin=CheckIn(urge=8, acted="yes")))  # the pull was acted on: not staying
    add(Entry(day(15), body="e", checkin=CheckIn(behaviours=("cancelled-plans",), fears=("rejection",), intensity=4,
                                                 stayed=("asked-for-a-need",))))  # both pulling away and staying
    doc = render(journal.iter_entries(), journal=journal)

    weekly, steps = _tables(doc)
    assert weekly == [
        ["Week", "Pulled away", "Pushed away", "Stayed close", "Entries", "Average fear (0–10)", "Small steps"],
        ["Week of 2 Nov 2026", "2", "2", "2", "6", "7", "2"],
        ["Week of 9 Nov 2026", "0", "0", "0", "0", "–", "0"],
        ["Week of 16 Nov 2026", "1", "0", "1", "1", "4", "0"],
    ]
    assert steps == [
        ["Week", "Planned steps", "Expected (0–10)", "How it really was (0–10)"],
        ["Week of 2 Nov 2026", "2", "7", "2.5"],
    ]
    assert "- **Entries:** 7, written on 6 days\n" in doc
    assert "0 none · 5 strong · 10 overwhelming" in doc and "Mean" not in doc
    assert "- Losing yourself or being controlled: 2 times\n" in doc
    staying = doc.split("### What you did to stay close\n\n")[1].split("###")[0]
    assert staying == "- Asked for something you needed: 2 times\n- Let affection or a compliment in: 1 time\n\n"
    assert "- Went quiet or shut down (pulling away): 2 times\n" in doc
    assert "- Started an argument (pushing away): 2 times\n" in doc
    assert "In 1 of the 4 times you pulled or pushed away, a moment of closeness came just before." in doc
    assert ("Across 2 planned steps, you expected them to be 7 out of 10 hard on average; "
            "they turned out to be 2.5.") in doc
    for slug in ("went-quiet", "picked-fight", "engulfment", "cancelled-plans"):
        assert slug not in doc


def test_monthly_grouping_is_labelled_by_month(journal):
    journal.add(Entry(date(2026, 5, 3), body="x", checkin=CheckIn(behaviours=("went-quiet",))))
    since, until = date(2026, 1, 1), date(2026, 12, 31)
    doc = render(journal.iter_entries(), journal=journal, since=since, until=until)
    weekly = _tables(doc)[0]
    assert weekly[0][0] == "Month" and len(weekly) == 13
    assert weekly[5] == ["May 2026", "1", "0", "0", "1", "–", "0"]
    assert "### Month by month" in doc


def test_top_five_fears_only():
    source = PatternSource(days=(), fears={slug: n for n, slug in enumerate(FEARS, 1)})
    patterns = compute(source, SINCE, UNTIL)
    doc = "".join(render_markdown([], patterns=patterns, since=SINCE, until=UNTIL, exported_on=EXPORTED))
    section = doc.split("### What you feared most")[1].split("###")[0]
    assert section.count("\n- ") == 5
    assert "Losing them to something neither of you chose (illness, death, distance): 7 times" in section
    assert "Being turned away" not in section


def test_an_empty_range_says_so_kindly():
    doc = render([])
    assert "There are no entries to show for these dates." in doc
    assert "No fears were noted" in doc
    assert "No ways of staying close were noted" in doc


# ---------------------------------------------------------------------------------- entries


def test_entries_grouped_by_week_and_day_with_checkin_in_words():
    now = datetime(2026, 11, 2, 20, tzinfo=UTC)
    entries = [
        Entry(
            day(0),
            body="one",
            created_at=now,
            updated_at=now,
            checkin=CheckIn(who="Sam", relationship="partner", behaviours=("went-quiet",), fears=("engulfment",),
                            intensity=6),
        ),
        Entry(day(0), body="two", created_at=now, updated_at=now + timedelta(days=2),
              checkin=CheckIn(kinds=("emotional",))),
        Entry(day(8), body="three", private=True,
              checkin=CheckIn(small_step="asked for a hug", predicted=7, outcome=2)),
    ]
    doc = render(entries)
    assert headings(doc)[-6:] == [
        "Week of Monday 2 November 2026", "Monday 2 November 2026", "Entry 1 of 2", "Entry 2 of 2",
        "Week of Monday 9 November 2026", "Tuesday 10 November 2026",
    ]
    assert "- **With:** Sam (a partner)\n" in doc
    assert "- **Pulling away:** Went quiet or shut down\n" in doc
    assert "- **Fear intensity:** 6 of 10\n" in doc
    assert "- **Planned step: expected → how it really was:** 7 → 2 (of 10)\n" in doc
    assert "- **Edited:** on 4 Nov 2026, after it was first written\n" in doc
    assert doc.count("**Edited:**") == 1
    assert "- **Left out of exports:** yes\n" in doc


def test_day_headings_match_long_date():
    from closeness_journal.core.markdown_export import _long_date

    for n in range(0, 800, 3):
        assert _long_date(date(1999, 12, 1) + timedelta(days=n)) == long_date(date(1999, 12, 1) + timedelta(days=n))
    assert _long_date(date(987, 6, 5)) == long_date(date(987, 6, 5))


def test_entries_are_streamed_one_day_at_a_time():
    taken = []

    def entries():
        for n in range(10):
            taken.append(n)
            yield Entry(day(n), body=f"entry {n}")

    chunks = render_markdown(entries(), patterns=compute(PatternSource(days=()), SINCE, UNTIL),
                             since=SINCE, until=UNTIL, exported_on=EXPORTED)
    next(chunks), next(chunks)  # heading and summary
    assert taken == []
    assert "entry 0" in next(chunks)
    assert taken == [0, 1]  # the day's group ends when the next day begins


# ---------------------------------------------------------------------------------- redaction


def test_redactor_replaces_names_written_as_given_whole_words_longest_first():
    redact = redactor({"Sam": "a partner", "Samantha": "a friend", "Ana María": "a sister", " ": "x"})
    assert redact("Samantha met Sam and Sam's friend.") == "A friend met a partner and a partner's friend."
    assert redact("SAM and sam are not written as the name") == "SAM and sam are not written as the name"
    assert redact("Sammy and Samsung stay") == "Sammy and Samsung stay"
    assert redact("with Ana  María today, not ana maría") == "with a sister today, not ana maría"
    assert redact("Fine. Sam came. “Sam,” I said.") == "Fine. A partner came. “A partner,” I said."
    assert redactor({})("Sam") == "Sam"
    assert redactor({"J.R.": "a friend", "[Kim]": "x"})("J.R. and JR and [Kim].") == "A friend and JR and x."


def test_a_name_that_is_also_a_word_is_replaced_only_as_the_name():
    redact = redactor({"Will": "a friend"})
    assert redact("I will call Will") == "I will call a friend"
    assert redact("I will call back tomorrow") == "I will call back tomorrow"
    assert redact("Will said he will come. Goodwill, willing.") == "A friend said he will come. Goodwill, willing."
    assert redactor({"will": "a friend"})("will and Will") == "a friend and Will"  # a lower-case "who" too


def test_redaction_removes_every_name_from_the_whole_document(journal):
    names = {"Sam": "a partner", "sam": "a partner", "Ana": "a friend", "ana": "a friend"}
    journal.add(Entry(
        day(0),
        answers=(Answer("x", "What did Sam do?", "Sam said hi.\nThen sam and Ana left."),),
        tags=("sam-time", "ana"),
        checkin=CheckIn(who="Sam", relationship="partner", small_step="told sam"),
    ))
    journal.add(Entry(day(1), body="Ana again", checkin=CheckIn(who="ana", relationship="friend")))
    reviews = [ReviewAnswers("2026-W45", (("What about Sam?", "Sam was kind. So was Ana."),))]
    doc = render(journal.iter_entries(), journal=journal, names=names, reviews=reviews)
    assert not re.search(r"\b(sam|ana)\b", doc, re.IGNORECASE)
    assert "- **With:** a partner\n" in doc
    assert "- **With:** a friend\n" in doc
    assert "- **Small step:** told a partner\n" in doc
    assert "A partner said hi." in doc
    assert "Some names were replaced" in doc
    assert "Some names were replaced" not in render(journal.iter_entries(), journal=journal)


# ---------------------------------------------------------------------------------- reviews


def test_reviews_appear_with_their_answers():
    reviews = [
        ReviewAnswers("2026-W45", (("What helped this week?", "Saying it out loud.\nTwice."),
                                   ("What would you try next?", ""))),
        ReviewAnswers("2026-W46", (("What helped this week?", "A walk."),)),
    ]
    doc = render(entries_around("x"), reviews=reviews)
    assert "### Weekly reviews" in doc
    assert headings(doc)[9:11] == ["Week of Monday 2 November 2026", "Week of Monday 9 November 2026"]
    assert "**What helped this week?**\n\nSaying it out loud.\\\nTwice.\n" in doc
    assert "**What would you try next?**\n\n*Left blank.*" in doc
    assert "A walk." in doc
    assert doc.index("### Weekly reviews") < doc.index("## Week of Monday 2 November 2026")
    assert "Weekly reviews" not in render(entries_around("x"))


@pytest.mark.parametrize("week", ["not a week", "2026-W99"])
def test_a_review_week_that_cannot_be_read_is_shown_as_typed(week):
    doc = render([], reviews=[ReviewAnswers(week, (("Q", "A"),))])
    assert f"Week {week}" in doc


def test_the_summary_of_a_range_from_year_one_lists_months_with_entries_and_a_bounded_run(journal):
    journal.add(Entry(date(1, 1, 1), body="long ago", checkin=CheckIn(behaviours=("went-quiet",))))
    journal.add(Entry(UNTIL, body="now"))
    doc = render(journal.iter_entries(), journal=journal, since=date(1, 1, 1), until=UNTIL)
    monthly = _tables(doc)[0]
    assert monthly[0][0] == "Month" and len(monthly) == 1 + EMPTY_PERIODS_SHOWN + 1
    assert monthly[1][:2] == ["January 1", "1"] and monthly[-1][4] == "1"
    assert "Entries:** 2, written on 2 days" in doc
