"""Counted nouns: the unit of a figure, its written forms and lemma.

After a number Arabic puts the counted noun in the plural (3–10: "ثلاثة جنود"), accusative
singular (11–99: "عشرين جنديًا"), genitive singular (100s, 1000s: "ألف جندي"), or the dual
replaces the number ("جنديين"). Indefinite amounts take a definite plural in construct or
after "من" ("آلاف العائلات", "عشرات الآلاف من النساء"). Each lemma below lists its broken
plurals; sound plural, dual and accusative forms are generated. Keys are ``normalize``d.
"""

from __future__ import annotations

from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.normalize import normalize

# lemma: (broken plurals and other forms, takes the sound masculine plural)
_PEOPLE: dict[str, tuple[tuple[str, ...], bool]] = {
    "جندي": (("جنود", "جندية"), False),
    "عسكري": ((), True),
    "مقاتل": ((), True),
    "عنصر": (("عناصر",), False),
    "قتيل": (("قتلى",), False),
    "جريح": (("جرحى",), False),
    "مصاب": ((), True),
    "شهيد": (("شهداء",), False),
    "ضحية": (("ضحايا",), False),
    "شخص": (("أشخاص",), False),
    "مواطن": (("مواطنات",), True),
    "مقيم": ((), True),
    "لاجئ": (("لاجئ", "لاجي"), True),
    "نازح": ((), True),
    "مهاجر": ((), True),
    "طفل": (("أطفال",), False),
    "امرأة": (("نساء", "امراة", "سيدة", "سيدات"), False),
    "رجل": (("رجال",), False),
    "معتقل": ((), True),
    "محتجز": ((), True),
    "سجين": (("سجناء",), False),
    "أسير": (("أسرى",), False),
    "موظف": (("موظفات",), True),
    "طالب": (("طلاب", "طلبة", "طالبات", "طالبة"), False),
    "عامل": (("عمال", "عاملات"), True),
    "حاج": (("حجاج",), False),
    "معتمر": ((), True),
    "زائر": (("زوار",), False),
    "مستشار": ((), True),
    "مدرب": ((), True),
    "ضابط": (("ضباط",), False),
    "مسلح": ((), True),
    "إرهابي": ((), True),
    "متطوع": ((), True),
    "مشارك": ((), True),
    "مستفيد": ((), True),
    "مريض": (("مرضى",), False),
    "لاعب": ((), True),
    "معلم": (("معلمات", "معلمة"), True),
    "طبيب": (("أطباء",), False),
    "عائلة": (("عائلات", "عوائل"), False),
    "أسرة": (("أسر",), False),
    "فرد": (("أفراد",), False),
    "نسمة": ((), False),
    "متهم": ((), True),
    "مشتبه": ((), False),
    "شاب": (("شباب", "شبان"), False),
}
_THINGS: dict[str, tuple[str, ...]] = {
    "قاعدة": ("قواعد",),
    "طائرة": ("طائرات",),
    "صاروخ": ("صواريخ",),
    "دبابة": ("دبابات",),
    "مدرعة": ("مدرعات",),
    "سيارة": ("سيارات",),
    "مركبة": ("مركبات",),
    "سفينة": ("سفن",),
    "غارة": ("غارات",),
    "هجوم": ("هجمات",),
    "عملية": ("عمليات",),
    "قذيفة": ("قذائف",),
    "مشروع": ("مشاريع", "مشروعات"),
    "شركة": ("شركات",),
    "دولة": ("دول",),
    "حالة": ("حالات",),
    "وفاة": ("وفيات",),
    "إصابة": ("إصابات",),
    "منزل": ("منازل",),
    "مسكن": ("مساكن",),
    "وحدة": ("وحدات",),
    "مدرسة": ("مدارس",),
    "مستشفى": ("مستشفيات",),
    "مسجد": ("مساجد",),
    "مصنع": ("مصانع",),
    "وظيفة": ("وظائف",),
    "فرصة": ("فرص",),
    "مخالفة": ("مخالفات",),
    "جولة": ("جولات",),
    "مباراة": ("مباريات",),
    "هدف": ("أهداف",),
    "نقطة": ("نقاط",),
    "مقعد": ("مقاعد",),
    "صوت": ("أصوات",),
    "متر": ("أمتار",),
    "كيلومتر": ("كيلومترات", "كم", "كلم"),
    "كيلوغرام": ("كيلوغرامات", "كيلوجرام", "كجم", "كغ", "كيلو"),
    "طن": ("أطنان",),
    "برميل": ("براميل",),
    "ميغاواط": ("ميجاوات", "ميجاواط", "ميغاوات"),
    "هكتار": ("هكتارات",),
    "لتر": ("لترات",),
    "متر مربع": (),
    "رأس": ("رؤوس",),
    "حبة": ("حبات",),
    "نسخة": ("نسخ",),
    "كتاب": ("كتب",),
    "طلب": ("طلبات",),
    "بلاغ": ("بلاغات",),
}
_MONEY: dict[str, tuple[str, ...]] = {
    "دولار": ("دولارات",),
    "ريال": ("ريالات",),
    "دينار": ("دنانير",),
    "يورو": (),
    "جنيه": ("جنيهات",),
    "درهم": ("دراهم",),
    "ليرة": ("ليرات",),
    "سنت": ("سنتات",),
    "فرنك": ("فرنكات",),
    "بنس": (),
}
# Durations belong to the times annotator: a number before these is not a figure here.
_DURATIONS = (
    "سنة", "سنوات", "سنين", "عام", "أعوام", "عاما", "عامين", "سنتين", "يوم", "أيام", "يوما",
    "يومين", "ساعة", "ساعات", "شهر", "أشهر", "شهور", "شهرا", "شهرين", "أسبوع", "أسابيع",
    "أسبوعا", "أسبوعين", "دقيقة", "دقائق", "ثانية", "ثوان", "ثواني", "قرن", "قرون", "عقد", "عقود",
    "ليلة", "ليال",
)  # fmt: skip


def _feminine_forms(lemma: str) -> list[str]:
    if not lemma.endswith("ة"):
        return [lemma + "ا", lemma + "ان", lemma + "ين", lemma + "ي"]
    stem = lemma[:-1]
    return [stem + "تان", stem + "تين", stem + "تا", stem + "تي", stem + "ات"]


def _sound_forms(lemma: str) -> list[str]:
    return [lemma + "ون", lemma + "ين", lemma + "و", lemma + "ي", lemma + "ا", lemma + "ان", lemma + "ة"]


LEMMAS: dict[str, str] = {}
KIND: dict[str, str] = {}  # lemma -> person, thing, money


def _add(lemma: str, forms: list[str], kind: str) -> None:
    for form in [lemma, *forms]:
        LEMMAS.setdefault(normalize(form), lemma)
    KIND[lemma] = kind


for _lemma, (_plurals, _sound) in _PEOPLE.items():
    _add(_lemma, [*_plurals, *_feminine_forms(_lemma), *(_sound_forms(_lemma) if _sound else [])], "person")
_MEASURES = frozenset(
    ("متر", "كيلومتر", "كيلوغرام", "طن", "برميل", "ميغاواط", "هكتار", "لتر", "متر مربع", "نقطة")
)
for _lemma, _plurals in _THINGS.items():
    _add(_lemma, [*_plurals, *_feminine_forms(_lemma)], "measure" if _lemma in _MEASURES else "thing")
for _lemma, _plurals in _MONEY.items():
    _add(_lemma, [*_plurals, *_feminine_forms(_lemma)], "money")

DURATIONS = frozenset(normalize(w) for w in _DURATIONS)


def unit_lemma(word: str) -> str | None:
    """The lemma of a counted noun as written ("الجنود" → "جندي"), or None if unknown."""
    for variant in proclitic_variants(normalize(word)):
        if variant in LEMMAS:
            return LEMMAS[variant]
        if variant.startswith("ال") and variant[2:] in LEMMAS:
            return LEMMAS[variant[2:]]
    return None


def unit_kind(lemma: str | None) -> str | None:
    """ "person", "thing" or "money" for a lemma from ``unit_lemma``."""
    return KIND.get(lemma) if lemma else None


def is_duration(word: str) -> bool:
    return any(v in DURATIONS for v in proclitic_variants(normalize(word)))


# What a figure counts, coarser than the lemma, so that "2500 جندي" and "ألفي عسكري" are
# both about troops and can be compared. Subjects naming a militant group turn fighters
# and soldiers into militants whatever the noun.
_CATEGORIES: dict[str, tuple[str, ...]] = {
    "troops": ("جندي", "عسكري", "قوات", "مستشار"),
    "fighters": ("مقاتل", "عنصر", "مسلح"),
    "killed": ("قتيل", "شهيد"),
    "wounded": ("جريح", "مصاب"),
    "bases": ("قاعدة",),
    "displaced": ("لاجئ", "نازح", "مهجر"),
    "detainees": ("محتجز", "معتقل", "أسير"),
}
CATEGORY: dict[str, str] = {normalize(lemma): cat for cat, lemmas in _CATEGORIES.items() for lemma in lemmas}

# Words that make a count of people a casualty count when no counted noun says so:
# before the figure ("مقتل 27 شخصاً", "إصابة 3") or after it ("31 شخصًا قتلوا",
# "12 على الأقل لقوا حتفهم"). Keys are normalized; values are the categories above.
CASUALTY_BEFORE: dict[str, str] = {
    normalize(w): cat
    for cat, ws in {
        "killed": (
            "مقتل",
            "ومقتل",
            "بمقتل",
            "مصرع",
            "ومصرع",
            "بمصرع",
            "وفاة",
            "ووفاة",
            "استشهاد",
            "واستشهاد",
        ),
        "wounded": ("إصابة", "وإصابة", "بإصابة", "واصابة", "اصابة", "جرح", "وجرح"),
    }.items()
    for w in ws
}
CASUALTY_AFTER: dict[str, str] = {
    normalize(w): cat
    for cat, ws in {
        "killed": ("قتلوا", "قتل", "قتلا", "لقوا", "لقي", "حتفهم", "استشهدوا", "توفوا", "قضوا"),
        "wounded": ("أصيبوا", "أصيب", "جرحوا", "جرح"),
    }.items()
    for w in ws
}
CATEGORY.update({w: c for w, c in {**CASUALTY_BEFORE, **CASUALTY_AFTER}.items() if w not in CATEGORY})
_MILITANT_WORDS = frozenset(normalize(w) for w in ("إرهابي", "إرهابيين", "التنظيم", "داعش", "الإرهابي"))


def unit_category(unit: str, subject: str = "") -> str | None:
    """What a figure counts ("troops", "fighters", "killed"…), or None when the unit is
    not one whose figures outlets compare."""
    category = None
    for word in f"{unit} {subject}".split():
        lemma = unit_lemma(word) or word
        category = CATEGORY.get(normalize(lemma)) or CATEGORY.get(normalize(lemma).removeprefix("ال"))
        if category:
            break
    subject_words = {normalize(w) for w in subject.split()}
    if category in ("troops", "fighters") and _MILITANT_WORDS & subject_words:
        return "militants"
    return category
