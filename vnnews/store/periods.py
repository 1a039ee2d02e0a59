"""Calendar periods: the day span of a date value, and timeline buckets."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import Enum

_PART = re.compile(r"^(?P<year>\d{4})(?:-(?P<sub>\d{2}|Q[1-4]|H[12]|W\d{2})(?:-(?P<day>\d{2}))?)?(?:T.*)?$")


class Interval(str, Enum):
    """Timeline bucket size."""

    day = "day"
    week = "week"
    month = "month"


def _bounds(part: str) -> tuple[date, date] | None:
    match = _PART.match(part)
    if match is None:
        return None  # "XXXX-H1" and other values with an unknown year have no place on a calendar
    year, sub, day = int(match["year"]), match["sub"], match["day"]
    try:
        if sub is None:
            return date(year, 1, 1), date(year, 12, 31)
        if sub[0] == "Q":
            first = 3 * (int(sub[1]) - 1) + 1
            return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        if sub[0] == "H":
            return (date(year, 1, 1), date(year, 6, 30)) if sub == "H1" else (date(year, 7, 1), date(year, 12, 31))
        if sub[0] == "W":
            monday = date.fromisocalendar(year, int(sub[1:]), 1)
            return monday, monday + timedelta(days=6)
        month = int(sub)
        if day is not None:
            one = date(year, month, int(day))
            return one, one
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None  # an impossible date such as 2021-02-30 or week 60


def period_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day covered by a date value: "2021-06" -> (2021-06-01, 2021-06-30); ranges "A/B" span both."""
    if not value:
        return None
    first, _, last = value.partition("/")
    start = _bounds(first)
    end = _bounds(last) if last else start
    if start is None or end is None or end[1] < start[0]:
        return None
    return start[0], end[1]


def bucket_start(day: date, interval: Interval) -> date:
    """First day of the bucket holding `day` (weeks start on Monday, ISO 8601)."""
    if interval is Interval.week:
        return day - timedelta(days=day.weekday())
    if interval is Interval.month:
        return day.replace(day=1)
    return day


def next_bucket(start: date, interval: Interval) -> date:
    if interval is Interval.week:
        return start + timedelta(days=7)
    if interval is Interval.month:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def bucket_label(start: date, interval: Interval) -> str:
    """"2026-03-07", "2026-W10" or "2026-03"."""
    if interval is Interval.week:
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if interval is Interval.month:
        return start.strftime("%Y-%m")
    return start.isoformat()


def published_date(published_at: str | None) -> str | None:
    """The calendar day of an ISO timestamp as the site printed it (its own offset), or None."""
    if not published_at or not re.match(r"^\d{4}-\d{2}-\d{2}", published_at):
        return None
    try:
        return date.fromisoformat(published_at[:10]).isoformat()
    except ValueError:
        return None
