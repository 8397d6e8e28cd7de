"""Numbers in words, the same everywhere a person reads them: a count with its noun, an average
to one decimal, a change beside the week before in words (never a "+2"), and the week's figures
as the command line and the window show them.

Plain Python (no Textual, no Rich): the views lay these strings out, each in its own way.
"""

from __future__ import annotations

from closeness_journal.core.frozen import Frozen, fill

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from closeness_journal.core.review import WeeklyReview


def plural(count: int, one: str, many: str) -> str:
    """`1 entry`, `3 entries`, `1,250 entries`."""
    return f"{count:,} {one if count == 1 else many}"


def one_decimal(value: float | None) -> str:
    """An average as people read it: `4.2`, `4` (not `4.0`), and `–` when there is none."""
    return "–" if value is None else f"{value:.1f}".removesuffix(".0")


def figure(value: float | None) -> str:
    """A count as it is, an average to one decimal, `–` when there is nothing to count."""
    if value is None:
        return "–"
    return one_decimal(value) if isinstance(value, float) else str(value)


def change_words(value: float | None, figure_name: str) -> str:
    """A change as plain, neutral words: "2 more", "1 fewer", "0.5 higher", "the same"."""
    if value is None:
        return "no comparison"
    if value == 0:
        return "the same"
    if figure_name in AVERAGES:  # already rounded like the averages it compares
        return f"{one_decimal(abs(value))} {'higher' if value > 0 else 'lower'}"
    return f"{int(abs(value))} {'more' if value > 0 else 'fewer'}"


AVERAGES = ("mean_intensity", "mean_urge")


def _beside_before(change: float | None, figure_name: str) -> str:
    """The change from the week before, as the end of a sentence: "2 more than the week before"."""
    words = change_words(change, figure_name)
    return "as the week before" if words == "the same" else f"{words} than the week before"


def times(count: int) -> str:
    """How often, in words: "none", "once", "3 times"."""
    return "none" if count == 0 else "once" if count == 1 else f"{count:,} times"


def _count(count: int) -> str:
    return "none" if count == 0 else f"{count:,}"


WEEK_COUNTS = (
    ("Pulled away", "withdrawal", times),
    ("Pushed away", "sabotage", times),
    ("Stayed close", "stayed_close", times),
    ("Small steps", "small_steps", _count),
    ("Days you wrote", "days_journaled", _count),
)
"""The week's counts, in the order they are shown: (label, figure, how the count is said)."""
WEEK_AVERAGES = (
    ("Average fear", "mean_intensity"),
    ("Average pull to get away", "mean_urge"),
)
"""The week's averages of a 0-10 scale: (label, figure)."""

NOTICING = "More check-ins often mean more noticing, not more pulling away."


class WeekLine(Frozen):
    """One of the week's figures beside the week before, in words, ready to print."""

    __slots__ = ("label", "words")

    label: str
    words: str
    """"2 times, 1 more than the week before"; "4.5 of 10, the same as the week before"."""

    def __init__(self, label: str, words: str) -> None:
        fill(self, label, words)


def _average_words(review: WeeklyReview, name: str) -> str | None:
    now, before = review.value(name), review.value(name, before=True)
    if now is None and before is None:
        return None
    if now is None:
        return f"not noted this week ({one_decimal(before)} of 10 the week before)"
    if before is None:
        return f"{one_decimal(now)} of 10 (not noted the week before)"
    return f"{one_decimal(now)} of 10, {_beside_before(review.change(name), name)}"


def acted_words(acted_yes: int, acted_partly: int, acted_no: int) -> str:
    """What was done with the pull to get away: "acted on it 2 times, stayed with it once"."""
    said = (("acted on it", acted_yes), ("partly acted on it", acted_partly), ("stayed with it", acted_no))
    return ", ".join(f"{what} {times(count)}" for what, count in said if count)


def week_lines(review: WeeklyReview) -> tuple[WeekLine, ...]:
    """The week's figures beside the week before, in words (`review` in the command line and the
    window): pulling away, pushing away and staying close alike, then small steps, the days you
    wrote, the averages and what was done with the pull. An average noted in neither week is left
    out, and there is nothing to compare when neither week holds an entry."""
    if review.this.entries == 0 and review.previous.entries == 0:
        return ()
    lines = [
        WeekLine(label, f"{say(int(review.value(name) or 0))}, {_beside_before(review.change(name), name)}")
        for label, name, say in WEEK_COUNTS
    ]
    for label, name in WEEK_AVERAGES:
        words = _average_words(review, name)
        if words is not None:
            lines.append(WeekLine(label, words))
    staying = review.staying
    if staying.acted:
        lines.append(WeekLine(
            "What you did with the pull", acted_words(staying.acted_yes, staying.acted_partly, staying.acted_no)
        ))
    return tuple(lines)


def noticing_note(review: WeeklyReview) -> str | None:
    """A word against reading more check-ins as a worse week, when there were more this week."""
    this, before = review.this, review.previous
    more_written = this.entries > before.entries
    more_away = this.withdrawal + this.sabotage > before.withdrawal + before.sabotage
    return NOTICING if more_written or more_away else None
