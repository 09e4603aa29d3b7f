"""Arabic numbers: digits in both scripts and number words, read to values.

News writes figures as Western or Arabic-Indic digits with either script's separators
("2,500", "٢٬٥٠٠", "3٫5"), as words ("ثلاثة آلاف وخمسمائة", "ألفي", "مئتين"), mixed
("2.5 مليون", "3 آلاف"), or as orders of magnitude ("عشرات الآلاف", "مئات"). Word forms
cover masculine/feminine, nominative/accusative/genitive duals and the construct dual
("ألفا/ألفي جندي"). Lexicon keys are in ``normalize``d form (أ→ا، ة→ه، ى→ي، no diacritics).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.clitics import CONJUNCTIONS, number_word_variants
from marsad.arabic.normalize import normalize, to_western_digits


def _keys(*written: str) -> list[str]:
    return [normalize(w) for w in written]


_UNITS: dict[str, int] = {}
for _value, _forms in {
    0: ("صفر",),
    1: ("واحد", "واحدة", "واحدا"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "إثنين", "إثنان"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
}.items():
    for _k in _keys(*_forms):
        _UNITS[_k] = _value

_TEN = set(_keys("عشر", "عشرة"))
# Only valid before عشر/عشرة ("أحد عشر", "اثنا عشر"): alone they mean "someone"/"Sunday".
_TEEN_ONLY: dict[str, int] = {
    **{k: 1 for k in _keys("أحد", "إحدى", "احدى")},
    **{k: 2 for k in _keys("اثنا", "اثني", "اثنتا", "اثنتي")},
}
_TENS: dict[str, int] = {}
for _value, _stem in {
    20: "عشر",
    30: "ثلاث",
    40: "أربع",
    50: "خمس",
    60: "ست",
    70: "سبع",
    80: "ثمان",
    90: "تسع",
}.items():
    for _k in _keys(_stem + "ون", _stem + "ين"):
        _TENS[_k] = _value

_HUNDRED = set(_keys("مائة", "مئة", "ماية", "مائه", "مية"))
_HUNDREDS: dict[str, int] = {
    k: 200 for k in _keys("مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي")
}
for _value, _stem in {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}.items():
    for _k in _keys(_stem + "مائة", _stem + "مئة", _stem + "ماية"):
        _HUNDREDS[_k] = _value * 100

# Scale words: singular (also the accusative "ألفًا" after 11–99), dual, plural.
_SCALE_SINGULAR: dict[str, float] = {
    **{k: 1e3 for k in _keys("ألف", "ألفا", "الف")},
    **{k: 1e6 for k in _keys("مليون", "مليونا")},
    **{k: 1e9 for k in _keys("مليار", "مليارا", "بليون", "بليونا")},
    **{k: 1e12 for k in _keys("تريليون", "تريليونا")},
}
_SCALE_DUAL: dict[str, float] = {
    **{k: 1e3 for k in _keys("ألفان", "ألفين", "ألفي")},
    **{k: 1e6 for k in _keys("مليونان", "مليونين", "مليونا", "مليوني")},
    **{k: 1e9 for k in _keys("ملياران", "مليارين", "مليارا", "ملياري")},
    **{k: 1e12 for k in _keys("تريليونان", "تريليونين", "تريليوني")},
}
_SCALE_PLURAL: dict[str, float] = {
    **{k: 1e3 for k in _keys("آلاف", "الاف", "ألوف")},
    **{k: 1e6 for k in _keys("ملايين")},
    **{k: 1e9 for k in _keys("مليارات")},
}
# Plural counting words that alone give only an order of magnitude ("عشرات القتلى").
_INDEFINITE: dict[str, float] = {
    **{k: 10.0 for k in _keys("عشرات")},
    **{k: 100.0 for k in _keys("مئات", "مئات", "مآت")},
    **_SCALE_PLURAL,
}
_FEW = set(_keys("بضع", "بضعة"))  # "a few": 3 to 9
_FRACTIONS: dict[str, float] = {
    **{k: 0.5 for k in _keys("نصف")},
    **{k: 0.25 for k in _keys("ربع")},
    **{k: 1 / 3 for k in _keys("ثلث")},
}

_DIGITS_RE = re.compile(r"^[+]?\d+(?:[.,]\d+)*%?$")


def parse_digits(text: str) -> float | None:
    """A digit string in either script to its value; None if it is not one number.

    "٬" and "," before groups of exactly three digits are thousands separators; "٫" is the
    decimal separator; "." is decimal unless it separates several three-digit groups
    ("1.000.000"). A trailing "%" is allowed and ignored.
    """
    s = to_western_digits(text.strip()).rstrip("%")
    if not s or not _DIGITS_RE.match(s):
        return None
    if "," in s:
        head, *groups = s.split(",")
        if "." in head or not all(len(g) == 3 or ("." in g and len(g.split(".")[0]) == 3) for g in groups):
            # "3,5" in Maghrebi style is a decimal comma
            if len(groups) == 1 and "." not in s:
                return float(f"{head}.{groups[0]}")
            return None
        s = head + "".join(groups)
    if s.count(".") > 1:
        head, *groups = s.split(".")
        if not all(len(g) == 3 for g in groups):
            return None
        s = head + "".join(groups)
    return float(s)


@lru_cache(maxsize=500_000)
def _lookup(word: str) -> tuple[str, str] | None:
    """(category, normalized key) of a number word, trying proclitic-stripped variants
    (it depends only on the spelling: cached per process, asked for every token)."""
    for variant in number_word_variants(normalize(word)):
        for category, table in (
            ("hundreds", _HUNDREDS),
            ("tens", _TENS),
            ("unit", _UNITS),
            ("scale1", _SCALE_SINGULAR),
            ("scale2", _SCALE_DUAL),
            ("scalep", _SCALE_PLURAL),
            ("indef", _INDEFINITE),
            ("teen", _TEEN_ONLY),
            ("frac", _FRACTIONS),
        ):
            if variant in table:
                return category, variant
        if variant in _TEN:
            return "ten", variant
        if variant in _HUNDRED:
            return "hundred", variant
        if variant in _FEW:
            return "few", variant
    return None


PERCENT_WORDS = frozenset(_keys("بالمئة", "بالمائة", "بالمية", "المئة", "المائة", "المية"))


def is_number_word(word: str) -> bool:
    return _lookup(word) is not None


_ALL_KEYS = (
    set(_UNITS) | _TEN | set(_TEEN_ONLY) | set(_TENS) | _HUNDRED | set(_HUNDREDS) | set(_SCALE_SINGULAR)
    | set(_SCALE_DUAL) | set(_INDEFINITE) | _FEW | set(_FRACTIONS)
)  # fmt: skip


def is_definite_number_word(word: str) -> bool:
    """A number word with the article ("الثلاثة", "بالملايين"): an adjective or a noun, not a figure."""
    w = normalize(word)
    if w in _ALL_KEYS:
        return False
    if w[:1] in CONJUNCTIONS and w[1:] in _ALL_KEYS:
        return False
    for prefix in ("وبال", "وال", "فال", "بال", "لل", "كال", "ال"):
        rest = w[len(prefix) :]
        if w.startswith(prefix) and rest in _ALL_KEYS:
            # "العشرات", "بالملايين" are still amounts (orders of magnitude)
            return rest not in _INDEFINITE
    return False


@dataclass(frozen=True, slots=True)
class NumberReading:
    """A number read from tokens: value (low end), high end if a span, tokens used."""

    value: float
    n_tokens: int
    high: float | None = None
    indefinite: bool = False  # an order of magnitude ("عشرات الآلاف"), not a count
    words: bool = False  # written (at least partly) in words


def read_number(tokens: Sequence[str]) -> NumberReading | None:
    """Read the number that starts at tokens[0]: digits, words, mixed, or indefinite."""
    if not tokens:
        return None
    first = tokens[0]
    digits = parse_digits(first)
    if digits is not None:
        # "2.5 مليون", "3 آلاف", "20 ألف", "500 ألف دولار"
        if len(tokens) > 1 and not first.endswith("%"):
            hit = _lookup(tokens[1])
            if hit and hit[0] in ("scale1", "scale2", "scalep") and not _starts_with_conj(tokens[1]):
                scale = {**_SCALE_SINGULAR, **_SCALE_DUAL, **_SCALE_PLURAL}[hit[1]]
                value, used = digits * scale, 2
                # "17 ألفاً و 800", "145 مليارا و600 مليون": a smaller group joined by "و"
                rest = list(tokens[2:])
                if rest and normalize(rest[0]) == "و":
                    rest, skip = rest[1:], 1
                elif rest and normalize(rest[0]).startswith("و") and _lookup(rest[0]):
                    skip = 0
                else:
                    rest, skip = [], 0
                if rest:
                    more = read_number([rest[0][1:] if not skip else rest[0], *rest[1:]])
                    if more is not None and not more.indefinite and more.value < scale:
                        value += more.value
                        used += skip + more.n_tokens
                return NumberReading(value, used, words=True)
        return NumberReading(digits, 1)
    indefinite = _read_indefinite(tokens)
    if indefinite is not None:
        return indefinite
    parsed = parse_number_words(tokens)
    if parsed is None:
        return None
    return NumberReading(parsed[0], parsed[1], words=True)


def _starts_with_conj(word: str) -> bool:
    w = normalize(word)
    return w.startswith("و") and _lookup(w) is not None and _lookup(w[1:]) is not None


def _read_indefinite(tokens: Sequence[str]) -> NumberReading | None:
    """ "عشرات", "مئات الآلاف", "آلاف", "بضعة آلاف": an order of magnitude."""
    hit = _lookup(tokens[0])
    if hit is None:
        return None
    category, key = hit
    if category == "few":
        nxt = _lookup(tokens[1]) if len(tokens) > 1 else None
        if nxt and nxt[0] in ("scalep", "indef"):
            scale = _INDEFINITE[nxt[1]]
            return NumberReading(3 * scale, 2, high=9 * scale, indefinite=True, words=True)
        return NumberReading(3.0, 1, high=9.0, indefinite=True, words=True)
    if category not in ("indef", "scalep"):
        return None
    magnitude = _INDEFINITE[key]
    used = 1
    if len(tokens) > 1:
        nxt = _lookup(tokens[1])
        # "عشرات الآلاف", "مئات الملايين" (the second word carries the article)
        if nxt and nxt[0] in ("scalep", "indef") and normalize(tokens[1]).startswith("ال"):
            magnitude *= _INDEFINITE[nxt[1]]
            used = 2
    return NumberReading(magnitude, used, indefinite=True, words=True)


def parse_number_words(tokens: Sequence[str]) -> tuple[float, int] | None:
    """Arabic number words at the start of tokens → (value, number of tokens used).

    Handles units with both genders, teens, tens, hundreds (one word or two: "ثلاث مئة"),
    compounds joined with "و" (separate or attached), scale words in singular, dual and
    plural ("ألف", "ألفي", "ثلاثة آلاف"), fractions of a scale ("نصف مليون", "مليون ونصف"),
    and digits inside a compound ("مليون و200 ألف"). Returns None when tokens[0] does not
    start a number. Indefinite plurals alone ("آلاف") are not counts: see ``read_number``.
    """
    total = 0.0
    current = 0.0
    last_scale = 0.0
    used = 0
    i = 0
    prev_category: str | None = None
    while i < len(tokens):
        token = tokens[i]
        conj = False
        if i > 0:
            if normalize(token) == "و" and i + 1 < len(tokens):
                # a detached conjunction: continue only if a number follows
                following = tokens[i + 1]
                if parse_digits(following) is None and _lookup(following) is None:
                    break
                i += 1
                token = tokens[i]
                conj = True
            elif normalize(token).startswith("و"):
                conj = True
        digits = parse_digits(token) if i > 0 and conj else None
        if digits is not None:
            current += digits
            prev_category = "unit"
            i += 1
            used = i
            continue
        if normalize(token) in PERCENT_WORDS:
            break  # "واحد بالمئة" is one percent, not a hundred
        hit = _lookup(token)
        if hit is None:
            break
        category, key = hit
        if i == 0 and category in ("scalep", "indef", "few"):
            return None
        if category == "teen":
            if i + 1 < len(tokens) and (after := _lookup(tokens[i + 1])) and after[1] in _TEN:
                current += _TEEN_ONLY[key] + 10
                i += 2
                used = i
                prev_category = "teen"
                continue
            break
        if category == "ten":
            if prev_category == "unit" and not conj and 3 <= current % 10 <= 9:
                current += 10  # "ثلاثة عشر"
            elif i == 0 or conj:
                current += 10
            else:
                break
        elif category == "unit":
            if i > 0 and not conj:
                break
            current += _UNITS[key]
        elif category == "tens":
            if i > 0 and not conj:
                break
            current += _TENS[key]
        elif category == "hundred":
            if prev_category == "unit" and not conj and 1 <= current % 10 <= 9 and current < 10:
                current *= 100  # "ثلاث مئة"
            elif i == 0 or conj:
                current += 100
            else:
                break
        elif category == "hundreds":
            if i > 0 and not conj:
                break
            current += _HUNDREDS[key]
        elif category in ("scale1", "scale2", "scalep"):
            scale = {**_SCALE_SINGULAR, **_SCALE_DUAL, **_SCALE_PLURAL}[key]
            if category == "scale2":
                if current:
                    break  # "ثلاثة ألفين" is not a number
                total += 2 * scale
            elif category == "scalep":
                if not 3 <= current <= 10:
                    break
                total += current * scale
            else:
                total += (current or 1) * scale
            current = 0
            last_scale = scale
        elif category == "frac":
            if i == 0 and i + 1 < len(tokens):
                nxt = _lookup(tokens[i + 1])
                if nxt and nxt[0] == "scale1" and not normalize(tokens[i + 1]).startswith("و"):
                    scale = _SCALE_SINGULAR[nxt[1]]
                    total += _FRACTIONS[key] * scale
                    last_scale = scale
                    i += 2
                    used = i
                    prev_category = "scale1"
                    continue
                break
            if conj and last_scale and current == 0:
                total += _FRACTIONS[key] * last_scale
            else:
                break
        else:
            break
        prev_category = category
        i += 1
        used = i
    if used == 0:
        return None
    return total + current, used
