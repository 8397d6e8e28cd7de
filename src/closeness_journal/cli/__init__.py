"""The command line: parse the arguments, find the data folder, run the command's handler.

    parser.py    the grammar: global options, usage errors, lazy handlers and options
    commands.py  every command and option, each command with its handler
    entries.py   write, edit, show, list, delete, trash, restore (editor.py: the text from $EDITOR)
    insights.py  prompts, patterns, review
    archive.py   export, import, backup
    exercises.py exercises: list, do, export
    ladder.py    the ladder of small steps (add, list, edit, retire) and `--ladder` on write and edit
    start.py     the journal window (no command), demo, locate
    views.py     how entries, prompts, patterns and reviews print (Rich)
    common.py    the errors, the journal opened for one command, date options, JSON output

Exit codes: 0 ok, 1 something failed (a file, the database), 2 the command was used wrongly.
Textual, sqlite-utils and Rich are imported only inside the handlers that need them, so
`--help` and quick commands start fast.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from closeness_journal import paths
from closeness_journal.cli.common import Failure, UsageError
from closeness_journal.cli.parser import build_parser
from closeness_journal.core.dates import BadDate, local_day
from closeness_journal.core.entries import InvalidEntry

__all__ = ["Failure", "UsageError", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # whatever this process creates (database, exports, temp files) is private
    args = build_parser().parse_args(argv)
    try:
        from closeness_journal.cli import encryption

        encryption.use_fd(getattr(args, "passphrase_fd", None))
        folder = paths.data_dir(args.data_dir)
        today = local_day(datetime.now(UTC))
        return args.handler(args, folder, today)
    except (UsageError, InvalidEntry, BadDate) as error:
        return _say(error, 2)
    except Failure as error:
        return _say(error, 1)
    except KeyboardInterrupt:
        return _say("stopped; nothing more was written.", 1)
    except BrokenPipeError:  # the reader went away (`list --json | head`): nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UnicodeError:
        return _say("the text isn't valid UTF-8, so nothing was saved.", 2)
    except sqlite3.DatabaseError as error:
        return _say(f"the journal could not be read or written ({error}); nothing was changed.", 1)
    except Exception as error:  # the person gets one line, never a traceback
        from closeness_journal.store import JournalError, driver

        if isinstance(error, JournalError):
            return _say(error, 1)
        if isinstance(error, driver.DatabaseError):  # SQLCipher's, for an encrypted journal
            return _say(f"the journal could not be read or written ({error}); nothing was changed.", 1)
        if isinstance(error, OSError):
            return _say(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "), 1)
        raise


def _say(error: object, code: int) -> int:
    """One line on standard error, and the exit code to go with it."""
    print(f"closeness-journal: {error}", file=sys.stderr)
    return code
