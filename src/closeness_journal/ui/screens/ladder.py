"""The Ladder: steps you want to be able to take, easiest at the bottom; how often you tried each
and how hard you expected it to be beside how hard it really was; the step to try next, and why;
and a chart of the fear's forecast beside what happened, across the whole ladder, over time.

The rules are in `core.ladder`; this screen draws them. Rungs are added and changed in a small
dialog (a, e) and retired (r), never deleted. Every rung's words are shown literally.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from closeness_journal.core.dates import short_date
from closeness_journal.core.ladder import (
    Attempt,
    LadderRung,
    Rung,
    Suggestion,
    attempt_words,
    comparison_words,
    forecast,
    forecast_sentence,
    hard_words,
    suggest,
    tried_words,
)
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.screens.mode import ModeScreen
from closeness_journal.ui.text import literal, literal_line
from closeness_journal.ui.widgets.keys_footer import KeysFooter

TICK_ROOM = 8
"""Columns each date under the chart needs, with a space after it."""
EMPTY = (
    "Your ladder has no steps yet. A rung is something you'd like to be able to do with someone "
    "you trust, like telling them one true thing about your day, with how hard it feels now. "
    "Press a to add the first one; small ones are the best place to start."
)


OPTION_FRAME = 2
"""Columns of the rungs' list that are not a rung's words: its scroll bar's."""
RUNG = "╟──╢ "
RAIL = "║  ║ "
"""What begins a rung's first line, and each line after it (the ladder's two rails)."""


def rung_option(step: LadderRung, suggested: bool, width: int | None = None) -> Content:
    """A rung drawn as a rung: its words, who with, how hard it feels now and how the tries went.
    Given the `width` it is shown in, a line too long for it goes on after the rails, not under them."""
    rung = step.rung
    first = [literal(rung.text, "bold")]
    if rung.who:
        first += [Content.styled(" · with ", "$text-muted"), literal(rung.who)]
    if suggested:
        first.append(Content.styled("  ← next to try", "$text-success"))
    rail = Content.styled(RAIL, "$text-muted")
    lines = [(Content(RUNG), Content.assemble(*first)),
             (rail, Content.styled(f"{hard_words(rung)} · {tried_words(step)}", "$text-muted"))]
    if comparison := comparison_words(step):
        lines.append((rail, Content.styled(comparison, "$text-muted")))
    room = None if width is None else width - len(RAIL)
    drawn: list[Content] = []
    for first_rail, line in lines:
        for index, part in enumerate(line.wrap(room) if room is not None and room > 10 else [line]):
            drawn.append(Content.assemble(first_rail if index == 0 else rail, part))
    return Content("\n").join(drawn)


def attempts_content(step: LadderRung) -> Content:
    """Each time the rung was tried: the day, and how hard it was expected to be and really was."""
    title = Content.assemble(Content.styled("Each time you tried ", "bold"), literal_line(step.rung.text, 60, "bold"),
                             Content.styled(":", "bold"))
    if not step.attempts:
        return Content.assemble(
            title, Content("\n"),
            Content.styled("  Not yet. When you try it, choose it under the small step in Today's check-in.",
                           "$text-muted"),
        )
    lines = [Content.assemble(Content(f"  {a.day:%a} {short_date(a.day)}  "), Content(attempt_words(a)))
             for a in reversed(step.attempts)]
    return Content("\n").join([title, *lines])


def suggestion_content(suggestion: Suggestion) -> Content:
    if suggestion.step is None:
        return Content.styled(suggestion.reason, "italic")
    return Content.assemble(
        Content.styled("Next to try: ", "bold $text-success"), literal(suggestion.step.rung.text, "bold"),
        Content("\n"), Content.styled(suggestion.reason, "italic"),
    )


class RungList(OptionList):
    """The rungs: when the list is sized anew, their lines are laid out for its width."""

    def on_resize(self) -> None:
        if isinstance(self.screen, LadderScreen):
            self.screen.rewrap()


class LadderScreen(ModeScreen):
    """The ladder of small steps (F8)."""

    DEFAULT_CSS = """
    #ladder-body {
        padding: 0 1;
    }
    #ladder-next {
        padding: 1 1 0 1;
    }
    #ladder-rungs {
        height: auto;
        max-height: 24;
        border: none;
        padding: 0 1;
    }
    #ladder-attempts, #forecast-sentence {
        padding: 0 1;
    }
    #ladder-empty {
        padding: 1 1;
    }
    .ladder-title {
        margin-top: 1;
        padding: 0 1;
    }
    #forecast-chart {
        height: 12;
    }
    """
    BINDINGS = [
        Binding("a", "add", "Add a step", id="ladder-add"),
        Binding("e", "edit", "Edit", id="ladder-edit"),
        Binding("r", "retire", "Retire", id="ladder-retire"),
        # Up and down choose a rung; the page keys scroll to the tries and the chart below.
        Binding("pagedown", "scroll_body('page_down')", "Page down", show=False, priority=True),
        Binding("pageup", "scroll_body('page_up')", "Page up", show=False, priority=True),
    ]

    def __init__(self, journal: Journal, today: date) -> None:
        super().__init__()
        self._journal = journal
        self._today = today
        self.ladder: tuple[LadderRung, ...] = ()
        self.suggestion: Suggestion | None = None
        self._rungs_width: int | None = None
        """The width the rungs were last laid out for (`rung_option`)."""
        self._seen: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="ladder-body"):
            yield Static(id="ladder-empty")
            yield Static(id="ladder-next")
            yield Static(Content.assemble(
                Content.styled("Your ladder", "bold"),
                Content.styled("   a add · e edit · r retire", "$text-muted"),
            ), classes="ladder-title", id="ladder-title")
            yield RungList(id="ladder-rungs")
            yield Static(id="ladder-attempts")
            yield Static(Content.styled("What you expected, and how it really was", "bold"),
                         classes="ladder-title", id="forecast-title")
            yield Static(id="forecast-sentence")
            yield PlotextPlot(id="forecast-chart")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Your ladder"
        self.sub_title = "small steps, easiest at the bottom"

    def on_screen_resume(self) -> None:
        if self._journal.change_token() != self._seen:
            self.refresh_ladder()

    def on_resize(self) -> None:
        if self.ladder:
            self._draw_chart()

    def _options_width(self) -> int | None:
        """The columns a rung's lines have (None before the list is laid out): the list's, less
        room for its scroll bar whether or not the bar shows (a width that followed the bar would
        lay the rungs out again each time it came or went)."""
        width = self.query_one("#ladder-rungs", OptionList).content_region.width - OPTION_FRAME
        return width if width > 0 else None

    def rewrap(self) -> None:
        """Lay the rungs' lines out again when the list has another width (`RungList`)."""
        if self.ladder and self.suggestion is not None and self._options_width() != self._rungs_width:
            step = self.highlighted()
            self._fill_rungs(step.rung.id if step else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and retire only when there is a rung to do it to."""
        if action in ("edit", "retire"):
            return self.highlighted() is not None
        return True

    def action_scroll_body(self, how: str) -> None:
        body = self.query_one("#ladder-body", VerticalScroll)
        (body.scroll_page_down if how == "page_down" else body.scroll_page_up)()

    # ------------------------------------------------------------------ drawing

    def refresh_ladder(self, keep: str | None = None) -> None:
        """Read the ladder again and draw it, keeping the highlighted rung (or `keep`) highlighted."""
        keep = keep or (step.rung.id if (step := self.highlighted()) else None)
        try:
            self._seen = self._journal.change_token()
            self.ladder = self._journal.ladder()
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.suggestion = suggest(self.ladder)
        empty = not self.ladder
        self.query_one("#ladder-empty", Static).update(EMPTY)
        self.query_one("#ladder-empty").display = empty
        for selector in ("#ladder-next", "#ladder-title", "#ladder-rungs", "#ladder-attempts", "#forecast-title",
                         "#forecast-sentence", "#forecast-chart"):
            self.query_one(selector).display = not empty
        self.refresh_bindings()
        if empty:
            return
        self.query_one("#ladder-next", Static).update(suggestion_content(self.suggestion))
        self._fill_rungs(keep)
        self._show_attempts()
        self.query_one("#forecast-sentence", Static).update(Content(forecast_sentence(self.ladder)))
        self._draw_chart()

    def _fill_rungs(self, keep: str | None) -> None:
        """The rungs, hardest first, laid out for the list's width, `keep` (else the one suggested) highlighted."""
        assert self.suggestion is not None
        suggested = self.suggestion.step.rung.id if self.suggestion.step else None
        rungs = self.query_one("#ladder-rungs", OptionList)
        rungs.clear_options()
        hardest_first = list(reversed(self.ladder))
        self._rungs_width = self._options_width()
        rungs.add_options([Option(rung_option(step, step.rung.id == suggested, self._rungs_width), id=step.rung.id)
                           for step in hardest_first])
        ids = [step.rung.id for step in hardest_first]
        wanted = keep if keep in ids else suggested if suggested in ids else ids[-1]
        rungs.highlighted = ids.index(wanted)

    def highlighted(self) -> LadderRung | None:
        rungs = self.query_one("#ladder-rungs", OptionList)
        if rungs.highlighted is None or not self.ladder:
            return None
        option = rungs.get_option_at_index(rungs.highlighted)
        return next((step for step in self.ladder if step.rung.id == option.id), None)

    @on(OptionList.OptionHighlighted, "#ladder-rungs")
    def _show_attempts(self) -> None:
        step = self.highlighted()
        self.query_one("#ladder-attempts", Static).update(attempts_content(step) if step else "")
        self.refresh_bindings()

    def _draw_chart(self) -> None:
        """Each try's expected and real difficulty (0-10) by day, across every rung."""
        plot = self.query_one("#forecast-chart", PlotextPlot)
        points = forecast(self.ladder)
        plot.display = bool(points)
        if not points:
            return
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        first = points[0].day
        x = [(a.day - first).days for a in points]
        # A thin line through each series shows the trend; the marks are the tries themselves.
        for field, marker, colour, words in (("predicted", "x", "red", "expected (0-10)"),
                                             ("outcome", "o", "green", "how it really was (0-10)")):
            values = [getattr(a, field) for a in points]
            if len(points) > 1:
                plt.plot(x, values, marker="braille", color=colour)
            plt.scatter(x, values, marker=marker, color=colour, label=words)
        plt.ylim(0, 13)  # headroom, so the key never sits on the points
        plt.yticks([0, 2, 4, 6, 8, 10])
        plt.xticks(*_date_ticks(points, plot.size.width or self.app.size.width - 4))
        span = max(x) or 1
        plt.xlim(-span * 0.03 - 0.5, span * 1.03 + 0.5)
        plot.refresh()

    # ------------------------------------------------------------------ changing the ladder

    # The rung dialog and the question before retiring are imported when first opened (not with F8).

    def action_add(self) -> None:
        from closeness_journal.ui.screens.rung_dialog import RungDialog

        self.app.push_screen(RungDialog(), self._save_new)

    def _save_new(self, rung: Rung | None) -> None:
        if rung is None:
            return
        try:
            saved = self._journal.add_rung(rung)
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.refresh_ladder(keep=saved.id)
        self.notify("It's on your ladder. You can try it whenever it feels possible.", title="Step added")

    def action_edit(self) -> None:
        step = self.highlighted()
        if step is not None:
            from closeness_journal.ui.screens.rung_dialog import RungDialog

            self.app.push_screen(RungDialog(step.rung), self._save_changed)

    def _save_changed(self, rung: Rung | None) -> None:
        if rung is None:
            return
        try:
            self._journal.update_rung(rung)
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.refresh_ladder(keep=rung.id)

    def action_retire(self) -> None:
        step = self.highlighted()
        if step is None:
            return
        question = Content.assemble(
            Content("Take "), literal_line(step.rung.text, 60, "bold"), Content(" off your ladder?\n\n"),
            Content("Nothing is deleted: the step and each time you tried it are kept, in your entries and "
                    "in `closeness-journal ladder list --retired`."),
        )

        def decided(retire: bool | None) -> None:
            if not retire:
                return
            try:
                self._journal.retire_rung(step.rung.id or "")
            except JournalError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.refresh_ladder()
            self.notify("Retired. It and its tries are kept.", title="Off the ladder")

        from closeness_journal.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, yes="Retire", no="Keep it"), decided)


def _date_ticks(points: list[Attempt], width: int) -> tuple[list[int], list[str]]:
    """Dates under the chart, as many as fit without running together."""
    first, last = points[0].day, points[-1].day
    span = (last - first).days
    room = max(1, (width - 8) // TICK_ROOM)
    step = max(1, -(-span // room)) if span else 1
    days = range(0, span + 1, step)
    return list(days), [_tick(first + timedelta(days=n)) for n in days]


def _tick(day: date) -> str:
    return f"{day.day} {day:%b}"
