"""An import can't plant a crash: the whole archive is checked (drafts, settings, ids, days and
times) and refused whole, naming the field, before anything is written. Each of these was
accepted ("Added 0 entries", exit 0) and then crashed the window on every start."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from safety_helpers import content_hash, one_clear_line

from closeness_journal import importing

NOW = datetime.now(UTC)
SOON = (NOW + timedelta(days=5)).isoformat()
DAY_SOON = (NOW + timedelta(days=5)).date().isoformat()
ENTRY_ID = "8b03181e-31ee-4f30-b233-b7f448f348c6"


def draft(key: str, data, saved_at: str = "2026-11-18T10:00:00+00:00") -> dict:
    return {"drafts": [{"key": key, "saved_at": saved_at, "data": data}]}


def entry(**changes) -> dict:
    base = {
        "id": ENTRY_ID, "local_date": "2026-11-18", "body": "words", "answers": [], "who": "", "relationship": None,
        "kinds": [], "behaviours": [], "fears": [], "stayed": [], "intensity": None, "urge": None, "acted": None,
        "close_before": False, "small_step": "", "predicted": None, "outcome": None, "private": False, "tags": [],
        "created_at": "2026-11-18T20:00:00+00:00", "updated_at": "2026-11-18T20:00:00+00:00", "deleted_at": None,
    }
    return {"entries": [{**base, **changes}]}


PLANTED = {
    "draft data a string": (draft("today:1@h", "oops"), "drafts[0].data: expected an object"),
    "draft data a list": (draft("today:1@h", [1, 2]), "drafts[0].data: expected an object"),
    "draft day not a date": (draft("today:1@h", {"day": "someday"}), "drafts[0].data.day"),
    "draft day a number": (draft("today:1@h", {"day": 5}), "drafts[0].data.day"),
    "draft day in the future": (draft("today:1@h", {"day": DAY_SOON}), "in the future"),
    "draft answers not text": (draft("today:1@h", {"answers": {"a": 3}}), "drafts[0].data.answers"),
    "draft pid not a number": (draft("today:1@h", {"pid": "12"}), "drafts[0].data.pid"),
    "draft checkin a list": (draft("today:1@h", {"checkin": [1]}), "drafts[0].data.checkin"),
    "edit draft of no id": (draft("edit:abc", {"body": "x"}), "drafts[0].key"),
    "edit draft body a number": (draft(f"edit:{ENTRY_ID}", {"body": 3}), "drafts[0].data.body"),
    "review draft answers a string": (draft("review:2026-W46", {"answers": "x"}), "drafts[0].data.answers"),
    "review draft of no week": (draft("review:someday", {}), "drafts[0].key"),
    "unknown draft kind": (draft("elsewhere:1", {}), "drafts[0].key"),
    "draft saved in the future": (draft("today:1@h", {}, saved_at=SOON), "in the future"),
    "shuffle a string": ({"settings": {"shuffle:2026-11-18": "abc"}}, "settings['shuffle:2026-11-18']"),
    "shuffle negative": ({"settings": {"shuffle:2026-11-18": -1}}, "settings['shuffle:2026-11-18']"),
    "shuffle a boolean": ({"settings": {"shuffle:2026-11-18": True}}, "settings['shuffle:2026-11-18']"),
    "review offered a list": ({"settings": {"review-offered:2026-W46": [1]}}, "settings['review-offered:2026-W46']"),
    "settings a list": ({"settings": [1]}, "settings: expected an object"),
    "entry id not a UUID": (entry(id="not-an-id"), "entries[0].id"),
    "entry id in capitals": (entry(id=ENTRY_ID.upper()), "entries[0].id"),
    "entry day in the future": (entry(local_date=DAY_SOON), "entries[0].local_date"),
    "entry day in year 1": (entry(local_date="0001-01-01"), "entries[0].local_date"),
    "entry written in the future": (entry(created_at=SOON), "entries[0].created_at"),
    "entry field this version doesn't know": (entry(mood="fine"), "entries[0].mood: not a field of an entry"),
    "revision of no id": (
        {"revisions": [{"entry_id": "x", "revised_at": "2026-11-18T20:00:00+00:00", "entry": entry()["entries"][0]}]},
        "revisions[0].entry_id",
    ),
    "review week in the future": (
        {"reviews": [{"week": "2999-W01", "answers": [], "next_step": ""}]}, "reviews[0].week"
    ),
    "review week not a week": ({"reviews": [{"week": "0001-W01", "answers": [], "next_step": ""}]}, "reviews[0].week"),
}


@pytest.mark.parametrize("name", list(PLANTED))
def test_an_archive_that_would_plant_a_crash_is_refused_whole(filled, run, tmp_path, name):
    extra, field = PLANTED[name]
    archive = {
        "format": "closeness-journal", "format_version": 2, "exported_at": "2026-11-18T10:00:00+00:00",
        # a good entry too: a file with a problem adds nothing, not even what was fine in it
        "entries": [entry(id="11111111-2222-4333-8444-555555555555")["entries"][0]],
        **extra,
    }
    if "entries" in extra:
        archive["entries"] = extra["entries"] + [entry(id="11111111-2222-4333-8444-555555555555")["entries"][0]]
    path = tmp_path / "planted.json"
    path.write_text(json.dumps(archive))
    before = content_hash(filled)
    code, out, err = run("import", str(path))
    line = one_clear_line(err)
    assert code == 1 and field in line and line.count("nothing was imported") == 1, line
    assert content_hash(filled) == before


def test_settings_this_version_does_not_read_are_kept_as_they_are():
    backup = importing.from_text(json.dumps({
        "format": "closeness-journal", "format_version": 2, "settings": {"someday-feature": {"x": [1]}},
    }), "json")
    assert backup.settings == {"someday-feature": {"x": [1]}}


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
@pytest.mark.parametrize(
    "stamp, says",
    [("0001-01-01 09:00", "outside the days the journal works with"), ("9999-12-31 23:00", "in the future")],
)
def test_a_jrnl_file_dated_at_the_ends_of_time_is_refused_plainly(filled, run, tmp_path, monkeypatch, zone, stamp,
                                                                   says):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        path = tmp_path / "journal.txt"
        path.write_text(f"[2026-11-01 09:00] A fine day\nwords\n\n[{stamp}] The odd one\nbody\n")
        before = content_hash(filled)
        code, _, err = run("import", str(path))
        line = one_clear_line(err)
        assert code == 1 and "entry 2" in line and says in line, line
        assert content_hash(filled) == before
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_jrnl_file_with_ordinary_days_still_imports(filled, run, tmp_path):
    path = tmp_path / "journal.txt"
    path.write_text("[1999-12-31 23:59] Before the millennium\nwords\n\n[2026-11-01 09:00] A fine day\n")
    code, out, err = run("import", str(path))
    assert code == 0, err and "Added 2 entries" in out
