"""The whole journal's patterns, added up ahead once the Patterns screen is drawn, so that choosing
"all" only has the drawing left (its SQL is the range's dearest: about 40-70 ms at 100,000
entries), without holding the window up for all of it: short queries (each over a part of the
range) a few milliseconds at a time, the event loop turning between, so a frame due or a key
pressed meanwhile goes on between them (`BetweenFrames`). It keeps the journal's change token
from when it began and stops if anything is written meanwhile; `finish` does the rest at once
(choosing "all" before it is done) and gives the figures.

(A thread reading on a connection of its own was tried: SQLite works without Python's lock, but a
new connection reads with a cold cache, and on a busy two-core machine it made "all" slower.)
"""

from __future__ import annotations

import asyncio
import time
from datetime import date

from closeness_journal.core.patterns import Patterns, compute
from closeness_journal.store import Journal, JournalError

_END = object()
BETWEEN_QUERIES = 0
"""Seconds between two queries: none, the event loop turns once (a pause of even 2-5 ms left the
adding up unfinished when "all" was chosen right after another range, measured at 100,000 entries,
and "all" then cost 20-30 ms more; without a pause the open was still 40-60 ms quicker than
adding it all up at once right after the first frame)."""
STEP_SECONDS = 0.004
"""How long the queries run before the event loop turns. Each query is short (a part of the range,
`Journal.pattern_source_in_steps`, under 1 ms at 100,000 entries, where a query of the whole range
took 4-21 ms); a turn of the loop after each of its 130 made the adding up last longer than the
time between two keys (choosing "all" just after "1 year" then had most of it to do)."""


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

    async def run(self) -> None:
        await asyncio.sleep(BETWEEN_QUERIES)  # what the frame just drawn set off goes on first
        while self._queries(STEP_SECONDS):
            await asyncio.sleep(BETWEEN_QUERIES)

    def _queries(self, seconds: float) -> bool:
        """Queries for about `seconds` (one at least); False once there is nothing left to do."""
        until = time.perf_counter() + seconds
        while self._step():
            if time.perf_counter() >= until:
                return True
        return False

    def finish(self) -> Patterns | None:
        """The rest at once; the figures (None if they could not be read or the journal changed)."""
        while self._step():
            pass
        return self._figures
