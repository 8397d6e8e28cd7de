"""The entries of an archive read fast (`archive_fast.read`), as a sequence of `Entry`.

An entry already as the journal keeps it (what an export writes: nearly all of them) is kept as
it was read, checked, with its day and times, and made an `Entry` only when one is asked for; an
entry that was cleaned is kept as the `Entry` `read_entry` made. Reading them gives `Entry`
objects either way, equal to what `archive_format.read_backup` gives. The store adds the checked
ones to the journal straight from what was read (`store/entry_insert.entry_rows`), so an import
of 100,000 entries doesn't make 100,000 entries only to take them apart again.

No msgspec here: the store imports this module to recognise such entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from closeness_journal.core.entries import Entry


class Entries(Sequence[Entry]):
    """`items`: each an `Entry`, or a checked entry as `archive_fast` keeps it (a tuple: the entry
    as read, its day, and its times written, updated and deleted), which `make` turns into the
    `Entry` it stands for."""

    __slots__ = ("items", "make")

    def __init__(self, items: list[Any], make: Callable[[Any], Entry]) -> None:
        self.items = items
        self.make = make

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self._entry(item) for item in self.items[index]]
        return self._entry(self.items[index])

    def __iter__(self) -> Iterator[Entry]:
        return map(self._entry, self.items)

    def _entry(self, item: Any) -> Entry:
        return item if isinstance(item, Entry) else self.make(item)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a list

    def __repr__(self) -> str:
        return f"Entries({list(self)!r})"
