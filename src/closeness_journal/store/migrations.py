"""The journal's schema, as an append-only list of migrations, and the full-text search index.

Opening a journal applies whatever migrations it has not had yet (see `connection.py`). A
migration's function name is its identity, stored in every journal it has run on: never rename
or edit one that has shipped; fix mistakes with a new migration at the end of the list.
The name of the list, "closeness_journal", is stored too and never changes.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `list` does without it (3 ms)
if TYPE_CHECKING:
    from typing import Any

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

FTS_COLUMNS = ("body", "small_step", "who")
"""The entry columns full-text search looked in up to m010 (m003 and m009 build with these)."""

SEARCH_COLUMNS = ("body", "answers", "small_step", "who")
"""The entry columns full-text search looks in since m011: the free writing, the answers, the
small step and who it was with."""

SEARCH_INDEX_SQL = (
    f"CREATE VIRTUAL TABLE entries_fts USING fts5({', '.join(SEARCH_COLUMNS)}, "
    "tokenize='porter unicode61', content='entries', content_rowid='id')"
)
"""The search index over SEARCH_COLUMNS as m011 on make it (and as SQLite keeps its statement)."""

ANSWER_SEPARATOR = "\x1e"
"""Separates the answers' texts in the `answers` column. It is a control character, which is
never stored in text a person wrote (see `core/text.printable`), and search treats it as a gap
between words."""


# --------------------------------------------------------------------------- migrations
# Append-only: a migration's function name is its identity. Never rename or edit one that
# has shipped; fix mistakes with a new migration.

MIGRATIONS_TABLE = "_sqlite_migrations"
"""Where sqlite-utils records the migrations applied (`Migrations.migrations_table`)."""
MIGRATION_SET = "closeness_journal"


class _Schema:
    """sqlite-utils' `Migrations`, built the first time it is used: the migrations are declared
    here at import, but sqlite-utils (about 0.2 s to import) is only loaded when a journal is
    created or migrated. Opening an up-to-date journal checks it with plain SQL (`connection.py`)."""

    name = MIGRATION_SET
    migrations_table = MIGRATIONS_TABLE

    def __init__(self) -> None:
        self._declared: list[tuple[Callable[[Database], None], dict[str, Any]]] = []
        self._built: Migrations | None = None

    def __call__(self, **options: Any) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        def declare(function: Callable[[Database], None]) -> Callable[[Database], None]:
            if self._built is not None:
                raise RuntimeError("migrations are declared at import, before the first is applied")
            self._declared.append((function, options))
            return function

        return declare

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(function.__name__ for function, _ in self._declared)

    def migrations(self) -> Migrations:
        if self._built is None:
            from sqlite_utils.migrations import Migrations

            built = Migrations(self.name)
            for function, options in self._declared:
                built(**options)(function)
            self._built = built
        return self._built

    def __getattr__(self, attribute: str) -> Any:  # pending, applied, apply, _migrations…
        return getattr(self.migrations(), attribute)


schema = _Schema()


@schema()
def m001_entries(db: Database) -> None:
    db["entries"].create(
        {
            "id": int,  # rowid alias: stays stable through table rebuilds, so FTS rows match
            "uuid": str,
            "created_at": str,  # UTC, ISO 8601
            "updated_at": str,
            "local_date": str,  # the person's own calendar day, YYYY-MM-DD
            "prompt_id": str,
            "prompt_text": str,
            "body": str,
            "who": str,
            "relationship": str,
            "kinds": str,  # JSON arrays of slugs
            "behaviours": str,
            "fears": str,
            "intensity": int,
            "close_before": int,
            "small_step": str,
            "predicted": int,
            "outcome": int,
            "private": int,
            "tags": str,
            "withdrawal": int,  # derived from behaviours at write time, for fast aggregates
            "sabotage": int,
            "deleted_at": str,  # set while the entry is in the trash
        },
        pk="id",
        not_null={"uuid", "created_at", "updated_at", "local_date", "body"},
        defaults={
            "body": "",
            "who": "",
            "small_step": "",
            "kinds": "[]",
            "behaviours": "[]",
            "fears": "[]",
            "tags": "[]",
            "close_before": 0,
            "private": 0,
            "withdrawal": 0,
            "sabotage": 0,
        },
    )
    db["entries"].create_index(["uuid"], unique=True)
    db["entries"].create_index(["local_date", "created_at"])
    db["entries"].create_index(["deleted_at"])


@schema()
def m002_revisions(db: Database) -> None:
    db["revisions"].create(
        {"id": int, "entry_uuid": str, "revised_at": str, "data": str},
        pk="id",
        not_null={"entry_uuid", "revised_at", "data"},
    )
    db["revisions"].create_index(["entry_uuid", "revised_at"])


@schema()
def m003_entries_fts(db: Database) -> None:
    _enable_fts(db)


@schema()
def m004_settings_and_drafts(db: Database) -> None:
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["drafts"].create({"key": str, "saved_at": str, "data": str}, pk="key")


@schema()
def m005_entries_page_order_index(db: Database) -> None:
    """History pages by (local_date, created_at, uuid); one index serves the order and the seek."""
    db["entries"].create_index(["local_date", "created_at", "uuid"], if_not_exists=True)
    db.execute("DROP INDEX IF EXISTS idx_entries_local_date_created_at")


@schema()
def m006_weekly_reviews(db: Database) -> None:
    db["reviews"].create(
        {"week": str, "created_at": str, "updated_at": str, "answers": str, "next_step": str},
        pk="week",
        not_null={"created_at", "updated_at", "answers"},
        defaults={"answers": "[]", "next_step": ""},
    )
    db["review_revisions"].create(
        {"id": int, "week": str, "revised_at": str, "data": str}, pk="id", not_null={"week", "data"}
    )


@schema()
def m007_entries_live_page_index(db: Database) -> None:
    """Almost every query asks for entries not in the trash, newest first. With a separate
    index on deleted_at, SQLite chose it, read every row and sorted them (0.5 s a page at
    100,000 entries); one index led by deleted_at serves the filter, the order and the seek."""
    db.execute("DROP INDEX IF EXISTS idx_entries_deleted_at")
    db.execute("DROP INDEX IF EXISTS idx_entries_local_date_created_at_uuid")
    db["entries"].create_index(["deleted_at", "local_date", "created_at", "uuid"], if_not_exists=True)


@schema()
def m008_entries_pattern_index(db: Database) -> None:
    """Patterns and reviews sum a few small columns over a date range. The rows hold the long
    text first, so reading those columns from the table drags in every body; this index holds
    just what the sums need (a year at 100,000 entries: 77 ms -> about 20 ms)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_entries_patterns ON entries (deleted_at, local_date, private, "
        "withdrawal, sabotage, intensity, close_before, predicted, outcome, relationship, who, "
        "behaviours, fears, kinds, small_step)"
    )


@schema()
def m009_search_only_outside_the_trash(db: Database) -> None:
    """The search index holds entries outside the trash only, so counting matches needs no
    look-up in the entries table (a common word at 100,000 entries: 57 ms -> 4 ms)."""
    _create_search_triggers(db)
    _rebuild_search(db)


@schema()
def m010_search_index_merges_when_idle(db: Database) -> None:
    """FTS5 merges its index segments during an insert by default, which made every 64th save
    take 25 ms at 100,000 entries. Merging is left to `tidy()`, which the window runs while
    idle; FTS5 still merges on its own if segments pile up (its "crisismerge")."""
    db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 0)")


@schema()
def m011_one_sitting_one_entry(db: Database) -> None:
    """An entry becomes a sitting: answers to any of the day's prompts, free writing, and one
    check-in that also records staying close, the pull to get away and whether it was acted on.

    - `answers`: the answers' texts joined by ANSWER_SEPARATOR (searchable as they are);
      `answer_prompts`: a JSON list of [prompt id, prompt text as shown], one per answer.
    - An entry that answered a prompt (`prompt_id` set) gets that answer as its one answer and
      empty free writing. `prompt_id` and `prompt_text` are left as they were, read by nothing.
    - `stayed` (JSON list of slugs), `urge` (0-10), `acted` (yes, partly, no), and `stayed_close`
      (derived at write time like `withdrawal`, for fast sums).
    - The search index is built again over the new column list.
    """
    db.execute("ALTER TABLE entries ADD COLUMN answers TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE entries ADD COLUMN answer_prompts TEXT NOT NULL DEFAULT '[]'")
    db.execute("ALTER TABLE entries ADD COLUMN stayed TEXT NOT NULL DEFAULT '[]'")
    db.execute("ALTER TABLE entries ADD COLUMN urge INTEGER")
    db.execute("ALTER TABLE entries ADD COLUMN acted TEXT")
    db.execute("ALTER TABLE entries ADD COLUMN stayed_close INTEGER NOT NULL DEFAULT 0")
    for name in _SEARCH_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS entries_fts")
    db.execute(
        "UPDATE entries SET answers = body, body = '', "
        "answer_prompts = json_array(json_array(prompt_id, coalesce(prompt_text, ''))) "
        "WHERE prompt_id IS NOT NULL AND prompt_id != ''"
    )
    _create_search_index(db)


@schema()
def m012_entries_pattern_index_with_staying(db: Database) -> None:
    """The pattern sums also count staying close and the pull to get away (see m008)."""
    db.execute("DROP INDEX IF EXISTS idx_entries_patterns")
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_entries_patterns_2 ON entries (deleted_at, local_date, private, "
        "withdrawal, sabotage, stayed_close, intensity, urge, acted, close_before, predicted, outcome, "
        "relationship, who, behaviours, fears, kinds, stayed, small_step)"
    )



@schema()
def m013_pauses(db: Database) -> None:
    """An entry is a sitting or a pause taken in the moment (`kind`, every earlier entry a
    "sitting"), and a pause keeps the pull to get away at its end (`urge_after`, 0-10)."""
    db.execute("ALTER TABLE entries ADD COLUMN kind TEXT NOT NULL DEFAULT 'sitting'")
    db.execute("ALTER TABLE entries ADD COLUMN urge_after INTEGER")


@schema()
def m014_exercises(db: Database) -> None:
    """Exercises done apart from the daily prompts (core/exercises.py): one row for each round,
    its people's turns (name, whether touch and sex were included, answers, done) as JSON."""
    db["exercise_rounds"].create(
        {
            "id": str,
            "exercise": str,
            "title": str,
            "local_date": str,
            "people": int,
            "turns": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"exercise", "title", "local_date", "people", "turns", "created_at", "updated_at"},
        defaults={"turns": "[]", "people": 1},
    )


@schema()
def m015_ladder(db: Database) -> None:
    """The small-steps ladder: `rungs` (a step you want to be able to take, how hard it feels now
    0-100, who with; retired, never deleted), `entries.rung` (the rung a check-in tried: the
    attempts are those entries, with their own expected and real difficulty), and
    `reviews.next_rung` (the rung a weekly review chose for the week after)."""
    db["rungs"].create(
        {"id": int, "uuid": str, "text": str, "hard": int, "who": str,
         "created_at": str, "updated_at": str, "retired_at": str},
        pk="id",
        not_null={"uuid", "text", "hard", "who", "created_at", "updated_at"},
        defaults={"who": ""},
    )
    db["rungs"].create_index(["uuid"], unique=True)
    db.execute("ALTER TABLE entries ADD COLUMN rung TEXT")
    db.execute("CREATE INDEX idx_entries_rung ON entries (rung, local_date) WHERE rung IS NOT NULL")
    db.execute("ALTER TABLE reviews ADD COLUMN next_rung TEXT")




@schema()
def m016_flags_agenda_and_exports(db: Database) -> None:
    """An entry can be flagged to bring up at the next session, and the journal remembers its exports.

    - `entries.flagged_at`: when the entry was flagged (NULL when it isn't), so "since my last
      export" also brings an entry flagged since; a small partial index finds the flagged ones.
    - `exports`: one row per export made (when, which format, which days, whether it held only
      what was new since an earlier export, and how many entries).
    - The note for the next session ("what I want to talk about") is a setting: `session_note`.
    """
    db.execute("ALTER TABLE entries ADD COLUMN flagged_at TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS idx_entries_flagged ON entries (local_date) WHERE flagged_at IS NOT NULL")
    db["exports"].create(
        {"id": int, "made_at": str, "format": str, "since": str, "until": str, "changed_since": str, "entries": int},
        pk="id",
        not_null={"made_at", "format"},
    )


@schema()
def m017_pattern_sums(db: Database) -> None:
    """Patterns over any span read sums kept per day (`pattern_days`, `pattern_counts`) by
    triggers on `entries`, instead of every entry: see `store/pattern_sums.py`, which this
    migration builds from (so it never changes but through a new migration)."""
    from closeness_journal.store import pattern_sums

    pattern_sums.create(db)


# --------------------------------------------------------------------------- the search index
# Helpers the migrations above call. What they build is part of those migrations: a journal
# made today must end up like one upgraded from any earlier version, so change the index with
# a new migration (and new helpers if needed), never by editing these.


def _enable_fts(db: Database) -> None:
    db["entries"].enable_fts(
        FTS_COLUMNS, create_triggers=True, tokenize="porter unicode61", replace=True
    )


_SEARCH_TRIGGERS = {
    "entries_ai": """CREATE TRIGGER entries_ai AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (rowid, body, small_step, who) VALUES (new.id, new.body, new.small_step, new.who);
    END""",
    "entries_ad": """CREATE TRIGGER entries_ad AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, body, small_step, who)
        VALUES ('delete', old.id, old.body, old.small_step, old.who);
    END""",
    # One trigger, two statements in order: the old text leaves the index before the new one
    # comes in (a row only ever leaves the index if it was in it: deleting what an external
    # content FTS5 table never held corrupts it).
    "entries_au": """CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, body, small_step, who)
        SELECT 'delete', old.id, old.body, old.small_step, old.who WHERE old.deleted_at IS NULL;
        INSERT INTO entries_fts (rowid, body, small_step, who)
        SELECT new.id, new.body, new.small_step, new.who WHERE new.deleted_at IS NULL;
    END""",
}


def _create_search_triggers(db: Database) -> None:
    for name, sql in _SEARCH_TRIGGERS.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(sql)


def _rebuild_search(db: Database) -> None:
    """Index every entry outside the trash, from scratch."""
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    db.execute(
        "INSERT INTO entries_fts (entries_fts, rowid, body, small_step, who) "
        "SELECT 'delete', id, body, small_step, who FROM entries WHERE deleted_at IS NOT NULL"
    )


# Since m011 the index covers SEARCH_COLUMNS. The helpers below build that index; the ones
# above stay as they were for m003-m010.


def _search_triggers_2() -> dict[str, str]:
    columns = ", ".join(SEARCH_COLUMNS)
    new = ", ".join(f"new.{c}" for c in SEARCH_COLUMNS)
    old = ", ".join(f"old.{c}" for c in SEARCH_COLUMNS)
    return {
        "entries_ai": f"""CREATE TRIGGER entries_ai AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (rowid, {columns}) VALUES (new.id, {new});
    END""",
        "entries_ad": f"""CREATE TRIGGER entries_ad AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, {columns}) VALUES ('delete', old.id, {old});
    END""",
        # As in _SEARCH_TRIGGERS: the old text leaves the index before the new one comes in.
        "entries_au": f"""CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, {columns})
        SELECT 'delete', old.id, {old} WHERE old.deleted_at IS NULL;
        INSERT INTO entries_fts (rowid, {columns}) SELECT new.id, {new} WHERE new.deleted_at IS NULL;
    END""",
    }


def _create_search_index(db: Database) -> None:
    """The search index over SEARCH_COLUMNS, its triggers, every entry outside the trash in it,
    and merging left to idle time (as m010 set for the first index)."""
    db.execute(SEARCH_INDEX_SQL)
    _rebuild_search_2(db)
    db.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 0)")


def _rebuild_search_2(db: Database) -> None:
    for name, sql in _search_triggers_2().items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(sql)
    columns = ", ".join(SEARCH_COLUMNS)
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    db.execute(
        f"INSERT INTO entries_fts (entries_fts, rowid, {columns}) "
        f"SELECT 'delete', id, {columns} FROM entries WHERE deleted_at IS NOT NULL"
    )


def transform_keeping_search(db: Database, table: str, **changes: Any) -> None:
    """`Table.transform()` for migrations: sqlite-utils drops FTS triggers when it rebuilds a
    table, so put them back and rebuild the index. Every migration that transforms `entries`
    must go through here."""
    db[table].transform(**changes)
    if table == "entries":
        _rebuild_search_2(db)
        if db["pattern_days"].exists():  # m017's sums lose their triggers too
            from closeness_journal.store import pattern_sums

            pattern_sums.keep(db)


MIGRATION_NAMES = schema.names
"""Every migration this version knows, in order: a journal that has had any other is too new."""
