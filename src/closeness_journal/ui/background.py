"""Work the window does once its first frame is drawn (the day's automatic backup), on a thread of
its own: neither the first frame nor the first keys wait for it, and it is waited for before the
first key, paste or click is handled, so it is done before anything you do can change the journal.
The work opens its own connection (a SQLite connection belongs to the thread that made it)."""

from __future__ import annotations

import threading
from collections.abc import Callable


class InBackground:
    """`work` run once on its own thread; it returns a line to show when it went wrong, or None."""

    def __init__(self, work: Callable[[], str | None]) -> None:
        self._work = work
        self._thread: threading.Thread | None = None
        self.problem: str | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="after-first-frame", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            self.problem = self._work()
        except Exception as error:  # noqa: BLE001 - said in the window, never a traceback over it
            self.problem = f"today's automatic backup could not be made: {error}"

    @property
    def done(self) -> bool:
        return self._thread is not None and not self._thread.is_alive()

    def wait(self) -> str | None:
        """Start it if it wasn't, wait until it is done, and give its problem (once)."""
        self.start()
        assert self._thread is not None
        self._thread.join()
        problem, self.problem = self.problem, None
        return problem
