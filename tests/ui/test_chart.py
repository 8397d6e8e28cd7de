"""A plotext chart's text made into Content without Rich's ANSI decoding: the same Content."""

from rich.text import Text
from textual.content import Content
from textual_plotext.plot import Plot

from closeness_journal.ui.widgets.chart import plotted


def decoded(ansi: str) -> Content:
    return Content.from_rich_text(Text.from_ansi(ansi))


def test_a_plotext_chart_gives_the_content_rich_decoding_gives():
    plot = Plot()
    plot.multiple_bar([0, 1, 2], [[3, 0, 5], [1, 2, 0], [0, 4, 4]], marker=["█", "▒", "●"],
                      color=["cyan", "magenta", "green"], labels=["pulled away", "pushed away", "stayed close"])
    plot.scatter([0, 2], [1, 7], marker="+", color="orange", label="steps", yside="right")
    plot.plotsize(60, 14)
    plot._set_size(60, 14)
    ansi = plot.build()
    ours, theirs = plotted(ansi), decoded(ansi)
    assert ours.plain == theirs.plain and list(ours.spans) == list(theirs.spans)
    assert "pulled away" in ours.plain and len(ours.spans) > 20


def test_styles_go_on_across_lines_and_resets_end_them():
    ansi = "\x1b[1;38;5;12mbold blue\nstill\x1b[0m plain \x1b[48;2;1;2;3mon rgb\x1b[m\n"
    ours, theirs = plotted(ansi), decoded(ansi)
    assert ours.plain == theirs.plain == "bold blue\nstill plain on rgb\n"
    assert list(ours.spans) == list(theirs.spans) and len(ours.spans) == 3


def test_other_controls_are_left_to_rich():
    assert plotted("a\x1b]8;;https://example.org\x1b\\link") is None
    assert plotted("over\rwritten") is None
    assert plotted("\x1b[2Jcleared") is None
