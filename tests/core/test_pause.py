"""The pause's rules: the breath's pace and shape, the grounding minute, the note, its draft and
the suggestions. All of it is a function of the seconds gone by, so nothing here waits."""

from dataclasses import replace
from datetime import date

import pytest

from closeness_journal.core.pause import (
    BREATHE_IN,
    BREATHE_OUT,
    COMMON_TOOLS,
    FEAR,
    GROUNDING_SECONDS,
    HAPPENED,
    INSTEAD,
    QUESTIONS,
    SHAPE_COLUMNS,
    SHAPE_ROWS,
    PauseDraft,
    PauseNotes,
    Suggestion,
    breath_at,
    change_in_words,
    grounding_at,
    left_behind,
    merge_pauses,
    scale_value,
    shape,
    suggestions,
)
from closeness_journal.core.today import Window
from closeness_journal.core.vocabulary import PAUSE

DAY = date(2026, 11, 18)
HERE = Window(100, "laptop")


# ---------------------------------------------------------------------- the breath


def test_a_breath_is_four_seconds_in_and_six_out_then_again():
    assert BREATHE_IN == 4 and BREATHE_OUT == 6
    assert [breath_at(s).breathing_in for s in (0, 1, 3.9, 4.0, 7, 9.9, 10.0, 13.9, 14.1)] == [
        True, True, True, False, False, False, True, True, False,
    ]
    assert [breath_at(s).words for s in (0, 5)] == ["breathe in", "breathe out"]


def test_the_count_goes_down_through_each_half_of_the_breath():
    assert [breath_at(s).count for s in (0, 0.5, 1, 2, 3, 3.5)] == [4, 4, 3, 2, 1, 1]
    assert [breath_at(4 + s).count for s in (0, 1, 2, 3, 4, 5, 5.9)] == [6, 5, 4, 3, 2, 1, 1]


def test_the_shape_grows_breathing_in_and_shrinks_breathing_out_gently():
    growing = [breath_at(s / 10).size for s in range(0, 41)]
    shrinking = [breath_at(4 + s / 10).size for s in range(0, 61)]
    assert growing == sorted(growing) and shrinking == sorted(shrinking, reverse=True)
    assert growing[0] == pytest.approx(0) and shrinking[0] == pytest.approx(1) and shrinking[-1] == pytest.approx(0)
    steps = [abs(b - a) for a, b in zip(growing, growing[1:], strict=False)]
    assert max(steps[:3]) < max(steps[15:25])  # slow at the ends, as a breath is


def test_the_grounding_minute_breathes_then_notices_what_you_see_and_hear():
    assert GROUNDING_SECONDS == 60
    assert [grounding_at(s).part for s in (0, 39.9, 40, 49.9, 50, 59.9, 60, 600)] == [
        "breathe", "breathe", "see", "see", "hear", "hear", "done", "done",
    ]
    assert [grounding_at(s).left for s in (0, 0.5, 30, 59.5, 61)] == [60, 60, 30, 1, 0]
    assert grounding_at(45).breath == breath_at(45)  # the breath goes on through the noticing


def test_the_shape_is_characters_only_and_always_the_same_size():
    for size in (0, 0.3, 0.7, 1):
        lines = shape(size)
        assert len(lines) == SHAPE_ROWS and {len(line) for line in lines} == {SHAPE_COLUMNS}
        assert set("".join(lines)) <= {" ", "█", "▓", "·"}


def test_a_fuller_breath_fills_more_of_the_shape_and_the_ring_shows_where_it_reaches():
    def filled(size: float) -> int:
        return sum(line.count("█") + line.count("▓") for line in shape(size))

    assert 0 < filled(0) < filled(0.5) < filled(1)
    assert "·" in "".join(shape(0))
    assert shape(0) == [line[::-1] for line in shape(0)]  # round: the same both ways


# ---------------------------------------------------------------------- the note


def test_a_pause_is_saved_as_an_entry_of_kind_pause_with_the_pull_before_and_after():
    notes = PauseNotes(happened="Sam hugged me and I froze", fear="that I'll let them down", urge=8,
                       instead="say I need a minute", urge_after=4, acted="no")
    entry = notes.entry(DAY).validated()
    assert entry.kind == PAUSE and entry.is_pause and entry.local_date == DAY
    assert [(a.prompt_id, a.prompt_text, a.text) for a in entry.answers] == [
        (HAPPENED, QUESTIONS[HAPPENED], "Sam hugged me and I froze"),
        (FEAR, QUESTIONS[FEAR], "that I'll let them down"),
        (INSTEAD, QUESTIONS[INSTEAD], "say I need a minute"),
    ]
    assert (entry.checkin.urge, entry.checkin.urge_after, entry.checkin.acted) == (8, 4, "no")
    assert entry.checkin.stayed == ("paused-instead-of-leaving",) and entry.stayed_close


def test_only_not_acting_on_the_pull_counts_as_pausing_instead_of_leaving():
    for acted in (None, "yes", "partly"):
        assert PauseNotes(urge=5, acted=acted).entry(DAY).checkin.stayed == ()


def test_questions_left_empty_are_left_out():
    entry = PauseNotes(happened="  ", fear="", urge=6).entry(DAY).validated()
    assert entry.answers == () and entry.checkin.urge == 6


def test_an_empty_pause_has_nothing_to_save():
    assert PauseNotes().is_empty() and PauseNotes(happened=" \n").is_empty()
    assert not PauseNotes(urge_after=0).is_empty() and not PauseNotes(acted="yes").is_empty()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), (" 10 ", 10), ("0", 0), (3, 3), ("", None), ("11", None), ("-1", None), ("x", None), (True, None),
     (None, None), (2.5, None)],
)
def test_scale_values(value, expected):
    assert scale_value(value) == expected


def test_the_change_in_the_pull_is_said_in_words():
    assert change_in_words(8, 4).startswith("The pull went from 8 to 4.")
    assert change_in_words(5, 5).startswith("The pull is still at 5.")
    assert "noticed" in change_in_words(3, 6)
    assert change_in_words(None, 4) == change_in_words(4, None) == ""
    for words in (change_in_words(8, 4), change_in_words(5, 5), change_in_words(3, 6)):
        assert "+" not in words and "-" not in words and "score" not in words


# ---------------------------------------------------------------------- drafts


def test_a_draft_keeps_the_notes_the_step_and_the_window():
    draft = PauseDraft(PauseNotes(happened="a", fear="b", urge=7, instead="c", urge_after=3, acted="partly"),
                       "instead", HERE)
    assert PauseDraft.from_json(draft.to_json()) == draft


@pytest.mark.parametrize(
    "data",
    [None, [], {"notes": "x"}, {"notes": {"urge": "12", "acted": "maybe", "happened": 5}, "step": "nowhere"},
     {"pid": "1", "host": 3}],
)
def test_a_damaged_draft_comes_back_as_far_as_it_can(data):
    draft = PauseDraft.from_json(data)
    assert draft.notes == PauseNotes() and draft.step == "happened" and draft.window is None


def test_a_draft_comes_back_without_control_characters():
    assert PauseDraft.from_json({"notes": {"happened": "hi\x1b[31m there"}}).notes.happened == "hi there"


def test_drafts_another_open_window_holds_are_left_alone():
    alive = {200}.__contains__
    drafts = [
        ("pause:a", PauseDraft(PauseNotes(happened="mine, earlier"), window=HERE)),
        ("pause:b", PauseDraft(PauseNotes(happened="open elsewhere"), window=Window(200, "laptop"))),
        ("pause:c", PauseDraft(PauseNotes(happened="closed"), window=Window(300, "laptop"))),
        ("pause:d", PauseDraft(PauseNotes(happened="other machine"), window=Window(200, "desktop"))),
        ("pause:e", PauseDraft(PauseNotes(happened="no window"))),
    ]
    assert [key for key, _ in left_behind(drafts, HERE, alive)] == ["pause:a", "pause:c", "pause:d", "pause:e"]


def test_merging_unfinished_pauses_loses_no_words():
    older = PauseDraft(PauseNotes(happened="first", fear="x", urge=9), "fear")
    newer = PauseDraft(PauseNotes(happened="second", urge=6, urge_after=2), "after")
    merged = merge_pauses([older, newer])
    assert merged.notes == PauseNotes(happened="first\n\nsecond", fear="x", urge=6, urge_after=2)
    assert merged.step == "after"
    assert merge_pauses([older]) == replace(older)
    with pytest.raises(ValueError):
        merge_pauses([])


# ---------------------------------------------------------------------- suggestions


def test_your_own_words_come_first_then_what_calmed_you_each_once():
    offered = suggestions(
        ["Say: I need a minute.", "say:  I need a minute.", "I'm here, I just need air"],
        ["a walk round the block", "Say: I need a minute."],
    )
    assert offered == [  # the same words in another case or spacing are offered once
        Suggestion("Say: I need a minute.", "yours"),
        Suggestion("I'm here, I just need air", "yours"),
        Suggestion("a walk round the block", "calming"),
    ]


def test_common_tools_fill_in_while_you_have_few_of_your_own():
    assert [s.text for s in suggestions([], [])] == list(COMMON_TOOLS)
    two = suggestions(["mine"], ["calm"])
    assert [s.origin for s in two] == ["yours", "calming", "common", "common", "common", "common"]
    assert all(s.origin != "common" for s in suggestions(["a", "b"], ["c"]))


def test_suggestions_are_one_line_and_limited():
    offered = suggestions([f"line one {n}\nline two" for n in range(10)], [], limit=4)
    assert len(offered) == 4 and all("\n" not in s.text for s in offered)
