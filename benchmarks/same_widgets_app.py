"""The floor for the window start ratio (issue 18): a bare Textual app with the widget kinds Today
uses (TextArea, Input, Select, SelectionList, Checkbox, Header, Footer) that quits once drawn.

It quits the same way `closeness-journal` does under CLOSENESS_JOURNAL_EXIT_WHEN_READY=1 (and as
`minimal_app.py` does), so `run.py` can compare the start-ups as whole processes: what the journal
costs beyond these widgets is its own work (the journal, the prompts, its styles).
"""

from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Footer, Header, Input, Select, SelectionList, TextArea


class SameWidgetsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Select([("One", 1), ("Two", 2), ("Three", 3)], prompt="Choose")
        yield SelectionList[int](("First", 1), ("Second", 2), ("Third", 3))
        yield Input(placeholder="A line")
        yield Checkbox("A box")
        yield TextArea("Some words to start with.")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))


if __name__ == "__main__":
    SameWidgetsApp().run()
