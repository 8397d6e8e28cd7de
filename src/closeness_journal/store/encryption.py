"""The key of an encrypted journal: derived from the passphrase with Argon2id, never stored.

Beside an encrypted journal, `journal.db.encryption` (0600, not secret) holds what deriving
the key needs: a random 16-byte salt and Argon2id's parameters (at least 64 MiB of memory), and
a check value (an HMAC made with the key) that tells a wrong passphrase apart from a damaged
file without opening the database. That file is also what marks the journal as encrypted.

While `encrypt`, `decrypt` or `passphrase` is rewriting the files it also names what is being
done and the key being moved to, so a run that was stopped can be finished by running it again
(`recrypt.py`); until then the journal is not opened.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from closeness_journal import paths, private_files
from closeness_journal.store.errors import JournalError

FORMAT = "closeness-journal encryption"
SALT_BYTES = 16
TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 1
_CHECK_LABEL = b"closeness-journal: this key opens the journal"


class WrongPassphrase(JournalError):
    """The passphrase given does not open the journal (nothing was read or written)."""

    def __init__(self, what: str = "this journal") -> None:
        super().__init__(f"That passphrase doesn't open {what}.")


class NeedsPassphrase(JournalError):
    """The journal is encrypted and was opened without its key."""


class Unfinished(JournalError):
    """`encrypt`, `decrypt` or `passphrase` was stopped part way: run it again to finish."""


@dataclass(frozen=True)
class KeyParams:
    """How the key is derived from the passphrase, and the value that checks it."""

    salt: bytes
    check: bytes
    time_cost: int = TIME_COST
    memory_kib: int = MEMORY_KIB
    parallelism: int = PARALLELISM

    @classmethod
    def new(cls, passphrase: str) -> tuple[KeyParams, bytes]:
        """Fresh parameters (a new random salt) for `passphrase`, and the key they give."""
        salt = secrets.token_bytes(SALT_BYTES)
        key = derive(passphrase, salt, TIME_COST, MEMORY_KIB, PARALLELISM)
        return cls(salt, check_of(key)), key

    def key_for(self, passphrase: str) -> bytes | None:
        """The key `passphrase` gives, or None when it is not this journal's passphrase."""
        key = derive(passphrase, self.salt, self.time_cost, self.memory_kib, self.parallelism)
        return key if hmac.compare_digest(check_of(key), self.check) else None

    def to_json(self) -> dict[str, Any]:
        return {
            "kdf": "argon2id", "salt": self.salt.hex(), "time_cost": self.time_cost,
            "memory_kib": self.memory_kib, "parallelism": self.parallelism, "check": self.check.hex(),
        }

    @classmethod
    def from_json(cls, data: Any) -> KeyParams:
        if not isinstance(data, dict) or data.get("kdf") != "argon2id":
            raise ValueError("not Argon2id parameters")
        params = cls(
            bytes.fromhex(data["salt"]), bytes.fromhex(data["check"]),
            int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]),
        )
        if len(params.salt) < SALT_BYTES or params.memory_kib < MEMORY_KIB or params.time_cost < 1:
            raise ValueError("parameters weaker than this version writes")
        return params


@dataclass(frozen=True)
class Encryption:
    """What the file beside the journal says: its key (None while `encrypt` has not finished), and
    while a rewrite is under way, which one (`doing`) and the key it moves to (None: plain)."""

    key: KeyParams | None
    doing: str | None = None
    new_key: KeyParams | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT, "version": 1, "key": self.key.to_json() if self.key else None}
        if self.doing:
            data["doing"] = self.doing
            data["new_key"] = self.new_key.to_json() if self.new_key else None
        return data


def derive(passphrase: str, salt: bytes, time_cost: int, memory_kib: int, parallelism: int) -> bytes:
    """Argon2id: a raw 32-byte key from the passphrase (imported here: plain journals never need it)."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=time_cost, memory_cost=memory_kib,
        parallelism=parallelism, hash_len=32, type=Type.ID,
    )


def check_of(key: bytes) -> bytes:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).digest()


def read(folder: Path) -> Encryption | None:
    """The journal's encryption settings; None for a plain journal (no such file)."""
    path = paths.encryption_settings(folder)
    if not os.path.lexists(path):  # (a data folder that can't be used is reported when the journal opens)
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise JournalError(f"I can't read {path}, which your encrypted journal needs: {error.strerror}.") from None
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT or data.get("version") != 1:
            raise ValueError("not this format")
        key = KeyParams.from_json(data["key"]) if data.get("key") is not None else None
        doing = data.get("doing")
        new_key = KeyParams.from_json(data["new_key"]) if doing and data.get("new_key") is not None else None
        if doing not in (None, "encrypt", "decrypt", "passphrase") or (key is None and new_key is None):
            raise ValueError("unknown state")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise JournalError(
            f"{path} holds what your encrypted journal's key is made from, and it can't be read "
            "(it may be damaged). I have left everything untouched."
        ) from None
    return Encryption(key, doing, new_key)


def write(folder: Path, state: Encryption) -> None:
    """Replace the settings file atomically (0600, synced): it is never half written."""
    path = paths.encryption_settings(folder)
    with private_files.partial_file(path, folder) as temporary:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
        try:
            os.fchmod(fd, paths.PRIVATE_FILE_MODE)
            os.write(fd, (json.dumps(state.to_json(), indent=2) + "\n").encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    sync_folder(folder)


def remove(folder: Path) -> None:
    paths.encryption_settings(folder).unlink(missing_ok=True)
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make a rename or removal in `folder` durable."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unlock(folder: Path, passphrase: str) -> bytes:
    """The key of the encrypted journal in `folder`, from `passphrase`. Raises `WrongPassphrase`
    for another passphrase, and `Unfinished` while a rewrite waits to be finished."""
    state = read(folder)
    if state is None:
        raise JournalError("Your journal is not encrypted.")
    if state.doing or state.key is None:
        raise unfinished(state.doing or "encrypt")
    key = state.key.key_for(passphrase)
    if key is None:
        raise WrongPassphrase()
    return key


def unfinished(doing: str) -> Unfinished:
    what = {"encrypt": "Encrypting", "decrypt": "Decrypting", "passphrase": "Changing the passphrase of"}[doing]
    return Unfinished(
        f"{what} your journal was stopped before it finished; nothing is lost. "
        f"Run `closeness-journal {doing}` again to finish it."
    )
