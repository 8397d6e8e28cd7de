"""The archive's fast reading (typed by msgspec, entries made straight from their structs) gives
exactly what the usual reading gives: the same Backup, or the same message naming the field."""

import copy
import dataclasses
import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeness_journal import importing
from closeness_journal.core import archive_fast
from closeness_journal.core.archive_format import Limits
from closeness_journal.core.vocabulary import BEHAVIOURS

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
LIMITS = Limits(today=date(2026, 11, 20), now=NOW)
BEHAVIOUR = next(iter(BEHAVIOURS))

ENTRY = {
    "id": "3f2b8c1e-1111-4222-8333-444455556666",
    "local_date": "2026-11-02",
    "kind": "sitting",
    "answers": [{"prompt_id": "pulled-away-1", "prompt_text": "When did you pull away?", "text": "At dinner.\nAgain."}],
    "body": "Free writing\n\nwith lines",
    "who": "Sam",
    "relationship": "partner",
    "kinds": ["emotional"],
    "behaviours": [],
    "fears": [],
    "intensity": 6,
    "close_before": True,
    "small_step": "Ask how the day went",
    "predicted": 3,
    "outcome": 5,
    "stayed": [],
    "urge": 7,
    "acted": "partly",
    "urge_after": None,
    "rung": None,
    "private": False,
    "tags": ["work", "Sunday"],
    "flagged": False,
    "created_at": "2026-11-02T20:00:00+00:00",
    "updated_at": "2026-11-03T08:30:00.123456+00:00",
    "deleted_at": None,
    "withdrawal": False,
    "sabotage": False,
    "stayed_close": False,
}


def _document(*entries, version=2):
    return {"format": "closeness-journal", "format_version": version, "exported_at": NOW.isoformat(),
            "entries": list(entries), "reviews": [], "settings": {"theme": "dark"}}


def _outcome(read, *args):
    try:
        return read(*args)
    except importing.ImportRefused as error:
        return f"refused: {error}"


def _both(document):
    """What the fast reading and the usual one make of `document`, and whether it went fast."""
    text = json.dumps(document, ensure_ascii=False)
    decoded = archive_fast.decode(text.encode())
    fast = _outcome(importing._checked, decoded, LIMITS, None) if decoded is not None else None
    usual = _outcome(importing._checked, json.loads(text), LIMITS, None)
    return fast, usual, decoded is not None


def _changed(**changes):
    entry = copy.deepcopy(ENTRY)
    for key, value in changes.items():
        if value is KeyError:
            entry.pop(key)
        else:
            entry[key] = value
    return entry


def test_an_entry_as_exported_is_read_fast_to_the_same_entry():
    fast, usual, typed = _both(_document(ENTRY))
    assert typed and fast == usual and len(fast.entries) == 1 and fast.settings == {"theme": "dark"}
    struct = archive_fast.decode(json.dumps(_document(ENTRY)).encode()).entries[0]
    checked = archive_fast._checked(struct, date(2026, 11, 21), NOW.replace(day=21))
    assert checked is not None  # no detour through read_entry
    made = archive_fast._made(checked)
    # made without __init__: every field is set, as the constructor would set it
    for value in (made, made.checkin, made.answers[0]):
        assert set(vars(value)) == {f.name for f in dataclasses.fields(value)}
        assert value == dataclasses.replace(value)


VARIANTS = [
    # cleaned by Entry.validated: the usual reading's entry, through read_entry
    {"tags": ["#work", "a,b", " x ", "work", ""]}, {"tags": ["#work"]}, {"tags": ["@Sam"]}, {"tags": ["a,b"]},
    {"tags": ["work", "work"]}, {"tags": ["Work", "work"]}, {"tags": [""]}, {"tags": ["a\u00a0b"]},
    {"body": "trailing  \n"}, {"body": "an \x1b[31mescape"},
    {"who": "  Sam   again "}, {"small_step": "two\nlines"}, {"rung": ""}, {"rung": " spaced "},
    {"kinds": ["emotional", "emotional"]}, {"behaviours": [BEHAVIOUR, BEHAVIOUR]},
    {"fears": ["rejection", "rejection"]}, {"stayed": ["reached-out", "reached-out"]}, {"behaviours": [BEHAVIOUR]},
    {"stayed": ["reached-out"]}, {"fears": ["rejection"]},
    {"answers": [{"prompt_id": "p", "prompt_text": "q", "text": "  "}]},
    {"answers": [{"prompt_id": " p  x", "prompt_text": "q\x07", "text": "t\r\nu", "extra": 1}]},
    {"answers": [{"prompt_id": "p", "prompt_text": "q\x9b", "text": "t"}]},
    {"answers": [{"prompt_id": "p", "prompt_text": "q", "text": "t\x00"}]},
    {"answers": [{"prompt_id": "p", "prompt_text": "q", "text": "t \n"}]},
    {"answers": [{"prompt_id": "p ", "prompt_text": "q", "text": "t"}]}, {"kind": None}, {"kind": KeyError},
    {"body": KeyError, "tags": KeyError, "answers": KeyError},
    {"withdrawal": "anything", "stayed_close": [1]},
    # refused, with the field named
    {"id": "3F2B8C1E-1111-4222-8333-444455556666"}, {"id": "not-an-id"}, {"local_date": "2026-13-01"},
    {"local_date": "1899-12-31"}, {"local_date": "2026-11-22"}, {"local_date": "20261102"},
    {"created_at": "2026-11-02T20:00:00"}, {"created_at": "1899-12-31T23:00:00+00:00"},
    {"updated_at": "2026-11-25T00:00:00+00:00"}, {"deleted_at": ""}, {"deleted_at": "yesterday"},
    {"kind": "nap"}, {"kind": ""}, {"kinds": ["cuddles"]}, {"behaviours": ["ghosting"]}, {"fears": ["x"]},
    {"stayed": ["y"]}, {"relationship": "pet"}, {"relationship": 3}, {"acted": "maybe"}, {"intensity": 11},
    {"urge": -1}, {"urge_after": 10**30}, {"intensity": True}, {"predicted": 2.0}, {"close_before": 1},
    {"private": None}, {"body": None}, {"tags": "work"}, {"tags": [1]}, {"answers": [{"prompt_id": "p"}]},
    {"answers": {}}, {"prompt_id": "p"}, {"colour": "blue"}, {"id": KeyError}, {"created_at": None},
    {"rung": 5}, {"who": ["Sam"]},
]


@pytest.mark.parametrize("changes", VARIANTS, ids=[repr(v)[:60] for v in VARIANTS])
def test_every_entry_reads_as_the_usual_reading_reads_it(changes):
    entry = _changed(**changes)
    fast, usual, typed = _both(_document(ENTRY, entry, ENTRY))
    if typed:
        assert fast == usual
    else:  # the file goes the usual way: nothing else to compare
        assert fast is None


def test_the_fast_reading_takes_the_variants_whose_types_fit():
    """Most variants above have the types an entry's fields must have, so they really are read
    by the fast path (and checked or cleaned by read_entry from there)."""
    typed = [changes for changes in VARIANTS if _both(_document(_changed(**changes)))[2]]
    assert len(typed) > len(VARIANTS) // 2


def test_anything_but_a_version_2_archive_goes_the_usual_way():
    assert archive_fast.decode(json.dumps(_document(ENTRY, version=1)).encode()) is None
    assert archive_fast.decode(json.dumps({**_document(ENTRY), "format": "other"}).encode()) is None
    assert archive_fast.decode(json.dumps({**_document(ENTRY), "entries": None}).encode()) is None
    assert archive_fast.decode(b"[]") is None and archive_fast.decode(b"{") is None


@pytest.mark.parametrize("part, value", [
    ("reviews", [{"week": "2026-W99"}]), ("settings", {"shuffle": -1}), ("drafts", None), ("rungs", [{}]),
    ("revisions", [{"entry_id": "x", "revised_at": "2026-11-02T20:00:00+00:00", "entry": ENTRY}]),
])
def test_the_rest_of_the_archive_is_read_as_it_always_was(part, value):
    fast, usual, typed = _both({**_document(ENTRY), part: value})
    assert typed and isinstance(fast, str) and fast == usual


TEXT = st.text(st.sampled_from("ab #@,\n\r\t\x07\x1b[m\u00a0\u0085é"), max_size=6)
SLUGS = st.lists(st.sampled_from(["emotional", "physical", "cuddles", BEHAVIOUR, "reached-out", ""]), max_size=3)
SCALE = st.one_of(st.none(), st.integers(-2, 12), st.booleans())
FIELDS = {
    "body": TEXT, "who": TEXT, "small_step": TEXT, "rung": st.one_of(st.none(), TEXT),
    "tags": st.lists(TEXT, max_size=3),
    "kinds": SLUGS, "behaviours": SLUGS, "fears": st.lists(st.sampled_from(["rejection", "x"]), max_size=2),
    "intensity": SCALE, "urge": SCALE, "urge_after": SCALE, "kind": st.sampled_from([None, "sitting", "pause", "x"]),
    "relationship": st.sampled_from([None, "partner", "friend", "pet"]),
    "acted": st.sampled_from([None, "yes", "no", "partly", "maybe"]),
    "local_date": st.sampled_from(["2026-11-02", "2026-11-21", "2026-11-22", "1900-01-01", "2026-02-30"]),
    "deleted_at": st.sampled_from([None, "2026-11-03T00:00:00+01:00", "2026-11-03", "2026-11-30T00:00:00+00:00"]),
    "answers": st.lists(st.fixed_dictionaries({"prompt_id": TEXT, "prompt_text": TEXT, "text": TEXT}), max_size=2),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({}, optional=FIELDS))
def test_random_entries_read_as_the_usual_reading_reads_them(changes):
    fast, usual, typed = _both(_document(ENTRY, _changed(**changes)))
    assert fast == usual if typed else fast is None


def test_the_collector_is_put_back_with_what_was_made_meanwhile_counted_long_lived():
    import gc

    from closeness_journal.core.archive_format import collector_paused

    with collector_paused():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled()
    # in the oldest generation: the next young collection doesn't walk every entry just read
    assert any(thing is made for thing in gc.get_objects(generation=2))
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _raw_with_body(written: bytes) -> bytes:
    """An archive of one entry whose body is `written` exactly as it stands in the file's bytes."""
    text = json.dumps(_document(_changed(body="BODY")), ensure_ascii=False).encode()
    return text.replace(b'"BODY"', b'"' + written + b'"')


CONTROLS_AS_WRITTEN = [
    b"bell \\u0007 here", b"escape \\u001b[31m", b"back \\b", b"feed \\f", b"return \\r\\n", b"del \\u007f",
    b"del \x7f", b"c1 \xc2\x85", b"c1 \\u0085", b"c1 \\u009F", b"nul \\u0000", b"upper \\u001B",
]


@pytest.mark.parametrize("written", CONTROLS_AS_WRITTEN, ids=[w.decode("latin-1") for w in CONTROLS_AS_WRITTEN])
def test_a_control_character_anywhere_in_the_file_has_every_text_searched(written):
    """However the file writes a control character, the fast reading searches every text for one
    (and so cleans the body as the usual reading does)."""
    raw = _raw_with_body(written)
    decoded = archive_fast.decode(raw)
    assert decoded is not None and decoded.plain is False
    fast = _outcome(importing._checked, decoded, LIMITS, None)
    assert fast == _outcome(importing._checked, json.loads(raw), LIMITS, None)
    assert fast.entries[0].body != json.loads(raw)["entries"][0]["body"]  # cleaned


PLAIN_AS_WRITTEN = [
    b"tab \\t and line \\n end", b"quote \\\" and slash \\/", b"a backslash, then u0007: \\\\u0007", b"\\\\\\\\b",
    b"accent \xc3\xa9 \\u00e9", b"nbsp \xc2\xa0 degree \xc2\xb0 \\u00a0 end", b"line separator \\u2028 end",
    b"emoji \xf0\x9f\x99\x82 \\ud83d\\ude42",
]


@pytest.mark.parametrize("written", PLAIN_AS_WRITTEN, ids=[w.decode("utf-8") for w in PLAIN_AS_WRITTEN])
def test_a_file_without_control_characters_is_read_without_searching_for_them(written):
    raw = _raw_with_body(written)
    decoded = archive_fast.decode(raw)
    assert decoded is not None and decoded.plain is True
    fast = _outcome(importing._checked, decoded, LIMITS, None)
    assert fast == _outcome(importing._checked, json.loads(raw), LIMITS, None)
    assert fast.entries[0].body == json.loads(raw)["entries"][0]["body"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(max_codepoint=0x2100), max_size=8), st.booleans())
def test_plain_says_whether_any_text_holds_a_control_character(body, ascii_only):
    from closeness_journal.core.text import _CONTROL

    raw = json.dumps(_document(_changed(body=body)), ensure_ascii=ascii_only).encode()
    decoded = archive_fast.decode(raw)
    assert decoded is not None
    assert decoded.plain is (_CONTROL.search(body) is None)  # the rest of the document holds none


def test_the_entries_read_fast_are_a_sequence_of_entries():
    from closeness_journal.core.entries import Entry

    second = _changed(id="3f2b8c1e-1111-4222-8333-444455556667", tags=["#cleaned"])
    fast, usual, typed = _both(_document(ENTRY, second))
    entries = fast.entries
    assert typed and len(entries) == 2 and isinstance(entries.items[0], tuple)  # kept as read
    assert isinstance(entries.items[1], Entry)  # cleaned by read_entry
    assert all(isinstance(entry, Entry) for entry in entries) and entries[-1] == usual.entries[-1]
    assert entries[0:1] == usual.entries[0:1] and list(entries) == usual.entries == entries
    assert entries != usual.entries[:1] and entries != "ab"
    with pytest.raises(TypeError):
        hash(entries)
