"""The export's first parts, as blocks both renderers share: the title, "For my session", the key
to the scales and words, and the summary. The entries that follow are rendered by each format.

Everything a person wrote passes through a `Cleaner` (control characters out, names replaced
when asked) before it goes into a block; the renderers escape every piece of text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from closeness_journal.core.dates import long_date, short_date, week_start
from closeness_journal.core.export_blocks import (
    Block,
    Chart,
    Inline,
    Link,
    Para,
    Prose,
    Section,
    Table,
    bullets,
    em,
    heading,
    para,
    strong,
)
from closeness_journal.core.export_text import Cleaner, long_day
from closeness_journal.core.patterns import Count, Patterns, Period, closeness_sentence, step_sentence
from closeness_journal.core.session import PEAK_AT, SessionFacts, anchor, first_lines
from closeness_journal.core.vocabulary import (
    ACTED,
    BEHAVIOUR_CATEGORY,
    CATEGORY_LABELS,
    FEARS,
    KINDS,
    RELATIONSHIPS,
    SABOTAGE_BEHAVIOURS,
    SCALE_ANCHORS,
    STAYED,
    WITHDRAWAL_BEHAVIOURS,
)
from closeness_journal.core.wording import one_decimal, plural

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from closeness_journal.core.entries import Entry  # not imported: an export reads rows

TOP = 5
"""How many fears, ways of staying close and behaviours the summary lists."""
FEARS_PER_RELATIONSHIP = 3
STAYED_MEANS = (
    "An entry counts as staying close when you noted something you did to stay close, or that the pull "
    "to get away came and you didn't act on it; one entry can hold both staying and pulling away."
)
FORMAT_NAMES = {"markdown": "Markdown", "html": "a printable page"}


class ReviewAnswers:
    """A saved weekly review, for the export: the week and its questions with answers. (A plain
    class: an export makes one a week, and a dataclass took about 0.3 ms to declare.)"""

    __slots__ = ("week", "answers")

    def __init__(self, week: str, answers: tuple[tuple[str, str], ...]) -> None:
        self.week = week
        """`2026-W46`."""
        self.answers = answers
        """(question text, answer text) pairs, in the order they were asked."""

    def __repr__(self) -> str:
        return f"ReviewAnswers({self.week!r}, {self.answers!r})"


# ---------------------------------------------------------------------------------- the title


def title_blocks(
    since: date,
    until: date,
    exported_on: date,
    redacted: bool,
    kind: str = "markdown",
    scope: str = "",
) -> list[Block]:
    """The document's title, when and how it was made, and what it holds."""
    blocks: list[Block] = [
        heading(1, f"Your journal, {date_span(since, until)}"),
        para(em(
            f"Exported from closeness-journal on {long_date(exported_on)}, as {FORMAT_NAMES.get(kind, kind)}. "
            "These are personal reflections, kept for yourself: a journal, not a clinical record."
        )),
    ]
    if scope:
        blocks.append(para(scope))
    if redacted:
        blocks.append(para("Some names were replaced with a few words about the person."))
    return blocks


def date_span(since: date, until: date) -> str:
    if since == until:
        return short_date(since)
    if since.year == until.year:
        return f"{since.day} {since:%b} – {short_date(until)}"
    return f"{short_date(since)} – {short_date(until)}"


def scope_sentence(last_export: datetime | None, since_last: bool) -> str:
    """What a "since my last export" document holds, in words (`last_export` on the person's clock)."""
    if not since_last:
        return ""
    if last_export is None:
        return "This is your first export, so it holds everything."
    return (
        f"What you wrote, changed or flagged since your last export, on {long_date(last_export.date())} "
        f"at {last_export:%H:%M}."
    )


# ---------------------------------------------------------------------------------- for my session


def session_section(facts: SessionFacts, patterns: Patterns, clean: Cleaner) -> Section:
    """"For my session": what the person wants to talk about, then what stood out."""
    blocks: list[Block] = [heading(2, "For my session")]
    blocks += _note(facts, clean)
    blocks += _flagged(facts, clean)
    blocks += _peaks(facts, clean)
    blocks += _helped(facts, patterns, clean)
    blocks += _fear_by_relationship(facts)
    blocks += _kinds(patterns)
    blocks += _steps(facts, patterns, clean)
    # The ladder of small steps (issue 17) goes here, after the steps taken.
    return Section("for-my-session", tuple(blocks))


def linked_entries(facts: SessionFacts) -> frozenset[str]:
    """The ids of the entries "For my session" links to (they get an anchor where they are shown)."""
    return frozenset(e.id for e in (*facts.flagged, *facts.peaks, *facts.better, *facts.steps) if e.id)


def _date_link(entry: Entry) -> Inline:
    day = f"{entry.local_date:%a} {short_date(entry.local_date)}"
    return Link(anchor(entry), (day,)) if entry.id else day


def _more(shown: int, total: int, one: str, many: str) -> list[Block]:
    if total <= shown:
        return []
    return [para(em(f"…and {total - shown:,} more {one if total - shown == 1 else many}, in the entries below."),
                 kind="quiet")]


def _note(facts: SessionFacts, clean: Cleaner) -> list[Block]:
    blocks: list[Block] = [heading(3, "What I want to talk about")]
    note = clean.block(facts.note).strip()
    blocks.append(Prose(note, kind="note") if note else para(em("No note was written for this session."), kind="quiet"))
    return blocks


def _flagged(facts: SessionFacts, clean: Cleaner) -> list[Block]:
    blocks: list[Block] = [heading(3, "Entries I flagged to bring up")]
    if not facts.flagged:
        return [*blocks, para(em("No entries were flagged to bring up."), kind="quiet")]
    items = []
    for entry in facts.flagged:
        item: list[Inline] = [_date_link(entry)]
        whom = clean.with_whom(entry.checkin)
        if whom:
            item.append(f", with {whom}")
        words = clean.line(first_lines(entry))
        if words:
            item.append(f": {words}")
        items.append(tuple(item))
    more = _more(len(facts.flagged), facts.flagged_total, "flagged entry", "flagged entries")
    return [*blocks, bullets(items), *more]


def _peaks(facts: SessionFacts, clean: Cleaner) -> list[Block]:
    blocks: list[Block] = [
        heading(3, "Peak moments"),
        para(em(f"When the fear, or the pull to get away, was {PEAK_AT} out of 10 or more."), kind="quiet"),
    ]
    if not facts.peaks:
        return [*blocks, para(f"No moment reached {PEAK_AT} out of 10 in these entries.")]
    items = []
    for entry in facts.peaks:
        checkin = entry.checkin
        figures = []
        if checkin.intensity is not None:
            figures.append(f"fear {checkin.intensity} of 10")
        if checkin.urge is not None:
            figures.append(f"the pull to get away {checkin.urge} of 10")
        item: list[Inline] = [_date_link(entry), ": " + ", ".join(figures)]
        whom = clean.with_whom(checkin)
        if whom:
            item.append(f", with {whom}")
        item.append(".")
        if checkin.fears:
            item.append(" Feared: " + "; ".join(FEARS[f] for f in checkin.fears) + ".")
        if checkin.acted in _ACTED_WORDS:
            item.append(f" {_ACTED_WORDS[checkin.acted]}.")
        words = clean.line(first_lines(entry, 100))
        if words:
            item += [" ", em(words)]
        items.append(tuple(item))
    return [*blocks, bullets(items), *_more(len(facts.peaks), facts.peaks_total, "peak moment", "peak moments")]


_ACTED_WORDS = {
    "yes": "You acted on the pull", "partly": "You partly acted on the pull", "no": "You stayed with the pull",
}


def _helped(facts: SessionFacts, patterns: Patterns, clean: Cleaner) -> list[Block]:
    blocks: list[Block] = [heading(3, "What helped")]
    # Pauses (a kind of entry still to come) would be listed here first.
    staying = [(c.label, c.count) for c in patterns.ways_of_staying[:TOP]]
    if patterns.totals.acted_no:
        staying.append(("The pull to get away came and you stayed with it", patterns.totals.acted_no))
    if staying:
        blocks.append(para(strong("Ways you stayed close")))
        blocks.append(bullets([(f"{label}: {plural(count, 'time', 'times')}",) for label, count in staying]))
    if facts.better:
        blocks.append(para(strong("Steps that went better than expected")))
        items = []
        for entry in facts.better:
            step = clean.line(entry.checkin.small_step)
            item: list[Inline] = [_date_link(entry), ": "]
            if step:
                item += [em(step), " — "]
            item.append(f"expected {entry.checkin.predicted}, really {entry.checkin.outcome} (of 10)")
            items.append(tuple(item))
        blocks += [bullets(items), *_more(len(facts.better), facts.better_total, "step", "steps")]
    if len(blocks) == 1:
        blocks.append(para("Nothing was noted yet about staying close, or about steps that went better than expected."))
    return blocks


def _fear_by_relationship(facts: SessionFacts) -> list[Block]:
    blocks: list[Block] = [heading(3, "Fear by relationship")]
    by: dict[str | None, list[tuple[str, int]]] = {}
    for relationship, fear, count in facts.fear_by_relationship:
        if fear in FEARS:
            by.setdefault(relationship, []).append((fear, count))
    if not by:
        return [*blocks, para("No fears were noted in these entries.")]
    order = sorted(by, key=lambda rel: (-sum(n for _, n in by[rel]), rel is None, rel or ""))
    items = []
    for relationship in order:
        who = f"With {RELATIONSHIPS[relationship]}" if relationship in RELATIONSHIPS else "Relationship not noted"
        top = by[relationship][:FEARS_PER_RELATIONSHIP]
        fears = "; ".join(f"{FEARS[fear]}, {plural(count, 'time', 'times')}" for fear, count in top)
        items.append((strong(f"{who}:"), f" {fears}"))
    return [*blocks, bullets(items)]


def _kinds(patterns: Patterns) -> list[Block]:
    blocks: list[Block] = [heading(3, "Kinds of closeness")]
    if not patterns.kinds:
        return [*blocks, para("No kinds of closeness were noted in these entries.")]
    return [*blocks, bullets([(f"{c.label}: {plural(c.count, 'time', 'times')}",) for c in patterns.kinds])]


def _steps(facts: SessionFacts, patterns: Patterns, clean: Cleaner) -> list[Block]:
    blocks: list[Block] = [heading(3, "Small steps, in your own words")]
    if not facts.steps:
        return [*blocks, para("No small steps were written in these entries.")]
    items = []
    for entry in facts.steps:
        checkin = entry.checkin
        item: list[Inline] = [_date_link(entry), ": ", em(clean.line(checkin.small_step))]
        if checkin.predicted is not None or checkin.outcome is not None:
            expected = "–" if checkin.predicted is None else str(checkin.predicted)
            really = "–" if checkin.outcome is None else str(checkin.outcome)
            item.append(f" — expected {expected}, really {really} (of 10)")
        items.append(tuple(item))
    shown, total = len(facts.steps), facts.steps_total
    blocks.append(bullets(items))
    if total > shown:
        blocks.append(para(em(f"…and {plural(total - shown, 'earlier step', 'earlier steps')}, in the entries below."),
                           kind="quiet"))
    blocks.append(para(step_sentence(patterns.steps)))
    return blocks


# ---------------------------------------------------------------------------------- the key


def key_section(replaced_by: Sequence[str] = ()) -> Section:
    """What the scales and the words mean; and, when names were replaced, by which words (never
    the names)."""
    def labels(vocabulary: Iterable[str]) -> str:
        return "; ".join(vocabulary) + "."

    items: list[tuple[Inline, ...]] = [
        (strong("Scales, 0 to 10:"), f" {SCALE_ANCHORS}. Used for the fear, the pull to get away, and how hard a "
         "planned step was expected to be and really was."),
        (strong(f"{CATEGORY_LABELS['withdrawal']}:"), " " + labels(WITHDRAWAL_BEHAVIOURS.values())),
        (strong(f"{CATEGORY_LABELS['sabotage']}:"), " " + labels(SABOTAGE_BEHAVIOURS.values())),
        (strong("Staying close:"), f" {STAYED_MEANS} Ways of staying close: " + labels(STAYED.values())),
        (strong("Acted on the pull:"), " " + labels(ACTED.values())),
        (strong("Kinds of closeness:"), " " + labels(KINDS.values())),
        (strong("Peak moments:"), f" the fear, or the pull to get away, at {PEAK_AT} out of 10 or more."),
        (strong("Flagged:"), " entries you marked to bring up at your next session."),
    ]
    if replaced_by:
        words = ", ".join(f"“{w}”" for w in replaced_by)
        items.append((
            strong("Names:"),
            f" names were replaced by {words}. A name is replaced where it is written as it was in "
            "“who” (with the same capital letters), or as you listed it; other spellings are left as written.",
        ))
    return Section("key", (heading(2, "Key to the scales and words"), bullets(items)))


# ---------------------------------------------------------------------------------- the summary


def summary_section(
    patterns: Patterns,
    private_left_out: int,
    reviews: Sequence[ReviewAnswers],
    clean: Cleaner,
) -> Section:
    """Entries and days, the period-by-period table (and chart), what was feared, how you stayed
    close and pulled away, closeness, the small steps, and the weekly reviews."""
    steps = patterns.steps
    blocks: list[Block] = [heading(2, "Summary")]
    facts = [(strong("Entries:"), f" {steps.entries}, written on {plural(steps.days_journaled, 'day', 'days')}")]
    if private_left_out > 0:
        marked = plural(private_left_out, "entry marked private was", "entries marked private were")
        facts.append((f"{marked} left out",))
    blocks.append(bullets(facts))

    unit = "Week" if patterns.by == "week" else "Month"
    blocks += [
        heading(3, f"{unit} by {unit.lower()}"),
        Chart(patterns),
        Table(
            (unit, "Pulled away", "Pushed away", "Stayed close", "Entries", "Average fear (0–10)", "Small steps"),
            (False, True, True, True, True, True, True),
            tuple(
                (period_name(p, patterns.by), str(p.withdrawal), str(p.sabotage), str(p.stayed), str(p.entries),
                 one_decimal(p.mean_intensity), str(p.small_steps))
                for p in patterns.periods
            ),
        ),
        para(em(f"{STAYED_MEANS} Every scale runs from 0 to 10: {SCALE_ANCHORS}.")),
        heading(3, "What you feared most"),
        _counts(patterns.fears[:TOP], lambda c: c.label, "No fears were noted in check-ins for these dates."),
        heading(3, "What you did to stay close"),
        _counts(patterns.ways_of_staying[:TOP], lambda c: c.label,
                "No ways of staying close were noted in check-ins for these dates."),
        heading(3, "How you pulled or pushed away"),
        _counts(
            patterns.behaviours[:TOP],
            lambda c: f"{c.label} ({CATEGORY_LABELS[BEHAVIOUR_CATEGORY[c.key]].lower()})"
            if c.key in BEHAVIOUR_CATEGORY else c.label,
            "No ways of pulling or pushing away were noted in check-ins for these dates.",
        ),
        heading(3, "Closeness, pulling away and staying close"),
        para(closeness_sentence(patterns.closeness)),
        heading(3, "Small steps"),
        para(step_sentence(steps)),
    ]
    planned = [p for p in patterns.periods if p.planned_steps]
    if planned:
        blocks.append(Table(
            (unit, "Planned steps", "Expected (0–10)", "How it really was (0–10)"),
            (False, True, True, True),
            tuple(
                (period_name(p, patterns.by), str(p.planned_steps), one_decimal(p.mean_predicted),
                 one_decimal(p.mean_outcome))
                for p in planned
            ),
        ))
    if reviews:
        blocks.append(heading(3, "Weekly reviews"))
        asked_before: dict[str, Para] = {}  # the same few questions, week after week: one block each
        for review in reviews:
            blocks.append(heading(4, _review_week(review.week, clean)))
            for question, answer in review.answers:
                asked = clean.line(question)
                if asked:
                    if (question_block := asked_before.get(asked)) is None:
                        question_block = asked_before[asked] = para(strong(asked))
                    blocks.append(question_block)
                said = clean.block(answer)
                # `said.strip()` without copying the answer: any character that isn't white space
                blocks.append(Prose(said) if said and not said.isspace() else para(em("Left blank.")))
    return Section("summary", tuple(blocks))


def _counts(counts: Sequence[Count], label: Callable[[Count], str], none: str) -> Block:
    if not counts:
        return para(none)
    return bullets([(f"{label(c)}: {plural(c.count, 'time', 'times')}",) for c in counts])


def period_name(period: Period, by: str) -> str:
    if by == "week":
        return f"Week of {short_date(week_start(period.start))}"
    return f"{period.start:%B %Y}"


def _review_week(week: str, clean: Cleaner) -> str:
    try:
        year, number = week.strip().split("-W")
        monday = date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        return f"Week {clean.line(week)}"
    return f"Week of {long_day(monday)}"
