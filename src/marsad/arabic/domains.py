"""Topic domains of Arabic news words: a small lexicon for topic-incongruity checks.

Each domain lists normalized word forms (``marsad.arabic.normalize``) that mark it; words
match with proclitics stripped and common endings removed (see ``domain_of``). Kept small
and unambiguous on purpose: a word belongs here only if it rarely means anything else.
"""

from __future__ import annotations

from functools import cache, lru_cache

from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.normalize import normalize

_DOMAINS: dict[str, tuple[str, ...]] = {
    "health": (
        "طبي",
        "طبيه",
        "صحه",
        "صحي",
        "صحيه",
        "مستشفي",
        "مستشفيات",
        "علاج",
        "علاجي",
        "مرضي",
        "مريض",
        "اطباء",
        "طبيب",
        "دواء",
        "ادويه",
        "جراحه",
        "جراحي",
        "تمريض",
        "لقاح",
        "وباء",
        "اسعاف",
        "عياده",
    ),
    "security": (
        "عسكري",
        "عسكريه",
        "امني",
        "امنيه",
        "دفاع",
        "جيش",
        "قوات",
        "ارهاب",
        "ارهابي",
        "ارهابيه",
        "مسلحه",
        "مسلحين",
        "ضباط",
        "جنود",
        "استخبارات",
        "استخباري",
        "استخباريه",
        "تحالف",
        "قتالي",
        "قتاليه",
        "عمليات",
        "اسلحه",
        "سلاح",
        "داعش",
        "حرب",
        "اركان",
    ),
    "sport": (
        "رياضي",
        "رياضيه",
        "نادي",
        "انديه",
        "دوري",
        "منتخب",
        "لاعب",
        "لاعبين",
        "مباراه",
        "كره",
        "بطوله",
        "مدرب",
        "ملعب",
    ),
    "economy": (
        "اقتصادي",
        "اقتصاديه",
        "مالي",
        "ماليه",
        "مصرف",
        "مصرفي",
        "بنك",
        "استثمار",
        "استثماري",
        "اسهم",
        "بورصه",
        "تجاري",
        "تجاريه",
        "اسعار",
        "نفط",
        "نفطي",
        "ميزانيه",
        "شركات",
    ),
    "education": ("تعليم", "تعليمي", "تعليميه", "جامعي", "جامعه", "طلاب", "مدارس", "مدرسه", "اكاديمي"),
    "culture": ("ثقافي", "ثقافيه", "فني", "فنيه", "مسرح", "سينما", "فيلم", "مهرجان", "ادبي", "متحف"),
}
# Name heads of organisations: the words an organisation's name starts with.
ORG_HEADS = frozenset(
    normalize(w)
    for w in (
        "مؤسسة",
        "شركة",
        "هيئة",
        "منظمة",
        "جمعية",
        "مستشفى",
        "مركز",
        "نادي",
        "جامعة",
        "وكالة",
        "مجلس",
        "لجنة",
        "اتحاد",
        "معهد",
        "بنك",
        "مصرف",
        "صندوق",
        "مجموعة",
        "قيادة",
    )
)
_ENDINGS = ("ات", "ين", "ون", "ه", "ي")


@cache
def _index() -> dict[str, str]:
    return {normalize(w): d for d, ws in _DOMAINS.items() for w in ws}


@lru_cache(maxsize=500_000)
def domain_of(word: str) -> str | None:
    """The domain a word marks, or None ("الطبية" → health, "والعسكريين" → security); it
    depends only on the spelling, so it is cached per process."""
    index = _index()
    for variant in proclitic_variants(normalize(word)):
        if variant in index:
            return index[variant]
        for ending in _ENDINGS:
            if variant.endswith(ending) and variant[: -len(ending)] in index:
                return index[variant[: -len(ending)]]
    return None


# Titles after which a personal name follows ("الرئيس", "وزير الدفاع الأمريكي" ends in a
# nationality adjective and is handled by the caller).
TITLES = frozenset(
    normalize(w)
    for w in (
        "الرئيس",
        "الوزير",
        "وزير",
        "رئيس",
        "الجنرال",
        "الأدميرال",
        "السفير",
        "السفيرة",
        "المبعوث",
        "السيناتور",
        "النائب",
        "الدكتور",
        "الأمير",
        "الملك",
        "المتحدث",
        "مستشار",
        "المستشار",
        "نظيره",
    )
)
# Nouns that legitimately introduce a name after a title ("المدير التنفيذي لشركة مترو"):
# a preposition + one of these in a name slot is ordinary Arabic, not a garbled name.
NAME_INTRODUCERS = ORG_HEADS | frozenset(
    normalize(w)
    for w in (
        "صحيفة",
        "جريدة",
        "مجلة",
        "قناة",
        "موقع",
        "مشروع",
        "مدينة",
        "محافظة",
        "منطقة",
        "ولاية",
        "دولة",
        "حزب",
        "حركة",
        "تنظيم",
        "جيش",
        "وزارة",
        "إدارة",
        "برنامج",
        "مبادرة",
        "اسم",
        "حساب",
        "فريق",
    )
)
