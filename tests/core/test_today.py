"""Today's rules without a screen: the sitting's slots, drafts and how they merge, the swap of the
deeper prompt, the save notice and the review offer. Plain data in, plain data out."""

from datetime import date

import pytest

from closeness_journal.core.checkin import CheckIn, CheckInFields
from closeness_journal.core.entries import Answer, EntryFilter
from closeness_journal.core.prompts import Prompt, PromptLibrary, Theme, daily_prompts
from closeness_journal.core.today import (
    FREE_WRITING,
    Draft,
    LastWeek,
    Sitting,
    Slot,
    Window,
    left_behind,
    merge_drafts,
    offer_review,
    open_elsewhere,
    saved_notice,
    slots_for,
)

TODAY = date(2026, 11, 18)  # a Wednesday in 2026-W47
MONDAY = date(2026, 11, 16)
HERE = Window(pid=100, host="laptop")


def _library(deeper: int = 3) -> PromptLibrary:
    themes = ["pulled-away", "feared", "small-step", "roots"]
    prompts = [Prompt(f"{t}-{n}", t, f"A question about {t}, number {n}?") for t in themes[:3] for n in (1, 2)]
    prompts += [Prompt(f"roots-{n}", "roots", f"Where does it come from, {n}?") for n in range(1, deeper + 1)]
    prompts.append(Prompt("old-deeper", "weekly-review", "A prompt on no day's list?"))
    return PromptLibrary({t: Theme(t, t.title()) for t in [*themes, "weekly-review"]}, {p.id: p for p in prompts})


LIBRARY = _library()


def sitting(today: date = TODAY, library: PromptLibrary = LIBRARY, shuffle: int = 0) -> Sitting:
    return Sitting.start(daily_prompts(library, today, shuffle=shuffle))


def draft(answers: dict[str, str], day: date = TODAY, current: str | None = None, checkin=None, window=None) -> Draft:
    fields = CheckInFields.from_json(checkin or {})
    return Draft(day=day, answers=answers, current=current, checkin=fields, window=window)


# ---------------------------------------------------------------------- slots


def test_the_slots_are_the_days_prompts_in_order_then_free_writing():
    daily = daily_prompts(LIBRARY, TODAY)
    slots = slots_for(daily)
    assert [s.prompt for s in slots] == [*daily.core, daily.deeper, None]
    assert [s.key for s in slots] == [p.id for p in daily.all] + [FREE_WRITING]
    assert len(slots) == 5


def test_each_slot_keeps_what_was_typed_and_moving_goes_round():
    s = sitting()
    s.write("about pulling away")
    s.move(1)
    assert s.text == ""
    s.write("about fear")
    s.move(-1)
    assert s.text == "about pulling away"
    s.move(-1)
    assert s.slot == Slot(FREE_WRITING, None)
    s.move(1)
    assert s.current == 0
    assert s.unsaved_answers() == 2


def test_the_whole_sitting_is_one_entry_with_an_answer_per_prompt_written_under():
    s = sitting()
    s.write("We laughed, then I went quiet.")
    s.move(2)
    s.write("I told Sam I was tired.")
    s.move(-1)
    s.write("   ")  # blank: no answer
    s.move(2)
    s.move(1)
    assert s.slot.key == FREE_WRITING
    s.write("More about the evening.")
    entry = s.entry(CheckInFields(CheckIn(who="Sam", intensity=7)))
    first, third = s.daily.core[0], s.daily.core[2]
    assert entry.local_date == TODAY
    assert entry.answers == (
        Answer(first.id, first.text, "We laughed, then I went quiet."),
        Answer(third.id, third.text, "I told Sam I was tired."),
    )
    assert entry.body == "More about the evening."
    assert (entry.checkin.who, entry.checkin.intensity) == ("Sam", 7)


def test_a_check_in_alone_answers_no_prompt():
    alone = sitting().entry(CheckInFields(CheckIn(who="Sam")))
    assert alone.answers == () and alone.body == "" and not alone.is_empty()


def test_saving_empties_every_place_and_shows_the_first_prompt_again():
    s = sitting()
    s.write("first")
    s.move(1)
    s.write("second")
    s.saved()
    assert s.unsaved_answers() == 0 and s.current == 0 and s.text == ""


def test_unsaved_work_is_words_anywhere_or_a_check_in():
    s = sitting()
    assert not s.has_unsaved_work(checkin_empty=True)
    assert s.has_unsaved_work(checkin_empty=False)
    s.move(2)
    s.write(" \n")
    assert not s.has_unsaved_work(checkin_empty=True)
    s.write("a word")
    assert s.has_unsaved_work(checkin_empty=True)


# ---------------------------------------------------------------------- drafts: (de)serialisation


def test_a_draft_round_trips_through_json():
    original = draft(
        {"pulled-away-1": "half a thought", FREE_WRITING: "more"}, day=MONDAY, current=FREE_WRITING,
        checkin={"who": "Robin", "kinds": ["emotional"]}, window=HERE,
    )
    data = original.to_json()
    assert data == {
        "day": "2026-11-16", "answers": {"pulled-away-1": "half a thought", FREE_WRITING: "more"},
        "current": FREE_WRITING, "checkin": CheckInFields(CheckIn(who="Robin", kinds=("emotional",))).to_json(),
        "pid": 100, "host": "laptop",
    }
    assert Draft.from_json(data, TODAY) == original


def test_a_sittings_draft_round_trips_into_a_new_sitting():
    s = sitting()
    s.write("about pulling away")
    s.move(2)
    s.write("about a small step")
    s.move(1)
    data = s.draft(CheckInFields(CheckIn(who="Sam")), HERE).to_json()
    assert data["answers"] == {s.slots[0].key: "about pulling away", s.slots[2].key: "about a small step"}

    again = sitting()
    again.restore(Draft.from_json(data, TODAY), LIBRARY.get)
    assert (again.answers, again.current, again.day, again.slots) == (s.answers, 3, TODAY, s.slots)


def test_blank_answers_are_not_kept_in_a_draft():
    s = sitting()
    s.write("   ")
    assert s.draft(CheckInFields()).answers == {}
    assert draft({"a": " \n", "b": "words"}).to_json()["answers"] == {"b": "words"}


def test_a_damaged_or_old_draft_is_read_forgivingly():
    read = Draft.from_json(
        {"day": "not a date", "answers": {"free": "kept\x1b[31m red\x07", "x": 3}, "current": 5, "checkin": [],
         "pid": True, "host": "laptop"},
        TODAY,
    )
    assert read == Draft(day=TODAY, answers={"free": "kept red"}, current=None, checkin=CheckInFields(), window=None)
    assert Draft.from_json({}, TODAY) == Draft(day=TODAY, answers={})
    assert Draft.from_json({"answers": "oops", "pid": 7}, TODAY).window is None  # no host: no window


# ---------------------------------------------------------------------- drafts: whose they are


def test_a_draft_held_by_a_window_still_open_is_never_taken():
    drafts = [
        ("today:open", draft({"free": "theirs"}, window=Window(200, "laptop"))),
        ("today:closed", draft({"free": "left"}, window=Window(300, "laptop"))),
        ("today:mine", draft({"free": "this process"}, window=HERE)),
        ("today:away", draft({"free": "other machine"}, window=Window(200, "desktop"))),
        ("today:unmarked", draft({"free": "no window"})),
    ]
    alive = {100, 200}.__contains__
    assert [key for key, _ in left_behind(drafts, HERE, alive)] == [
        "today:closed", "today:mine", "today:away", "today:unmarked"
    ]
    assert open_elsewhere(drafts[0][1], HERE, alive)
    assert not open_elsewhere(drafts[0][1], HERE, lambda pid: False)


def test_only_this_machines_processes_are_asked_about():
    asked = []
    other_host = draft({"free": "x"}, window=Window(200, "desktop"))
    same_host = draft({"free": "x"}, window=Window(200, "laptop"))
    left_behind([("a", other_host), ("b", same_host)], HERE, lambda pid: asked.append(pid) or False)
    assert asked == [200]  # once, for the draft from this machine


# ---------------------------------------------------------------------- drafts: merging


def test_several_closed_windows_drafts_merge_into_one():
    first = draft({FREE_WRITING: "first window"}, current=FREE_WRITING, checkin={"who": "Sam"}, window=Window(1, "a"))
    second = draft({"feared-1": "a fear"}, current="feared-1", checkin={"who": "Robin"}, window=Window(2, "a"))
    third = draft({FREE_WRITING: "third window"}, current=FREE_WRITING, checkin={"who": "Alex"}, window=Window(3, "a"))
    merged = merge_drafts([first, second, third])
    assert merged.answers == {FREE_WRITING: "first window\n\nthird window", "feared-1": "a fear"}
    alex = CheckInFields(CheckIn(who="Alex"))
    assert (merged.current, merged.checkin, merged.window) == (FREE_WRITING, alex, Window(3, "a"))
    assert merge_drafts([second]) == second


def test_the_same_prompt_typed_in_two_windows_keeps_both_oldest_first():
    merged = merge_drafts([draft({"roots-1": "  older\n"}), draft({"roots-1": "newer"})])
    assert merged.answers == {"roots-1": "older\n\nnewer"}


def test_merging_nothing_is_a_mistake():
    with pytest.raises(ValueError):
        merge_drafts([])


def test_answers_to_a_prompt_that_is_gone_become_free_writing():
    s = sitting()
    s.restore(draft({"removed-prompt": "words for a deleted file", FREE_WRITING: "my own words",
                     "also-gone": "more"}), LIBRARY.get)
    assert s.answers == {FREE_WRITING: "my own words\n\nwords for a deleted file\n\nmore"}
    assert [slot.key for slot in s.slots] == [slot.key for slot in sitting().slots]  # no slot for them


def test_an_answer_to_a_prompt_not_shown_today_keeps_its_own_slot_before_free_writing():
    s = sitting()
    s.restore(draft({"old-deeper": "yesterday's question", FREE_WRITING: "x"}, current="old-deeper"), LIBRARY.get)
    assert s.slots[-2] == Slot("old-deeper", LIBRARY.get("old-deeper"))
    assert s.slots[-1].key == FREE_WRITING and len(s.slots) == 6
    assert s.slot.key == "old-deeper" and s.text == "yesterday's question"


def test_the_slot_shown_comes_back_or_the_first_one():
    s = sitting()
    s.restore(draft({FREE_WRITING: "x"}, current="no-such-slot"), LIBRARY.get)
    assert s.current == 0


def test_a_draft_from_an_earlier_day_keeps_its_day_until_its_words_are_saved():
    fear = sitting().daily.core[1].id
    monday, today = draft({FREE_WRITING: "late on Monday"}, day=MONDAY), draft({fear: "today"}, current=fear)
    merged = merge_drafts([monday, today])
    assert merged.day == MONDAY
    s = sitting()
    s.restore(merged, LIBRARY.get)
    assert s.day == MONDAY and s.slot.key == fear
    entry = s.entry(CheckInFields())
    assert entry.local_date == MONDAY and entry.body == "late on Monday" and entry.answers[0].text == "today"
    s.saved()  # the whole sitting is saved for Monday; the next one is for today
    assert s.day == TODAY and s.entry(CheckInFields()).local_date == TODAY


def test_a_draft_dated_after_today_is_written_for_today():
    s = sitting()
    s.restore(draft({FREE_WRITING: "the clock moved"}, day=date(2026, 11, 20)), LIBRARY.get)
    assert s.day == TODAY


# ---------------------------------------------------------------------- the reshuffle


def test_a_swap_puts_another_deeper_prompt_in_its_place_and_shows_it():
    s = sitting()
    before = s.daily.deeper
    assert s.reshuffle(LIBRARY)
    after = s.daily.deeper
    assert after.id != before.id and s.daily.shuffle == 1
    assert s.daily == daily_prompts(LIBRARY, TODAY, shuffle=1)  # what the next window will show
    assert s.slot == Slot(after.id, after) and s.current == 3
    assert before.id not in [slot.key for slot in s.slots]  # nothing typed: it simply goes


def test_a_swap_keeps_the_old_prompt_when_something_was_typed_for_it():
    s = sitting()
    before = s.daily.deeper
    s.current = 3
    s.write("words for the old one")
    s.reshuffle(LIBRARY)
    assert [slot.key for slot in s.slots] == [p.id for p in s.daily.core] + [s.daily.deeper.id, before.id, FREE_WRITING]
    assert s.answers[before.id] == "words for the old one"


def test_a_swap_back_to_a_kept_prompt_shows_it_once():
    s = sitting()  # three deeper prompts: swaps go A -> B -> C -> B
    s.reshuffle(LIBRARY)
    b = s.daily.deeper
    s.write("words for B")
    s.reshuffle(LIBRARY)
    s.reshuffle(LIBRARY)
    keys = [slot.key for slot in s.slots]
    assert s.daily.deeper == b and keys.count(b.id) == 1
    assert s.slot.key == b.id and s.text == "words for B"


def test_with_one_deeper_prompt_a_swap_changes_nothing_but_the_count():
    s = sitting(library=_library(deeper=1))
    slots = list(s.slots)
    assert not s.reshuffle(_library(deeper=1))
    assert s.slots == slots and s.daily.shuffle == 1


def test_a_sitting_starts_on_the_remembered_swap():
    assert sitting(shuffle=2).daily.deeper == daily_prompts(LIBRARY, TODAY, shuffle=2).deeper


# ---------------------------------------------------------------------- notes


@pytest.mark.parametrize(
    ("count", "day", "said"),
    [
        (1, TODAY, "Saved. That's 1 entry today. Thank you for noticing."),
        (3, TODAY, "Saved. That's 3 entries today. Thank you for noticing."),
        (1, MONDAY, "Saved. That's 1 entry that day. Thank you for noticing."),
    ],
)
def test_the_save_notice(count, day, said):
    assert saved_notice(count, day, TODAY) == said


def test_last_week_is_the_week_that_has_fully_ended():
    for today in (date(2026, 11, 16), TODAY, date(2026, 11, 22)):  # Monday to Sunday of W47
        week = LastWeek.before(today)
        assert week.monday == date(2026, 11, 9) and week.label == "2026-W46"
        assert week.entries == EntryFilter(since=date(2026, 11, 9), until=date(2026, 11, 15))
        assert week.offered_setting == "review-offered:2026-W46"
    assert LastWeek.before(date(2026, 1, 1)).label == "2025-W52"


def test_the_review_is_offered_once_when_last_week_has_entries_and_no_review():
    settings: dict[str, bool] = {}
    offers = []
    for today in (TODAY, TODAY, date(2026, 11, 22), date(2026, 11, 23)):
        week = LastWeek.before(today)
        if offer_review(offered=settings.get(week.offered_setting, False), reviewed=False, entries=4):
            settings[week.offered_setting] = True
            offers.append(week.label)
    assert offers == ["2026-W46", "2026-W47"]  # once a week, the first time Today opens


def test_the_review_is_not_offered_for_an_empty_or_reviewed_week():
    assert offer_review(offered=False, reviewed=False, entries=1)
    assert not offer_review(offered=False, reviewed=False, entries=0)
    assert not offer_review(offered=False, reviewed=True, entries=5)
    assert not offer_review(offered=True, reviewed=False, entries=5)


# ---------------------------------------------------------------------- swapping any prompt


def test_a_core_prompt_on_screen_can_be_swapped_and_what_was_typed_for_it_stays():
    s = sitting()
    before = s.daily.core[1]
    s.current = 1
    s.write("words for the old fear question")
    assert s.can_swap() and s.swap(LIBRARY)
    after = s.daily.core[1]
    assert after.theme == before.theme and after.id != before.id
    assert s.slot == Slot(after.id, after) and s.daily.swap_count(before.theme) == 1
    assert [slot.key for slot in s.slots][-2:] == [before.id, FREE_WRITING]
    assert s.daily.deeper == daily_prompts(LIBRARY, TODAY).deeper  # the others stay


def test_free_writing_and_a_kept_old_prompt_have_nothing_to_swap():
    s = sitting()
    s.current = len(s.slots) - 1
    assert not s.can_swap() and not s.swap(LIBRARY)
    s.current = 0
    s.write("kept")
    s.swap(LIBRARY)
    s.current = [slot.key for slot in s.slots].index(daily_prompts(LIBRARY, TODAY).core[0].id)
    assert not s.can_swap()
