"""`printable` returns text with no control character as it is: what the full cleaning gives."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_journal.core import text as text_module
from closeness_journal.core.text import printable


def _full_cleaning(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text_module._ESCAPE_SEQUENCE.sub("", text)
    return text_module._CONTROL.sub("", text)


@settings(max_examples=2000)
@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\t", "\r", "\x1b", "[", "3", "m", "]", "\x07", "\\", "é",
                                         "\x85", "\x9b", "\x00", "\x7f", "\u2028", "🙂"])))
def test_printable_is_the_full_cleaning(text):
    assert printable(text) == _full_cleaning(text)


def test_the_control_pattern_still_covers_what_the_cleaning_changes():
    assert text_module._CONTROL.pattern == r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    assert re.match(r"\\x1b", text_module._ESCAPE_SEQUENCE.pattern)  # escapes start with a control
