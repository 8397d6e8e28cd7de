"""The window starts with Python's cycle collector paused, and collects again (start-up's objects
set aside) once its first frame is drawn; a window that never draws one still gets it back."""

import gc

import pytest

from closeness_journal.ui import collector


@pytest.fixture(autouse=True)
def collecting_as_before():
    """Each test leaves the collector as it found it: on, nothing set aside."""
    assert gc.isenabled()
    yield
    gc.unfreeze()
    gc.enable()


async def test_collecting_resumes_once_the_first_frame_is_drawn(make_app):
    with collector.paused():
        assert not gc.isenabled()
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#editor").is_mounted
            assert gc.isenabled()  # the window's first frame resumed it, not the end of the block
            assert gc.get_freeze_count() > 10_000  # what start-up made is set aside


def test_a_window_that_never_draws_gets_collecting_back_when_it_ends():
    with pytest.raises(RuntimeError), collector.paused():
        assert not gc.isenabled()
        raise RuntimeError("the window could not start")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    collector.resume()  # a first frame after the block: too late to change anything
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_paused_by_someone_else_is_left_paused():
    gc.disable()
    try:
        with collector.paused():
            collector.resume()
            assert not gc.isenabled()
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_the_window_command_starts_with_collecting_paused_and_ends_with_it_on(run, monkeypatch, private_folders):
    """`closeness-journal` (and `pause`) import and start the window with the collector paused; a
    window that ended without resuming it (here, one that never drew) leaves it on."""
    seen = []

    def fake_run_app(journal, data_dir=None, demo=False, pause=False, after_first_frame=None):
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr("closeness_journal.ui.app.run_app", fake_run_app)
    for command in ([], ["pause"]):
        assert run(*command)[0] == 0
        assert gc.isenabled() and gc.get_freeze_count() == 0
    assert seen == [False, False]


def test_the_window_command_leaves_what_its_window_set_aside_aside_when_it_closes(run, monkeypatch, private_folders):
    """The process ends with the window: handing its objects back would only have Python walk and
    free them all on its way out. A window opened outside the command still hands them back."""
    def fake_run_app(journal, data_dir=None, demo=False, pause=False, after_first_frame=None):
        collector.set_aside()  # as Today does once drawn
        collector.release()  # as it does when the window closes
        return 0

    monkeypatch.setattr("closeness_journal.ui.app.run_app", fake_run_app)
    for command in ([], ["pause"]):
        gc.unfreeze()
        assert run(*command)[0] == 0
        assert gc.isenabled() and gc.get_freeze_count() > 0
    gc.unfreeze()
    collector.set_aside()
    collector.release()  # after the command: back to handing it back
    assert gc.get_freeze_count() == 0
