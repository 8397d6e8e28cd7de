"""The parts of an export as plain data, so the Markdown file and the printable page hold the same
content: headings, paragraphs, lists and tables made of text, emphasis and links to entries.

Every `str` in a block is text as a person reads it, never markup: each renderer escapes all of
it (Markdown with backslashes, HTML with entities). Only the block types add structure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from closeness_journal.core.dates import long_date

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from closeness_journal.core.ladder import LadderRung
    from closeness_journal.core.patterns import Patterns


class _Part:
    """A block or a piece of one: its values, named in `__slots__`, are given once when it is made
    and never changed. (Plain classes, not frozen dataclasses: an export makes thousands of them,
    and a frozen dataclass takes about twice as long to make, and longer to declare.)"""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

    def __hash__(self) -> int:
        return hash((type(self), *(getattr(self, name) for name in self.__slots__)))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({values})"


class Strong(_Part):
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Inline, ...]) -> None:
        self.parts = parts


class Em(_Part):
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Inline, ...]) -> None:
        self.parts = parts


class Link(_Part):
    """A link to a place in the same document (an entry's anchor)."""

    __slots__ = ("anchor", "parts")

    def __init__(self, anchor: str, parts: tuple[Inline, ...]) -> None:
        self.anchor, self.parts = anchor, parts


Inline = str | Strong | Em | Link


class Heading(_Part):
    __slots__ = ("level", "parts")

    def __init__(self, level: int, parts: tuple[Inline, ...]) -> None:
        self.level, self.parts = level, parts


class Para(_Part):
    __slots__ = ("parts", "kind")

    def __init__(self, parts: tuple[Inline, ...], kind: str = "") -> None:
        self.parts = parts
        self.kind = kind
        """A hint for the page's style: "" (ordinary), "quiet" (a side note)."""


class Prose(_Part):
    """What a person wrote at length: paragraphs and line breaks kept."""

    __slots__ = ("text", "kind")

    def __init__(self, text: str, kind: str = "") -> None:
        self.text = text
        self.kind = kind
        """"note" for the person's note for the session."""


class Bullets(_Part):
    __slots__ = ("items", "under")

    def __init__(
        self, items: tuple[tuple[Inline, ...], ...], under: tuple[tuple[tuple[Inline, ...], ...], ...] = ()
    ) -> None:
        self.items = items
        self.under = under
        """Items listed under each item, one level down (none when shorter than `items`)."""


class Table(_Part):
    __slots__ = ("header", "numeric", "rows")

    def __init__(self, header: tuple[str, ...], numeric: tuple[bool, ...], rows: tuple[tuple[str, ...], ...]) -> None:
        self.header = header
        self.numeric = numeric
        """Which columns hold numbers (aligned right)."""
        self.rows = rows


class Chart(_Part):
    """The period-by-period chart of pulling away, pushing away and staying close (drawn on the
    printable page; the Markdown has the table beside it instead)."""

    __slots__ = ("patterns",)

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns


class Section(_Part):
    """A part of the document, named for the page's style ("for-my-session", "key", "summary")."""

    __slots__ = ("name", "blocks")

    def __init__(self, name: str, blocks: tuple[Block, ...]) -> None:
        self.name, self.blocks = name, blocks


Block = Heading | Para | Prose | Bullets | Table | Chart | Section


def para(*parts: Inline, kind: str = "") -> Para:
    return Para(tuple(parts), kind)


def heading(level: int, *parts: Inline) -> Heading:
    return Heading(level, tuple(parts))


def strong(*parts: Inline) -> Strong:
    return Strong(tuple(parts))


def em(*parts: Inline) -> Em:
    return Em(tuple(parts))


def bullets(items: list[tuple[Inline, ...]] | tuple[tuple[Inline, ...], ...]) -> Bullets:
    return Bullets(tuple(items))


# ---------------------------------------------------------------------------------- the ladder


def ladder_section(ladder: Sequence[LadderRung], line: Callable[[str], str]) -> Section | None:
    """The ladder of small steps, easiest first, each rung with its tries in these dates (a retired
    rung only when it was tried in them); None when there is no ladder. `line` cleans what the
    person wrote (a rung's words, whom it is with) onto one line, names replaced when asked."""
    shown = [step for step in ladder if not step.rung.retired or step.attempts]
    if not shown:
        return None
    from closeness_journal.core.ladder import attempt_words, forecast_sentence, gap_words, hard_words, suggest
    items: list[tuple[Inline, ...]] = []
    for step in shown:
        rung = step.rung
        item: list[Inline] = [strong(line(rung.text))]
        if rung.who:
            item.append(f" (with {line(rung.who)})")
        if rung.retired:
            item += [" ", em("(retired)")]
        items.append((*item, f": {hard_words(rung)}; {gap_words(step)}"))
    blocks: list[Block] = [
        heading(3, "Your ladder of small steps"),
        para(em("Steps you'd like to be able to take, easiest first. How hard each feels now is out of 100; "
                "how hard each try was expected to be, and really was, is out of 10.")),
        para(forecast_sentence(shown)),
        Bullets(tuple(items), tuple(tuple((f"{long_date(a.day)}: {attempt_words(a)}",) for a in step.attempts)
                                    for step in shown)),
    ]
    suggestion = suggest(shown)
    if suggestion.step is not None:
        blocks.append(para(strong("Next to try:"), f" {line(suggestion.step.rung.text)}. {suggestion.reason}"))
    return Section("ladder", tuple(blocks))
