"""Exercises, done apart from the daily prompts: what they are, a round of one, and its words.

An exercise is a theme file marked `exercise = true` (prompts/partner-exercise.toml,
prompts/supporting.toml, or one of your own): its instructions, how many people take a turn
(`people`, 1 or 2), and its items in file order. Items marked `sensitive` (touch and sex) are
asked only of a person who chose to include them.

A `Round` is one time an exercise is done: each person's `Turn` (their name, whether they
included the sensitive items, their answers, and whether they are done). In a round for two,
the second person takes their turn without seeing the first person's answers; only a finished
round is read, or exported, with the answers side by side.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from closeness_journal.core.dates import long_date
from closeness_journal.core.prompts import Prompt, PromptLibrary
from closeness_journal.core.text import printable

NOT_ASKED = "(left out)"
"""In the side-by-side view: an item this person chose not to be asked (touch and sex)."""
SKIPPED = "(skipped)"
"""In the side-by-side view: an item this person left empty."""
SENSITIVE_CHOICE = "Include the few starters about touch and sex"


@dataclass(frozen=True)
class Exercise:
    slug: str
    title: str
    description: str
    instructions: str
    people: int
    items: tuple[Prompt, ...]

    @property
    def has_sensitive(self) -> bool:
        return any(item.sensitive for item in self.items)

    def items_for(self, include_sensitive: bool) -> tuple[Prompt, ...]:
        """The items one person is asked, in order."""
        return tuple(item for item in self.items if include_sensitive or not item.sensitive)


def exercises_in(library: PromptLibrary) -> list[Exercise]:
    """Every exercise the library holds, with at least one item still asked, by title."""
    found = []
    for theme in library.themes.values():
        items = tuple(library.in_file_order(theme.slug))
        if theme.exercise and items:
            found.append(
                Exercise(theme.slug, theme.title, theme.description, theme.instructions, theme.people, items)
            )
    return sorted(found, key=lambda exercise: exercise.title.lower())


def find_exercise(library: PromptLibrary, slug: str) -> Exercise | None:
    return next((exercise for exercise in exercises_in(library) if exercise.slug == slug), None)


def person_label(index: int, people: int) -> str:
    """Who a turn is, before they give a name."""
    if people == 1:
        return "You"
    return ("The first person", "The second person")[min(index, 1)]


@dataclass(frozen=True)
class ItemAnswer:
    item_id: str
    item_text: str
    """The item as it was shown."""
    text: str
    """The answer; empty when skipped."""


@dataclass(frozen=True)
class Turn:
    """One person's go at a round."""

    name: str = ""
    include_sensitive: bool = False
    answers: tuple[ItemAnswer, ...] = ()
    """One for each item asked so far, in the order asked."""
    done: bool = False

    def answer(self, item_id: str) -> ItemAnswer | None:
        return next((a for a in self.answers if a.item_id == item_id), None)

    def with_answer(self, item: Prompt, text: str) -> Turn:
        """The turn with `text` as the answer to `item` (replacing an earlier one in its place)."""
        answer = ItemAnswer(item.id, item.text, printable(text))
        if self.answer(item.id) is None:
            return replace(self, answers=(*self.answers, answer))
        return replace(self, answers=tuple(answer if a.item_id == item.id else a for a in self.answers))


@dataclass(frozen=True)
class Round:
    """One time an exercise was done (by one person, or two in turn)."""

    id: str
    exercise: str
    title: str
    """The exercise's title as it was shown."""
    local_date: date
    people: int = 1
    turns: tuple[Turn, ...] = ()
    created_at: str | None = None
    updated_at: str | None = None

    @classmethod
    def start(cls, exercise: Exercise, day: date) -> Round:
        return cls(uuid.uuid4().hex, exercise.slug, exercise.title, day, exercise.people)

    @property
    def finished(self) -> bool:
        return len(self.turns) >= self.people and all(turn.done for turn in self.turns)

    @property
    def turn_index(self) -> int | None:
        """The turn under way or next to begin; None when the round is finished."""
        for index, turn in enumerate(self.turns):
            if not turn.done:
                return index
        return len(self.turns) if len(self.turns) < self.people else None

    def name(self, index: int) -> str:
        turn = self.turns[index] if index < len(self.turns) else None
        return turn.name.strip() if turn and turn.name.strip() else person_label(index, self.people)

    def with_turn(self, index: int, turn: Turn) -> Round:
        turns = list(self.turns)
        if index == len(turns):
            turns.append(turn)
        else:
            turns[index] = turn
        return replace(self, turns=tuple(turns))

    def status(self) -> str:
        """Where the round is, in words (never what anyone answered)."""
        index = self.turn_index
        if index is None:
            return "finished" if self.people == 1 else "finished: read side by side"
        if index < len(self.turns) and self.turns[index].answers:
            return f"{self.name(index)} is partway through"
        if index == 0:
            return "not started"
        return f"waiting for {person_label(index, self.people).lower()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "exercise": self.exercise,
            "title": self.title,
            "local_date": self.local_date.isoformat(),
            "people": self.people,
            "turns": [
                {
                    "name": turn.name,
                    "include_sensitive": turn.include_sensitive,
                    "done": turn.done,
                    "answers": [
                        {"item_id": a.item_id, "item_text": a.item_text, "text": a.text} for a in turn.answers
                    ],
                }
                for turn in self.turns
            ],
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def _field(item: Any, key: str, kind: type, where: str, optional: bool = False) -> Any:
    if not isinstance(item, dict):
        raise ValueError(f"{where}: expected an object")
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        words = {str: "text", bool: "true or false", int: "a whole number", list: "a list"}[kind]
        raise ValueError(f"{where}.{key}: missing or not {words}")
    return value


def read_round(item: Any, where: str) -> Round:
    """A round from its JSON (as `Round.to_json` writes it), checked: a ValueError names the field."""
    round_id = _field(item, "id", str, where).strip()
    if not round_id:
        raise ValueError(f"{where}.id: empty")
    try:
        day = date.fromisoformat(_field(item, "local_date", str, where))
    except ValueError as error:
        if str(error).startswith(where):
            raise
        raise ValueError(f"{where}.local_date: not a date (YYYY-MM-DD)") from None
    people = _field(item, "people", int, where)
    if people not in (1, 2):
        raise ValueError(f"{where}.people: must be 1 or 2")
    turns_data = _field(item, "turns", list, where)
    if len(turns_data) > people:
        raise ValueError(f"{where}.turns: more turns than people")
    turns = []
    for n, data in enumerate(turns_data):
        spot = f"{where}.turns[{n}]"
        answers = []
        for m, answer in enumerate(_field(data, "answers", list, spot)):
            place = f"{spot}.answers[{m}]"
            answers.append(
                ItemAnswer(
                    _field(answer, "item_id", str, place),
                    printable(_field(answer, "item_text", str, place)),
                    printable(_field(answer, "text", str, place)),
                )
            )
        turns.append(
            Turn(
                name=printable(_field(data, "name", str, spot)),
                include_sensitive=_field(data, "include_sensitive", bool, spot),
                answers=tuple(answers),
                done=_field(data, "done", bool, spot),
            )
        )
    return Round(
        id=round_id,
        exercise=_field(item, "exercise", str, where),
        title=printable(_field(item, "title", str, where)),
        local_date=day,
        people=people,
        turns=tuple(turns),
        created_at=_field(item, "created_at", str, where, optional=True),
        updated_at=_field(item, "updated_at", str, where, optional=True),
    )


# ---------------------------------------------------------------------------------- reading them


@dataclass(frozen=True)
class Row:
    """One item and each person's answer: None when they were not asked it."""

    item_text: str
    answers: tuple[str | None, ...]


def side_by_side(round_: Round, items: Sequence[Prompt] = ()) -> list[Row]:
    """The items in order (the exercise's, else the order they were asked), each with every
    person's answer."""
    order: list[tuple[str, str]] = [(item.id, item.text) for item in items]
    known = {item_id for item_id, _ in order}
    for turn in round_.turns:
        for answer in turn.answers:
            if answer.item_id not in known:
                order.append((answer.item_id, answer.item_text))
                known.add(answer.item_id)
    rows = []
    for item_id, text in order:
        answers = tuple(
            None if (found := turn.answer(item_id)) is None else found.text for turn in round_.turns
        )
        shown = next((turn.answer(item_id).item_text for turn in round_.turns if turn.answer(item_id)), text)
        if any(answer is not None for answer in answers):
            rows.append(Row(shown, answers))
    return rows


def shown_answer(answer: str | None) -> str:
    """An answer as the side-by-side view shows it."""
    if answer is None:
        return NOT_ASKED
    return answer if answer.strip() else SKIPPED


def _cell(text: str) -> str:
    """Answer text for a Markdown table cell: escaped, its lines joined with <br>."""
    from closeness_journal.core.markdown_export import escape_markdown

    lines = [escape_markdown(line.strip()) for line in printable(text).splitlines() if line.strip()]
    return " <br> ".join(lines)


def render_markdown(round_: Round, items: Sequence[Prompt] = ()) -> str:
    """A finished round as Markdown: for two people, a table with their answers side by side;
    for one, each question with its answer."""
    from closeness_journal.core.markdown_export import escape_markdown  # only when exporting

    names = [round_.name(index) for index in range(len(round_.turns))]
    who = " and ".join(escape_markdown(name) for name in names)
    lines = [f"# {escape_markdown(round_.title)}", ""]
    rows = side_by_side(round_, items)
    if round_.people == 2:
        lines += [
            f"{long_date(round_.local_date)} · {who}, each on their own, then read side by side.",
            "",
            "These are two people's answers: share them only if you both agree.",
            "",
            "| Starter | " + " | ".join(escape_markdown(name) for name in names) + " |",
            "| --- |" + " --- |" * len(names),
        ]
        for row in rows:
            cells = [_cell(shown_answer(answer)) for answer in row.answers]
            lines.append(f"| {_cell(row.item_text)} | " + " | ".join(cells) + " |")
    else:
        lines += [f"{long_date(round_.local_date)} · {who}", ""]
        for row in rows:
            lines += [f"## {escape_markdown(row.item_text)}", "", escape_markdown(shown_answer(row.answers[0])), ""]
    return "\n".join(lines).rstrip() + "\n"
