"""$EDITOR for an entry: the person writes in a private temporary file, which is never lost and
never left behind. What the file holds (the prompts as headings) is core/editor_template.py."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from closeness_journal import paths
from closeness_journal.cli.common import Failure


def editor_command() -> str | None:
    """The editor the person chose ($VISUAL, else $EDITOR), or None."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or None


@contextmanager
def in_editor(initial: str, folder: Path) -> Iterator[str | None]:
    """What the person wrote in their editor, starting from `initial`; None when no editor is set.

    The editor works on a private temporary file inside the data folder (0600). It is removed
    afterwards, also when the editor fails; but if saving fails after you wrote (changed the
    file), it is kept and its path printed, so nothing you typed is lost."""
    editor = editor_command()
    if not editor:
        yield None
        return
    paths.ensure_private_dir(folder)
    fd, name = tempfile.mkstemp(prefix="entry-", suffix=".md", dir=folder)  # created 0600
    keep = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            result = subprocess.run([*shlex.split(editor), name], check=False)
        except OSError as error:
            raise Failure(f"could not start the editor {editor!r}: {error.strerror}; nothing was saved") from None
        if result.returncode != 0:
            raise Failure(f"the editor exited with an error ({result.returncode}); nothing was saved")
        try:
            with open(name, encoding="utf-8") as handle:
                written = handle.read()
        except UnicodeDecodeError:
            keep = True
            raise Failure(
                f"the editor saved text that isn't UTF-8, so nothing was saved; your text is kept in {name}"
            ) from None
        try:
            yield written
        except BaseException:
            keep = written.strip() != initial.strip()  # the file as it was given holds nothing of yours
            if keep:
                print(f"closeness-journal: what you wrote is kept in {name}", file=sys.stderr)
            raise
    finally:
        if not keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
