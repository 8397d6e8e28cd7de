"""The JSON archive's document as an export reads it (store/archive_export.py): made from the rows,
it is `dump().to_json()` byte for byte, and the JSON export imports nothing of the archive's
reading side."""

import json
from datetime import UTC, date, datetime, timedelta

from closeness_journal import exporting
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.exercises import Round, Turn, find_exercise
from closeness_journal.core.ladder import Rung
from closeness_journal.core.review import SavedReview
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.store.archive_export import ArchiveReader, review_json
from closeness_journal.store.reviews import review_from_row

NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)
DAY = date(2026, 11, 18)


def _filled(journal: Journal) -> None:
    """Something in every part of the archive: entries (edited, in the trash), rungs (one retired),
    reviews (one saved twice, so with a revision), settings, a draft and an exercise round."""
    rung = journal.add_rung(Rung("Tell Sam one true thing", 40, "Sam"), now=NOW)
    journal.add_rung(Rung("Call Mum", 70), now=NOW + timedelta(seconds=1))
    journal.retire_rung(rung.id, now=NOW + timedelta(hours=1))
    first = journal.add(Entry(DAY, body="A walk by the sea,\nthen \"quiet\" — ünïcode ✓", checkin=CheckIn(
        who="Sam", relationship="partner", intensity=7, urge=6, acted="partly", stayed=("shared-a-feeling",),
        behaviours=("went-quiet",), fears=("judgement",), predicted=6, outcome=2, small_step="Ask", rung=rung.id,
    ), tags=("sea", "[b]"), flagged=True), now=NOW)
    second = journal.add(Entry(DAY - timedelta(days=3), answers=(Answer("p-1", "What happened?", "We talked"),),
                               private=True), now=NOW + timedelta(minutes=1))
    gone = journal.add(Entry(DAY - timedelta(days=1), body="to the trash"), now=NOW + timedelta(minutes=2))
    journal.update(Entry(DAY, body="A walk by the sea, edited", id=first.id, checkin=first.checkin),
                   now=NOW + timedelta(hours=2))
    journal.update(Entry(second.local_date, body="more", id=second.id, answers=second.answers),
                   now=NOW + timedelta(hours=3))
    journal.delete(gone.id, now=NOW + timedelta(hours=4))
    journal.save_review(SavedReview("2026-W46", {"weekly-review-01": "a good week"}, next_step="x"), now=NOW)
    journal.save_review(SavedReview("2026-W46", {"weekly-review-01": "a better week", "weekly-review-05": "y"},
                                    questions={"weekly-review-01": "How was it?"}, next_step="y", next_rung=rung.id),
                        now=NOW + timedelta(hours=3))
    journal.save_review(SavedReview("2026-W45", {"weekly-review-05": ""}), now=NOW)
    journal.set_setting("shuffle:2026-11-18", 3)
    journal.set_setting("theme", "dark")
    journal.save_draft("today:abc", {"answers": {"free": "half"}}, now=NOW)
    partner = find_exercise(load_prompts().library, "partner-exercise")
    journal.save_round(Round.start(partner, DAY).with_turn(0, Turn("Sam")), now=NOW)


def test_the_export_s_document_is_dump_s_byte_for_byte(tmp_path):
    journal = Journal.open(tmp_path / "journal.db")
    _filled(journal)
    assert journal._db.execute("SELECT count(*) FROM review_revisions").fetchone()[0] > 0  # every part is there
    assert journal.rounds() and journal.ladder(retired=True) and journal.trash_count()
    expected = json.dumps(journal.dump().to_json(NOW.isoformat()), ensure_ascii=False, indent=1) + "\n"
    journal.close()
    reader = ArchiveReader.open(tmp_path / "journal.db")
    try:
        written = "".join(exporting.json_chunks(reader, NOW))
        assert reader.count() == 2 and reader.trash_count() == 1
    finally:
        reader.close()
    assert written == expected
    assert '"review_revisions": [\n  {' in written and '"exercises": [\n  {' in written


def test_an_empty_journal_s_document_is_dump_s():
    journal = Journal.in_memory()
    expected = json.dumps(journal.dump().to_json(NOW.isoformat()), ensure_ascii=False, indent=1) + "\n"
    assert "".join(exporting.json_chunks(journal, NOW)) == expected


def test_a_review_row_reads_as_review_from_row_gives_it_whatever_its_answers_hold():
    row = {"week": "2026-W46", "next_step": None, "next_rung": None, "created_at": "c", "updated_at": "u"}
    for answers in (
        None, "[]",
        json.dumps([{"prompt_id": "a", "answer": "first"}, {"prompt_id": "b", "answer": "", "question": "Q?"},
                    {"prompt_id": "a", "answer": "again", "question": None}]),  # the same prompt twice
    ):
        assert review_json({**row, "answers": answers}) == review_from_row({**row, "answers": answers}).to_json()


def test_the_json_export_imports_neither_the_archive_s_reading_side_nor_the_rest_of_the_journal(imports_of):
    watched = ("argparse", "hashlib", "closeness_journal.store.journal", "closeness_journal.store.archive",
               "closeness_journal.store.reviews", "closeness_journal.core.archive_format",
               "closeness_journal.core.review", "closeness_journal.core.exercises", "closeness_journal.core.prompts",
               "closeness_journal.core.patterns")
    printed, loaded = imports_of(["export", "--format", "json", "-o", "-"], ("sqlite_utils", "textual", "rich"),
                                 watched)
    assert "lighthouse" in printed
    assert loaded == []
