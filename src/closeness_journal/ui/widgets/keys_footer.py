"""The footer of the screens the app switches between: the keys drawn as one line by one widget.

Textual's `Footer` is a widget for each key (about twenty), mounted and styled again each time the
keys change, and rebuilt a frame after the screen is first shown. That was most of the time it takes
to open the Ladder, and half of switching back to a screen (0.1-0.4 s each on a busy machine).
This one draws the same line (the same styles, the palette key on the right), leaves out the keys
that don't fit whole (F1 Help lists them all), and only draws it again when what it shows changes.
A key can still be clicked, and shows its tooltip under the mouse.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

OVER_A_DIALOG = [
    Binding("ctrl+q", "app.quit", "Quit"),
    Binding("f9", "app.pause", "Pause"),
    Binding("ctrl+p", "app.command_palette", "palette", show=False),
]
"""The window's keys that work over a dialog, for a dialog's BINDINGS: they are priority keys,
which a dialog's footer doesn't list by itself (only the dialog's own keys)."""


class FooterItem(NamedTuple):
    """One key as drawn: where it starts and ends on the line (columns), and what pressing it does."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    start: int = 0
    end: int = 0


def _shown_keys(screen: Screen) -> tuple[Any, ...]:
    """What the footer is built from: each of the screen's keys (the command palette's too, which
    is not `show`n as the others are), what it does, whether it is shown and enabled."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.show, enabled, tooltip, binding.group)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
    )


class KeysFooter(Widget, can_focus=False):
    """The keys of the screen, on one line at the bottom, as Textual's compact `Footer` draws them
    (a key of a binding group is drawn as a key of its own: no screen here groups its keys)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--item",
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--palette-border",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--item {
            background: $footer-item-background;
        }
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer-key--palette-border {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, compact: bool = True, **kwargs: Any) -> None:
        """`compact` is kept for the same call as Textual's footer; this one is always compact."""
        super().__init__(**kwargs)
        self._composed: tuple[Any, ...] | None = None
        self._items: list[FooterItem] = []
        self._palette: FooterItem | None = None
        self._hover: FooterItem | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen or not self.app.app_focus:
            return
        shown = _shown_keys(screen)
        if shown != self._composed:
            self._composed = None  # read again when next drawn
            self.refresh()

    def _read_keys(self) -> None:
        """The keys shown, one for each action (its first key), and the command palette's."""
        screen = self.screen
        self._composed = _shown_keys(screen)
        active = screen.active_bindings
        items: list[FooterItem] = []
        actions: set[str] = set()
        for _, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            items.append(FooterItem(binding.key, self.app.get_key_display(binding), binding.description, enabled,
                                    tooltip))
        column = 0
        for index, item in enumerate(items):
            width = cell_len(item.display) + (1 + cell_len(item.description) if item.description else 0)
            items[index] = item._replace(start=column, end=column + width)
            column += width + 1  # a space between keys
        self._items = items
        self._palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            self._palette = FooterItem(binding.key, self.app.get_key_display(binding), binding.description, enabled,
                                       binding.tooltip or binding.description)

    def key_spans(self) -> dict[str, tuple[int, int]]:
        """Where each key shown is on the screen (its first and one past its last column), the
        command palette's included; a key hidden behind the palette's is left out."""
        if self._composed is None:
            self._read_keys()
        width, left = self.size.width, self.region.x
        palette = self._palette_start(width)
        spans = {item.key: (left + item.start, left + item.end) for item in self._items if self._fits(item, palette)}
        if self._palette is not None:
            spans[self._palette.key] = (left + palette, left + width)
        return spans

    def _fits(self, item: FooterItem, room: int) -> bool:
        """Whether `item` is drawn whole before column `room`, with a space before the palette's
        border ("f4 Patterns▏^p palette" read as one)."""
        return item.end < room if self._palette is not None else item.end <= room

    def _palette_start(self, width: int) -> int:
        if self._palette is None:
            return width
        return max(0, width - (1 + cell_len(self._palette.display) + 1 + cell_len(self._palette.description)))

    def render_line(self, y: int) -> Strip:
        if self._composed is None:
            self._read_keys()
        width = self.size.width
        base = self.rich_style
        item_style = base + self.get_component_rich_style("footer-key--item", partial=True)
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        hover_style = self.get_component_rich_style("footer-key--hover", partial=True)
        dim = Style(dim=True)
        _, background = self.background_colors
        gap = Style(bgcolor=background.rich_color)

        def drawn(item: FooterItem) -> list[Segment]:
            """A key as Textual's `FooterKey` draws it: the key, then a space and what it does."""
            style = item_style + (hover_style if item == self._hover else Style())
            after = Style() if item.enabled else dim  # a key that can't be used now is dimmed
            parts = [Segment(item.display, style + key_style + after)]
            if item.description:
                parts.append(Segment(" " + item.description, style + description_style + after))
            return parts

        segments: list[Segment] = []
        room = self._palette_start(width)
        for item in self._items:
            if not self._fits(item, room):  # a key is shown whole or not at all ("f3 Hi" told nothing)
                break
            segments += drawn(item)
            segments.append(Segment(" ", gap))
        line = Strip(segments).adjust_cell_length(width, gap)
        if self._palette is not None:
            start = self._palette_start(width)
            colour = background + self.get_component_styles("footer-key--palette-border").color
            border = Segment("▏", Style(color=colour.rich_color, bgcolor=background.rich_color))
            line = Strip.join([line.crop(0, start), Strip([border, *drawn(self._palette)])]).crop(0, width)
        return line.simplify()

    def _item_at(self, x: int) -> FooterItem | None:
        width = self.size.width
        palette = self._palette_start(width)
        if self._palette is not None and x >= palette:
            return self._palette
        return next((item for item in self._items if item.start <= x < item.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.x)
        if item != self._hover:
            self._hover = item
            self.tooltip = item.tooltip if item and item.tooltip else None  # as Textual's footer keys
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
