"""The lists an entry's row keeps as JSON text (slugs, tags, the prompts answered), read back.

Apart from `entries.py` (which builds the entry model from them), so that an export, which reads
rows without building entries, never imports that model.
"""

from __future__ import annotations

import json

_MEMO = 4096
"""Stored lists (slugs, prompts) recur across a journal: this many of each are remembered, read once."""


def _slug_list(stored: str | None) -> tuple[str, ...]:
    """A stored JSON list of slugs ("a-z" and "-" only, checked before they are stored), read
    without the JSON parser: reading a whole journal does this three times an entry."""
    if not stored or stored == "[]":
        return ()
    parts = stored[2:-2].split('", "')
    if stored.count('"') != 2 * len(parts) or "\\" in stored or not stored.startswith('["'):
        return tuple(json.loads(stored) or ())  # not written by json.dumps as expected
    return tuple(parts)


def _text_list(stored: str | None) -> tuple[str, ...]:
    """A stored JSON list of free text (tags)."""
    return () if not stored or stored == "[]" else tuple(json.loads(stored))


def _prompt_list(stored: str) -> tuple[tuple[str, str], ...]:
    return tuple((prompt_id, prompt_text) for prompt_id, prompt_text in json.loads(stored))
