"""The floor for cold start: a minimal Textual app with one Static that quits once it is drawn.

It quits the same way `closeness-journal` does under CLOSENESS_JOURNAL_EXIT_WHEN_READY=1, so
`run.py` can compare the two start-ups as whole processes.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello from the floor.")

    def on_mount(self) -> None:
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))


if __name__ == "__main__":
    MinimalApp().run()
