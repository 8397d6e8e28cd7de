"""Where to find support now: one text for Help, the welcome and `closeness-journal support`.

It never claims to know the person's country: it says how to find the emergency number and a
crisis line wherever they are.
"""

from __future__ import annotations

import textwrap

TITLE = "If you need support now"

INTRO = (
    "If you are in danger, or thinking about harming yourself, please reach out to someone now. "
    "You don't have to be sure it is serious enough to ask."
)

WAYS = (
    "Call your local emergency number. Your phone can call it even when locked (look for "
    '"Emergency" on the lock screen); a web search for "emergency number" and your country\'s name '
    "tells you what it is.",
    'Talk to a crisis line. A web search for "crisis line" and your country\'s name finds the ones '
    "where you are; your doctor or a local health service can point you to one too.",
    "Tell someone you trust what is happening, and ask them to stay with you.",
)

SAFETY = (
    "If someone is hurting, frightening or controlling you, keeping your distance from them can be "
    'the right choice, and you deserve help with it: a web search for "domestic abuse helpline" and '
    "your country's name finds people who can help."
)

LIMITS = (
    "This journal is a reflection aid, not therapy and not an emergency service. It sends nothing "
    "anywhere, so no one is alerted by what you write here."
)

COMMAND = "closeness-journal support"


def support_text(width: int = 78) -> str:
    """The support text as plain lines of at most `width` characters, for a terminal."""
    fill = textwrap.TextWrapper(width=width, break_long_words=False, break_on_hyphens=False)
    bullet = textwrap.TextWrapper(
        width=width, initial_indent="  - ", subsequent_indent="    ", break_long_words=False, break_on_hyphens=False
    )
    parts = [TITLE, "", fill.fill(INTRO), ""]
    parts += [bullet.fill(way) for way in WAYS]
    parts += ["", fill.fill(SAFETY), "", fill.fill(LIMITS)]
    return "\n".join(parts) + "\n"


def support_markdown(heading: str = "##") -> str:
    """The support text as Markdown (for Help), under a heading of the given level."""
    ways = "\n".join(f"- {way}" for way in WAYS)
    return f"{heading} {TITLE}\n\n{INTRO}\n\n{ways}\n\n{SAFETY}\n\n{LIMITS}\n"
