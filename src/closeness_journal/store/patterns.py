"""The sums behind the pattern view, the weekly review and the Markdown export, added up in SQL
(`core/patterns.py` turns them into what a person reads)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from closeness_journal.store.connection import JournalBase, reading, reading_as_they_go
from closeness_journal.store.entry_filters import changed_since_sql

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (an export does without it)
if TYPE_CHECKING:
    from closeness_journal.core.patterns import DayTotals, PatternSource
    from closeness_journal.core.prompts import CheckinCounts


class PatternsMixin(JournalBase):
    """`Journal`'s sums over a range of days, and the people named in entries."""

    @reading
    def first_entry_date(self) -> date | None:
        row = self._db.execute("SELECT min(local_date) FROM entries WHERE deleted_at IS NULL").fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    @reading
    def day_totals(
        self, since: date, until: date, include_private: bool = True, changed_since: datetime | None = None
    ) -> tuple[DayTotals, ...]:
        """Each day's sums over [since, until], one row per day that holds entries (GROUP BY in SQL)."""
        from closeness_journal.core.patterns import DayTotals

        days, span = _day_sums(since, until, include_private, changed_since)
        return tuple(
            DayTotals(date.fromisoformat(row[0]), *row[1:])
            for row in self._db.execute(f"{days} ORDER BY local_date", span)
        )

    @reading
    def week_month_totals(
        self, since: date, until: date, include_private: bool = True, changed_since: datetime | None = None,
        by_month: bool = False,
    ) -> tuple[DayTotals, ...]:
        """The sums over [since, until] per week within a month, one row for each that holds
        entries (GROUP BY in SQL, over the day sums): they add up to weeks or to months, whichever
        is shown. Each row's day is its first day with entries; `days` counts its days with entries.
        With `by_month`, one row per month instead: they add up to months only (for a range
        grouped by month, `compute` makes the same periods of them; about a third less work than
        the weeks within months at 3,650 entries)."""
        if changed_since is None:  # the kept sums' rows (a day's, private or not) add up straight to the groups
            return self._week_month_totals(
                "pattern_days WHERE local_date BETWEEN ? AND ?" + ("" if include_private else " AND private = 0")
                + " AND entries > 0", [since.isoformat(), until.isoformat()], "count(DISTINCT local_date)", by_month,
            )
        days, span = _day_sums(since, until, include_private, changed_since)
        return self._week_month_totals(f"({days})", span, by_month=by_month)

    def _week_month_totals(
        self, source: str, span: list[str], count: str = "count(*)", by_month: bool = False
    ) -> tuple[DayTotals, ...]:
        """The week-within-a-month sums of `source` (what follows FROM): a query of the day sums,
        one row a day, in brackets; or the kept sums' rows, a day's private or not, which add up
        to the same (then `count` counts the days). With `by_month`, the month's sums."""
        from closeness_journal.core.patterns import DayTotals

        sums = ", ".join(f"sum({name})" for name, _ in _DAY_COLUMNS[1:-1])
        groups = _MONTH if by_month else f"{_WEEK_NUMBER}, {_MONTH}"
        return tuple(
            DayTotals(date.fromisoformat(row[0]), *row[1:])
            for row in self._db.execute(
                f"SELECT min(local_date), {sums}, {count} FROM {source} GROUP BY {groups} ORDER BY 1", span
            )
        )

    @reading
    def pattern_source(
        self, since: date, until: date, include_private: bool = True, changed_since: datetime | None = None,
        named: bool = True, by_month: bool = False,
    ) -> PatternSource:
        """Sums per week within a month (see `week_month_totals`) and breakdown counts over
        [since, until] (only what changed after `changed_since` when given), all aggregated in SQL:
        from the sums kept per day (`pattern_sums.py`), or from the entries for what changed.
        With `named=False` the people and relationships are not counted (left empty): the
        exports show neither. With `by_month`, the sums per month (for a range grouped by month:
        `compute` gives the same figures, with `Patterns.rows` a row a month)."""
        if changed_since is not None:
            source = self._scanned_pattern_source(since, until, include_private, changed_since, by_month)
            return source if named else source.replace(relationships={}, people={})
        *_, source = self._kept_pattern_source(since, until, include_private, named, by_month)
        return source

    def pattern_source_in_steps(self, since: date, until: date) -> Iterator[PatternSource | None]:
        """`pattern_source(since, until)`, one short query at a time: None after each query, then
        the source. The window adds up a long range this way between frames, so that a key pressed
        or a frame due meanwhile waits for one short query at most, never for all of them.

        Each query reads a part of the range: whole months, with at most about `PART_DAYS` days of
        entries (the sums of a part add up to those of the range). Over the whole range, each of
        the eight queries took 4-21 ms at 100,000 entries (nine years), and the open of the
        Patterns screen, which adds up the whole journal ahead, waited for several of them."""
        return reading_as_they_go(self._kept_pattern_source_in_parts(since, until))

    def _month_parts(self, since: date, until: date) -> list[tuple[str, str]]:
        """[since, until] cut at the start of a month into parts that hold at most about `PART_DAYS`
        days with entries each (more in a month that alone holds more), as (first, last) days."""
        parts: list[tuple[str, str]] = []
        first, held = since.isoformat(), 0
        for month, days in self._db.execute(
            "SELECT substr(local_date, 1, 7), count(DISTINCT local_date) FROM pattern_days "
            "WHERE local_date BETWEEN ? AND ? AND entries > 0 GROUP BY 1 ORDER BY 1",
            [since.isoformat(), until.isoformat()],
        ):
            if held and held + days > PART_DAYS:
                start = date.fromisoformat(f"{month}-01")
                parts.append((first, date.fromordinal(start.toordinal() - 1).isoformat()))
                first, held = start.isoformat(), 0
            held += days
        parts.append((first, until.isoformat()))
        return parts

    def _kept_pattern_source_in_parts(self, since: date, until: date) -> Iterator[PatternSource | None]:
        """`_kept_pattern_source(since, until, True, True)`, each query over each of `_month_parts`
        in turn, its sums added up here: None after each query, the source last."""
        from closeness_journal.core.patterns import ClosenessCounts, PatternSource

        parts = self._month_parts(since, until)
        yield None
        counted = "FROM pattern_counts WHERE field = ? AND local_date BETWEEN ? AND ? AND n > 0"
        counts: dict[str, dict[str, int]] = {}
        for field in ("behaviours", "stayed", "fears", "kinds", "relationship"):
            found: dict[str, int] = {}
            for part in parts:
                for value, n in self._db.execute(f"SELECT value, sum(n) {counted} GROUP BY value", [field, *part]):
                    found[value] = found.get(value, 0) + n
                yield None
            counts[field] = dict(sorted(found.items()))  # by value, as GROUP BY gives them
        people: dict[str, tuple[str, int]] = {}  # by lower(name): (the first way it is written, count)
        for part in parts:
            for name, key, n in self._db.execute(
                f"SELECT min(value), lower(value), sum(n) {counted} GROUP BY lower(value)", ["who", *part]
            ):
                written, total = people.get(key, (name, 0))
                people[key] = (min(written, name), total + n)
            yield None
        closeness = [0] * 5
        for part in parts:
            row = self._db.execute(
                "SELECT coalesce(sum(away), 0), coalesce(sum(away_after_closeness), 0), "
                "coalesce(sum(closeness_not_away), 0), coalesce(sum(stayed_close), 0), "
                "coalesce(sum(stayed_after_closeness), 0) FROM pattern_days WHERE local_date BETWEEN ? AND ?",
                list(part),
            ).fetchone()
            closeness = [total + n for total, n in zip(closeness, row, strict=True)]
            yield None
        days: list[DayTotals] = []
        for part in parts:  # a part is whole months: no week within a month is cut between two
            days += self._week_month_totals(
                "pattern_days WHERE local_date BETWEEN ? AND ? AND entries > 0", list(part),
                "count(DISTINCT local_date)",
            )
            yield None
        yield PatternSource(
            days=tuple(days),
            behaviours=counts["behaviours"],
            stayed=counts["stayed"],
            fears=counts["fears"],
            relationships=counts["relationship"],
            kinds=counts["kinds"],
            people=dict(sorted(people.values(), key=lambda person: (-person[1], person[0]))[:10]),
            closeness=ClosenessCounts(*closeness),
        )

    def _kept_pattern_source(
        self, since: date, until: date, include_private: bool, named: bool, by_month: bool = False
    ) -> Iterator[PatternSource | None]:
        """`pattern_source` from the kept sums: None after each query, the source last."""
        from closeness_journal.core.patterns import ClosenessCounts, PatternSource

        private = "" if include_private else " AND private = 0"
        span = [since.isoformat(), until.isoformat()]
        counted = f"FROM pattern_counts WHERE field = ? AND local_date BETWEEN ? AND ?{private} AND n > 0"
        counts: dict[str, dict[str, int]] = {}
        for field in ("behaviours", "stayed", "fears", "kinds", *(("relationship",) if named else ())):
            counts[field] = dict(
                self._db.execute(f"SELECT value, sum(n) {counted} GROUP BY value", [field, *span]).fetchall()
            )
            yield None
        people = dict(
            self._db.execute(
                f"SELECT min(value), sum(n) {counted} GROUP BY lower(value) ORDER BY sum(n) DESC, min(value) LIMIT 10",
                ["who", *span],
            ).fetchall()
        ) if named else {}
        yield None
        row = self._db.execute(
            "SELECT coalesce(sum(away), 0), coalesce(sum(away_after_closeness), 0), "
            "coalesce(sum(closeness_not_away), 0), coalesce(sum(stayed_close), 0), "
            f"coalesce(sum(stayed_after_closeness), 0) FROM pattern_days WHERE local_date BETWEEN ? AND ?{private}",
            span,
        ).fetchone()
        yield None
        days = self.week_month_totals(since, until, include_private, by_month=by_month)
        yield None
        yield PatternSource(
            days=days,
            behaviours=counts["behaviours"],
            stayed=counts["stayed"],
            fears=counts["fears"],
            relationships=counts.get("relationship", {}),
            kinds=counts["kinds"],
            people=people,
            closeness=ClosenessCounts(*row),
        )

    def _scanned_pattern_source(
        self, since: date, until: date, include_private: bool = True, changed_since: datetime | None = None,
        by_month: bool = False,
    ) -> PatternSource:
        """`pattern_source` computed from the entries themselves (what `changed_since` needs; the
        tests compare the kept sums with it)."""
        from closeness_journal.core.patterns import ClosenessCounts, PatternSource

        where, span = _range(since, until, include_private, changed_since)
        scanned, scanned_span = _day_sums(since, until, include_private, changed_since, scanned=True)

        def each(column: str) -> dict[str, int]:
            return dict(
                self._db.execute(
                    f"SELECT j.value, count(*) FROM entries, json_each(entries.{column}) AS j "
                    f"WHERE {where} GROUP BY j.value",
                    span,
                ).fetchall()
            )

        relationships = dict(
            self._db.execute(
                f"SELECT relationship, count(*) FROM entries WHERE {where} AND relationship IS NOT NULL "
                "GROUP BY relationship",
                span,
            ).fetchall()
        )
        people = dict(
            self._db.execute(
                f"SELECT min(who), count(*) FROM entries WHERE {where} AND who != '' "
                "GROUP BY lower(who) ORDER BY count(*) DESC, min(who) LIMIT 10",
                span,
            ).fetchall()
        )
        away = "(withdrawal = 1 OR sabotage = 1)"
        row = self._db.execute(
            f"SELECT coalesce(sum({away}), 0), coalesce(sum({away} AND close_before = 1), 0), "
            f"coalesce(sum(close_before = 1 AND NOT {away}), 0), coalesce(sum(stayed_close = 1), 0), "
            f"coalesce(sum(stayed_close = 1 AND close_before = 1), 0) FROM entries WHERE {where}",
            span,
        ).fetchone()
        return PatternSource(
            days=self._week_month_totals(f"({scanned})", scanned_span, by_month=by_month),
            behaviours=each("behaviours"),
            stayed=each("stayed"),
            fears=each("fears"),
            relationships=relationships,
            kinds=each("kinds"),
            people=people,
            closeness=ClosenessCounts(*row),
        )

    @reading
    def recent_checkins(self, since: date, until: date) -> CheckinCounts:
        """What the check-ins of [since, until] hold for the day's deeper prompt (private ones
        included, the trash not): how many, each fear's count, and the days of staying close.
        One query, aggregated in SQL."""
        from closeness_journal.core.prompts import CheckinCounts  # the prompt library: not for an export

        where, span = _range(since, until, include_private=True)
        fears: dict[str, int] = {}
        checkins = stayed_days = 0
        for kind, slug, count in self._db.execute(
            f"SELECT 'fear', j.value, count(*) FROM entries, json_each(entries.fears) AS j WHERE {where} "
            "GROUP BY j.value "
            f"UNION ALL SELECT 'entries', '', count(*) FROM entries WHERE {where} "
            "UNION ALL SELECT 'stayed', '', count(DISTINCT local_date) FROM entries "
            f"WHERE {where} AND stayed_close = 1",
            span * 3,
        ):
            if kind == "fear":
                fears[slug] = count
            elif kind == "entries":
                checkins = count
            else:
                stayed_days = count
        return CheckinCounts(checkins=checkins, fears=fears, stayed_days=stayed_days)


PART_DAYS = 240
"""Days with entries a query of `pattern_source_in_steps` reads at most (about; a month is never cut)."""
_PLANNED = "predicted IS NOT NULL AND outcome IS NOT NULL"
_DAY_COLUMNS = (
    ("local_date", "local_date"), ("entries", "count(*)"), ("withdrawal", "sum(withdrawal)"),
    ("sabotage", "sum(sabotage)"), ("intensity_sum", "coalesce(sum(intensity), 0)"),
    ("intensity_count", "count(intensity)"), ("small_steps", "sum(small_step != '')"),
    ("planned_steps", f"sum({_PLANNED})"),
    ("predicted_sum", f"coalesce(sum(CASE WHEN {_PLANNED} THEN predicted END), 0)"),
    ("outcome_sum", f"coalesce(sum(CASE WHEN {_PLANNED} THEN outcome END), 0)"),
    ("stayed", "sum(stayed_close)"), ("urge_sum", "coalesce(sum(urge), 0)"), ("urge_count", "count(urge)"),
    ("acted_yes", "count(CASE WHEN acted = 'yes' THEN 1 END)"),
    ("acted_partly", "count(CASE WHEN acted = 'partly' THEN 1 END)"),
    ("acted_no", "count(CASE WHEN acted = 'no' THEN 1 END)"), ("days", "1"),
)
"""A day's sums, in `DayTotals`' order: (name, SQL)."""
_DAY_SUMS = (
    "SELECT " + ", ".join(f"{sql} AS {name}" for name, sql in _DAY_COLUMNS)
    + " FROM entries WHERE {where} GROUP BY local_date"
)
_WEEK_NUMBER = "CAST((julianday(local_date) - julianday('0001-01-01')) / 7 AS INTEGER)"
"""Weeks counted from Monday 1 January of year 1 (so every week runs Monday to Sunday, as ISO weeks do)."""
_MONTH = "substr(local_date, 1, 7)"


_KEPT_DAY_SUMS = (
    "SELECT local_date, " + ", ".join(f"sum({name}) AS {name}" for name, _ in _DAY_COLUMNS[1:-1]) + ", 1 AS days"
    + " FROM pattern_days WHERE local_date BETWEEN ? AND ?{private} AND entries > 0 GROUP BY local_date"
)
"""A day's sums, in `DayTotals`' order, from the sums kept per day and privacy (`pattern_sums.py`)."""


def _day_sums(
    since: date, until: date, include_private: bool, changed_since: datetime | None = None, scanned: bool = False
) -> tuple[str, list[str]]:
    """The query of the day sums over [since, until] (one row per day with entries) and its
    parameters: from the kept sums, or from the entries (`changed_since`, and `scanned`)."""
    if changed_since is None and not scanned:
        return _KEPT_DAY_SUMS.format(private="" if include_private else " AND private = 0"), [
            since.isoformat(), until.isoformat()]
    where, span = _range(since, until, include_private, changed_since)
    return _DAY_SUMS.format(where=where), span


def _range(
    since: date, until: date, include_private: bool, changed_since: datetime | None = None
) -> tuple[str, list[str]]:
    """The WHERE clause (outside the trash, within the days, private or not, changed after a moment
    or not) and its parameters."""
    where = "deleted_at IS NULL AND local_date BETWEEN ? AND ?" + ("" if include_private else " AND private = 0")
    if changed_since is None:
        return where, [since.isoformat(), until.isoformat()]
    moment = changed_since.isoformat()
    return f"{where} AND {changed_since_sql()}", [since.isoformat(), until.isoformat(), moment, moment]
