"""Replacing names in an export with a few words about the person ("my partner", "a friend").

A name is replaced only where it is used as that name: written exactly as it was given (the same
capital letters, as in "who"), as a whole word. So with "Will" as a name, "I will call Will"
becomes "I will call a friend", and "sam" stays unless "sam" itself was written as a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from closeness_journal.core.text import one_line

SOMEONE = "someone"
"""What a name becomes when nothing more is known about the person."""


def redactor(names: Mapping[str, str]) -> Callable[[str], str]:
    """A function that replaces each name (whole words, written exactly so) with its replacement.

    Longer names are tried first, so "Samantha" is not left as "a partnerantha" when "Sam" is a
    name too. A name of several words matches however much space is between them. A capitalised
    name starting a sentence becomes a capitalised replacement ("Sam said…": "My partner said…").
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
    pattern = re.compile(rf"(?=[{firsts}])(?<!\w)(?:{alternatives})(?!\w)")

    def swap(match: re.Match[str]) -> str:
        replacement = replacements[match.lastgroup or ""]
        if match.group()[0].isupper() and replacement[:1].islower():
            text, i = match.string, match.start() - 1
            while i >= 0 and text[i] in " \t\"'“‘(":
                i -= 1
            if i < 0 or text[i] in ".!?\n":
                replacement = replacement[0].upper() + replacement[1:]
        return replacement

    def redact(text: str) -> str:
        return pattern.sub(swap, text)

    return redact


def parse_names(items: Iterable[str], default: str = SOMEONE) -> dict[str, str]:
    """Names a person listed to replace, each `NAME` or `NAME=words` ("Jo=my sister"); several may
    be given in one item, separated by commas. A name without words becomes `default`."""
    names: dict[str, str] = {}
    for item in items:
        for part in item.split(","):
            name, _, words = part.partition("=")
            name = one_line(name)
            if name:
                names[name] = one_line(words) or default
    return names


def replacement_words(names: Mapping[str, str]) -> list[str]:
    """The words names were replaced by, each once, in order: what the export's key may say
    (never the names themselves)."""
    return sorted({one_line(words) for name, words in names.items() if one_line(name) and one_line(words)})
