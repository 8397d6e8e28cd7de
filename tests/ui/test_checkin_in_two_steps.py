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


async def test_values_loaded_and_typed_before_the_rest_comes_are_all_kept():
    from closeness_journal.core.checkin import CheckIn, CheckInFields

    restored = CheckInFields(CheckIn(who="Robin", urge=7, fears=("abandonment",), kinds=("physical",),
                                     small_step="stayed for tea"), ("evening",), True)
    app = FormApp(44, [])
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        form = app.query_one(CheckInForm)
        assert not form.complete
        form.load(restored)  # as Today does before its first frame
        assert form.query_one("#who").value == "Robin"  # shown at once
        assert form.values() == restored
        form.query_one("#who").value = "Sam"  # typed before the rest came
        await form.mount_rest()
        await pilot.pause()
        assert form.complete
        expected = CheckInFields(CheckIn(who="Sam", urge=7, fears=("abandonment",), kinds=("physical",),
                                         small_step="stayed for tea"), ("evening",), True)
        assert form.values() == expected


async def test_the_rest_and_the_backup_start_once_todays_first_frame_is_drawn(journal, library, monkeypatch):
    """Textual holds the screen back as the window starts (and just after a switch of screens): work
    begun then runs before anything is drawn and holds the first frame back. The rest of the
    check-in and the day's backup begin only once Today's first frame has been written."""
    from closeness_journal.ui.app import JournalApp
    from closeness_journal.ui.screens.today import TodayScreen

    frames: list[str] = []
    began: dict[str, list[str]] = {}

    display = JournalApp._display

    def watched(app: JournalApp, screen, renderable) -> None:
        if renderable is not None and not app._batch_count:
            frames.append(type(screen).__name__)
        display(app, screen, renderable)

    monkeypatch.setattr(JournalApp, "_display", watched)
    mount_checkin = TodayScreen.mount_checkin

    async def rest_of_checkin(screen: TodayScreen) -> None:
        began["rest"] = list(frames)
        await mount_checkin(screen)

    monkeypatch.setattr(TodayScreen, "mount_checkin", rest_of_checkin)
    app = JournalApp(journal, library, after_first_frame=lambda: began.setdefault("backup", list(frames)) and None)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if app.screen.query_one(CheckInForm).complete and "backup" in began:
                break
        assert app.screen.query_one(CheckInForm).complete
    assert began["rest"][:1] == ["TodayScreen"]
    assert began["backup"][:1] == ["TodayScreen"]


async def test_a_save_while_the_rest_is_being_mounted_waits_for_it(journal, library, monkeypatch):
    """ctrl+s pressed while the fields below the fold are mounting: the save waits for them, so it
    neither fails on a half-mounted dropdown nor sees the form refilled with what it held before."""
    import asyncio
    import subprocess
    import sys
    from datetime import date

    from textual.widgets import Input

    from closeness_journal.ui.app import JournalApp

    mount_all = CheckInForm.mount_all

    async def slowly(form: CheckInForm, *args, **kwargs):
        await asyncio.sleep(0.3)  # the rest is being mounted for a while
        return await mount_all(form, *args, **kwargs)

    monkeypatch.setattr(CheckInForm, "mount_all", slowly)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a window that closed left this draft: it is restored, the check-in in the first frame
    journal.save_draft("today:old", {"day": date.today().isoformat(), "answers": {"free": "We stayed for dinner."},
                                     "current": "free", "checkin": {"who": "Sam"}, "pid": gone.pid,
                                     "host": "elsewhere"})
    app = JournalApp(journal, library)
    async with app.run_test(size=(100, 30)) as pilot:
        form = app.screen.query_one(CheckInForm)
        for _ in range(100):
            await pilot.pause(0.01)
            if form.complete and form.query(RestOfForm):  # taken apart, not yet mounted
                break
        assert form.complete and form.query(RestOfForm)
        assert app.screen.query_one("#who", Input).value == "Sam"
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.01)
            if not form.query(RestOfForm) and journal.entries():
                break
        await pilot.pause()
        assert form.values().checkin.who == ""  # cleared after the save, not refilled
    [entry] = journal.entries()
    assert entry.checkin.who == "Sam" and "We stayed for dinner." in entry.words


@pytest.mark.parametrize("size", [(60, 18), (80, 24), (99, 29), (100, 30), (101, 31), (120, 40), (200, 60)])
async def test_todays_first_fields_are_the_ones_it_shows(journal, library, monkeypatch, size):
    """Today composes the check-in's fields that begin above the fold, counted at the width
    `form_width` gives: never narrower than the column journal.tcss makes (or a field shown would
    be missing from the first frame), and no wider than a column more (or fields below the fold
    would be composed first, for nothing)."""
    from closeness_journal.ui.app import JournalApp
    from closeness_journal.ui.screens.today import TodayScreen
    from closeness_journal.ui.widgets.checkin_form import form_width

    async def not_yet(screen: TodayScreen) -> None:
        return None

    monkeypatch.setattr(TodayScreen, "mount_checkin", not_yet)  # the form as in the first frame
    app = JournalApp(journal, library)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        form = app.screen.query_one(CheckInForm)
        room = form.query_one(RestOfForm)
        shown = form.scrollable_content_region
        assert shown.width <= form_width(size[0]) <= shown.width + 1
        assert room.region.y >= shown.bottom  # nothing shown is missing
        fields = [child for child in form.children if child is not room]
        assert max(field.region.y - field.styles.margin.top for field in fields) < shown.bottom  # none below


async def test_a_field_just_mounted_takes_its_turn_at_tab_once_it_is_placed(journal, library):
    """Textual orders the focus by where the fields are: the fields below the fold, mounted just
    after the first frame, are nowhere until the next layout, and tab from the writing went to the
    check-in's last field when pressed then (a test typing at once saw it one run in three)."""
    from textual.widgets import Input

    from closeness_journal.ui.app import JournalApp

    app = JournalApp(journal, library)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.01)
            if app.screen.query_one(CheckInForm).complete:
                break
        form = app.screen.query_one(CheckInForm)
        late = Input(id="late")
        mounted = form.mount(late)  # in the form, not placed yet
        assert late in form.children and not late.virtual_region.size
        assert late not in app.screen.focus_chain
        await mounted
        await pilot.pause()
        assert late.virtual_region.size and late in app.screen.focus_chain
        app.screen.query_one("#editor").focus()
        await pilot.press("tab")
        assert app.focused.id == "who"
