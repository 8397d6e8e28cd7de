"""Many entries as `entries` rows at once (an import): `entry_rows` gives what `entry_to_row`
gives, as tuples in `ROW_COLUMNS`' order, without a dict a row (at 100,000 entries about 1.5 s
-> 1.1 s; `tests/store/test_entry_insert.py` compares the two)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from closeness_journal.core.entries import Entry
from closeness_journal.core.entry_line import stayed_close
from closeness_journal.core.vocabulary import BEHAVIOUR_CATEGORY, SABOTAGE, WITHDRAWAL
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
    separator, category, slugs, to_json = ANSWER_SEPARATOR, BEHAVIOUR_CATEGORY, _slugs_json, _to_json
    prompts_json: dict[tuple[tuple[str, str], ...], str] = {}
    for entry in entries:
        checkin, answers, tags = entry.checkin, entry.answers, entry.tags
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
        behaviours = checkin.behaviours
        if behaviours:
            categories = {category[behaviour] for behaviour in behaviours}
            withdrawal, sabotage = int(WITHDRAWAL in categories), int(SABOTAGE in categories)
        else:
            withdrawal = sabotage = 0
        updated = entry.updated_at.isoformat()  # type: ignore[union-attr]
        deleted = entry.deleted_at
        yield (
            entry.id, entry.created_at.isoformat(), updated, entry.local_date.isoformat(),  # type: ignore[union-attr]
            entry.kind, None, None, entry.body, texts, prompted, checkin.who, checkin.relationship,
            slugs(checkin.kinds), slugs(behaviours), slugs(checkin.fears), checkin.intensity, int(checkin.close_before),
            checkin.small_step, checkin.predicted, checkin.outcome, slugs(checkin.stayed), checkin.urge, checkin.acted,
            checkin.urge_after, checkin.rung, int(stayed_close(checkin.stayed, checkin.acted)), int(entry.private),
            to_json(list(tags)) if tags else "[]", updated if entry.flagged else None, withdrawal, sabotage,
            None if deleted is None else deleted.isoformat(),
        )
