"""Exercise rounds in the journal (m014_exercises), in the JSON archive, and never in the
therapist's Markdown export; the day's prompts kept in the settings (day_prompts.py)."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from closeness_journal import day_prompts, exporting
from closeness_journal.core.archive_format import BackupFormatError, read_backup
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.exercises import Round, Turn, find_exercise, read_round, render_markdown
from closeness_journal.core.prompts import CheckinCounts, DeeperChoice, deeper_setting, shuffle_setting
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.store.exercises import RoundNotFound

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 18, 20, 30, tzinfo=UTC)
LIBRARY = load_prompts().library
PARTNER = find_exercise(LIBRARY, "partner-exercise")


def finished_round(first: str = "Never shown to the second person", second: str = "Alex's words") -> Round:
    round_ = Round.start(PARTNER, DAY)
    for index, (name, words, include) in enumerate((("Sam", first, False), ("Alex", second, True))):
        turn = Turn(name=name, include_sensitive=include)
        for item in PARTNER.items_for(include):
            turn = turn.with_answer(item, f"{words}: {item.id}")
        round_ = round_.with_turn(index, Turn(name, include, turn.answers, done=True))
    return round_


def test_a_round_is_saved_turn_by_turn_and_found_by_the_start_of_its_id(journal):
    round_ = Round.start(PARTNER, DAY)
    first = journal.save_round(round_.with_turn(0, Turn("Sam")), now=NOW)
    assert first.created_at == first.updated_at == NOW.isoformat()
    later = journal.save_round(first.with_turn(0, Turn("Sam", done=True)), now=NOW + timedelta(hours=1))
    assert later.created_at == NOW.isoformat() and later.updated_at != later.created_at
    assert journal.round(round_.id[:6]) == later
    assert journal.rounds("partner-exercise") == [later] and journal.rounds("supporting") == []
    assert later.status() == "waiting for the second person" and later.turn_index == 1
    with pytest.raises(RoundNotFound, match="at least the first 4"):
        journal.round("ab")
    with pytest.raises(RoundNotFound, match="no exercise round"):
        journal.round("ffffffff")
    journal.discard_round(round_.id)
    assert journal.rounds() == []


def test_rounds_travel_in_the_json_archive_identically_and_import_once(journal):
    saved = journal.save_round(finished_round(), now=NOW)
    waiting = journal.save_round(Round.start(PARTNER, DAY).with_turn(0, Turn("Jo")), now=NOW)
    document = json.loads(json.dumps(journal.dump().to_json("then")))
    assert {r["id"] for r in document["exercises"]} == {saved.id, waiting.id}
    target = Journal.in_memory()
    assert target.merge(read_backup(document))["exercises"] == 2
    assert json.loads(json.dumps(target.dump().to_json("then"))) == document
    assert target.merge(read_backup(document))["exercises"] == 0
    assert target.round(saved.id) == saved


def test_an_archive_without_exercises_still_reads_and_a_damaged_round_names_its_field():
    assert read_backup({"format": "closeness-journal", "format_version": 2}).exercises == []
    bad = finished_round().to_json()
    bad["turns"][1]["answers"][0]["text"] = 7
    with pytest.raises(BackupFormatError, match=r"exercises\[0\]\.turns\[1\]\.answers\[0\]\.text"):
        read_backup({"format": "closeness-journal", "format_version": 2, "exercises": [bad]})
    with pytest.raises(ValueError, match=r"round\.people: must be 1 or 2"):
        read_round(dict(finished_round().to_json(), people=3), "round")


def test_exercise_answers_are_never_in_the_therapist_export(journal):
    journal.add(Entry(DAY, body="An ordinary entry"), now=NOW)
    journal.save_round(finished_round(), now=NOW)
    markdown = "".join(exporting.prepare(journal, exporting.Choice(until=DAY, include_private=True), DAY).chunks)
    assert "An ordinary entry" in markdown
    assert "Never shown" not in markdown and "Alex's words" not in markdown


def test_the_side_by_side_markdown_holds_both_and_keeps_typed_text_as_text():
    round_ = finished_round(first="a | pipe *and* <b>tags</b>\nover two lines")
    markdown = render_markdown(round_, PARTNER.items)
    assert "| Starter | Sam | Alex |" in markdown
    item = PARTNER.items[0]
    assert f"| {item.text} | a \\| pipe \\*and\\* \\<b>tags\\</b> <br> over two lines: {item.id} |" in markdown or (
        "a \\| pipe" in markdown and "<br> over two lines" in markdown
    )
    sensitive = next(i for i in PARTNER.items if i.sensitive)
    assert f"| {sensitive.text} | (left out) | Alex's words: {sensitive.id} |" in markdown


# ---------------------------------------------------------------------- the day's prompts, remembered


def add_checkins(journal, fears, days, stayed=False, last=DAY):
    checkin = CheckIn(fears=fears, stayed=("kept-plans",) if stayed else ())
    for n in range(days):
        journal.add(Entry(last - timedelta(days=n), body="x", checkin=checkin), now=NOW - timedelta(days=n))


def test_the_four_weeks_are_added_up_in_one_query(journal):
    add_checkins(journal, ("engulfment", "rejection"), 5)
    add_checkins(journal, ("engulfment",), 2, stayed=True)
    journal.add(Entry(DAY - timedelta(days=40), body="too long ago", checkin=CheckIn(fears=("loss",))), now=NOW)
    counts = journal.recent_checkins(DAY - timedelta(days=27), DAY)
    assert counts == CheckinCounts(checkins=7, fears={"engulfment": 7, "rejection": 5}, stayed_days=2)


def test_a_journal_full_of_engulfment_chooses_toward_it_remembers_the_choice_and_says_why(journal):
    add_checkins(journal, ("engulfment",), 20)
    daily = day_prompts.for_day(journal, LIBRARY, DAY, remember=True)
    kept = journal.setting(deeper_setting(DAY))
    assert kept["id"] == daily.choice.prompt_id and kept["shown"] == daily.deeper.id
    assert day_prompts.leaning(journal, DAY).fear == "engulfment"
    # Whatever the weeks hold later that day, the day keeps its question.
    add_checkins(journal, ("loss",), 20)
    assert day_prompts.for_day(journal, LIBRARY, DAY).deeper == daily.deeper
    # Four more weeks of writing about it: most deeper questions are about that fear or where it began.
    toward = 0
    for n in range(28):
        day = DAY + timedelta(days=n + 1)
        add_checkins(journal, ("engulfment",), 1, last=day)
        shown = day_prompts.for_day(journal, LIBRARY, day, remember=True)
        toward += "engulfment" in shown.deeper.fears or shown.deeper.theme == "roots"
        if shown.because in ("fear", "roots"):
            assert "losing yourself or being controlled" in shown.leaning_note
    assert toward >= 20


def test_swaps_are_kept_per_place_and_an_old_journals_count_still_reads(journal):
    journal.set_setting(shuffle_setting(DAY), 2)  # what an older version kept: swaps of the deeper prompt
    daily = day_prompts.for_day(journal, LIBRARY, DAY, remember=True)
    assert daily.shuffle == 2 and daily.deeper.id != daily.choice.prompt_id
    swapped = daily.swapped(LIBRARY, daily.core[1].id)
    day_prompts.keep(journal, swapped)
    assert journal.setting(shuffle_setting(DAY, "feared")) == 1 and journal.setting(shuffle_setting(DAY)) == 2
    again = day_prompts.for_day(journal, LIBRARY, DAY)
    assert again.core == swapped.core and again.deeper == swapped.deeper


def test_a_deeper_prompt_shown_lately_is_not_asked_again(journal):
    sequence = LIBRARY.deeper_sequence()
    natural = sequence[DAY.toordinal() % len(sequence)]
    journal.set_setting(deeper_setting(DAY - timedelta(days=3)), DeeperChoice("goals-01").to_setting(natural.id))
    assert day_prompts.recent_deeper(journal, DAY) == {natural.id}
    assert day_prompts.for_day(journal, LIBRARY, DAY).deeper != natural
