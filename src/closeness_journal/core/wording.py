"""Numbers in words, the same everywhere a person reads them: a count with its noun, an average
to one decimal, a change beside the week before, and the week's figures as the command line, the
window and the export show them.

Plain Python (no Textual, no Rich): the views lay these strings out, each in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    if figure_name == "mean_intensity":  # already rounded like the averages it compares
        return f"{one_decimal(abs(value))} {'higher' if value > 0 else 'lower'}"
    return f"{int(abs(value))} {'more' if value > 0 else 'fewer'}"


def signed(value: float | None) -> str:
    """A change in a few characters: "+2", "-1.1", "±0", and "" when there is no comparison."""
    if value is None:
        return ""
    if value == 0:
        return "±0"
    return ("+" if value > 0 else "-") + figure(abs(value))


WEEK_FIGURES = (
    ("Pulled away", "withdrawal"),
    ("Pushed away", "sabotage"),
    ("Small steps", "small_steps"),
    ("Mean fear (0-10)", "mean_intensity"),
    ("Days you wrote", "days_journaled"),
)
"""The week's figures, in the order they are shown: (label, field of `Period`)."""


@dataclass(frozen=True)
class WeekFigure:
    """One of the week's figures beside the week before, ready to print."""

    label: str
    now: str
    before: str
    change: str
    """In words: "2 more", "the same", "no comparison"."""
    delta: str
    """In a few characters: "+2", "±0", "" (no comparison)."""


def week_figures(review: WeeklyReview) -> tuple[WeekFigure, ...]:
    """The week's figures beside the week before (`review` in the command line and the window)."""
    rows = []
    for label, name in WEEK_FIGURES:
        change = review.change(name)
        rows.append(
            WeekFigure(
                label=label,
                now=figure(getattr(review.this, name)),
                before=figure(getattr(review.previous, name)),
                change=change_words(change, name),
                delta=signed(change),
            )
        )
    return tuple(rows)
