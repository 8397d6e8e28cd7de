"""`sitting_words`: what an entry's sitting says as one text, for `Entry.words` and the session
lists' light entries alike."""

from datetime import date

from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.session import SessionEntry
from closeness_journal.core.text import sitting_words


def test_answers_come_first_then_the_free_writing_and_empty_parts_are_left_out():
    assert sitting_words(["First answer", "  \n", "Second"], "Free writing") == "First answer\n\nSecond\n\nFree writing"
    assert sitting_words([], "Only this") == "Only this"
    assert sitting_words(["", " "], "\t") == ""


def test_an_entry_and_its_session_light_entry_say_the_same():
    entry = Entry(date(2026, 3, 4), body="After dinner.", answers=(
        Answer("q1", "Prompt one", "I went quiet."), Answer("q2", "Prompt two", " ")))
    light = SessionEntry(date(2026, 3, 4), entry.id, None, tuple(a.text for a in entry.answers), entry.body, "",
                         None, (), None, None, None, "", None, None)
    assert entry.words == light.words == "I went quiet.\n\nAfter dinner."
