"""Patterns: pulling away and pushing away over time, what came before, and how small steps went.

The figures come from `core.patterns` (summed in SQL by the store); this screen only draws them,
with textual-plotext for the charts. The two series differ by marker as well as colour.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, Tab, Tabs
from textual_plotext import PlotextPlot

from closeness_journal.core.dates import short_date
from closeness_journal.core.patterns import (
    RANGES,
    Count,
    Patterns,
    closeness_sentence,
    compute,
    range_start,
    step_sentence,
)
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.text import literal_line

WITHDRAWAL_MARKER = "█"
SABOTAGE_MARKER = "▒"
THIN_JOURNAL = 3
"""Fewer check-ins than this in a range get an explanation instead of empty axes."""


def short_label(label: str, by: str) -> str:
    """`W47` for `2026-W47`, `Nov` for `2026-11` (with the year on January)."""
    if by == "week":
        return label.split("-")[1]
    year, month = label.split("-")
    name = date(int(year), int(month), 1).strftime("%b")
    return f"{name} {year[2:]}" if month == "01" else name


class PatternsScreen(Screen[None]):
    """Charts and counts for a chosen range."""

    BINDINGS = [
        Binding("1", "range('8 weeks')", "8 weeks", show=False, id="range-8-weeks"),
        Binding("2", "range('6 months')", "6 months", show=False, id="range-6-months"),
        Binding("3", "range('1 year')", "1 year", show=False, id="range-1-year"),
        Binding("4", "range('all')", "All", show=False, id="range-all"),
    ]

    def __init__(self, journal: Journal, today: date) -> None:
        super().__init__()
        self._journal = journal
        self._today = today
        self._range = "8 weeks"
        self.patterns: Patterns | None = None
        self._seen: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(
            *[Tab(f"{name.capitalize()} ({key})", id=_tab_id(name)) for key, name in enumerate(RANGES, start=1)],
            id="ranges",
        )
        with VerticalScroll(id="patterns-body"):
            yield Static(id="patterns-note")
            with Vertical(id="charts"):
                yield Static(
                    Content.assemble(
                        Content.styled("Pulling away and pushing away", "bold"),
                        Content.styled(
                            f"   {WITHDRAWAL_MARKER} pulled away   {SABOTAGE_MARKER} pushed away", "$text-muted"
                        ),
                    ),
                    classes="chart-title",
                )
                yield PlotextPlot(id="away-chart")
                yield Static(Content.styled("Fear and small steps", "bold"), classes="chart-title")
                yield PlotextPlot(id="fear-chart")
                yield Static(Content.styled("Closeness and pulling away", "bold"), classes="chart-title")
                yield Static(id="closeness-sentence", classes="sentence")
                with Grid(id="breakdowns"):
                    yield DataTable(id="by-behaviour", cursor_type="none", zebra_stripes=True)
                    yield DataTable(id="by-fear", cursor_type="none", zebra_stripes=True)
                    yield DataTable(id="by-relationship", cursor_type="none", zebra_stripes=True)
                    yield DataTable(id="by-person", cursor_type="none", zebra_stripes=True)
                yield Static(Content.styled("Small steps: expected and real", "bold"), classes="chart-title")
                yield Static(id="step-sentence", classes="sentence")
                yield PlotextPlot(id="steps-chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Patterns"

    def on_screen_resume(self) -> None:
        if self._journal.change_token() != self._seen:
            self.refresh_patterns()

    @on(Tabs.TabActivated)
    def tab_chosen(self, event: Tabs.TabActivated) -> None:
        name = next(n for n in RANGES if _tab_id(n) == event.tab.id)
        if name != self._range:
            self._range = name
            self.refresh_patterns()

    def action_range(self, name: str) -> None:
        self.query_one(Tabs).active = _tab_id(name)

    # ------------------------------------------------------------------ drawing

    def refresh_patterns(self) -> None:
        until = self._today
        try:
            self._seen = self._journal.change_token()
            since = range_start(self._range, until, self._journal.first_entry_date())
            self.patterns = compute(self._journal.pattern_source(since, until), since, until)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        patterns = self.patterns
        self.sub_title = f"{short_date(since)} – {short_date(until)}, by {patterns.by}"
        thin = patterns.entries < THIN_JOURNAL
        self.query_one("#charts").display = not thin
        note = self.query_one("#patterns-note", Static)
        note.display = thin
        if thin:
            note.update(
                "There isn't much here yet, and that's fine. As you save check-ins on Today (F2), "
                "this page will show when you pull away and push away week by week, what you "
                "feared, whether closeness tends to come just before, and how the small steps you "
                "plan compare with what you expected. A few entries are enough to start."
            )
            return
        self._draw_away(patterns)
        self._draw_fear(patterns)
        self.query_one("#closeness-sentence", Static).update(Content(closeness_sentence(patterns.closeness)))
        self._fill_table("#by-behaviour", "What you did", patterns.behaviours)
        self._fill_table("#by-fear", "What you feared", patterns.fears)
        self._fill_table("#by-relationship", "Who with", patterns.relationships)
        self._fill_table("#by-person", "People", patterns.people)
        self.query_one("#step-sentence", Static).update(Content(step_sentence(patterns.steps)))
        self._draw_steps(patterns)

    def _ticks(self, patterns: Patterns) -> tuple[list[int], list[str]]:
        positions = list(range(len(patterns.periods)))
        labels = [short_label(p.label, patterns.by) for p in patterns.periods]
        step = max(1, len(positions) // 12)
        return positions[::step], labels[::step]

    def _draw_away(self, patterns: Patterns) -> None:
        plot = self.query_one("#away-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        x = list(range(len(patterns.periods)))
        withdrawal = [p.withdrawal for p in patterns.periods]
        sabotage = [p.sabotage for p in patterns.periods]
        plt.multiple_bar(
            x, [withdrawal, sabotage], marker=[WITHDRAWAL_MARKER, SABOTAGE_MARKER],
            color=["cyan", "magenta"], labels=["pulled away", "pushed away"], width=0.8,
        )
        plt.xticks(*self._ticks(patterns))
        top = max(withdrawal + sabotage)
        plt.ylim(0, top * 1.35 + 1)  # headroom, so the key never sits on the tallest bars
        plt.yticks(_whole_ticks(top))
        plt.xlim(-0.6, len(x) - 0.4)
        plot.refresh()

    def _draw_fear(self, patterns: Patterns) -> None:
        plot = self.query_one("#fear-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        x = list(range(len(patterns.periods)))
        fear = [(i, p.mean_intensity) for i, p in zip(x, patterns.periods) if p.mean_intensity is not None]
        if fear:
            plt.scatter([i for i, _ in fear], [v for _, v in fear], marker="●", color="orange", label="mean fear (0-10, left)")
        # Steps only where something was written: an empty month is no news, not "0 steps".
        steps = [(i, p.small_steps) for i, p in zip(x, patterns.periods) if p.entries]
        plt.scatter([i for i, _ in steps], [n for _, n in steps], marker="+", color="green",
                    label="small steps taken (right)", yside="right")
        plt.ylim(0, 13, yside="left")
        plt.yticks(_whole_ticks(10), yside="left")
        most = max([n for _, n in steps] or [1])
        plt.ylim(0, most * 1.3 + 1, yside="right")
        plt.yticks(_whole_ticks(most), yside="right")
        plt.xticks(*self._ticks(patterns))
        plt.xlim(-0.6, len(x) - 0.4)
        plot.refresh()

    def _draw_steps(self, patterns: Patterns) -> None:
        plot = self.query_one("#steps-chart", PlotextPlot)
        planned = [(i, p) for i, p in enumerate(patterns.periods) if p.planned_steps]
        plot.display = bool(planned)
        if not planned:
            return
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        x = [i for i, _ in planned]
        plt.scatter(x, [p.mean_predicted for _, p in planned], marker="x", color="red", label="expected to feel")
        plt.scatter(x, [p.mean_outcome for _, p in planned], marker="o", color="green", label="how it really was")
        plt.ylim(0, 13)
        plt.yticks(_whole_ticks(10))
        plt.xticks(*self._ticks(patterns))
        plt.xlim(-0.6, len(patterns.periods) - 0.4)
        plot.refresh()

    def _fill_table(self, selector: str, title: str, counts: tuple[Count, ...]) -> None:
        table = self.query_one(selector, DataTable)
        table.clear(columns=True)
        table.add_column(title, key="label")
        table.add_column("times", key="count")
        for count in counts[:8]:
            table.add_row(literal_line(count.label, 34), Content(str(count.count)))


def _whole_ticks(highest: int | float) -> list[int]:
    """Whole-number y ticks from 0, at most about six of them."""
    top = max(1, int(highest))
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


def _tab_id(name: str) -> str:
    return "range-" + name.replace(" ", "-")
