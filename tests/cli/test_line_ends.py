"""What the command line prints ends each line with its last character, not with spaces (Rich
pads a table's columns and leaves a wrapped line's last space), piped or on a terminal."""

import io
import json
import re

import pytest
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from closeness_journal.cli import views

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def ends_of_lines(out: str) -> list[str]:
    return [line for line in ANSI.sub("", out).splitlines() if line != line.rstrip()]


@pytest.fixture
def written(run):
    code, out, err = run(
        "write", "Went quiet at dinner, though it had been a warm evening with a lot of laughing in it, and I "
        "wanted to stay and couldn't say so.", "--who", "Sam", "--relationship", "partner", "--behaviour",
        "went-quiet", "--fear", "engulfment", "--intensity", "6", "--step", "said one true thing",
    )
    assert code == 0, err
    return json.loads(run("list", "--json")[1])[0]["id"]


@pytest.mark.parametrize("command", [["show"], ["prompts"], ["review"], ["patterns"], ["list"], ["trash"]])
def test_no_line_ends_in_spaces(run, written, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    args = [*command, written] if command == ["show"] else command
    code, out, err = run(*args)
    assert code == 0, err
    assert out.strip() and ends_of_lines(out) == []


def test_nor_on_a_terminal_in_colour():
    out = io.StringIO()
    console = views._Console(file=out, force_terminal=True, color_system="truecolor", width=40, highlight=False)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("With", "Sam (a partner)")
    table.add_row("Fear intensity", "6 of 10")
    console.print(table)
    console.print(Text("a long line of words that has to wrap somewhere before forty", style="italic"))
    assert "\x1b[" in out.getvalue() and ends_of_lines(out.getvalue()) == []
    assert ANSI.sub("", out.getvalue()).splitlines()[0] == "With            Sam (a partner)"


def test_a_space_that_shows_is_kept_and_a_line_not_yet_ended_keeps_its_spaces():
    reverse, bold = Style(reverse=True), Style(bold=True)
    kept = list(views.without_trailing_spaces([
        Segment("a ", bold), Segment("  ", bold), Segment("\n"),
        Segment("b", None), Segment("  ", reverse), Segment("\n"),
        Segment("c  "),
    ]))
    assert "".join(s.text for s in kept) == "a\nb  \nc  "
