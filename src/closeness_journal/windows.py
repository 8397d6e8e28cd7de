"""Which journal window this is, and whether another window's process is still running.

Today, a pause and an edit keep their unsaved work as a draft marked with its window (process id and
machine), so a window that opens takes over drafts that closed windows left, never one a window
still has open, and emptying the trash leaves the edits windows still hold. The rule is in
`core.today`; this module only asks the operating system.
"""

from __future__ import annotations

import os
import socket

from closeness_journal.core.today import Window, still_open


def this_window() -> Window:
    return Window(os.getpid(), socket.gethostname())


def process_alive(pid: int) -> bool:
    """True while a process with this id runs on this machine (signal 0 checks without sending).

    On Windows `os.kill` would end the process, so there a draft's window counts as closed."""
    if os.name == "nt" or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    except (OSError, OverflowError):
        return False
    return True


def open_here(owner: Window | None) -> bool:
    """True while `owner` is a journal window open on this machine, this one included."""
    return still_open(owner, this_window(), process_alive)
