"""The JSON archive's text, written a batch of entries at a time.

The bytes are exactly those of `json.dumps(document, ensure_ascii=False, indent=1)` (archives
made before stay byte for byte what they were), but that indents in pure Python (about 6 s for
36,500 entries). Here each batch is encoded compactly, and `msgspec.json.format` adds the
indentation; JSON strings hold no raw line breaks, so a batch is moved deeper by indenting its
lines. The encoder is the standard library's C one (json's own strings, escapes and numbers),
except for the parts named `floatless`, which `msgspec.json.encode` writes four times as fast:
its text, integers, true, false and null are json's byte for byte (a test tries every
character), but it writes a float's exponent differently (1e16, not 1e+16), so only parts that
hold no floats (the entries) go that way.

A value of the document that is a list or an iterator (the entries, streamed from the journal)
is written item by item, so memory stays flat whatever the journal's size.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

import msgspec


class ArchivedAnswer(msgspec.Struct):
    """An answer as the archive holds it (`Answer.to_json`'s keys, in order)."""

    prompt_id: str
    prompt_text: str
    text: str


class ArchivedEntry(msgspec.Struct):
    """An entry as the archive holds it: `Entry.to_json`'s keys, in its order (msgspec writes a
    Struct's fields in order, as json writes a dict's keys). The store makes these straight from
    rows (`Journal.archive_entries`); `tests/store/test_entry_json.py` checks they are the Entry's."""

    id: str
    local_date: str
    kind: str
    answers: Any
    body: str
    who: str
    relationship: str | None
    kinds: Any
    behaviours: Any
    fears: Any
    intensity: int | None
    close_before: bool
    small_step: str
    predicted: int | None
    outcome: int | None
    stayed: Any
    urge: int | None
    acted: str | None
    urge_after: int | None
    rung: str | None
    private: bool
    tags: Any
    flagged: bool
    created_at: str
    updated_at: str
    deleted_at: str | None
    withdrawal: bool
    sabotage: bool
    stayed_close: bool


BATCH = 500
"""Items encoded and indented together: fewer calls, and a batch of text at a time in memory."""

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _indented(value: Any, depth: int, floatless: bool = False) -> str:
    """`value` as json.dumps(indent=1) writes it `depth` levels deep (its first line not indented)."""
    if floatless:
        text = msgspec.json.format(msgspec.json.encode(value), indent=1).decode()
    else:
        text = msgspec.json.format(_COMPACT.encode(value), indent=1)
    return text.replace("\n", "\n" + " " * depth) if depth else text


def chunks(
    document: Mapping[str, Any], progress: Callable[[str, int], None] | None = None, floatless: Collection[str] = ()
) -> Iterator[str]:
    """`document` as json.dumps(document, ensure_ascii=False, indent=1), in pieces. A value that
    is a list, tuple or iterator is written `BATCH` items at a time, and `progress(key, done)`
    is told after each batch. The values of the keys in `floatless` must hold no float."""
    if not document:
        yield "{}"
        return
    separator = "{\n "
    for key, value in document.items():
        yield f"{separator}{_COMPACT.encode(key)}: "
        separator = ",\n "
        if isinstance(value, list | tuple | Iterator):
            yield from _items(iter(value), key, progress, key in floatless)
        else:
            yield _indented(value, 1)
    yield "\n}"


def _items(
    items: Iterator[Any], key: str, progress: Callable[[str, int], None] | None, floatless: bool
) -> Iterator[str]:
    done = 0
    first = True
    while batch := list(itertools.islice(items, BATCH)):
        # The batch inside a list, "[\n [\n  {…},\n  {…}\n ]\n]", is indented as the document's
        # own list is (its items two spaces in): the items are its text without the brackets.
        text = _indented([batch], 0, floatless)
        yield ("[\n  " if first else ",\n  ") + text[7:-5]
        first = False
        done += len(batch)
        if progress is not None:
            progress(key, done)
    yield "[]" if first else "\n ]"
