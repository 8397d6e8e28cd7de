"""The whole journal's patterns, added up ahead once the Patterns screen is drawn, so that choosing
"all" only has the drawing left (its SQL is the range's dearest: about 40-70 ms at 100,000
entries, in eight queries), without holding the window up for all of it: a query at a time, each
once the screen has drawn what is pending (`BetweenFrames`), so that a key pressed or a frame due
meanwhile goes first. It keeps the journal's change token from when it began and stops if
anything is written meanwhile; `finish` does the rest at once (choosing "all" before it is done)
and gives the figures.

(A thread reading on a connection of its own was tried: SQLite works without Python's lock, but a
new connection reads with a cold cache, and on a busy two-core machine it made "all" slower.)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from closeness_journal.core.patterns import Patterns, compute
from closeness_journal.store import Journal, JournalError

_END = object()


class BetweenFrames:
    """The figures of [since, until], a query at a time on the journal's own connection (`run`)."""

    def __init__(self, journal: Journal, since: date, until: date) -> None:
        self.token = journal.change_token()
        self._journal = journal
        self._span = (since, until)
        self._steps = journal.pattern_source_in_steps(since, until)
        self._figures: Patterns | None = None
        self.done = False

    def _step(self) -> bool:
        """One query; False once there is nothing left to do."""
        if self.done:
            return False
        try:
            source = next(self._steps, _END)
        except JournalError:
            source = _END  # choosing "all" reads it again, and says what went wrong
        if source is _END or self._journal.change_token() != self.token:
            self.done = True  # (written meanwhile: the figures would mix before and after)
        elif source is not None:
            self._figures = compute(source, *self._span)
            self.done = True
        return not self.done

    async def run(self, drawn: Callable[[], Awaitable[object]]) -> None:
        """A query at a time, each once `drawn()` is over: the screen's `wait_for_refresh`, which
        ends at once when nothing is pending (no fixed pause: a pause of even 2-5 ms left the adding
        up unfinished when "all" was chosen right after another range, and "all" then cost 20-30 ms
        more). With only a turn of the event loop between two queries, a query (5-12 ms at 100,000
        entries) went before what takes a screen a few turns: a key reaching it, its callbacks
        after a refresh."""
        await drawn()
        while self._step():
            await drawn()

    def finish(self) -> Patterns | None:
        """The rest at once; the figures (None if they could not be read or the journal changed)."""
        while self._step():
            pass
        return self._figures
