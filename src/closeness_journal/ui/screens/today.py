"""Today: the day's prompts, a place to write, and the check-in. Drafts save themselves."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, TextArea

from closeness_journal.core.dates import iso_week_label, long_date
from closeness_journal.core.review import last_complete_week
from closeness_journal.core.entries import Entry, EntryFilter, InvalidEntry
from closeness_journal.core.text import plural, printable
from closeness_journal.core.prompts import DailyPrompts, Prompt, PromptLibrary, daily_prompts, shuffle_setting
from closeness_journal.store import TODAY_DRAFTS, Journal, JournalError, today_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.widgets.checkin_form import EMPTY_CHECKIN, CheckInForm, as_entry_fields
from closeness_journal.ui.text import not_saved
from closeness_journal.ui.widgets.prompt_card import PromptCard

FREE_WRITING = "free"


@dataclass(frozen=True)
class Slot:
    """One place to write: a prompt, or free writing (prompt is None)."""

    key: str
    prompt: Prompt | None


class TodayScreen(Screen[None]):
    """Write today's entry: answer a prompt (or write freely), fill the check-in, save."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("ctrl+n", "next_prompt", "Next", id="next-prompt"),
        Binding("ctrl+b", "previous_prompt", "Previous prompt", id="previous-prompt", show=False),
        Binding("ctrl+r", "shuffle", "Swap question", id="shuffle"),
    ]

    def __init__(self, journal: Journal, library: PromptLibrary, today: date) -> None:
        super().__init__()
        self._journal = journal
        self._library = library
        self._today = today
        self._daily: DailyPrompts = daily_prompts(
            library, today, shuffle=journal.setting(shuffle_setting(today), 0)
        )
        self._slots: list[Slot] = self._slots_for(self._daily)
        self._answers: dict[str, str] = {}
        self._current = 0
        self._writing_day = today
        """The day entries are saved for: today, or the day of a restored draft."""
        self.draft_key = today_draft_key(uuid.uuid4().hex)
        self._claimed: list[str] = []
        self._pending_checkin: dict[str, Any] = {}
        """Check-in values restored from a draft before the form is mounted."""
        self.autosave = Autosave(self, self.save_draft)

    @staticmethod
    def _slots_for(daily: DailyPrompts) -> list[Slot]:
        return [Slot(p.id, p) for p in daily.all] + [Slot(FREE_WRITING, None)]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="today-body"):
            with Vertical(id="writing"):
                yield PromptCard(id="prompt")
                yield TextArea(id="editor", soft_wrap=True, tab_behavior="focus", placeholder="Write here… ctrl+s saves this answer with the check-in.")
            # The check-in (two thirds of the screen's widgets) is mounted just after the first
            # frame, so the writing space is there to type into as soon as the window opens.
            yield Vertical(id="checkin-slot")
        yield Footer(compact=True)

    def checkin_values(self) -> dict[str, Any]:
        forms = self.query(CheckInForm)
        return forms.first().values() if forms else {**EMPTY_CHECKIN, **self._pending_checkin}

    async def mount_checkin(self) -> None:
        form = CheckInForm(id="checkin")
        await self.query_one("#checkin-slot").mount(form)
        if self._pending_checkin:
            form.load(self._pending_checkin)

    def on_mount(self) -> None:
        self.call_after_refresh(self.mount_checkin)
        self.title = "Today"
        self._restore_draft()
        self._show_slot()
        self._update_subtitle()
        self.query_one("#editor", TextArea).focus()
        self._offer_review()

    def _offer_review(self) -> None:
        """Once per week, and only when last week has entries and no review: a gentle note."""
        monday = last_complete_week(self._today)
        week = iso_week_label(monday)
        key = f"review-offered:{week}"
        try:
            if self._journal.setting(key) or self._journal.review(week) is not None:
                return
            if not self._journal.count(EntryFilter(since=monday, until=monday + timedelta(days=6))):
                return
            self._journal.set_setting(key, True)
        except JournalError:
            return
        self.notify(
            "Last week is ready to look back on, whenever you like: press F5.",
            title="Weekly review",
            timeout=12,
        )

    # ------------------------------------------------------------------ prompts

    @property
    def slot(self) -> Slot:
        return self._slots[self._current]

    def _show_slot(self) -> None:
        slot = self.slot
        card = self.query_one(PromptCard)
        if slot.prompt is None:
            card.show("Free writing", "Anything on your mind today, in your own words.", self._current + 1, len(self._slots))
        else:
            theme = self._library.themes.get(slot.prompt.theme)
            card.show(theme.title if theme else slot.prompt.theme, slot.prompt.text, self._current + 1, len(self._slots))
        editor = self.query_one("#editor", TextArea)
        with editor.prevent(TextArea.Changed):
            editor.load_text(self._answers.get(slot.key, ""))
        editor.move_cursor(editor.document.end)
        editor.focus()

    def action_next_prompt(self) -> None:
        self._current = (self._current + 1) % len(self._slots)
        self._show_slot()
        self.autosave.changed()

    def action_previous_prompt(self) -> None:
        self._current = (self._current - 1) % len(self._slots)
        self._show_slot()
        self.autosave.changed()

    def action_shuffle(self) -> None:
        """Swap the deeper prompt for another; anything typed for the old one stays."""
        old = self._daily.deeper
        shuffle = self._daily.shuffle + 1
        self._daily = daily_prompts(self._library, self._today, shuffle=shuffle)
        try:
            self._journal.set_setting(shuffle_setting(self._today), shuffle)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
        new = self._daily.deeper
        if old is None or new is None or new.id == old.id:
            return
        index = next(i for i, s in enumerate(self._slots) if s.key == old.id)
        self._slots[index] = Slot(new.id, new)
        if self._answers.get(old.id, "").strip():
            self._slots.insert(len(self._slots) - 1, Slot(old.id, old))  # keep what was written
        self._current = index
        self._show_slot()
        self.autosave.changed()
        self.notify("Here is another deeper question for today.", title="Swapped")

    # ------------------------------------------------------------------ writing

    @on(TextArea.Changed, "#editor")
    def remember_answer(self, event: TextArea.Changed) -> None:
        self._answers[self.slot.key] = event.text_area.text
        self.autosave.changed()

    @on(CheckInForm.Changed)
    def checkin_changed(self) -> None:
        self.autosave.changed()

    def entry_to_save(self) -> Entry:
        body = self._answers.get(self.slot.key, "")
        prompt = self.slot.prompt if body.strip() else None  # a check-in alone answers no prompt
        return Entry(
            local_date=self._writing_day,
            body=body,
            prompt_id=prompt.id if prompt else None,
            prompt_text=prompt.text if prompt else None,
            **as_entry_fields(self.checkin_values()),
        )

    def action_save(self) -> None:
        try:
            entry = self.entry_to_save().validated()
            self._journal.add(entry)
        except (InvalidEntry, JournalError) as error:
            not_saved(self, error)
            return
        self._answers[self.slot.key] = ""
        self._show_slot()
        self._pending_checkin = {}
        for form in self.query(CheckInForm):
            form.clear()
            form.scroll_home(animate=False)
        if not self.has_unsaved_work():
            self._writing_day = self._today
        self.autosave.changed()
        self.autosave.flush()
        count = self._update_subtitle()
        waiting = sum(1 for text in self._answers.values() if text.strip())
        note = (
            f" Your answer{'s' if waiting != 1 else ''} to {waiting} other prompt{'s' if waiting != 1 else ''} "
            "are still here (ctrl+n)." if waiting else ""
        )
        self.notify(
            f"Saved. That's {plural(count, 'entry', 'entries')} that day. " if self._writing_day != self._today
            else f"Saved. That's {plural(count, 'entry', 'entries')} today. "
            "Thank you for noticing." + note,
            title="Saved",
        )
        self.query_one("#editor", TextArea).focus()

    def _update_subtitle(self) -> int:
        day = self._writing_day
        count = self._journal.count(EntryFilter(since=day, until=day))
        if day != self._today:
            self.sub_title = f"Writing for {long_date(day)} (from your draft) · {count} saved that day"
        else:
            self.sub_title = f"{long_date(day)} · {count} saved today" if count else long_date(day)
        return count

    # ------------------------------------------------------------------ drafts

    def draft_data(self) -> dict[str, Any]:
        return {
            "day": self._writing_day.isoformat(),
            "answers": {k: v for k, v in self._answers.items() if v.strip()},
            "current": self.slot.key,
            "checkin": self.checkin_values(),
            "pid": os.getpid(),
            "host": socket.gethostname(),
        }

    def has_unsaved_work(self) -> bool:
        data = self.draft_data()
        checkin = Entry(local_date=self._today, **as_entry_fields(data["checkin"]))
        return bool(data["answers"]) or not checkin.is_empty()

    def save_draft(self) -> None:
        """Keep this window's unsaved work under its own key (two windows never clash)."""
        if self.has_unsaved_work():
            self._journal.save_draft(self.draft_key, self.draft_data())
        else:
            self._journal.discard_draft(self.draft_key)
        for key in self._claimed:  # drafts restored from closed windows: ours now holds them
            self._journal.discard_draft(key)
        self._claimed = []

    def _restore_draft(self) -> None:
        """Bring back what closed windows left unsaved (never a window that is still open)."""
        found = [(key, data) for key, data in self._journal.drafts(TODAY_DRAFTS) if not _open_elsewhere(data)]
        if not found:
            return
        self._claimed = [key for key, _ in found]
        answers: dict[str, str] = {}
        for _, data in found:
            for key, text in data.get("answers", {}).items():
                answers[key] = (answers.get(key, "") + "\n\n" + printable(text)).strip()
        latest = found[-1][1]
        known = {slot.key for slot in self._slots}
        for key in list(answers):
            if key in known:
                continue
            prompt = self._library.get(key)
            if prompt is not None:
                self._slots.insert(len(self._slots) - 1, Slot(key, prompt))
            else:  # the prompt is gone (a removed prompt file): keep the words as free writing
                text = answers.pop(key)
                answers[FREE_WRITING] = (answers.get(FREE_WRITING, "") + "\n\n" + text).strip()
        self._answers = answers
        keys = [slot.key for slot in self._slots]
        self._current = keys.index(latest["current"]) if latest.get("current") in keys else 0
        self._pending_checkin = latest.get("checkin", {})
        day = min(date.fromisoformat(data.get("day", self._today.isoformat())) for _, data in found)
        if day < self._today:
            self._writing_day = day
            self.notify(
                f"Your unsaved writing from {long_date(day)} is back. It will be saved for that day.",
                title="Draft restored",
            )
        else:
            self.notify("Your unsaved writing is back, just as you left it.", title="Draft restored")
        self.autosave.changed()


def _open_elsewhere(draft: dict[str, Any]) -> bool:
    """True when the draft belongs to another journal window that is still open on this machine."""
    pid, host = draft.get("pid"), draft.get("host")
    if not isinstance(pid, int) or host != socket.gethostname() or pid == os.getpid() or os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
