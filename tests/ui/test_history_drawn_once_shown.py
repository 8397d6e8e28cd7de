"""History works out its frames only once Textual shows them (`ui/screens/unheld.py`): during a
switch's 50 ms hold a frame was worked out and thrown away, and drawn again after it."""

from datetime import date, timedelta

from textual.screen import Screen
from textual.scrollbar import ScrollBar
from ui_helpers import until

from closeness_journal.core.entries import Entry
from closeness_journal.ui.screens.history import HistoryScreen

TODAY = date(2026, 11, 18)  # the make_app fixture's day


async def _first_f3(make_app, journal, monkeypatch) -> list[int]:
    for n in range(40):
        journal.add(Entry(TODAY - timedelta(days=n), body=f"entry {n}"))
    held: list[int] = []
    worked_out = Screen._compositor_refresh

    def counted(screen) -> None:
        if isinstance(screen, HistoryScreen):
            held.append(screen.app._batch_count)
        worked_out(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and held and not app._batch_count)
        await pilot.pause(0.1)
        assert "entry 0" in str(app.screen.query_one("DataTable").get_row_at(0))
    return held


async def test_history_is_worked_out_only_once_shown(make_app, journal, monkeypatch):
    held = await _first_f3(make_app, journal, monkeypatch)
    assert held and not any(held)  # drawn, and never while Textual held the screen back


async def test_without_it_a_frame_is_worked_out_during_the_hold(make_app, journal, monkeypatch):
    """The measure above can tell: Textual's own screen does work frames out while it holds them."""
    monkeypatch.setattr(HistoryScreen, "_compositor_refresh", lambda screen: Screen._compositor_refresh(screen))
    held = await _first_f3(make_app, journal, monkeypatch)
    assert any(held)


async def test_the_first_frame_is_history_whole(make_app, journal, monkeypatch):
    """Its title and the list's scroll bar are in the first frame, and nothing is laid out or drawn
    again after it but the whole screen, at once (the end of the switch's hold asks for that): the
    header took its title again, and the list made its scroll bar, in a layout after it, and every
    layout of the list had its scroll bar drawn again in one more frame."""
    for n in range(40):  # more than the list shows: it has a scroll bar
        journal.add(Entry(TODAY - timedelta(days=n), body=f"entry {n}"))
    seen: list[tuple[str, set[str]]] = []
    first_frame: list[str] = []
    bars: list[ScrollBar] = []
    drawn, laid_out = Screen._compositor_refresh, Screen._refresh_layout

    def frame(screen) -> None:
        dirty = {type(widget).__name__ for widget in screen._dirty_widgets}
        drawn(screen)
        if isinstance(screen, HistoryScreen) and not screen.app._batch_count:
            seen.append(("frame", dirty))
            if not first_frame:
                first_frame.extend(line.text for line in screen._compositor.render_strips())
                bars.extend(w for w in screen._compositor.visible_widgets if isinstance(w, ScrollBar))

    def layout(screen, *args, **kwargs) -> None:
        if isinstance(screen, HistoryScreen) and not screen.app._batch_count:
            seen.append(("layout", set()))
        laid_out(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_compositor_refresh", frame)
    monkeypatch.setattr(Screen, "_refresh_layout", layout)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await until(pilot, lambda: seen)
        await pilot.pause(0.1)
    assert "History" in first_frame[0]
    assert [bar.name for bar in bars] == ["vertical"]
    after = seen[[what for what, _ in seen].index("frame") + 1 :]
    assert after in ([], [("frame", {"HistoryScreen"})])
