"""Helpers for Pilot tests: typing without a pause per key, waiting on a condition, reading the screen.

`pilot.press` waits for the app to go idle after every key (about 60 ms a key, more on a busy
machine), so typing a sentence with it takes seconds. `type_text` sends the same key events to
the focused widget and waits once at the end. Use it for plain characters typed into one widget;
keep `pilot.press` for keys that move focus or run an action.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.strip import Strip

CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` (no newlines) into the focused widget, key by key, then wait for the app."""
    assert "\n" not in text, "use pilot.press('enter') between lines"
    for character in text:
        pilot.app.post_message(events.Key(_character_to_key(character), character))
    await pilot.pause()


async def until(pilot: Pilot, condition: Callable[[], object], timeout: float = 5.0, what: str = "") -> None:
    """Wait until `condition()` is true (timers fire, messages are handled), failing after `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what or condition}"
        await pilot.pause(0.02)


def screen_lines(pilot: Pilot) -> list[Strip]:
    """The lines the terminal would get for the whole screen now (dialogs and notifications included).

    Textual's compositor has no public way to render a full frame; this is what `App` itself draws.
    """
    return pilot.app.screen._compositor.render_strips()


async def screen_showing(pilot: Pilot, *texts: str, timeout: float = 5.0) -> list[Strip]:
    """The screen's lines once every one of `texts` is drawn (widgets draw a moment after they change)."""
    deadline = time.monotonic() + timeout
    while True:
        lines = screen_lines(pilot)
        missing = [text for text in texts if not any(text in line.text for line in lines)]
        if not missing:
            return lines
        if time.monotonic() > deadline:
            line_showing(lines, missing[0])  # fails, showing the screen
        await pilot.pause(0.02)


def live_segments(lines: Iterable[Strip]) -> list[Segment]:
    """Segments that would act or escape: a link, a click action, a control code or character."""
    found = []
    for line in lines:
        for segment in line:
            style = segment.style
            if (
                segment.control
                or CONTROL_CHARACTER.search(segment.text)
                or (style is not None and (style.link or "@click" in style.meta))
            ):
                found.append(segment)
    return found


def line_showing(lines: list[Strip], text: str) -> Strip:
    """The first line that shows `text`; fails naming it when none does."""
    for line in lines:
        if text in line.text:
            return line
    shown = "\n".join(line.text.rstrip() for line in lines)
    raise AssertionError(f"{text!r} is not on screen:\n{shown}")


def assert_one_style(line: Strip, text: str) -> None:
    """Every character of `text` on `line` has the same style: nothing in the text started a style."""
    start = line.text.index(text)
    end = start + len(text)
    styles = set()
    at = 0
    for segment in line:
        seg_end = at + len(segment.text)
        if seg_end > start and at < end and segment.style is not None:
            styles.add(segment.style.clear_meta_and_links())
        at = seg_end
    assert len(styles) <= 1, f"{text!r} is drawn in {len(styles)} styles: {styles}"


def assert_literal(content: Content, text: str) -> None:
    """`content` holds `text` exactly, and no span of it starts or ends inside the text (a style
    that came from markup in the text would) or makes it a link or an action."""
    at = content.plain.find(text)
    assert at >= 0, f"{text!r} is not in {content.plain!r}"
    end = at + len(text)
    for span in content.spans:
        if span.start < end and span.end > at:
            assert span.start <= at and span.end >= end, f"a style starts or ends inside {text!r}: {span}"
            described = str(span.style)
            assert "@click" not in described and "link" not in described, f"{text!r} is live: {span}"
