"""Asking the operating system whether another journal window's process still runs."""

import os
import socket
import subprocess
import sys

from closeness_journal.windows import process_alive, this_window


def test_this_window_is_this_process_on_this_machine():
    here = this_window()
    assert (here.pid, here.host) == (os.getpid(), socket.gethostname())


def test_a_running_process_is_alive_and_an_ended_one_is_not():
    assert process_alive(os.getpid())
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    assert not process_alive(ended.pid)


def test_ids_that_name_no_single_process_are_not_alive():
    for pid in (0, -1, 2**80):  # 0 and -1 would signal a whole group; too large for the system
        assert not process_alive(pid)
