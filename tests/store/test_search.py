"""Finding entries: filters, pages, and full-text search (which never sees the trash)."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.store import Journal

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)


def test_entries_are_newest_first_and_paged(journal):
    for day in range(10):
        journal.add(Entry(DAY - timedelta(days=day), body=f"entry {day}"), now=NOW + timedelta(minutes=day))
    page = journal.entries(limit=3, offset=3)
    assert [e.body for e in page] == ["entry 3", "entry 4", "entry 5"]
    assert journal.count() == 10


def test_search_finds_edited_text_and_not_deleted_text(journal):
    a = journal.add(Entry(DAY, body="The picnic felt warm and easy"), now=NOW)
    b = journal.add(Entry(DAY, body="Cancelled the concert", checkin=CheckIn(who="Robin")), now=NOW)
    journal.add(Entry(DAY, body="quiet day", checkin=CheckIn(small_step="asked for a hug")), now=NOW)
    assert [e.id for e in journal.entries(EntryFilter(search="picnic"))] == [a.id]
    assert [e.id for e in journal.entries(EntryFilter(search="robin"))] == [b.id]
    assert len(journal.entries(EntryFilter(search="hug"))) == 1
    journal.update(replace(a, body="The walk by the river"))
    assert journal.entries(EntryFilter(search="picnic")) == []
    assert [e.id for e in journal.entries(EntryFilter(search="river"))] == [a.id]
    journal.delete(b.id)
    assert journal.entries(EntryFilter(search="concert")) == []
    journal.restore(b.id)
    assert len(journal.entries(EntryFilter(search="concert"))) == 1


def test_search_ranks_and_marks_the_match(journal):
    journal.add(Entry(DAY, body="lonely " * 1 + "filler " * 40), now=NOW)
    best = journal.add(Entry(DAY, body="lonely lonely lonely evening"), now=NOW)
    hits = journal.search_hits(EntryFilter(search="lonely"))
    assert hits[0].entry.id == best.id
    assert ("lonely", True) in hits[0].snippet


@pytest.mark.parametrize(
    "query, found",
    [('"', 2), ("AND", 1), ("NEAR(", 1), ("*", 2), ("and OR", 1), ("[/bold]", 1), ("body:near", 0), ("'", 2)],
)
def test_search_treats_fts_syntax_as_plain_words(journal, query, found):
    """Operators are just words; a query with no words at all lists everything."""
    journal.add(Entry(DAY, body="and or near, in [/bold] type"), now=NOW)
    journal.add(Entry(DAY, body="something else"), now=NOW)
    assert len(journal.entries(EntryFilter(search=query))) == found


def test_search_matches_word_starts(journal):
    journal.add(Entry(DAY, body="abandonment again"), now=NOW)
    assert len(journal.entries(EntryFilter(search="abandon"))) == 1


def test_filters_by_date_behaviour_fear_category_relationship_and_privacy(journal):
    journal.add(Entry(DAY - timedelta(days=30), body="old", checkin=CheckIn(behaviours=("went-quiet",))), now=NOW)
    journal.add(
        Entry(DAY, body="fight",
              checkin=CheckIn(behaviours=("picked-fight",), fears=("engulfment",), relationship="partner")),
        now=NOW,
    )
    journal.add(Entry(DAY, body="secret", private=True, checkin=CheckIn(relationship="friend")), now=NOW)

    def bodies(**kw):
        return sorted(e.body for e in journal.entries(EntryFilter(**kw)))

    assert bodies(since=DAY - timedelta(days=1)) == ["fight", "secret"]
    assert bodies(until=DAY - timedelta(days=1)) == ["old"]
    assert bodies(behaviours=("went-quiet",)) == ["old"]
    assert bodies(fears=("engulfment",)) == ["fight"]
    assert bodies(category="sabotage") == ["fight"]
    assert bodies(category="withdrawal") == ["old"]
    assert bodies(relationship="friend") == ["secret"]
    assert bodies(include_private=False) == ["fight", "old"]
    assert journal.count(EntryFilter(category="sabotage", search="fight")) == 1


def test_paging_after_an_entry_neither_repeats_nor_skips_when_another_window_writes(journal):
    for n in range(6):
        journal.add(Entry(DAY - timedelta(days=n), body=f"e{n}"), now=NOW)
    first = journal.entries(limit=3)
    journal.add(Entry(DAY, body="newer, from another window"), now=NOW + timedelta(hours=1))
    journal.delete(journal.entries(EntryFilter(search="e4"))[0].id)
    rest = journal.entries(limit=10, after=first[-1])
    assert [e.body for e in first + rest] == ["e0", "e1", "e2", "e3", "e5"]


def test_the_oldest_page_and_pages_before_an_entry_come_newest_first(journal):
    for n in range(10):
        journal.add(Entry(DAY - timedelta(days=n), body=f"e{n}"), now=NOW + timedelta(minutes=n))
    oldest = journal.entries(limit=3, oldest=True)
    assert [e.body for e in oldest] == ["e7", "e8", "e9"]
    above = journal.entries(limit=3, before=oldest[0])
    assert [e.body for e in above] == ["e4", "e5", "e6"]
    assert [e.body for e in journal.entries(limit=5, before=above[0])] == ["e0", "e1", "e2", "e3"]
    assert journal.entries(limit=5, before=journal.entries(limit=1)[0]) == []
    private = EntryFilter(include_private=False, category="withdrawal")
    assert journal.entries(private, limit=3, oldest=True) == []


def test_emptying_the_trash_removes_the_words_from_the_search_index_file(journal):
    for n in range(3):
        journal.add(Entry(DAY, body=f"filler {n}"), now=NOW)
    gone = journal.add(Entry(DAY, body="xylophonist"), now=NOW)
    journal.delete(gone.id)
    journal.empty_trash()
    blocks = journal.db.execute("SELECT block FROM entries_fts_data")
    stored = b"".join(row[0] for row in blocks if isinstance(row[0], bytes))
    assert b"xylophonist" not in stored


def _search_index_is_sound(journal) -> None:
    journal.db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")


def test_the_search_index_holds_only_entries_outside_the_trash_and_stays_sound(journal, monkeypatch):
    import random

    from closeness_journal.store import search

    rng = random.Random(3)
    words = ["harbour", "lantern", "quiet", "walk", "tea"]
    live: dict[str, str] = {}
    trashed: dict[str, str] = {}
    for _ in range(300):
        action = rng.choice(["add", "add", "edit", "delete", "restore", "empty"])
        if action == "add" or not (live or trashed):
            text = " ".join(rng.sample(words, 2))
            live[journal.add(Entry(DAY, body=text), now=NOW).id] = text
        elif action == "edit" and live:
            entry_id = rng.choice(sorted(live))
            live[entry_id] = " ".join(rng.sample(words, 2))
            journal.update(Entry(DAY, body=live[entry_id], id=entry_id))
        elif action == "delete" and live:
            entry_id = rng.choice(sorted(live))
            journal.delete(entry_id)
            trashed[entry_id] = live.pop(entry_id)
        elif action == "restore" and trashed:
            entry_id = rng.choice(sorted(trashed))
            journal.restore(entry_id)
            live[entry_id] = trashed.pop(entry_id)
        elif action == "empty" and rng.random() < 0.1:
            journal.empty_trash()
            trashed.clear()
    _search_index_is_sound(journal)
    assert journal.db.execute("SELECT count(*) FROM entries_fts").fetchone()[0] == len(live)
    for word in words:
        expected = {i for i, text in live.items() if word in text.split()}
        assert {e.id for e in journal.entries(EntryFilter(search=word), limit=1000)} == expected
        assert journal.count(EntryFilter(search=word)) == len(expected)
    monkeypatch.setattr(search, "RANK_AT_MOST", 1)  # many matches: newest written first
    newest = journal.entries(EntryFilter(search="tea"), limit=1000)
    assert {e.id for e in newest} == {i for i, t in live.items() if "tea" in t.split()}


def test_search_finds_words_in_any_answer_and_the_snippet_keeps_answers_apart(journal):
    from closeness_journal.core.entries import Answer

    saved = journal.add(Entry(
        date(2026, 11, 18),
        body="free writing about tea",
        answers=(Answer("a", "First?", "the lighthouse keeper"), Answer("b", "Second?", "a quiet harbour")),
    ))
    [hit] = journal.search_hits(EntryFilter(search="harbour"))
    assert hit.entry == saved
    assert "\x1e" not in "".join(text for text, _ in hit.snippet)
    assert ("harbour", True) in hit.snippet
    assert [h.entry.id for h in journal.search_hits(EntryFilter(search="lighthouse"))] == [saved.id]
    journal.delete(saved.id)
    assert journal.search_hits(EntryFilter(search="lighthouse")) == []


def test_the_tag_filter_matches_any_case_and_tags_are_listed_by_use(journal):
    day = date(2026, 11, 18)
    work = journal.add(Entry(day, body="a", tags=("Work", "evening")))
    journal.add(Entry(day, body="b", tags=("evening",)))
    gone = journal.add(Entry(day, body="c", tags=("work",)))
    journal.delete(gone.id)
    assert [e.id for e in journal.entries(EntryFilter(tags=("work",)))] == [work.id]
    assert [e.id for e in journal.entries(EntryFilter(tags=("work", "EVENING")))] == [work.id]
    assert journal.entries(EntryFilter(tags=("home",))) == []
    assert journal.tags() == [("evening", 2), ("Work", 1)]


def test_whether_there_are_tags_is_whether_any_are_listed(journal):
    """History asks only this until its tag filter is opened."""
    day = date(2026, 11, 18)
    assert not journal.has_tags() and journal.tags() == []
    untagged = journal.add(Entry(day, body="no tags"))
    assert not journal.has_tags()
    tagged = journal.add(Entry(day, body="a", tags=("Work",)))
    assert journal.has_tags() and journal.tags()
    journal.delete(tagged.id)  # in the trash: not listed
    assert not journal.has_tags() and journal.tags() == []
    journal.restore(tagged.id)
    assert journal.has_tags() and journal.tags()
    journal.update(replace(journal.get(tagged.id), tags=()))
    journal.update(replace(journal.get(untagged.id), tags=("home",)))
    assert journal.has_tags() and journal.tags() == [("home", 1)]


def test_listing_the_tags_is_a_read_that_needs_no_sqlite_utils(tmp_path):
    """History lists the tags when it first opens: a plain read (sqlite-utils is for writes)."""
    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    journal.add(Entry(date(2026, 11, 2), body="a walk", tags=("Walks",)))
    journal.close()
    journal = Journal.open(path)
    try:
        assert journal.tags() == [("Walks", 1)] and journal.has_tags()
        assert journal._db._database is None
    finally:
        journal.close()
