"""Patterns: pulling away, pushing away and staying close over time, a calendar of the last year,
the pull to get away, what came before, and how small steps went.

The figures come from `core.patterns` and `core.year_calendar` (summed in SQL by the store); this
screen only draws them, with textual-plotext for the charts (`widgets/chart.py`; `core.pattern_bars`
groups long ranges into bars that fit). Every series and every calendar mark differs by its shape
as well as its colour, so all of it reads without colour (NO_COLOR).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static, Tab, Tabs

from closeness_journal.core.dates import short_date
from closeness_journal.core.pattern_bars import Bars, bars
from closeness_journal.core.patterns import (
    RANGES,
    Patterns,
    closeness_sentence,
    compute,
    range_start,
    step_sentence,
    urge_sentence,
)
from closeness_journal.core.text import one_line
from closeness_journal.core.year_calendar import MARKS, MEANINGS, WEEKDAYS, YearCalendar, calendar_span, year_calendar
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.mode import ModeScreen
from closeness_journal.ui.screens.patterns_ahead import BetweenFrames
from closeness_journal.ui.widgets.breakdown import Breakdowns
from closeness_journal.ui.widgets.chart import Chart
from closeness_journal.ui.widgets.keys_footer import KeysFooter

SERIES = (
    ("withdrawal", "█", "cyan", "pulled away"),
    ("sabotage", "▒", "magenta", "pushed away"),
    ("stayed", "●", "green", "stayed close"),
)
"""The three series of the first chart: field of `Period`, marker, colour, words."""

CALENDAR_STYLES = {
    "stayed": "$text-success",
    "away": "$text-accent",
    "both": "$text-primary",
    "written": "$text-muted",
    "nothing": "$text-disabled",
}
THIN_JOURNAL = 3
"""Fewer check-ins than this in a range get an explanation instead of empty axes."""
TICK_ROOM = 8
"""Columns each label under a chart needs, with a space after it."""
BREAKDOWN_ROWS = 8
BREAKDOWNS = (
    ("behaviour", "What you did to pull or push away", "behaviours"),
    ("staying", "What you did to stay close", "ways_of_staying"),
    ("fear", "What you feared", "fears"),
    ("kind", "Kinds of closeness", "kinds"),
    ("relationship", "Who with", "relationships"),
    ("person", "People", "people"),
)
"""The breakdowns, in the order they are shown (two to a row): name, title, and the `Patterns` counts."""
AWAY_TITLE = "Pulling away, pushing away and staying close"
BAR_ROOM = 3
"""Columns a period's three bars need at least; with more periods than fit, each bar adds up a
longer span (`core.pattern_bars`; otherwise they overlap, and the last series drawn hides the others)."""


class PatternsScreen(ModeScreen):
    """Charts, a calendar and counts for a chosen range."""

    BINDINGS = [
        Binding("1", "range('8 weeks')", "8 weeks", show=False, id="range-8-weeks"),
        Binding("2", "range('6 months')", "6 months", show=False, id="range-6-months"),
        Binding("3", "range('1 year')", "1 year", show=False, id="range-1-year"),
        Binding("4", "range('all')", "All", show=False, id="range-all"),
        # The range tabs keep left and right; every other way of moving scrolls the page.
        Binding("pagedown", "scroll_body('page_down')", "Page down", show=False),
        Binding("pageup", "scroll_body('page_up')", "Page up", show=False),
        Binding("down", "scroll_body('down')", "Scroll down", show=False),
        Binding("up", "scroll_body('up')", "Scroll up", show=False),
        Binding("home", "scroll_body('home')", "Top", show=False),
        Binding("end", "scroll_body('end')", "Bottom", show=False),
    ]

    def __init__(self, journal: Journal, today: date) -> None:
        super().__init__()
        self._journal = journal
        self._today = today
        self._range = "8 weeks"
        self.patterns: Patterns | None = None
        self.calendar: YearCalendar | None = None
        self._seen: tuple[int, int] | None = None
        self._computed: dict[str, tuple[tuple[int, int], Patterns]] = {}
        """Each range's figures as last computed, with the journal's change token then."""
        self._charts_drawn: tuple[Patterns, int] | None = None
        """The figures the charts show, and the width they were drawn for."""
        self._calendar_drawn: YearCalendar | None = None
        self._ahead: BetweenFrames | None = None
        """The whole journal's figures being added up ahead, or added up and not yet used (`_compute_ahead`)."""
        self._shown: Patterns | None = None
        """The figures the screen shows."""

    def compose(self) -> ComposeResult:
        # The figures are read before the header is made, so that its first title has the range's
        # dates: set once it was shown, the title changed after the first frame, and Textual laid
        # the screen out twice more (the title's new width, then its size) before it was still.
        self.title = "Patterns"
        self._read()
        yield Header()
        yield Tabs(
            *[Tab(f"{name.capitalize()} ({key})", id=_tab_id(name)) for key, name in enumerate(RANGES, start=1)],
            id="ranges",
        )
        with VerticalScroll(id="patterns-body"):
            yield Static(id="patterns-note")
            with Vertical(id="charts"):
                yield _title(AWAY_TITLE, "away-title")
                yield Chart(id="away-chart")
                yield Static(id="calendar-title", classes="chart-title")
                yield Static(id="calendar")
                yield _title("Fear, the pull to get away, and small steps")
                yield Chart(id="fear-chart")
                yield Static(id="urge-sentence", classes="sentence")
                yield _title("Closeness, pulling away and staying close")
                yield Static(id="closeness-sentence", classes="sentence")
                yield Breakdowns([name for name, _, _ in BREAKDOWNS], id="breakdowns")
                yield _title("Small steps: expected and real")
                yield Static(id="step-sentence", classes="sentence")
                yield Chart(id="steps-chart")
        yield KeysFooter(compact=True)

    def on_screen_resume(self) -> None:
        if self._journal.change_token() != self._seen:
            self.calendar = None
            self.refresh_patterns()
        elif self._shown is not self.patterns:  # read as the screen was made (`compose`)
            self._show()

    def on_resize(self) -> None:
        """The charts' bars and labels fit their width: drawn again if it changed."""
        shown = self.patterns is not None and self.query_one("#charts").display
        if shown and self._charts_drawn != (self.patterns, self._chart_width()):
            self._draw_charts(self.patterns)

    @on(Tabs.TabActivated)
    def tab_chosen(self, event: Tabs.TabActivated) -> None:
        name = next(n for n in RANGES if _tab_id(n) == event.tab.id)
        if name != self._range:
            self._range = name
            self.refresh_patterns()

    def action_range(self, name: str) -> None:
        self.query_one(Tabs).active = _tab_id(name)

    def action_scroll_body(self, how: str) -> None:
        """Scroll the page whatever has focus (the tabs never keep these keys)."""
        body = self.query_one("#patterns-body", VerticalScroll)
        {
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "down": body.scroll_down,
            "up": body.scroll_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[how]()

    # ------------------------------------------------------------------ drawing

    def _figures(self, name: str) -> Patterns:
        """A range's figures: computed again only when the journal changed since they last were."""
        token = self._journal.change_token()
        if name == RANGES[-1] and self._ahead is not None:  # being added up ahead: the rest of it now
            ahead, self._ahead = self._ahead, None
            figures = ahead.finish()
            if figures is not None and ahead.token == token:
                self._computed[name] = (token, figures)
        kept = self._kept(name, token)
        if kept is not None:
            return kept
        until = self._today
        since = range_start(name, until, self._journal.first_entry_date())
        patterns = compute(self._journal.pattern_source(since, until), since, until)
        self._computed[name] = (token, patterns)
        return patterns

    def _kept(self, name: str, token: tuple[int, int]) -> Patterns | None:
        """A range's figures if they were computed while the journal was as `token` says."""
        kept = self._computed.get(name)
        return kept[1] if kept is not None and kept[0] == token else None

    def _compute_ahead(self) -> None:
        """Once the screen is drawn, add up the whole journal, the range that costs most, so that
        choosing "all" only has the drawing left; without holding the window up (`patterns_ahead`).
        (After a switch of screens Textual holds the frame back for 50 ms, and a callback after a
        refresh runs at once meanwhile: this then ran before the first frame.)"""
        if self._ahead is not None or self._kept(RANGES[-1], self._journal.change_token()):
            return
        try:
            since = range_start(RANGES[-1], self._today, self._journal.first_entry_date())
        except JournalError:
            return  # said when that range is chosen
        self._ahead = ahead = BetweenFrames(self._journal, since, self._today)
        self.run_worker(ahead.run(), name="patterns-all")

    def refresh_patterns(self) -> None:
        if self._read():
            self._show()

    def _read(self) -> bool:
        """The range's figures (and the calendar's, if they are not read yet), and their dates in
        the title; False if the journal could not be read (and that is said)."""
        until = self._today
        try:
            self._seen = self._journal.change_token()
            self.patterns = self._figures(self._range)
            if self.calendar is None:
                self.calendar = year_calendar(self._journal.day_totals(*calendar_span(until)), until)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        self.sub_title = f"{short_date(self.patterns.since)} – {short_date(until)}, by {self.patterns.by}"
        return True

    def _show(self) -> None:
        """Draw the figures read last."""
        self._shown = patterns = self.patterns
        assert patterns is not None
        if self._range != RANGES[-1]:  # once the frame is on the terminal (Textual may hold it back)
            once_drawn = getattr(self.app, "once_drawn", self.call_after_refresh)
            once_drawn(self._compute_ahead)
        thin = patterns.entries < THIN_JOURNAL
        self.query_one("#charts").display = not thin
        note = self.query_one("#patterns-note", Static)
        note.display = thin
        if thin:
            note.update(
                "There isn't much here yet, and that's fine. As you save check-ins on Today (F2), "
                "this page will show week by week when you pull away, push away and stay close, "
                "what you feared, whether closeness tends to come just before, and how the small "
                "steps you plan compare with what you expected. A few entries are enough to start."
            )
            return
        self._draw_charts(patterns)
        if self._calendar_drawn is not self.calendar:  # the same whatever the range
            self._draw_calendar(self.calendar)
            self._calendar_drawn = self.calendar
        self.query_one("#urge-sentence", Static).update(Content(urge_sentence(patterns.totals)))
        self.query_one("#closeness-sentence", Static).update(Content(closeness_sentence(patterns.closeness)))
        breakdowns = self.query_one(Breakdowns)
        for name, title, field in BREAKDOWNS:  # the most frequent labels with their counts; a long label wraps
            counts = getattr(patterns, field)[:BREAKDOWN_ROWS]
            breakdowns.show(name, title, [(one_line(count.label), count.count) for count in counts])
        self.query_one("#step-sentence", Static).update(Content(step_sentence(patterns.steps)))

    def _draw_charts(self, patterns: Patterns) -> None:
        width = self._chart_width()
        self._charts_drawn = (patterns, width)
        chart = bars(patterns, max(1, (width - 8) // BAR_ROOM))
        ticks = self._ticks(chart.ticks)
        self._draw_away(chart, ticks)
        self._draw_fear(chart, ticks)
        self._draw_steps(chart, ticks)

    def _chart_width(self) -> int:
        return self.query_one("#away-chart").size.width or self.app.size.width - 2  # #patterns-body's padding

    def _ticks(self, labels: Sequence[str]) -> tuple[list[int], list[str]]:
        """Labels under the bars, as many as fit the chart's width without running together."""
        count = len(labels)
        per_bar = max(1, int((self._chart_width() - 8) / max(1, count)))
        room = max([TICK_ROOM - 1, *map(len, labels)]) + 1
        positions = list(range(0, count, max(1, -(-room // per_bar))))
        return positions, [labels[i] for i in positions]

    def _draw_away(self, chart: Bars, ticks: tuple[list[int], list[str]]) -> None:
        plot = self.query_one("#away-chart", Chart)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        title = Content.styled(AWAY_TITLE, "bold")
        if chart.each:
            title = Content.assemble(title, Content.styled(f"   each bar is {chart.each}", "$text-muted"))
        self.query_one("#away-title", Static).update(title)
        x = list(range(len(chart.periods)))
        values = [[getattr(p, field) for p in chart.periods] for field, *_ in SERIES]
        plt.multiple_bar(
            x, values, marker=[marker for _, marker, _, _ in SERIES], color=[colour for _, _, colour, _ in SERIES],
            labels=[words for *_, words in SERIES], width=0.8,
        )
        plt.xticks(*ticks)
        top = max(max(series) for series in values)
        plt.ylim(0, top * 1.45 + 1)  # headroom, so the key never sits on the tallest bars
        plt.yticks(_whole_ticks(top))
        plt.xlim(-0.6, len(x) - 0.4)
        plot.refresh()

    def _draw_fear(self, chart: Bars, ticks: tuple[list[int], list[str]]) -> None:
        plot = self.query_one("#fear-chart", Chart)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        periods = chart.periods
        x = list(range(len(periods)))
        for field, marker, colour, words in (
            ("mean_intensity", "◆", "orange", "average fear (0-10, left)"),
            ("mean_urge", "■", "blue", "average pull to get away (0-10, left)"),
        ):
            points = [(i, getattr(p, field)) for i, p in zip(x, periods, strict=True)]
            points = [(i, v) for i, v in points if v is not None]
            if points:
                plt.scatter([i for i, _ in points], [v for _, v in points], marker=marker, color=colour, label=words)
        # Steps only where something was written: an empty month is no news, not "0 steps".
        steps = [(i, p.small_steps) for i, p in zip(x, periods, strict=True) if p.entries]
        plt.scatter([i for i, _ in steps], [n for _, n in steps], marker="+", color="green",
                    label="small steps taken (right)", yside="right")
        plt.ylim(0, 15, yside="left")
        plt.yticks(_whole_ticks(10), yside="left")
        most = max([n for _, n in steps] or [1])
        plt.ylim(0, most * 1.5 + 1, yside="right")
        plt.yticks(_whole_ticks(most), yside="right")
        plt.xticks(*ticks)
        plt.xlim(-0.6, len(x) - 0.4)
        plot.refresh()

    def _draw_steps(self, chart: Bars, ticks: tuple[list[int], list[str]]) -> None:
        plot = self.query_one("#steps-chart", Chart)
        planned = [(i, p) for i, p in enumerate(chart.periods) if p.planned_steps]
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
        plt.xticks(*ticks)
        plt.xlim(-0.6, len(chart.periods) - 0.4)
        plot.refresh()

    def _draw_calendar(self, calendar: YearCalendar) -> None:
        """Weeks as columns, Monday at the top, a row of month names above and the key below."""
        self.query_one("#calendar-title", Static).update(
            Content.assemble(
                Content.styled("The last year, a day to a cell", "bold"),
                Content.styled(f"   {short_date(calendar.first)} – {short_date(calendar.until)}", "$text-muted"),
            )
        )
        months = [" "] * (len(calendar.columns) + 4)
        for column, name in calendar.months:
            months[column:column + len(name)] = name
        lines = [Content.styled("    " + "".join(months).rstrip(), "$text-muted")]
        for weekday, row in zip(WEEKDAYS, calendar.rows(), strict=True):
            cells = [  # a run of days marked alike is one piece: a few dozen pieces to style, not 371
                (MARKS[mark] * len(list(run)), CALENDAR_STYLES[mark]) if mark else " " * len(list(run))
                for mark, run in groupby(row)
            ]
            lines.append(Content.assemble(Content.styled(f"{weekday} ", "$text-muted"), *cells).rstrip())
        key = [Content.styled(f"{MARKS[mark]} {words}", CALENDAR_STYLES[mark]) for mark, words in MEANINGS.items()]
        lines += [Content("   ").join(key[:3]), Content("   ").join(key[3:])]  # two lines: fits 80 columns
        self.query_one("#calendar", Static).update(Content("\n").join(lines))


def _title(words: str, id: str | None = None) -> Static:
    return Static(Content.styled(words, "bold"), classes="chart-title", id=id)


def _whole_ticks(highest: int | float) -> list[int]:
    """Whole-number y ticks from 0, at most about six of them."""
    top = max(1, int(highest))
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


def _tab_id(name: str) -> str:
    return "range-" + name.replace(" ", "-")
