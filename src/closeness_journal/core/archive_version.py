"""The JSON archive's name and version, and a revision as the archive writes it: what both the
format (`archive_format.py`, which reads an archive and checks every field) and the export
(`store/archive_export.py`, which writes one straight from the journal's rows) need.

Kept apart so an export doesn't import the reading side: its checks, the weekly review, the
exercises and the prompt library (about 25 ms of a small journal's JSON export).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from closeness_journal.core.entries import Revision

FORMAT = "closeness-journal"
FORMAT_VERSION = 2
"""1: an entry answered at most one prompt (`prompt_id`, `prompt_text`, the answer as `body`).
2: an entry is a sitting (`answers`, `body` the free writing) and its check-in also has
`stayed`, `urge` and `acted`; later also `kind` ("sitting" or "pause"; missing means a sitting),
`urge_after` (the pull at the end of a pause) and `rung` (with the `rungs` list beside the
entries); an entry may be `flagged` to bring up. Every version still imports."""


def revision_json(revision: Revision) -> dict[str, Any]:
    return {
        "entry_id": revision.entry_id, "revised_at": revision.revised_at.isoformat(), "entry": revision.entry.to_json()
    }
