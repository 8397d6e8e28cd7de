"""The check-in: who, what you did, what you feared, and the small step. All optional.

The form speaks in kind words; slugs stay inside. It gives and takes a `CheckInFields` (the
check-in with the entry's tags and private mark), the same value an entry and a draft hold.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, Input, Label, Select, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from closeness_journal.core.checkin import SCALES, CheckIn, CheckInFields
from closeness_journal.core.text import one_line
from closeness_journal.core.vocabulary import (
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SABOTAGE_BEHAVIOURS,
    WITHDRAWAL_BEHAVIOURS,
)

SCALE = r"^(10|[0-9])?$"

class TickBox(Checkbox):
    """A checkbox whose box is empty until ticked, so it reads right without colour too."""

    @property
    def _button(self) -> Content:
        button = super()._button
        return button if self.value else Content.assemble(
            *(Content.styled(span_text, span_style) for span_text, span_style in _blank_inner(button))
        )


def _blank_inner(button: Content) -> list[tuple[str, Any]]:
    parts = [(button.plain[s.start:s.end], s.style) for s in button.spans]
    return [(" " if text == Checkbox.BUTTON_INNER else text, style) for text, style in parts]


class TickList(SelectionList[str]):
    """A selection list whose boxes are empty until ticked (Textual shows a dim X)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self._selected or len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)


def _scale_value(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


class CheckInForm(VerticalScroll, can_focus=False):
    """The structured part of an entry, quick to fill with the keyboard alone."""

    class Changed(Message):
        """Something in the check-in was changed by the person."""

    def compose(self) -> ComposeResult:
        yield Label("Check-in [dim](all optional)[/]", classes="form-title")
        yield Label("Who was it with?", classes="field-label")
        yield Input(placeholder="a name or a role", id="who", compact=True)
        yield Label("Your relationship", classes="field-label")
        yield Select(
            [(label.capitalize(), slug) for slug, label in RELATIONSHIPS.items()],
            prompt="choose…",
            id="relationship",
            compact=True,
        )
        yield TickBox("Closeness came just before", id="close_before", compact=True)
        yield Label("Pulling away: what did you do?", classes="field-label")
        yield TickList(*[(label, slug) for slug, label in WITHDRAWAL_BEHAVIOURS.items()], id="withdrawal", compact=True)
        yield Label("Pushing away: what did you do?", classes="field-label")
        yield TickList(*[(label, slug) for slug, label in SABOTAGE_BEHAVIOURS.items()], id="sabotage", compact=True)
        yield Label("What were you afraid of?", classes="field-label")
        yield TickList(*[(label, slug) for slug, label in FEARS.items()], id="fears", compact=True)
        with Horizontal(classes="scale-row"):
            yield Label("How strong was the fear? (0-10)", classes="field-label")
            yield Input(placeholder="–", id="intensity", restrict=SCALE, max_length=2, compact=True)
        yield Label("Kinds of closeness involved", classes="field-label")
        yield TickList(*[(label, slug) for slug, label in KINDS.items()], id="kinds", compact=True)
        yield Label("A small step you took", classes="field-label")
        yield Input(placeholder="even a tiny one counts", id="small_step", compact=True)
        with Horizontal(classes="scale-row"):
            yield Label("Planned? How hard you expected (0-10)", classes="field-label")
            yield Input(placeholder="–", id="predicted", restrict=SCALE, max_length=2, compact=True)
        with Horizontal(classes="scale-row"):
            yield Label("…and how hard it really was", classes="field-label")
            yield Input(placeholder="–", id="outcome", restrict=SCALE, max_length=2, compact=True)
        yield Label("Tags (separated by commas)", classes="field-label")
        yield Input(placeholder="e.g. work, evening", id="tags", compact=True)
        yield TickBox("Private", id="private", compact=True)

    # ------------------------------------------------------------------ values

    def values(self) -> CheckInFields:
        """What the form holds now."""
        relationship = self.query_one("#relationship", Select).value
        checkin = CheckIn(
            who=self.query_one("#who", Input).value.strip(),
            relationship=relationship if isinstance(relationship, str) else None,
            kinds=tuple(self.query_one("#kinds", SelectionList).selected),
            close_before=self.query_one("#close_before", Checkbox).value,
            behaviours=tuple(self.query_one("#withdrawal", SelectionList).selected)
            + tuple(self.query_one("#sabotage", SelectionList).selected),
            fears=tuple(self.query_one("#fears", SelectionList).selected),
            intensity=_scale_value(self.query_one("#intensity", Input).value),
            small_step=self.query_one("#small_step", Input).value.strip(),
            predicted=_scale_value(self.query_one("#predicted", Input).value),
            outcome=_scale_value(self.query_one("#outcome", Input).value),
        )
        tags = tuple(t.strip() for t in self.query_one("#tags", Input).value.split(",") if t.strip())
        return CheckInFields(checkin, tags, self.query_one("#private", Checkbox).value)

    def load(self, fields: CheckInFields) -> None:
        """Fill the form with `fields` (slugs this version doesn't know are left out)."""
        checkin = fields.checkin
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed, SelectionList.SelectedChanged):
            self.query_one("#who", Input).value = one_line(checkin.who)
            select = self.query_one("#relationship", Select)
            if checkin.relationship in RELATIONSHIPS:
                select.value = checkin.relationship
            else:
                select.clear()
            self.query_one("#close_before", Checkbox).value = checkin.close_before
            self.query_one("#private", Checkbox).value = fields.private
            for list_id, chosen_slugs, vocabulary in (
                ("withdrawal", checkin.behaviours, WITHDRAWAL_BEHAVIOURS),
                ("sabotage", checkin.behaviours, SABOTAGE_BEHAVIOURS),
                ("fears", checkin.fears, FEARS),
                ("kinds", checkin.kinds, KINDS),
            ):
                chosen = self.query_one(f"#{list_id}", SelectionList)
                chosen.deselect_all()
                for slug in chosen_slugs:
                    if slug in vocabulary:
                        chosen.select(slug)
            for name in SCALES:
                value = getattr(checkin, name)
                self.query_one(f"#{name}", Input).value = "" if value is None else str(value)
            self.query_one("#small_step", Input).value = one_line(checkin.small_step)
            self.query_one("#tags", Input).value = ", ".join(one_line(tag) for tag in fields.tags)

    def clear(self) -> None:
        self.load(CheckInFields())

    # ------------------------------------------------------------------ changes

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def report_change(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())
