"""The exports read rows, not entries: the store's rows hold what the entries hold, and a document
rendered from rows is the one rendered from the same entries."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from closeness_journal.core.archive_format import Backup
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry, EntryFilter
from closeness_journal.core.export_rows import FIELDS, edited_on, row_of
from closeness_journal.core.html_export import render_html
from closeness_journal.core.markdown_export import render_markdown
from closeness_journal.core.patterns import compute
from closeness_journal.demo import DemoOptions, fill

END = date(2026, 11, 18)
MORNING = datetime(2026, 11, 18, 8, 0, tzinfo=UTC)


def a_varied_journal(journal):
    fill(journal, END, DemoOptions(weeks=6, seed=3, entries_per_day=1.5))
    journal.add(Entry(END, kind="pause", body="a pause", private=True, tags=("night", "Ünïcode tag"),
                      checkin=CheckIn(urge=7, urge_after=3, acted="no", who="Sam", relationship="partner")),
                now=MORNING)
    answered = journal.add(Entry(END, answers=(Answer("p-1", "What did you fear?", "that\nit ends"),
                                               Answer("p-2", "And then?", "")),
                                 checkin=CheckIn(small_step="call", rung=None, predicted=6, outcome=2)),
                           now=MORNING + timedelta(minutes=1))
    journal.update(replace(answered, body="later"), now=MORNING + timedelta(days=2))
    journal.set_flagged(answered.id, True, now=MORNING + timedelta(days=3))
    # imported with its times in another UTC offset, "edited" a minute after it was written
    written = datetime(2026, 11, 17, 23, 30, tzinfo=timezone(timedelta(hours=-2)))
    journal.merge(Backup(entries=[Entry(END - timedelta(days=1), body="away", id="0e0e0e0e-0000-4000-8000-00000000000a",
                                        created_at=written, updated_at=written + timedelta(minutes=1))]))


def test_the_stores_rows_are_the_entries_rows(journal):
    a_varied_journal(journal)
    for filters in (EntryFilter(), EntryFilter(include_private=False), EntryFilter(since=END - timedelta(days=9))):
        rows = list(journal.export_rows(filters, chunk=7))
        entries = list(journal.iter_entries(filters))
        assert len(rows) == len(entries) > 10
        assert rows == [row_of(entry) for entry in entries]
        assert all(len(row) == len(FIELDS) for row in rows)
    shown = {FIELDS[n] for row in journal.export_rows(EntryFilter()) for n, value in enumerate(row) if value}
    assert shown == set(FIELDS)  # every field is exercised by some entry


def test_a_document_from_rows_is_the_document_from_entries(journal):
    a_varied_journal(journal)
    since = END - timedelta(days=50)
    patterns = compute(journal.pattern_source(since, END), since, END)
    for render in (render_markdown, render_html):
        for names in (None, {"Sam": "my partner"}):
            def document(entries, render=render, names=names):
                return "".join(render(entries, patterns=patterns, since=since, until=END, exported_on=END, names=names))

            assert document(journal.export_rows(EntryFilter())) == document(journal.iter_entries(EntryFilter()))


def test_edited_on_compares_moments_not_text():
    assert edited_on("2026-11-18T08:00:00+00:00", "2026-11-18T08:00:00+00:00") is None
    assert edited_on("2026-11-18T08:00:00+00:00", "2026-11-18T07:00:00-01:00") is None  # the same moment
    assert edited_on("2026-11-18T08:00:00+00:00", "2026-11-18T08:00:00.5+00:00") == date(2026, 11, 18)
    assert edited_on("2026-11-18T23:00:00+00:00", "2026-11-18T23:30:00-01:00") == date(2026, 11, 18)
    assert edited_on("2026-11-18T08:00:00+00:00", "2026-11-17T09:00:00+00:00") is None
    assert edited_on("", "2026-11-18T08:00:00+00:00") is None


def test_the_archive_reads_the_trash_beside_the_rest_in_one_order(journal):
    a_varied_journal(journal)
    same_moment = MORNING - timedelta(days=1)
    for n, (day, trashed) in enumerate([(END, True), (END, False), (END, True), (date(1, 1, 1), True),
                                        (date(9999, 12, 31), True), (END - timedelta(days=3), True)]):
        # the same day and moment: the id decides, and two of them go to the trash
        entry = Entry(day, body=f"same moment {n}", id=f"0e0e0e0e-0000-4000-8000-00000000010{n}",
                      created_at=same_moment, updated_at=same_moment)
        journal.merge(Backup(entries=[entry]))
        if trashed:
            journal.delete(entry.id)
    expected = [row[0] for row in journal.db.execute("SELECT uuid FROM entries ORDER BY local_date, created_at, uuid")]
    assert journal.trash_count() >= 5
    assert [entry.id for entry in journal.archive_entries(chunk=3)] == expected


def test_merged_keeps_the_order_of_both_streams():
    import random

    from closeness_journal.store.exports import _ARCHIVE_COLUMNS, _merged

    rng = random.Random(5)
    day, created, uuid = (_ARCHIVE_COLUMNS.index(c) for c in ("local_date", "created_at", "uuid"))

    def row(n):
        values = [""] * len(_ARCHIVE_COLUMNS)
        values[day], values[created], values[uuid] = rng.choice("abc"), rng.choice("xy"), f"{n:04}"
        return tuple(values)

    for _ in range(200):
        rows = [row(n) for n in range(rng.randrange(12))]
        key = lambda r: (r[day], r[created], r[uuid])  # noqa: E731
        ordered = sorted(rows, key=key)
        split = [r for r in ordered if rng.random() < 0.3]
        rest = [r for r in ordered if r not in split]
        assert list(_merged(iter(rest), iter(split))) == ordered


def test_fear_by_relationship_is_what_json_each_counts_in_the_same_order(journal):
    a_varied_journal(journal)
    fears = [("not-enough",), ("rejection", "not-enough"), ("engulfment",), ()]
    for n in range(40):  # ties across relationships, and none noted
        journal.add(Entry(END - timedelta(days=n % 9), body="x", checkin=CheckIn(
            relationship=(None, "partner", "friend", "family")[n % 4], fears=fears[n % len(fears)])), now=MORNING)
    for filters in (EntryFilter(), EntryFilter(since=END - timedelta(days=4))):
        from closeness_journal.store.entry_filters import filter_sql

        where, params = filter_sql(filters)
        expected = journal.db.execute(
            f"SELECT e.relationship, j.value, count(*) FROM entries e, json_each(e.fears) AS j WHERE {where} "
            "GROUP BY e.relationship, j.value ORDER BY count(*) DESC, e.relationship, j.value", params,
        ).fetchall()
        assert any(rel is None for rel, _, _ in expected) and len(expected) > 5
        assert list(journal.session_facts(filters).fear_by_relationship) == expected


def test_prompt_lists_are_read_without_json_as_the_json_parser_reads_them():
    import json

    from closeness_journal.store.exports import _prompt_texts

    lists = [
        [["a", "What happened?"]], [["a", ""], ["b-2", "Then, what?"]], [["a", 'He said "stay".']],
        [["a", "tab\there"]], [["a", "Ça va, « oui »"]], [["x", '"], ["']], [["a", "back\\slash"], ["b", "c"]],
    ]
    stored = [json.dumps(texts) for texts in lists] + [json.dumps(texts, ensure_ascii=False) for texts in lists]
    stored += ['[["a","b"]]', '[["a", "b"],["c", "d"]]', '[ ["a", "b"] ]', '[["a", "b", "c"]]'[:-1] + "]"]
    for text in stored:
        try:
            expected = tuple(prompt for _, prompt in json.loads(text))
        except ValueError:
            expected = None
        if expected is None:
            with pytest.raises(ValueError):
                _prompt_texts(text)
        else:
            assert _prompt_texts(text) == expected, text
