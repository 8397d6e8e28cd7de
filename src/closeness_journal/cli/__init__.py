"""The command line: parse the arguments, find the data folder, run the command's handler.

    quick.py     `list`, `list -n N` and `list --search WORDS` read without argparse (else parser.py)
    parser.py    the grammar: global options, usage errors, lazy handlers and options
    commands.py  every command and option, each command with its handler
    entries.py   write, edit, show, list, delete, trash, restore (editor.py: the text from $EDITOR)
    insights.py  prompts, patterns, review
    archive.py   export, import, backup
    exercises.py exercises: list, do, export
    ladder.py    the ladder of small steps (add, list, edit, retire) and `--ladder` on write and edit
    start.py     the journal window (no command), demo, locate
    views.py     how entries, prompts, patterns and reviews print (Rich)
    common.py    the journal opened for one command, date options, JSON output
    errors.py    the two kinds of error: UsageError (exit 2) and Failure (exit 1)

Exit codes: 0 ok, 1 something failed (a file, the database), 2 the command was used wrongly.
Textual, sqlite-utils and Rich are imported only inside the handlers that need them, so
`--help` and quick commands start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from closeness_journal.cli.errors import Failure, UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any

    from closeness_journal.cli.parser import build_parser

__all__ = ["Failure", "UsageError", "build_parser", "main"]


def __getattr__(name: str) -> Any:
    if name == "build_parser":  # argparse is imported only when a command line needs it
        from closeness_journal.cli.parser import build_parser

        return build_parser
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # whatever this process creates (database, exports, temp files) is private
    from closeness_journal.cli.quick import quick_args

    args = quick_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        from closeness_journal.cli.parser import build_parser

        args = build_parser().parse_args(argv)
    try:
        from datetime import UTC, datetime

        from closeness_journal import paths
        from closeness_journal.core.dates import local_day

        fd = getattr(args, "passphrase_fd", None)
        if fd is not None or "closeness_journal.cli.encryption" in sys.modules:  # else it holds nothing yet
            from closeness_journal.cli import encryption

            encryption.use_fd(fd)
        if args.data_dir is not None and not args.data_dir.strip():  # `--data-dir "$UNSET"`: not your usual journal
            raise UsageError("--data-dir is empty: give the folder your journal is in "
                             "(a shell variable that isn't set gives an empty one).")
        folder = paths.data_dir(args.data_dir)
        today = local_day(datetime.now(UTC))
        return args.handler(args, folder, today)
    except _usage_errors() as error:
        return _say(error, 2, args)
    except Failure as error:
        return _say(error, 1)
    except KeyboardInterrupt:
        return _say("stopped; nothing more was written.", 1)
    except BrokenPipeError:  # the reader went away (`list --json | head`): nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UnicodeError:
        return _say("the text isn't valid UTF-8, so nothing was saved.", 2, args)
    except _loaded("sqlite3", "DatabaseError") as error:
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


class _NeverRaised(Exception):
    """Stands in for an error class whose module was never imported: nothing can have raised it."""


def _loaded(module: str, name: str) -> type[BaseException]:
    """`module.name`, an error class, if the module has been imported (only then can it have been
    raised), without importing it: `list` doesn't load the entry model or argparse to catch their errors."""
    loaded = sys.modules.get(module)
    return getattr(loaded, name) if loaded is not None else _NeverRaised


def _usage_errors() -> tuple[type[BaseException], ...]:
    """The errors that mean the command was used wrongly (exit 2)."""
    return (UsageError, _loaded("closeness_journal.core.entry_filter", "InvalidEntry"),
            _loaded("closeness_journal.core.dates", "BadDate"))


def _say(error: object, code: int, args: Any = None) -> int:
    """One line on standard error, and the exit code to go with it. A usage error (given the
    command's `args`) is said as argparse's are (parser.py): by the command, then which `--help`
    to read."""
    if args is None:
        print(f"closeness-journal: {error}", file=sys.stderr)
        return code
    parser = getattr(args, "command_parser", None)  # a subcommand's (`ladder add`); the quick way has none
    prog = parser.prog if parser is not None else " ".join(filter(None, ("closeness-journal", args.command)))
    print(f"{prog}: {error}\nTry '{prog} --help' for more.", file=sys.stderr)
    return code
