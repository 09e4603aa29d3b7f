"""Hijri ↔ Gregorian conversion.

Saudi and Gulf outlets date by the Umm al-Qura calendar (the official Saudi calendar), so we
use it rather than the tabular (arithmetic) Islamic calendar, which drifts from Umm al-Qura
by a day or two. The tables come from ``hijridate`` (MIT licence; no data download at run
time). Umm al-Qura covers Hijri 1343–1500 (1924–2077 CE); outside it we return None with a
reason instead of guessing.
"""

from __future__ import annotations

from datetime import date

from hijridate import Gregorian, Hijri


class CalendarError(ValueError):
    """A Hijri date that does not exist or lies outside the Umm al-Qura tables."""


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of an Umm al-Qura Hijri date; raises CalendarError with the reason."""
    try:
        return _as_date(Hijri(year, month, day))
    except (ValueError, OverflowError) as error:
        raise CalendarError(f"no Hijri date {year}-{month:02d}-{day:02d}: {error}") from error


def _as_date(hijri: Hijri) -> date:
    g = hijri.to_gregorian()
    return date(g.year, g.month, g.day)


def hijri_month_length(year: int, month: int) -> int:
    try:
        return Hijri(year, month, 1).month_length()
    except (ValueError, OverflowError) as error:
        raise CalendarError(f"no Hijri month {year}-{month:02d}: {error}") from error


def hijri_month_span(year: int, month: int) -> tuple[date, date]:
    """First and last Gregorian day of a Hijri month."""
    return hijri_to_gregorian(year, month, 1), hijri_to_gregorian(
        year, month, hijri_month_length(year, month)
    )


def hijri_year_span(year: int) -> tuple[date, date]:
    """First and last Gregorian day of a Hijri year."""
    return hijri_to_gregorian(year, 1, 1), hijri_month_span(year, 12)[1]


def gregorian_to_hijri(day: date) -> tuple[int, int, int]:
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError) as error:
        raise CalendarError(f"{day.isoformat()} is outside the Umm al-Qura tables") from error
    return h.year, h.month, h.day
