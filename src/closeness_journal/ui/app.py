"""JournalApp: receives the journal, prompts and clock, picks the first screen, global keys.

Closing the terminal sends SIGHUP, which Textual does not handle: without a handler the process
dies before `on_unmount`, losing unsaved typing. The app saves every draft first. The hang-up
path never blocks: the signal only posts the saving to the event loop, writes to a terminal
that is gone are dropped (ui/hangup.py: Textual's writer would die and the loop wait for ever),
and a watchdog thread ends the process if leaving takes too long (a process left hanging would
keep its draft from the next window).
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.driver import Driver
from textual.screen import Screen
from textual.theme import Theme

from closeness_journal.core.prompts import PromptLibrary
from closeness_journal.core.settings import THEME, WELCOME_SHOWN, Settings, theme_to_apply, welcome_due
from closeness_journal.core.text import printable
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui import collector
from closeness_journal.ui.autosave import Autosave
from closeness_journal.ui.background import InBackground
from closeness_journal.ui.first_frame import FirstFrame
from closeness_journal.ui.hangup import Watchdog, forgiving_driver
from closeness_journal.ui.kept_edits import keep_orphaned_edits
from closeness_journal.ui.screens.mode import styled_now
from closeness_journal.ui.screens.today import TodayScreen

# The other screens are imported when first opened: start-up only pays for Today (their
# imports, plotext and markdown-it among them, cost about 100 ms).


IDLE_SECONDS = 10
TIDY_SECONDS = 30
"""How often the window does the journal's housekeeping (index merges, log checkpoint), between saves."""

HANGUP_GRACE_SECONDS = 2.0
"""After a hang-up, how long leaving may take once the drafts are saved."""
HANGUP_LONGEST_SECONDS = 15.0
"""After a hang-up, how long the process may take at most (saving waits up to the journal's
10 s busy timeout when another window is writing)."""

PASSING = ("welcome-screen", "help-screen")
"""The screens only read, closed when you go to another view (see `switch_mode`)."""

EXIT_WHEN_READY_ENV = "CLOSENESS_JOURNAL_EXIT_WHEN_READY"
"""Set (by benchmarks/run.py) to quit as soon as the first screen has been drawn."""


class JournalApp(FirstFrame, App[int]):
    """The journal window."""

    CSS_PATH = "journal.tcss"
    TITLE = "closeness-journal"
    DEFAULT_MODE = "today"
    """Today is the first screen, built as the window starts: switched to from Textual's blank
    start screen, it was laid out and drawn a time more (ui/first_frame.py)."""
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        # The pause comes first, so the footer always has room for it.
        Binding("f9", "pause", "Pause", id="pause", priority=True),
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "show_today", "Today", id="today"),
        Binding("f3", "show_history", "History", id="history"),
        Binding("f4", "show_patterns", "Patterns", id="patterns"),
        Binding("f5", "show_review", "Review", id="review"),
        # priority: the writing space would take F6 to select a line. (ctrl+comma reaches a terminal
        # program as a plain comma in most terminals, so it can't be the key.)
        Binding("f6", "settings", "Settings", id="settings", show=False, priority=True),
        # priority: a text box would take F7 for "select all"
        Binding("f7", "show_exercises", "Exercises", id="exercises", show=False, priority=True),
        Binding("f8", "show_ladder", "Ladder", id="ladder", show=False),
        Binding("ctrl+o", "export", "Export", id="export", show=False),
        Binding("question_mark", "help", "Help", show=False, id="help-key"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        journal: Journal,
        library: PromptLibrary,
        today: Callable[[], date] = date.today,
        data_dir: Path | None = None,
        prompt_problems: list[str] | None = None,
        demo: bool = False,
        welcome: bool = False,
        pause: bool = False,
        clock: Callable[[], float] = time.monotonic,
        after_first_frame: Callable[[], str | None] | None = None,
    ) -> None:
        """`welcome`: show the first-run welcome if this journal hasn't had it (the window does;
        tests that aren't about it don't). `pause`: open straight on a pause. `clock`: the seconds
        the pause's breathing follows. `after_first_frame`: the day's automatic backup, started on a
        thread of its own once the first frame is drawn and waited for before any key, paste or
        click is handled (so done before any change); it opens its own connection, and returns a
        line to show when it could not be made."""
        super().__init__()
        self.demo = demo
        if demo:
            self.title = "closeness-journal · demo (made-up entries, gone when you quit)"
        self.journal = journal
        self.library = library
        self.today = today
        self.data_dir = data_dir
        self._prompt_problems = prompt_problems or []
        self._last_key = time.monotonic()
        self._welcome = welcome
        self._start_on_pause = pause
        self.clock = clock
        self._after_first_frame = None if after_first_frame is None else InBackground(after_first_frame)
        for mode, make in (("today", self._today_screen), ("history", self._history_screen),
                           ("review", self._review_screen), ("patterns", self._patterns_screen),
                           ("exercises", self._exercises_screen), ("ladder", self._ladder_screen)):
            self.add_mode(mode, lambda make=make: styled_now(self, make()))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Ready):
            collector.resume()  # the window is ready (ui/collector.py)
        if self._after_first_frame is not None:
            if isinstance(event, events.Ready):  # Textual is ready: the first frame is on its way
                self.once_drawn(self._start_after_first_frame)
                self.set_interval(0.2, self._after_first_frame_done, name="after-first-frame")
            elif isinstance(event, (events.Key, events.Paste, events.MouseDown)):
                self._after_first_frame_done(wait=True)
        # Pasted text is cleaned before any widget sees it: an escape sequence in it would
        # otherwise be drawn as it is and reach the terminal (saving cleans it, but too late).
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = printable(event.text)
        await super().on_event(event)

    def _start_after_first_frame(self) -> None:
        if self._after_first_frame is not None:  # None once waited for (a key came first)
            self._after_first_frame.start()

    def _after_first_frame_done(self, wait: bool = False) -> None:
        """Once the day's backup is done (waited for before the first key is handled), say if it
        went wrong; then forget it."""
        background = self._after_first_frame
        if background is None or not (wait or background.done):
            return
        self._after_first_frame = None
        if problem := background.wait():
            self.notify(problem, severity="warning", markup=False, timeout=10)

    def get_driver_class(self) -> type[Driver]:
        return forgiving_driver(super().get_driver_class())

    def on_load(self) -> None:
        """The look kept in the journal, before Today is built (styled once, in it); the settings
        read here serve `on_mount` too."""
        self._settings_at_start = settings = Settings.read(self.journal.setting)
        saved_theme = theme_to_apply(settings, self.available_themes)
        if saved_theme is not None:
            self.theme = saved_theme

    def on_mount(self) -> None:
        settings = self._settings_at_start
        self.theme_changed_signal.subscribe(self, self.keep_theme)
        if self._start_on_pause:
            self.action_pause()
        elif self._welcome and welcome_due(settings, self.journal.count()):
            self.action_welcome()
            try:
                self.journal.set_setting(WELCOME_SHOWN, True)
            except JournalError:
                pass  # shown again next time: better than not at all
        self._install_signal_handlers()
        self.call_after_refresh(keep_orphaned_edits, self, self.journal, self.today())  # edits of entries gone
        self.set_interval(TIDY_SECONDS, self.tidy_when_idle, name="tidy")
        if os.environ.get(EXIT_WHEN_READY_ENV):  # benchmarks: time from start to Today drawn
            self.call_after_refresh(self._exit_once_drawn)
        for problem in self._prompt_problems:
            self.notify(f"A prompt file was skipped: {problem}", severity="warning", markup=False, timeout=10)

    # ------------------------------------------------------------------ navigation

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key for the view you are already on, so the footer has room for the rest."""
        current = {
            "show_today": "today", "show_history": "history", "show_patterns": "patterns", "show_review": "review",
            "show_exercises": "exercises", "show_ladder": "ladder",
        }.get(action)
        if current is not None and current == self.current_mode and len(self.screen_stack) <= 1:
            return False
        return not (action == "pause" and self.screen.id == "pause-screen")

    def _today_screen(self) -> Screen:
        return TodayScreen(self.journal, self.library, self.today())

    def _history_screen(self) -> Screen:
        from closeness_journal.ui.screens.history import HistoryScreen

        return HistoryScreen(self.journal, self.today(), self.library)

    def _review_screen(self) -> Screen:
        from closeness_journal.ui.screens.review import ReviewScreen

        return ReviewScreen(self.journal, self.library, self.today())

    def _patterns_screen(self) -> Screen:
        from closeness_journal.ui.screens.patterns import PatternsScreen

        return PatternsScreen(self.journal, self.today())

    def _exercises_screen(self) -> Screen:
        from closeness_journal.ui.screens.exercises import ExercisesScreen

        return ExercisesScreen(self.journal, self.library, self.today())
    def _ladder_screen(self) -> Screen:
        from closeness_journal.ui.screens.ladder import LadderScreen

        return LadderScreen(self.journal, self.today())

    def on_key(self) -> None:
        self._last_key = time.monotonic()

    def tidy_when_idle(self) -> None:
        """Housekeeping takes a moment; do it only when no key has been pressed for a while."""
        last_activity = max([self._last_key, *(a.last_change for a in self.autosaves())])
        if time.monotonic() - last_activity >= IDLE_SECONDS:
            self.journal.tidy()

    def switch_mode(self, mode: str) -> Any:
        """Going to another view (F2-F8, ctrl+p) closes the welcome and Help over this one, as
        Escape would: they are only read, and coming back (F2) would otherwise show them again."""
        while len(self.screen_stack) > 1 and self.screen.id in PASSING:
            self.pop_screen()
        return super().switch_mode(mode)

    def action_show_today(self) -> None:
        self.switch_mode("today")

    def action_show_history(self) -> None:
        self.switch_mode("history")

    def action_show_patterns(self) -> None:
        self.switch_mode("patterns")

    def action_show_review(self) -> None:
        self.switch_mode("review")

    def action_show_exercises(self) -> None:
        self.switch_mode("exercises")
    def action_show_ladder(self) -> None:
        self.switch_mode("ladder")

    def action_export(self) -> None:
        from closeness_journal.ui.screens.export import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            folder = Path.cwd() if self.data_dir is None else Path.home()
            self.push_screen(ExportScreen(self.journal, self.today(), folder))

    def action_show_trash(self) -> None:
        self.switch_mode("history")
        from closeness_journal.ui.screens.trash import TrashScreen

        if not isinstance(self.screen, TrashScreen):
            self.push_screen(TrashScreen(self.journal))

    def action_help(self) -> None:
        from closeness_journal.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.data_dir))

    def action_support(self) -> None:
        """Help opens on where to find support."""
        self.action_help()

    def action_pause(self) -> None:
        from closeness_journal.ui.screens.pause import PauseScreen

        if self.screen.id != "pause-screen":
            self.push_screen(PauseScreen(self.journal, self.today(), clock=self.clock))

    def action_settings(self) -> None:
        from closeness_journal.ui.screens.settings import SettingsScreen

        if self.screen.id != "settings-screen":
            self.push_screen(SettingsScreen(self.journal, self.library))

    def action_welcome(self) -> None:
        from closeness_journal.ui.screens.welcome import WelcomeScreen

        if self.screen.id == "help-screen" and self.screen_stack[-2].id == "welcome-screen":
            self.pop_screen()  # Help opened over the welcome: back to it
        elif self.screen.id != "welcome-screen":
            self.push_screen(WelcomeScreen(self.data_dir))

    def keep_theme(self, theme: Theme) -> None:
        """A look chosen anywhere (ctrl+p, Settings) is kept in the journal for next time."""
        try:
            if self.journal.setting(THEME) != theme.name:
                self.journal.set_setting(THEME, theme.name)
        except JournalError:
            pass  # the look is not worth an error: it is simply not kept

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header; in the demo every screen says it is the demo."""
        formatted = super().format_title(title, sub_title)
        if self.demo:
            return Content.assemble(Content.styled(" DEMO ", "reverse bold"), " ", formatted)
        return formatted

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from closeness_journal.ui.palette import system_commands

        return system_commands(self, screen, super().get_system_commands(screen))

    # ------------------------------------------------------------------ never lose a word

    def autosaves(self) -> list[Autosave]:
        found = []
        for stack in self._screen_stacks.values():
            for screen in stack:
                autosave = getattr(screen, "autosave", None)
                if isinstance(autosave, Autosave):
                    found.append(autosave)
        return found

    def unsaved_work(self) -> bool:
        """True when any open screen holds typing not saved as an entry (drafts don't count)."""
        for stack in self._screen_stacks.values():
            for screen in stack:
                has = getattr(screen, "has_unsaved_work", None)
                if callable(has) and has():
                    return True
        return False

    def flush_drafts(self) -> list[str]:
        """Save every unsaved draft now (quitting, hang-up, terminate). Returns what failed."""
        return [autosave.problem or "unknown problem" for autosave in self.autosaves() if not autosave.flush()]

    async def action_quit(self) -> None:
        from closeness_journal.ui.screens.confirm import ConfirmScreen

        problems = self.flush_drafts()
        if self.demo and not problems and self.unsaved_work():
            self.push_screen(
                ConfirmScreen(
                    "This is the demo: what you typed is not kept when you quit.\n\n"
                    "To keep your writing, open your own journal (closeness-journal, without demo).",
                    yes="Quit the demo",
                    no="Stay",
                ),
                lambda quit_anyway: self.exit(0) if quit_anyway else None,
            )
            return
        if not problems:
            self.exit(0)
            return

        def decided(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(0)

        self.push_screen(
            ConfirmScreen(
                "Your unsaved writing couldn't be kept as a draft:\n\n"
                + problems[0]
                + "\n\nIf you quit now, it will be lost. You could copy it somewhere first.",
                yes="Quit anyway",
                no="Stay",
            ),
            decided,
        )

    def on_unmount(self) -> None:
        self.flush_drafts()
        if self._after_first_frame is not None and not getattr(self, "_hanging_up", False):
            self._after_first_frame.wait()  # a backup cut short would be left half-written
        for sig, previous in getattr(self, "_previous_handlers", {}).items():
            try:
                signal.signal(sig, previous)
            except (ValueError, OSError):  # not the main thread, or not on this platform
                pass

    def _install_signal_handlers(self) -> None:
        """SIGHUP and SIGTERM get a plain signal handler, not the event loop's: it runs even when
        the loop is stuck (say, on a write to a terminal that is gone), and only posts the work."""
        self._previous_handlers: dict[int, Any] = {}
        self._hanging_up = False
        self._loop = asyncio.get_running_loop()
        for sig in (getattr(signal, "SIGHUP", None), signal.SIGTERM):
            if sig is None:
                continue
            try:
                self._previous_handlers[sig] = signal.signal(sig, self._on_signal)
            except (ValueError, OSError):  # not the main thread, or not on this platform
                pass

    def _on_signal(self, signum: int, frame: object) -> None:
        """In the signal handler: post the hang-up to the event loop, never wait for anything. In
        a real terminal a watchdog makes sure the process ends even if the loop never runs it."""
        if self._hanging_up:
            return
        self._hanging_up = True
        if not self.is_headless:
            self._watchdog = Watchdog(HANGUP_LONGEST_SECONDS)
        try:
            self._loop.call_soon_threadsafe(self.handle_hangup)
        except RuntimeError:  # the loop has closed: the app is already gone
            pass

    def handle_hangup(self) -> None:
        """The terminal closed or we were asked to stop: save drafts first, then leave."""
        self._hanging_up = True
        self.flush_drafts()
        watchdog = getattr(self, "_watchdog", None)
        if watchdog is not None:
            watchdog.shorten(HANGUP_GRACE_SECONDS)  # drafts are safe: leaving may not take long
        self.exit(0)


def run_app(
    journal: Journal,
    data_dir: Path | None = None,
    demo: bool = False,
    pause: bool = False,
    after_first_frame: Callable[[], str | None] | None = None,
) -> int:
    from closeness_journal.prompt_files import load_prompts

    loaded = load_prompts()
    app = JournalApp(
        journal, loaded.library, data_dir=data_dir, prompt_problems=loaded.problems, demo=demo, welcome=not demo,
        pause=pause, after_first_frame=after_first_frame,
    )
    result = app.run()
    return result or 0
