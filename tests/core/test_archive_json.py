"""The archive's text is json.dumps(indent=1)'s, byte for byte, however it is streamed."""

import json

import pytest

from closeness_journal.core import archive_json

EVERY_KIND = "".join(chr(c) for c in range(0x800) if not 0xD800 <= c < 0xE000) + "\u2028\u2029\ufeff🙂"


@pytest.mark.parametrize("document", [
    {},
    {"entries": []},
    {"entries": [{}], "x": {}},
    {"format": "closeness-journal", "n": 1, "f": [1.5, 1e300, -0.0, None, True], "settings": {"a": {"b": []}}},
    {"entries": [{"body": EVERY_KIND, "tags": ["a"], "more": [[], {}]} for _ in range(archive_json.BATCH * 2 + 3)]},
])
def test_chunks_are_json_dumps_with_indent_1(document):
    assert "".join(archive_json.chunks(document)) == json.dumps(document, ensure_ascii=False, indent=1)


def test_iterators_are_streamed_in_batches_and_progress_is_told():
    told = []
    items = ({"i": i} for i in range(archive_json.BATCH + 1))
    text = "".join(archive_json.chunks({"entries": items, "after": 1}, lambda key, done: told.append((key, done))))
    assert json.loads(text) == {"entries": [{"i": i} for i in range(archive_json.BATCH + 1)], "after": 1}
    assert told == [("entries", archive_json.BATCH), ("entries", archive_json.BATCH + 1)]


@pytest.mark.parametrize("value", [EVERY_KIND, 0, -1, 10, 2**70, True, False, None, [], {}, {"a": [EVERY_KIND, None]}])
def test_floatless_parts_are_the_same_bytes(value):
    document = {"entries": [{"x": value}] * 3, "settings": {"k": 1e16}}
    assert "".join(archive_json.chunks(document, floatless=("entries",))) == json.dumps(
        document, ensure_ascii=False, indent=1
    )
