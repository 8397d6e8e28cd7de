"""`Frozen`: what the core's small value classes on an export's way share (what a list is narrowed
to, the pattern sums, an export's record, a week's line...). A value is made of the names in its
class's `__slots__`, given once by its `__init__` (with `fill`), never changed after (assigning
raises AttributeError), compared and hashed by them, shown by them in its repr, and copied with
changes by `replace` (as `dataclasses.replace` did).

Frozen dataclasses did this until now. At start, the Markdown export at 3,650 entries paid about
50M instructions (callgrind; 970M in all, the floor script 317M) to declare the ten of them, each
a piece of generated code compiled and run, and about 40M more to import `dataclasses` with
`inspect`, which it imports (about 6 ms). A class here is declared like any other. (`msgspec.Struct`,
built in C, would be cheaper to declare, but importing `msgspec` after the export's other modules
takes about 18 ms: it imports `typing`, `typing_extensions` and `inspect`.)
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any, Self

_set = object.__setattr__


def fill(value: Frozen, *values: object) -> None:
    """Give a new `value` its values, one for each name in its `__slots__`, in that order (its
    `__init__` calls this once)."""
    for name, given in zip(value.__slots__, values, strict=True):
        _set(value, name, given)


class Frozen:
    """A value that never changes once made (see the module's docstring). A subclass names its
    values in `__slots__`, in the order of its `__init__`'s arguments, which end with `fill`."""

    __slots__: tuple[str, ...] = ()
    _compared: tuple[str, ...] = ()
    """The names compared, hashed and shown in the repr, when not all of `__slots__` (then in
    `__slots__`' order; `replace` and copies still carry all of them)."""

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._compared or self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} never changes")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__name__} never changes")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._compared or self.__slots__)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        """For `copy` and `pickle`: made again by `__init__` from the values in order."""
        return type(self), tuple(getattr(self, name) for name in self.__slots__)

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` (by name), made by `__init__` like the original (as
        `dataclasses.replace`); a name that isn't one of its values raises TypeError."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return type(self)(**values)
