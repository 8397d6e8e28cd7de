"""The README's Quick start is what CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    install_and_open, install_and_test = quick_start_commands()
    assert install_and_open.endswith("closeness-journal")
    ci = (ROOT / ".ci" / "run").read_text()
    assert install_and_test.replace("python3 ", '"$PYTHON" ', 1) in ci
