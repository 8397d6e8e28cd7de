"""`closeness-journal support` prints where to find help now; `--help` ends by naming it;
`closeness-journal pause` opens the window straight on a pause."""

import subprocess
import sys

from closeness_journal.core import support


def test_support_prints_the_one_support_text_and_opens_no_journal(run, private_folders):
    code, out, err = run("support")
    assert (code, err) == (0, "")
    assert out == support.support_text()
    assert "crisis line" in out and "emergency number" in out
    assert not private_folders.exists()  # nothing is created to say where help is


def test_help_ends_with_a_line_naming_support(run):
    code, out, _ = run("--help")
    assert code == 0
    assert out.rstrip().splitlines()[-1] == "If you need support now: closeness-journal support"
    commands = out.split("positional arguments:")[1]
    assert "    support " in commands and "    pause " in commands


def test_support_works_from_a_fresh_process_before_anything_else(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "closeness_journal", "support"],
        capture_output=True, text=True, env={"CLOSENESS_JOURNAL_DIR": str(tmp_path / "none"), "PATH": ""},
    )
    assert result.returncode == 0 and result.stdout.startswith(support.TITLE)


def test_pause_opens_the_window_on_a_pause(run, monkeypatch, private_folders):
    opened = {}

    def fake_run_app(journal, data_dir=None, demo=False, pause=False, after_first_frame=None):
        opened.update(data_dir=data_dir, demo=demo, pause=pause)
        return 0

    monkeypatch.setattr("closeness_journal.ui.app.run_app", fake_run_app)
    assert run("pause")[0] == 0
    assert opened == {"data_dir": private_folders, "demo": False, "pause": True}


def test_pause_and_support_say_what_they_do(run):
    assert "a minute of slow breathing" in " ".join(run("pause", "--help")[1].split())
    assert "crisis lines wherever you are" in " ".join(run("support", "--help")[1].split())


def test_prompts_asks_only_the_deeper_themes_chosen_in_the_settings(run, private_folders):
    import json

    from closeness_journal.core.settings import DEEPER_THEMES
    from closeness_journal.store import Journal

    journal = Journal.open(private_folders / "journal.db")
    journal.set_setting(DEEPER_THEMES, ["goals"])
    journal.close()
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):
        prompts = json.loads(run("prompts", "--date", day, "--json")[1])["prompts"]
        assert [p["theme"] for p in prompts if not p["core"]] == ["goals"]
