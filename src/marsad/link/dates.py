"""Partial ISO dates as the linkers read them: "2023-08-08", "2023-08", "2023", ranges.

The reading itself is ``marsad.model.PartialDate``'s (one type for times and events); these
are its forms for the plain strings the linkers hold.
"""

from __future__ import annotations

from datetime import date

from marsad.model import PartialDate


def date_interval(
    value: str | None, precision: str | None, end: str | None = None
) -> tuple[date, date] | None:
    """The days a date of some precision may denote (``PartialDate.interval``)."""
    partial = PartialDate.of(value, precision, end)
    return partial.interval() if partial else None


def middle_day(value: str | None) -> date | None:
    """The middle day of what a partial date denotes ("2023-08" → 2023-08-16)."""
    partial = PartialDate.of(value)
    return partial.middle() if partial else None
