"""`quick_args` reads the window's and `list`'s commonest command lines exactly as argparse does,
and leaves every other line (and every mistake) to argparse."""

from __future__ import annotations

import itertools
import random

import pytest

from closeness_journal.cli.parser import build_parser
from closeness_journal.cli.quick import quick_args

WORDS = [
    "list", "write", "show", "-n", "--limit", "--search", "--data-dir", "--passphrase-fd", "--json", "--since",
    "--tag", "-h", "--help", "--version", "--lim", "--", "-", "10", "0", "-1", "x", "", " 7", "1_000", "٣",
    str(2**63), str(2**63 - 1), "--limit=5", "--limit=-5", "--search=-x", "--search=", "--data-dir=d", "-n5",
    "-n=5", "--passphrase-fd=3", "--passphrase-fd=-1", "--passphrase-fd=x", "walk by the sea", "-x y",
]


def _argparse(argv: list[str]) -> dict[str, object] | None:
    try:
        parsed = vars(build_parser().parse_args(argv))
    except SystemExit:
        return None
    parsed.pop("command_parser", None)
    parsed.pop("handler")
    return parsed


def _compare(argv: list[str]) -> bool:
    """Whether quick_args read `argv` (then as argparse does); False when it left it to argparse."""
    quick = quick_args(argv)
    if quick is None:
        return False
    got = vars(quick)
    assert got.pop("handler") is not None
    assert got == _argparse(argv), argv
    return True


@pytest.mark.parametrize("argv", [
    ["list"], ["list", "-n", "10"], ["--data-dir", "/j", "list", "-n", "10"], ["list", "--search", "lighthouse"],
    ["list", "--data-dir", "a", "--search", "walk by the sea", "--limit", "0"], ["--data-dir=a", "list", "-n", "3"],
    ["--data-dir", "a", "list", "--data-dir", "b"], ["--passphrase-fd", "0", "list", "--passphrase-fd=4"],
    ["list", "-n", "5", "-n", "6"], ["list", "--search", ""], ["list", "--limit=-5"], ["list", "-n", " 7"],
    [], ["--data-dir", "/j"], ["--data-dir=a", "--passphrase-fd", "0"], ["--data-dir", "a", "--data-dir", "b"],
])
def test_the_commonest_lines_are_read_as_argparse_reads_them(argv):
    assert _compare(argv)


@pytest.mark.parametrize("argv", [
    ["write", "x"], ["list", "--json"], ["--data-dir"], ["--data-dir", "-x"], ["pause"], ["--help"],
    ["list", "--since", "2026-01-01"], ["list", "-h"], ["list", "--lim", "3"],
    ["list", "-n", "-1"], ["list", "-n", "x"], ["list", "-n", str(2**63)], ["list", "-n"], ["list", "extra"],
    ["--passphrase-fd", "-1", "list"], ["--passphrase-fd=x", "list"], ["--version"], ["list", "--", "x"],
    ["-n", "3", "list"], ["list", "-n5"], ["list", "--search", "-x"],
])
def test_anything_else_is_left_to_argparse(argv):
    assert quick_args(argv) is None


def test_random_lines_are_read_as_argparse_reads_them_or_left_to_it(capsys):
    rng = random.Random(18)
    lines = [list(line) for n in range(4) for line in itertools.product(["list", "-n", "--search", "x"], repeat=n)]
    lines += [rng.choices(WORDS, k=rng.randint(1, 6)) for _ in range(1500)]
    lines += [["list", *rng.choices(WORDS, k=rng.randint(1, 5))] for _ in range(1500)]
    values = ["10", "0", "-1", "x", "", " 7", "1_000", "٣", str(2**63), "walk by the sea", "-x y", "--json", "list"]

    def pairs(options: list[str], most: int) -> list[str]:
        return [word for _ in range(rng.randint(0, most)) for word in (rng.choice(options), rng.choice(values))]

    for _ in range(1500):
        lines.append([*pairs(["--data-dir", "--passphrase-fd", "-n"], 2), "list",
                      *pairs(["-n", "--limit", "--search", "--data-dir", "--passphrase-fd", "--since"], 4)])
    read = sum(_compare(line) for line in lines)
    capsys.readouterr()  # argparse's usage errors
    assert read > 250, read  # the comparison compares something


EXPORT_WORDS = [
    "export", "list", "--format", "markdown", "html", "json", "Markdown", "pdf", "--format=json", "--format=",
    "--since", "--since=last", "last", "2026-01-01", "--until", "--until=today", "--include-private",
    "--include-private=1", "--redact", "--redact=x", "--redact-name", "--redact-name=Sam=my partner", "Sam",
    "--agenda", "--agenda=", "-", "--", "-o", "-o-", "-ox", "-o=x", "--output", "--output=-", "--out", "out.md",
    "--force", "--forc", "--for", "--force=yes", "-h", "--help", "--version", "--data-dir", "--passphrase-fd", "3",
    "-1", "", "-x y", "walk by the sea", "--json",
]


@pytest.mark.parametrize("argv", [
    ["export"], ["export", "--format", "json", "-o", "-"], ["--data-dir", "/j", "export", "--include-private"],
    ["export", "--format=html", "--output=out.html", "--force"], ["export", "--since", "last", "--agenda", "-"],
    ["export", "--redact-name", "Sam", "--redact-name=Alex=a friend", "--redact"], ["export", "--agenda", ""],
    ["export", "--since", "2026-01-01", "--until", "yesterday", "--format", "markdown", "--format", "json"],
    ["--passphrase-fd", "0", "export", "--passphrase-fd=4", "--data-dir", "b"], ["export", "-o", "walk by the sea"],
])
def test_the_commonest_exports_are_read_as_argparse_reads_them(argv):
    assert _compare(argv)


@pytest.mark.parametrize("argv", [
    ["export", "--format", "pdf"], ["export", "--format"], ["export", "-h"], ["export", "--for", "json"],
    ["export", "--force=yes"], ["export", "-ox"], ["export", "-o=x"], ["export", "extra"], ["export", "--", "x"],
    ["--force", "export"], ["export", "--since", "-1"], ["export", "--agenda", "-x y"], ["export", "--json"],
    ["export", "--version"], ["--format", "json", "export"], ["export", "--output"],
])
def test_any_other_export_line_is_left_to_argparse(argv):
    assert quick_args(argv) is None


def test_random_export_lines_are_read_as_argparse_reads_them_or_left_to_it(capsys):
    rng = random.Random(21)
    lines = [["export", *rng.choices(EXPORT_WORDS, k=rng.randint(0, 6))] for _ in range(2500)]
    lines += [rng.choices(EXPORT_WORDS, k=rng.randint(1, 6)) for _ in range(1000)]
    options = ["--format", "--since", "--until", "--agenda", "--redact-name", "-o", "--output", "--data-dir",
               "--passphrase-fd"]
    values = ["markdown", "json", "html", "pdf", "-", "", "last", "x", "-1", "3", "--force", "Sam=my partner"]
    for _ in range(2000):
        line = ["export"]
        for _ in range(rng.randint(0, 5)):
            if rng.random() < 0.3:
                line.append(rng.choice(["--include-private", "--redact", "--force"]))
            else:
                line += [rng.choice(options), rng.choice(values)]
        lines.append(line)
    read = sum(_compare(line) for line in lines)
    capsys.readouterr()  # argparse's usage errors
    assert read > 1000, read  # the comparison compares something


def test_a_markdown_export_imports_neither_argparse_nor_the_parts_of_the_journal_it_does_not_read(imports_of):
    """Nor `typing` (about 4 ms), nor the ladder's model when the journal has no ladder."""
    for args in (["export", "-o", "-"], ["export", "--format", "markdown", "--include-private", "-o", "-"]):
        printed, loaded = imports_of(args, packages=("sqlite_utils", "textual", "rich", "msgspec"), modules=(
            "argparse", "uuid", "closeness_journal.cli.parser", "closeness_journal.cli.commands",
            "closeness_journal.cli.encryption", "closeness_journal.store.journal", "closeness_journal.store.archive",
            "closeness_journal.store.reviews", "closeness_journal.core.review", "closeness_journal.core.prompts",
            "closeness_journal.core.html_export", "closeness_journal.core.archive_json", "typing",
            "closeness_journal.core.ladder", *ENTRY_MODEL))
        assert "lighthouse" in printed
        assert loaded == []


ENTRY_MODEL = ("closeness_journal.core.entries", "closeness_journal.core.checkin", "closeness_journal.store.entries",
               "closeness_journal.store.search")
"""The entry model and what builds it: an export reads rows (about 5 ms of a 3,650-entry export)."""


def test_a_markdown_export_with_entries_for_my_session_imports_no_entry_model(tmp_path):
    """Flagged entries, a peak, a step that went better and one written with prompts: "For my session"
    lists them from rows too, with what an `Entry` would give (the store's tests compare the two)."""
    import ast
    import subprocess
    import sys

    cli = [sys.executable, "-m", "closeness_journal", "--data-dir", str(tmp_path / "journal")]
    subprocess.run([*cli, "write", "The lighthouse keeper waved.", "--who", "Sam", "--relationship", "partner",
                    "--intensity", "9", "--urge", "8", "--fear", "rejection", "--acted", "partly", "--flag",
                    "--step", "Asked Sam for a walk", "--predicted", "7", "--outcome", "2"],
                   check=True, capture_output=True)
    code = (
        "import sys\n"
        "from closeness_journal.cli import main\n"
        "assert main(sys.argv[1:]) == 0\n"
        f"print(sorted(m for m in sys.modules if m in {ENTRY_MODEL!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, "--data-dir", str(tmp_path / "journal"), "export", "-o", "-"],
                          capture_output=True, text=True, check=True)
    printed, _, loaded = done.stdout.rstrip("\n").rpartition("\n")
    assert ast.literal_eval(loaded) == []
    session = printed[printed.index("## For my session"):printed.index("### Kinds of closeness")]
    assert session.count("The lighthouse keeper waved.") == 2  # flagged, and a peak moment
    assert "fear 9 of 10, the pull to get away 8 of 10, with Sam (a partner)" in session
    assert "*Asked Sam for a walk* — expected 7, really 2 (of 10)" in session


def test_a_markdown_export_of_a_journal_with_a_ladder_still_shows_it(tmp_path):
    """The ladder's model is imported only when the journal has rungs (the test above): a fresh
    process with a ladder shows it, and the step tried."""
    import subprocess
    import sys

    cli = [sys.executable, "-m", "closeness_journal", "--data-dir", str(tmp_path / "journal")]
    added = subprocess.run([*cli, "ladder", "add", "Ring Ana instead of texting", "--hard", "25"],
                           check=True, capture_output=True, text=True)
    rung = added.stdout.strip()
    subprocess.run([*cli, "write", "Rang her.", "--ladder", rung[:6], "--predicted", "7", "--outcome", "3"],
                   check=True, capture_output=True)
    done = subprocess.run([*cli, "export", "-o", "-"], check=True, capture_output=True, text=True)
    section = done.stdout[done.stdout.index("### Your ladder of small steps"):]
    assert "**Ring Ana instead of texting**: feels 25 of 100 now" in section
    assert "expected 7, really 3 (of 10)" in section


@pytest.mark.parametrize("kind", ["markdown", "json"])
def test_an_export_runs_with_the_cycle_collector_paused_and_puts_it_back(tmp_path, monkeypatch, kind):
    import gc

    from closeness_journal import cli, exporting

    folder = str(tmp_path / "journal")
    assert cli.main(["--data-dir", folder, "write", "a first entry about the lighthouse"]) == 0
    seen = []
    prepare = exporting.prepare

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())  # the summary's reads, before anything is written
        return prepare(*args, **kwargs)

    monkeypatch.setattr(exporting, "prepare", watched)
    assert gc.isenabled()
    assert cli.main(["--data-dir", folder, "export", "--format", kind, "-o", str(tmp_path / "out")]) == 0
    assert seen == [False]
    assert gc.isenabled()
    assert "lighthouse" in (tmp_path / "out").read_text(encoding="utf-8")
