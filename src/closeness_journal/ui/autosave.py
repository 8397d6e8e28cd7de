"""Debounced draft saving, so a crash or a closed terminal loses at most a few seconds of typing.

A draft is saved a couple of seconds after typing stops, and at least every few seconds while
typing goes on. (Textual's `Timer.reset()` does not restart a countdown, so each change stops
the pending timer and starts a new one.)
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from closeness_journal.store import JournalError

QUIET_SECONDS = 2.0
LONGEST_SECONDS = 5.0
RETRY_SECONDS = 10.0


class Autosave:
    def __init__(
        self,
        owner: Widget,
        save: Callable[[], None],
        quiet: float | None = None,
        longest: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._owner = owner
        self._save = save
        self._quiet = QUIET_SECONDS if quiet is None else quiet
        self._longest = LONGEST_SECONDS if longest is None else longest
        self._clock = clock
        self._timer: Timer | None = None
        self._dirty_since: float | None = None
        self.problem: str | None = None
        """Why the last save failed, or None."""
        self.last_change = float("-inf")
        """When the last edit came (on `clock`), so housekeeping can wait for a pause."""

    @property
    def pending(self) -> bool:
        """True while there are changes not yet saved as a draft."""
        return self._dirty_since is not None

    def changed(self) -> None:
        """Call on every edit."""
        now = self._clock()
        self.last_change = now
        if self._dirty_since is None:
            self._dirty_since = now
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if now - self._dirty_since >= self._longest:
            self.flush()
        else:
            self._timer = self._owner.set_timer(self._quiet, self.flush, name="autosave")

    def flush(self) -> bool:
        """Save now if anything changed since the last save. False when saving failed: the work
        stays marked unsaved, the person is told, and it is tried again shortly."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._dirty_since is None:
            return True
        dirty_since, self._dirty_since = self._dirty_since, None
        try:
            self._save()
        except JournalError as error:
            self._dirty_since = dirty_since
            self.problem = str(error)
            self._owner.notify(
                f"Your draft couldn't be kept just now: {error} What you typed is still on screen; "
                "I'll keep trying.",
                title="Draft not saved",
                severity="error",
                markup=False,
                timeout=8,
            )
            self._timer = self._owner.set_timer(RETRY_SECONDS, self.flush, name="autosave-retry")
            return False
        self.problem = None
        return True
