"""Time expressions: find them in cleaned Arabic text and resolve them to ISO values.

Every expression becomes a ``TimeExpr`` with an exact span into the cleaned text. Matching
runs on the ``normalize``d text (folded alef/ya/ta marbuta, Western digits, no diacritics or
tatweel) and spans are mapped back with ``normalize_with_map``.

Conventions (see also EXPORT.md):

- Dates: value "2023-08-08" precision "day"; "2023-08" "month"; "2023" "year".
- Ranges ("يومي 22 و23 تموز", "بين 2014 و2017", "الأسبوع الماضي"): kind "range", precision
  "range", value = first day/month/year, end_value = last. A week is Monday–Sunday (ISO).
- Vague parts and seasons ("مطلع 2022", "منتصف الشهر", "صيف 2014"): the unit they qualify at
  its own precision (value "2022" precision "year"; "2023-08" "month"), resolution "vague",
  and the part in ``note`` ("early", "mid", "late", "summer"…). We never invent a day.
- Durations ("على مدار يومين", "الأشهر الستة الماضية"): kind "duration", value an ISO 8601
  duration ("P2D", "P6M"), precision None.
- Relative expressions resolve against the article's publication date only, the way Arabic
  news uses them: a bare weekday is the most recent such day on or before publication;
  "الخميس الماضي" the most recent strictly before; "المقبل" the next strictly after. A day and
  month without a year take the year that puts the date nearest to publication (ties go to
  the past; a weekday written beside it picks among candidates). "العام ذاته/نفسه" is the
  last year explicitly mentioned before it. Without a publication date the value is None
  and ``note`` says why; the machine clock is never used.
- Hijri dates are converted to Gregorian with the Umm al-Qura calendar (arabic/calendars).
- Impossible dates ("31 شباط", "عام 20233") keep their text with value None and the reason
  in ``note``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from marsad.arabic.calendars import (
    CalendarError,
    gregorian_to_hijri,
    hijri_month_span,
    hijri_to_gregorian,
    hijri_year_span,
)
from marsad.arabic.clitics import PROCLITIC_BOUNDARY, PROCLITIC_LETTERS
from marsad.arabic.months import (
    AMBIGUOUS,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    WEEKDAYS,
    month_number,
    month_pattern,
)
from marsad.arabic.normalize import DIACRITICS, TATWEEL, normalize_with_map
from marsad.arabic.ordinals import (
    CARDINALS,
    DAY_ORDINALS,
    cardinal_pattern,
    cardinal_value,
    day_ordinal_pattern,
    day_ordinal_value,
)
from marsad.model import AnalyzedArticle, Precision, TimeExpr

NO_ANCHOR = "relative expression and no publication date to resolve it against"

# ---------------------------------------------------------------- regex building blocks
# Left boundary: start of a word, or right after a one-letter proclitic (the clitic table's).
L = PROCLITIC_BOUNDARY
R = r"(?!\w)"
M = f"(?:{month_pattern()})"
MG = rf"(?:{M})(?:(?:\s*[/(\-]\s*|\s+)(?:{M})(?:\s*\))?)?"  # "تموز/ يوليو", "آب (أغسطس)", "يوليو/تموز"
HM = "(?:" + "|".join(n.replace(" ", r"\s+") for n in sorted(HIJRI_MONTHS, key=len, reverse=True)) + ")"
_WD_ALL = sorted(WEEKDAYS, key=len, reverse=True)
WD = "(?:" + "|".join(w for w in _WD_ALL if w.startswith("ال")) + ")"
WD_AFTER_YAWM = "(?:" + "|".join(_WD_ALL) + ")"
DAYN = rf"(?:(?:ال\s?)?\d{{1,2}}(?!\d)|{day_ordinal_pattern()})"
CARD = cardinal_pattern()
YEAR = r"\d{4,5}(?!\d)(?:\s*م(?!\w)|\s*ميلادي(?:ه)?(?!\w))?"
HSUF = r"(?:\s*ه(?!\w)|\s*هجري(?:ه)?(?!\w)|\s*للهجره(?!\w))"
REL_M = r"(?:الماضي|المنصرم|الفائت|السابق|الجاري|الحالي|المقبل|القادم)"
YREL = (
    r"(?:هذا\s+العام|هذه\s+السنه|العام\s+(?:الجاري|الحالي|الماضي|المنصرم|الفائت|المقبل|القادم|ذاته|نفسه)"
    r"|السنه\s+(?:الجاريه|الحاليه|الماضيه|المقبله|القادمه|ذاتها|نفسها)|نفس\s+العام)"
)
PART = r"(?:مطلع|اوائل|بدايه|بدء|مستهل|مطالع|منتصف|اواسط|وسط|اواخر|نهايه|اخر|ختام|اخريات)"
SEASON = r"(?:صيف|شتاء|ربيع|خريف)"
UNIT = (
    r"(?:ال)?(?:يوم|يومين|يوما|ايام|اسبوع|اسبوعين|اسبوعا|اسابيع|شهر|شهرين|شهرا|اشهر|شهور|عام|عامين|عاما|اعوام"
    r"|سنه|سنتين|سنوات|سنين|ساعه|ساعتين|ساعات|عقد|عقدين|عقود)"
)
# "العام الدراسي" (school year), "العام المالي" (fiscal), "العام الهجري": not calendar years.
NOT_CALENDAR = r"(?!\s+(?:الدراسي|المالي|الهجري|الجديد))"
YEAR_CTX = r"(?:(?:(?:ال)?عام|سنه|لعام|العامين|عامي)(?:\s+(?:الماضي|الجاري|الحالي|المقبل|القادم|المنصرم))?)"

PART_NOTE = {
    **dict.fromkeys(("مطلع", "اوائل", "بدايه", "بدء", "مستهل", "مطالع"), "early"),
    **dict.fromkeys(("منتصف", "اواسط", "وسط"), "mid"),
    **dict.fromkeys(("اواخر", "نهايه", "اخر", "ختام", "اخريات"), "late"),
}
SEASON_NOTE = {"صيف": "summer", "شتاء": "winter", "ربيع": "spring", "خريف": "autumn"}

# Words after a four-digit number that make it a count, not a year ("2000 جندي").
COUNT_NEXT = frozenset(
    """
    جندي جنود عسكري عسكريين شخص اشخاص مواطن مواطنا طالب طالبه طلاب دولار ريال درهم دينار جنيه يورو
    طن كيلو كيلومتر كم متر مترا برميل موظف موظفا عامل عاملا حاله مقاتل مسلح قتيل جريح مصاب سائح حاج
    حاجا معتمر وحده منزل سرير مشروع شركه مدرسه فرصه وظيفه الف مليون مليار ساعه دقيقه صوت مقعد مرشح
    نسمه عنصر عنصرا قطعه سياره طائره صاروخ ميغاواط ميجاواط لاجي لاجئ نازح اسره عائله فرد حالات شخصا
    جنديا طفل طفلا امراه رجل مريض مريضا زائر زائرا نقطه نقاط موقع موقعا منشاه مبنى مسجد هكتار قدم
    """.split()  # noqa: SIM905
)
COUNT_PREV = frozenset(
    """
    نحو حوالي قرابه زهاء اكثر اقل يقارب بلغ بلغت اجمالي عدد مجموع رقم بنحو بحوالي
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class _Resolved:
    value: str | None
    precision: str | None
    end_value: str | None = None
    kind: str = "date"
    resolution: str = "explicit"
    note: str | None = None


class _Context:
    """What resolution needs beyond the match: the anchor and the last explicit year."""

    def __init__(self, published: str | None) -> None:
        self.anchor = _parse_anchor(published)
        self.last_year: int | None = None


Handler = Callable[[re.Match[str], _Context], "_Resolved | None"]


def _parse_anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _month_in(text: str) -> int | None:
    found = re.search(M, text)
    return month_number(found.group(0)) if found else None


def _day(text: str) -> int | None:
    text = text.strip().removeprefix("ال").strip()
    return int(text) if text.isdigit() else day_ordinal_value(text)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else None


def _bad_year(year: int) -> str | None:
    if year < 1000 or year > 2200:
        return f"implausible year {year}"
    return None


def _invalid(note: str) -> _Resolved:
    return _Resolved(None, None, note=note)


def _unanchored(precision: str | None = None, kind: str = "date") -> _Resolved:
    return _Resolved(None, precision, kind=kind, resolution="relative", note=NO_ANCHOR)


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _rel_word(word: str | None) -> str | None:
    """Fold a relative modifier to "past", "current", "next" or "same"."""
    if not word:
        return None
    w = word.split()[-1]
    if w.startswith(("الماضي", "المنصرم", "الفائت", "السابق")):
        return "past"
    if w.startswith(("الجاري", "الحالي", "هذا", "هذه")):
        return "current"
    if w.startswith(("المقبل", "القادم")):
        return "next"
    if w.startswith(("ذات", "نفس")):
        return "same"
    return None


def _year_of_rel(rel: str, ctx: _Context) -> tuple[int | None, str | None]:
    """Year meant by "هذا العام", "العام الماضي", "العام ذاته"… and a reason when none."""
    if rel == "same":
        if ctx.last_year is None:
            return None, "'the same year' with no year mentioned before it"
        return ctx.last_year, None
    if ctx.anchor is None:
        return None, NO_ANCHOR
    return ctx.anchor.year + {"past": -1, "current": 0, "next": 1}[rel], None


def _month_rel_year(month: int, rel: str | None, anchor: date) -> int:
    """Year of a month name read relative to publication ("يونيو الماضي", bare "أبريل")."""
    if rel == "past":
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "current":
        return anchor.year
    # bare: the occurrence nearest publication, ties to the past
    options = [
        (abs((y * 12 + month) - (anchor.year * 12 + anchor.month)), y > anchor.year, y)
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    return min(options)[2]


def _nearest_year(month: int, day: int, anchor: date, weekday: int | None) -> int | None:
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        value = _day_value(y, month, day)
        if value is None:
            continue
        d = date.fromisoformat(value)
        if weekday is not None and d.weekday() != weekday:
            continue
        candidates.append((abs((d - anchor).days), d > anchor, y))
    return min(candidates)[2] if candidates else None


def _weekday_of(text: str | None) -> int | None:
    if not text:
        return None
    for name in _WD_ALL:
        if re.search(rf"(?<!\w){name}(?!\w)", text):
            return WEEKDAYS[name]
    return None


# ---------------------------------------------------------------- handlers
def _numeric(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
        if mo > 12 and d <= 12:  # month/day/year, as some agencies write it
            mo, d = d, mo
    else:
        y, mo, d = int(m.group("y2")), int(m.group("mo2")), int(m.group("d2"))
    if m.group("suf") or 1300 <= y <= 1500:  # a Hijri date ("1436/10/15 هـ")
        try:
            g = hijri_to_gregorian(y, mo, d)
        except CalendarError as error:
            return _invalid(str(error))
        return _Resolved(g.isoformat(), "day", note=f"Hijri {y}-{mo:02d}-{d:02d} (Umm al-Qura)")
    if (reason := _bad_year(y)) is not None:
        return _invalid(reason)
    value = _day_value(y, mo, d)
    return _Resolved(value, "day") if value else _invalid(f"no such date {y}-{mo}-{d}")


def _hijri_day_number(text: str) -> int | None:
    text = text.strip()
    return 1 if text in ("غره", "مستهل") else _day(text)


def _hijri_year_near(month: int, day: int, rel: str | None, anchor: date) -> int:
    """Hijri year of a day and month written without one, read against publication."""
    hy, hm, _hd = gregorian_to_hijri(anchor)
    if rel == "past":
        return hy if month < hm else hy - 1
    if rel == "next":
        return hy if month > hm else hy + 1
    if rel == "current":
        return hy
    options = []
    for y in (hy - 1, hy, hy + 1):
        try:
            g = hijri_to_gregorian(y, month, min(day, 29))
        except CalendarError:
            continue
        options.append((abs((g - anchor).days), g > anchor, y))
    return min(options)[2] if options else hy


def _hijri_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    day = _hijri_day_number(m.group("d"))
    month = HIJRI_MONTHS[" ".join(m.group("hm").split())]
    year = _year(m.group("y"))
    resolution = "explicit"
    if day is None:
        return None
    if year is None:
        if ctx.anchor is None:
            return _unanchored("day")
        year = _hijri_year_near(month, day, _rel_word(m.group("rel")), ctx.anchor)
        resolution = "relative"
    try:
        g = hijri_to_gregorian(year, month, day)
    except CalendarError as error:
        return _invalid(str(error))
    note = f"Hijri {year}-{month:02d}-{day:02d} (Umm al-Qura)"
    return _Resolved(g.isoformat(), "day", resolution=resolution, note=note)


def _hijri_range(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    month = HIJRI_MONTHS[" ".join(m.group("hm").split())]
    if d2 <= d1:
        return None
    year = _year(m.group("y"))
    resolution = "explicit"
    if year is None:
        if ctx.anchor is None:
            return _Resolved(None, None, kind="range", resolution="relative", note=NO_ANCHOR)
        year = _hijri_year_near(month, d1, _rel_word(m.group("rel")), ctx.anchor)
        resolution = "relative"
    try:
        first, last = hijri_to_gregorian(year, month, d1), hijri_to_gregorian(year, month, d2)
    except CalendarError as error:
        return _invalid(str(error))
    return _Resolved(
        first.isoformat(), "range", last.isoformat(), "range", resolution, f"Hijri {year}-{month:02d}"
    )


def _hijri_month(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    month = HIJRI_MONTHS[" ".join(m.group("hm").split())]
    year = int(m.group("y"))
    try:
        first, last = hijri_month_span(year, month)
    except CalendarError as error:
        return _invalid(str(error))
    return _Resolved(
        first.isoformat(), "range", last.isoformat(), "range", note=f"Hijri month {year}-{month:02d}"
    )


def _hijri_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    return _hijri_year_span(int(m.group("y")))


# Years read as Hijri when written bare after "عام"/"لعام" (see ``_year_bare``).
HIJRI_YEARS = (1300, 1500)


def _hijri_year_span(year: int) -> _Resolved | None:
    try:
        first, last = hijri_year_span(year)
    except CalendarError as error:
        return _invalid(str(error))
    return _Resolved(first.isoformat(), "range", last.isoformat(), "range", note=f"Hijri year {year}")


def _resolve_day_month(
    day: int, month: int, year: int | None, rel: str | None, weekday: int | None, ctx: _Context
) -> tuple[str | None, str, str | None]:
    """(value, resolution, note) for a day and month with an optional year."""
    if _day_value(2000, month, day) is None:  # 2000 is a leap year: only impossible days fail
        return None, "explicit", f"no day {day} in month {month}"
    if year is not None:
        if (reason := _bad_year(year)) is not None:
            return None, "explicit", reason
        value = _day_value(year, month, day)
        return value, "explicit", None if value else f"no day {day} in {year}-{month:02d}"
    if ctx.anchor is None:
        return None, "relative", NO_ANCHOR
    if rel is not None:
        return (
            _day_value(_month_rel_year(month, rel, ctx.anchor), month, day),
            "relative",
            "year from publication",
        )
    y = _nearest_year(month, day, ctx.anchor, weekday)
    if y is None:
        y = _nearest_year(month, day, ctx.anchor, None)
        return (
            _day_value(y, month, day) if y else None,
            "relative",
            "weekday does not match; year nearest publication",
        )
    return _day_value(y, month, day), "relative", "year from publication"


def _day_month(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    day, month = _day(m.group("d")), _month_in(m.group("mg"))
    if day is None or month is None:
        return None
    ambiguous = _ambiguous(m.group("mg"))
    if ambiguous and not (m.group("y") or m.group("rel") or m.group("wd")):
        return None
    year = _year(m.group("y"))
    rel = _rel_word(m.group("rel"))
    value, resolution, note = _resolve_day_month(day, month, year, rel, _weekday_of(m.group("wd")), ctx)
    return _Resolved(value, "day" if value else None, resolution=resolution, note=note)


def _day_range(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    month2 = _month_in(m.group("mg"))
    month1 = _month_in(m.group("mg1")) if m.groupdict().get("mg1") else month2
    if month1 is None or month2 is None or (month1 == month2 and d2 <= d1):
        return None
    year = _year(m.group("y"))
    end, resolution, note = _resolve_day_month(d2, month2, year, None, None, ctx)
    if end is None:
        return _Resolved(None, None, kind="range", resolution=resolution, note=note)
    end_date = date.fromisoformat(end)
    start_year = end_date.year if month1 <= month2 else end_date.year - 1
    start = _day_value(start_year, month1, d1)
    if start is None:
        return _Resolved(None, None, kind="range", note=f"no day {d1} in month {month1}")
    return _Resolved(start, "range", end, "range", resolution, note)


def _month_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    month, year = _month_in(m.group("mg")), _year(m.group("y"))
    if month is None or year is None:
        return None
    if (reason := _bad_year(year)) is not None:
        return _invalid(reason)
    months = [month_number(name) for name in re.findall(M, m.group("mg"))]
    if len(months) == 2 and months[1] is not None and months[1] != month:
        # "شهري يونيو - يوليو 2015": two different months are a range, not a paired name
        first_year = year if months[1] > month else year - 1
        return _Resolved(f"{first_year:04d}-{month:02d}", "range", f"{year:04d}-{months[1]:02d}", "range")
    part = m.groupdict().get("part")
    note = PART_NOTE.get(part) if part else None
    return _Resolved(
        f"{year:04d}-{month:02d}", "month", resolution="vague" if note else "explicit", note=note
    )


def _month_rel(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    month = _month_in(m.group("mg"))
    if month is None:
        return None
    part = m.groupdict().get("part")
    note = PART_NOTE.get(part) if part else None
    if m.group("yrel"):
        year, reason = _year_of_rel(_rel_word(m.group("yrel")) or "current", ctx)
        if year is None:
            return _Resolved(None, "month", resolution="relative", note=reason)
        return _Resolved(f"{year:04d}-{month:02d}", "month", resolution="relative", note=note)
    rel = _rel_word(m.group("rel"))
    if rel is None and _ambiguous(m.group("mg")) and not m.group("shahr"):
        return None
    if ctx.anchor is None:
        return _unanchored("month")
    year = _month_rel_year(month, rel, ctx.anchor)
    return _Resolved(f"{year:04d}-{month:02d}", "month", resolution="relative", note=note)


def _part_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    year = int(m.group("y")[:5].rstrip("مي ").strip()) if m.group("y") else None
    year = _year(m.group("y"))
    if year is None:
        return None
    if (reason := _bad_year(year)) is not None:
        return _invalid(reason)
    word = m.group("part")
    note = PART_NOTE.get(word) or SEASON_NOTE.get(word)
    return _Resolved(f"{year:04d}", "year", resolution="vague", note=note)


def _part_rel(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    note = PART_NOTE[m.group("part")]
    unit = m.group("unit")
    rel = _rel_word(m.group("rel")) or "current"
    if unit in ("العام", "السنه"):
        year, reason = _year_of_rel(rel, ctx)
        if year is None:
            return _Resolved(None, "year", resolution="relative", note=reason)
        return _Resolved(f"{year:04d}", "year", resolution="vague", note=note)
    if ctx.anchor is None:
        return _unanchored("month")
    index = (
        ctx.anchor.year * 12 + ctx.anchor.month - 1 + {"past": -1, "current": 0, "next": 1, "same": 0}[rel]
    )
    return _Resolved(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", resolution="vague", note=note)


# The months a season covers in the northern hemisphere (winter counted from December).
_SEASON_MONTHS = {"الصيف": (6, 8), "الربيع": (3, 5), "الخريف": (9, 11), "الشتاء": (12, 14)}


def _season_rel(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """ "الصيف الماضي" → the last summer over before publication, as a year (vague)."""
    season = m.group("season")
    rel = _rel_word(m.group("rel"))
    if ctx.anchor is None:
        return _unanchored("year")
    first, last = _SEASON_MONTHS[season]
    month = ctx.anchor.month if ctx.anchor.month >= 3 or season != "الشتاء" else ctx.anchor.month + 12
    year = ctx.anchor.year if season != "الشتاء" or ctx.anchor.month >= 3 else ctx.anchor.year - 1
    if rel == "past":
        year = year if month > last else year - 1
    elif rel == "next":
        year = year if month < first else year + 1
    return _Resolved(f"{year:04d}", "year", resolution="relative", note=SEASON_NOTE[season[2:]])


def _day_rel_month(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """ "الثاني عشر من الشهر الجاري": a day of the publication month (or the one before/after)."""
    day = _day(m.group("d"))
    if day is None:
        return None
    if ctx.anchor is None:
        return _unanchored("day")
    shift = {"past": -1, "next": 1}.get(_rel_word(m.group("rel")) or "current", 0)
    index = ctx.anchor.year * 12 + ctx.anchor.month - 1 + shift
    value = _day_value(index // 12, index % 12 + 1, day)
    if value is None:
        return _invalid(f"no day {day} in {index // 12}-{index % 12 + 1:02d}")
    return _Resolved(value, "day", resolution="relative")


def _year_range(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not (1900 <= y1 < y2 <= 2100):
        return None
    return _Resolved(f"{y1:04d}", "range", f"{y2:04d}", "range")


def _rel_unit(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    unit = m.group("unit")
    rel = _rel_word(m.group("rel")) or _rel_word(m.group("mod"))
    if rel is None:
        return None
    if unit in ("العام", "السنه"):
        year, reason = _year_of_rel(rel, ctx)
        if year is None:
            return _Resolved(None, "year", resolution="relative", note=reason)
        return _Resolved(f"{year:04d}", "year", resolution="relative")
    if rel == "same":
        return None  # "الشهر ذاته" needs a month context we do not track
    if ctx.anchor is None:
        return _unanchored()
    shift = {"past": -1, "current": 0, "next": 1}[rel]
    if unit == "الشهر":
        index = ctx.anchor.year * 12 + ctx.anchor.month - 1 + shift
        return _Resolved(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", resolution="relative")
    monday = ctx.anchor - timedelta(days=ctx.anchor.weekday()) + timedelta(weeks=shift)
    return _Resolved(
        monday.isoformat(), "range", (monday + timedelta(days=6)).isoformat(), "range", "relative", "ISO week"
    )


_DAY_SHIFT = {"امس": -1, "البارحه": -1, "اليوم": 0, "غدا": 1, "غد": 1}


def _rel_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    word = " ".join(m.group("w").split())
    if word.startswith("اول") or word in ("امس الاول", "البارحه الاولي"):
        shift = -2
    elif word.startswith("بعد"):
        shift = 2
    else:
        shift = _DAY_SHIFT[word]
    if ctx.anchor is None:
        return _unanchored("day")
    day = ctx.anchor + timedelta(days=shift)
    weekday = _weekday_of(m.group("wd"))
    if weekday is not None and weekday != day.weekday():
        # The weekday is written; the publication date is often the day the page was
        # fetched, a day or two late. Trust the weekday: its latest date on or before.
        day -= timedelta(days=(day.weekday() - weekday) % 7)
        return _Resolved(day.isoformat(), "day", resolution="relative", note="weekday written beside it")
    return _Resolved(day.isoformat(), "day", resolution="relative")


def _count(text: str | None, unit: str) -> int | None:
    if (unit.endswith(("ين", "تين")) and not unit.startswith(("سن", "ال"))) or unit in (
        "يومين",
        "اسبوعين",
        "شهرين",
        "عامين",
        "سنتين",
        "ساعتين",
        "عقدين",
    ):
        return 2
    if not text:
        return 1 if unit.lstrip("ال") in ("يوم", "اسبوع", "شهر", "عام", "سنه", "ساعه", "عقد") else None
    text = text.strip()
    return int(text) if text.isdigit() else cardinal_value(text)


def _unit_letter(unit: str) -> tuple[str, int]:
    u = unit[2:] if unit.startswith("ال") else unit
    if u.startswith(("يوم", "ايام")):
        return "D", 1
    if u.startswith(("اسبوع", "اسابيع")):
        return "W", 1
    if u.startswith(("شهر", "اشهر", "شهور")):
        return "M", 1
    if u.startswith(("ساع",)):
        return "H", 1
    if u.startswith(("عقد", "عقود")):
        return "Y", 10
    return "Y", 1


def _ago(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    unit = m.group("unit")
    n = _count(m.group("n"), unit)
    if n is None:
        return None
    letter, factor = _unit_letter(unit)
    if letter == "H":
        return None
    sign = 1 if m.group("lead") == "بعد" else -1
    if ctx.anchor is None:
        return _unanchored()
    n *= factor * sign
    a = ctx.anchor
    if letter == "D":
        return _Resolved((a + timedelta(days=n)).isoformat(), "day", resolution="relative")
    if letter == "W":
        return _Resolved(
            (a + timedelta(weeks=n)).isoformat(), "day", resolution="relative", note="approximate"
        )
    if letter == "M":
        index = a.year * 12 + a.month - 1 + n
        return _Resolved(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", resolution="relative")
    return _Resolved(f"{a.year + n:04d}", "year", resolution="relative")


def _offset(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """ "بعد ذلك بعامين": years after the year last mentioned."""
    unit = m.group("unit")
    n = _count(m.group("n"), unit)
    letter, factor = _unit_letter(unit)
    if n is None or letter != "Y":
        return None
    if ctx.last_year is None:
        return _Resolved(None, "year", note="offset from a year that was not mentioned")
    return _Resolved(f"{ctx.last_year + n * factor:04d}", "year", note="offset from the year last mentioned")


def _weekday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    weekday = _weekday_of(m.group("wd"))
    if weekday is None:
        return None
    if ctx.anchor is None:
        return _unanchored("day")
    rel = _rel_word(m.group("rel"))
    back = (ctx.anchor.weekday() - weekday) % 7
    if rel == "past" and back == 0:
        back = 7
    if rel == "next":
        ahead = (weekday - ctx.anchor.weekday()) % 7 or 7
        return _Resolved((ctx.anchor + timedelta(days=ahead)).isoformat(), "day", resolution="relative")
    return _Resolved((ctx.anchor - timedelta(days=back)).isoformat(), "day", resolution="relative")


def _duration(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    unit = m.group("unit")
    written = m.group("n") or m.group("n2")
    n = _count(written, unit)
    if n is None:
        return None
    # Without a lead word ("على مدار", "لمدة", "خلال") only "الأشهر الستة الماضية" reads as a
    # duration; a bare "عامين" is too often an offset ("بعد ذلك بعامين") or a count.
    if not m.group("lead") and not (unit.startswith("ال") and m.group("tail") and written):
        return None
    if written is None and (unit.startswith("ال") or m.group("tail")):
        return None  # "خلال العام الماضي" is a time, not a length of time
    letter, factor = _unit_letter(unit)
    iso = f"PT{n}H" if letter == "H" else f"P{n * factor}{letter}"
    return _Resolved(iso, None, kind="duration", resolution="explicit")


def _year_bare(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    year = int(re.match(r"\d+", m.group("y")).group(0))  # type: ignore[union-attr]
    strong = bool(m.group("ctx"))
    # "لعام 1436", "العام الحالي 1436": a year of 1300–1500 in news written since 1900 is a
    # Hijri year, unless it says "م"/"ميلادي"
    modern = ctx.anchor is None or ctx.anchor.year >= 1900
    if strong and modern and HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1] and not m.group("y")[4:].strip():
        return _hijri_year_span(year)
    if not strong:
        if not 1900 <= year <= 2100:
            return None
        text = m.string
        before = text[max(0, m.start() - 20) : m.start()].split()
        after = text[m.end() : m.end() + 20].split()
        if before and before[-1] in COUNT_PREV:
            return None
        if after:
            nxt = after[0].strip("،,.")
            if nxt.startswith("%") or nxt in COUNT_NEXT or (nxt[:1] in "وبل" and nxt[1:] in COUNT_NEXT):
                return None
        if re.match(r"\s*[%٪]", text[m.end() :]):
            return None
    if (reason := _bad_year(year)) is not None or len(str(year)) > 4:
        return _invalid(reason or f"implausible year {year}")
    return _Resolved(f"{year:04d}", "year")


def _ambiguous(month_group: str) -> bool:
    """A lone month name that is also a common word ("مارس", "آب"); a pair is never ambiguous."""
    return len(re.findall(M, month_group)) == 1 and normalize_key(month_group) in AMBIGUOUS


def normalize_key(text: str) -> str:
    found = re.match(M, text)
    return found.group(0) if found else ""


# ---------------------------------------------------------------- the pattern table
def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    (
        "numeric",
        _c(
            L + r"(?:(?P<d>\d{1,2})\s?[/.\-]\s?(?P<mo>\d{1,2})\s?[/.\-]\s?(?P<y>\d{4,5})"
            r"|(?P<y2>\d{4,5})\s?[/.\-]\s?(?P<mo2>\d{1,2})\s?[/.\-]\s?(?P<d2>\d{1,2}))(?![\d/.\-]\d)"
            + rf"(?P<suf>{HSUF})?"
        ),
        _numeric,
    ),
    (
        "hijri_range",
        _c(
            L + rf"(?:(?:من|بين|يومي)\s+)?(?P<d1>\d{{1,2}})\s*(?:و|الي|حتي|-|–|وحتي|والي)\s*"
            rf"(?P<d2>\d{{1,2}})\s+"
            rf"(?:من\s+)?(?:شهر\s+)?(?P<hm>{HM})(?:\s+المبارك)?"
            rf"(?:\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<y>\d{{4}})(?!\d){HSUF}?|\s+(?P<rel>{REL_M}))?{R}"
        ),
        _hijri_range,
    ),
    (
        "hijri_day",
        _c(
            L
            + rf"(?:(?:يوم\s+)?{WD}\s*[،,]?\s*(?:الموافق|الموالفق)?\s*)?(?P<d>{DAYN}|غره|مستهل)\s*(?:من\s+)?"
            rf"(?:شهر\s+)?(?P<hm>{HM})(?:\s+المبارك)?"
            rf"(?:\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<y>\d{{4}})(?!\d)(?P<suf>{HSUF})?|\s+(?P<rel>{REL_M}))?{R}"
        ),
        _hijri_day,
    ),
    (
        "hijri_month",
        _c(L + rf"(?:شهر\s+)?(?P<hm>{HM})\s+(?:من\s+)?(?:عام\s+)?(?P<y>1[34]\d\d){HSUF}?{R}"),
        _hijri_month,
    ),
    ("hijri_year", _c(L + rf"(?:عام\s+|العام\s+|سنه\s+)?(?P<y>1[34]\d\d){HSUF}"), _hijri_year),
    (
        "day_range_cross",
        _c(
            L + rf"(?:(?:يومي|من|بين|منذ)\s+)?(?P<d1>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<mg1>{MG})"
            rf"\s*(?:و|الي|حتي|-|–|لغايه|ولغايه|وحتي|والي)\s*(?P<d2>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<mg>{MG})"
            rf"(?:\s*[,،]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>{YEAR}))?"
        ),
        _day_range,
    ),
    (
        "day_range",
        _c(
            L
            + rf"(?:(?:يومي|من|بين|ايام)\s+)?(?P<d1>\d{{1,2}})\s*(?:و|الي|حتي|-|–|لغايه|ولغايه|وحتي|والي)\s*"
            rf"(?P<d2>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<mg>{MG})"
            rf"(?:\s*[,،]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>{YEAR}))?"
        ),
        _day_range,
    ),
    (
        "day_month",
        _c(
            L + rf"(?:(?P<wd>(?:يوم\s+)?{WD}|يوم\s+{WD_AFTER_YAWM})\s*[،,]?\s*"
            r"(?:الموافق\s+|المقبل\s+|الماضي\s+)?)?"
            rf"(?P<d>{DAYN})\s*[\-/]?\s*(?:من\s+)?(?:شهر\s+)?(?P<mg>{MG})"
            rf"(?:\s*[\-/,،]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>{YEAR})|\s+(?P<rel>{REL_M}))?{R}"
        ),
        _day_month,
    ),
    (
        "month_year",
        _c(
            L + rf"(?:(?P<part>{PART})\s+)?(?:شهري?\s+)?(?P<mg>{MG})"
            r"\s*[\-/,،]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*"
            rf"(?P<y>{YEAR})"
        ),
        _month_year,
    ),
    (
        "month_rel",
        _c(
            L + rf"(?:(?P<part>{PART})\s+)?(?P<shahr>شهر\s+)?(?P<mg>{MG})"
            rf"(?:\s+(?P<rel>{REL_M})|\s+(?:من\s+|في\s+)(?P<yrel>{YREL}))?{R}"
        ),
        _month_rel,
    ),
    (
        "part_year",
        _c(L + rf"(?P<part>{PART}|{SEASON})\s+(?:(?:ال)?عام\s+|سنه\s+)?(?P<y>{YEAR})"),
        _part_year,
    ),
    (
        "part_rel",
        _c(
            L + rf"(?P<part>{PART})\s+(?P<unit>العام|السنه|الشهر){NOT_CALENDAR}"
            r"(?:\s+(?P<rel>الماضي|الماضيه|المنصرم|الجاري|الجاريه|الحالي|الحاليه|المقبل|المقبله|القادم|القادمه"
            r"|ذاته|ذاتها|نفسه|نفسها))?" + R
        ),
        _part_rel,
    ),
    (
        "year_range",
        _c(
            L
            + r"(?:(?:بين|من)\s+(?:عامي\s+|العامين\s+|عام\s+)?|عامي\s+|الفتره\s+(?:من|بين)\s+)?(?P<y1>\d{4})"
            r"(?!\d)\s*(?:-|–|/|الي|حتي|و|وحتي|والي)\s*(?:عام\s+)?(?P<y2>\d{4})(?!\d)"
        ),
        _year_range,
    ),
    (
        "season_rel",
        _c(
            L + r"(?:فصل\s+)?(?P<season>الصيف|الشتاء|الربيع|الخريف)\s+"
            r"(?P<rel>الماضي|المنصرم|الفائت|الجاري|الحالي|المقبل|القادم)" + R
        ),
        _season_rel,
    ),
    (
        "day_rel_month",
        _c(L + rf"(?P<d>{DAYN})\s+(?:من\s+)?(?:هذا\s+الشهر|الشهر\s+(?P<rel>{REL_M}))" + R),
        _day_rel_month,
    ),
    (
        "rel_unit",
        _c(
            L
            + r"(?P<mod>(?:هذا|هذه)\s+)?(?P<unit>العام|السنه|الشهر|الاسبوع)"
            + NOT_CALENDAR
            + r"(?:\s+(?P<rel>الماضي|الماضيه|المنصرم|المنصرمه|الفائت|الجاري|الجاريه|الحالي|الحاليه"
            r"|المقبل|المقبله|القادم|القادمه|ذاته|ذاتها|نفسه|نفسها))?" + R
        ),
        _rel_unit,
    ),
    (
        "rel_day",
        _c(
            L + r"(?:(?:صباح|مساء|ظهر|فجر|ليله|ليل|عصر|ظهيره)\s+)?"
            r"(?P<w>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|البارحه\s+الاولي|بعد\s+غد|امس|البارحه"
            r"|اليوم(?!\s+(?:الوطني|العالمي|الدولي|الاول|الثاني|الثالث|التالي|السابق|الذي|التي|نفسه|ذاته|الاخير"
            r"|المفتوح|الدراسي|الواحد|الختامي|الرابع|الخامس))|غدا)"
            + R
            + rf"(?:\s*[،,]?\s*\(?\s*(?P<wd>{WD})(?:\s*\))?)?"
        ),
        _rel_day,
    ),
    (
        "ago",
        _c(
            L + r"(?P<lead>قبل|منذ|بعد)\s+(?:(?:نحو|حوالي|قرابه|زهاء)\s+)?"
            rf"(?:(?P<n>\d{{1,3}}|{CARD})\s+)?(?P<unit>(?!ال){UNIT}){R}(?!\s*\d)"
        ),
        _ago,
    ),
    (
        "offset",
        _c(L + rf"بعد\s+ذلك\s+ب(?:(?P<n>\d{{1,3}}|{CARD})\s+)?(?P<unit>{UNIT}){R}"),
        _offset,
    ),
    (
        "weekday",
        _c(
            L + rf"(?:يوم\s+)?(?P<wd>{WD}|(?<=يوم\s){WD_AFTER_YAWM})"
            rf"(?:\s+(?P<rel>الماضي|المقبل|القادم|المنصرم))?{R}"
        ),
        _weekday,
    ),
    (
        "duration",
        _c(
            L + r"(?:(?P<lead>علي\s+(?:مدار|مدي|امتداد)|طوال|طيله|لمده|مده|خلال|في\s+غضون|غضون)\s+)?"
            rf"(?:(?P<n>\d{{1,3}}|{CARD})\s+)?(?P<unit>{UNIT}){R}(?!\s*\d)(?:\s+(?P<n2>{CARD}){R})?"
            r"(?:\s+(?P<tail>الماضيه|الماضي|الاخيره|الاخير|المقبله|القادمه|المقبل|القادم|المنصرمه|السابقه)(?!\w))?"
        ),
        _duration,
    ),
    (
        "year",
        _c(L + rf"(?P<ctx>{YEAR_CTX}\s*)?(?P<y>\d{{4,5}}(?!\d)(?:\s*م(?!\w)|\s*ميلادي(?:ه)?(?!\w))?)"),
        _year_bare,
    ),
]
_PRIORITY = {name: i for i, (name, _, _) in enumerate(RULES)}


# ---------------------------------------------------------------- where a rule can start
# Every rule starts with L, so a match starts at the first letter of a word of the normalized
# text or right after a one-letter proclitic there. What a rule can start with is a short
# list of words (a digit, a month, a preposition…): ``_STARTS`` gives, per rule, a regex that
# matches the beginning of every word a match of that rule can start in (generous: it only
# has to accept those). Each distinct word is checked once per process against all rules, so
# an article costs one pass over its words, and a rule is tried only at the words it can
# start in instead of at every character (most rules find no such word in most articles).
# The matches are exactly those of ``finditer`` (``tests/test_times.py`` compares both).
def _first_words(names: Iterable[str]) -> str:
    return "|".join(sorted({n.split()[0] for n in names}, key=len, reverse=True))


_DAYN_START = rf"ال(?:$|\d)|\d|(?:ال)?(?:{_first_words(DAY_ORDINALS)})"
_CARD_START = rf"(?:ال)?(?:{_first_words(CARDINALS)})"
_M_START = _first_words(GREGORIAN_MONTHS)
_HM_START = _first_words(HIJRI_MONTHS)
_STARTS: dict[str, str] = {
    "numeric": r"\d",
    "hijri_range": r"من|بين|يومي|\d",
    "hijri_day": rf"يوم|{WD}|{_DAYN_START}|غره|مستهل",
    "hijri_month": rf"شهر|{_HM_START}",
    "hijri_year": r"عام|العام|سنه|\d",
    "day_range_cross": r"يومي|من|بين|منذ|\d",
    "day_range": r"يومي|من|بين|ايام|\d",
    "day_month": rf"يوم|{WD}|{_DAYN_START}",
    "month_year": rf"{PART}|شهر|{_M_START}",
    "month_rel": rf"{PART}|شهر|{_M_START}",
    "part_year": rf"{PART}|{SEASON}",
    "part_rel": PART,
    "year_range": r"بين|من|عامي|الفتره|\d",
    "season_rel": r"فصل|الصيف|الشتاء|الربيع|الخريف",
    "day_rel_month": _DAYN_START,
    "rel_unit": r"هذا|هذه|العام|السنه|الشهر|الاسبوع",
    "rel_day": r"صباح|مساء|ظهر|فجر|ليله|ليل|عصر|ظهيره|اول|امس|البارحه|بعد|اليوم|غدا",
    "ago": r"قبل|منذ|بعد",
    "offset": r"بعد",
    "weekday": rf"يوم|{WD_AFTER_YAWM}",
    "duration": rf"علي|طوال|طيله|لمده|مده|خلال|في|غضون|\d|{_CARD_START}|{UNIT}",
    "year": r"(?:ال)?عام|سنه|لعام|\d",
}
# A word that every match of the rule contains, checked on the whole text first (hijri months).
_NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("hijri_range", "hijri_day", "hijri_month"), tuple(_HM_START.split("|"))),
    "day_rel_month": ("الشهر",),
    "offset": ("ذلك",),
}
_START_PATTERNS = [re.compile(f"(?:{_STARTS[name]})") for name, _, _ in RULES]
_WORD = re.compile(r"\w+")
_PROCLITIC_LETTERS = frozenset(PROCLITIC_LETTERS)


@lru_cache(maxsize=1 << 16)
def _rule_starts(word: str) -> tuple[tuple[int, int], ...]:
    """(rule index, offset) for every rule a match of which can start in ``word``: at its
    first letter (offset 0) or after its one-letter proclitic (offset 1)."""
    found = [(i, 0) for i, start in enumerate(_START_PATTERNS) if start.match(word)]
    if len(word) > 1 and word[0] in _PROCLITIC_LETTERS:
        found += [(i, 1) for i, start in enumerate(_START_PATTERNS) if start.match(word, 1)]
    return tuple(found)


def _rule_matches(norm: str) -> list[list[re.Match[str]]]:
    """Per rule of ``RULES``, its non-empty matches in ``norm`` as ``finditer`` gives them."""
    starts: list[list[int]] = [[] for _ in RULES]
    for word in _WORD.finditer(norm):
        at = word.start()
        for i, offset in _rule_starts(word.group()):
            starts[i].append(at + offset)  # in increasing order: words in order, 0 before 1
    out: list[list[re.Match[str]]] = []
    for (name, pattern, _handler), positions in zip(RULES, starts, strict=True):
        needs = _NEEDS.get(name)
        found: list[re.Match[str]] = []
        if positions and (needs is None or any(word in norm for word in needs)):
            end = 0
            for at in positions:  # as finditer: the leftmost match, then on from its end
                if at >= end and (m := pattern.match(norm, at)) and m.end() > at:
                    found.append(m)
                    end = m.end()
        out.append(found)
    return out


def find_times(
    text: str,
    published: str | None,
    article_id: str = "",
    normalized: tuple[str, list[int]] | None = None,
) -> list[TimeExpr]:
    """Every time expression in ``text`` with its value resolved against ``published``
    (``normalized``: ``normalize_with_map(text)`` when the caller already has it)."""
    norm, index = normalized if normalized is not None else normalize_with_map(text)
    candidates: list[tuple[int, int, int, re.Match[str], Handler]] = []
    for priority, ((_name, _pattern, handler), matches) in enumerate(
        zip(RULES, _rule_matches(norm), strict=True)
    ):
        candidates.extend((m.start(), m.end(), priority, m, handler) for m in matches)
    # Longest first, then rule order; keep those that do not overlap a kept one.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, re.Match[str], Handler]] = []
    ctx = _Context(published)
    for start, end, _p, m, handler in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        # the handler may reject (a count, an ambiguous word); resolution is done in order later
        probe = _Context(None)
        probe.anchor, probe.last_year = ctx.anchor, 2000
        if handler(m, probe) is None:
            continue
        taken.append((start, end))
        chosen.append((start, end, m, handler))
    out: list[TimeExpr] = []
    for start, end, m, handler in sorted(chosen, key=lambda c: c[0]):
        r = handler(m, ctx)
        if r is None:
            continue
        s, e = index[start], index[end - 1] + 1
        while e < len(text) and (text[e] == TATWEEL or DIACRITICS.match(text[e])):
            e += 1  # keep the tatweel of "هـ" and trailing harakat inside the span
        out.append(
            TimeExpr(
                article=article_id,
                start=s,
                end=e,
                text=text[s:e],
                value=r.value,
                precision=Precision(r.precision) if r.precision else None,
                end_value=r.end_value,
                kind=r.kind,
                resolution=r.resolution,
                note=r.note,
            )
        )
        if (
            r.value
            and r.resolution in ("explicit", "vague")
            and r.kind != "duration"
            and r.value[:4].isdigit()
        ):
            ctx.last_year = int((r.end_value or r.value)[:4])
    return out


class TimeAnnotator:
    name = "times"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("times",)

    def annotate(self, doc: AnalyzedArticle) -> None:
        doc.times.extend(find_times(doc.text, doc.article.published, doc.article.id, doc.document.normalized))


def build(profile: str) -> TimeAnnotator:
    """The same rules serve both profiles: they are fast and need no model."""
    return TimeAnnotator()
