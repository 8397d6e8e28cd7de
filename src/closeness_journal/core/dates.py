"""Reading the dates people type, and the ISO weeks the journal groups by."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo


class BadDate(ValueError):
    """A date that could not be read; the message says what form is expected."""


def parse_date(text: str, today: date) -> date:
    """Read `YYYY-MM-DD`, `today` or `yesterday`."""
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise BadDate(
            f"{text!r} is not a date I can read; use YYYY-MM-DD, 'today' or 'yesterday'"
        ) from None


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


def iso_week_label(day: date) -> str:
    """`2026-W47` for any day in that ISO week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
