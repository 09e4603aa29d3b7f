"""Arabic number agreement: how a counted noun is written after a number.

Arabic counts in four shapes: 1 مقال (singular), 2 مقالان (dual), 3–10 مقالات
(plural), 11 and above مقالاً (accusative singular); 0 takes the plural ("0 مقالات").
Above 100 the noun follows the last two digits where they are 3–10 (103 مقالات) and
round hundreds and thousands take the singular as مئة and ألف do (100 مقال، 2000 مقال);
the rest take the accusative (101 مقالاً، 2302 مقالاً): a dual after digits ("2302
قصتان") reads wrong, though it is right when the number is spelled out. Every count on
the desk goes through ``count_phrase``.
"""

from __future__ import annotations

from typing import NamedTuple


class Noun(NamedTuple):
    singular: str  # 1, 100, 1000 ...
    dual: str  # 2
    plural: str  # 3–10 and 0
    accusative: str  # 11–99 (tamyiz: singular, accusative)


NOUNS: dict[str, Noun] = {
    "article": Noun("مقال", "مقالان", "مقالات", "مقالاً"),
    "event": Noun("حدث", "حدثان", "أحداث", "حدثاً"),
    "story": Noun("قصة", "قصتان", "قصص", "قصة"),
    "actor": Noun("فاعل", "فاعلان", "فاعلين", "فاعلاً"),
    "outlet": Noun("مصدر", "مصدران", "مصادر", "مصدراً"),
    "source": Noun("مصدر مستقل", "مصدران مستقلان", "مصادر مستقلة", "مصدراً مستقلاً"),
    "contradiction": Noun("تناقض", "تناقضان", "تناقضات", "تناقضاً"),
    "sentence": Noun("جملة", "جملتان", "جمل", "جملة"),
    "result": Noun("نتيجة", "نتيجتان", "نتائج", "نتيجة"),
    "claim": Noun("رقم", "رقمان", "أرقام", "رقماً"),
    "day": Noun("يوم", "يومان", "أيام", "يوماً"),
}


def noun_form(n: int, noun: Noun) -> str:
    """The form of ``noun`` that follows the number ``n``."""
    n = abs(int(n))
    if n == 0:
        return noun.plural
    if n == 1:
        return noun.singular
    if n == 2:
        return noun.dual
    last_two = n % 100
    if last_two == 0:  # 100, 1000, 2000 ...: a construct with the singular
        return noun.singular
    if 3 <= last_two <= 10:
        return noun.plural
    return noun.accusative


def count_phrase(n: int, noun: str) -> str:
    """ "3 مقالات", "11 مقالاً": the number in Western digits, then the agreeing noun."""
    if noun not in NOUNS:
        raise ValueError(f"no Arabic counting forms for {noun!r}; known: {', '.join(NOUNS)}")
    return f"{n} {noun_form(n, NOUNS[noun])}"
