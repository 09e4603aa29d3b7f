"""Small Arabic number words, as dates and durations use them.

Day ordinals ("الحادي والعشرين من يوليو") and cardinals up to twelve for durations
("ستة أشهر", "الأشهر الستة الماضية"). Large figures belong to ``arabic/numbers.py``. Keys are
in ``normalize``d form, without the article "ال".
"""

from __future__ import annotations

from marsad.arabic.normalize import normalize

_UNITS_ORDINAL = {
    1: ("اول", "حادي", "اولي"),
    2: ("ثاني", "ثانيه"),
    3: ("ثالث", "ثالثه"),
    4: ("رابع", "رابعه"),
    5: ("خامس", "خامسه"),
    6: ("سادس", "سادسه"),
    7: ("سابع", "سابعه"),
    8: ("ثامن", "ثامنه"),
    9: ("تاسع", "تاسعه"),
    10: ("عاشر", "عاشره"),
}
_TENS = {20: ("عشرين",), 30: ("ثلاثين",)}

CARDINALS: dict[str, int] = {
    normalize(word): n
    for n, words in {
        1: ("واحد", "واحدة"),
        2: ("اثنان", "اثنين", "اثنتين", "اثنتان"),
        3: ("ثلاثة", "ثلاث"),
        4: ("أربعة", "أربع"),
        5: ("خمسة", "خمس"),
        6: ("ستة", "ست"),
        7: ("سبعة", "سبع"),
        8: ("ثمانية", "ثماني", "ثمان"),
        9: ("تسعة", "تسع"),
        10: ("عشرة", "عشر"),
        11: ("أحد عشر", "إحدى عشرة"),
        12: ("اثني عشر", "اثنا عشر", "اثنتي عشرة"),
    }.items()
    for word in words
}


def _ordinals() -> dict[str, int]:
    table: dict[str, int] = {}
    for n, forms in _UNITS_ORDINAL.items():
        for form in forms:
            if n != 1 or form != "حادي":
                table[form] = n
            if n < 10:
                table[f"{form} عشر"] = 10 + n
                table[f"{form} عشره"] = 10 + n
                for tens, tens_forms in _TENS.items():
                    for t in tens_forms:
                        if tens + n <= 31:
                            table[f"{form} و{t}"] = tens + n
                            table[f"{form} وال{t}"] = tens + n
    for tens, tens_forms in _TENS.items():
        for t in tens_forms:
            table[t] = tens
    return table


DAY_ORDINALS: dict[str, int] = _ordinals()


def _strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") else word


def cardinal_value(phrase: str) -> int | None:
    """ "ستة" → 6, "الستة" → 6; None when the phrase is not a small cardinal."""
    key = " ".join(normalize(phrase).split())
    return CARDINALS.get(_strip_article(key))


def day_ordinal_value(phrase: str) -> int | None:
    """ "الحادي والعشرين" → 21, "الأول" → 1; None when not a day ordinal (1–31)."""
    words = normalize(phrase).split()
    key = " ".join(_strip_article(w) if i == 0 else w for i, w in enumerate(words))
    return DAY_ORDINALS.get(key)


def cardinal_pattern() -> str:
    """Regex alternation of the cardinals (normalized), longest first, optional "ال"."""
    names = sorted(CARDINALS, key=len, reverse=True)
    return "(?:ال)?(?:" + "|".join(n.replace(" ", r"\s+") for n in names) + ")"


def day_ordinal_pattern() -> str:
    names = sorted(DAY_ORDINALS, key=len, reverse=True)
    return "(?:ال)?(?:" + "|".join(n.replace(" ", r"\s+") for n in names) + ")"
