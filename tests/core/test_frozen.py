"""The export's value classes (`core/frozen.py`): compared, hashed, shown and copied by their
values, never changed once made; and the export's own modules import neither `dataclasses` nor
`inspect` to get there."""

import copy
import pickle
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from closeness_journal.core.entry_filter import EntryFilter
from closeness_journal.core.patterns import ClosenessCounts, Count, DayTotals, PatternSource, Period, compute
from closeness_journal.core.session import ExportRecord
from closeness_journal.core.wording import WeekLine
from closeness_journal.exporting import Choice

DAY = date(2026, 11, 20)


def test_a_filter_has_its_defaults_and_is_equal_and_hashed_by_its_values():
    empty = EntryFilter()
    assert (empty.since, empty.search, empty.behaviours, empty.include_private, empty.changed_since) == (
        None, None, (), True, None)
    assert EntryFilter(DAY) == EntryFilter(since=DAY) and EntryFilter(DAY) != EntryFilter(until=DAY)
    assert hash(EntryFilter(DAY, tags=("home",))) == hash(EntryFilter(since=DAY, tags=("home",)))
    assert len({EntryFilter(), EntryFilter(), EntryFilter(search="sea")}) == 2
    assert EntryFilter() != Choice() and EntryFilter() != ()  # another class, even with the same values, is not equal


def test_replace_copies_with_changes_and_leaves_the_original_as_it_was():
    narrow = EntryFilter(since=DAY, search="sea", fears=("loss",))
    wider = narrow.replace(search=None, include_private=False)
    assert wider == EntryFilter(since=DAY, fears=("loss",), include_private=False)
    assert narrow.search == "sea" and narrow.include_private
    assert narrow.replace() == narrow and narrow.replace() is not narrow
    with pytest.raises(TypeError):
        narrow.replace(serach="typo")
    made = datetime(2026, 11, 21, 9, tzinfo=UTC)
    assert ExportRecord(made, "html").replace(entries=3) == ExportRecord(made, "html", entries=3)


def test_a_value_never_changes_once_made():
    choice = Choice(include_private=True)
    with pytest.raises(AttributeError, match="include_private"):
        choice.include_private = False  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del choice.kind
    with pytest.raises(AttributeError):
        choice.something_else = 1  # type: ignore[attr-defined]
    assert choice.include_private and choice.kind == "markdown"


def test_the_repr_names_each_value_in_order():
    assert repr(WeekLine("Pulled away", "2 times")) == "WeekLine(label='Pulled away', words='2 times')"
    assert repr(Count("loss", "Loss", 3)) == "Count(key='loss', label='Loss', count=3)"
    assert repr(EntryFilter(search="sea")) == (
        "EntryFilter(since=None, until=None, search='sea', behaviours=(), fears=(), category=None, "
        "relationship=None, include_private=True, tags=(), changed_since=None)"
    )


def test_copies_and_pickles_are_equal():
    record = ExportRecord(datetime(2026, 11, 21, 9, tzinfo=UTC), "markdown", DAY, DAY, None, 4)
    for value in (record, EntryFilter(since=DAY, tags=("a", "b")), Choice("html", more_names=("Sam",))):
        assert copy.copy(value) == value and copy.deepcopy(value) == value
        assert pickle.loads(pickle.dumps(value)) == value


def test_pattern_sums_keep_their_defaults_and_the_patterns_compare_without_their_rows():
    one, two = PatternSource(()), PatternSource(())
    assert one.behaviours == {} and one.behaviours is not two.behaviours  # a new dict each, as before
    assert one.closeness == ClosenessCounts() and one == two
    row = DayTotals(DAY, entries=2, withdrawal=1)
    assert (row.days, row.entries, row.acted_no) == (1, 2, 0)
    with_rows = compute(PatternSource((row,)), DAY, DAY, "week")
    assert with_rows.rows == (row,) and "rows" not in repr(with_rows)
    assert with_rows == with_rows.replace(rows=()) and hash(with_rows) == hash(with_rows.replace(rows=()))
    assert with_rows != with_rows.replace(steps=Period("total", DAY, DAY))
    assert with_rows.steps.replace(mean_intensity=4.5).mean_intensity == 4.5


def test_the_export_modules_import_neither_dataclasses_nor_inspect():
    """`dataclasses` imports `inspect`: together about 6 ms of the 3,650-entry export's start."""
    code = (
        "import sys\n"
        "import closeness_journal.exporting, closeness_journal.core.markdown_export\n"
        "import closeness_journal.core.html_export, closeness_journal.core.export_sections\n"
        "from closeness_journal.core import patterns\n"
        "patterns.compute(patterns.PatternSource(()), patterns.date(2026, 1, 1), patterns.date(2026, 12, 31))\n"
        "print(sorted(m for m in ('dataclasses', 'inspect', 'typing', 'msgspec') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_export_imports_neither_dataclasses_nor_inspect(imports_of):
    for args in (["export", "-o", "-"], ["export", "--format", "html", "-o", "-"]):
        _, loaded = imports_of(args, modules=("dataclasses", "inspect"))
        assert loaded == []


def _frozen_classes() -> list[type]:
    import closeness_journal.core.entry_filter
    import closeness_journal.core.patterns
    import closeness_journal.core.session
    import closeness_journal.core.wording
    import closeness_journal.exporting
    from closeness_journal.core.frozen import Frozen

    modules = (closeness_journal.core.entry_filter, closeness_journal.core.patterns, closeness_journal.core.session,
               closeness_journal.core.wording, closeness_journal.exporting)
    return sorted({value for module in modules for value in vars(module).values()
                   if isinstance(value, type) and issubclass(value, Frozen) and value is not Frozen}, key=repr)


def test_each_frozen_class_takes_its_values_in_the_order_of_its_slots():
    """`fill` gives the values in `__slots__`' order: an `__init__` naming them in another order
    would put each value under another's name, silently."""
    import inspect

    classes = _frozen_classes()
    assert len(classes) >= 10
    for made in classes:
        assert list(inspect.signature(made.__init__).parameters)[1:] == list(made.__slots__), made
        values = {name: f"{name} value" for name in made.__slots__}
        made_up = object.__new__(made)
        made.__init__(made_up, **values)
        assert {name: getattr(made_up, name) for name in made.__slots__} == values, made
