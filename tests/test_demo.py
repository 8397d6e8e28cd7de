from datetime import date

from closeness_journal import cli, demo

END = date(2026, 11, 18)


def test_the_demo_journal_is_the_same_every_time_and_covers_sixteen_weeks():
    first = list(demo.generate(END))
    assert first == list(demo.generate(END))
    days = {entry.local_date for entry, _ in first}
    assert date(2026, 7, 30) <= min(days) < date(2026, 8, 6) and max(days) <= END
    assert any(e.withdrawal for e, _ in first) and any(e.sabotage for e, _ in first)
    assert any(e.checkin.small_step for e, _ in first) and any(e.private for e, _ in first)
    for entry, _ in first:
        entry.validated()


def test_long_bodies_run_from_40_to_400_words():
    lengths = [len(e.body.split()) for e, _ in demo.generate(END, demo.DemoOptions(weeks=4, long_bodies=True))]
    assert min(lengths) >= 40 and max(lengths) <= 460


def test_demo_command_never_touches_your_journal(monkeypatch, private_folders):
    import closeness_journal.ui.app as app_module

    seen = {}

    def fake_run(self):
        seen["count"] = self.journal.count()
        seen["path"] = self.journal.path
        return 0

    monkeypatch.setattr(app_module.JournalApp, "run", fake_run)
    assert cli.main(["demo"]) == 0
    assert seen["count"] > 50
    assert not seen["path"].exists()  # thrown away on quit
    assert not private_folders.exists()
