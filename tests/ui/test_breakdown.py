"""The breakdowns' lines: laid out as the Rich tables they replace were (a wrapping label, its count
at the right on the label's first line, "times" on the title's last line), two to a row as a grid
of two columns laid them out."""

from textual.content import Content

from closeness_journal.ui.widgets.breakdown import Breakdown, Breakdowns


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


def test_the_same_rows_again_keep_the_lines_worked_out():
    widget = Breakdown()
    widget.show("Who with", [("A partner", 3)])
    first = widget.lines(40)
    widget.show("Who with", [("A partner", 3)])
    assert widget.lines(40) is first
    widget.show("Who with", [("A partner", 4)])
    assert widget.lines(40) is not first and widget.lines(40)[1].plain.endswith("4")


def test_breakdowns_with_rows_go_two_to_a_row_in_order_as_a_grid_of_two_columns_would_show_them():
    widget = Breakdowns(["a", "b", "c", "d"])
    widget.show("a", "First", [("one", 1)])
    widget.show("b", "Second", [])  # no rows: left out, as a hidden widget in a grid
    widget.show("c", "Third", [("three", 3), ("three again", 33)])
    widget.show("d", "Fourth", [("four", 4)])
    assert Breakdowns.column_widths(81) == (39, 40)  # (81 - 2) // 2, and the rest
    first, second = widget.cells["a"].lines(39), widget.cells["c"].lines(40)
    lines = [line.plain for line in widget.lines(81)]
    assert lines[:3] == [
        first[0].plain + "  " + second[0].plain,
        first[1].plain + "  " + second[1].plain,
        " " * 39 + "  " + second[2].plain,  # the shorter one's lines end; the row is as tall as the taller
    ]
    assert lines[3] == "" and lines[4].startswith("Fourth") and len(lines) == 6
    assert widget.get_content_height(None, None, 81) == 6
    assert isinstance(widget.render(), Content)  # never a string, which Textual would read as markup
    assert all(len(line) == 81 for line in lines[:3])
    widget.show("b", "Second", [("two", 2)])
    assert widget.lines(81)[0].plain.endswith(widget.cells["b"].lines(40)[0].plain)
