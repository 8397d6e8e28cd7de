"""Flags, the note for the next session, the exports remembered, and "For my session"'s figures."""

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeness_journal.core.archive_format import Backup
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry, EntryFilter
from closeness_journal.core.review import SavedReview
from closeness_journal.core.session import PEAKS_SHOWN, ExportRecord
from closeness_journal.store import Journal

DAY = date(2026, 11, 18)
MORNING = datetime(2026, 11, 18, 8, 0, tzinfo=UTC)


def test_a_flag_is_a_mark_not_an_edit(journal):
    saved = journal.add(Entry(DAY, body="bring this up"), now=MORNING)
    later = MORNING + timedelta(hours=2)
    flagged = journal.set_flagged(saved.id, True, now=later)
    assert flagged.flagged and journal.get(saved.id).flagged
    assert flagged.updated_at == MORNING  # not "edited"
    assert journal.revision_count(saved.id) == 0
    assert journal.get(saved.id).to_json()["flagged"] is True
    journal.set_flagged(saved.id, False, now=later)
    assert not journal.get(saved.id).flagged and journal.revision_count(saved.id) == 0


def test_editing_keeps_the_flag_and_flagging_while_editing_keeps_a_version(journal):
    saved = journal.add(Entry(DAY, body="one", flagged=True), now=MORNING)
    assert journal.get(saved.id).flagged
    edited = journal.update(replace(saved, body="two"), now=MORNING + timedelta(hours=1))
    assert edited.flagged and journal.get(saved.id).flagged and journal.revision_count(saved.id) == 1
    both = journal.update(replace(edited, body="three", flagged=False), now=MORNING + timedelta(hours=2))
    assert not both.flagged and not journal.get(saved.id).flagged and journal.revision_count(saved.id) == 2


def test_changed_since_finds_what_was_written_edited_or_flagged_after_a_moment(journal):
    export = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    old = journal.add(Entry(DAY - timedelta(days=30), body="old"), now=export - timedelta(days=30))
    edited = journal.add(Entry(DAY - timedelta(days=20), body="edited later"), now=export - timedelta(days=20))
    flagged = journal.add(Entry(DAY - timedelta(days=10), body="flagged later"), now=export - timedelta(days=10))
    same_day = journal.add(Entry(DAY, body="this morning, before"), now=export - timedelta(minutes=1))
    journal.update(replace(edited, body="edited after"), now=export + timedelta(hours=1))
    journal.set_flagged(flagged.id, True, now=export + timedelta(hours=2))
    # written today after this morning's export, and imported with its time in another UTC offset
    evening = datetime(2026, 11, 18, 10, 30, tzinfo=timezone(timedelta(hours=-1)))  # 11:30 UTC
    new = Entry(DAY, body="this evening", id="0e0e0e0e-0000-4000-8000-000000000001", created_at=evening,
                updated_at=evening)
    journal.merge(Backup(entries=[new]))
    found = {e.id for e in journal.iter_entries(EntryFilter(changed_since=export))}
    assert found == {edited.id, flagged.id, new.id}
    assert old.id not in found and same_day.id not in found
    assert journal.count(EntryFilter(changed_since=export)) == 3
    assert journal.first_day(EntryFilter(changed_since=export)) == DAY - timedelta(days=20)
    source = journal.pattern_source(DAY - timedelta(days=40), DAY, changed_since=export)
    assert sum(d.entries for d in source.days) == 3


def test_the_note_is_kept_edited_and_cleared(journal):
    assert journal.session_note() == ""
    journal.set_session_note("How I went quiet with Sam.\n\nAnd <b>work</b>.  ")
    assert journal.session_note() == "How I went quiet with Sam.\n\nAnd <b>work</b>."
    journal.set_session_note("Something else")
    assert journal.session_note() == "Something else"
    assert journal.dump().settings["session_note"] == "Something else"  # a backup carries it
    journal.set_session_note("   ")
    assert journal.session_note() == ""


def test_exports_are_remembered_and_the_last_readable_one_found(journal):
    assert journal.last_export() is None
    first = ExportRecord(MORNING, "markdown", date(2026, 1, 1), DAY, None, 12)
    journal.record_export(first)
    journal.record_export(ExportRecord(MORNING + timedelta(hours=1), "json"))
    assert journal.last_export() == first
    second = ExportRecord(MORNING + timedelta(hours=2), "html", DAY, DAY, MORNING, 1)
    journal.record_export(second)
    assert journal.last_export() == second
    assert journal.last_export(("json",)).format == "json"


def test_session_facts_count_and_read_only_a_few_entries(journal):
    now = MORNING
    for n in range(12):
        journal.add(Entry(DAY - timedelta(days=n), body=f"peak {n}", checkin=CheckIn(intensity=8 + n % 3)), now=now)
    journal.add(Entry(DAY, body="urge", checkin=CheckIn(urge=9)), now=now)
    journal.add(Entry(DAY, body="calm", flagged=True, checkin=CheckIn(intensity=3)), now=now)
    journal.add(Entry(DAY, body="private peak", private=True, checkin=CheckIn(intensity=10)), now=now)
    for minutes, (words, predicted, outcome) in enumerate((("asked for a hug", 7, 2), ("called Mum", 2, 6))):
        step = CheckIn(small_step=words, predicted=predicted, outcome=outcome)
        journal.add(Entry(DAY, body="step", checkin=step), now=now + timedelta(minutes=minutes))
    journal.add(Entry(DAY, body="feared", checkin=CheckIn(relationship="partner", fears=("engulfment", "rejection"))),
                now=now)
    journal.add(Entry(DAY, body="feared", checkin=CheckIn(relationship="partner", fears=("engulfment",))), now=now)
    journal.add(Entry(DAY, body="feared", checkin=CheckIn(relationship="family", fears=("abandonment",))), now=now)
    facts = journal.session_facts(EntryFilter(include_private=False), note="n")
    assert facts.note == "n"
    assert facts.peaks_total == 13 and len(facts.peaks) == PEAKS_SHOWN
    assert [e.local_date for e in facts.peaks] == sorted(e.local_date for e in facts.peaks)
    assert all(max(e.checkin.intensity or 0, e.checkin.urge or 0) >= 9 for e in facts.peaks)
    assert "private peak" not in {e.body for e in facts.peaks}
    assert [e.body for e in facts.flagged] == ["calm"] and facts.flagged_total == 1
    assert [e.checkin.small_step for e in facts.better] == ["asked for a hug"] and facts.better_total == 1
    assert [e.checkin.small_step for e in facts.steps] == ["asked for a hug", "called Mum"] and facts.steps_total == 2
    assert facts.fear_by_relationship[0] == ("partner", "engulfment", 2)
    assert set(facts.fear_by_relationship[1:]) == {("partner", "rejection", 1), ("family", "abandonment", 1)}


def test_each_spelling_of_a_name_is_kept_with_its_usual_relationship(journal):
    journal.add(Entry(DAY, body="a", checkin=CheckIn(who="Will", relationship="friend")))
    journal.add(Entry(DAY, body="b", checkin=CheckIn(who="will", relationship="friend")))
    journal.add(Entry(DAY, body="c", checkin=CheckIn(who="Will")))
    journal.add(Entry(DAY, body="d", checkin=CheckIn(who="Sam", relationship="partner")))
    assert journal.name_spellings() == {"Will": "friend", "will": "friend", "Sam": "partner"}


def test_a_journal_opened_again_keeps_flags_and_exports(tmp_path):
    path = tmp_path / "j" / "journal.db"
    journal = Journal.open(path)
    saved = journal.add(Entry(DAY, body="x", flagged=True), now=MORNING)
    journal.record_export(ExportRecord(MORNING, "markdown"))
    journal.close()
    journal = Journal.open(path)
    try:
        assert journal.get(saved.id).flagged and journal.last_export().made_at == MORNING
    finally:
        journal.close()


def test_first_lines_are_cut_after_a_whole_word():
    from closeness_journal.core.session import first_lines

    entry = Entry(DAY, body="I told Sam maybe we should take a break.\nEverything at once: the flat, the job.\nThird")
    assert first_lines(entry) == "I told Sam maybe we should take a break. Everything at once: the flat, the job."
    assert first_lines(entry, 60) == "I told Sam maybe we should take a break. Everything at once…"
    assert first_lines(Entry(DAY, checkin=CheckIn(small_step="Stayed"))) == "Stayed"
    assert len(first_lines(Entry(DAY, body="x" * 500), 40)) == 40


def _answers_as_exports_showed_them(journal, since: str, until: str) -> list[tuple[str, str | None, tuple]]:
    """What `exporting.prepare` made of `Journal.reviews` before `review_answers` (oldest week first)."""
    return [
        (r.week, r.updated_at, tuple((r.questions.get(pid) or pid, answer) for pid, answer in r.answers.items()))
        for r in reversed(journal.reviews(since=since, until=until))
    ]


_ITEM = st.fixed_dictionaries(
    {"prompt_id": st.sampled_from(["weekly-review-01", "weekly-review-05", "next-step", "", "x"]),
     "answer": st.text(max_size=12)},
    optional={"question": st.sampled_from(["", "What helped?", "**Bold** <q>", " spaced  out "])},
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(weeks=st.dictionaries(st.sampled_from([f"2026-W{n:02d}" for n in range(40, 53)] + ["2025-W52", "2027-W01"]),
                             st.lists(_ITEM, max_size=5), max_size=6),
       span=st.sampled_from([("2026-W40", "2026-W52"), ("2026-W45", "2026-W47"), ("2025-W01", "2027-W52")]))
def test_review_answers_are_the_reviews_as_an_export_showed_them(journal, weeks, span):
    """Stored answers of every shape (a prompt answered twice, no question, an empty one) read the
    same through the light query as through `SavedReview`."""
    with journal._write() as db:
        db.execute("DELETE FROM reviews")
        for week, items in weeks.items():
            db.execute(
                "INSERT INTO reviews (week, created_at, updated_at, answers, next_step) VALUES (?, ?, ?, ?, '')",
                [week, MORNING.isoformat(), (MORNING + timedelta(days=len(items))).isoformat(), json.dumps(items)],
            )
    assert journal.review_answers(*span) == _answers_as_exports_showed_them(journal, *span)


def test_review_answers_read_saved_reviews_oldest_first(journal):
    journal.save_review(SavedReview("2026-W47", {"weekly-review-05": "later"}, {"weekly-review-05": "Q?"}), now=MORNING)
    journal.save_review(SavedReview("2026-W46", {"weekly-review-01": "first", "next-step": ""}), now=MORNING)
    read = journal.review_answers("2026-W01", "2026-W52")
    assert [(week, answers) for week, _, answers in read] == [
        ("2026-W46", (("weekly-review-01", "first"), ("next-step", ""))), ("2026-W47", (("Q?", "later"),)),
    ]
    assert read == _answers_as_exports_showed_them(journal, "2026-W01", "2026-W52")


def test_the_patterns_an_export_reads_leave_out_only_the_people_and_relationships(journal):
    """`pattern_source(named=False)` (what an export asks for: it shows neither) is the same figures
    with those two left empty, from the kept sums and from the entries that changed."""
    for n, (who, relationship) in enumerate([("Sam", "partner"), ("sam", "friend"), ("", None), ("Ana", "family")]):
        journal.add(Entry(DAY - timedelta(days=n), body="x", checkin=CheckIn(
            who=who, relationship=relationship, fears=("rejection",), intensity=n, behaviours=("went-quiet",))),
            now=MORNING - timedelta(days=n))
    since, until = DAY - timedelta(days=10), DAY
    for changed_since in (None, MORNING - timedelta(days=2, hours=1)):
        named = journal.pattern_source(since, until, changed_since=changed_since)
        assert named.people and named.relationships
        unnamed = journal.pattern_source(since, until, changed_since=changed_since, named=False)
        assert unnamed == named.replace(people={}, relationships={})


def test_for_my_session_reads_its_entries_as_the_entry_model_reads_them(journal):
    """The few entries "For my session" lists are read without the entry model (an export never
    imports it): what the lists show of each is what the entry itself gives."""
    from closeness_journal.core.entries import Answer
    from closeness_journal.core.session import SessionEntry, first_lines

    written = [
        Entry(DAY, body="", answers=(Answer("a", "What happened?", "We walked.\nI stayed."), Answer("b", "And?", " ")),
              checkin=CheckIn(who="Sam", relationship="partner", intensity=9, urge=10,
                              fears=("engulfment", "rejection"), acted="partly", small_step="asked for a hug",
                              predicted=7, outcome=2), flagged=True),
        Entry(DAY - timedelta(days=1), body="only free writing\n\nand more",
              checkin=CheckIn(urge=8, small_step="called Mum", outcome=4)),
        Entry(DAY, body="", checkin=CheckIn(intensity=10, acted="no"), flagged=True),
    ]
    for n, entry in enumerate(written):
        journal.add(entry, now=MORNING + timedelta(minutes=n))
    facts = journal.session_facts(EntryFilter())
    listed = [*facts.flagged, *facts.peaks, *facts.better, *facts.steps]
    assert len(listed) == 2 + 3 + 1 + 2
    for shown in listed:
        assert isinstance(shown, SessionEntry)
        entry = journal.get(shown.id)
        assert (shown.local_date, shown.id, shown.created_at) == (entry.local_date, entry.id, entry.created_at)
        assert (shown.words, shown.body, first_lines(shown)) == (entry.words, entry.body, first_lines(entry))
        for name in ("who", "relationship", "fears", "intensity", "urge", "acted", "small_step", "predicted",
                     "outcome"):
            assert getattr(shown.checkin, name) == getattr(entry.checkin, name), name


def test_an_export_counts_as_search_does(journal):
    """`entry_filters.FilterMixin` (what an export counts through, with the kept day sums for
    everything) gives the counts `search.py` gives, for every kind of filter but the words."""
    from closeness_journal.store.entry_filters import FilterMixin

    for n in range(6):
        journal.add(Entry(DAY - timedelta(days=n), body=f"entry {n}", private=n % 2 == 1, tags=("home",) * (n % 3 == 0),
                          checkin=CheckIn(relationship="partner" if n < 3 else "friend", fears=("rejection",) * (n > 2),
                                          behaviours=("went-quiet",) * (n % 2))), now=MORNING)
    filters = [
        EntryFilter(), EntryFilter(include_private=False), EntryFilter(since=DAY - timedelta(days=2), until=DAY),
        EntryFilter(fears=("rejection",)), EntryFilter(behaviours=("went-quiet",), category="withdrawal"),
        EntryFilter(relationship="friend", tags=("HOME",)), EntryFilter(changed_since=MORNING - timedelta(hours=1)),
        EntryFilter(category="sabotage", include_private=False, changed_since=MORNING + timedelta(hours=1)),
    ]
    for wanted in filters:
        assert FilterMixin.count(journal, wanted) == journal.count(wanted)
    assert [FilterMixin.count(journal, wanted) for wanted in filters[:4]] == [6, 3, 3, 3]
