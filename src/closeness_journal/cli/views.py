"""How the command line shows entries and prompts in a terminal (Rich).

User text is always wrapped in `rich.text.Text` after control characters are removed, so
nothing a person wrote is read as markup or reaches the terminal as an escape sequence.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from closeness_journal.core.dates import long_date, short_date
from closeness_journal.core.entries import Entry, SearchHit, checkin_summary, entry_notes
from closeness_journal.core.patterns import Patterns, closeness_sentence, step_sentence
from closeness_journal.core.prompts import DailyPrompts, PromptLibrary
from closeness_journal.core.review import WeeklyReview
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.wording import one_decimal, week_figures


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _markers(entry: Entry) -> Text:
    text = Text()
    text.append("◐" if entry.withdrawal else " ", style="cyan")
    text.append("▲" if entry.sabotage else " ", style="magenta")
    return text


LEGEND = "◐ pulled away   ▲ pushed away   number: how strong the fear was (0-10)"


def print_entry_list(hits: Sequence[SearchHit], searching: bool = False) -> None:
    """One line per entry: id, day, markers, fear, who, and the first line (or the match)."""
    console = _console()
    if not hits:
        console.print(
            "No entries found." if searching else "Your journal is empty so far. "
            "Write your first entry with: closeness-journal write -"
        )
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


def _bar(count: int, scale: float, char: str, style: str) -> Text:
    return Text(char * max(1 if count else 0, round(count * scale)), style=style)


def print_patterns(patterns: Patterns) -> None:
    """Periods as a table with bars (█ pulled away, ▒ pushed away: told apart without colour),
    then the breakdowns and the closeness cycle in plain words."""
    console = _console()
    span = f"{short_date(patterns.since)} to {short_date(patterns.until)}"
    console.print(Text(f"Your patterns, {span}, by {patterns.by}", style="bold"))
    if patterns.entries == 0:
        console.print(
            "Nothing written in this time yet. As you save check-ins, this will show when you pull "
            "away and push away, what you feared, and how your small steps go."
        )
        return
    biggest = max(max(p.withdrawal, p.sabotage) for p in patterns.periods) or 1
    scale = min(1.0, 20 / biggest)
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 1))
    table.add_column(patterns.by, no_wrap=True)
    table.add_column("█ pulled away", no_wrap=True)
    table.add_column("▒ pushed away", no_wrap=True)
    table.add_column("entries", justify="right")
    table.add_column("mean fear", justify="right")
    table.add_column("steps", justify="right")
    table.add_column("days", justify="right")
    for p in patterns.periods:
        pulled = _bar(p.withdrawal, scale, "█", "cyan")
        pulled.append(f" {p.withdrawal}" if p.withdrawal else " ·", style="")
        pushed = _bar(p.sabotage, scale, "▒", "magenta")
        pushed.append(f" {p.sabotage}" if p.sabotage else " ·", style="")
        table.add_row(
            p.label, pulled, pushed, str(p.entries),
            one_decimal(p.mean_intensity),
            str(p.small_steps), str(p.days_journaled),
        )
    console.print(table)
    for title, counts in (
        ("What you did", patterns.behaviours),
        ("What you feared", patterns.fears),
        ("Who with", patterns.relationships),
        ("Kinds of closeness", patterns.kinds),
        ("People", patterns.people),
    ):
        if counts:
            console.print()
            console.print(Text(title, style="bold"))
            for count in counts[:6]:
                console.print(Text(f"  {count.count:>4}  "), Text(one_line(count.label)))
    console.print()
    console.print(Text("Closeness and pulling away", style="bold"))
    console.print(Text("  " + closeness_sentence(patterns.closeness)))
    console.print()
    console.print(Text("Small steps", style="bold"))
    console.print(Text("  " + step_sentence(patterns.steps)))


def _line(console: Console, *parts: Text) -> None:
    """One line, cut with an ellipsis at the terminal's width."""
    console.print(Text.assemble(*parts), no_wrap=True, overflow="ellipsis", crop=True)


def print_review(review: WeeklyReview) -> None:
    """The week beside the week before, then what happened, then the saved answers."""
    console = _console()
    console.print(
        Text(f"Your week, {long_date(review.start)} to {long_date(review.end)} ({review.week})", style="bold")
    )
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2))
    table.add_column("")
    table.add_column("this week", justify="right")
    table.add_column("week before", justify="right")
    table.add_column("change")
    for figure in week_figures(review):
        table.add_row(figure.label, figure.now, figure.before, figure.change)
    console.print(table)
    for title, counts in (
        ("Fears", review.fears), ("What you did", review.behaviours), ("Who with", review.relationships)
    ):
        if counts:
            listed = "; ".join(f"{one_line(c.label)} ({c.count})" for c in counts)
            console.print(Text(f"{title}: ", style="bold"), Text(listed))
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
        console.print(Text("The step you chose last week: ", style="bold"), Text(one_line(review.last_step)))
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
