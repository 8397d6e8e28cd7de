"""Nothing goes near the network: every command, and the window as it starts, in processes where
making a network socket (or looking a name up) fails and is written down. Local sockets stay
allowed: asyncio's event loop wakes itself through a socketpair."""

from __future__ import annotations

import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import termios
import time

import pytest

GUARD = '''
import os, socket

_LOG = os.environ["NO_NETWORK_LOG"]


def _record(what):
    with open(_LOG, "a") as log:
        log.write(what + "\\n")
    raise OSError("network blocked by the no-network test: " + what)


class _Guarded(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family not in (socket.AF_UNIX,):
            _record(f"socket(family={family})")
        super().__init__(family, type, proto, fileno)


socket.socket = _Guarded
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
              "getfqdn", "create_server"):
    setattr(socket, _name, lambda *a, _n=_name, **k: _record(_n))
'''


@pytest.fixture
def guarded(tmp_path, private_folders):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "network.log"
    env = {
        **os.environ, "PYTHONPATH": str(site), "NO_NETWORK_LOG": str(log),
        "CLOSENESS_JOURNAL_DIR": str(private_folders), "TERM": "xterm-256color",
    }
    return env, log, tmp_path


def cli(env: dict[str, str], *args: str, stdin: str = "", passphrase: str | None = None) -> subprocess.CompletedProcess:
    """The command in a process of its own; `passphrase` (lines) is read through --passphrase-fd."""
    fds = _passphrase_fd(passphrase)
    extra = ["--passphrase-fd", str(fds[0])] if fds else []
    try:
        return subprocess.run([sys.executable, "-m", "closeness_journal", *args, *extra], input=stdin,
                              capture_output=True, text=True, env=env, timeout=120, pass_fds=fds)
    finally:
        for fd in fds:
            os.close(fd)


def _passphrase_fd(passphrase: str | None) -> tuple[int, ...]:
    if passphrase is None:
        return ()
    read, write = os.pipe()
    os.write(write, f"{passphrase}\n".encode())
    os.close(write)
    return (read,)


def window(env: dict[str, str], *args: str, passphrase: str | None = None) -> int:
    """The window (or the demo) in a pseudo-terminal, until its first screen is drawn."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    fds = _passphrase_fd(passphrase)
    extra = ["--passphrase-fd", str(fds[0])] if fds else []
    process = subprocess.Popen(
        [sys.executable, "-m", "closeness_journal", *args, *extra], stdin=slave, stdout=slave, stderr=slave,
        env={**env, "CLOSENESS_JOURNAL_EXIT_WHEN_READY": "1"}, start_new_session=True, pass_fds=fds,
    )
    os.close(slave)
    for fd in fds:
        os.close(fd)
    deadline = time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        return process.wait(max(1, deadline - time.monotonic()))
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()


def test_no_command_and_no_window_touches_the_network(guarded):
    env, log, tmp = guarded
    code = "import socket; socket.create_connection(('example.org', 80))"
    probe = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert probe.returncode != 0 and "create_connection" in log.read_text()  # the guard works
    log.unlink()

    written = cli(env, "write", "-", "--who", "Sam", "--fear", "rejection", stdin="a quiet evening\n")
    assert written.returncode == 0, written.stderr
    entry = written.stdout.strip()
    jrnl = tmp / "journal.txt"
    jrnl.write_text("[2026-11-02 09:15] From jrnl\nwords\n")
    steps = [
        ["--version"], ["--help"], ["locate"], ["list"], ["list", "--search", "quiet", "--json"],
        ["show", entry], ["show", entry, "--json"], ["edit", entry, "-", "--intensity", "4"], ["prompts"],
        ["prompts", "--json"], ["patterns"], ["patterns", "--json"], ["review"], ["review", "--json"],
        ["export", "-o", str(tmp / "out.md")], ["export", "--format", "json", "-o", str(tmp / "out.json")],
        ["import", str(tmp / "out.json")], ["import", str(jrnl)], ["backup", "-o", str(tmp / "copy.db")],
        ["delete", entry], ["trash"], ["trash", "--json"], ["restore", entry], ["check"],
        ["restore-backup", str(tmp / "copy.db"), "--yes"], ["trash", "--empty", "--yes"],
    ]
    for args in steps:
        done = cli(env, *args, stdin="edited text\n")
        assert done.returncode in (0, 1), (args, done.stderr)  # check may find no backup: 1
        assert "Traceback" not in done.stderr, (args, done.stderr)
    assert window(env) == 0
    assert window(env, "demo") == 0
    assert not log.exists() or log.read_text() == "", log.read_text()
    assert json.loads(cli(env, "list", "--json").stdout)  # and the journal is all there


def test_encryption_and_an_encrypted_journal_stay_off_the_network(guarded):
    env, log, tmp = guarded
    assert cli(env, "write", "-", stdin="a quiet evening\n").returncode == 0
    first, second = "a long walk by the canal", "seven herons at dusk"
    steps = [
        (["encrypt"], first), (["list", "--search", "quiet"], first), (["write", "-"], first),
        (["backup", "-o", str(tmp / "copy.db")], first), (["export", "-o", str(tmp / "out.md")], first),
        (["check"], first), (["restore-backup", str(tmp / "copy.db"), "--yes"], first),
        (["passphrase"], f"{first}\n{second}"), (["list"], second),
    ]
    for args, passphrase in steps:
        done = cli(env, *args, stdin="more words\n", passphrase=passphrase)
        assert done.returncode in (0, 1), (args, done.stderr)  # check may find no recent backup: 1
        assert "Traceback" not in done.stderr, (args, done.stderr)
    assert window(env, passphrase=second) == 0
    assert cli(env, "decrypt", passphrase=second).returncode == 0
    assert not log.exists() or log.read_text() == "", log.read_text()
    assert "a quiet evening" in cli(env, "list").stdout
