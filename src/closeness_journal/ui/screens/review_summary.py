"""The weekly review's summary in words: the week's figures, then its moments of closeness and its
small steps, the first few of each with a line that shows the rest (a busy week can hold hundreds)."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from closeness_journal.core.review import WeeklyReview
from closeness_journal.core.wording import noticing_note, week_lines
from closeness_journal.ui.text import literal, literal_line

FIRST_FEW = 5
"""Moments of closeness, and small steps, listed before a line that shows the rest."""
LISTS = ("moments", "steps")


def summary_content(review: WeeklyReview, everything: frozenset[str] = frozenset(LISTS)) -> Content:
    """The week in words, all user text literal (the days and their entries follow, as lines of their
    own). The lists named in `everything` are listed in full, the others only their first few."""
    head, steps = summary_parts(review, everything)
    return Content.assemble(head, steps)


def summary_parts(review: WeeklyReview, everything: frozenset[str] = frozenset()) -> tuple[Content, Content]:
    """The summary up to the moments of closeness (included), and its small steps: between the two,
    and after the second, a `MoreLine` can show what is left out (see `left_out`)."""
    parts: list[Content] = []
    if review.last_step:
        parts += [Content.styled("The step you chose last week: ", "bold"), literal(review.last_step), Content("\n\n")]
    if review.rung_follow_up:
        parts += [literal(review.rung_follow_up), Content("\n\n")]
    if review.this.entries == 0:
        parts.append(Content.styled(
            "You didn't write during this week, and that's fine. You can still look back on it "
            "with the questions beside this.\n\n", "italic"))
    lines = week_lines(review)
    if lines:
        parts.append(Content.styled("This week beside the week before\n", "bold $text-primary"))
    for line in lines:
        parts += [Content.styled(f"{line.label}: ", "bold"), Content(line.words), Content("\n")]
    note = noticing_note(review)
    if note:
        parts.append(Content.styled(f"{note}\n", "italic $text-muted"))
    for title, counts in (
        ("What you did to stay close", review.ways_of_staying),
        ("How you pulled or pushed away", review.behaviours),
        ("Fears", review.fears),
        ("Who with", review.relationships),
    ):
        if counts:
            listed = "; ".join(f"{c.label} ({c.count})" for c in counts)
            parts += [Content.styled(f"\n{title}: ", "bold"), literal(listed), Content("\n")]
    if review.moments:
        parts.append(Content.styled("\nMoments of closeness, and what came next\n", "bold"))
        shown = review.moments if "moments" in everything else review.moments[:FIRST_FEW]
        for moment in shown:
            parts += [
                Content(f"  {moment.day:%a}: {moment.followed_by}. "), literal_line(moment.line, 60), Content("\n")
            ]
    steps: list[Content] = []
    if review.steps:
        steps.append(Content.styled("\nSmall steps\n", "bold"))
        for step in review.steps if "steps" in everything else review.steps[:FIRST_FEW]:
            planned = step.predicted is not None and step.outcome is not None
            gap = f" (expected {step.predicted}, really {step.outcome})" if planned else ""
            steps += [Content(f"  {step.day:%a}: "), literal_line(step.step, 50), Content(gap + "\n")]
    return Content.assemble(*parts), Content.assemble(*steps)


def left_out(review: WeeklyReview, which: str, everything: frozenset[str]) -> int:
    """How many of the week's moments or steps (`which`) the summary leaves out."""
    if which in everything:
        return 0
    return max(0, len(review.moments if which == "moments" else review.steps) - FIRST_FEW)


def more_words(count: int) -> str:
    """`  and 38 more (Enter to see them all)`, under a list cut short."""
    return f"  and {count} more (Enter to see {'it' if count == 1 else 'them all'})"


class MoreLine(Static, can_focus=True):
    """`and N more …` under a list of the summary: Enter (or a click) shows the whole list."""

    DEFAULT_CSS = """
    MoreLine {
        color: $text-accent;
    }
    MoreLine:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """
    BINDINGS = [Binding("enter", "show_all", "Show all", id="show-all-of-list")]

    class ShowAll(Message):
        def __init__(self, which: str) -> None:
            super().__init__()
            self.which = which

    def __init__(self, which: str) -> None:
        super().__init__(id=f"review-more-{which}")
        self.which = which
        self.display = False

    def show_count(self, count: int) -> None:
        """Say how many are left out (none: the line is hidden)."""
        self.display = count > 0
        if count:
            self.update(Content(more_words(count)))

    def action_show_all(self) -> None:
        self.post_message(self.ShowAll(self.which))

    def on_click(self) -> None:
        self.action_show_all()
