"""What a pause offers back: the person's own earlier answers to some prompts (the sentences that
kept the door open, what calmed them), newest first."""

from __future__ import annotations

from collections.abc import Sequence

from closeness_journal.store.connection import JournalBase, reading
from closeness_journal.store.entries import answers_of

_ROWS_LOOKED_AT = 200
"""How many of the newest entries that answered one of the prompts are read, at most."""


class PausesMixin(JournalBase):
    """`Journal`'s earlier answers, for the suggestions a pause shows."""

    @reading
    def earlier_answers(self, prompt_ids: Sequence[str], limit: int = 8) -> list[str]:
        """The newest `limit` different answers to any of these prompts, outside the trash, newest
        first (answers that differ only in case or spacing count once)."""
        if not prompt_ids or limit <= 0:
            return []
        wanted = set(prompt_ids)
        # The prompts are stored as a JSON list of [id, text]: a quoted id is a quick first sift,
        # and each row's answers are then matched by id exactly.
        sift = " OR ".join("instr(answer_prompts, ?) > 0" for _ in prompt_ids)
        rows = self._db.execute(
            f"SELECT answers, answer_prompts FROM entries WHERE deleted_at IS NULL AND ({sift}) "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            [*(f'"{prompt_id}"' for prompt_id in prompt_ids), _ROWS_LOOKED_AT],
        )
        found: dict[str, str] = {}
        for texts, prompts in rows:
            for answer in answers_of(texts, prompts):
                text = answer.text.strip()
                if answer.prompt_id in wanted and text:
                    found.setdefault(" ".join(text.lower().split()), text)
                    if len(found) >= limit:
                        return list(found.values())
        return list(found.values())
