"""`FilterSelect` (History's filters): Textual's `Select` with its list made when first opened. Each
test does the same to a `Select` and a `FilterSelect` and expects the same: the value, the
`Changed` messages, the list's options and highlight, what is drawn."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Select
from textual.widgets._select import SelectOverlay

from closeness_journal.ui.widgets.filter_select import FilterSelect

OPTIONS = [("Alder", "a"), ("Birch", "b"), ("Cedar", "c"), ("[b]Dogwood[/b]", "d"),
           (Content("a long name of a [tree] (12)"), "e"), (Text("rich text", style="italic"), "f")]


class Both(App[None]):
    CSS = "Select { width: 30; margin-bottom: 1; }"
    AUTO_FOCUS = None

    def __init__(self, options=OPTIONS, **kwargs) -> None:
        super().__init__()
        self.options, self.kwargs = options, kwargs
        self.changed: dict[str, list[object]] = {"plain": [], "light": []}

    def compose(self) -> ComposeResult:
        yield Select(self.options, prompt="Any tree", id="plain", compact=True, **self.kwargs)
        yield FilterSelect(self.options, prompt="Any tree", id="light", compact=True, **self.kwargs)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.changed[event.select.id].append(event.value)


def shown(select: Select) -> tuple[list[str], int | None]:
    options = select.query_one(OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)], options.highlighted


def drawn(app: App, select_id: str, widget: type = Select) -> list[list[tuple[str, str]]]:
    """The lines the select draws, each run of text with its style; or those of its open list (a
    Textual widget in both: runs of the same style are taken together, as its own earlier frames
    may have split them)."""
    select = app.query_one(f"#{select_id}")
    region = select.region if widget is Select else select.query_one(widget).region
    lines = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [
        [(segment.text, str(segment.style)) for segment in (line if widget is Select else line.simplify())]
        for line in lines
    ]


async def each(pilot, *keys: str) -> list[tuple[object, bool, str]]:
    """Press `keys` on the plain select, then on the light one; after each: its value, whether it is
    open, and what has the focus (the select, its list or something else)."""
    found = []
    for select_id in ("plain", "light"):
        select = pilot.app.query_one(f"#{select_id}", Select)
        select.focus()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        focused = pilot.app.focused
        where = "select" if focused is select else "list" if focused in select.query(SelectOverlay) else "other"
        found.append((select.value, select.expanded, where))
    return found


async def test_the_list_is_made_only_when_first_opened():
    app = Both()
    async with app.run_test() as pilot:
        light = app.query_one("#light", FilterSelect)
        assert not light.query(SelectOverlay) and len(app.query_one("#plain").query(SelectOverlay)) == 1
        light.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(light.query(SelectOverlay)) == 1 and light.expanded
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert len(light.query(SelectOverlay)) == 1 and light.expanded  # made once, kept


@pytest.mark.parametrize("keys", [
    ("enter", "down", "down", "enter"),
    ("space", "down", "enter"),
    ("down", "enter"),
    ("up", "enter"),
    ("enter", "c", "enter"),  # typing finds an option
    ("enter", "down", "escape"),  # closed, nothing chosen
    ("enter", "enter", "enter", "up", "enter"),  # chosen, then opened again: the first option is "none"
])
async def test_keys_do_the_same(keys):
    app = Both()
    async with app.run_test() as pilot:
        plain, light = await each(pilot, *keys)
        assert light == plain
        assert app.changed["light"] == app.changed["plain"]


async def test_a_click_opens_it_on_the_choice_made_before():
    app = Both()
    async with app.run_test() as pilot:
        found = []
        for select_id in ("plain", "light"):
            select = app.query_one(f"#{select_id}", Select)
            select.value = "c"
            await pilot.pause()
            await pilot.click(f"#{select_id}")
            await pilot.pause()
            found.append((select.expanded, shown(select)))
            await pilot.press("escape")  # (the open list covers the select below it)
        assert found[1] == found[0] == (True, (["Any tree", "Alder", "Birch", "Cedar", "[b]Dogwood[/b]",
                                                "a long name of a [tree] (12)", "rich text"], 3))
        assert app.changed["light"] == app.changed["plain"] == ["c"]


async def test_options_set_before_the_first_open_are_the_ones_shown():
    app = Both(options=[], disabled=True)
    async with app.run_test() as pilot:
        for select_id in ("plain", "light"):
            select = app.query_one(f"#{select_id}", Select)
            select.set_options([("Home (3)", "home"), ("work (1)", "work")])
            select.value = "work"
            select.disabled = False
            await pilot.pause()
        await each(pilot, "enter")
        plain, light = app.query_one("#plain", Select), app.query_one("#light", Select)
        assert shown(light) == shown(plain) == (["Any tree", "Home (3)", "work (1)"], 2)
        light.clear()
        plain.clear()
        await pilot.pause()
        assert app.changed["light"] == app.changed["plain"] == ["work", Select.NULL]


async def test_a_disabled_one_does_not_open():
    app = Both(disabled=True)
    async with app.run_test() as pilot:
        await pilot.click("#light")
        await pilot.pause()
        light = app.query_one("#light", FilterSelect)
        assert not light.expanded and not light.query(SelectOverlay)


async def test_it_is_drawn_as_a_select_is():
    app = Both()
    async with app.run_test() as pilot:
        assert drawn(app, "light") == drawn(app, "plain")  # the prompt
        for value in ("d", "e", "f"):  # markup in a string; a long one wrapped; Rich text
            for select_id in ("plain", "light"):
                app.query_one(f"#{select_id}", Select).value = value
            await pilot.pause()
            assert drawn(app, "light") == drawn(app, "plain")
        app.query_one("#plain").focus()
        await pilot.pause()
        focused = drawn(app, "plain")
        app.query_one("#light").focus()
        await pilot.pause()
        assert drawn(app, "light") == focused != drawn(app, "plain")
        lists = []
        for select_id in ("plain", "light"):  # open, the arrow up and the list
            app.query_one(f"#{select_id}").focus()
            await pilot.press("enter", "down")
            lists.append((drawn(app, select_id), drawn(app, select_id, SelectOverlay)))
            await pilot.press("escape")
        assert lists[1] == lists[0] and "▲" in str(lists[0][0])
        for select_id in ("plain", "light"):
            app.query_one(f"#{select_id}", Select).disabled = True
        await pilot.pause()
        assert drawn(app, "light") == drawn(app, "plain")
