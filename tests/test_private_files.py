"""Writing the files the journal hands out: what is written is handed to the disk as it goes, and
the file is whole whatever the system makes of that advice."""

from __future__ import annotations

import os
import stat

import pytest

from closeness_journal import private_files


def _chunks(n: int) -> list[str]:
    # past the write buffer several times, with a wider character among the ASCII
    return [f"line {i} → {'x' * 90}\n" for i in range(n)]


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="no posix_fadvise on this system")
def test_each_write_is_handed_to_the_disk_as_it_goes(tmp_path, monkeypatch):
    advised: list[tuple[int, int, int]] = []
    real = os.posix_fadvise

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        advised.append((offset, length, advice))
        real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", advise)
    chunks = _chunks(10_000)
    target = private_files.write_private(tmp_path / "out.md", chunks)
    data = "".join(chunks).encode()
    assert target is not None and target.read_bytes() == data
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(advised) >= len(data) // private_files.WRITE_BUFFER
    # one after the other, each what was just written, covering the whole file
    assert advised[0][0] == 0 and all(advice == os.POSIX_FADV_DONTNEED for *_, advice in advised)
    assert all(a + n == b for (a, n, _), (b, _, _) in zip(advised, advised[1:], strict=False))
    assert advised[-1][0] + advised[-1][1] == len(data)


def test_a_refused_advice_still_writes_the_whole_file(tmp_path, monkeypatch):
    def refuse(*args: object) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "posix_fadvise", refuse, raising=False)
    chunks = _chunks(10_000)
    target = private_files.write_private(tmp_path / "out.md", chunks)
    assert target is not None and target.read_text(encoding="utf-8") == "".join(chunks)
