"""How the command line shows entries and prompts in a terminal (Rich).

User text is always wrapped in `rich.text.Text` after control characters are removed, so
nothing a person wrote is read as markup or reaches the terminal as an escape sequence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from closeness_journal.cli.entry_list import EMPTY, LEGEND, NOTHING_FOUND
from closeness_journal.core.dates import long_date, short_date
from closeness_journal.core.entries import Entry, SearchHit, checkin_summary, entry_notes
from closeness_journal.core.patterns import Patterns, closeness_sentence, step_sentence, urge_sentence
from closeness_journal.core.prompts import DailyPrompts, PromptLibrary
from closeness_journal.core.review import WeeklyReview
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.wording import noticing_note, one_decimal, week_lines


class _Console(Console):
    """Rich's console, leaving out the spaces it puts at the ends of lines (a table's padding, a
    wrapped line's last space): on a terminal they only get in the way of copying, in a file
    they are noise."""

    def _render_buffer(self, buffer: Iterable[Segment], *args: Any, **kwargs: Any) -> str:
        # Rich's own (private) method: whatever else a later Rich passes goes on as it was
        return super()._render_buffer(without_trailing_spaces(buffer), *args, **kwargs)


def without_trailing_spaces(segments: Iterable[Segment]) -> Iterator[Segment]:
    """The segments, without the spaces that end each line. A space that shows (on a background,
    reversed, underlined) is kept, and so is everything else (control codes too)."""
    held: list[Segment] = []  # blank segments seen since the line's last text
    for segment in segments:
        text, style, control = segment
        if control or (style is not None and (style.bgcolor or style.reverse or style.underline)):
            yield from held
            held.clear()
            yield segment
            continue
        for index, part in enumerate(text.split("\n")):
            if index:  # a line ends here: what is held is its trailing space
                held.clear()
                yield Segment("\n", style)
            kept = part.rstrip(" ")
            if kept:
                yield from held
                held.clear()
                yield Segment(kept, style)
            if len(kept) < len(part):
                held.append(Segment(part[len(kept):], style))
    yield from held  # no line end yet: what follows may be on the same line


def _console() -> Console:
    return _Console(highlight=False, soft_wrap=False)


def _markers(entry: Entry) -> Text:
    """Pulled away, pushed away, stayed close, flagged: each its own mark, told apart without colour."""
    text = Text()
    text.append("◐" if entry.withdrawal else " ", style="cyan")
    text.append("▲" if entry.sabotage else " ", style="magenta")
    text.append("●" if entry.stayed_close else " ", style="green")
    text.append("⚑" if entry.flagged else " ", style="yellow")
    return text




def print_entry_list(hits: Sequence[SearchHit], searching: bool = False) -> None:
    """One line per entry: id, day, markers, fear, who, and the first line (or the match)."""
    console = _console()
    if not hits:
        console.print(NOTHING_FOUND if searching else EMPTY)
        return
    for hit in hits:
        entry = hit.entry
        line = Text()
        line.append(entry.id[:8], style="dim")
        line.append(f"  {entry.local_date.isoformat()}  ")
        line.append_text(_markers(entry))
        line.append(" " + ("  " if entry.checkin.intensity is None else f"{entry.checkin.intensity:>2}") + "  ")
        if entry.checkin.who:
            line.append(one_line(entry.checkin.who, 20), style="bold")
            line.append(": ")
        if hit.snippet:
            for piece, matched in hit.snippet:
                line.append(printable(piece).replace("\n", " "), style="reverse" if matched else "")
        else:
            line.append(one_line(entry.headline or "(check-in only)"))
        console.print(line, no_wrap=True, overflow="ellipsis", crop=True)
    console.print(Text(LEGEND, style="dim"))


LONG_TEXT = 100_000
"""Text longer than this is left to the terminal to wrap: Rich's wrapping of 5 MB takes seconds."""


def print_entry(entry: Entry, revision_count: int = 0) -> None:
    console = _console()
    header = Text(long_date(entry.local_date), style="bold")
    header.append(f"   {entry.id}", style="dim")
    console.print(header)
    for answer in entry.answers:
        console.print()
        console.print(Text(printable(answer.prompt_text), style="italic"))
        console.print(Text(printable(answer.text)), soft_wrap=len(answer.text) > LONG_TEXT)
    if entry.body:
        console.print()
        if entry.answers:
            console.print(Text("Free writing", style="italic"))
        console.print(Text(printable(entry.body)), soft_wrap=len(entry.body) > LONG_TEXT)
    elif not entry.answers:
        console.print()
        console.print(Text("(no text)"))
    rows = checkin_summary(entry)
    if rows:
        console.print()
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for label, value in rows:
            table.add_row(Text(label), Text(printable(value)))
        console.print(table)
    notes = entry_notes(entry, revision_count)
    if notes:
        console.print(Text("(" + "; ".join(notes) + ")", style="dim"))


def print_trash(entries: Sequence[Entry]) -> None:
    console = _console()
    if not entries:
        console.print("The trash is empty.")
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", style="dim", no_wrap=True, min_width=8)
    table.add_column("day", no_wrap=True, min_width=10)
    first_line_width = max(16, console.width - 8 - 10 - 16 - 9)
    table.add_column("first line", overflow="ellipsis", no_wrap=True, max_width=first_line_width)
    table.add_column("deleted", no_wrap=True, min_width=16)
    for entry in entries:
        assert entry.deleted_at is not None
        table.add_row(
            Text(entry.id[:8]),
            Text(entry.local_date.isoformat()),
            Text(one_line(entry.headline)),
            Text(entry.deleted_at.astimezone().strftime("%Y-%m-%d %H:%M")),
        )
    console.print(table)
    console.print(Text("Restore with: closeness-journal restore ID", style="dim"))


def print_prompts(chosen: DailyPrompts, library: PromptLibrary) -> None:
    console = _console()
    console.print(Text(f"Prompts for {long_date(chosen.day)}", style="bold"))
    for prompt in chosen.all:
        console.print()
        title = library.themes[prompt.theme].title
        console.print(Text(printable(title), style="bold cyan"), Text(f"  {one_line(prompt.id)}", style="dim"))
        console.print(Text(printable(prompt.text)))
        notes = [chosen.leaning_note if prompt is chosen.deeper else "", library.themes[prompt.theme].note]
        for note in filter(None, notes):
            console.print(Text(printable(note), style="dim italic"))


def _bar(count: int, scale: float, char: str, style: str) -> Text:
    return Text(char * max(1 if count else 0, round(count * scale)), style=style)


PATTERN_SERIES = (
    ("█", "pulled", "pulled away", "withdrawal", "cyan"),
    ("▒", "pushed", "pushed away", "sabotage", "magenta"),
    ("●", "stayed", "stayed close", "stayed", "green"),
)
"""The three series: mark (told apart without colour), column heading, meaning, field, colour."""


def print_patterns(patterns: Patterns) -> None:
    """Periods as a table with a bar for each series, then the pull, the breakdowns and the
    closeness cycle in plain words."""
    console = _console()
    span = f"{short_date(patterns.since)} to {short_date(patterns.until)}"
    console.print(Text(f"Your patterns, {span}, by {patterns.by}", style="bold"))
    if patterns.entries == 0:
        console.print(
            "Nothing written in this time yet. As you save check-ins, this will show when you pull "
            "away, push away and stay close, what you feared, and how your small steps go."
        )
        return
    names = [patterns.period_name(p) for p in patterns.periods]
    biggest = max(max(getattr(p, field) for *_, field, _ in PATTERN_SERIES) for p in patterns.periods) or 1
    # Room for the bars: what the other columns leave of the terminal, shared by the three series.
    others = max(len(n) for n in names) + len("entries") + len("fear") + len("pull") + len("steps") + len("days")
    room = max(3, min(20, (console.width - others - 8 - 3 * 4) // 3))
    scale = min(1.0, room / biggest)
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 1))
    table.add_column(patterns.by, no_wrap=True)
    for mark, heading, *_ in PATTERN_SERIES:
        table.add_column(f"{mark} {heading}", no_wrap=True)
    table.add_column("entries", justify="right")
    table.add_column("fear", justify="right")
    table.add_column("pull", justify="right")
    table.add_column("steps", justify="right")
    table.add_column("days", justify="right")
    for name, p in zip(names, patterns.periods, strict=True):
        bars = []
        for mark, _, _, field, colour in PATTERN_SERIES:
            count = getattr(p, field)
            bar = _bar(count, scale, mark, colour)
            bar.append(f" {count}" if count else " ·", style="")
            bars.append(bar)
        table.add_row(
            name, *bars, str(p.entries), one_decimal(p.mean_intensity), one_decimal(p.mean_urge),
            str(p.small_steps), str(p.days_journaled),
        )
    console.print(table)
    console.print(Text("   ".join(f"{mark} {meaning}" for mark, _, meaning, *_ in PATTERN_SERIES), style="dim"))
    console.print(Text("fear, pull: averages (0-10)   steps: small steps   days: days you wrote", style="dim"))
    _paragraph(console, "The pull to get away", urge_sentence(patterns.totals))
    for title, counts in (
        ("What you did to pull or push away", patterns.behaviours),
        ("What you did to stay close", patterns.ways_of_staying),
        ("What you feared", patterns.fears),
        ("Kinds of closeness", patterns.kinds),
        ("Who with", patterns.relationships),
        ("People", patterns.people),
    ):
        if counts:
            console.print()
            console.print(Text(title, style="bold"))
            for count in counts[:6]:
                _hanging(console, f"  {count.count:>4}  ", one_line(count.label))
    _paragraph(console, "Closeness, pulling away and staying close", closeness_sentence(patterns.closeness))
    _paragraph(console, "Small steps", step_sentence(patterns.steps))


def _paragraph(console: Console, title: str, sentence: str) -> None:
    """A title, then a sentence indented under it."""
    console.print()
    console.print(Text(title, style="bold"))
    _hanging(console, "  ", sentence)


def _hanging(console: Console, first: str, text: str) -> None:
    """`text` after `first`, wrapped at the terminal's width with its lines under each other (never cut)."""
    indent = len(first)
    for n, line in enumerate(Text(text).wrap(console, max(20, console.width - indent))):
        line.rstrip()
        console.print(Text(first if n == 0 else " " * indent) + line)


def _line(console: Console, *parts: Text) -> None:
    """One line, cut with an ellipsis at the terminal's width."""
    console.print(Text.assemble(*parts), no_wrap=True, overflow="ellipsis", crop=True)


def print_review(review: WeeklyReview) -> None:
    """The week beside the week before, then what happened, then the saved answers."""
    console = _console()
    console.print(
        Text(f"Your week, {long_date(review.start)} to {long_date(review.end)} ({review.week})", style="bold")
    )
    lines = week_lines(review)
    if lines:
        console.print()
        console.print(Text("This week beside the week before", style="bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for line in lines:
        table.add_row(Text("  " + line.label), Text(line.words))
    if lines:
        console.print(table)
    note = noticing_note(review)
    if note:
        console.print(Text("  " + note, style="italic"))
    lists = (
        ("What you did to stay close", review.ways_of_staying),
        ("How you pulled or pushed away", review.behaviours),
        ("Fears", review.fears),
        ("Who with", review.relationships),
    )
    if any(counts for _, counts in lists):
        console.print()
    for title, counts in lists:
        if counts:
            listed = "; ".join(f"{one_line(c.label)} ({c.count})" for c in counts)
            console.print(Text.assemble(Text(f"{title}: ", style="bold"), Text(listed)))
    if review.moments:
        console.print()
        console.print(Text("Moments of closeness, and what came next", style="bold"))
        for moment in review.moments:
            _line(console, Text(f"  {moment.day:%a}  {moment.followed_by}: "), Text(one_line(moment.line)))
    if review.steps:
        console.print()
        console.print(Text("Small steps", style="bold"))
        for step in review.steps:
            gap = (
                "" if step.predicted is None or step.outcome is None
                else f"  (expected {step.predicted}, really {step.outcome})"
            )
            _line(console, Text(f"  {step.day:%a}  "), Text(one_line(step.step, 50)), Text(gap, style="dim"))
    if review.last_step:
        console.print()
        chosen = Text(one_line(review.last_step))
        console.print(Text.assemble(Text("The step you chose last week: ", style="bold"), chosen))
    if review.rung_follow_up:
        console.print(Text(printable(review.rung_follow_up)))
    console.print()
    console.print(Text("Each day", style="bold"))
    for day, items in review.days:
        if not items:
            console.print(Text(f"  {day:%a %d %b}  ·", style="dim"))
        for entry_id, line in items:
            _line(console, Text(f"  {day:%a %d %b}  "), Text(f"{entry_id[:8]}  ", style="dim"), Text(one_line(line)))
    console.print()
    if review.saved:
        console.print(Text("Your answers", style="bold"))
        for prompt_id, answer in review.saved.answers.items():
            console.print(Text(printable(review.saved.questions.get(prompt_id, prompt_id)), style="italic"))
            console.print(Text(printable(answer)))
            console.print()
    else:
        console.print(Text(
            "You haven't looked back on this week yet. "
            "Open the journal and press F5 to answer a few questions about it.", style="dim",
        ))
