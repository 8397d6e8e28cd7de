"""The core is plain Python: importing it, every module of it, loads no Textual, Rich or SQLite.

Checked in a fresh interpreter, since this test process has long since imported all of them.
"""

import json
import pkgutil
import subprocess
import sys

import closeness_journal.core

FORBIDDEN = ("textual", "rich", "sqlite3", "_sqlite3", "sqlite_utils")


def core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(closeness_journal.core.__path__, "closeness_journal.core.")
    )


def loaded_by_importing(*modules: str) -> set[str]:
    """The top-level names in `sys.modules` after a fresh interpreter imports `modules`."""
    code = (
        "import importlib, json, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *modules], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


def test_importing_the_core_loads_no_ui_terminal_or_database_library():
    modules = core_modules()
    assert {"closeness_journal.core.entries", "closeness_journal.core.patterns", "closeness_journal.core.text"} <= set(
        modules
    )
    loaded = loaded_by_importing("closeness_journal.core", *modules)
    assert "closeness_journal" in loaded
    assert sorted(loaded & set(FORBIDDEN)) == []


def test_the_check_sees_what_a_module_loads():
    """The window's text helpers do load Textual and Rich: the check above would see them."""
    loaded = loaded_by_importing("closeness_journal.ui.text")
    assert {"textual", "rich"} <= loaded
