"""Taking over what closed windows left: held as ours at once, none when another window was
quicker, and when the journal can't be written, theirs kept until ours is."""

from closeness_journal.store import JournalError
from closeness_journal.ui.drafts_left import take_over


def test_drafts_left_are_held_as_ours_at_once(journal):
    journal.save_draft("today:a", {"answers": {"free": "a"}})
    assert take_over(journal, ["today:a"], "today:mine", {"answers": {"free": "a"}}) == []
    assert journal.drafts("today") == [("today:mine", {"answers": {"free": "a"}})]


def test_drafts_another_window_took_first_give_nothing(journal):
    journal.save_draft("today:theirs", {"answers": {"free": "a"}})  # what took over "today:a"
    assert take_over(journal, ["today:a"], "today:mine", {"answers": {"free": "a"}}) is None
    assert journal.drafts("today") == [("today:theirs", {"answers": {"free": "a"}})]


def test_a_journal_that_cant_be_written_keeps_theirs_until_ours_is(journal, monkeypatch):
    journal.save_draft("edit:x", {"body": "left"})
    journal.save_draft("edit:mine", {"body": "ours, from before"})

    def refused(*args, **kwargs):
        raise JournalError("The journal's folder is read-only.")

    monkeypatch.setattr(journal, "adopt_drafts", refused)
    assert take_over(journal, ["edit:x", "edit:mine"], "edit:mine", {"body": "both"}) == ["edit:x"]
    assert {key for key, _ in journal.drafts("edit")} == {"edit:x", "edit:mine"}  # nothing lost
