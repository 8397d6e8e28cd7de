"""The one-pass look at a text block gives what the line-by-line escaping gives."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from closeness_journal.core.export_text import clean_already
from closeness_journal.core.markdown_export import _INLINE, _escape, _maybe_inline, _printable, _UserText
from closeness_journal.core.text import printable

PLAIN = st.sampled_from(["a", "word ", "Z", "é", "1", "12", ".", ")", " ", "\n", "\t"])
ODD = st.sampled_from(
    ["#", ">", "+", "=", ":", "-", "*", "_", "`", "[", "<", "|", "~", "\\", "&", "&amp;", "\n\n", "\r", "\x1b[31m",
     "\x85", "\u00a0", "\u2028", "\u3000", "🙂", "\x0b", "\x0c", "\x1c", "\x1f", "\x00", "\x08", "\x7f", "\x9f"]
)
TEXTS = st.lists(st.one_of(PLAIN, PLAIN, PLAIN, PLAIN, ODD), max_size=30).map("".join)


@settings(max_examples=5000)
@given(TEXTS)
@example("word \nnext")
@example("word\t\nnext")
@example("word\n next")
@example("word\n\nnext")
@example("1. first\nword")
@example("word\n2) second")
@example(" lead")
@example("trail ")
def test_block_is_the_line_by_line_escaping(text):
    assert _UserText(None).block(text) == _escape(_printable(text))


def test_plain_prose_takes_the_one_pass_and_keeps_its_line_breaks():
    text = "I wanted to leave.\nI stayed, and said so.\nIt was hard"
    assert _UserText(None).block(text) == _escape(_printable(text)) == text.replace("\n", "\\\n")


@settings(max_examples=3000)
@given(st.text(alphabet=st.characters(max_codepoint=0x2100)) | TEXTS)
def test_the_quick_look_finds_every_character_the_inline_escaping_may_change(text):
    """`_maybe_inline` is the character class `[`*_\\[<|~\\\\&]` searched for; and a text it passes the
    inline escaping leaves as it is."""
    assert _maybe_inline(text) == (re.search(r"[`*_\[<|~\\&]", text) is not None)
    if not _maybe_inline(text):
        assert _INLINE.sub("", text) == text


@settings(max_examples=3000)
@given(st.text(alphabet=st.characters(max_codepoint=0x2100)) | TEXTS)
def test_text_is_clean_already_exactly_when_printable_leaves_it_as_it_is(text):
    assert clean_already(text) == (printable(text) == text)
