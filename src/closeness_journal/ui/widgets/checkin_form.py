"""The check-in: who, what you did (to stay close, to pull away, to push away), what you
feared, the pull to get away, and the small step. All optional.

The form speaks in kind words; slugs stay inside. It gives and takes a `CheckInFields` (the
check-in with the entry's tags and private mark), the same value an entry and a draft hold.
Long labels and choices wrap, so nothing is cut at 80 columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, OptionList, Select, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from closeness_journal.core.checkin import SCALES, CheckIn, CheckInFields
from closeness_journal.core.ladder import Rung, ladder_order
from closeness_journal.core.text import one_line
from closeness_journal.core.vocabulary import (
    ACTED,
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SABOTAGE_BEHAVIOURS,
    SCALE_ANCHORS,
    STAYED,
    WITHDRAWAL_BEHAVIOURS,
)
from closeness_journal.ui.text import literal_line

SCALE = r"^(10|[0-9])?$"
GUTTER = len(Checkbox.BUTTON_LEFT + Checkbox.BUTTON_INNER + Checkbox.BUTTON_RIGHT + " ")
"""The box and the space before each choice's words."""


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
    """A selection list whose boxes are empty until ticked (Textual shows a dim X), and whose long
    choices wrap under their words (Textual's list assumes one line a choice and cuts the rest)."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return super().get_content_height(container, viewport, width - GUTTER)  # the words wrap beside the box

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the words alone, as many lines as they need
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return line
        underlying = next(iter(line)).style or self.rich_style
        meta = Style(meta={"option": index})
        if line_offset:  # a wrapped line: under the words, not under the box
            return Strip([Segment(" " * GUTTER, underlying + meta), *line])
        ticked = selection.value in self._selected
        component = "selection-list--button"
        if ticked:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component)
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + meta
        return Strip(
            [
                Segment(Checkbox.BUTTON_LEFT, side),
                Segment(Checkbox.BUTTON_INNER if ticked else " ", button + meta),
                Segment(Checkbox.BUTTON_RIGHT, side),
                Segment(" ", underlying),
                *line,
            ]
        )


def anchor_lines(width: int) -> str:
    """The scale's anchors in `width` columns, a line broken only between two anchors (so `10`
    stays beside `overwhelming`)."""
    lines: list[str] = []
    for anchor in SCALE_ANCHORS.split(" · "):
        if lines and len(lines[-1]) + len(" · ") + len(anchor) <= width:
            lines[-1] += " · " + anchor
        elif lines:
            lines[-1] += " ·"
            lines.append(anchor)
        else:
            lines.append(anchor)
    return "\n".join(lines)


class Anchors(Label):
    """What 0, 5 and 10 mean on every 0-10 scale, under the scale."""

    def render(self) -> Content:
        return Content(anchor_lines(self.content_region.width or len(SCALE_ANCHORS)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return anchor_lines(width).count("\n") + 1


FORM_WIDEST = 52 - 4
"""The widest a check-in's fields are on Today (its column at most 52, less border, padding, scroll bar)."""


def form_width(screen_width: int) -> int:
    """How wide the check-in's fields are on Today at a screen width, as journal.tcss makes its
    column (`#checkin-slot`: 45% of the screen, 34 to 52 columns), less border, padding and scroll
    bar. A share that isn't whole is rounded up: never narrower than it is, so the fields counted
    as shown in the first frame are never too few (a test holds this to the styles)."""
    return min(max(-(-screen_width * 45 // 100), 34), 52) - 4


def _lines(text: str, width: int) -> int:
    """The rows `text` takes wrapped at `width`, as a label or a choice wraps it."""
    return len(Content(text).wrap(max(width, 1)))


@dataclass(frozen=True)
class Part:
    """A field of the form: its widgets, made when wanted, and the rows it takes at a width
    (its margin included)."""

    widgets: Callable[[], list[Widget]]
    rows: Callable[[int, int], int]
    """The rows at (the form's inner width, its height)."""


class RestOfForm(Widget):
    """Room for the fields not mounted yet, as tall as they will be: the form's scroll bar is the
    same before and after they come (blank; below the fold)."""

    DEFAULT_CSS = "RestOfForm { height: auto; width: 100%; }"

    def __init__(self, parts: Sequence[Part]) -> None:
        super().__init__()
        self._parts = parts

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(part.rows(width, container.height) for part in self._parts)

    def render(self) -> Content:
        return Content("")


def _scale_value(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


class CheckInForm(VerticalScroll, can_focus=False):
    """The structured part of an entry, quick to fill with the keyboard alone."""

    class Changed(Message):
        """Something in the check-in was changed by the person."""

    def __init__(
        self, *, rungs: Sequence[Rung] = (), id: str | None = None, first_rows: int | None = None,
        first_width: int = FORM_WIDEST,
    ) -> None:
        """`first_rows`: compose only the fields that begin within the first that many rows (at
        most as many as the form shows), the fields `first_width` wide at most, and keep room for
        the rest, mounted by `mount_rest` (Today shows its first frame sooner)."""
        super().__init__(id=id)
        self._rungs = {rung.id: rung for rung in rungs}
        """Every rung of the ladder (retired ones too, so an entry that tried one keeps it)."""
        self._first_rows = first_rows
        self._first_width = first_width
        self._rest: list[Part] | None = None
        self._loaded = CheckInFields()
        """What was last loaded: the fields not mounted yet hold it."""

    def _scale(self, label: str, scale_id: str) -> Part:
        def widgets() -> list[Widget]:
            return [Horizontal(Label(label, classes="field-label"),
                               Input(placeholder="0-10", id=scale_id, restrict=SCALE, max_length=2, compact=True),
                               classes="scale-row")]

        # the words beside the box (five columns and a margin), under a margin; at least the box's two rows
        return Part(widgets, lambda width, height: max(1 + _lines(label, width - 6), 2))

    def _anchors(self) -> Part:
        return Part(lambda: [Anchors(classes="anchors")], lambda width, height: anchor_lines(width).count("\n") + 1)

    def _label(self, label: str) -> Part:
        return Part(lambda: [Label(label, classes="field-label")], lambda width, height: 1 + _lines(label, width))

    def _line(self, make: Callable[[], Widget], rows: int = 1) -> Part:
        """A one-line field (`rows` with its margin)."""
        return Part(lambda: [make()], lambda width, height: rows)

    def _ticks(self, label: str, list_id: str, vocabulary: Mapping[str, str]) -> list[Part]:
        choices = [(text, slug) for slug, text in vocabulary.items()]
        return [
            self._label(label),
            # a list is at most as tall as the form (Textual's `max-height: 100%`), and scrolls within
            Part(lambda: [TickList(*choices, id=list_id, compact=True)],
                 lambda width, height: min(sum(_lines(text, width - GUTTER) for text, _ in choices), height)),
        ]

    def parts(self) -> list[Part]:
        """The form's fields in order, each with the rows it takes at a width."""
        title = Content.assemble("Check-in ", Content.styled("(all optional)", "dim"))
        return [
            Part(lambda: [Label(title, classes="form-title")], lambda width, height: 1),
            self._label("Who was it with?"),
            self._line(lambda: Input(placeholder="a name or a role", id="who", compact=True)),
            self._label("Your relationship"),
            self._line(lambda: Select(
                [(label.capitalize(), slug) for slug, label in RELATIONSHIPS.items()],
                prompt="choose…", id="relationship", compact=True,
            )),
            self._line(lambda: TickBox("Closeness came just before", id="close_before", compact=True), 2),
            self._scale("How strong was the pull to get away?", "urge"),
            self._anchors(),
            self._label("Did you act on it?"),
            self._line(lambda: Select([(label, slug) for slug, label in ACTED.items()], prompt="choose…", id="acted",
                                      compact=True)),
            *self._ticks("What did you do to stay close?", "stayed", STAYED),
            *self._ticks("Pulling away: what did you do?", "withdrawal", WITHDRAWAL_BEHAVIOURS),
            *self._ticks("Pushing away: what did you do?", "sabotage", SABOTAGE_BEHAVIOURS),
            *self._ticks("What were you afraid of?", "fears", FEARS),
            self._scale("How strong was the fear?", "intensity"),
            self._anchors(),
            *self._ticks("Kinds of closeness involved", "kinds", KINDS),
            self._label("A small step you took"),
            self._line(lambda: Input(placeholder="even a tiny one counts", id="small_step", compact=True)),
            self._line(lambda: Select([], prompt="or a step from your ladder…", id="rung", compact=True),
                       1 if self._offered_rungs(None) else 0),
            self._scale("How hard you expected it to be", "predicted"),
            self._scale("How hard it really was", "outcome"),
            self._anchors(),
            self._label("Tags (separated by commas)"),
            self._line(lambda: Input(placeholder="e.g. work, evening", id="tags", compact=True)),
            self._line(lambda: TickBox("Leave out of exports", id="private", compact=True), 2),
        ]

    def compose(self) -> ComposeResult:
        parts = self.parts()
        first = len(parts)
        if self._first_rows is not None:  # the fields that begin above the fold (at the widest, in fewest rows)
            rows = 0
            for first, part in enumerate(parts):  # noqa: B007 (first is used after the loop)
                if rows >= self._first_rows:
                    break
                rows += part.rows(self._first_width, self._first_rows)
            else:
                first = len(parts)
        for part in parts[:first]:
            yield from part.widgets()
        if first < len(parts):
            self._rest = parts[first:]
            yield RestOfForm(self._rest)

    @property
    def complete(self) -> bool:
        """Whether every field is there (the rest of a form shown in two steps is mounted)."""
        return self._rest is None

    async def mount_rest(self) -> None:
        """Mount the fields below the fold in place of the room kept for them (nothing moves:
        the room was as tall as they are), then show the ladder's rungs and what was loaded."""
        if self._rest is None:
            return
        now = self.values()  # what the fields there hold, and what was loaded for the rest
        rest, self._rest = self._rest, None
        room = self.query_one(RestOfForm)
        with self.app.batch_update():
            await self.mount_all([widget for part in rest for widget in part.widgets()], before=room)
            await room.remove()
        with self.prevent(Select.Changed):
            self._show_rungs(None)
        if not now.is_empty():
            self.load(now)

    # ------------------------------------------------------------------ values

    def _fields(self) -> dict[str, Any]:
        """The form's widgets that have an id, by id (one walk through the form: a query for each
        field walked it twenty times, about 5 ms each time the form was read, at each autosave)."""
        found: dict[str, Any] = {}
        for node in self.walk_children():
            if node.id is not None:
                found.setdefault(node.id, node)
        return found

    def values(self) -> CheckInFields:
        """What the form holds now (before the rest of a form shown in two steps is mounted, the
        fields not there yet hold what was last loaded)."""
        loaded = self._loaded.checkin
        fields = self._fields()

        def value(field_id: str, otherwise: Any) -> Any:
            found = fields.get(field_id)
            return found.value if found is not None else otherwise

        def ticked(list_id: str, otherwise: Sequence[str], vocabulary: Mapping[str, str]) -> tuple[str, ...]:
            found = fields.get(list_id)
            if isinstance(found, SelectionList):
                return tuple(found.selected)
            return tuple(slug for slug in otherwise if slug in vocabulary)  # as the list would take them

        def chosen(select_id: str, otherwise: str | None) -> str | None:
            picked = value(select_id, otherwise)
            return picked if isinstance(picked, str) else None

        def scale(name: str) -> int | None:
            found = fields.get(name)
            return _scale_value(found.value) if isinstance(found, Input) else getattr(loaded, name)

        checkin = CheckIn(
            who=value("who", loaded.who).strip(),
            relationship=chosen("relationship", loaded.relationship),
            kinds=ticked("kinds", loaded.kinds, KINDS),
            close_before=value("close_before", loaded.close_before),
            behaviours=ticked("withdrawal", loaded.behaviours, WITHDRAWAL_BEHAVIOURS)
            + ticked("sabotage", loaded.behaviours, SABOTAGE_BEHAVIOURS),
            fears=ticked("fears", loaded.fears, FEARS),
            intensity=scale("intensity"),
            small_step=value("small_step", loaded.small_step).strip(),
            predicted=scale("predicted"),
            outcome=scale("outcome"),
            stayed=ticked("stayed", loaded.stayed, STAYED),
            urge=scale("urge"),
            acted=chosen("acted", loaded.acted),
            rung=chosen("rung", loaded.rung),
        )
        tags = value("tags", ", ".join(self._loaded.tags))
        return CheckInFields(checkin, tuple(t.strip() for t in tags.split(",") if t.strip()),
                             value("private", self._loaded.private))

    def load(self, fields: CheckInFields) -> None:
        """Fill the form with `fields` (slugs this version doesn't know are left out); before the
        rest of a form shown in two steps is mounted, the fields that are there."""
        checkin = fields.checkin
        self._loaded = fields
        shown = self._fields()

        def present(field_id: str) -> list[Any]:
            found = shown.get(field_id)
            return [] if found is None else [found]

        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed, SelectionList.SelectedChanged):
            for who in present("who"):
                who.value = one_line(checkin.who)
            for select_id, chosen_slug, vocabulary in (
                ("relationship", checkin.relationship, RELATIONSHIPS),
                ("acted", checkin.acted, ACTED),
            ):
                for select in present(select_id):
                    if chosen_slug in vocabulary:
                        select.value = chosen_slug
                    else:
                        select.clear()
            for box_id, ticked in (("close_before", checkin.close_before), ("private", fields.private)):
                for box in present(box_id):
                    box.value = ticked
            for list_id, chosen_slugs, vocabulary in (
                ("stayed", checkin.stayed, STAYED),
                ("withdrawal", checkin.behaviours, WITHDRAWAL_BEHAVIOURS),
                ("sabotage", checkin.behaviours, SABOTAGE_BEHAVIOURS),
                ("fears", checkin.fears, FEARS),
                ("kinds", checkin.kinds, KINDS),
            ):
                for chosen in present(list_id):
                    chosen.deselect_all()
                    for slug in chosen_slugs:
                        if slug in vocabulary:
                            chosen.select(slug)
            for name in SCALES:
                value = getattr(checkin, name)
                for scale in present(name):
                    scale.value = "" if value is None else str(value)
            for step in present("small_step"):
                step.value = one_line(checkin.small_step)
            if present("rung"):
                self._show_rungs(checkin.rung)
            for tags in present("tags"):
                tags.value = ", ".join(one_line(tag) for tag in fields.tags)

    def clear(self) -> None:
        self.load(CheckInFields())

    # ------------------------------------------------------------------ the ladder

    def on_mount(self) -> None:
        if self.complete:
            with self.prevent(Select.Changed):
                self._show_rungs(None)

    def set_rungs(self, rungs: Sequence[Rung]) -> None:
        """The ladder as it is now (a rung added or retired meanwhile); the chosen rung stays chosen."""
        self._rungs = {rung.id: rung for rung in rungs}
        if not self.complete:
            return  # shown when the rest is mounted
        chosen = self.query_one("#rung", Select).value
        with self.prevent(Select.Changed):
            self._show_rungs(chosen if isinstance(chosen, str) else None)

    def _show_rungs(self, chosen: str | None) -> None:
        """The ladder's active rungs, easiest first, to choose from (and the chosen one, even retired);
        hidden when the ladder is empty."""
        offered = self._offered_rungs(chosen)
        options = [(literal_line(rung.text, 60), rung.id) for rung in offered]
        if chosen and chosen not in self._rungs:  # a rung this journal doesn't have (from an import)
            options.append((literal_line("a step no longer on your ladder"), chosen))
        select = self.query_one("#rung", Select)
        select.set_options(options)
        if chosen:
            select.value = chosen
        select.display = bool(options)

    def _offered_rungs(self, chosen: str | None) -> list[Rung]:
        return [rung for rung in ladder_order(self._rungs.values()) if not rung.retired or rung.id == chosen]

    @on(Select.Changed, "#rung")
    def rung_chosen(self, event: Select.Changed) -> None:
        """A rung's words become the step, unless you wrote the step in your own words (and go
        again when no rung is chosen)."""
        step = self.query_one("#small_step", Input)
        rung = self._rungs.get(event.value) if isinstance(event.value, str) else None
        if not step.value.strip() or step.value in (r.text for r in self._rungs.values()):
            step.value = rung.text if rung is not None else ""

    # ------------------------------------------------------------------ changes

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def report_change(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())
