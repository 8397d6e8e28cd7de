from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.dates import BadDate, iso_week_label, parse_date, week_start
from closeness_journal.core.entries import Answer, Entry, EntryFilter, InvalidEntry, checkin_summary
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.vocabulary import (
    BEHAVIOUR_CATEGORY,
    SABOTAGE_BEHAVIOURS,
    WITHDRAWAL_BEHAVIOURS,
)

DAY = date(2026, 11, 18)


def test_every_behaviour_belongs_to_exactly_one_category():
    assert set(WITHDRAWAL_BEHAVIOURS).isdisjoint(SABOTAGE_BEHAVIOURS)
    assert set(BEHAVIOUR_CATEGORY) == set(WITHDRAWAL_BEHAVIOURS) | set(SABOTAGE_BEHAVIOURS)
    assert len(WITHDRAWAL_BEHAVIOURS) == 11 and len(SABOTAGE_BEHAVIOURS) == 9


def test_unknown_slug_message_lists_the_valid_ones():
    with pytest.raises(InvalidEntry) as error:
        Entry(DAY, body="x", checkin=CheckIn(fears=("spiders",))).validated()
    message = str(error.value)
    assert "spiders" in message and "abandonment" in message and "engulfment" in message


@pytest.mark.parametrize("field", ["intensity", "predicted", "outcome"])
@pytest.mark.parametrize("value", [-1, 11])
def test_scales_run_from_zero_to_ten(field, value):
    with pytest.raises(InvalidEntry, match="0 to 10"):
        Entry(DAY, body="x", checkin=CheckIn(**{field: value})).validated()


def test_an_empty_entry_cannot_be_saved():
    with pytest.raises(InvalidEntry, match="nothing to save"):
        Entry(DAY, body="   \n").validated()


def test_a_check_in_alone_is_worth_keeping():
    assert Entry(DAY, checkin=CheckIn(fears=("loss",))).validated().checkin.fears == ("loss",)


def test_validation_removes_duplicate_slugs_and_tag_marks():
    entry = Entry(DAY, body="x", tags=("#work", "@work", " "), checkin=CheckIn(behaviours=("went-quiet", "went-quiet")))
    cleaned = entry.validated()
    assert cleaned.checkin.behaviours == ("went-quiet",)
    assert cleaned.tags == ("work",)


def test_categories_come_from_behaviours():
    both = Entry(DAY, checkin=CheckIn(behaviours=("went-quiet", "picked-fight")))
    assert both.withdrawal and both.sabotage
    assert not Entry(DAY, checkin=CheckIn(behaviours=("went-quiet",))).sabotage


def test_json_round_trip_keeps_every_field():
    entry = Entry(
        DAY,
        body="b",
        answers=(Answer("feared-01", "t", "an answer"),),
        private=True,
        tags=("x",),
        checkin=CheckIn(
            who="Sam", relationship="partner", kinds=("emotional",), behaviours=("hid-needs",), fears=("loss",),
            intensity=4, close_before=True, small_step="s", predicted=6, outcome=2, stayed=("kept-plans",), urge=5,
            acted="no",
        ),
    )
    assert Entry.from_json(entry.to_json()) == entry


def test_checkin_summary_uses_words_not_slugs():
    checkin = CheckIn(who="Sam", relationship="partner", behaviours=("went-quiet",), fears=("engulfment",))
    rows = dict(checkin_summary(Entry(DAY, checkin=checkin)))
    assert rows["With"] == "Sam (a partner)"
    assert rows["Pulling away"] == "Went quiet or shut down"
    assert "went-quiet" not in " ".join(rows.values())


def test_filter_rejects_reversed_dates_and_unknown_slugs():
    with pytest.raises(InvalidEntry, match="comes after"):
        EntryFilter(since=date(2026, 2, 1), until=date(2026, 1, 1)).validated()
    with pytest.raises(InvalidEntry, match="category"):
        EntryFilter(category="sulking").validated()


@pytest.mark.parametrize(
    "text, expected",
    [("2026-02-03", date(2026, 2, 3)), ("today", DAY), ("Yesterday", date(2026, 11, 17))],
)
def test_parse_date(text, expected):
    assert parse_date(text, DAY) == expected


@pytest.mark.parametrize("text", ["2026-13-01", "tomorrowish", "", "18/11/2026"])
def test_parse_date_rejects_with_the_expected_form(text):
    with pytest.raises(BadDate, match="YYYY-MM-DD"):
        parse_date(text, DAY)


def test_weeks_start_on_monday():
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)
    assert iso_week_label(date(2026, 11, 22)) == "2026-W47"
    assert iso_week_label(date(2027, 1, 1)) == "2026-W53"


def test_printable_strips_escape_sequences_but_keeps_markup_characters():
    text = "[bold]x[/] \x1b]2;title\x1b\\ \x1b[31mred\x1b[0m\tok\r\nnext\x07"
    assert printable(text) == "[bold]x[/]  red\tok\nnext"
    assert one_line("a\nb   c", 4) == "a b…"


def test_one_line_can_cut_where_a_word_ends():
    text = "Dinner with Sam was lovely, and then I went quiet for the rest of the night."
    assert one_line(text, 56) == "Dinner with Sam was lovely, and then I went quiet for t…"
    assert one_line(text, 56, at_a_word=True) == "Dinner with Sam was lovely, and then I went quiet for…"
    assert one_line("short words fit", 40, at_a_word=True) == "short words fit"
    assert one_line("one" + "x" * 30 + " end", 20, at_a_word=True) == "one" + "x" * 16 + "…"  # no word ends late enough
    assert one_line("the rest of it", 9, at_a_word=True) == "the rest…"  # a word ends just where the cut is


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_a_line_cut_at_a_word_is_never_longer_than_asked(text, width):
    cut = one_line(text, width, at_a_word=True)
    assert len(cut) <= width and (cut == one_line(text) or cut.endswith("…"))


def test_validated_copies_are_what_replace_would_make():
    import dataclasses

    from closeness_journal.core.entries import Answer, _copied

    entry = Entry(date(2026, 1, 2), body="  kept \x1b[31m\n", answers=(Answer("p", "Prompt", "said"),),
                  tags=("a,#b",))
    copy = _copied(entry, body="other", tags=("x",))
    assert copy == dataclasses.replace(entry, body="other", tags=("x",)) and copy.answers is entry.answers
    assert repr(copy) == repr(dataclasses.replace(entry, body="other", tags=("x",)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.body = "changed"
    cleaned = entry.validated()
    assert cleaned.body == "  kept" and cleaned.tags == ("a", "b") and cleaned.answers == entry.answers
    dirty = Entry(date(2026, 1, 2), answers=(Answer(" p\n", "Pro\x07mpt", "said \n"), Answer("q", "Q", "  ")))
    assert dirty.validated().answers == (Answer("p", "Prompt", "said"),)
    assert Entry(date(2026, 1, 2)).validated(allow_empty=True) == Entry(date(2026, 1, 2))
