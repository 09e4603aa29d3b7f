"""Partial ISO dates as the linkers read them: "2023-08-08", "2023-08", "2023", ranges.

A date known only to the month or year stands for every day in it (``date_interval``);
where one day must stand for it, its middle does (``middle_day``).
"""

from __future__ import annotations

from datetime import date, timedelta


def date_interval(
    value: str | None, precision: str | None, end: str | None = None
) -> tuple[date, date] | None:
    """The days a date of some precision may denote: "2023-08" → Aug 1..31; a range from
    its start to ``end`` (or written as an ISO 8601 interval "2023-08-07/2023-08-08")."""
    if not value:
        return None
    if end:
        a, b = date_interval(value, None), date_interval(end, None)
        return (a[0], b[1]) if a and b and a[0] <= b[1] else a
    try:
        if "/" in value:
            lo, hi = value.split("/", 1)
            a, b = date_interval(lo, None), date_interval(hi, None)
            return (a[0], b[1]) if a and b else None
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def middle_day(value: str | None) -> date | None:
    """The middle day of what a partial date denotes ("2023-08" → 2023-08-16)."""
    interval = date_interval(value, None)
    if interval is None:
        return None
    return interval[0] + (interval[1] - interval[0]) // 2
