"""Datelines: a line at the top of an article that is only its date.

"11 أغسطس 2023", "08-أغسطس-2023", "2023/8/8", "٨/٨/٢٠٢٣", "الثلاثاء 8 أغسطس 2023",
"الأحد، 3 كانون الثاني 2021 - 10:30 ص", "بغداد - 8 آب/ أغسطس 2023". A line counts only when
the date is (nearly) all it holds: a weekday, a time, a place of at most a few words and
words such as "نشر في" may stand beside it; a sentence that merely mentions a date does not.
"""

from __future__ import annotations

import re
from datetime import date

from marsad.arabic.months import HIJRI_MONTHS, WEEKDAYS, month_number, month_pattern
from marsad.arabic.normalize import normalize, to_western_digits

_MONTH = month_pattern()
_SEP = r"[\s\-/.،,]*"
# "8 أغسطس 2023", "8 آب/ أغسطس 2023", "8 آب (أغسطس) 2023", "08-أغسطس-2023"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}}){_SEP}(?P<m>{_MONTH})(?:\s*[/(]\s*(?:{_MONTH})\s*\)?)?{_SEP}(?P<y>\d{{4}})(?!\d)"
)
# "أغسطس 8، 2023"
_MONTH_DAY_YEAR = re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}){_SEP}(?P<y>\d{{4}})(?!\d)")
_YMD = re.compile(r"(?<!\d)(?P<y>\d{4})[/\-.](?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<y>\d{4})(?!\d)")

_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|صباحا|مساء|am|pm)?", re.IGNORECASE)
_HIJRI = re.compile(
    r"\d{1,2}\s*(?:" + "|".join(sorted(HIJRI_MONTHS, key=len, reverse=True)) + r")\s*\d{4}\s*(?:ه|هـ)?"
)
_FILLER = frozenset(
    normalize(w)
    for w in (
        "نشر",
        "نشرت",
        "في",
        "بتاريخ",
        "تاريخ",
        "النشر",
        "آخر",
        "تحديث",
        "اخر",
        "محدث",
        "م",
        "هـ",
        "ه",
        "الموافق",
        "يوم",
        "ميلادي",
        "هجري",
        "منذ",
        "التوقيت",
        "بتوقيت",
        "غرينتش",
        "مكة",
        "المكرمة",
        "gmt",
        "ص",
        "صباحا",
        "مساء",
        "am",
        "pm",
        "-",
    )
)
_MAX_PLACE_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def parse_dateline(line: str) -> str | None:
    """The ISO date a dateline line states, or None when the line is not a dateline."""
    text = to_western_digits(normalize(line)).strip()
    if not text or len(text) > 80 or text.endswith(("؟", "?", "!")):
        return None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _YMD, _DMY):
        m = pattern.search(text)
        if m is None:
            continue
        iso = _valid(m.group("y"), m.group("m"), m.group("d"))
        if iso is None:
            return None
        rest = text[: m.start()] + " " + text[m.end() :]
        return iso if _only_dateline_words(rest) else None
    return None


def _valid(year: str, month: str, day: str) -> str | None:
    m = int(month) if month.isdigit() else month_number(month)
    if m is None:
        return None
    try:
        d = date(int(year), m, int(day))
    except ValueError:
        return None
    return d.isoformat() if 1900 <= d.year <= 2100 else None


def _only_dateline_words(rest: str) -> bool:
    """Whether what is left beside the date is weekday, time, Hijri date, filler or a place."""
    rest = _HIJRI.sub(" ", _TIME.sub(" ", rest))
    others = [w for w in _WORD.findall(rest) if w not in WEEKDAYS and w not in _FILLER]
    if any(ch.isdigit() for ch in rest):
        return False
    return len(others) <= _MAX_PLACE_WORDS
