"""The one CheckIn: emptiness, validation, and its JSON form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeness_journal.core.checkin import FIELDS, CheckIn, InvalidEntry
from closeness_journal.core.vocabulary import ACTED, BEHAVIOURS, FEARS, KINDS, RELATIONSHIPS, STAYED


def test_an_empty_check_in_is_empty_even_with_blank_text():
    assert CheckIn().is_empty()
    assert CheckIn(who="  ", small_step="\t").is_empty()


@pytest.mark.parametrize(
    "changes",
    [
        {"who": "Sam"},
        {"relationship": "friend"},
        {"kinds": ("emotional",)},
        {"behaviours": ("went-quiet",)},
        {"fears": ("loss",)},
        {"intensity": 0},
        {"close_before": True},
        {"small_step": "said hello"},
        {"predicted": 0},
        {"outcome": 3},
        {"stayed": ("reached-out",)},
        {"urge": 0},
        {"acted": "no"},
        {"urge_after": 0},
        {"rung": "3f2a0000-0000-4000-8000-000000000000"},
    ],
)
def test_any_one_field_makes_it_not_empty(changes):
    assert not CheckIn(**changes).is_empty()


def test_every_field_is_named_once():
    assert len(FIELDS) == len(set(FIELDS)) == 15


def test_validation_cleans_text_and_removes_repeats():
    checkin = CheckIn(who=" Sam\x1b[31m \n", behaviours=("went-quiet", "went-quiet"), small_step="a\nb").validated()
    assert checkin.who == "Sam"
    assert checkin.behaviours == ("went-quiet",)
    assert checkin.small_step == "a b"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"fears": ("monsters",)}, "unknown fear 'monsters'"),
        ({"behaviours": ("sulked",)}, "unknown behaviour 'sulked'"),
        ({"kinds": ("telepathic",)}, "unknown kind of closeness"),
        ({"relationship": "boss"}, "unknown relationship 'boss'"),
        ({"intensity": 11}, "intensity must be a whole number from 0 to 10, not 11"),
        ({"predicted": -1}, "predicted must be a whole number from 0 to 10"),
        ({"outcome": True}, "outcome must be a whole number"),
        ({"urge": 11}, "urge must be a whole number from 0 to 10, not 11"),
        ({"stayed": ("hid",)}, "unknown way of staying close 'hid'"),
        ({"acted": "maybe"}, "unknown answer to 'acted on it' 'maybe'; choose from: yes, partly, no"),
    ],
)
def test_validation_names_what_is_wrong(changes, words):
    with pytest.raises(InvalidEntry, match=words):
        CheckIn(**changes).validated()


def test_withdrawal_and_sabotage_follow_the_behaviours():
    assert CheckIn(behaviours=("went-quiet",)).withdrawal
    assert not CheckIn(behaviours=("went-quiet",)).sabotage
    both = CheckIn(behaviours=("went-quiet", "picked-fight"))
    assert both.withdrawal and both.sabotage


def test_staying_close_is_something_done_to_stay_or_a_pull_not_acted_on():
    assert CheckIn(stayed=("reached-out",)).stayed_close
    assert CheckIn(acted="no", urge=7).stayed_close
    assert not CheckIn(acted="partly", urge=7).stayed_close
    assert not CheckIn(behaviours=("went-quiet",)).stayed_close


def test_from_json_ignores_other_keys_and_fills_missing_ones():
    checkin = CheckIn.from_json({"who": "Sam", "tags": ["x"], "private": True, "kinds": None, "small_step": None})
    assert checkin == CheckIn(who="Sam")


scales = st.none() | st.integers(0, 10)
checkins = st.builds(
    CheckIn,
    who=st.text(max_size=20),
    relationship=st.none() | st.sampled_from(sorted(RELATIONSHIPS)),
    kinds=st.lists(st.sampled_from(sorted(KINDS)), unique=True).map(tuple),
    behaviours=st.lists(st.sampled_from(sorted(BEHAVIOURS)), unique=True).map(tuple),
    fears=st.lists(st.sampled_from(sorted(FEARS)), unique=True).map(tuple),
    intensity=scales,
    close_before=st.booleans(),
    small_step=st.text(max_size=20),
    predicted=scales,
    outcome=scales,
    stayed=st.lists(st.sampled_from(sorted(STAYED)), unique=True).map(tuple),
    urge=scales,
    acted=st.none() | st.sampled_from(sorted(ACTED)),
)


@given(checkins)
def test_json_round_trip_is_identical(checkin):
    assert CheckIn.from_json(checkin.to_json()) == checkin


@given(checkins)
def test_validating_twice_changes_nothing_more(checkin):
    once = checkin.validated()
    assert once.validated() == once
