"""Reported speech in Arabic news: attribution verbs, participles, source phrases, quote marks.

News reports speech with a verb before the speaker ("وقال الوزير إن ..."), chains later
statements with subjectless verbs ("وأضاف ..."، "وحث ...") and circumstantial participles
("مشدداً"، "لافتاً إلى أن")، and attributes content to sources ("وفق «واع»"، "بحسب البيان").
Keys are ``normalize``d.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.arabic.clitics import CONJUNCTIONS, proclitic_variants
from marsad.arabic.normalize import normalize

# Past-tense stems; feminine, dual and plural forms are generated.
_PAST = (
    "قال", "أكد", "أضاف", "أوضح", "أشار", "شدد", "لفت", "أعرب", "حث", "جدد", "أشاد", "دعا", "حذر",
    "اعتبر", "رأى", "صرح", "ذكر", "نوه", "تابع", "كشف", "نفى", "طالب", "أفاد", "أردف",
    "أعلن", "أبدى", "استطرد", "زعم", "ادعى", "اتهم", "ناشد", "تساءل", "أبلغ",
)  # fmt: skip
_PRESENT = (
    "يقول", "تقول", "يؤكد", "تؤكد", "يضيف", "تضيف", "يوضح", "توضح", "يشير", "تشير", "يشدد", "تشدد",
    "يرى", "ترى", "يعتبر", "تعتبر", "يقرأ", "يلفت", "تلفت", "يحذر", "تحذر", "يدعو", "تدعو",
)  # fmt: skip
_PARTICIPLES = (
    "مشددا", "لافتا", "معربا", "مؤكدا", "مضيفا", "موضحا", "مشيرا", "مبينا", "منوها", "داعيا",
    "محذرا", "قائلا", "معتبرا", "مطالبا", "مشيدا", "مردفا", "متابعا", "كاشفا", "معلنا", "مبديا",
    "مشددة", "لافتة", "معربة", "مؤكدة", "مضيفة", "موضحة", "مشيرة", "مبينة", "داعية", "قائلة",
)  # fmt: skip
# Words after "جدد"/"أكد" that are its object, not a speaker ("وجدد أوستن التأكيد").
SPEECH_COMPLEMENTS = frozenset(
    normalize(w)
    for w in (
        "التأكيد", "تأكيده", "تأكيدها", "تأكيدهم", "دعوته", "دعوتها", "ترحيبه", "رفضه", "قلقه", "أمله",
        "استعداده", "شكره", "الشكر", "تقديره", "حرصه", "موقفه", "التزامه", "دعمه", "تمسكه", "دعمها",
        "رفضها", "موقفها", "التزامها", "ترحيبها", "دعوتهم", "رفضهم", "دعمهم", "قلقها", "تقديرها",
    )
)  # fmt: skip
# Phrases that attribute what precedes or follows to a source.
SOURCE_CUES = tuple(
    tuple(normalize(w) for w in p.split())
    for p in (
        "وفق",
        "وفقا ل",
        "وفقا لـ",
        "وفقاً ل",
        "بحسب",
        "حسب",
        "نقلا عن",
        "نقلاً عن",
        "طبقا ل",
        "استنادا إلى",
        "وفقا",
        "ووفقا",
        "ووفق",
        "وبحسب",
        "وحسب",
    )
)
# "ونقلت صحيفة العربي الجديد عن مسؤول": the outlet reports, the speaker follows "عن".
TRANSMIT_VERBS = frozenset(normalize(w) for w in ("نقلت", "نقل", "ونقلت", "ونقل", "نقلا", "نقلاً"))
# Particles that introduce the content of indirect speech.
THAT = frozenset(
    normalize(w) for w in ("إن", "أن", "ان", "بأن", "بان", "إنه", "أنه", "إنها", "أنها", "إنّ", "أنّ")
)
# Head words of speaker noun phrases (titles, bodies, documents, anonymous sources).
SPEAKER_HEADS = frozenset(
    normalize(w)
    for w in (
        "رئيس", "وزير", "النائب", "نائب", "المتحدث", "الناطق", "متحدث", "ناطق", "مستشار", "مدير", "قائد",
        "السفير", "سفير", "الوفد", "الوفدان", "وفد", "وفدا", "البيان", "بيان", "المصدر", "مصدر", "المسؤول",
        "مسؤول", "مسؤولون", "الجانب", "الجانبان", "الحكومة", "حكومة", "الوزارة", "وزارة", "الرئيس", "الأمين",
        "أمين", "الممثل", "ممثل", "المبعوث", "مبعوث", "عضو", "زعيم", "رئيسة", "الملك", "الأمير", "ولي",
        "الشيخ", "السيد", "الدكتور", "اللواء", "العميد", "الفريق", "الجنرال", "العقيد", "الأدميرال",
        "وكالة", "صحيفة", "القيادة", "قيادة", "المكتب", "مكتب", "الخارجية", "الدفاع", "البنتاغون",
        "المرصد", "التحالف", "الجيش", "الشرطة", "المجلس", "مجلس", "اللجنة", "لجنة", "الهيئة", "هيئة",
        "المنظمة", "منظمة", "الأمم", "السلطات", "مسؤولو", "مسؤولي", "خبراء", "خبير", "محافظ", "المحافظ",
        "الرئاسة", "البيت", "الكرملين", "ذات", "نفس", "الوكالة", "الصحيفة", "التقرير", "تقرير",
        "الدراسة", "شهود",
    )
)  # fmt: skip
# Opening and closing quote marks. Curly quotes are paired in order of appearance, because
# outlets use “ and ” interchangeably as openers ("”قادت ... “").
GUILLEMETS = ("«", "»")
CURLY = frozenset("“”„‟")
STRAIGHT = frozenset('"')


def _inflect(stem: str) -> list[str]:
    base = stem[:-1] if stem.endswith("ى") else stem
    return [stem, stem + "ت", base + "ا", base + "وا", stem + "تا", base + "و"]


SPEECH_VERBS = frozenset(normalize(f) for s in _PAST for f in _inflect(s)) | frozenset(
    normalize(w) for w in _PRESENT
)
PARTICIPLES = frozenset(normalize(w) for w in _PARTICIPLES)


@lru_cache(maxsize=500_000)
def speech_verb(word: str) -> str | None:
    """ "verb" or "participle" if the word (with any proclitic) is an attribution verb
    (asked for every token: cached per spelling)."""
    w = normalize(word)
    variants = proclitic_variants(w)
    if w[:1] in CONJUNCTIONS and len(w) == 3:
        variants.append(w[1:])  # "وحث": a two-letter stem after the conjunction
    for variant in variants:
        if variant in SPEECH_VERBS:
            return "verb"
        if variant in PARTICIPLES:
            return "participle"
    return None


def has_plural_subject_suffix(word: str) -> bool:
    """ "أكدوا", "أكدتا": the subject is in the verb, what follows is its object."""
    w = normalize(word)
    return w.endswith(("وا", "تا"))
