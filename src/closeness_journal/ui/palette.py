"""What ctrl+p offers: every view and dialog of the journal, the keys of the screen you are on,
then Textual's own commands (its screenshot aside). Imported when the palette first opens."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen


def system_commands(app: Any, screen: Screen, textuals: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """`app`'s commands for `screen`, then `textuals` (Textual's) but its screenshot."""
    yield SystemCommand("Today", "Write today's entry (F2)", app.action_show_today)
    yield SystemCommand("History", "Find and read past entries (F3)", app.action_show_history)
    yield SystemCommand("Patterns", "Pulling and pushing away over time (F4)", app.action_show_patterns)
    yield SystemCommand("Weekly review", "Look back on last week (F5)", app.action_show_review)
    yield SystemCommand("Exercises", "For two people, and for supporters (F7)", app.action_show_exercises)
    yield SystemCommand("Ladder", "Your ladder of small steps, and the next to try (F8)", app.action_show_ladder)
    yield SystemCommand("Export", "For your therapist (Markdown or a page to print), or a backup (ctrl+o)",
                        app.action_export)
    yield SystemCommand("Trash", "Entries you deleted, to restore", app.action_show_trash)
    yield SystemCommand("Pause", "A minute to breathe, then a short note, when the pull is strong (F9)",
                        app.action_pause)
    yield SystemCommand("Support", "Where to find help now", app.action_support)
    yield SystemCommand("Settings", "The look, the deeper questions, the review note (F6)", app.action_settings)
    yield SystemCommand("Help", "Support, the keys, and where your journal lives (F1)", app.action_help)
    yield SystemCommand("Welcome", "What this journal is for, once more", app.action_welcome)
    for binding in screen.active_bindings.values():
        b = binding.binding
        if b.show and b.description and binding.node is screen:
            yield SystemCommand(
                b.description, f"{b.description} ({binding.binding.key})",
                lambda action=b.action: screen.run_action(action),
            )
    for command in textuals:
        # Textual's screenshot command would write journal text to a file in the current folder.
        if command.title != "Screenshot":
            yield command
