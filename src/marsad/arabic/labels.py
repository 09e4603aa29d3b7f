"""Arabic labels for every code the record carries, in one table: what the desk shows.

The store keeps codes (PLOVER types and modes, entity types, ISO 3166 alpha-3 countries,
CAMEO sectors, cleaning flag kinds, office keys); an analyst reads Arabic. ``label(kind,
code)`` gives the Arabic label, or the code itself when it is unknown (shown, never
hidden). Country names come from CLDR through Babel (a dependency already), with the
names Arabic news uses where CLDR's differ.
"""

from __future__ import annotations

from functools import cache

# PLOVER event types (PLOVER manual, draft 0.8), plus INVESTIGATE which Marsad detects.
EVENT_TYPES: dict[str, str] = {
    "AGREE": "اتفاق",
    "CONSULT": "تشاور ولقاء",
    "SUPPORT": "تأييد",
    "CONCEDE": "تنازل",
    "COOPERATE": "تعاون",
    "AID": "مساعدة",
    "RETREAT": "تراجع",
    "REQUEST": "طلب",
    "ACCUSE": "اتهام",
    "REJECT": "رفض",
    "THREATEN": "تهديد",
    "PROTEST": "احتجاج",
    "SANCTION": "عقوبة",
    "MOBILIZE": "تعبئة",
    "COERCE": "إكراه",
    "ASSAULT": "اعتداء",
    "INVESTIGATE": "تحقيق",
    "DISAPPROVE": "استنكار",
    "ELECTION": "انتخابات",  # a Marsad extension type (docs/EXPORT.md)
}

# PLOVER modes (the manual's and Marsad's own, such as CONSULT "discuss" and "meet").
EVENT_MODES: dict[str, str] = {
    "meet": "اجتماع",
    "election": "انتخابات",
    "vote": "تصويت",
    "referendum": "استفتاء",
    "visit": "زيارة",
    "phone": "اتصال هاتفي",
    "discuss": "مباحثات",
    "third-party": "وساطة",
    "abduct": "خطف",
    "assassinate": "اغتيال",
    "beat": "ضرب",
    "cleansing": "تطهير عرقي",
    "explosives": "تفجير",
    "firearms": "إطلاق نار",
    "heavy-weapons": "أسلحة ثقيلة",
    "massacre": "مجزرة",
    "pro_autocracy": "قمع",
    "seize": "استيلاء",
    "sexual": "اعتداء جنسي",
    "suicide-attack": "هجوم انتحاري",
    "torture": "تعذيب",
    "unconventional": "أسلحة غير تقليدية",
    "arrest": "اعتقال",
    "ban": "حظر",
    "curfew": "حظر تجول",
    "deport": "ترحيل",
    "martial-law": "أحكام عرفية",
    "restrict": "تقييد",
    "police": "نشر شرطة",
    "troops": "حشد قوات",
    "boycott": "مقاطعة",
    "demo": "تظاهر",
    "hunger": "إضراب عن الطعام",
    "obstruct": "عرقلة",
    "riot": "شغب",
    "assist": "مساعدة",
    "change": "تغيير سياسة",
    "yield": "تنحٍّ",
    "access": "السماح بالوصول",
    "ceasefire": "وقف إطلاق النار",
    "disarm": "نزع السلاح",
    "ease": "تخفيف",
    "release": "إفراج",
    "return": "إعادة",
    "withdraw": "انسحاب",
    "discontinue": "وقف",
    "expel": "طرد",
    "political": "سياسي",
    "relations": "قطع العلاقات",
    "territory": "إقليمي",
    "violence": "عنف",
    "allege": "ادعاء",
    "disapprove": "استنكار",
    "investigate": "تحقيق",
}

ENTITY_TYPES: dict[str, str] = {
    "PER": "شخص",
    "ORG": "منظمة",
    "GPE": "دولة أو مدينة",
    "LOC": "مكان",
    "FAC": "منشأة",
    "NORP": "جماعة أو جنسية",
    "MISC": "أخرى",
}

# CAMEO actor sectors.
SECTORS: dict[str, str] = {
    "GOV": "حكومة",
    "MIL": "عسكري",
    "REB": "متمردون",
    "OPP": "معارضة",
    "PTY": "حزب",
    "IGO": "منظمة دولية",
    "NGO": "منظمة غير حكومية",
    "BUS": "أعمال",
    "MED": "إعلام",
    "EDU": "تعليم",
    "JUD": "قضاء",
    "LEG": "برلمان",
    "COP": "شرطة",
    "SPY": "استخبارات",
    "CVL": "مدنيون",
    "IMG": "جماعة دينية متشددة",
    "ELI": "نخبة",
    "CRM": "جريمة",
    "UAF": "مسلحون",
    "HLH": "صحة",
    "REL": "دين",
    "LAB": "عمال",
    "AGR": "زراعة",
    "ENV": "بيئة",
    "SEP": "انفصاليون",
    "RAD": "متطرفون",
    "REF": "لاجئون",
}

# Cleaning and translation flags on an article.
FLAG_KINDS: dict[str, str] = {
    "boilerplate_removed": "حُذف على أنه من قالب الموقع",
    "caption_removed": "حُذف تعليق صورة",
    "title_repeated": "عنوان مكرر في النص",
    "line_joined": "أسطر مقطوعة أعيد وصلها",
    "machine_translation_artifact": "أثر ترجمة آلية",
}

# Office keys (``marsad.arabic.titles``).
OFFICES: dict[str, str] = {
    "president": "رئيس",
    "vice-president": "نائب الرئيس",
    "prime-minister": "رئيس الوزراء",
    "defence-minister": "وزير الدفاع",
    "foreign-minister": "وزير الخارجية",
    "interior-minister": "وزير الداخلية",
    "national-security-adviser": "مستشار الأمن القومي",
    "ambassador": "سفير",
    "chief-of-staff": "رئيس الأركان",
    "centcom-commander": "قائد القيادة المركزية الأمريكية",
    "king": "ملك",
    "crown-prince": "ولي العهد",
    "deputy-crown-prince": "ولي ولي العهد",
    "emir": "أمير",
    "supreme-leader": "المرشد الأعلى",
    "speaker": "رئيس البرلمان",
}

# Date precisions of events and time expressions.
PRECISIONS: dict[str, str] = {
    "day": "يوم",
    "month": "شهر",
    "year": "سنة",
    "decade": "عقد",
    "range": "فترة",
    "week": "أسبوع",
}

# Why the event linker merged two reports (``link.events``; the rule, by its opening words).
MERGE_RULES: dict[str, str] = {
    "same sentence, same days": "الجملة نفسها في الأيام نفسها",
    "same days and the same person in very similar words": "الشخص نفسه بكلمات شديدة التقارب في الأيام نفسها",
    "same days and": "الأيام نفسها وما يشتركان فيه من أطراف",
    "same sentence, published together": "الجملة نفسها، ونُشر التقريران معاً",
    "similar sentences, published together": "جملتان متقاربتان بكلمات متقاربة، ونُشر التقريران في يوم واحد",
    "same person in similar words, published together": "الشخص نفسه بكلمات متقاربة، ونُشر التقريران معاً",
    "same participant in similar words, published together": (
        "الطرف نفسه بكلمات متقاربة، ونُشر التقريران معاً"
    ),
    "same two actors named together, published together": "الطرفان نفساهما مذكوران معاً، ونُشر التقريران معاً",
    "same people in similar words, one report undated": (
        "الأشخاص أنفسهم بكلمات متقاربة، وأحد التقريرين بلا تاريخ"
    ),
    "same people in near-identical words, both undated": (
        "الأشخاص أنفسهم بكلمات شبه متطابقة، والتقريران بلا تاريخ"
    ),
    "copy of article": "نسخة من مقال آخر يروي الحدث",
}


def merge_rule_label(rule: str | None) -> str:
    """The Arabic for a merge rule written by the event linker (the rule itself if new)."""
    if not rule:
        return ""
    for opening, arabic in MERGE_RULES.items():
        if rule.startswith(opening):
            return arabic
    return rule


# Where CLDR's Arabic name is not the one news uses, or CLDR lacks the code.
_COUNTRY_OVERRIDES: dict[str, str] = {
    "PSE": "فلسطين",
    "KSV": "كوسوفو",
    "XKX": "كوسوفو",
    "USA": "الولايات المتحدة",
    "GBR": "بريطانيا",
    "ARE": "الإمارات",
}

KINDS = ("event_type", "mode", "entity_type", "sector", "flag", "office", "precision", "country")
_TABLES: dict[str, dict[str, str]] = {
    "event_type": EVENT_TYPES,
    "mode": EVENT_MODES,
    "entity_type": ENTITY_TYPES,
    "sector": SECTORS,
    "flag": FLAG_KINDS,
    "office": OFFICES,
    "precision": PRECISIONS,
}


@cache
def country_label(code: str) -> str | None:
    """Arabic name of an ISO 3166 alpha-3 (or alpha-2) code; None when unknown."""
    code = code.upper()
    if code in _COUNTRY_OVERRIDES:
        return _COUNTRY_OVERRIDES[code]
    from babel.core import Locale, get_global

    alpha2 = code if len(code) == 2 else (get_global("territory_aliases").get(code) or [None])[0]
    if not alpha2:
        return None
    return Locale("ar").territories.get(alpha2)


def known(kind: str, code: str | None) -> bool:
    """Whether ``code`` has an Arabic label of that kind."""
    if not code:
        return False
    if kind == "country":
        return country_label(code) is not None
    return code in _TABLES[kind]


def label(kind: str, code: str | None) -> str:
    """The Arabic label of a code; the code itself when there is none ("" for None).

    An office key may carry its country ("defence-minister@USA" → "وزير الدفاع (الولايات
    المتحدة)").
    """
    if not code:
        return ""
    if kind == "country":
        return country_label(code) or code
    if kind == "office" and "@" in code:
        office, _, country = code.partition("@")
        return f"{label('office', office)} ({label('country', country)})"
    if kind not in _TABLES:
        raise ValueError(f"unknown label kind {kind!r}; choose one of {', '.join(KINDS)}")
    return _TABLES[kind].get(code, code)


def choices(kind: str) -> dict[str, str]:
    """Every code of a kind with its label (for filter menus and 422 messages)."""
    if kind == "country":
        raise ValueError("countries are open-ended; use label('country', code)")
    return dict(_TABLES[kind])
