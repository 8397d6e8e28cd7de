"""The Pattern screen on demo data, on a thin journal, across ranges; its keys, calendar and
breakdowns with hand-built data."""

from datetime import date, timedelta

import pytest
from textual.geometry import Region
from textual.widgets import Header, Tabs

from closeness_journal import demo
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Entry
from closeness_journal.core.year_calendar import MARKS
from closeness_journal.ui.screens.patterns import PatternsScreen
from closeness_journal.ui.screens.patterns_ahead import BetweenFrames
from closeness_journal.ui.widgets.breakdown import Breakdowns

TODAY = date(2026, 11, 18)  # a Wednesday


def text_of(screen, selector) -> str:
    return str(screen.query_one(selector).render())


def lines_of(widget) -> list[str]:
    """What a widget shows, line by line, at its size on screen."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))]


async def test_pattern_screen_on_demo_data(make_app, journal):
    demo.fill(journal, end=TODAY)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PatternsScreen)
        # 8 weeks: this week and the seven before it, Monday to today.
        assert [p.label for p in screen.patterns.periods] == [f"2026-W{n}" for n in range(40, 48)]
        assert screen.patterns.since == date(2026, 9, 28)
        assert screen.query_one("#charts").display
        assert "times you pulled or pushed away" in text_of(screen, "#closeness-sentence")
        assert "planned step" in text_of(screen, "#step-sentence")
        assert "pushed away" in text_of(screen, "#away-chart") and "stayed close" in text_of(screen, "#away-chart")
        fear_chart = text_of(screen, "#fear-chart")
        assert "average fear" in fear_chart and "mean" not in fear_chart.lower()
        assert "28 Sep" in text_of(screen, "#away-chart") and "W4" not in text_of(screen, "#away-chart")
        assert screen.sub_title.startswith("28 Sep 2026")
        await pilot.press("4")  # everything: 16 weeks, still by week
        await pilot.pause()
        assert len(screen.patterns.periods) == 17
        await pilot.press("3")  # a year: twelve months, by month
        await pilot.pause()
        assert screen.patterns.by == "month" and len(screen.patterns.periods) == 12
        assert screen.patterns.periods[-1].label == "2026-11"


async def test_a_thin_journal_gets_an_explanation_not_empty_axes(make_app, journal):
    journal.add(Entry(TODAY, body="just one"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#charts").display
        assert "isn't much here yet" in text_of(screen, "#patterns-note")


async def test_new_entries_show_when_coming_back(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.patterns.entries == 0
        for n in range(3):
            journal.add(Entry(TODAY, body=f"e{n}", checkin=CheckIn(behaviours=("went-quiet",), stayed=("kept-plans",))))
        await pilot.press("f2", "f4")
        await pilot.pause()
        screen = app.screen
        assert screen.patterns.entries == 3 and screen.patterns.periods[-1].withdrawal == 3
        assert screen.calendar.mark_of(TODAY) == "both"


async def test_page_down_scrolls_the_page_while_the_range_tabs_have_focus(make_app, journal):
    demo.fill(journal, end=TODAY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        body = screen.query_one("#patterns-body")
        assert isinstance(app.focused, Tabs) and body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        first_page = body.scroll_y
        assert first_page > 10 and isinstance(app.focused, Tabs)
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > first_page
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("home", "down")
        await pilot.pause()
        assert body.scroll_y == 1
        await pilot.press("right")  # the tabs keep left and right
        await pilot.pause()
        assert screen.query_one(Tabs).active == "range-6-months" and len(screen.patterns.periods) == 26


@pytest.fixture
def marked(journal):
    """Four days, each holding something different, with the longest labels there are."""
    journal.add(Entry(TODAY, body="stayed", checkin=CheckIn(
        stayed=("let-affection-in", "stayed-in-the-conversation"),
        who="Someone with a long name, [b]the neighbour[/b] $accent",
        relationship="date", kinds=("physical", "experiential"), fears=("loss", "hurt-again"),
    )))
    journal.add(Entry(TODAY - timedelta(days=1), body="away", checkin=CheckIn(
        behaviours=("numbed-out-with-something", "physical-instead-of-emotional", "hid-needs"), fears=("burden",),
        relationship="other",
    )))
    journal.add(Entry(TODAY - timedelta(days=2), body="both", checkin=CheckIn(
        behaviours=("showed-a-polished-self",), acted="no", urge=6,
    )))
    journal.add(Entry(TODAY - timedelta(days=6), body="just writing"))
    return journal


async def test_the_calendar_marks_each_day_by_what_it_held(make_app, marked):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        lines = [line.rstrip() for line in lines_of(app.screen.query_one("#calendar"))]
        rows = {line.split()[0]: line for line in lines[1:8]}
        assert list(rows) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        column = 2 + 4 + 52  # the padding, "Mon ", and the 52 weeks before this one
        assert rows["Wed"][column] == MARKS["stayed"]  # today
        assert rows["Tue"][column] == MARKS["away"]
        assert rows["Mon"][column] == MARKS["both"]  # pulled away, and didn't act on the pull
        assert rows["Mon"][column - 1] == MARKS["nothing"]
        assert rows["Thu"][column - 1] == MARKS["written"]  # last Thursday
        assert len(rows["Wed"]) == column + 1 and len(rows["Thu"]) == column  # nothing after today
        assert {row[column - 20] for row in rows.values()} == {MARKS["nothing"]}
        text = "\n".join(lines)
        assert "stayed close" in text and "pulled or pushed away" in text and "nothing written" in text


def drawn_breakdowns(widget: Breakdowns) -> dict[str, list[str]]:
    """Each breakdown's lines as drawn: the widget's lines on screen, two breakdowns to a row (those
    with rows, in order), cut at the columns and the gaps between them."""
    lines = lines_of(widget)
    assert all(len(line) == widget.size.width for line in lines)
    first, second = Breakdowns.column_widths(widget.size.width)
    shown = [name for name, cell in widget.cells.items() if not cell.empty]
    found: dict[str, list[str]] = {}
    top = 0
    for row in range(0, len(shown), 2):
        left, right = shown[row], shown[row + 1] if row + 1 < len(shown) else None
        height = max(len(widget.cells[name].lines(width)) for name, width in ((left, first), (right, second)) if name)
        block = lines[top:top + height]
        found[left] = [line[:first] for line in block]
        if right:
            assert {line[first:first + 2] for line in block} == {"  "}
            found[right] = [line[first + 2:] for line in block]
        top += height + 1
        assert top > len(lines) or not lines[top - 1].strip()  # a blank line between two rows
    return found


def breakdown(lines: list[str]) -> list[tuple[str, str]]:
    """(label, count) as shown, the wrapped lines of a label put back together."""
    lines = [(line[:-6].strip(), line[-6:].strip()) for line in lines]
    header = next(n for n, (_, count) in enumerate(lines) if count == "times")  # headings sit at the bottom
    shown = [(" ".join(label for label, _ in lines[: header + 1]), "times")]
    for label, count in lines[header + 1:]:
        if count:
            shown.append((label, count))
        elif label:
            shown[-1] = (f"{shown[-1][0]} {label}", shown[-1][1])
    return shown


@pytest.mark.parametrize("width", [80, 160])
async def test_breakdown_labels_are_shown_in_full_at_any_width(make_app, marked, width):
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        patterns = screen.patterns
        expected = {
            "behaviour": ("What you did to pull or push away", patterns.behaviours),
            "staying": ("What you did to stay close", patterns.ways_of_staying),
            "fear": ("What you feared", patterns.fears),
            "kind": ("Kinds of closeness", patterns.kinds),
            "relationship": ("Who with", patterns.relationships),
            "person": ("People", patterns.people),
        }
        drawn = drawn_breakdowns(screen.query_one(Breakdowns))
        assert list(drawn) == list(expected)
        for name, (title, counts) in expected.items():
            assert counts, name
            assert breakdown(drawn[name]) == [
                (title, "times"), *((c.label, str(c.count)) for c in counts)
            ], (name, width)
        assert any(c.label == "Losing them to something neither of you chose (illness, death, distance)"
                   for c in patterns.fears)
        assert [c.key for c in patterns.kinds] == ["experiential", "physical"]
        assert patterns.people[0].label == "Someone with a long name, [b]the neighbour[/b] $accent"  # as typed


async def test_the_whole_journal_is_added_up_ahead_and_follows_what_is_written(make_app, journal):
    """All (4) is added up once the screen is drawn; kept figures are used only while nothing changed."""
    journal.add(Entry(date(2020, 3, 2), body="long ago", checkin=CheckIn(behaviours=("went-quiet",))))
    app = make_app(TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PatternsScreen)
        for _ in range(200):  # once the screen is drawn
            if screen._ahead is not None and screen._ahead.done:
                break
            await pilot.pause(0.01)
        assert screen._ahead.finish().since == date(2020, 3, 2) and screen.patterns.since != date(2020, 3, 2)
        journal.add(Entry(date(2019, 5, 6), body="even longer ago", checkin=CheckIn(behaviours=("went-quiet",))))
        await pilot.press("4")
        await pilot.pause()
        assert screen.patterns.since == date(2019, 5, 6)
        assert sum(period.withdrawal for period in screen.patterns.periods) == 2


async def test_more_months_than_the_chart_has_room_for_are_added_up_a_few_to_a_bar(make_app, journal):
    """Three bars a period need three columns: past that they overlapped, and the last drawn hid the others."""
    for month in range(60):
        day = date(2021 + month // 12, month % 12 + 1, 3)
        journal.add(Entry(day, body="a month", checkin=CheckIn(behaviours=("went-quiet",))))
    app = make_app(TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert "each bar" not in text_of(screen, "#away-title")
        await pilot.press("4")
        await pilot.pause()
        assert len(screen.patterns.periods) > 60
        assert "each bar is 6 months" in text_of(screen, "#away-title")  # 71 months: 24 quarters don't fit
        chart = text_of(screen, "#away-chart")
        assert "Jan 21" in chart and "Jan 25" in chart  # half years, each named by its first month, with its year


async def test_the_whole_journal_added_up_ahead_is_dropped_if_something_is_written_meanwhile(make_app, journal):
    journal.add(Entry(date(2020, 3, 2), body="long ago", checkin=CheckIn(behaviours=("went-quiet",))))
    in_steps = journal.pattern_source_in_steps

    def written_meanwhile(since, until):
        for n, step in enumerate(in_steps(since, until)):
            if n == 1:  # between two queries, as a save in another window would
                journal.add(Entry(date(2019, 5, 6), body="meanwhile", checkin=CheckIn(behaviours=("went-quiet",))))
            yield step

    journal.pattern_source_in_steps = written_meanwhile
    app = make_app(TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        ahead = screen._ahead
        for _ in range(200):  # until the adding up is over
            if ahead.done:
                break
            await pilot.pause(0.01)
        assert ahead.done and ahead.finish() is None and "all" not in screen._computed
        await pilot.press("4")
        await pilot.pause()
        assert screen.patterns.since == date(2019, 5, 6) and screen.patterns.entries == 2


async def test_the_charts_are_drawn_once_when_the_screen_opens_and_again_when_their_width_changes(
    make_app, journal, monkeypatch
):
    demo.fill(journal, end=TODAY)
    drawn = []
    draw = PatternsScreen._draw_charts
    monkeypatch.setattr(PatternsScreen, "_draw_charts", lambda screen, shown: (drawn.append(1), draw(screen, shown)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert len(drawn) == 1
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        screen = app.screen
        assert len(drawn) > 1 and screen._charts_drawn[1] == screen.query_one("#away-chart").size.width > 98


@pytest.mark.parametrize("screen_key, title", [("f4", "Patterns"), ("f5", "Weekly review")])
async def test_the_header_has_the_whole_title_from_the_start(make_app, journal, monkeypatch, screen_key, title):
    """The screen's title and its dates are there before its header is: set after, the title changed
    after the first frame, and the screen was laid out again for it."""
    demo.fill(journal, end=TODAY)
    seen = []
    mounted = Header._on_mount
    monkeypatch.setattr(Header, "_on_mount", lambda header, event: (
        seen.append((header.screen.title, header.screen.sub_title)), mounted(header, event)))
    app = make_app(TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        screen = app.screen
        assert screen.title == title and screen.sub_title
        assert seen[-1] == (title, screen.sub_title)


def test_the_whole_journal_added_up_ahead_runs_its_short_queries_a_few_milliseconds_at_a_time(journal):
    """Between two turns of the event loop: one query at least, more while the time allows (one
    turn after each of a hundred short queries made the adding up outlast the time between two keys)."""
    journal.add(Entry(date(2020, 3, 2), body="long ago", checkin=CheckIn(behaviours=("went-quiet",))))
    ran = []
    in_steps = journal.pattern_source_in_steps

    def counted(since, until):
        for step in in_steps(since, until):
            ran.append(step)
            yield step

    journal.pattern_source_in_steps = counted
    ahead = BetweenFrames(journal, date(2020, 3, 2), TODAY)
    assert ahead._queries(0) and len(ran) == 1  # no time left: one query all the same
    assert not ahead._queries(60) and ahead.done and len(ran) > 2  # the rest, in one go
    assert ahead.finish().since == date(2020, 3, 2)
