"""Today: the day's prompts, a place to write, and the check-in. Drafts save themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, TextArea

from closeness_journal.core.entries import Entry, EntryFilter, InvalidEntry
from closeness_journal.core.prompts import DailyPrompts, Prompt, PromptLibrary, daily_prompts
from closeness_journal.storage import Journal, JournalError
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.widgets.checkin_form import CheckInForm
from closeness_journal.ui.widgets.prompt_card import PromptCard

DRAFT_KEY = "today"
FREE_WRITING = "free"


@dataclass(frozen=True)
class Slot:
    """One place to write: a prompt, or free writing (prompt is None)."""

    key: str
    prompt: Prompt | None


def shuffle_setting(day: date) -> str:
    return f"shuffle:{day.isoformat()}"


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
            yield CheckInForm(id="checkin")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Today"
        self._restore_draft()
        self._show_slot()
        self._update_subtitle()
        self.query_one("#editor", TextArea).focus()

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
            local_date=self._today,
            body=body,
            prompt_id=prompt.id if prompt else None,
            prompt_text=prompt.text if prompt else None,
            **_entry_fields(self.query_one(CheckInForm).values()),
        )

    def action_save(self) -> None:
        try:
            entry = self.entry_to_save().validated()
            self._journal.add(entry)
        except InvalidEntry as error:
            self.notify(str(error).capitalize(), title="Not saved yet", severity="warning", markup=False)
            return
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
            return
        self._answers[self.slot.key] = ""
        self._show_slot()
        form = self.query_one(CheckInForm)
        form.clear()
        form.scroll_home(animate=False)
        self.autosave.changed()
        self.autosave.flush()
        count = self._update_subtitle()
        waiting = sum(1 for text in self._answers.values() if text.strip())
        note = (
            f" Your answer{'s' if waiting != 1 else ''} to {waiting} other prompt{'s' if waiting != 1 else ''} "
            "are still here (ctrl+n)." if waiting else ""
        )
        self.notify(
            f"Saved. That's {count} entr{'y' if count == 1 else 'ies'} today. "
            "Thank you for noticing." + note,
            title="Saved",
        )
        self.query_one("#editor", TextArea).focus()

    def _update_subtitle(self) -> int:
        count = self._journal.count(EntryFilter(since=self._today, until=self._today))
        day = self._today.strftime("%A %-d %B %Y")
        self.sub_title = f"{day} · {count} saved today" if count else day
        return count

    # ------------------------------------------------------------------ drafts

    def draft_data(self) -> dict[str, Any]:
        return {
            "day": self._today.isoformat(),
            "answers": {k: v for k, v in self._answers.items() if v.strip()},
            "current": self.slot.key,
            "checkin": self.query_one(CheckInForm).values(),
        }

    def has_unsaved_work(self) -> bool:
        data = self.draft_data()
        checkin = Entry(local_date=self._today, **_entry_fields(data["checkin"]))
        return bool(data["answers"]) or not checkin.is_empty()

    def save_draft(self) -> None:
        try:
            if self.has_unsaved_work():
                self._journal.save_draft(DRAFT_KEY, self.draft_data())
            else:
                self._journal.discard_draft(DRAFT_KEY)
        except JournalError as error:
            self.notify(f"Your draft could not be saved: {error}", severity="error", markup=False)
            raise

    def _restore_draft(self) -> None:
        draft = self._journal.draft(DRAFT_KEY)
        if not draft:
            return
        answers: dict[str, str] = dict(draft.get("answers", {}))
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
        self._current = keys.index(draft["current"]) if draft.get("current") in keys else 0
        self.query_one(CheckInForm).load(draft.get("checkin", {}))
        self.notify("Your unsaved writing is back, just as you left it.", title="Draft restored")


def _entry_fields(checkin: dict[str, Any]) -> dict[str, Any]:
    """Check-in values as Entry keyword arguments (lists become tuples)."""
    return {key: tuple(value) if isinstance(value, list) else value for key, value in checkin.items()}
