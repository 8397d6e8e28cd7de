"""The journal's stable vocabulary: slugs stored in the database, with the kind words shown for them.

Slugs never change once shipped (they are in people's databases and exports); labels may be reworded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

WITHDRAWAL = "withdrawal"
SABOTAGE = "sabotage"
CATEGORIES = (WITHDRAWAL, SABOTAGE)

CATEGORY_LABELS: Mapping[str, str] = MappingProxyType(
    {WITHDRAWAL: "Pulling away", SABOTAGE: "Pushing away"}
)

KINDS: Mapping[str, str] = MappingProxyType(
    {
        "intellectual": "Sharing ideas and thoughts",
        "emotional": "Sharing feelings",
        "experiential": "Doing things together",
        "physical": "Touch and physical closeness",
        "spiritual": "Beliefs and meaning",
    }
)

RELATIONSHIPS: Mapping[str, str] = MappingProxyType(
    {
        "partner": "a partner",
        "date": "someone you're dating",
        "friend": "a friend",
        "family": "family",
        "colleague": "a colleague",
        "other": "someone else",
    }
)

REDACTED_AS: Mapping[str, str] = MappingProxyType(
    {
        "partner": "my partner",
        "date": "someone I'm dating",
        "friend": "a friend",
        "family": "a family member",
        "colleague": "a colleague",
        "other": "someone",
    }
)
"""What a name becomes in a redacted export. Entries are written in the first person ("I saw
Sam"), so the words are too ("I saw my partner")."""

FEARS: Mapping[str, str] = MappingProxyType(
    {
        "rejection": "Being turned away",
        "abandonment": "Being left: that they would walk away",
        "engulfment": "Losing yourself or being controlled",
        "judgement": "Being judged",
        "betrayal": "Being let down or betrayed",
        "being-seen": "Being truly seen",
        "loss": "Losing them to something neither of you chose (illness, death, distance)",
        "not-enough": "Not being good enough, or worthy of love",
        "burden": "Being too much, or your needs not mattering",
        "hurt-again": "Being hurt again the way you were before",
    }
)

WITHDRAWAL_BEHAVIOURS: Mapping[str, str] = MappingProxyType(
    {
        "went-quiet": "Went quiet or shut down",
        "avoided-topic": "Steered away from feelings",
        "cancelled-plans": "Cancelled plans or avoided contact",
        "kept-it-surface": "Kept things light and on the surface",
        "over-independence": "Insisted on doing it all yourself",
        "numbed-out": "Felt numb or far away",
        "avoided-touch": "Avoided touch or physical closeness",
        "hid-needs": "Didn't say what you needed",
        "brushed-off-affection": "Waved away a compliment or care",
        "numbed-out-with-something": "Numbed out with something (a drink, screens, work)",
        "showed-a-polished-self": "Showed only a polished version of yourself",
    }
)

SABOTAGE_BEHAVIOURS: Mapping[str, str] = MappingProxyType(
    {
        "picked-fight": "Started an argument",
        "ended-it": "Ended it, or threatened to",
        "distrust": "Suspected them without a clear reason",
        "pushed-away": "Pushed them away or criticised",
        "sought-elsewhere": "Looked for reassurance elsewhere",
        "chose-unavailable": "Went for someone unavailable",
        "moved-on": "Moved on as it got serious",
        "focused-on-flaws": "Focused on their flaws",
        "physical-instead-of-emotional": "Kept it physical to avoid closeness of feelings",
    }
)

BEHAVIOURS: Mapping[str, str] = MappingProxyType(
    {**WITHDRAWAL_BEHAVIOURS, **SABOTAGE_BEHAVIOURS}
)

BEHAVIOUR_CATEGORY: Mapping[str, str] = MappingProxyType(
    {
        **{slug: WITHDRAWAL for slug in WITHDRAWAL_BEHAVIOURS},
        **{slug: SABOTAGE for slug in SABOTAGE_BEHAVIOURS},
    }
)


STAYED: Mapping[str, str] = MappingProxyType(
    {
        "shared-a-feeling": "Shared a feeling",
        "stayed-in-the-conversation": "Stayed in the conversation",
        "asked-for-a-need": "Asked for something you needed",
        "let-affection-in": "Let affection or a compliment in",
        "reached-out": "Reached out first",
        "kept-plans": "Kept the plans",
        "paused-instead-of-leaving": "Paused instead of leaving",
        "set-a-kind-boundary": "Set a boundary kindly",
    }
)
"""What you did to stay close: the third series of the pattern view, as much a part of the
pattern as pulling away."""

ACTED: Mapping[str, str] = MappingProxyType(
    {
        "yes": "Yes, I acted on it",
        "partly": "Partly",
        "no": "No, I stayed with it",
    }
)
"""Whether the pull to get away was acted on (the split a DBT diary card makes)."""

SITTING = "sitting"
PAUSE = "pause"
ENTRY_KINDS: Mapping[str, str] = MappingProxyType(
    {
        SITTING: "a sitting",
        PAUSE: "a pause in the moment",
    }
)
"""What an entry is: a sitting (the day's prompts, free writing, a check-in) or a pause taken in
the moment the pull to get away was strong (what just happened, the pull before and after)."""

SCALE_ANCHORS = "0 none · 5 strong · 10 overwhelming"
"""What the ends and the middle of every 0-10 scale mean."""


class UnknownSlug(ValueError):
    """A value that is not in the journal's vocabulary; the message lists the valid ones."""

    def __init__(self, field: str, value: str, valid: Iterable[str]) -> None:
        self.field = field
        self.value = value
        self.valid = tuple(valid)
        super().__init__(
            f"unknown {field} {value!r}; choose from: {', '.join(self.valid)}"
        )


def check_slugs(field: str, values: Iterable[str], vocabulary: Mapping[str, str]) -> tuple[str, ...]:
    """Return the values as a de-duplicated tuple in their given order, or raise UnknownSlug."""
    seen: list[str] = []
    for value in values:
        if value not in vocabulary:
            raise UnknownSlug(field, value, vocabulary)
        if value not in seen:
            seen.append(value)
    return tuple(seen)


def categories_of(behaviours: Iterable[str]) -> set[str]:
    """The categories (withdrawal, sabotage) the given behaviours fall in."""
    return {BEHAVIOUR_CATEGORY[b] for b in behaviours}
