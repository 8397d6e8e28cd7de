"""The cycle collector paused while a whole journal is read or written (core/collector.py)."""

import gc

from closeness_journal.core import collector


def test_what_the_window_set_aside_stays_set_aside_after_an_import():
    """The window sets its objects aside for good (gc.freeze); an import's pause inside it must not
    hand them all back to the collector (it took 0.15-0.4 s a full collection)."""
    gc.unfreeze()
    window = [[n] for n in range(1000)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector.paused(long_lived=True):
            made = [[n] for n in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen
        assert made and window
    finally:
        gc.unfreeze()


def test_a_short_pause_leaves_everything_else_as_it_was():
    gc.unfreeze()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0
