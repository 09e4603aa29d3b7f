"""Office titles and nationality adjectives as Arabic news writes them.

A title in news is a role phrase followed by a nationality adjective (nisba) that agrees
with it: "وزير الدفاع العراقي", "وزيرة الخارجية الأمريكية", "رئيس الوزراء العراقي". The
adjective names the country; the role phrase names the office. "نظيره الأمريكي" ("his
American counterpart") names the country only: the office is the one of the person it is
the counterpart of. Keys are in ``normalize``d form; role keys are English slugs that the
actor dictionary's ``roles`` use.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.arabic.nationalities import nisba_country
from marsad.arabic.normalize import normalize

# Role phrases (as written, masculine and feminine) → role key.
_ROLE_PHRASES: dict[str, tuple[str, ...]] = {
    "president": ("الرئيس", "رئيس الجمهورية", "رئيسة الجمهورية", "الرئيسة"),
    "vice-president": ("نائب الرئيس", "نائبة الرئيس", "نائب رئيس الجمهورية"),
    "prime-minister": ("رئيس الوزراء", "رئيسة الوزراء", "رئيس الحكومة", "رئيسة الحكومة", "رئيس مجلس الوزراء"),
    "defence-minister": ("وزير الدفاع", "وزيرة الدفاع", "وزير الحرب"),
    "foreign-minister": ("وزير الخارجية", "وزيرة الخارجية"),
    "interior-minister": ("وزير الداخلية", "وزيرة الداخلية"),
    "national-security-adviser": (
        "مستشار الأمن القومي",
        "مستشارة الأمن القومي",
        "مستشار الأمن الوطني",
        "مستشارة الأمن الوطني",
    ),
    "ambassador": ("السفير", "السفيرة", "سفير", "سفيرة"),
    "chief-of-staff": ("رئيس هيئة الأركان المشتركة", "رئيس الأركان المشتركة", "رئيس أركان الجيش"),
    "centcom-commander": ("قائد القيادة المركزية",),
    "king": ("الملك", "العاهل"),
    "crown-prince": ("ولي العهد",),
    "deputy-crown-prince": ("ولي ولي العهد",),  # before "ولي العهد": the longest title wins
    "emir": ("أمير",),
    "supreme-leader": ("المرشد الأعلى", "المرشد"),
    "speaker": ("رئيس البرلمان", "رئيس مجلس النواب"),
}

# Role nouns in construct state followed by a country's name: "رئيس وزراء العراق",
# "وزير خارجية إيران", "أمير قطر", "ملك الأردن".
_CONSTRUCT_ROLES: dict[str, tuple[str, ...]] = {
    "president": ("رئيس",),
    "prime-minister": ("رئيس وزراء", "رئيس حكومة"),
    "defence-minister": ("وزير دفاع", "وزيرة دفاع"),
    "foreign-minister": ("وزير خارجية", "وزيرة خارجية"),
    "interior-minister": ("وزير داخلية",),
    "ambassador": ("سفير", "سفيرة"),
    "king": ("ملك", "عاهل"),
    "emir": ("أمير",),
    "crown-prince": ("ولي عهد",),
}

# Country names as a title's complement → ISO 3166 alpha-3.
_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "IRQ": ("العراق", "بغداد"),
    "USA": ("الولايات المتحدة", "أمريكا", "أميركا", "واشنطن"),
    "IRN": ("إيران", "طهران"),
    "SYR": ("سوريا", "سورية", "دمشق"),
    "SAU": ("السعودية", "المملكة العربية السعودية"),
    "QAT": ("قطر",),
    "KWT": ("الكويت",),
    "ARE": ("الإمارات", "دولة الإمارات"),
    "BHR": ("البحرين",),
    "OMN": ("عمان", "سلطنة عمان"),
    "JOR": ("الأردن",),
    "TUR": ("تركيا",),
    "EGY": ("مصر",),
    "LBN": ("لبنان",),
    "ISR": ("إسرائيل",),
    "GBR": ("بريطانيا", "المملكة المتحدة"),
    "FRA": ("فرنسا",),
    "RUS": ("روسيا",),
}

# Counterpart words: "نظيره الأمريكي", "نظيرته", "نظرائهم".
_COUNTERPART = ("نظير", "نظيره", "نظيرها", "نظيرته", "نظيرتها", "نظيرهم", "نظراؤه", "نظرائه", "نظرائهم")

# Roles that exist in one country only, so the title needs no adjective.
ROLE_COUNTRY: dict[str, str] = {"centcom-commander": "USA", "supreme-leader": "IRN"}

ROLE_PHRASES: dict[tuple[str, ...], str] = {
    tuple(normalize(phrase).split()): role for role, phrases in _ROLE_PHRASES.items() for phrase in phrases
}
MAX_ROLE_WORDS = max(len(k) for k in ROLE_PHRASES)
CONSTRUCT_ROLES: dict[tuple[str, ...], str] = {
    tuple(normalize(phrase).split()): role for role, phrases in _CONSTRUCT_ROLES.items() for phrase in phrases
}
COUNTRY_NAMES: dict[tuple[str, ...], str] = {
    tuple(normalize(name).split()): iso for iso, names in _COUNTRY_NAMES.items() for name in names
}
COUNTERPART_WORDS = frozenset(normalize(w) for w in _COUNTERPART)
# Every word a title can start with.
_FIRST_WORDS = COUNTERPART_WORDS | {k[0] for k in ROLE_PHRASES} | {k[0] for k in CONSTRUCT_ROLES}


# Words between a title and a name that change when the title applies: "الرئيس الأمريكي
# السابق ترامب" is not the holder at the article's date.
FORMER_WORDS = frozenset(
    normalize(w) for w in ("السابق", "السابقة", "الأسبق", "الأسبقة", "الراحل", "الراحلة")
)
CURRENT_WORDS = frozenset(normalize(w) for w in ("الحالي", "الحالية", "الجديد", "الجديدة"))


# Honorifics and ranks written before a name: "الجنرال تشارلز براون", "الشيخ تميم".
HONORIFICS = frozenset(
    normalize(w)
    for w in [
        "السيد",
        "السيدة",
        "الشيخ",
        "الشيخة",
        "الأمير",
        "الأميرة",
        "الملك",
        "الدكتور",
        "الدكتورة",
        "المهندس",
        "الحاج",
        "الجنرال",
        "اللواء",
        "الفريق",
        "العميد",
        "العقيد",
        "المشير",
        "الأدميرال",
        "الرئيس",
        "الوزير",
        "النائب",
        "القاضي",
        "سماحة",
        "فخامة",
        "معالي",
        "سمو",
        "جلالة",
    ]
)


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title found over tokens ``first..last`` (inclusive token indexes)."""

    first: int
    last: int
    role: str | None  # None for a counterpart phrase: the role comes from context
    country: str | None
    prefix: int = 0  # proclitic letters on the first word ("ونظيره" → 1)


def match_title(words: list[str], i: int) -> TitleMatch | None:
    """The longest title that starts at normalized word ``i`` of ``words``, if any.

    A role phrase needs a nationality adjective right after it, unless its role exists in
    one country only; a counterpart word needs one too. The first word may carry proclitics
    ("ووزير", "بنظيره", "لوزير"); "وزير" itself starts with و, so the word is tried as
    written first. ``prefix`` says how many letters of clitics the first word carries.
    """
    word = words[i]
    candidates = [word]
    if len(word) > 3 and word[0] in "وف":
        candidates.append(word[1:])
    for c in list(candidates):
        if len(c) > 3 and c[0] in "بل":
            candidates.append(c[1:])
    for candidate in candidates:
        found = _match_title_from(candidate, words, i)
        if found is not None:
            return TitleMatch(found.first, found.last, found.role, found.country, len(word) - len(candidate))
    return None


def _match_title_from(first: str, words: list[str], i: int) -> TitleMatch | None:
    if first not in _FIRST_WORDS:  # most words start no title
        return None
    if first in COUNTERPART_WORDS:
        if i + 1 < len(words) and (country := nisba_country(words[i + 1])):
            return TitleMatch(i, i + 1, None, country)
        return None
    for size in (2, 1):
        role = CONSTRUCT_ROLES.get((first, *words[i + 1 : i + size]))
        if role is None:
            continue
        for name_size in (3, 2, 1):
            name = tuple(words[i + size : i + size + name_size])
            if len(name) == name_size and name in COUNTRY_NAMES:
                return TitleMatch(i, i + size + name_size - 1, role, COUNTRY_NAMES[name])
    for size in range(min(MAX_ROLE_WORDS, len(words) - i), 0, -1):
        key = (first, *words[i + 1 : i + size])
        role = ROLE_PHRASES.get(key)
        if role is None:
            continue
        after = i + size
        if after < len(words) and (country := nisba_country(words[after])):
            if role == "ambassador":
                # an ambassador's office is per host country: "السفيرة الأمريكية في العراق"
                host = _host_country(words, after + 1)
                if host is None:
                    return None
                return TitleMatch(i, host[1], f"ambassador-{host[0].lower()}", country)
            return TitleMatch(i, after, role, country)
        if role in ROLE_COUNTRY:
            # "قائد القيادة المركزية الأمريكية": the adjective belongs to the command
            last = after if after < len(words) and nisba_country(words[after]) else after - 1
            return TitleMatch(i, last, role, ROLE_COUNTRY[role])
        return None
    return None


def _host_country(words: list[str], i: int) -> tuple[str, int] | None:
    """ "في العراق" / "لدى بغداد" at word i: (ISO code, last word index)."""
    if i >= len(words) or words[i] not in ("في", "لدي", "الي"):
        return None
    for size in (3, 2, 1):
        name = tuple(words[i + 1 : i + 1 + size])
        if len(name) == size and name in COUNTRY_NAMES:
            return COUNTRY_NAMES[name], i + size
    return None


def office_key(role: str, country: str) -> str:
    """The key an office is looked up by: "defence-minister@USA"."""
    return f"{role}@{country}"
