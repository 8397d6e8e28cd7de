"""Many entries as `entries` rows at once (an import): `entry_rows` gives what `entry_to_row`
gives, as tuples in `ROW_COLUMNS`' order, without a dict a row (at 100,000 entries about 1.5 s
-> 1.1 s; `tests/store/test_entry_insert.py` compares the two). The entries of an archive read
fast (`core/archive_entries.Entries`) that were checked as they were read become rows straight
from what was read, without the `Entry` in between (at 100,000 entries about 1.4 s -> 0.5 s,
reading and rows together)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from closeness_journal.core.entries import Entry
from closeness_journal.core.entry_line import stayed_close
from closeness_journal.core.vocabulary import BEHAVIOUR_CATEGORY, SABOTAGE, SITTING, WITHDRAWAL
from closeness_journal.store.entries import _slugs_json, _to_json
from closeness_journal.store.migrations import ANSWER_SEPARATOR

ROW_COLUMNS = (
    "uuid", "created_at", "updated_at", "local_date", "kind", "prompt_id", "prompt_text", "body", "answers",
    "answer_prompts", "who", "relationship", "kinds", "behaviours", "fears", "intensity", "close_before", "small_step",
    "predicted", "outcome", "stayed", "urge", "acted", "urge_after", "rung", "stayed_close", "private", "tags",
    "flagged_at", "withdrawal", "sabotage", "deleted_at",
)
"""The columns of `entry_to_row`, in its order."""

_MEMO = 4096
"""Answered prompts recur across a journal: the JSON of this many lists of them is remembered."""


def entry_rows(entries: Iterable[Entry]) -> Iterator[tuple[Any, ...]]:
    """`tuple(entry_to_row(entry).values())` for each of `entries` (validated, with ids and times)."""
    from closeness_journal.core.archive_entries import Entries

    separator, category, slugs, to_json, made = ANSWER_SEPARATOR, BEHAVIOUR_CATEGORY, _slugs_json, _to_json, Entry
    prompts_json: dict[tuple[tuple[str, str], ...], str] = {}
    for item in entries.items if isinstance(entries, Entries) else entries:
        if isinstance(item, made):
            entry, checkin = item, item.checkin
            kinds, behaviours, fears, stayed = checkin.kinds, checkin.behaviours, checkin.fears, checkin.stayed
            answers, tags, acted, day = entry.answers, entry.tags, checkin.acted, entry.local_date
            created, updated, deleted = entry.created_at, entry.updated_at, entry.deleted_at
            kind = entry.kind
        else:  # checked as read (`archive_fast._checked`): the same values, as they were read
            entry, day, created, updated, deleted = item
            checkin = entry  # the entry as read holds its check-in's fields too
            kinds, behaviours, fears, stayed = checkin.kinds, checkin.behaviours, checkin.fears, checkin.stayed
            answers, tags, acted = entry.answers, entry.tags, entry.acted
            kind = entry.kind or SITTING
        if answers:
            texts = separator.join([answer.text for answer in answers])
            prompts = tuple([(answer.prompt_id, answer.prompt_text) for answer in answers])
            prompted = prompts_json.get(prompts)
            if prompted is None:
                prompted = to_json([list(pair) for pair in prompts])
                if len(prompts_json) < _MEMO:
                    prompts_json[prompts] = prompted
        else:
            texts, prompted = "", "[]"
        if behaviours:
            categories = {category[behaviour] for behaviour in behaviours}
            withdrawal, sabotage = int(WITHDRAWAL in categories), int(SABOTAGE in categories)
        else:
            withdrawal = sabotage = 0
        updated_at = updated.isoformat()  # type: ignore[union-attr]
        yield (
            entry.id, created.isoformat(), updated_at, day.isoformat(),  # type: ignore[union-attr]
            kind, None, None, entry.body, texts, prompted, checkin.who, checkin.relationship,
            slugs(kinds), slugs(behaviours), slugs(fears), checkin.intensity, int(checkin.close_before),
            checkin.small_step, checkin.predicted, checkin.outcome, slugs(stayed), checkin.urge, acted,
            checkin.urge_after, checkin.rung, int(stayed_close(stayed, acted)), int(entry.private),
            _tags_json(tags) if tags else "[]", updated_at if entry.flagged else None, withdrawal, sabotage,
            None if deleted is None else deleted.isoformat(),
        )


_ESCAPED = re.compile(r'[\x00-\x1f\\"]').search
"""What `json.dumps(..., ensure_ascii=False)` writes otherwise than as it is (its own `ESCAPE`)."""


def _tags_json(tags: Iterable[str]) -> str:
    """`_to_json(list(tags))`, without the JSON encoder when no tag holds anything it escapes (a
    third of the entries have tags: at 100,000 entries about 0.15 s -> 0.03 s)."""
    tags = list(tags)
    if not tags or _ESCAPED("".join(tags)):
        return _to_json(tags)
    return '["' + '", "'.join(tags) + '"]'
