"""Lay out a story's timeline for server-side SVG.

Each event is placed by its date *at the precision it is known*: a day is a point, a month
or a year is a band covering the whole period, a range covers its two ends. Saying
"August 2023" as a point on 1 August would claim a precision the sources do not give.
Time runs right to left, like the Arabic page. The template draws the marks; this module
only computes numbers and plain labels (escaped by Jinja like any other text).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from marsad.arabic.labels import label as ar_label

WIDTH = 800
MARGIN = 40
LANE_HEIGHT = 34
AXIS_HEIGHT = 36
LABEL_ROOM = 96  # horizontal room a label needs before another mark can share its lane

_PART = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")

MONTHS_AR = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]


def _bounds(value: str) -> tuple[date, date] | None:
    """First and last day a (partial) ISO date covers."""
    m = _PART.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            month = int(m.group(2))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def period(value: str | None, precision: str | None, end: str | None = None) -> tuple[date, date] | None:
    """The days an event date covers; ``None`` when it has no usable date.

    ``end`` is the last day of a range kept apart from ``value`` (``date_end``).
    """
    if not value:
        return None
    if end and "/" not in value:
        value = f"{value}/{end}"
    if "/" in value:  # ISO interval "2023-08-07/2023-08-09"
        a, _, b = value.partition("/")
        first, last = _bounds(a), _bounds(b)
        if first and last:
            return first[0], max(first[1], last[1])
        return first or last
    found = _bounds(value)
    if found and precision == "decade":
        start = date(found[0].year - found[0].year % 10, 1, 1)
        return start, date(start.year + 9, 12, 31)
    return found


def date_label(value: str | None, precision: str | None, end: str | None = None) -> str:
    """How a date reads to an analyst, saying its precision ("أغسطس 2023" for a month)."""
    if not value:
        return "بلا تاريخ"
    found = period(value, precision, end)
    if found is None:
        return value
    first, last = found
    if first == last:
        return f"{first.day} {MONTHS_AR[first.month - 1]} {first.year}"
    if first.day == 1 and first.month == last.month and first.year == last.year:
        return f"{MONTHS_AR[first.month - 1]} {first.year}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.year == last.year and first.month == last.month:
        return f"{first.day}–{last.day} {MONTHS_AR[first.month - 1]} {first.year}"
    return f"{first.isoformat()} – {last.isoformat()}"


@dataclass(slots=True)
class Mark:
    event: str
    label: str
    title: str
    x: float
    width: float  # 0 for a point
    lane: int
    precision: str
    count: int = 1  # events sharing this exact period

    @property
    def is_band(self) -> bool:
        return self.width > 0

    @property
    def y(self) -> float:
        return AXIS_HEIGHT + self.lane * LANE_HEIGHT + 8

    @property
    def label_inside(self) -> bool:
        """A wide band carries its label inside; points and narrow bands beside them."""
        return self.width > LABEL_ROOM

    @property
    def label_x(self) -> float:
        if self.label_inside:
            return self.x + self.width - 6
        if self.x - 9 - LABEL_ROOM < 0:  # no room on the left edge: write it on the right
            return self.x + self.width + 9
        return self.x - 9

    @property
    def label_anchor(self) -> str:
        return "start" if not self.label_inside and self.x - 9 - LABEL_ROOM < 0 else "end"


@dataclass(slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Timeline:
    width: int = WIDTH
    height: int = AXIS_HEIGHT + LANE_HEIGHT
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    undated: list[dict[str, Any]] = field(default_factory=list)


def layout(events: list[dict[str, Any]]) -> Timeline:
    """Marks for events ({id, type, date, date_precision}); undated ones listed apart."""
    timeline = Timeline()
    placed: list[tuple[dict[str, Any], date, date]] = []
    for e in events:
        found = period(e.get("date"), e.get("date_precision"), e.get("date_end"))
        if found is None:
            timeline.undated.append(e)
        else:
            placed.append((e, *found))
    if not placed:
        return timeline
    lo = min(p[1] for p in placed)
    hi = max(p[2] for p in placed) + timedelta(days=1)  # end-exclusive: a day has width
    if (hi - lo).days < 7:  # a few days of news still get a readable scale
        pad = (7 - (hi - lo).days) // 2 + 1
        lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    span_days = (hi - lo).days
    usable = WIDTH - 2 * MARGIN

    def x_of(d: date) -> float:
        # right to left: the earliest day is at the right edge
        return WIDTH - MARGIN - usable * (d - lo).days / span_days

    # Events covering exactly the same period share one mark ("3 events: CONSULT, AID"):
    # a dozen month-precision events of August are one band, not a dozen lanes.
    groups: dict[tuple[date, date], list[dict[str, Any]]] = {}
    for e, first, last in sorted(placed, key=lambda p: (p[1], p[2], p[0]["id"])):
        groups.setdefault((first, last), []).append(e)
    lanes: list[float] = []  # per lane, the smallest x already taken (we fill leftwards)
    for (first, last), members in groups.items():
        e = members[0]
        right = x_of(first)
        left = x_of(last + timedelta(days=1))
        precision = e.get("date_precision") or ("day" if first == last else "range")
        is_point = first == last
        x, width = (right, 0.0) if is_point else (left, right - left)
        needs_right = right + (6 if is_point else 0)
        lane = next((i for i, taken in enumerate(lanes) if needs_right <= taken), None)
        if lane is None:
            lanes.append(0.0)
            lane = len(lanes) - 1
        label_free = width > LABEL_ROOM
        lanes[lane] = left if label_free else min(left - LABEL_ROOM, right - LABEL_ROOM)
        codes = list(dict.fromkeys(m.get("type") or "?" for m in members))
        types = [ar_label("event_type", c) for c in codes]
        when = date_label(e.get("date"), e.get("date_precision"), e.get("date_end"))
        if len(members) == 1:
            label = types[0]
        else:
            shown = "، ".join(types[:3]) + ("، …" if len(types) > 3 else "")
            label = f"{len(members)} × {shown}" if label_free else f"{len(members)} ×"
        title = f"{'، '.join(types)} ({', '.join(codes)}) — {when}"
        timeline.marks.append(Mark(e["id"], label, title, x, width, lane, precision, len(members)))
    timeline.height = AXIS_HEIGHT + max(1, len(lanes)) * LANE_HEIGHT + 12
    timeline.ticks = _ticks(lo, hi, x_of)
    return timeline


def _ticks(lo: date, hi: date, x_of: Any) -> list[Tick]:
    days = (hi - lo).days
    ticks: list[Tick] = []
    if days <= 62:
        step = max(1, days // 8)
        d = lo
        while d <= hi:
            ticks.append(Tick(x_of(d), f"{d.day} {MONTHS_AR[d.month - 1]}"))
            d += timedelta(days=step)
    elif days <= 3 * 366:
        step = max(1, days // 240)  # months between ticks
        y, m = lo.year, lo.month
        i = 0
        while date(y, m, 1) <= hi:
            if date(y, m, 1) >= lo and i % step == 0:
                ticks.append(Tick(x_of(date(y, m, 1)), f"{MONTHS_AR[m - 1]} {y}"))
            i += 1
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        for y in range(lo.year + 1, hi.year + 1):
            ticks.append(Tick(x_of(date(y, 1, 1)), str(y)))
    return ticks
