"""The store is plain Python and SQLite: loading it never loads the terminal UI."""

import subprocess
import sys


def test_core_and_store_never_import_textual():
    code = (
        "import sys, closeness_journal.core.entries, closeness_journal.core.prompts, "
        "closeness_journal.store, closeness_journal.prompt_files, closeness_journal.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_the_store_alone_loads_no_textual():
    code = (
        "import sys, closeness_journal.store; "
        "closeness_journal.store.Journal; "  # imported when first asked for
        "assert 'closeness_journal.store.journal' in sys.modules; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
