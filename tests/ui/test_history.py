"""History: paging, reading, editing, deleting with undo, searching, the trash."""

from datetime import date, timedelta

import pytest
from ui_helpers import type_text, until

from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.store import edit_draft_key
from closeness_journal.ui.screens.edit_entry import EditEntryScreen
from closeness_journal.ui.screens.entry_view import EntryScreen
from closeness_journal.ui.screens.history import PAGE_SIZE, HistoryScreen, first_page
from closeness_journal.ui.screens.trash import TrashScreen
from closeness_journal.ui.widgets.entry_table import EntryTable
from closeness_journal.windows import this_window

TODAY = date(2026, 11, 18)


def add(journal, body, days_ago=0, private=False, **checkin):
    return journal.add(Entry(TODAY - timedelta(days=days_ago), body=body, private=private, checkin=CheckIn(**checkin)))


def add_many(journal, count: int, first_days_ago: int = 0) -> None:
    """Entries "entry 0" (the newest), "entry 1"... a day apart."""
    for n in range(count):
        add(journal, f"entry {n}", days_ago=n + first_days_ago)


async def open_history(app, pilot) -> HistoryScreen:
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


async def test_history_lists_newest_first_and_loads_pages_as_you_scroll(make_app, journal):
    add_many(journal, PAGE_SIZE + 50)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        assert table.row_count == first_page(24) < PAGE_SIZE  # what the window shows and some more
        assert table.entry_id == journal.entries(limit=1)[0].id
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == PAGE_SIZE + 50
        assert "250 entries" in str(screen.query_one("#history-status").render())


async def test_a_terminal_made_much_taller_loads_more_rows(make_app, journal):
    """Every row loaded fits a much taller terminal: more come, as scrolling would bring them (else
    the list looked as if it ended, with no scroll bar for the mouse)."""
    add_many(journal, PAGE_SIZE + 50)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        assert table.row_count == first_page(24)
        await pilot.resize_terminal(80, first_page(24) + 20)
        await pilot.pause()
        await pilot.pause()
        assert table.row_count == PAGE_SIZE + 50  # the next page: the rest


async def test_moving_down_past_the_newest_page_brings_the_next_one_in_order(make_app, journal):
    """The newest page holds what the window shows and some more; moving down towards its end
    brings the next page, with nothing repeated or skipped, and Home goes back to the newest."""
    add_many(journal, PAGE_SIZE + 150)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        assert table.row_count == first_page(24)
        await pilot.press(*["pagedown"] * 8)
        await pilot.pause()
        assert table.row_count == first_page(24) + PAGE_SIZE
        assert journal.get(table.entry_id).body == f"entry {table.cursor_row}"
        bodies = [table.get_row_at(row)[1].plain for row in range(table.row_count)]
        assert bodies == [f"entry {n}" for n in range(table.row_count)]
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and journal.get(table.entry_id).body == "entry 0"


async def test_opening_an_entry_shows_it_in_full(make_app, journal):
    add(journal, "A long evening.\nSecond line.", who="Sam", fears=("engulfment",), intensity=6)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        shown = str(app.screen.query_one("#entry-text").render())
        assert "Second line." in shown and "Losing yourself or being controlled" in shown and "6 of 10" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_editing_from_history_keeps_a_revision(make_app, journal):
    original = add(journal, "before")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EditEntryScreen)
        await pilot.press("end")
        await type_text(pilot, " and after")
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, HistoryScreen)
    updated = journal.get(original.id)
    assert updated.body == "before and after" and updated.checkin.who == "Sam"
    assert [r.entry.body for r in journal.revisions(original.id)] == ["before"]


def add_sitting(journal, body="", **checkin):
    """An entry with three answers (as Today saves a sitting), the free writing and a check-in."""
    answers = (
        Answer("pulled-away-01", "When did you want distance?", "When Sam hugged me."),
        Answer("feared-01", "What were you afraid of?", "Being too much."),
        Answer("small-step-01", "What small step did you take?", "I stayed."),
    )
    return journal.add(Entry(TODAY, answers=answers, body=body, checkin=CheckIn(**checkin)))


async def open_edit(app, pilot) -> EditEntryScreen:
    await open_history(app, pilot)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, EditEntryScreen)
    return app.screen


async def test_editing_a_sitting_changes_an_answer_and_keeps_a_revision(make_app, journal):
    original = add_sitting(journal, body="and then a film", who="Sam", urge=6)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_edit(app, pilot)
        editor = screen.query_one("#editor")
        assert editor.text == "When Sam hugged me."  # the first answer, under its prompt
        assert "When did you want distance?" in str(screen.query_one("#prompt-text").render())
        await pilot.press("ctrl+n")
        assert editor.text == "Being too much."
        await pilot.press(*" Or not enough.", "ctrl+n", "ctrl+n")
        assert editor.text == "and then a film"  # the free writing comes last
        assert "Free writing" in str(screen.query_one("#prompt-theme").render())
        await pilot.press("ctrl+b", "ctrl+b")
        assert editor.text == "Being too much. Or not enough."
        screen.query_one("#acted").focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # acted on it: "no"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    updated = journal.get(original.id)
    assert [a.text for a in updated.answers] == ["When Sam hugged me.", "Being too much. Or not enough.", "I stayed."]
    assert [a.prompt_id for a in updated.answers] == [a.prompt_id for a in original.answers]
    assert updated.body == "and then a film"
    assert updated.checkin == CheckIn(who="Sam", urge=6, acted="no")
    [revision] = journal.revisions(original.id)
    assert revision.entry.answers == original.answers and revision.entry.checkin.acted is None


async def test_an_edit_draft_holds_every_answer_and_comes_back(make_app, journal):
    original = add_sitting(journal, body="free", who="Sam")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_edit(app, pilot)
        await pilot.press(*" Again.", "ctrl+n", "ctrl+n", "ctrl+n", *" words")
        screen.query_one("#urge").focus()
        await pilot.press(*"4")
        assert screen.autosave.flush()
        stored = journal.draft(edit_draft_key(original.id, this_window()))  # this window's own
        assert [{"prompt_id": a["prompt_id"], "text": a["text"]} for a in stored["answers"]] == [
            {"prompt_id": "pulled-away-01", "text": "When Sam hugged me. Again."},
            {"prompt_id": "feared-01", "text": "Being too much."},
            {"prompt_id": "small-step-01", "text": "I stayed."},
        ]
        assert stored["answers"][1]["prompt_text"] == "What were you afraid of?"  # it could become an entry
        assert stored["body"] == "free words" and stored["current"] == 3
        assert stored["checkin"]["who"] == "Sam" and stored["checkin"]["urge"] == 4
    app = make_app()  # the window closed without saving; the edit is opened again
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_edit(app, pilot)
        assert screen.query_one("#editor").text == "free words"  # where it was left
        assert screen.texts == ["When Sam hugged me. Again.", "Being too much.", "I stayed.", "free words"]
        assert screen.query_one("#urge").value == "4"
        assert any("unsaved changes to this entry are back" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
    updated = journal.get(original.id)
    assert updated.answers[0].text == "When Sam hugged me. Again." and updated.checkin.urge == 4
    assert journal.draft(edit_draft_key(original.id, this_window())) is None


async def test_an_edit_draft_from_before_sittings_still_comes_back(make_app, journal):
    # An entry that was one prompt's answer (now its one answer), and one that was free writing,
    # each with an edit draft in the first form: {"body", "checkin"}.
    answered = journal.add(Entry(TODAY, answers=(Answer("feared-01", "What were you afraid of?", "Being left."),)))
    free = journal.add(Entry(TODAY - timedelta(days=1), body="a walk"))
    journal.save_draft(edit_draft_key(answered.id), {"body": "Being left, again.", "checkin": {"who": "Ana"}})
    journal.save_draft(edit_draft_key(free.id), {"body": "a long walk", "checkin": {"intensity": 3}})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_edit(app, pilot)  # the newest: the answered one
        assert screen.query_one("#editor").text == "Being left, again."
        assert screen.texts == ["Being left, again.", ""]
        assert screen.query_one("#who").value == "Ana"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("down", "e")
        await pilot.pause()
        assert app.screen.query_one("#editor").text == "a long walk"
        assert app.screen.query_one("#intensity").value == "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert journal.get(answered.id).answers[0].text == "Being left, again."
    assert journal.get(answered.id).checkin.who == "Ana" and journal.get(answered.id).body == ""
    assert journal.get(free.id).body == "a long walk" and journal.get(free.id).checkin.intensity == 3


async def test_leaving_an_edit_asks_before_discarding(make_app, journal):
    original = add(journal, "unchanged")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("e", *"x", "escape")
        await pilot.pause()
        await pilot.press("escape")  # "Keep editing"
        await pilot.pause()
        assert isinstance(app.screen, EditEntryScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert journal.get(original.id).body == "unchanged"
    assert journal.revisions(original.id) == []


async def test_delete_asks_then_undo_brings_it_back(make_app, journal):
    keep = add(journal, "keep", days_ago=1)
    gone = add(journal, "to delete")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # changed my mind
        await pilot.pause()
        assert journal.count() == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [e.id for e in journal.entries()] == [keep.id]
        assert any("undo" in n.message for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert {e.id for e in journal.entries()} == {keep.id, gone.id}
        assert screen.query_one(EntryTable).row_count == 2


async def test_trash_view_restores(make_app, journal):
    gone = add(journal, "in the bin")
    journal.delete(gone.id)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.query_one(EntryTable).row_count == 0
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        assert app.screen.query_one(EntryTable).entry_id == gone.id
        await pilot.press("r")
        await pilot.pause()
        assert journal.trash() == []
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one(EntryTable).entry_id == gone.id


async def test_search_finds_an_entry(make_app, journal):
    add(journal, "a picnic by the lake", days_ago=3)
    for n in range(5):
        add(journal, f"ordinary day {n}", days_ago=n)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        assert table.row_count == 6
        await pilot.press("slash")
        await type_text(pilot, "picn")  # the search runs when typing pauses
        await until(pilot, lambda: table.row_count == 1, what="the search to run")
        assert journal.get(table.entry_id).body == "a picnic by the lake"


async def test_filters_by_category_and_dates(make_app, journal):
    add(journal, "went quiet", behaviours=("went-quiet",), days_ago=10)
    add(journal, "picked a fight", behaviours=("picked-fight",))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        screen.query_one("#category").value = "sabotage"
        await pilot.pause()
        assert [journal.get(table.entry_id).body] == ["picked a fight"] and table.row_count == 1
        screen.query_one("#category").clear()
        await pilot.pause()
        assert table.row_count == 2
        await pilot.click("#until")
        await type_text(pilot, "2026-11-10")
        assert table.row_count == 1 and journal.get(table.entry_id).body == "went quiet"
        await pilot.press("backspace")
        await pilot.pause()
        assert table.row_count == 1  # an unfinished date leaves the list as it was


async def test_entries_saved_on_today_appear_in_history(make_app, journal):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.query_one(EntryTable).row_count == 0
        await pilot.press("f2")
        await type_text(pilot, "fresh words")
        await pilot.press("ctrl+s", "f3")
        assert screen.query_one(EntryTable).row_count == 1


async def test_scrolling_while_another_window_writes_neither_repeats_nor_crashes(make_app, journal):
    add_many(journal, PAGE_SIZE + 20, first_days_ago=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        for n in range(5):  # another window writes newer entries meanwhile
            add(journal, f"new {n}")
        await pilot.press("end")
        await pilot.pause()
        table = screen.query_one(EntryTable)
        assert table.row_count == PAGE_SIZE + 20
        assert len(set(table.rows)) == table.row_count


async def test_coming_back_reloads_only_when_something_changed(make_app, journal, monkeypatch):
    add(journal, "one")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        calls = []
        original = journal.entries
        monkeypatch.setattr(journal, "entries", lambda *a, **k: calls.append(1) or original(*a, **k))
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert calls == []
        await pilot.press("f2", *"two", "ctrl+s", "f3")
        await pilot.pause()
        assert len(calls) == 1 and screen.query_one(EntryTable).row_count == 2


async def test_editing_never_puts_control_characters_back_on_screen(make_app, journal):
    saved = add(journal, "safe")
    journal.db.execute(
        "UPDATE entries SET body = ?, who = ? WHERE uuid = ?", ["x\x1b]2;t\x1b\\y", "S\x1b[5mam", saved.id]
    )
    journal.db.conn.commit()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#editor").text == "xy"
        assert app.screen.query_one("#who").value == "Sam"


def shown_options(select) -> list[str]:
    from textual.widgets import OptionList

    options = select.query_one(OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def test_filters_by_tag(make_app, journal):
    from textual.widgets import Select

    journal.add(Entry(TODAY - timedelta(days=1), body="dinner at home", tags=("Home",)))
    journal.add(Entry(TODAY - timedelta(days=2), body="quiet, no tags"))
    journal.add(Entry(TODAY - timedelta(days=3), body="lunch", tags=("work",)))
    journal.add(Entry(TODAY - timedelta(days=4), body="a fight at home", tags=("home", "[b]loud[/b]")))
    journal.add(Entry(TODAY - timedelta(days=5), body="home again", tags=("home",)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        tags = screen.query_one("#tag", Select)
        await pilot.click("#tag")
        await pilot.pause()
        # most used first, shown as written (never as markup)
        assert shown_options(tags) == ["Any tag", "Home (3)", "[b]loud[/b] (1)", "work (1)"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert tags.value == "Home" and table.row_count == 3  # any case
        assert "3 entries" in str(screen.query_one("#history-status").render())
        # a tag written in another window appears when History is shown again; the chosen one stays
        journal.add(Entry(TODAY, body="first day", tags=("new job",)))
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert "new job (1)" in shown_options(tags)
        assert tags.value == "Home" and table.row_count == 3
        tags.clear()
        await pilot.pause()
        assert table.row_count == 6


async def test_a_chosen_tag_shows_as_written_on_the_filter_line(make_app, journal):
    """The filter's line (drawn by the lighter select, not Textual's) shows a tag literally."""
    journal.add(Entry(TODAY - timedelta(days=1), body="a fight at home", tags=("[b]loud[/b]",)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.click("#tag")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # past "Any tag", as in the test above
        await pilot.pause()
        assert screen.query_one("#tag").value == "[b]loud[/b]"
        line = screen.query_one("#tag").query_one("SelectCurrent").children[0]
        assert line.render_line(0).text.startswith("[b]loud[/b] (1)")


def test_pushing_away_is_not_marked_in_a_warning_colour():
    from closeness_journal.ui.widgets.entry_table import markers

    shown = markers(Entry(TODAY, checkin=CheckIn(behaviours=("went-quiet", "picked-fight"))))
    assert shown.plain == "◐▲  "
    assert not [span for span in shown.spans if "warning" in str(span.style) or "error" in str(span.style)]


async def test_f_flags_an_entry_to_bring_up_in_the_list_and_on_the_reading_screen(make_app, journal):
    older = add(journal, "bring this up", days_ago=1)
    add(journal, "newest")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        await pilot.press("down", "f")
        await pilot.pause()
        assert journal.get(older.id).flagged and journal.revision_count(older.id) == 0
        assert table.get_cell(older.id, "marks").plain.endswith("⚑")
        assert any("For my session" in n.message for n in app._notifications)
        # on the reading screen: said in words, and f takes the flag off again
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert "Flagged to bring up at your next session." in app.screen.query_one("#entry-text").render().plain
        await pilot.press("f")
        await pilot.pause()
        assert not journal.get(older.id).flagged
        assert "Flagged" not in app.screen.query_one("#entry-text").render().plain
        await pilot.press("escape")
        await pilot.pause()
        assert table.get_cell(older.id, "marks").plain.strip() == ""


async def test_an_entry_in_the_trash_cannot_be_flagged(make_app, journal):
    entry = add(journal, "gone")
    journal.delete(entry.id)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("f")
        await pilot.pause()
        assert not journal.get(entry.id).flagged


async def test_home_and_end_jump_to_the_newest_and_oldest_and_paging_up_from_the_end_reaches_the_middle(
    make_app, journal
):
    """End shows the oldest entry at once (one page from the oldest end, not every page between),
    Home the newest; from the end, paging up loads the pages above, keyset, nothing repeated."""
    from datetime import UTC, datetime

    count = 3000
    written = datetime(2026, 11, 18, 12, tzinfo=UTC)
    journal.add_many(
        (Entry(TODAY - timedelta(days=n), body=f"entry {n}"), written - timedelta(days=n)) for n in range(count)
    )
    newest, oldest = journal.entries(limit=1)[0], journal.entries(limit=1, oldest=True)[0]
    assert (newest.body, oldest.body) == ("entry 0", f"entry {count - 1}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        for key in ("end", "G"):
            await pilot.press("home")
            await pilot.pause()
            assert table.entry_id == newest.id and table.cursor_row == 0
            await pilot.press(key)
            await pilot.pause()
            assert table.entry_id == oldest.id
            assert table.row_count <= 2 * PAGE_SIZE  # not the 3,000 rows between
        # Paging up from the end walks back towards the middle, one page at a time, in order.
        seen: list[str] = []
        for _ in range(10):  # about 17 rows a page at this size: past the middle
            await pilot.press(*["pageup"] * 10)
            await pilot.pause()
            seen.append(screen._journal.get(table.entry_id).body)
        numbers = [int(body.split()[1]) for body in seen]
        assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == len(numbers)
        assert numbers[-1] <= count // 2  # the middle, many pages above the oldest one
        assert table.row_count <= 3 * PAGE_SIZE
        bodies = [table.get_row_at(row)[1].plain for row in range(table.row_count)]
        expected = [f"entry {n}" for n in range(int(bodies[0].split()[1]), int(bodies[-1].split()[1]) + 1)]
        assert bodies == expected  # the rows shown are consecutive: none repeated, none skipped
        await pilot.press("g")
        await pilot.pause()
        assert table.entry_id == newest.id and table.row_count == first_page(24)
        assert "3,000 entries" in str(screen.query_one("#history-status").render())


async def test_deleting_deep_in_the_list_keeps_the_place(make_app, journal):
    """After End, a delete reloads the rows from the same depth (not the newest page) and the
    cursor stays near the entry it was on."""
    for n in range(3 * PAGE_SIZE):
        add(journal, f"entry {n}", days_ago=n)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("up")
        await pilot.pause()
        assert journal.get(table.entry_id).body == f"entry {3 * PAGE_SIZE - 2}"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert journal.count() == 3 * PAGE_SIZE - 1
        assert journal.get(table.entry_id).body == f"entry {3 * PAGE_SIZE - 1}"  # the next one down
        first_shown = journal.get(next(iter(table.rows)).value).body
        assert int(first_shown.split()[1]) > PAGE_SIZE  # still deep in the list, not back at the top


async def test_staying_close_is_marked_as_surely_as_pulling_away(make_app, journal):
    """● in History as in `list`: an entry where you stayed, or felt the pull and didn't act on it."""
    from closeness_journal.core.vocabulary import STAYED

    stayed = journal.add(Entry(TODAY, body="stayed for dinner", checkin=CheckIn(stayed=(next(iter(STAYED)),))))
    held = journal.add(Entry(TODAY, body="felt the pull", checkin=CheckIn(acted="no")))
    pulled = journal.add(Entry(TODAY, body="went quiet", checkin=CheckIn(behaviours=("went-quiet",))))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        table = screen.query_one(EntryTable)
        assert table.get_cell(stayed.id, "marks").plain == "  ● "
        assert table.get_cell(held.id, "marks").plain == "  ● "
        assert table.get_cell(pulled.id, "marks").plain == "◐   "
        assert "● stayed close" in screen.query_one("#history-status").render().plain


async def test_the_tags_are_read_when_their_filter_is_first_opened(make_app, journal, monkeypatch):
    """Opening History asks only whether there are tags (the tag filter can be opened, or not):
    the tags themselves are read as their list first opens, then as History is shown again."""
    from textual.widgets import Select

    journal.add(Entry(TODAY - timedelta(days=1), body="dinner at home", tags=("home",)))
    read = []
    listed = journal.tags
    monkeypatch.setattr(journal, "tags", lambda: read.append(1) or listed())
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        tags = screen.query_one("#tag", Select)
        assert read == [] and not tags.disabled
        await pilot.click("#tag")
        await pilot.pause()
        assert read == [1] and shown_options(tags) == ["Any tag", "home (1)"]
        await pilot.press("escape")
        journal.add(Entry(TODAY, body="first day", tags=("new job",)))
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert read == [1, 1] and "new job (1)" in shown_options(tags)


async def test_with_no_tags_the_tag_filter_is_off_and_none_are_read(make_app, journal, monkeypatch):
    from textual.widgets import Select

    add(journal, "no tags here")
    monkeypatch.setattr(journal, "tags", lambda: pytest.fail("the tags were read"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.query_one("#tag", Select).disabled
        journal.add(Entry(TODAY, body="now one", tags=("walks",)))
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert not screen.query_one("#tag", Select).disabled
