"""The weekly review: the week's summary beside a few questions to look back with."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from closeness_journal.core.dates import iso_week_label, short_date
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
from closeness_journal.core.wording import week_figures
from closeness_journal.store import Journal, JournalError, review_draft_key
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.text import literal, literal_line


def summary_content(review: WeeklyReview) -> Content:
    """The week in words and figures, all user text literal."""
    parts: list[Content] = []
    if review.last_step:
        parts += [Content.styled("The step you chose last week: ", "bold"), literal(review.last_step), Content("\n\n")]
    if review.this.entries == 0:
        parts.append(Content.styled(
            "You didn't write during this week, and that's fine. You can still look back on it "
            "with the questions beside this.\n\n", "italic"))
    parts.append(Content.styled("This week beside the week before\n", "bold"))
    figures = week_figures(review)
    width = max(len(f.label) for f in figures) + 1
    for f in figures:
        parts.append(Content(f"  {f.label:<{width}}{f.now:>4}  (was {f.before}{', ' + f.delta if f.delta else ''})\n"))
    for title, counts in (("Fears", review.fears), ("What you did", review.behaviours), ("Who with", review.relationships)):
        if counts:
            parts += [Content.styled(f"\n{title}: ", "bold"), literal("; ".join(f"{c.label} ({c.count})" for c in counts)), Content("\n")]
    if review.moments:
        parts.append(Content.styled("\nMoments of closeness, and what came next\n", "bold"))
        for moment in review.moments:
            parts += [Content(f"  {moment.day:%a}: {moment.followed_by}. "), literal_line(moment.line, 60), Content("\n")]
    if review.steps:
        parts.append(Content.styled("\nSmall steps\n", "bold"))
        for step in review.steps:
            gap = "" if step.predicted is None or step.outcome is None else f" (expected {step.predicted}, really {step.outcome})"
            parts += [Content(f"  {step.day:%a}: "), literal_line(step.step, 50), Content(gap + "\n")]
    parts.append(Content.styled("\nEach day\n", "bold"))
    for day, items in review.days:
        if not items:
            parts.append(Content.styled(f"  {day:%a %d}  ·\n", "$text-muted"))
        for _, line in items:
            parts += [Content(f"  {day:%a %d}  "), literal_line(line, 60), Content("\n")]
    return Content.assemble(*parts)


class ReviewScreen(Screen[None]):
    """Look back on a week; answers are saved with the review and can be edited later."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-review", priority=True),
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

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-summary"):
                yield Static(id="review-summary-text")
            yield VerticalScroll(id="review-questions")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.title = "Weekly review"
        await self.load_week()

    @property
    def draft_key(self) -> str:
        return review_draft_key(iso_week_label(self.monday))

    async def load_week(self) -> None:
        try:
            self.review = weekly_review(self._journal, self.monday)
            draft = self._journal.draft(self.draft_key)
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        review = self.review
        self.sub_title = f"{short_date(review.start)} – {short_date(review.end)} ({review.week})"
        self.query_one("#review-summary-text", Static).update(summary_content(review))
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
                text = Content.assemble(text, Content.styled("\nYou chose: ", "italic"), literal(review.last_step, "italic"))
            widgets.append(Static(text, classes="review-question"))
            area = TextArea(printable(answers.get(question.id, "")), id=f"answer-{n}", soft_wrap=True, tab_behavior="focus", classes="review-answer")
            widgets.append(area)
        if not questions:
            widgets.append(Static("No weekly-review questions were found in your prompt files."))
        await box.mount_all(widgets)
        if draft:
            self.notify("Your unsaved answers for this week are back.", title="Draft restored")
        elif review.saved:
            self.notify("You looked back on this week before; your answers are here to read or change.")
        if questions:
            self.query_one("#answer-0", TextArea).focus()

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
        saved = self.review.saved.answers if self.review and self.review.saved else {}
        answers = self.answers()
        if answers and answers != saved:
            self._journal.save_draft(self.draft_key, {"answers": answers})
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

    async def action_week(self, step: int) -> None:
        target = self.monday + timedelta(days=7 * step)
        if target > self._today:
            self.notify("That week hasn't started yet.")
            return
        self.autosave.flush()
        self.monday = target
        await self.load_week()
