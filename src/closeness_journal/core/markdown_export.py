"""The journal as Markdown, to read or to bring to a therapist.

Pure core: this module only turns entries and figures into Markdown text. It never opens a file
or a database; the caller streams entries in (oldest first) and writes the chunks out.

Everything a person typed goes through `escape_markdown`, so no entry can add a heading, a link,
HTML, a code block or a table to the document: it always shows as the text that was written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from closeness_journal.core.dates import long_date, short_date, week_start
from closeness_journal.core.entries import Entry, checkin_summary
from closeness_journal.core.ladder import LadderRung, attempt_words, forecast_sentence, gap_words, hard_words, suggest
from closeness_journal.core.patterns import Count, Patterns, Period, closeness_sentence, step_sentence
from closeness_journal.core.text import one_line, printable
from closeness_journal.core.vocabulary import BEHAVIOUR_CATEGORY, CATEGORY_LABELS, SCALE_ANCHORS
from closeness_journal.core.wording import one_decimal, plural

TOP = 5
"""How many fears, ways of staying close and behaviours the summary lists."""
STAYED_MEANS = (
    "An entry counts as staying close when you noted something you did to stay close, or that the pull "
    "to get away came and you didn't act on it; one entry can hold both staying and pulling away."
)

# `long_date` for every day of a long export adds up (strftime each time): the same words,
# worked out once. A test checks the two agree.
_WEEKDAYS = tuple(f"{date(2024, 1, 1 + n):%A}" for n in range(7))
_MONTHS = tuple(f"{date(2024, 1 + n, 1):%B}" for n in range(12))


def _long_date(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class ReviewAnswers:
    """A saved weekly review, for the export: the week and its questions with answers."""

    week: str
    """`2026-W46`."""
    answers: tuple[tuple[str, str], ...]
    """(question text, answer text) pairs, in the order they were asked."""


# ---------------------------------------------------------------------------------- escaping

_NBSP = "\u00a0"
# Backslashes everywhere before: code spans and fences (` ~), emphasis (* _), links, images and
# reference definitions ([), HTML and autolinks (<), tables (|); before a backslash where it would
# escape something or, at the end of a line, make a hard line break; before & only where it would
# start an entity such as &lt;.
_INLINE = re.compile(r"[`*_\[<|~]|\\(?=[!-/:-@\[-`{-~]|\Z)|&(?=#?[0-9A-Za-z]+;)")
# At the start of a line, after any indentation: headings (#), block quotes (>), list markers
# (- +, and 1. 1) below), setext underlines and thematic breaks (= -), table delimiter rows (: -).
_LINE_MARKS = frozenset("#>+=:-")
_MAYBE_INLINE = re.compile(r"[`*_\[<|~\\&]")
"""A quick first look: most prose has none of these, and then the slower pattern never runs."""
_NUMBERED = re.compile(r"[0-9]+(?=[.)])")


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def _escape_line(line: str) -> str:
    """One line with no trailing space, not empty."""
    if _MAYBE_INLINE.search(line):
        line = _INLINE.sub(_backslash, line)
    indent = ""
    if line[0].isspace():
        # Spaces at the start of a line would make a code block; no-break spaces keep the
        # indent visible without that meaning.
        rest = line.lstrip()
        indent = line[: len(line) - len(rest)].replace("\t", _NBSP * 4).replace(" ", _NBSP)
        line = rest
    first = line[0]
    if first in _LINE_MARKS:
        line = "\\" + line
    elif "0" <= first <= "9" and (number := _NUMBERED.match(line)):
        line = f"{number.group()}\\{line[number.end():]}"
    return indent + line


def _escape(text: str) -> str:
    """`escape_markdown` for text that is already printable."""
    if "\n" not in text:
        text = text.rstrip()
        return _escape_line(text) if text else ""
    paragraphs = []
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()  # trailing spaces would make a hard line break
        if line:
            lines.append(_escape_line(line))
        elif lines:
            paragraphs.append("\\\n".join(lines))  # line breaks stay, as hard breaks
            lines = []
    if lines:
        paragraphs.append("\\\n".join(lines))
    return "\n\n".join(paragraphs)


_NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (a carriage return among them): what `printable` would change."""


def _printable(text: str) -> str:
    """`printable(text)`, skipping the work for text with nothing to remove (most of it;
    `str.isprintable` can't tell, as it is False for every line break)."""
    return printable(text) if _NEEDS_CLEANING.search(text) else text


def _one_line(text: str) -> str:
    """`one_line(text)`, skipping the work for text with nothing to remove."""
    return " ".join(text.split()) if text.isprintable() else one_line(text)


def escape_markdown(text: str) -> str:
    """`text` as Markdown that shows exactly that text, with no Markdown meaning.

    Control characters are dropped. Line breaks stay line breaks, blank lines separate
    paragraphs, indentation stays visible (as no-break spaces) without becoming code. Only the
    characters that could mean something get a backslash; ordinary prose stays readable.
    """
    return _escape(printable(text))


# ---------------------------------------------------------------------------------- redaction


def redactor(names: Mapping[str, str]) -> Callable[[str], str]:
    """A function that replaces each name (whole words, any case) with its replacement.

    Longer names are tried first, so "Samantha" is not left as "a partnerantha" when "Sam" is a
    name too. A name of several words matches however much space is between them.
    """
    cleaned = {one_line(name): one_line(replacement) for name, replacement in names.items()}
    cleaned.pop("", None)
    if not cleaned:
        return lambda text: text
    ordered = sorted(cleaned, key=lambda name: (-len(name), name))
    replacements = {f"n{i}": cleaned[name] for i, name in enumerate(ordered)}
    spaced = (r"\s+".join(re.escape(word) for word in name.split()) for name in ordered)
    alternatives = "|".join(f"(?P<n{i}>{words})" for i, words in enumerate(spaced))
    # The lookahead for a first letter lets the search skip quickly to where a name could start.
    firsts = "".join(sorted({re.escape(name[0]) for name in ordered}))
    pattern = re.compile(rf"(?=[{firsts}])(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def swap(match: re.Match[str]) -> str:
        replacement = replacements[match.lastgroup or ""]
        if match.group()[0].isupper() and replacement[:1].islower():
            # "Sam said…" becomes "A partner said…" at the start of a sentence.
            text, i = match.string, match.start() - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
            if i < 0 or text[i] in ".!?\n":
                replacement = replacement[0].upper() + replacement[1:]
        return replacement

    def redact(text: str) -> str:
        return pattern.sub(swap, text)

    return redact


# ---------------------------------------------------------------------------------- the document


def render_markdown(
    entries: Iterable[Entry],
    *,
    patterns: Patterns,
    since: date,
    until: date,
    exported_on: date,
    private_left_out: int = 0,
    names: Mapping[str, str] | None = None,
    reviews: Sequence[ReviewAnswers] = (),
    ladder: Sequence[LadderRung] = (),
) -> Iterator[str]:
    """The journal as a Markdown document, in chunks ("".join(...) is the whole document).

    `entries` come oldest first, already filtered by the caller, and are read one day at a time.
    `patterns` are the caller's figures over the same range. With `names`, each name is replaced
    in everything the person wrote (who, text, small step, prompt, tags, review answers).
    """
    text = _UserText(redactor(names) if names else None)
    yield _heading(since, until, exported_on, redacted=bool(names))
    yield _summary(patterns, private_left_out, reviews, text)
    if section := ladder_section(ladder, text):
        yield section

    written = 0
    week: date | None = None
    for day, group in itertools.groupby(entries, key=lambda entry: entry.local_date):
        todays = list(group)
        parts = []
        if week_start(day) != week:
            week = week_start(day)
            parts.append(f"## Week of {_long_date(week)}\n\n")
        parts.append(f"### {_long_date(day)}\n\n")
        for number, entry in enumerate(todays, 1):
            if len(todays) > 1:
                parts.append(f"#### Entry {number} of {len(todays)}\n\n")
            parts.append(_entry(entry, text))
        written += len(todays)
        yield "".join(parts)
    if not written:
        yield "## Entries\n\nThere are no entries to show for these dates.\n"


def _heading(since: date, until: date, exported_on: date, redacted: bool) -> str:
    if since == until:
        span = short_date(since)
    elif since.year == until.year:
        span = f"{since.day} {since:%b} – {short_date(until)}"
    else:
        span = f"{short_date(since)} – {short_date(until)}"
    lines = [
        f"# Your journal, {span}\n",
        f"*Exported from closeness-journal on {long_date(exported_on)}, as Markdown. "
        "These are personal reflections, kept for yourself: a journal, not a clinical record.*\n",
    ]
    if redacted:
        lines.append("Some names were replaced with a few words about the person.\n")
    return "\n".join(lines) + "\n"


def _summary(
    patterns: Patterns,
    private_left_out: int,
    reviews: Sequence[ReviewAnswers],
    text: _UserText,
) -> str:
    steps = patterns.steps
    out = ["## Summary\n\n"]
    out.append(
        f"- **Entries:** {steps.entries}, written on {plural(steps.days_journaled, 'day', 'days')}\n"
    )
    if private_left_out > 0:
        marked = plural(private_left_out, "entry marked private was", "entries marked private were")
        out.append(f"- {marked} left out\n")
    out.append("\n")

    unit = "Week" if patterns.by == "week" else "Month"
    out.append(f"### {unit} by {unit.lower()}\n\n")
    out.append(
        f"| {unit} | Pulled away | Pushed away | Stayed close | Entries | Average fear (0–10) | Small steps |\n"
    )
    out.append("|---|--:|--:|--:|--:|--:|--:|\n")
    for period in patterns.periods:
        out.append(
            f"| {_period_name(period, patterns.by)} | {period.withdrawal} | {period.sabotage} | {period.stayed} "
            f"| {period.entries} | {one_decimal(period.mean_intensity)} | {period.small_steps} |\n"
        )
    out.append(f"\n*{STAYED_MEANS} Every scale runs from 0 to 10: {SCALE_ANCHORS}.*\n\n")

    out.append("### What you feared most\n\n")
    out.append(
        _counts(patterns.fears[:TOP], lambda c: c.label, "No fears were noted in check-ins for these dates.")
    )
    out.append("### What you did to stay close\n\n")
    out.append(
        _counts(
            patterns.ways_of_staying[:TOP],
            lambda c: c.label,
            "No ways of staying close were noted in check-ins for these dates.",
        )
    )
    out.append("### How you pulled or pushed away\n\n")
    out.append(
        _counts(
            patterns.behaviours[:TOP],
            lambda c: f"{c.label} ({CATEGORY_LABELS[BEHAVIOUR_CATEGORY[c.key]].lower()})"
            if c.key in BEHAVIOUR_CATEGORY else c.label,
            "No ways of pulling or pushing away were noted in check-ins for these dates.",
        )
    )

    out.append("### Closeness, pulling away and staying close\n\n")
    out.append(f"{closeness_sentence(patterns.closeness)}\n\n")

    out.append("### Small steps\n\n")
    out.append(f"{step_sentence(steps)}\n\n")
    planned = [p for p in patterns.periods if p.planned_steps]
    if planned:
        out.append(f"| {unit} | Planned steps | Expected (0–10) | How it really was (0–10) |\n")
        out.append("|---|--:|--:|--:|\n")
        for period in planned:
            out.append(
                f"| {_period_name(period, patterns.by)} | {period.planned_steps} "
                f"| {one_decimal(period.mean_predicted)} | {one_decimal(period.mean_outcome)} |\n"
            )
        out.append("\n")

    if reviews:
        out.append("### Weekly reviews\n\n")
        for review in reviews:
            out.append(f"#### {_review_week(review.week, text)}\n\n")
            for question, answer in review.answers:
                asked = text.line(question)
                if asked:
                    out.append(f"**{asked}**\n\n")
                said = text.block(answer)
                out.append(f"{said}\n\n" if said else "*Left blank.*\n\n")
    return "".join(out)


def ladder_section(ladder: Sequence[LadderRung], text: _UserText) -> str:
    """The ladder of small steps, easiest first, each rung with its tries in these dates (a retired
    rung only when it was tried in them); "" when there is no ladder."""
    shown = [step for step in ladder if not step.rung.retired or step.attempts]
    if not shown:
        return ""
    out = [
        "### Your ladder of small steps\n\n",
        "*Steps you'd like to be able to take, easiest first. How hard each feels now is out of 100; "
        "how hard each try was expected to be, and really was, is out of 10.*\n\n",
        f"{forecast_sentence(shown)}\n\n",
    ]
    for step in shown:
        rung = step.rung
        who = f" (with {text.line(rung.who)})" if rung.who else ""
        retired = " *(retired)*" if rung.retired else ""
        out.append(f"- **{text.line(rung.text)}**{who}{retired}: {hard_words(rung)}; {gap_words(step)}\n")
        out += [f"  - {_long_date(a.day)}: {attempt_words(a)}\n" for a in step.attempts]
    suggestion = suggest(shown)
    if suggestion.step is not None:
        out.append(f"\n**Next to try:** {text.line(suggestion.step.rung.text)}. {suggestion.reason}\n")
    return "".join(out) + "\n"


def _counts(counts: Sequence[Count], label: Callable[[Count], str], none: str) -> str:
    if not counts:
        return f"{none}\n\n"
    lines = (f"- {label(c)}: {plural(c.count, 'time', 'times')}\n" for c in counts)
    return "".join(lines) + "\n"


def _period_name(period: Period, by: str) -> str:
    if by == "week":
        return f"Week of {short_date(week_start(period.start))}"
    return f"{period.start:%B %Y}"


def _review_week(week: str, text: _UserText) -> str:
    try:
        year, number = week.strip().split("-W")
        monday = date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        return f"Week {text.line(week)}"
    return f"Week of {long_date(monday)}"


class _UserText:
    """What a person wrote, made safe for the document, with names replaced when asked."""

    MEMO = 4096
    """Short texts (who, tags, prompts) repeat a lot: this many are remembered."""

    def __init__(self, redact: Callable[[str], str] | None) -> None:
        self.redact = redact
        self.memo: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Text of any length: paragraphs and line breaks kept."""
        text = _printable(text)
        return _escape(self.redact(text) if self.redact else text)

    def line(self, text: str) -> str:
        """Text folded onto one line."""
        done = self.memo.get(text)
        if done is None:
            flat = _one_line(text)
            done = _escape(self.redact(flat) if self.redact else flat)
            if len(self.memo) < self.MEMO:
                self.memo[text] = done
        return done


def _entry(entry: Entry, text: _UserText) -> str:
    out = []
    for answer in entry.answers:
        if prompt := text.line(answer.prompt_text):
            out.append(f"*{prompt}*\n\n")
        if body := text.block(answer.text):
            out.append(f"{body}\n\n")
    if entry.body and (body := text.block(entry.body)):
        if entry.answers:
            out.append("*Free writing*\n\n")
        out.append(f"{body}\n\n")

    # The check-in in words. `checkin_summary` joins what the person wrote with the journal's
    # own labels (which have nothing to escape), so that text is made safe first.
    checkin = entry.checkin
    who = text.line(checkin.who) if checkin.who else ""
    relationship = checkin.relationship
    if text.redact and who and who != _escape(_one_line(checkin.who)):
        # The name was replaced by the relationship ("my partner"): say it once, in lower case
        # (the replacement was capitalised as if it began a sentence).
        who, relationship = who[:1].lower() + who[1:], None
    small_step = text.line(checkin.small_step) if checkin.small_step else ""
    tags = tuple(t for t in map(text.line, entry.tags) if t)
    if (who, small_step, tags, relationship) != (checkin.who, checkin.small_step, entry.tags, checkin.relationship):
        shown = replace(checkin, who=who, small_step=small_step, relationship=relationship)
        entry = replace(entry, checkin=shown, tags=tags)
    rows = [f"- **{label}:** {value}\n" for label, value in checkin_summary(entry)]
    if entry.created_at and entry.updated_at and entry.updated_at > entry.created_at:
        rows.append(f"- **Edited:** on {short_date(entry.updated_at.date())}, after it was first written\n")
    if rows:
        out.append("".join(rows) + "\n")
    if not out:
        out.append("*Nothing was written for this one.*\n\n")
    return "".join(out)
