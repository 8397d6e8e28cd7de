"""The commands' declarations, each with its options (declared when the command is used or its
help is shown) and its handler (`Lazy`: imported when it runs). `parser.py` holds the rest of the
command line's grammar and declares the window's commands, `exercises` and `ladder`.
"""

from __future__ import annotations

import argparse
from typing import Any

from closeness_journal.cli.options import add_answer_option, add_checkin_options, category, choice, how_many
from closeness_journal.cli.parser import EDITOR_TEMPLATE, HISTORY_WARNING, Lazy, _command, no_options
from closeness_journal.core.vocabulary import BEHAVIOURS, FEARS, RELATIONSHIPS


def entry_commands(commands: Any) -> None:
    def _write_options(write: argparse.ArgumentParser) -> None:
        write.add_argument(
            "text", nargs="?", metavar="TEXT",
            help="your free writing; - reads it from standard input; leave out (with no --answer) to use $EDITOR",
        )
        add_answer_option(
            write, "your answer to a prompt, by its id (see `closeness-journal prompts`); repeatable; "
            "TEXT may be - to read it from standard input (- can be used once)",
        )
        add_checkin_options(write)

    _command(
        commands, "write", Lazy("entries", "write"), "add an entry",
        "Add an entry and print its id: your answers to any prompts, free writing, and a check-in. "
        + EDITOR_TEMPLATE + " " + HISTORY_WARNING,
        _write_options,
    )

    def _listing_options(listing: argparse.ArgumentParser) -> None:
        listing.add_argument(
            "-n", "--limit", type=how_many, default=20, metavar="N", help="how many (default 20; 0 for all)"
        )
        listing.add_argument("--since", metavar="D", help="from this day (YYYY-MM-DD)")
        listing.add_argument("--until", metavar="D", help="up to and including this day")
        listing.add_argument("--search", metavar="QUERY", help="words to look for in your answers, free writing, "
                             "small step and who")
        listing.add_argument(
            "--behaviour", "--behavior", dest="behaviours", action="append", type=choice(BEHAVIOURS), metavar="B",
            help="only entries with this behaviour (repeatable; see `write --help`)",
        )
        listing.add_argument(
            "--fear", dest="fears", action="append", type=choice(FEARS), metavar="F",
            help="only entries with this fear (repeatable)",
        )
        listing.add_argument(
            "--category", type=category, metavar="C",
            help="only entries where you pulled away (pulling-away) or pushed away (pushing-away)",
        )
        listing.add_argument(
            "--relationship", type=choice(RELATIONSHIPS), metavar="R", help="only entries about this relationship"
        )
        listing.add_argument(
            "--tag", dest="tags", action="append", metavar="TAG",
            help="only entries with this tag (repeatable: entries with all of them; case does not matter)",
        )
        listing.add_argument("--json", action="store_true", help="print a JSON array with every stored field")

    _command(
        commands, "list", Lazy("entries", "list_entries"), "list entries, newest first",
        "List entries, newest first (best match first when searching).",
        _listing_options,
    )

    def _show_options(show: argparse.ArgumentParser) -> None:
        show.add_argument("id", help="the entry's id (the first 4 or more characters are enough)")
        show.add_argument("--json", action="store_true", help="print the entry (and its earlier versions) as JSON")

    _command(
        commands, "show", Lazy("entries", "show"), "show one entry in full",
        "Show one entry in full: each answer under its prompt, the free writing, and the check-in.",
        _show_options,
    )

    def _edit_options(edit: argparse.ArgumentParser) -> None:
        edit.add_argument("id", help="the entry's id (or its first characters)")
        edit.add_argument(
            "text", nargs="?", metavar="TEXT", help="new free writing; - reads standard input; leave out to use $EDITOR"
        )
        add_answer_option(
            edit, "replace or add your answer to a prompt (repeatable); an empty TEXT removes it; "
            "TEXT may be - to read it from standard input (- can be used once)",
        )
        add_checkin_options(edit)

    _command(
        commands, "edit", Lazy("entries", "edit"), "change an entry (the earlier version is kept)",
        "Change an entry; the earlier version is kept and can be seen with `show --json`. "
        "Only what you give changes. With no TEXT, no --answer and no check-in options, $VISUAL or $EDITOR "
        "opens on the entry's answers and free writing under their headings (and the day's other prompts). "
        + HISTORY_WARNING,
        _edit_options,
    )

    def _delete_options(delete: argparse.ArgumentParser) -> None:
        delete.add_argument("id", help="the entry's id (or its first characters)")

    _command(
        commands, "delete", Lazy("entries", "delete"), "move an entry to the trash",
        "Move an entry to the trash. It can be restored until you empty the trash.",
        _delete_options,
    )

    def _trash_options(trash: argparse.ArgumentParser) -> None:
        trash.add_argument("--empty", action="store_true", help="delete everything in the trash for good")
        trash.add_argument("--yes", action="store_true", help="with --empty: don't ask for confirmation")
        trash.add_argument("--json", action="store_true", help="print the trash as JSON")

    _command(
        commands, "trash", Lazy("entries", "trash"), "list the trash, or empty it",
        "List entries in the trash. --empty deletes them for good.",
        _trash_options,
    )

    def _restore_options(restore: argparse.ArgumentParser) -> None:
        restore.add_argument("id", help="the entry's id (or its first characters)")

    _command(
        commands, "restore", Lazy("entries", "restore"), "bring an entry back from the trash",
        "Bring an entry back from the trash.",
        _restore_options,
    )


def insight_commands(commands: Any) -> None:
    def _prompts_options(prompts: argparse.ArgumentParser) -> None:
        prompts.add_argument("--date", metavar="D", help="which day (default: today)")
        prompts.add_argument("--json", action="store_true", help="print them as JSON")

    _command(
        commands, "prompts", Lazy("insights", "prompts"), "print a day's prompts",
        "Print the prompts for a day: the three core questions and one deeper one.",
        _prompts_options,
    )

    def _patterns_options(patterns: argparse.ArgumentParser) -> None:
        patterns.add_argument("--since", metavar="D", help="from this day (default: 8 weeks ago)")
        patterns.add_argument("--until", metavar="D", help="up to and including this day (default: today)")
        patterns.add_argument(
            "--by", choices=["week", "month"], help="group by week or month (default: by the length of the range)"
        )
        patterns.add_argument("--json", action="store_true", help="print the figures as JSON")

    _command(
        commands, "patterns", Lazy("insights", "patterns"), "pulling and pushing away over time",
        "Pulling away and pushing away per week or month, what came before, and how "
        "your small steps went. Default: the last 8 weeks.",
        _patterns_options,
    )

    def _review_options(review: argparse.ArgumentParser) -> None:
        review.add_argument(
            "--week", metavar="YYYY-Www", help="which week, like 2026-W47 (default: the last complete week)"
        )
        review.add_argument("--json", action="store_true", help="print the review as JSON")

    _command(
        commands, "review", Lazy("insights", "review"), "look back on a week",
        "Look back on a week (Monday to Sunday): pulling and pushing away, small steps "
        "and fear beside the week before, and your saved answers. Default: the last complete week.",
        _review_options,
    )


def archive_commands(commands: Any) -> None:
    def _export_options(export: argparse.ArgumentParser) -> None:
        export.add_argument(
            "--format", choices=["markdown", "html", "json"], default="markdown",
            help="markdown (default), html (a printable page) or json",
        )
        export.add_argument(
            "--since", metavar="D",
            help="from this day (default: your first entry); or `last`: only what you wrote, changed or flagged since "
            "your last Markdown or HTML export (everything if there was none)",
        )
        export.add_argument("--until", metavar="D", help="up to and including this day (default: today)")
        export.add_argument("--include-private", action="store_true", help="include entries marked private")
        export.add_argument(
            "--agenda", metavar="TEXT",
            help="what you want to talk about at your next session: kept in your journal and shown first, "
            "until you change it (- reads standard input; \"\" clears it)",
        )
        export.add_argument(
            "--redact", action="store_true",
            help="replace names written in \"who\" with the relationship (\"my partner\", \"a friend\"), where "
            "they are written the same way",
        )
        export.add_argument(
            "--redact-name", dest="redact_names", action="append", metavar="NAME",
            help="also replace NAME, a name mentioned only in your writing (repeatable; NAME=WORDS says what it "
            "becomes, else \"someone\"; implies --redact)",
        )
        export.add_argument(
            "-o", "--output", metavar="FILE",
            help="where to write (- for standard output; default: closeness-journal-export-DATE.md, .html or "
            ".json here)",
        )
        export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    _command(
        commands, "export", Lazy("archive", "export"),
        "export for a therapist (Markdown or a printable page) or everything (JSON)",
        "Markdown, or a printable page (HTML, to open in a browser and print): a document for a therapist that opens "
        "with \"For my session\" (your note, the entries you flagged, peak moments, what helped, fear by "
        "relationship, your small steps) and a key, then a summary and your entries by week and day; entries "
        "marked private are left out unless you ask. JSON: everything in the journal (entries, earlier versions, "
        "trash, reviews, settings), for a backup or moving to another computer. Files are written with mode 0600, "
        "but they are plain text: anyone who can open the file can read it.",
        _export_options,
    )

    def _importer_options(importer: argparse.ArgumentParser) -> None:
        importer.add_argument("file", metavar="FILE", help="the file to import")
        importer.add_argument(
            "--format", choices=["json", "jrnl"],
            help="json (a closeness-journal export) or jrnl; default: worked out from the file",
        )

    _command(
        commands, "import", Lazy("archive", "import_file"), "add entries from a backup or from jrnl",
        "Add what a file holds to your journal: a JSON export of closeness-journal, or a "
        "jrnl journal (its plain-text file or `jrnl --format json`). Entries already in your journal "
        "are skipped, so importing twice adds nothing. A file with a problem is refused whole.",
        _importer_options,
    )

    def _backup_options(backup: argparse.ArgumentParser) -> None:
        backup.add_argument(
            "-o", "--output", metavar="FILE",
            help="where to write (default: the backups folder, named by date and time)",
        )
        backup.add_argument("--force", action="store_true", help="replace FILE if it exists")

    _command(
        commands, "backup", Lazy("archive", "backup"), "make a checked copy of the whole journal",
        "Make a consistent, checked copy of the whole journal (SQLite's online backup, "
        "then quick_check), mode 0600. The journal also backs itself up into the backups folder "
        "the first time each day that it opens in the window or a command changes it, keeping the last 14.",
        _backup_options,
    )


def safekeeping_commands(commands: Any) -> None:
    def _restore_options(restore: argparse.ArgumentParser) -> None:
        restore.add_argument("file", metavar="FILE", help="the backup to put back")
        restore.add_argument("--yes", action="store_true", help="don't ask for confirmation (for scripts)")

    _command(
        commands, "restore-backup", Lazy("archive", "restore_backup"), "put a backup back in place of your journal",
        "Replace your journal with a backup (a file from the backups folder, or one `backup -o` made). "
        "The backup is checked first (SQLite's quick_check, and that it is a closeness-journal this "
        "version can open), and your journal as it is now is kept in the backups folder before it is "
        "replaced. Close the journal window first.",
        _restore_options,
    )

    _command(
        commands, "encrypt", Lazy("encryption", "encrypt"), "encrypt your journal and its backups with a passphrase",
        "Encrypt your journal, and the backups in its folder, with a passphrase you choose (asked twice; "
        "SQLCipher, with a key made from the passphrase by Argon2id). From then on every command and the "
        "window ask for it. Each file is written anew, checked, then put in place of the old one. Exports "
        "stay plain text. If you forget the passphrase, nothing can open your journal again. Close the "
        "journal window first.",
        no_options,
    )
    _command(
        commands, "decrypt", Lazy("encryption", "decrypt"), "make your journal plain (not encrypted) again",
        "Decrypt your journal and the backups in its folder, so they open without a passphrase (and "
        "anyone who can read the files can read them). Close the journal window first.",
        no_options,
    )
    _command(
        commands, "passphrase", Lazy("encryption", "change_passphrase"), "change your encrypted journal's passphrase",
        "Change the passphrase of your encrypted journal: asks for the current one, then the new one twice. "
        "The journal and the backups in its folder are written anew under the new one; the old one no "
        "longer opens them. Close the journal window first.",
        no_options,
    )
    _command(
        commands, "check", Lazy("check", "check"), "check that your journal is well",
        "Check the journal: SQLite's integrity check and the search index's, that its files are private "
        "(the folder 0700, the files 0600), how old the newest backup is, and drafts that closed windows "
        "left. Exit 0 when all is well (with a short summary), 1 with one line per problem.",
        no_options,
    )
