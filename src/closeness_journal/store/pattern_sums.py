"""The pattern sums kept per day by triggers (migration m017), so patterns over any span read a
few thousand day rows instead of every entry (a century at 100,000 entries: about 0.6 s of
scanning and JSON parsing -> a few ms).

- `pattern_days`: for each day and privacy (0, or 1 for private), the sums `DayTotals` and
  `ClosenessCounts` are made of, over the entries outside the trash.
- `pattern_counts`: for each field (behaviours, stayed, fears, kinds, tags: one per value in the
  JSON list; relationship; who, as written), day and privacy, how many times each value appears;
  and `tag_entries`: how many entries have each tag, compared without regard to case (History's
  tag filter lists the tags with how many entries have each, and no longer reads every entry).

Triggers add an entry's share when it is written or leaves the trash and take it away when it
is changed, goes to the trash or is deleted, so the sums are always those of the entries as they
are. Rows whose share drops to 0 stay (read with `entries > 0` and `n > 0`).

What m017 builds is made from the definitions here: change them only with a new migration.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from typing import Any

_AWAY = "({r}.withdrawal = 1 OR {r}.sabotage = 1)"
_PLANNED = "({r}.predicted IS NOT NULL AND {r}.outcome IS NOT NULL)"

DAY_SUMS: tuple[tuple[str, str], ...] = (
    ("entries", "1"),
    ("withdrawal", "coalesce({r}.withdrawal, 0)"),
    ("sabotage", "coalesce({r}.sabotage, 0)"),
    ("intensity_sum", "coalesce({r}.intensity, 0)"),
    ("intensity_count", "({r}.intensity IS NOT NULL)"),
    ("small_steps", "coalesce({r}.small_step != '', 0)"),
    ("planned_steps", _PLANNED),
    ("predicted_sum", f"(CASE WHEN {_PLANNED} THEN {{r}}.predicted ELSE 0 END)"),
    ("outcome_sum", f"(CASE WHEN {_PLANNED} THEN {{r}}.outcome ELSE 0 END)"),
    ("stayed", "coalesce({r}.stayed_close, 0)"),
    ("urge_sum", "coalesce({r}.urge, 0)"),
    ("urge_count", "({r}.urge IS NOT NULL)"),
    ("acted_yes", "coalesce({r}.acted = 'yes', 0)"),
    ("acted_partly", "coalesce({r}.acted = 'partly', 0)"),
    ("acted_no", "coalesce({r}.acted = 'no', 0)"),
    ("away", f"coalesce({_AWAY}, 0)"),
    ("away_after_closeness", f"coalesce({_AWAY} AND {{r}}.close_before = 1, 0)"),
    ("closeness_not_away", f"coalesce({{r}}.close_before = 1 AND NOT {_AWAY}, 0)"),
    ("stayed_close", "coalesce({r}.stayed_close = 1, 0)"),
    ("stayed_after_closeness", "coalesce({r}.stayed_close = 1 AND {r}.close_before = 1, 0)"),
)
"""Each day column and an entry's share of it (`{r}`: the entry's row)."""

LIST_FIELDS = ("behaviours", "stayed", "fears", "kinds", "tags")
"""JSON lists of slugs (and tags): each counts once per time it appears."""

WATCHED = (
    "local_date", "private", "deleted_at", "withdrawal", "sabotage", "intensity", "small_step", "predicted",
    "outcome", "stayed_close", "urge", "acted", "close_before", "relationship", "who", *LIST_FIELDS,
)
TAG_ENTRIES = "tag_entries"
"""The field counting entries per tag in lower case (an entry tagged both "Work" and "work" once)."""
"""The entry columns the sums are made of: an update of any other column leaves them alone."""

TRIGGERS = ("pattern_sums_ai", "pattern_sums_ad", "pattern_sums_au_old", "pattern_sums_au_new")

_PRIVATE = "coalesce({r}.private, 1)"
"""An entry with no privacy mark counts as private (the patterns without private entries ask for `private = 0`)."""


def _shares(r: str, sign: str) -> list[str]:
    """The statements adding (`sign` "1") or taking away ("-1") the entry `r`'s share."""
    private = _PRIVATE.format(r=r)
    names = ", ".join(name for name, _ in DAY_SUMS)
    values = ", ".join(f"{sign} * {sql.format(r=r)}" for _, sql in DAY_SUMS)
    updates = ", ".join(f"{name} = {name} + excluded.{name}" for name, _ in DAY_SUMS)
    statements = [
        f"INSERT INTO pattern_days (local_date, private, {names}) VALUES ({r}.local_date, {private}, {values}) "
        f"ON CONFLICT (local_date, private) DO UPDATE SET {updates};"
    ]
    upsert = "ON CONFLICT (field, local_date, private, value) DO UPDATE SET n = n + excluded.n;"
    for field in LIST_FIELDS:
        listed = f"(CASE WHEN json_valid({r}.{field}) THEN {r}.{field} ELSE '[]' END)"
        statements.append(
            f"INSERT INTO pattern_counts (field, local_date, private, value, n) "
            f"SELECT '{field}', {r}.local_date, {private}, j.value, {sign} FROM json_each({listed}) AS j "
            f"WHERE true {upsert}"
        )
    tags = f"(CASE WHEN json_valid({r}.tags) THEN {r}.tags ELSE '[]' END)"
    statements.append(
        f"INSERT INTO pattern_counts (field, local_date, private, value, n) "
        f"SELECT DISTINCT '{TAG_ENTRIES}', {r}.local_date, {private}, lower(j.value), {sign} "
        f"FROM json_each({tags}) AS j WHERE true {upsert}"
    )
    for field, present in (("relationship", "IS NOT NULL"), ("who", "!= ''")):
        statements.append(
            f"INSERT INTO pattern_counts (field, local_date, private, value, n) "
            f"SELECT '{field}', {r}.local_date, {private}, {r}.{field}, {sign} WHERE {r}.{field} {present} {upsert}"
        )
    return statements


def create(db: Any) -> None:
    """The two tables, filled from the entries outside the trash, and the triggers that keep them."""
    columns = ", ".join(f"{name} INTEGER NOT NULL DEFAULT 0" for name, _ in DAY_SUMS)
    db.execute(
        f"CREATE TABLE pattern_days (local_date TEXT NOT NULL, private INTEGER NOT NULL, {columns}, "
        "PRIMARY KEY (local_date, private)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE pattern_counts (field TEXT NOT NULL, local_date TEXT NOT NULL, private INTEGER NOT NULL, "
        "value NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (field, local_date, private, value)) WITHOUT ROWID"
    )
    keep(db)


def keep(db: Any) -> None:
    """Fill the tables from the entries outside the trash, and (re)make the triggers that keep
    them: after `create`, and after a migration rebuilds `entries` (which drops its triggers)."""
    for name in TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DELETE FROM pattern_days")
    db.execute("DELETE FROM pattern_counts")
    _add(db, "true")
    _make_triggers(db)


def _add(db: Any, chosen: str) -> None:
    """Add the shares of the entries outside the trash that `chosen` (SQL over `e`) picks."""
    day_upsert = "ON CONFLICT (local_date, private) DO UPDATE SET " + ", ".join(
        f"{name} = {name} + excluded.{name}" for name, _ in DAY_SUMS)
    upsert = "ON CONFLICT (field, local_date, private, value) DO UPDATE SET n = n + excluded.n"
    private = _PRIVATE.format(r="e")
    names = ", ".join(name for name, _ in DAY_SUMS)
    sums = ", ".join(f"sum({sql.format(r='e')})" for _, sql in DAY_SUMS)
    db.execute(
        f"INSERT INTO pattern_days (local_date, private, {names}) SELECT e.local_date, {private}, {sums} "
        f"FROM entries AS e WHERE e.deleted_at IS NULL AND {chosen} GROUP BY e.local_date, {private} {day_upsert}"
    )
    for field in LIST_FIELDS:
        listed = f"(CASE WHEN json_valid(e.{field}) THEN e.{field} ELSE '[]' END)"
        db.execute(
            f"INSERT INTO pattern_counts (field, local_date, private, value, n) "
            f"SELECT '{field}', e.local_date, {private}, j.value, count(*) FROM entries AS e, json_each({listed}) AS j "
            f"WHERE e.deleted_at IS NULL AND {chosen} GROUP BY e.local_date, {private}, j.value {upsert}"
        )
    db.execute(
        f"INSERT INTO pattern_counts (field, local_date, private, value, n) "
        f"SELECT '{TAG_ENTRIES}', e.local_date, {private}, lower(j.value), count(DISTINCT e.id) "
        "FROM entries AS e, json_each(CASE WHEN json_valid(e.tags) THEN e.tags ELSE '[]' END) AS j "
        f"WHERE e.deleted_at IS NULL AND {chosen} GROUP BY e.local_date, {private}, lower(j.value) {upsert}"
    )
    for field, present in (("relationship", "IS NOT NULL"), ("who", "!= ''")):
        db.execute(
            f"INSERT INTO pattern_counts (field, local_date, private, value, n) "
            f"SELECT '{field}', e.local_date, {private}, e.{field}, count(*) FROM entries AS e "
            f"WHERE e.deleted_at IS NULL AND e.{field} {present} AND {chosen} "
            f"GROUP BY e.local_date, {private}, e.{field} {upsert}"
        )


def _make_triggers(db: Any) -> None:
    watched = ", ".join(WATCHED)
    new, old = " ".join(_shares("new", "1")), " ".join(_shares("old", "-1"))
    # An update takes the old share away and adds the new one (in either order: they are sums).
    events = (
        "INSERT ON entries WHEN new.deleted_at IS NULL", "DELETE ON entries WHEN old.deleted_at IS NULL",
        f"UPDATE OF {watched} ON entries WHEN old.deleted_at IS NULL",
        f"UPDATE OF {watched} ON entries WHEN new.deleted_at IS NULL",
    )
    for name, event, share in zip(TRIGGERS, events, (new, old, old, new), strict=True):
        db.execute(f"CREATE TRIGGER {name} AFTER {event} BEGIN {share} END")


@contextmanager
def added_in_bulk(db: Any) -> Iterator[None]:
    """Around adding many entries in one transaction (`add_many`, an import): the triggers step
    aside and the new entries' shares are added in one pass at the end (a row at a time, they
    would add about a third to the insert's time). New rows have ids above every earlier one."""
    before = db.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
    for name in TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield
    _add(db, f"e.id > {int(before)}")
    _make_triggers(db)
