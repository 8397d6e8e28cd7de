"""The weekly review: the week's summary beside a few questions to look back with."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Select, Static, TextArea

from closeness_journal.core.dates import iso_week_label, short_date
from closeness_journal.core.ladder import Rung, ladder_order, suggest
from closeness_journal.core.prompts import PromptLibrary
from closeness_journal.core.review import (
    SavedReview,
    WeeklyReview,
    last_complete_week,
    next_step_of,
    review_questions,
    weekly_review,
)
from closeness_journal.core.text import printable
from closeness_journal.store import Journal, JournalError, review_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.screens.edit_entry import EditEntryScreen
from closeness_journal.ui.screens.entry_view import EntryScreen
from closeness_journal.ui.screens.mode import ModeScreen
from closeness_journal.ui.screens.review_days import EntryLine, day_lines, line_widget
from closeness_journal.ui.screens.review_scroll import AnswerArea, ReviewScroll
from closeness_journal.ui.screens.review_summary import LISTS, MoreLine, left_out, summary_parts
from closeness_journal.ui.screens.unheld import DrawnOnceShown
from closeness_journal.ui.text import literal, literal_line
from closeness_journal.ui.widgets.keys_footer import KeysFooter
from closeness_journal.ui.widgets.titled_header import TitledHeader

LINES_A_STEP = 20
"""The week's lines (a day, or an entry under its day) are shown at first down to more than the
window's height under the summary (at least this many). A week of many entries (a Textual widget a
line, about 2 ms apiece on a busy machine) shows the rest this many at a time as you scroll or move
down to them."""


def week_span(monday: date, sunday: date) -> str:
    """`9–15 Nov 2026`, `26 Oct – 1 Nov 2026`, `29 Dec 2025 – 4 Jan 2026`."""
    if monday.year != sunday.year:
        return f"{short_date(monday)} – {short_date(sunday)}"
    if monday.month != sunday.month:
        return f"{monday.day} {monday:%b} – {short_date(sunday)}"
    return f"{monday.day}–{short_date(sunday)}"


class ReadEntryScreen(EntryScreen):
    """An entry of the week to read, and to edit (e); deleting is left to History."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return False if action == "delete" else super().check_action(action, parameters)


class ReviewScreen(DrawnOnceShown, ModeScreen):
    """Look back on a week; answers are saved with the review and can be edited later."""

    DEFAULT_CSS = """
    ReviewScreen .review-rung {
        width: 100%;
        margin-top: 1;
    }
    ReviewScreen .review-rung-hint {
        color: $text-muted;
    }
    """
    AUTO_FOCUS = "#answer-0"  # (`load_week` gives the focus)
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-review"),
        Binding("ctrl+b", "week(-1)", "Week before", id="previous-week", show=False),
        Binding("ctrl+n", "week(1)", "Week after", id="next-week", show=False),
        Binding("escape", "back", "Back", id="back-from-review"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back only when opened from the list of saved reviews (as F5 it is a view of its own)."""
        if action == "back":
            return len(self.app.screen_stack) > 1
        return True

    def action_back(self) -> None:
        self.autosave.flush()
        self.dismiss()

    def __init__(self, journal: Journal, library: PromptLibrary, today: date, week: date | None = None) -> None:
        super().__init__()
        self._journal = journal
        self._library = library
        self._today = today
        self.monday = week or last_complete_week(today)
        self.review: WeeklyReview | None = None
        self.autosave = Autosave(self, self.save_draft)
        self._question_ids: list[str] = []
        self._next_step_area = ""
        """The id of the answer to the next-step question."""
        self._rungs: dict[str, Rung] = {}
        self._seen: tuple[int, int] | None = None
        """The journal's change token when the week's summary was last read."""
        self._everything: tuple[date, frozenset[str]] = (self.monday, frozenset())
        """The week, and which of its summary's lists are shown in full (`review_summary.LISTS`)."""
        self._unshown: list[tuple[date, str | None, str]] = []
        """The week's lines not shown yet (`day_lines`), in order."""
        self._lines_later = 0
        """How many times the week's lines were shown (`show_summary`); those kept for after the
        first frame are shown only if it is still the last."""

    def compose(self) -> ComposeResult:
        # The title is whole before the header is made: set once it was shown, it changed after
        # the first frame, and Textual laid the screen out twice more before it was still. The
        # header has it from the start (Textual's gave it again after the last layout before the
        # first frame, which laid the screen out once more after it), and the scroll bars don't lay
        # the screen out again as they are first sized (`review_scroll.py`).
        self.title = "Weekly review"
        self.sub_title = week_span(self.monday, self.monday + timedelta(days=6))
        yield TitledHeader()
        with Horizontal(id="review-body"):
            with ReviewScroll(id="review-summary"):
                yield Static(id="review-summary-text")
                yield MoreLine("moments")
                yield Static(id="review-steps-text")
                yield MoreLine("steps")
                yield Static(id="review-days-title")
                yield VerticalGroup(id="review-days")
            questions = ReviewScroll(id="review-questions")
            questions.can_focus = False  # shift+tab from the first answer goes straight to the week's entries
            yield questions
        yield KeysFooter(compact=True)

    async def on_mount(self) -> None:
        self.watch(self.query_one("#review-summary", VerticalScroll), "scroll_y", self._near_the_end, init=False)
        await self.load_week()

    @property
    def draft_key(self) -> str:
        return review_draft_key(iso_week_label(self.monday))

    async def show_summary(self) -> bool:
        """Read the week again and show its summary and its days (False when it couldn't be read)."""
        try:
            self._seen = self._journal.change_token()
            self.review = weekly_review(self._journal, self.monday)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        review = self.review
        self.sub_title = week_span(review.start, review.end)
        if self._everything[0] != self.monday:  # another week: its lists start short again
            self._everything = (self.monday, frozenset())
        summary_lines = self._show_summary_text()
        hint = "  (Tab or shift+tab to an entry, Enter to read it)" if review.this.entries else ""
        title = Content.assemble(Content.styled("\nEach day", "bold"), Content.styled(hint, "$text-muted"))
        self.query_one("#review-days-title", Static).update(title)
        days = self.query_one("#review-days", VerticalGroup)
        focused = self.focused.entry_id if isinstance(self.focused, EntryLine) else None
        await days.remove_children()
        self._unshown = day_lines(review)
        wanted = max(LINES_A_STEP, self.app.size.height + 10 - summary_lines)  # more than fit
        if focused is not None:  # down to the line that had the focus
            wanted = max(wanted, 1 + next((n for n, line in enumerate(self._unshown) if line[1] == focused), 0))
        scroll = self.query_one("#review-summary", VerticalScroll)
        self._lines_later += 1
        if focused is None and scroll.scroll_y == 0 and summary_lines + 2 >= self.app.size.height:
            # Below the first screenful (the summary is taller than the window): shown once it is
            # drawn, in as many lines kept for them (a line is a row), so nothing moves or scrolls.
            days.styles.height = min(wanted, len(self._unshown))
            once_drawn = getattr(self.app, "once_drawn", self.call_after_refresh)
            once_drawn(partial(self.call_later, self._show_lines_kept, self._lines_later, wanted))
            return True
        days.styles.height = "auto"
        await self.show_more_lines(wanted)
        for line in days.query(EntryLine):
            if line.entry_id == focused:
                line.focus(scroll_visible=False)
        return True

    def _show_summary_text(self) -> int:
        """The summary in words, with each list in full or its first few and how many more (returns
        about how many lines it takes)."""
        assert self.review is not None
        everything = self._everything[1]
        head, steps = summary_parts(self.review, everything)
        more = [left_out(self.review, which, everything) for which in LISTS]
        if steps.plain or more[0]:  # the line after it is a widget of its own: no blank line between
            head = head.rstrip("\n")
        self.query_one("#review-summary-text", Static).update(head)
        self.query_one("#review-steps-text", Static).update(steps)
        self.query_one("#review-steps-text").display = bool(steps.plain)
        for which, count in zip(LISTS, more, strict=True):
            self.query_one(f"#review-more-{which}", MoreLine).show_count(count)
        return head.plain.count("\n") + steps.plain.count("\n") + sum(count > 0 for count in more)

    @on(MoreLine.ShowAll)
    def show_all_of(self, event: MoreLine.ShowAll) -> None:
        """Every moment of closeness, or every small step, of the week."""
        self._everything = (self.monday, self._everything[1] | {event.which})
        line = self.query_one(f"#review-more-{event.which}")
        if self.focused is line:  # the list goes on where the line was: the focus goes back to the page
            self.set_focus(None)
        self._show_summary_text()

    async def _show_lines_kept(self, summary: int, count: int) -> None:
        """The lines kept room for below the first screenful (`show_summary`), unless the week was
        shown again meanwhile (`summary` counts the times it was shown)."""
        if summary == self._lines_later:
            await self.show_more_lines(count)
            self.query_one("#review-days").styles.height = "auto"

    async def show_more_lines(self, count: int = LINES_A_STEP) -> bool:
        """Show the next lines of the week's days (False when they are all shown already)."""
        if not self._unshown:
            return False
        shown, self._unshown = self._unshown[:count], self._unshown[count:]
        await self.query_one("#review-days", VerticalGroup).mount_all([line_widget(*line) for line in shown])
        return True

    async def _near_the_end(self) -> None:
        """Scrolled near the last line shown: show the next ones."""
        scroll = self.query_one("#review-summary", VerticalScroll)
        if self._unshown and scroll.scroll_y + scroll.size.height + LINES_A_STEP // 2 >= scroll.virtual_size.height:
            await self.show_more_lines()

    async def on_screen_resume(self) -> None:
        """Back from reading or editing an entry (or from another view): the week's figures follow
        what changed meanwhile."""
        if self.review is not None and self._journal.change_token() != self._seen:
            await self.show_summary()

    @on(EntryLine.Open)
    def open_entry(self, event: EntryLine.Open) -> None:
        """Read an entry of the week; from there it can be edited (deleting stays in History)."""
        try:
            entry = self._journal.get(event.entry_id)
            revisions = self._journal.revision_count(event.entry_id)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return

        def after(choice: str | None) -> None:
            if choice == "edit":
                self.app.push_screen(EditEntryScreen(self._journal, entry))

        self.app.push_screen(ReadEntryScreen(entry, revisions), after)

    async def load_week(self) -> None:
        first = self.review is None  # the screen being made (not another week)
        if not await self.show_summary():
            return
        try:
            draft = self._journal.draft(self.draft_key)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        review = self.review
        assert review is not None
        questions = review_questions(self._library, review.last_step)
        self._question_ids = [q.id for q in questions]
        saved = review.saved.answers if review.saved else {}
        answers = dict(saved, **(draft or {}).get("answers", {}))
        box = self.query_one("#review-questions", VerticalScroll)
        await box.remove_children()
        widgets = []
        for n, question in enumerate(questions):
            text = literal(question.text, "bold")
            if question.role == "last-step" and review.last_step:
                chose = Content.styled("\nYou chose: ", "italic")
                text = Content.assemble(text, chose, literal(review.last_step, "italic"))
                if review.rung_follow_up:
                    text = Content.assemble(text, Content("\n"), literal(review.rung_follow_up, "italic"))
            widgets.append(Static(text, classes="review-question"))
            area = AnswerArea(
                printable(answers.get(question.id, "")),
                id=f"answer-{n}", soft_wrap=True, tab_behavior="focus", classes="review-answer",
            )
            widgets.append(area)
            if question.role == "next-step":
                self._next_step_area = area.id
                chosen = (draft or {}).get("next_rung", review.saved.next_rung if review.saved else None)
                widgets += self._rung_choice(chosen if isinstance(chosen, str) else None)
        if not questions:
            widgets.append(Static("No weekly-review questions were found in your prompt files."))
        await box.mount_all(widgets)
        if draft:
            self.notify("Your unsaved answers for this week are back.", title="Draft restored")
        elif review.saved:
            self.notify("You looked back on this week before; your answers are here to read or change.")
        # The first answer has the focus (with no questions, the summary). As the screen is made, it
        # is given here, not by Textual (`AUTO_FOCUS`): that went to the summary first, and its
        # widgets were styled again as the focus came and went (about 10 ms of an open). The page
        # is at its top then, with nothing laid out yet to scroll to.
        if first:
            self.set_focus(self.query_one("#answer-0" if questions else "#review-summary"), scroll_visible=False)
        elif questions:
            self.query_one("#answer-0", TextArea).focus()

    def _rung_choice(self, chosen: str | None) -> list[Static | Select[str]]:
        """Under the next-step question: a rung of the ladder to try next week, and the one suggested."""
        try:
            self._rungs = {rung.id or "": rung for rung in self._journal.rungs(retired=True)}
            suggestion = suggest(self._journal.ladder())
        except JournalError:
            return []
        offered = [r for r in ladder_order(self._rungs.values()) if not r.retired or r.id == chosen]
        if not offered:
            return []
        select: Select[str] = Select(
            [(literal_line(rung.text, 60), rung.id or "") for rung in offered], prompt="or a step from your ladder…",
            id="next-rung", compact=True, classes="review-rung",
        )
        if chosen in self._rungs:
            select.value = chosen
        if suggestion.step is None:
            return [select]
        hint = Content.assemble(
            Content.styled("Your ladder suggests: ", "italic"), literal(suggestion.step.rung.text, "italic bold"),
            Content.styled(". " + suggestion.reason, "italic $text-muted"),
        )
        return [select, Static(hint, classes="review-rung-hint")]

    def next_rung(self) -> str | None:
        found = self.query("#next-rung")
        value = found.first(Select).value if found else None
        return value if isinstance(value, str) else None

    @on(Select.Changed, "#next-rung")
    def rung_chosen(self, event: Select.Changed) -> None:
        """The rung's words become the next step, unless you wrote it in your own words (and go
        again when no rung is chosen)."""
        rung = self._rungs.get(event.value) if isinstance(event.value, str) else None
        area = self.query_one(f"#{self._next_step_area}", TextArea)
        if not area.text.strip() or area.text in (r.text for r in self._rungs.values()):
            area.load_text(rung.text if rung is not None else "")
        self.autosave.changed()

    def answers(self) -> dict[str, str]:
        found = {}
        for n, prompt_id in enumerate(self._question_ids):
            text = self.query_one(f"#answer-{n}", TextArea).text
            if text.strip():
                found[prompt_id] = text
        return found

    @on(TextArea.Changed)
    def answer_changed(self) -> None:
        self.autosave.changed()

    def save_draft(self) -> None:
        saved = self.review.saved if self.review else None
        answers, rung = self.answers(), self.next_rung()
        if answers and (answers, rung) != ((saved.answers, saved.next_rung) if saved else ({}, None)):
            self._journal.save_draft(self.draft_key, {"answers": answers, "next_rung": rung})
        else:
            self._journal.discard_draft(self.draft_key)

    def action_save(self) -> None:
        answers = self.answers()
        if not answers:
            self.notify("Write a few words for any question, then save.", title="Nothing to save yet")
            return
        questions = {pid: self._library.get(pid).text for pid in answers if self._library.get(pid)}
        review = SavedReview(
            week=iso_week_label(self.monday),
            answers=answers,
            questions=questions,
            next_step=next_step_of(self._library, answers),
            next_rung=self.next_rung(),
        )
        try:
            self._journal.save_review(review)
            self._journal.discard_draft(self.draft_key)
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
            return
        self.autosave = Autosave(self, self.save_draft)
        follow_up = " Next week's review will ask how your step went." if review.next_step else ""
        self.notify("Saved. Thank you for looking back." + follow_up, title="Review saved")
        self.review = weekly_review(self._journal, self.monday)
        self._seen = self._journal.change_token()

    async def action_week(self, step: int) -> None:
        target = self.monday + timedelta(days=7 * step)
        if target > self._today:
            self.notify("That week hasn't started yet.")
            return
        self.autosave.flush()
        self.monday = target
        await self.load_week()
