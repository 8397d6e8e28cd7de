"""Make the README's screenshots from the app itself, on the demo journal with a fixed date.

    python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from closeness_journal import demo
from closeness_journal.prompt_files import load_prompts
from closeness_journal.store import Journal
from closeness_journal.ui.app import JournalApp

OUT = Path(__file__).parent / "screenshots"
DAY = date(2026, 11, 18)
SIZE = (100, 30)

SHOTS = {
    "today": [*"Sam made me laugh so hard at dinner, and then I went quiet for the rest of the night.", "tab", *"Sam"],
    "history": ["f3", "down", "down"],
    "entry": ["f3", "down", "enter"],
    "patterns": ["f4"],
    "review": ["f5"],
    "help": ["f1"],
}


async def shoot(name: str, keys: list[str]) -> None:
    journal = Journal.in_memory()
    demo.fill(journal, end=DAY)
    app = JournalApp(journal, load_prompts().library, today=lambda: DAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause(0.3)
        app.save_screenshot(str(OUT / f"{name}.svg"))
    journal.close()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, keys in SHOTS.items():
        asyncio.run(shoot(name, keys))
        print(OUT / f"{name}.svg")


if __name__ == "__main__":
    main()
