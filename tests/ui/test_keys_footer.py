"""The footer of the main screens (one widget drawing the keys, clicked as keys, following the keys),
and what else keeps switching between them quick."""

from __future__ import annotations

import gc

from textual.widgets import Footer

from closeness_journal.core.ladder import Rung
from closeness_journal.ui.widgets.keys_footer import KeysFooter


def footer_line(app) -> str:
    footer = app.screen.query_one(KeysFooter)
    return "".join(segment.text for segment in footer.render_line(0))


async def test_the_footer_shows_the_screens_keys_and_a_click_presses_one(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert "f3 History" in line and "f2 Today" not in line  # the view you are on has no key
        assert not app.screen.query(Footer)  # one widget, not one a key
        start, _ = app.screen.query_one(KeysFooter).key_spans()["f3"]
        await pilot.click(KeysFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"
        line = footer_line(app)
        assert "f2 Today" in line and "f3 History" not in line and "e Edit" in line


async def test_the_footer_follows_the_keys_as_they_change(make_app, journal):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert "a Add a step" in footer_line(app) and "e Edit" not in footer_line(app)  # no rung to edit yet
        journal.add_rung(Rung(text="Say one true thing", hard=30))
        app.screen.refresh_ladder()
        await pilot.pause()
        assert "e Edit" in footer_line(app) and "r Retire" in footer_line(app)


async def test_a_key_shows_its_tooltip_under_the_mouse(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        start, _ = footer.key_spans()["ctrl+s"]
        await pilot.hover(KeysFooter, offset=(start, 0))
        await pilot.pause()
        assert footer.tooltip == "Save every answer, the free writing and the check-in as one entry"


async def test_at_80_columns_a_key_that_does_not_fit_whole_is_left_out(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        line = footer_line(app)
        shown = footer.key_spans()
        assert "f9 Pause" in line and "^p palette" in line
        for item in footer._items:  # each key is on the line whole, or not at all
            drawn = f"{item.display} {item.description}"
            assert (drawn in line) == (item.key in shown), (drawn, line)
        assert "f3 History" not in line and "f3" not in line  # it was cut to "f3 Hi"


async def test_what_the_window_holds_is_set_aside_from_the_collector_until_it_closes(make_app):
    """Full garbage collections walked every object of the window (0.15-0.4 s inside screen opens);
    once a main screen is drawn they skip them, and they can be collected again when the window closes."""
    gc.unfreeze()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


async def test_a_key_never_touches_the_palettes_border(make_app):
    """At 80 columns the ladder's footer ended 'f4 Patterns▏^p palette': a space keeps them apart."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        for width in range(60, 121):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            line = footer_line(app)
            border = line.index("▏")
            assert border == 0 or line[border - 1] == " ", (width, line)
            footer = app.screen.query_one(KeysFooter)
            spans = footer.key_spans()
            assert all(end < footer.region.x + border for key, (_, end) in spans.items() if key != "ctrl+p")
