"""Encryption at rest: `encrypt`, `decrypt` and `passphrase`, and the passphrase every other command
asks for when the journal is encrypted.

The passphrase is asked for on the terminal (never echoed), or read from a file descriptor given
with the global `--passphrase-fd N` (one line each time one is needed), for scripts and tests.
It is never stored, never taken from an environment variable, never written anywhere.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

from closeness_journal import paths
from closeness_journal.cli.common import Failure, UsageError

_FD: list[int] = []
"""The file descriptor given with --passphrase-fd, if any (set by `main`)."""
_KEYS: dict[Path, bytes] = {}
"""Keys already worked out in this process (in memory only), so a passphrase is asked for once."""

LOST = "Keep your passphrase safe: if it is forgotten, nothing can open your journal or its backups again."


def use_fd(fd: int | None) -> None:
    _FD.clear()
    _KEYS.clear()
    if fd is not None:
        _FD.append(fd)


def passphrase_fd(text: str) -> int:
    """`--passphrase-fd`'s type: an open file descriptor's number."""
    import argparse  # the window and `list` read the option without it (cli/quick.py)

    try:
        fd = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a file descriptor number") from None
    if fd < 0:
        raise argparse.ArgumentTypeError(f"{text} is not a file descriptor number")
    return fd


def ask(prompt: str) -> str:
    """One passphrase: a line from --passphrase-fd, or typed on the terminal without echo."""
    if _FD:
        return _read_line(_FD[0])
    if not sys.stdin.isatty():
        raise UsageError(
            "your journal is encrypted: type its passphrase on a terminal, or give it with --passphrase-fd N"
        )
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise Failure("no passphrase was given; nothing was opened or changed.") from None


def ask_new() -> str:
    """A new passphrase: typed twice on the terminal (once from --passphrase-fd); not empty."""
    first = ask("New passphrase: ")
    if not first:
        raise UsageError("a passphrase can't be empty; nothing was changed")
    if not _FD and ask("The same passphrase again: ") != first:
        raise UsageError("the two passphrases are not the same; nothing was changed")
    return first


def _read_line(fd: int) -> str:
    """One line from `fd` (without its end), read a byte at a time so the next line stays there."""
    data = bytearray()
    while True:
        try:
            byte = os.read(fd, 1)
        except OSError as error:
            raise UsageError(f"--passphrase-fd {fd}: {error.strerror}") from None
        if not byte or byte == b"\n":
            break
        data += byte
    if not data and not byte:
        raise Failure(f"--passphrase-fd {fd} gave no passphrase; nothing was opened or changed.")
    try:
        return data.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        raise UsageError(f"--passphrase-fd {fd}: the passphrase isn't valid UTF-8") from None


def _ready(folder: Path) -> Any:
    """The encryption state of the journal in `folder`, None when it is not encrypted; refused
    when an encrypt, decrypt or passphrase change was stopped part-way (run it again)."""
    if not is_encrypted(folder):
        return None
    from closeness_journal.store import encryption

    state = encryption.read(folder)
    if state is not None and (state.doing or state.key is None):
        raise encryption.unfinished(state.doing or "encrypt")
    return state


def key_for(folder: Path) -> bytes | None:
    """The key of the journal in `folder`: None when it is not encrypted, else from the passphrase
    (asked for once). A wrong one: "That passphrase doesn't open this journal.", exit 1."""
    state = _ready(folder)
    if state is None:
        return None
    from closeness_journal.store import encryption

    where = folder.resolve()
    if where not in _KEYS:
        _KEYS[where] = encryption.unlock(folder, ask("Passphrase for your journal: "))
    return _KEYS[where]


def key_in_window(folder: Path) -> bytes | None:
    """For the window: the passphrase is asked for on a screen of its own, before anything else
    (read from --passphrase-fd when given). None for a journal that is not encrypted."""
    state = _ready(folder)
    if state is None:
        return None
    if _FD:
        return key_for(folder)
    from closeness_journal.ui.unlock import ask_in_window

    key, tried_all = ask_in_window(state.key.key_for)
    if key is not None:
        return key
    if tried_all:
        raise Failure(
            "that passphrase doesn't open this journal, so it stays closed; nothing was changed. "
            "Come back and try again whenever you're ready."
        )
    raise Failure("your journal stays closed: you left before it was opened. Nothing was changed.")


def is_encrypted(folder: Path) -> bool:
    return os.path.lexists(paths.encryption_settings(folder))


def encrypt(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.store import encryption, recrypt

    state = encryption.read(folder)
    if state is not None and state.doing not in (None, "encrypt"):
        raise encryption.unfinished(state.doing)
    if state is not None and state.doing is None:
        raise Failure("your journal is already encrypted; `closeness-journal passphrase` changes the passphrase.")
    pending = state.new_key if state is not None else None  # a stopped `encrypt`: finish it with the same key
    params, key = _new_key(pending, "Passphrase you chose for your journal: ", "the files encrypted so far")
    done = recrypt.encrypt(folder, params, key)
    print(f"Your journal is encrypted ({_files(done.files)} written anew). {LOST}")
    return _left(done.left)


def _new_key(pending: Any, prompt: str, so_far: str) -> tuple[Any, bytes]:
    """The key a stopped rewrite chose (its passphrase asked for again), or a new passphrase's."""
    from closeness_journal.store import encryption

    if pending is None:
        return encryption.KeyParams.new(ask_new())
    key = pending.key_for(ask(prompt))
    if key is None:
        raise encryption.WrongPassphrase(so_far)
    return pending, key


def _unlocked(folder: Path, doing: str, not_encrypted: str, prompt: str) -> tuple[Any, bytes]:
    """The encryption state of the journal in `folder` and its key from the passphrase, for a
    command that rewrites it (`doing`): refused when it isn't encrypted, when another rewrite was
    stopped part-way, or when the passphrase doesn't open it."""
    from closeness_journal.store import encryption

    state = encryption.read(folder)
    if state is None:
        raise Failure(f"your journal is not encrypted; {not_encrypted}.")
    if state.doing not in (None, doing) or state.key is None:
        raise encryption.unfinished(state.doing or "encrypt")
    key = state.key.key_for(ask(prompt))
    if key is None:
        raise encryption.WrongPassphrase()
    return state, key


def decrypt(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.store import recrypt

    state, key = _unlocked(folder, "decrypt", "there is nothing to decrypt", "Passphrase for your journal: ")
    done = recrypt.decrypt(folder, state.key, key)
    print(f"Your journal is no longer encrypted ({_files(done.files)} written anew): anyone who can read "
          "its files can read it.")
    return _left(done.left)


def change_passphrase(args: argparse.Namespace, folder: Path, today: date) -> int:
    from closeness_journal.store import recrypt

    state, old = _unlocked(
        folder, "passphrase", "`closeness-journal encrypt` encrypts it with a passphrase", "Current passphrase: "
    )
    pending = state.new_key if state.doing == "passphrase" else None  # a stopped change: finish it
    new_params, new = _new_key(pending, "The new passphrase you chose: ", "the files changed so far")
    done = recrypt.change(folder, (state.key, old), (new_params, new))
    print(f"Your passphrase is changed ({_files(done.files)} written anew); the old one no longer opens "
          f"your journal or the backups in its folder. {LOST}")
    return _left(done.left)


def _files(n: int) -> str:
    return "1 file" if n == 1 else f"{n:,} files"


def _left(left: list[str]) -> int:
    for line in left:
        print(f"closeness-journal: {line}", file=sys.stderr)
    return 1 if left else 0
