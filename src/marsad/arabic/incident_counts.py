"""What happened to what a count of an incident counts: "18 عنصراً" killed is not "ثمانية
مقاتلين" kidnapped, though both count fighters; "تدمير 30 منزلاً" counts houses destroyed.

The claims linker compares two counts only when they count the same thing with the same
fate; these words, read just before the figure or in its subject, say the fate. Keys are
``normalize``d; a word is matched with its proclitics stripped ("وقتل", "بتدمير").
"""

from __future__ import annotations

from marsad.arabic.clitics import proclitic_variant_set
from marsad.arabic.normalize import normalize

_FATES: dict[str, tuple[str, ...]] = {
    "killed": (
        "مقتل",
        "مصرع",
        "وفاة",
        "استشهاد",
        "قتل",
        "قتلت",
        "قتلى",
        "القتلى",
        "قتيل",
        "شهداء",
        "الشهداء",
        "قتلوا",
        "لقوا",
        "لقي",
        "حتفهم",
        "استشهدوا",
        "توفوا",
        "قضوا",
        "اعدام",
        "إعدام",
    ),
    "wounded": ("إصابة", "اصابة", "جرح", "جرحى", "الجرحى", "أصيب", "أصيبوا", "جرحوا", "المصابين"),
    "abducted": ("خطف", "خطفت", "خطفها", "خطفوا", "اختطاف", "اختطف", "اختطفت", "المخطوفين", "المختطفين"),
    "detained": (
        "اعتقال",
        "اعتقل",
        "اعتقلت",
        "احتجاز",
        "احتجزت",
        "أسر",
        "أسرت",
        "القبض",
        "توقيف",
        "أوقفت",
        "ضبط",
        "ضبطت",
        "المعتقلين",
        "الموقوفين",
    ),
    "freed": ("الإفراج", "إطلاق", "أطلق", "أفرج", "تحرير", "حرر"),
    "surrendered": ("استسلام", "استسلم", "سلموا"),
    "destroyed": ("تدمير", "دمر", "دمرت", "هدم", "هدمت", "تهدم", "احتراق", "إحراق", "أحرق", "تفجير", "فجر"),
    "damaged": ("تضرر", "تضررت", "أضرار", "إلحاق"),
}
FATE: dict[str, str] = {normalize(w): fate for fate, ws in _FATES.items() for w in ws}

# Things whose counts in an incident are its damage: houses and other buildings, vehicles.
_DAMAGED_THINGS: dict[str, tuple[str, ...]] = {
    "buildings": ("منزل", "منازل", "بيت", "بيوت", "مسكن", "مساكن", "مبنى", "مباني", "مبان", "محل", "محلات"),
    "vehicles": (
        "سيارة",
        "سيارات",
        "آلية",
        "آليات",
        "مركبة",
        "مركبات",
        "عربة",
        "عربات",
        "دبابة",
        "دبابات",
        "مدرعة",
        "مدرعات",
    ),
}
DAMAGED_THING: dict[str, str] = {normalize(w): kind for kind, ws in _DAMAGED_THINGS.items() for w in ws}

FATE_WORDS_BEFORE = 3  # "إن القتلى هم 18 عنصراً", "بعد أيام من خطفها ثمانية مقاتلين"


def fate_of(words_before: list[str], subject_words: list[str]) -> str | None:
    """The fate the words just before a figure (nearest first) or its subject say, if any."""
    for word in [*reversed(words_before[-FATE_WORDS_BEFORE:]), *subject_words]:
        for variant in proclitic_variant_set(word):
            fate = FATE.get(variant) or FATE.get(variant.removeprefix("ال"))
            if fate:
                return fate
    return None


def damaged_thing(unit: str, subject: str) -> str | None:
    """ "buildings" or "vehicles" when the figure counts them, else None."""
    for word in f"{unit} {subject}".split():
        for variant in proclitic_variant_set(normalize(word)):
            kind = DAMAGED_THING.get(variant) or DAMAGED_THING.get(variant.removeprefix("ال"))
            if kind:
                return kind
    return None
