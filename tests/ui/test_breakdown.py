"""The breakdowns' lines: laid out as the Rich tables they replace were (a wrapping label, its count
at the right on the label's first line, "times" on the title's last line)."""

from textual.content import Content

from closeness_journal.ui.widgets.breakdown import Breakdown


def lines(widget: Breakdown, width: int) -> list[str]:
    return [line.plain for line in widget.lines(width)]


def test_labels_wrap_and_counts_sit_on_their_first_line():
    widget = Breakdown()
    widget.show("What you did to pull or push away", [
        ("Losing them to something neither of you chose (illness, death, distance)", 12),
        ("Supercalifragilisticexpialidociousnessness-abc", 12345678),
    ])
    assert lines(widget, 30) == [
        "What you did to pull or       ",
        "push away                times",
        "Losing them to              12",
        "something neither of          ",
        "you chose (illness,           ",
        "death, distance)              ",
        "Supercalifragilisticexp  1234…",  # a word longer than the column is folded, a long count ends in …
        "ialidociousnessness-abc       ",
    ]
    assert widget.get_content_height(None, None, 30) == 8
    assert lines(widget, 60)[:3] == [
        "What you did to pull or push away".ljust(53) + "  times",
        "Losing them to something neither of you chose".ljust(53) + "     12",
        "(illness, death, distance)".ljust(60),
    ]


def test_the_title_is_bold_and_labels_are_never_markup():
    widget = Breakdown()
    widget.show("People", [("[b]Sam[/b] $accent", 2)])
    title, row = widget.lines(40)
    assert title.plain.startswith("People") and all("bold" in str(span.style) for span in title.spans)
    assert row.plain.startswith("[b]Sam[/b] $accent") and not row.spans
    assert isinstance(widget.render(), Content)


def test_the_same_rows_again_keep_the_lines_worked_out():
    widget = Breakdown()
    widget.show("Who with", [("A partner", 3)])
    first = widget.lines(40)
    widget.show("Who with", [("A partner", 3)])
    assert widget.lines(40) is first
    widget.show("Who with", [("A partner", 4)])
    assert widget.lines(40) is not first and widget.lines(40)[1].plain.endswith("4")
