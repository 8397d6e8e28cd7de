"""The checkout itself: no merge left half-done in any file."""

from pathlib import Path

ROOT = Path(__file__).parent.parent
MARKERS = tuple(mark * 7 + " " for mark in "<>") + ("=" * 7 + "\n",)


def test_no_file_holds_a_conflict_marker():
    found = []
    for folder in ("src", "tests", "prompts", "benchmarks", "docs", ".ci"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix not in {".svg", ".pyc", ".db"} and "__pycache__" not in path.parts:
                text = path.read_text(encoding="utf-8", errors="replace")
                found += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(True), 1)
                          if line.startswith(MARKERS)]
    for name in ("README.md", "pyproject.toml"):
        text = (ROOT / name).read_text(encoding="utf-8")
        found += [f"{name}:{n}" for n, line in enumerate(text.splitlines(True), 1) if line.startswith(MARKERS)]
    assert found == []
