"""Month and weekday names as Arabic news writes them.

Egypt and the Gulf use transliterated Gregorian names (يناير…ديسمبر); the Levant and Iraq
use Syriac-derived names (كانون الثاني…كانون الأول); many outlets pair them ("تموز/ يوليو",
"آب (أغسطس)"). Maghrebi outlets use French-derived forms (جانفي، فيفري، ماي، جوان، جويلية،
أوت). Hijri month names are listed separately. Keys are in ``normalize``d form.
"""

from __future__ import annotations

from marsad.arabic.normalize import normalize

_GREGORIAN_SPELLINGS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "ينايِر"),
    2: ("فبراير", "فبرير", "شباط", "فيفري"),
    3: ("مارس", "آذار", "اذار"),
    4: ("أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"),
    5: ("مايو", "مايس", "أيار", "ايار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "جويليه"),
    8: ("أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت", "غشت"),
    9: ("سبتمبر", "أيلول", "ايلول", "شتنبر"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "أكتوبر"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "دجنبر"),
}

# Names that are also ordinary words need context before they are read as months:
# "اب" (father), "ماي", "مارس" (to practise). Callers require a day or year beside them.
AMBIGUOUS = frozenset(normalize(w) for w in ("آب", "اب", "ماي", "مارس", "أيار"))

GREGORIAN_MONTHS: dict[str, int] = {
    normalize(name): number for number, names in _GREGORIAN_SPELLINGS.items() for name in names
}

HIJRI_MONTHS: dict[str, int] = {
    normalize(name): number
    for number, names in {
        1: ("محرم",),
        2: ("صفر",),
        3: ("ربيع الأول", "ربيع الاول", "ربيع أول"),
        4: ("ربيع الآخر", "ربيع الثاني", "ربيع الاخر", "ربيع ثاني"),
        5: ("جمادى الأولى", "جمادى الاولى", "جمادى الأول", "جمادي الاولى"),
        6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الاخرة", "جمادي الاخرة"),
        7: ("رجب",),
        8: ("شعبان",),
        9: ("رمضان",),
        10: ("شوال",),
        11: ("ذو القعدة", "ذي القعدة"),
        12: ("ذو الحجة", "ذي الحجة"),
    }.items()
    for name in names
}

WEEKDAYS: dict[str, int] = {  # Python's weekday(): Monday = 0
    normalize(name): number
    for number, names in {
        0: ("الاثنين", "الإثنين", "اثنين"),
        1: ("الثلاثاء", "ثلاثاء"),
        2: ("الأربعاء", "الاربعاء", "أربعاء"),
        3: ("الخميس", "خميس"),
        4: ("الجمعة", "جمعة"),
        5: ("السبت", "سبت"),
        6: ("الأحد", "الاحد", "أحد"),
    }.items()
    for name in names
}


def month_number(name: str) -> int | None:
    """The Gregorian month a name (any spelling, with or without diacritics) denotes."""
    key = " ".join(normalize(name).split())
    if key in GREGORIAN_MONTHS:
        return GREGORIAN_MONTHS[key]
    # proclitic forms: "وأغسطس", "بأغسطس", "لشهر"
    if len(key) > 3 and key[0] in "وبلف" and key[1:] in GREGORIAN_MONTHS:
        return GREGORIAN_MONTHS[key[1:]]
    return None


def month_pattern() -> str:
    """A regex alternation of every Gregorian month spelling (normalized), longest first.

    Match it against ``normalize``d text (or use ``normalize_with_map`` to map spans back).
    """
    names = sorted(GREGORIAN_MONTHS, key=len, reverse=True)
    return "|".join(n.replace(" ", r"\s+") for n in names)
