"""A check-in (and an entry's tags and private mark) in readable words: the (label, value) pairs the
window, `show` and both readable exports write.

Apart from the entry model (`entries.py`), as the exports read rows and give the values
themselves: a Markdown export never imports that model.
"""

from __future__ import annotations

from collections.abc import Mapping

from closeness_journal.core.vocabulary import (
    ACTED,
    BEHAVIOUR_CATEGORY,
    BEHAVIOURS,
    CATEGORY_LABELS,
    ENTRY_KINDS,
    FEARS,
    KINDS,
    PAUSE,
    RELATIONSHIPS,
    STAYED,
)

_MEMO = 4096
"""How many lists of slugs each table below remembers (the same few recur across a journal)."""
_KINDS_WORDS: dict[tuple[str, ...], str] = {}
_STAYED_WORDS: dict[tuple[str, ...], str] = {}
_FEARS_WORDS: dict[tuple[str, ...], str] = {}
_BEHAVIOUR_ROWS: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
_PAUSE_ROW = ("Written as", ENTRY_KINDS[PAUSE])
_CLOSE_BEFORE_ROW = ("Just before", "a moment of closeness")
_PRIVATE_ROW = ("Left out of exports", "yes")


def _words(memo: dict[tuple[str, ...], str], labels: Mapping[str, str], slugs: tuple[str, ...]) -> str:
    """The words for some slugs, joined, remembered in `memo`."""
    words = "; ".join([labels[slug] for slug in slugs])
    if len(memo) < _MEMO:
        memo[slugs] = words
    return words


def _behaviour_rows(behaviours: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A row for each kind of behaviour (pulling away, pushing away) with the words for those chosen."""
    rows = []
    for category, label in CATEGORY_LABELS.items():
        if chosen := "; ".join([BEHAVIOURS[b] for b in behaviours if BEHAVIOUR_CATEGORY[b] == category]):
            rows.append((label, chosen))
    if len(_BEHAVIOUR_ROWS) < _MEMO:
        _BEHAVIOUR_ROWS[behaviours] = tuple(rows)
    return tuple(rows)


def checkin_words(
    kind: str, who: str, relationship: str | None, kinds: tuple[str, ...], close_before: bool,
    behaviours: tuple[str, ...], stayed: tuple[str, ...], fears: tuple[str, ...], intensity: int | None,
    urge: int | None, urge_after: int | None, acted: str | None, small_step: str, rung: str | None,
    predicted: int | None, outcome: int | None, tags: tuple[str, ...], private: bool,
) -> list[tuple[str, str]]:
    """`checkin_summary` from the values themselves (the exports read rows, not entries)."""
    # What was ticked is looked up by each list of slugs, remembered: an export asks for every entry.
    rows: list[tuple[str, str]] = []
    if kind == PAUSE:
        rows.append(_PAUSE_ROW)
    if who or relationship:
        if relationship:
            relation = RELATIONSHIPS[relationship]
            who = f"{who} ({relation})" if who else relation
        rows.append(("With", who))
    if kinds:
        rows.append(("Kinds of closeness", _KINDS_WORDS.get(kinds) or _words(_KINDS_WORDS, KINDS, kinds)))
    if close_before:
        rows.append(_CLOSE_BEFORE_ROW)
    if behaviours:
        rows.extend(_BEHAVIOUR_ROWS.get(behaviours) or _behaviour_rows(behaviours))
    if stayed:
        rows.append(("Stayed close", _STAYED_WORDS.get(stayed) or _words(_STAYED_WORDS, STAYED, stayed)))
    if fears:
        rows.append(("Feared", _FEARS_WORDS.get(fears) or _words(_FEARS_WORDS, FEARS, fears)))
    if intensity is not None:
        rows.append(("Fear intensity", f"{intensity} of 10"))
    if urge is not None:
        rows.append(("The pull to get away", f"{urge} of 10"))
    if urge_after is not None:
        rows.append(("The pull at the end of the pause", f"{urge_after} of 10"))
    if acted is not None:
        rows.append(("Acted on the pull", ACTED[acted]))
    if small_step:
        rows.append(("Small step, from your ladder" if rung else "Small step", small_step))
    if predicted is not None or outcome is not None:
        expected = "—" if predicted is None else f"{predicted}"
        really = "—" if outcome is None else f"{outcome}"
        rows.append(("Planned step: expected → how it really was", f"{expected} → {really} (of 10)"))
    if tags:
        rows.append(("Tags", ", ".join(tags)))
    if private:
        rows.append(_PRIVATE_ROW)
    return rows
