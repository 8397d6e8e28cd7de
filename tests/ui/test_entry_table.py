"""The entries' table (History, Trash): its text column fits the window from the start, and its
scroll bar follows the rows and the window though it is not refreshed at every layout."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from closeness_journal.core.entries import Entry
from closeness_journal.ui.widgets.entry_table import EntryTable

DAY = date(2026, 11, 18)


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield EntryTable()


def entries(count: int, first: int = 0) -> list[Entry]:
    return [Entry(DAY - timedelta(days=n), body=f"entry {n}") for n in range(first, first + count)]


async def test_the_text_column_has_its_width_before_the_table_is_laid_out(monkeypatch):
    widths: list[int] = []
    sized = EntryTable.on_resize

    def on_resize(table: EntryTable) -> None:
        widths.append(table.columns["text"].width)  # before the size is looked at
        sized(table)

    monkeypatch.setattr(EntryTable, "on_resize", on_resize)
    app = OneTable()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(EntryTable)
        assert widths == [table.columns["text"].width]  # the first size changed nothing
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert table.columns["text"].width == 120 - 100 + widths[0]
        assert sum(column.get_render_width(table) for column in table.columns.values()) == 120 - 2  # and the bar


async def test_the_scroll_bar_follows_the_rows_and_the_window():
    app = OneTable()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(EntryTable)
        table.add_entries(entries(10))
        await pilot.pause()
        assert not table.show_vertical_scrollbar  # they fit
        table.add_entries(entries(90, first=10))
        await pilot.pause()
        bar = table.vertical_scrollbar
        assert table.show_vertical_scrollbar and bar.display
        assert (bar.window_virtual_size, bar.window_size) == (101, 30)  # the rows and the heading; the window
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        assert (bar.window_virtual_size, bar.window_size) == (101, 20)
        table.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert bar.position == table.scroll_y == 101 - 20
        table.clear()
        table.add_entries(entries(5))
        await pilot.pause()
        assert not table.show_vertical_scrollbar and not bar.display


async def test_a_cell_is_drawn_as_its_content_and_measured_without_drawing(monkeypatch):
    from textual.content import Content
    from textual.render import measure

    from closeness_journal.ui.widgets.entry_table import _cell, markers, summary_line

    shown = [
        summary_line(Entry(DAY, body="[b]not bold[/b] and more")),
        summary_line(Entry(DAY, body="")),  # "(check-in only)", italic and muted
        markers(Entry(DAY, flagged=True)),
        Content("2026-11-18"),
    ]
    app = OneTable()
    async with app.run_test():  # (the theme's colours, as in the window)
        console = app.console
        for content in shown:
            cell = _cell(content)
            assert cell.plain == content.plain and cell.spans == content.spans
            assert list(console.render(cell)) == list(console.render(content))
            drawn: list[int] = []

            def counted(*args, drawn=drawn, **kwargs):
                drawn.append(1)
                return []

            monkeypatch.setattr(Content, "render_segments", counted)
            assert measure(console, cell, 1) == 1 and not drawn  # what the table made of it before
            assert measure(console, content, 1) == 1 and drawn
            monkeypatch.undo()
