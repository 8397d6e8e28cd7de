"""Settings (F6, or "Settings" in ctrl+p): the look, which deeper questions Today asks, and
whether Today mentions the weekly review. Each change is kept in the journal at once; the rules
for reading and storing them are in `core.settings`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Header, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from closeness_journal.core.prompts import PromptLibrary
from closeness_journal.core.settings import (
    DEEPER_THEMES,
    MENTION_REVIEW,
    Settings,
    deeper_themes_value,
    is_on,
)
from closeness_journal.store import Journal, JournalError
from closeness_journal.ui.text import literal
from closeness_journal.ui.widgets.keys_footer import KeysFooter


class SettingsScreen(Screen[None]):
    """Over whatever screen is open; Escape goes back to it."""

    DEFAULT_CSS = """
    SettingsScreen { align-horizontal: center; }
    #settings-box { width: 80; max-width: 100%; height: 1fr; padding: 0 2; }
    #settings-box Label { margin-top: 1; text-style: bold; color: $text-accent; }
    #settings-box .settings-note { color: $text-muted; }
    #settings-theme { width: 100%; }
    #settings-themes { height: auto; border: none; padding: 0; }
    #settings-review { margin-top: 1; }
    #settings-close { margin-top: 1; color: $text-muted; text-style: italic; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="close-settings"),
        Binding("f6", "close", "Close", show=False),
    ]

    def __init__(self, journal: Journal, library: PromptLibrary) -> None:
        super().__init__(id="settings-screen")
        self._journal = journal
        self._library = library
        self._deeper = library.deeper_themes()

    @property
    def _demo(self) -> bool:
        """The demo's journal is thrown away when it closes, and its settings with it."""
        return bool(getattr(self.app, "demo", False))

    def compose(self) -> ComposeResult:
        settings = Settings.read(self._journal.setting)
        themes = sorted(self.app.available_themes)
        yield Header()
        with VerticalScroll(id="settings-box"):
            yield Label("Look")
            yield Select(
                [(name, name) for name in themes], value=self.app.theme, allow_blank=False, id="settings-theme",
                compact=True,
            )
            yield Label("Deeper questions on Today")
            yield Static(
                Content("Today asks the three core questions and one deeper question, in turn from the themes "
                        "ticked here. Changes show the next time the journal opens."),
                classes="settings-note",
            )
            yield SelectionList[str](
                *(
                    Selection(literal(self._library.themes[t].title), t, is_on(settings, t))
                    for t in self._deeper
                ),
                id="settings-themes",
                compact=True,
            )
            yield Checkbox(
                "Say on Today when last week is ready to look back on", settings.mention_review,
                id="settings-review", compact=True,
            )
            kept = "In the demo, changes last until you quit." if self._demo else "Changes are kept as you make them."
            yield Static(f"{kept} Escape goes back.", id="settings-close")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Settings"
        self.sub_title = "the demo's, gone when you quit" if self._demo else "kept in your journal"
        self.query_one("#settings-theme").focus()

    def _keep(self, key: str, value: object) -> None:
        try:
            self._journal.set_setting(key, value)
        except JournalError as error:
            self.notify(str(error), title="Not kept", severity="error", markup=False)

    @on(Select.Changed, "#settings-theme")
    def theme_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value  # the app keeps it (see JournalApp.keep_theme)

    @on(SelectionList.SelectedChanged, "#settings-themes")
    def themes_chosen(self, event: SelectionList.SelectedChanged) -> None:
        self._keep(DEEPER_THEMES, deeper_themes_value(event.selection_list.selected, self._deeper))

    @on(Checkbox.Changed, "#settings-review")
    def review_mention_chosen(self, event: Checkbox.Changed) -> None:
        self._keep(MENTION_REVIEW, event.value)

    def action_close(self) -> None:
        self.dismiss()

