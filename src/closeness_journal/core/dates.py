"""Reading the dates people type, and the ISO weeks the journal groups by."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The days the journal works with: wide enough for any life, and well inside what date
arithmetic a week or a month either side can reach (year 1 and 9999 make it overflow)."""


class BadDate(ValueError):
    """A date that could not be read; the message says what form is expected."""


def check_day(day: date) -> date:
    """`day`, or BadDate when it lies outside FIRST_DAY to LAST_DAY."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadDate(f"{day} is outside the days the journal works with ({FIRST_DAY.year} to {LAST_DAY.year})")
    return day


def parse_date(text: str, today: date) -> date:
    """Read `YYYY-MM-DD`, `today` or `yesterday`."""
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise BadDate(
            f"{text!r} is not a date I can read; use YYYY-MM-DD, 'today' or 'yesterday'"
        ) from None
    return check_day(day)


def local_day(moment: datetime, zone: tzinfo | None = None) -> date:
    """The calendar day it is on your own clock at `moment` (a timezone-aware time). Entries and
    weeks use this day, so a week runs Monday to Sunday where you are, whatever the clocks do."""
    return moment.astimezone(zone).date()


def long_date(day: date) -> str:
    """`Wednesday 18 November 2026` (no platform-specific strftime flags)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """`18 Nov 2026`."""
    return f"{day.day} {day:%b %Y}"


def week_start(day: date) -> date:
    """The Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())


def last_complete_week(today: date) -> date:
    """The Monday of the most recent week that has fully ended."""
    return today - timedelta(days=today.weekday() + 7)


def iso_week_label(day: date) -> str:
    """`2026-W47` for any day in that ISO week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
