"""The window starts with Today's styles only (journal.tcss); the other screens' (views.tcss)
are read with the first of them, before it is styled, whichever way it comes."""

from __future__ import annotations

import pytest

from closeness_journal.ui.first_frame import VIEWS_CSS


def _views_read(app) -> bool:
    return any(path == str(VIEWS_CSS) for path, _ in app.stylesheet.source)


async def test_today_starts_without_the_other_screens_styles(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.id != "_default" and app.screen.query_one("#editor")
        assert not _views_read(app)


@pytest.mark.parametrize("key, styled", [
    ("f3", ".filters"),  # History, a mode
    ("ctrl+o", "#export-box"),  # the export dialog, pushed over Today
])
async def test_the_first_other_screen_comes_styled(make_app, key, styled):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert _views_read(app)
        widget = app.screen.query_one(styled)
        if styled == ".filters":
            assert widget.styles.height is not None and widget.styles.height.value == 1  # views.tcss: height 1
        else:
            assert widget.styles.width is not None and widget.styles.width.value == 76  # views.tcss: width 76
            assert app.screen.styles.align == ("center", "middle")  # the screen itself, made before it was read


async def test_reading_the_other_styles_parses_only_them(make_app, monkeypatch):
    """What was parsed before is kept: parsing every rule again took 40-60 ms of each first open."""
    from textual.css import stylesheet

    parsed: list[str] = []
    parse = stylesheet.parse

    def counted(scope, css, read_from, *args, **kwargs):
        parsed.append(read_from[0])
        return parse(scope, css, read_from, *args, **kwargs)

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(stylesheet, "parse", counted)
        await pilot.press("f3")
        await pilot.pause()
        assert _views_read(app) and str(VIEWS_CSS) in parsed
        assert not [path for path in parsed if path.endswith("journal.tcss")]
        assert app.screen.query_one(".filters").styles.height.value == 1
