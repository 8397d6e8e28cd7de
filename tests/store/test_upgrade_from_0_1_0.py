"""A journal and an archive made by release 0.1.0 (schema m001-m010, archive format 1) keep every
row when this version opens or imports them (see tests/fixtures/release-0.1.0/README.md)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from closeness_journal.core.archive_format import BackupFormatError, read_backup
from closeness_journal.core.entries import Answer, EntryFilter
from closeness_journal.store import Journal

RELEASE = Path(__file__).parent.parent / "fixtures" / "release-0.1.0"


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def old_journal(tmp_path) -> Path:
    folder = tmp_path / "journal"
    folder.mkdir(mode=0o700)
    target = folder / "journal.db"
    shutil.copyfile(RELEASE / "journal.db", target)
    target.chmod(0o600)
    return target


def test_upgrading_keeps_every_entry_answer_revision_review_setting_and_draft(old_journal):
    before = {
        uuid: (local_date, prompt_id, prompt_text, body, who, fears, intensity, deleted_at, private, tags)
        for uuid, local_date, prompt_id, prompt_text, body, who, fears, intensity, deleted_at, private, tags in rows(
            old_journal,
            "SELECT uuid, local_date, prompt_id, prompt_text, body, who, fears, intensity, deleted_at, private, tags "
            "FROM entries",
        )
    }
    revisions_before = rows(old_journal, "SELECT entry_uuid, revised_at, data FROM revisions")
    review_revisions_before = rows(old_journal, "SELECT week, data FROM review_revisions")
    drafts_before = rows(old_journal, "SELECT key, data FROM drafts")
    assert len(before) == 11 and len(revisions_before) == 1

    journal = Journal.open(old_journal)
    try:
        entries = {e.id: e for e in journal.entries(EntryFilter(), limit=-1)} | {e.id: e for e in journal.trash()}
        assert set(entries) == set(before)
        for uuid, (local_date, prompt_id, prompt_text, body, who, fears, intensity, deleted_at, private, tags) in (
            before.items()
        ):
            entry = entries[uuid]
            assert entry.local_date.isoformat() == local_date
            if prompt_id:  # its prompt answer becomes its one answer
                assert entry.answers == (Answer(prompt_id, prompt_text or "", body),) and entry.body == ""
            else:
                assert entry.answers == () and entry.body == body
            assert entry.checkin.who == who and list(entry.checkin.fears) == json.loads(fears)
            assert entry.checkin.intensity == intensity and entry.private == bool(private)
            assert list(entry.tags) == json.loads(tags)
            assert (entry.deleted_at.isoformat() if entry.deleted_at else None) == deleted_at
            assert entry.checkin.stayed == () and entry.checkin.urge is None and entry.checkin.acted is None

        [edited] = [uuid for uuid, *_ in revisions_before]
        [revision] = journal.revisions(edited)
        old = json.loads(revisions_before[0][2])
        assert revision.entry.answers == (Answer(old["prompt_id"], old["prompt_text"], old["body"]),)
        assert revision.entry.checkin.who == old["who"]

        review = journal.review("2026-W46")
        assert review is not None and review.answers == {"review-01": "I go quiet first."}
        assert journal.review_revision_count("2026-W46") == len(review_revisions_before) == 1
        assert journal.setting("shuffle:2026-11-22") == 1
        assert [(key, json.loads(data)) for key, data in drafts_before] == [
            (key, data) for key, data in journal.drafts("today")
        ]

        # search finds words that were in an answer (they moved to the answers column)
        answered = next(e for e in entries.values() if e.answers and e.deleted_at is None)
        word = max(answered.answers[0].text.split(), key=len).strip(".,")
        assert answered.id in {hit.entry.id for hit in journal.search_hits(EntryFilter(search=word))}
    finally:
        journal.close()
    [(integrity,)] = rows(old_journal, "PRAGMA integrity_check")
    assert integrity == "ok"
    # (checked on its own: the index leaves out entries in the trash, so it never equals the table)
    assert rows(old_journal, "INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')") == []


def test_a_version_1_archive_still_imports_with_every_row(tmp_path):
    data = json.loads((RELEASE / "archive-v1.json").read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    backup = read_backup(data)
    assert len(backup.entries) == 11 and len(backup.revisions) == 1 and len(backup.reviews) == 1
    journal = Journal.open(tmp_path / "j" / "journal.db")
    try:
        added = journal.merge(backup)
        assert added["entries"] == 11
        by_id = {item["id"]: item for item in data["entries"]}
        for entry in [*journal.entries(EntryFilter(), limit=-1), *journal.trash()]:
            old = by_id[entry.id]
            if old["prompt_id"]:
                assert entry.answers == (Answer(old["prompt_id"], old["prompt_text"], old["body"]),)
            else:
                assert entry.body == old["body"] and entry.answers == ()
        assert journal.merge(read_backup(data)) == dict.fromkeys(added, 0)  # importing twice adds nothing
    finally:
        journal.close()


@pytest.mark.parametrize("field", ["stayed", "answers", "flagged", "mood"])
def test_a_version_1_archive_with_a_field_it_could_not_have_is_refused_naming_it(field):
    data = json.loads((RELEASE / "archive-v1.json").read_text(encoding="utf-8"))
    data["entries"][3][field] = []
    with pytest.raises(BackupFormatError, match=rf"entries\[3\]\.{field}: not a field of an entry in a version-1"):
        read_backup(data)
