"""Publication dates as found in metadata, normalized to ISO 8601; never guessed.

A value that names only a day becomes ``YYYY-MM-DD``; one with a time of day becomes a full
ISO datetime (with its offset when the value carries one). Anything we cannot read exactly
returns ``None``: the caller records the raw value so nothing is lost.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from marsad.arabic.normalize import to_western_digits

_DAY_ONLY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_SLASHED_YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(.*)$")
# Years outside this window in a news record are a parsing accident, not a date.
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def normalize_published(value: object) -> str | None:
    """ISO form of a metadata date (ISO / RFC 2822 / ``YYYY/MM/DD`` / epoch seconds)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if isinstance(value, datetime):
        return _iso(value, with_time=True)
    if isinstance(value, date):
        return value.isoformat() if _MIN_YEAR <= value.year <= _MAX_YEAR else None
    if not isinstance(value, str):
        return None
    text = to_western_digits(value).strip()
    if not text:
        return None
    slashed = _SLASHED_YMD.match(text)
    if slashed:
        year, month, day, rest = slashed.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}{rest}"
    if _DAY_ONLY.match(text):
        year, month, day = (int(part) for part in text.split("-"))
        try:
            return _iso(datetime(year, month, day), with_time=False)
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return _iso(parsed, with_time=True)


def from_struct_time(value: time.struct_time | None) -> str | None:
    """feedparser's ``*_parsed`` fields (UTC struct_time) as an ISO datetime."""
    if value is None:
        return None
    try:
        return _iso(datetime(*value[:6], tzinfo=UTC), with_time=True)
    except (TypeError, ValueError):
        return None


def day_of(iso: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of an ISO date or datetime."""
    return iso[:10] if iso else None


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds, as JavaScript writes them
        seconds /= 1000
    try:
        return _iso(datetime.fromtimestamp(seconds, tz=UTC), with_time=True)
    except (OverflowError, OSError, ValueError):
        return None


def _iso(moment: datetime, *, with_time: bool) -> str | None:
    if not _MIN_YEAR <= moment.year <= _MAX_YEAR:
        return None
    if not with_time:
        return moment.date().isoformat()
    return moment.isoformat()
