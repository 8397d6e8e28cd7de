"""Editing a saved entry in the same form as Today: each answer under its prompt, the free writing,
and the check-in. ctrl+n / ctrl+b move between the answers and the free writing. Saving keeps the
earlier version; unsaved changes are kept as a draft under the entry's own key."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, TextArea

from closeness_journal.core.checkin import CheckInFields
from closeness_journal.core.dates import long_date
from closeness_journal.core.entries import Answer, Entry, InvalidEntry
from closeness_journal.core.text import printable
from closeness_journal.store import Journal, JournalError, edit_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.screens.confirm import ConfirmScreen
from closeness_journal.ui.text import not_saved
from closeness_journal.ui.widgets.checkin_form import CheckInForm
from closeness_journal.ui.widgets.prompt_card import PromptCard
from closeness_journal.ui.widgets.slot_editor import SlotEditor

# ---------------------------------------------------------------------- the draft


def edit_draft(entry: Entry, texts: list[str], current: int, fields: CheckInFields) -> dict[str, Any]:
    """An edit's unsaved work as JSON: the text under each answer's prompt, the free writing, the
    place shown and the check-in."""
    return {
        "answers": [{"prompt_id": a.prompt_id, "text": text} for a, text in zip(entry.answers, texts, strict=False)],
        "body": texts[-1],
        "current": current,
        "checkin": fields.to_json(),
    }


def _join(first: str, then: str) -> str:
    return (first + "\n\n" + then).strip()


def restore_texts(entry: Entry, draft: dict[str, Any]) -> tuple[list[str], int]:
    """The texts (one per answer, then the free writing) and the place an edit draft holds, for
    `entry`. Nothing typed is lost: an answer whose prompt the entry no longer has joins the free
    writing. A draft from before sittings (`{"body", "checkin"}`) was the entry's one text: it
    comes back as the entry's one answer when the entry is a single answer, else as free writing."""
    texts = [printable(a.text) for a in entry.answers] + [printable(entry.body)]
    body = draft.get("body")
    answers = draft.get("answers")
    if not isinstance(answers, list):  # the first form
        if isinstance(body, str):
            one_answer = len(entry.answers) == 1 and not entry.body.strip()
            texts[0 if one_answer else -1] = printable(body)
        return texts, 0
    free = printable(body) if isinstance(body, str) else texts[-1]
    taken: set[int] = set()
    for position, saved in enumerate(answers):
        if not isinstance(saved, dict) or not isinstance(saved.get("text"), str):
            continue
        prompt_id, text = saved.get("prompt_id"), printable(saved["text"])
        fits = [i for i, a in enumerate(entry.answers) if a.prompt_id == prompt_id and i not in taken]
        place = position if position in fits else (fits[0] if fits else None)
        if place is None:
            free = _join(free, text)
        else:
            taken.add(place)
            texts[place] = text
    texts[-1] = free
    current = draft.get("current")
    return texts, current if type(current) is int and 0 <= current < len(texts) else 0


# ---------------------------------------------------------------------- the screen


class EditEntryScreen(Screen[Entry | None]):
    """Dismisses with the updated entry, or None when left unchanged."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save",
                tooltip="Save your changes (the earlier version is kept)"),
        Binding("ctrl+n", "next_place", "Next", id="next-prompt", tooltip="The next answer, then the free writing"),
        Binding("ctrl+b", "previous_place", "Previous", id="previous-prompt", show=False),
        Binding("escape", "leave", "Back", id="back"),
    ]

    def __init__(self, journal: Journal, entry: Entry) -> None:
        super().__init__()
        self._journal = journal
        self.entry = entry
        self.texts = [printable(a.text) for a in entry.answers] + [printable(entry.body)]
        """What is in each place: the text under each answer's prompt, then the free writing."""
        self.current = 0
        """The place shown."""
        self.draft_key = edit_draft_key(entry.id)
        self.autosave = Autosave(self, self.save_draft)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="today-body"):
            with Vertical(id="writing"):
                yield PromptCard(id="prompt")
                yield SlotEditor(id="editor", soft_wrap=True, tab_behavior="focus")
            yield CheckInForm(id="checkin", rungs=self._journal.rungs(retired=True))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Editing an entry"
        self.sub_title = long_date(self.entry.local_date)
        form = self.query_one(CheckInForm)
        draft = self._journal.draft(self.draft_key)
        if draft:
            self.texts, self.current = restore_texts(self.entry, draft)
            saved = draft.get("checkin")
            form.load(CheckInFields.forgiving(saved) if saved is not None else self.entry.fields)
            self.notify("Your unsaved changes to this entry are back.", title="Draft restored")
        else:
            form.load(self.entry.fields)
        self._show_place()

    # ------------------------------------------------------------------ places

    def _theme_title(self, answer: Answer) -> str:
        library = getattr(self.app, "library", None)
        prompt = library.get(answer.prompt_id) if library is not None else None
        theme = library.themes.get(prompt.theme) if prompt is not None else None
        return theme.title if theme is not None else "A question you answered"

    def _show_place(self) -> None:
        answers, place, count = self.entry.answers, self.current + 1, len(self.texts)
        card = self.query_one(PromptCard)
        if self.current < len(answers):
            answer = answers[self.current]
            card.show(self._theme_title(answer), answer.prompt_text, place, count)
        else:
            card.show("Free writing", "Anything on your mind, in your own words.", place, count)
        editor = self.query_one("#editor", TextArea)
        with editor.prevent(TextArea.Changed):
            editor.load_text(self.texts[self.current])
        editor.move_cursor(editor.document.end)  # adding a thought is the usual edit
        editor.focus()

    def move_place(self, step: int) -> None:
        """Show the next (1) or previous (-1) place to write, going round. What the editor holds is
        kept first (its change messages may still be on their way)."""
        self.texts[self.current] = self.query_one("#editor", TextArea).text
        self.current = (self.current + step) % len(self.texts)
        self._show_place()
        self.autosave.changed()

    def action_next_place(self) -> None:
        self.move_place(1)

    def action_previous_place(self) -> None:
        self.move_place(-1)

    # ------------------------------------------------------------------ changes

    def edited(self) -> Entry:
        self.texts[self.current] = self.query_one("#editor", TextArea).text  # its change message may be queued
        texts = self.texts[:-1]  # the last place is the free writing
        answers = tuple(replace(answer, text=text) for answer, text in zip(self.entry.answers, texts, strict=True))
        edited = replace(self.entry, answers=answers, body=self.texts[-1])
        return edited.with_fields(self.query_one(CheckInForm).values())

    def has_changes(self) -> bool:
        return self.edited() != self.entry

    @on(TextArea.Changed, "#editor")
    def remember_text(self, event: TextArea.Changed) -> None:
        self.texts[self.current] = event.text_area.text
        self.autosave.changed()

    @on(CheckInForm.Changed)
    def changed(self) -> None:
        self.autosave.changed()

    def save_draft(self) -> None:
        if self.has_changes():
            draft = edit_draft(self.entry, self.texts, self.current, self.query_one(CheckInForm).values())
            self._journal.save_draft(self.draft_key, draft)
        else:
            self._journal.discard_draft(self.draft_key)

    def action_save(self) -> None:
        if not self.has_changes():
            self.notify("Nothing has changed.")
            self.dismiss(None)
            return
        try:
            updated = self._journal.update(self.edited())
            self._journal.discard_draft(self.draft_key)
        except (InvalidEntry, JournalError) as error:
            not_saved(self, error)
            return
        self.autosave = Autosave(self, self.save_draft)  # nothing pending any more
        self.notify("Saved. The earlier version is kept too.", title="Saved")
        self.dismiss(updated)

    def action_leave(self) -> None:
        if not self.has_changes():
            self.autosave.flush()
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self._journal.discard_draft(self.draft_key)
                self.autosave = Autosave(self, self.save_draft)
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Leave without saving your changes?", yes="Discard changes", no="Keep editing"),
            decided,
        )
