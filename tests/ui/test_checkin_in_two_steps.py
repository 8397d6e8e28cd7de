"""Today's check-in in two steps: the fields the screen shows come with the first frame, the rest
(below the fold) just after, into room kept for them, so nothing on the screen moves or changes."""

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal

from closeness_journal.core.ladder import Rung
from closeness_journal.ui.widgets.checkin_form import CheckInForm, RestOfForm

RUNGS = [Rung("Ring Ana about the weekend and ask how her week went, even briefly", 25, id="r1")]


class FormApp(App[None]):
    CSS_PATH = "../../src/closeness_journal/ui/journal.tcss"

    def __init__(self, width: int, rungs: list[Rung]) -> None:
        super().__init__()
        self.form_width, self.rungs = width, rungs

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield CheckInForm(id="checkin", rungs=self.rungs, first_rows=self.size.height)

    def on_mount(self) -> None:
        form = self.query_one(CheckInForm)
        form.styles.width = form.styles.min_width = form.styles.max_width = self.form_width


@pytest.mark.parametrize("rungs", [[], RUNGS], ids=["no ladder", "a ladder"])
@pytest.mark.parametrize("width", [34, 37, 41, 44, 48, 52])
@pytest.mark.parametrize("height", [8, 24])
async def test_the_room_kept_is_as_tall_as_the_rest_of_the_form(width, height, rungs):
    """At a small height the rest begins with the first fields; at 24 rows, with the lists."""
    app = FormApp(width, rungs)
    async with app.run_test(size=(100, height)) as pilot:
        await pilot.pause()
        form = app.query_one(CheckInForm)
        assert form.region.width == width
        assert not form.complete
        room = form.query_one(RestOfForm)
        assert room.region.y >= form.region.bottom  # below the fold
        before = form.virtual_size
        await form.mount_rest()
        await pilot.pause()
        assert form.complete and not form.query(RestOfForm)
        assert form.virtual_size == before  # the scroll bar is the same
        assert form.query_one("#rung").display == bool(rungs)


async def test_a_form_taller_than_the_screen_wants_is_whole_at_once():
    app = FormApp(44, [])
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.pause()
        form = app.query_one(CheckInForm)
        assert form.complete and not form.query(RestOfForm)
        assert form.values().checkin.who == ""
