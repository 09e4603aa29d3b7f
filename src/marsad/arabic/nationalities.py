"""Nationality adjectives (nisba) and the country they point at.

"جندي أمريكي", "القوات الأمريكية", "الأميركيين", "للعراقيين": the nisba carries the
country that a figure, an actor or an event is about. Keys are ``normalize``d stems; the
inflected forms (ي، ية، يين، يون، يات، with or without ال and proclitics) are derived.
"""

from __future__ import annotations

from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.normalize import normalize

# stem (without the final ي of the nisba) → ISO 3166 alpha-3
_STEMS: dict[str, str] = {
    "أمريك": "USA",
    "أميرك": "USA",
    "امريك": "USA",
    "عراق": "IRQ",
    "سور": "SYR",
    "إيران": "IRN",
    "سعود": "SAU",
    "ترك": "TUR",
    "بريطان": "GBR",
    "فرنس": "FRA",
    "روس": "RUS",
    "إسرائيل": "ISR",
    "فلسطين": "PSE",
    "لبنان": "LBN",
    "أردن": "JOR",
    "مصر": "EGY",
    "يمن": "YEM",
    "كويت": "KWT",
    "إمارات": "ARE",
    "قطر": "QAT",
    "بحرين": "BHR",
    "عمان": "OMN",
    "ألمان": "DEU",
    "صين": "CHN",
    "أفغان": "AFG",
    "باكستان": "PAK",
    "هند": "IND",
    "ليب": "LBY",
    "تونس": "TUN",
    "جزائر": "DZA",
    "مغرب": "MAR",
    "سودان": "SDN",
    "إيطال": "ITA",
    "إسبان": "ESP",
    "يابان": "JPN",
    "كند": "CAN",
    "أسترال": "AUS",
    "أوكران": "UKR",
    "كردستان": "IRQ",  # of the Kurdistan Region: an Iraqi office or force
}
_SUFFIXES = ("ي", "ية", "يه", "يين", "يون", "يات", "يتين", "يان")

NISBA: dict[str, str] = {}
for _stem, _code in _STEMS.items():
    for _suffix in _SUFFIXES:
        for _article in ("", "ال"):
            NISBA[normalize(_article + _stem + _suffix)] = _code


def nisba_country(word: str) -> str | None:
    """The country a nisba adjective denotes ("الأمريكية" → "USA"), or None."""
    for form in proclitic_variants(normalize(word)):
        code = NISBA.get(form)
        if code:
            return code
    return None


def country_stems() -> dict[str, list[str]]:
    """Country code → its nisba stems as written ("USA" → ["أمريك", "أميرك", "امريك"])."""
    out: dict[str, list[str]] = {}
    for stem, code in _STEMS.items():
        if stem != "كردستان":  # a Kurdish force is not the Iraqi state's
            out.setdefault(code, []).append(stem)
    return out


# Country names that, as the subject before a figure ("وتحتفظ الولايات المتحدة بحوالى ألفي
# عسكري"), say whose it is; a name after a preposition ("في العراق") says where it is.
_NAMES: dict[tuple[str, ...], str] = {
    tuple(normalize(w) for w in name.split()): code
    for name, code in {
        "الولايات المتحدة": "USA",
        "أمريكا": "USA",
        "أميركا": "USA",
        "واشنطن": "USA",
        "بريطانيا": "GBR",
        "لندن": "GBR",
        "فرنسا": "FRA",
        "باريس": "FRA",
        "روسيا": "RUS",
        "موسكو": "RUS",
        "تركيا": "TUR",
        "أنقرة": "TUR",
        "إيران": "IRN",
        "طهران": "IRN",
        "العراق": "IRQ",
        "بغداد": "IRQ",
        "السعودية": "SAU",
        "المملكة": "SAU",
        "الرياض": "SAU",
    }.items()
}
_PLACE_PREPOSITIONS = frozenset(normalize(w) for w in ("في", "إلى", "الى", "من", "داخل", "خارج", "بين"))


def country_named(tokens: list[str]) -> str | None:
    """The first country named as an actor in ``tokens`` (normalized words), or None."""
    for i in range(len(tokens)):
        if i > 0 and tokens[i - 1] in _PLACE_PREPOSITIONS:
            continue
        for name, code in _NAMES.items():
            if tuple(tokens[i : i + len(name)]) == name:
                return code
    return None
