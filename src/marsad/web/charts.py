"""A story's volume over time as a small server-rendered bar chart (numbers only).

Articles per day between the story's first and last publication day; long stories are
binned by week so a card never holds more than ``MAX_BARS`` bars. Time runs right to
left like the page and the story timeline. The template draws ``<rect>``s from these
numbers (no script, no inline style: the CSP allows neither).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.arabic.counting import count_phrase

WIDTH = 160
HEIGHT = 36
MAX_BARS = 40


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str  # "2023-08-08: 3 مقالات"


@dataclass(slots=True)
class Volume:
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    peak: int = 0
    days: int = 0


def volume(per_day: list[tuple[str, int]]) -> Volume:
    """Bars for (ISO day, articles) pairs; empty when none is dated."""
    counts: dict[date, int] = {}
    for day, n in per_day:
        try:
            d = date.fromisoformat(day[:10])
        except ValueError:
            continue
        counts[d] = counts.get(d, 0) + n
    chart = Volume()
    if not counts:
        return chart
    first, last = min(counts), max(counts)
    chart.days = (last - first).days + 1
    step = 1 if chart.days <= MAX_BARS else 7
    bins: list[tuple[date, int]] = []
    d = first
    while d <= last:
        bins.append((d, sum(counts.get(d + timedelta(days=i), 0) for i in range(step))))
        d += timedelta(days=step)
    chart.peak = max(n for _, n in bins)
    slot = WIDTH / max(len(bins), 7)  # a two-day story still draws slim bars
    for i, (start, n) in enumerate(bins):
        h = 0.0 if n == 0 else max(2.0, (HEIGHT - 2) * n / chart.peak)
        when = start.isoformat()
        if step > 1:
            when += "/" + (start + timedelta(days=step - 1)).isoformat()
        title = f"{when}: {count_phrase(n, 'article')}"
        chart.bars.append(Bar(WIDTH - (i + 1) * slot + slot * 0.1, HEIGHT - h, slot * 0.8, h, title))
    return chart
