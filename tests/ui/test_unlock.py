"""The passphrase screen an encrypted journal opens on: never echoed, three tries, kind words."""

from __future__ import annotations

from textual.widgets import Input, Static
from ui_helpers import type_text, until

from closeness_journal.ui.unlock import UnlockApp

KEY = bytes(range(32))
SECRET = "herons at dusk"


def fake_unlock(passphrase: str) -> bytes | None:
    """Stands in for Argon2id (which takes a moment on purpose): the key for one passphrase."""
    return KEY if passphrase == SECRET else None


def note(app: UnlockApp) -> str:
    return str(app.screen.query_one("#unlock-note", Static).render())


async def attempt(pilot, app: UnlockApp, passphrase: str) -> None:
    field = app.screen_asking.query_one("#unlock-passphrase", Input)
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    await until(pilot, lambda: not app.screen_asking.is_attached or not field.disabled, what="the passphrase checked")


async def test_the_right_passphrase_after_a_wrong_one_opens_the_journal():
    app = UnlockApp(fake_unlock)
    async with app.run_test() as pilot:
        field = app.screen.query_one("#unlock-passphrase", Input)
        assert field.password and app.focused is field
        await attempt(pilot, app, "not it")
        assert "doesn't open this journal" in note(app) and "2 more tries" in note(app)
        assert field.value == ""  # what was typed is not kept
        await attempt(pilot, app, SECRET)
    assert app.return_value == KEY


async def test_three_wrong_passphrases_leave_it_closed():
    app = UnlockApp(fake_unlock)
    async with app.run_test() as pilot:
        await attempt(pilot, app, "one")
        await attempt(pilot, app, "two")
        assert "one more try" in note(app)
        await attempt(pilot, app, "three")
    assert app.return_value is None and app.screen_asking.tried_all


async def test_escape_leaves_without_opening_and_an_empty_passphrase_is_not_a_try():
    app = UnlockApp(fake_unlock)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert "Type your passphrase first" in note(app)
        await pilot.press("escape")
    assert app.return_value is None and not app.screen_asking.tried_all


def test_the_passphrase_screen(snap_compare):
    async def typed_and_one_wrong(pilot):
        await attempt(pilot, pilot.app, "wrong")
        await type_text(pilot, "secret words")

    assert snap_compare(UnlockApp(fake_unlock), terminal_size=(80, 24), run_before=typed_and_one_wrong)


async def test_the_export_dialog_says_once_that_exports_of_an_encrypted_journal_are_plain(make_app, tmp_path):
    from closeness_journal.store import Journal
    from closeness_journal.ui.screens.export import ExportScreen

    encrypted = Journal.open(tmp_path / "journal.db", KEY)
    try:
        app = make_app(j=encrypted)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            said = str(app.screen.query_one("#export-plain", Static).render())
            assert said.count("encrypted, but exports are not") == 1 and "plain text" in said
    finally:
        encrypted.close()
