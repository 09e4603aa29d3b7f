"""Arabic event triggers by PLOVER type and mode, and the words that set PLOVER's modal flags.

Curated by hand, informed by the CAMEO.ar verb patterns of UniversalPetrarch mapped through
CAMEO2PLOVER (those patterns are noisy: many are whole phrases or wrong senses, so only
the head verbs and their verbal nouns are kept here).

Entries are written in the *normalized* matching form of ``marsad.arabic.normalize``
(alef forms folded to ا, ى→ي, ة→ه, no diacritics). Three kinds of stems:

- ``"التقي"``: a whole word form (perfective verb, verbal noun, participle);
- ``"!تعاون"``: a verb-only form, not matched with the article ("التعاون" is a topic, not
  an event);
- ``"-لتقي"``: an imperfective stem that must carry a person prefix ي/ت/ن/ا
  ("يلتقي", "تلتقي", "سنلتقي");
- every form may carry conjunction/preposition/article proclitics and the suffixes in
  ``SUFFIXES`` ("اجتماعا", "الاجتماعات", "ولقائه", "اغتيالهم").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.arabic import clitics
from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.modality import is_hypothetical
from marsad.arabic.normalize import normalize
from marsad.arabic.numbers import is_number_word


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str  # PLOVER event type
    mode: str | None  # PLOVER mode when the word says it
    lemma: str  # the lexicon stem that matched (normalized)


# People who protest ("المتظاهرين", "محتجون"): participants, not events. In the Arabic event
# GSR a sentence whose only protest word is one of them is a protest 3% of the time
# (24 of 726: police dispersed, fired at, arrested the protesters...); the act is said by a
# verb ("هتف المتظاهرون", "احتشد", "اعتصم") or by counting the crowd ("خرج آلاف المتظاهرين",
# "تجمع نحو 500 متظاهر"), which ``is_counted_crowd`` checks.
PROTESTER_NOUNS = (
    "متظاهر",
    "متظاهرون",
    "متظاهرين",
    "متظاهرات",
    "محتج",
    "محتجون",
    "محتجين",
    "معتصمين",
    "معتصمون",
)

# (type, mode, stems). Modes follow CAMEO2PLOVER-2021 where it names one; for CONSULT the
# issue asks for meet/visit/phone/discuss (talks, dialogue rounds).
_LEXICON: list[tuple[str, str | None, tuple[str, ...]]] = [
    # CONSULT
    ("CONSULT", "meet", ("التقي", "-لتقي", "-لتق", "لقاء", "لقاءات", "اجتمع", "-جتمع", "اجتماع", "اجتماعات")),
    ("CONSULT", "meet", ("قمه", "استقبل", "-ستقبل", "استقبال")),
    ("CONSULT", "visit", ("زار", "-زور", "زياره", "زيارات")),
    ("CONSULT", "phone", ("اتصالا هاتفيا", "اتصال هاتفي", "مكالمه", "مكالمات", "-هاتف")),
    (
        "CONSULT",
        "discuss",
        (
            "بحث",
            "بحثا",
            "-بحث",
            "مباحثات",
            "محادثات",
            "ناقش",
            "-ناقش",
            "مناقشه",
            "مناقشات",
            "تباحث",
            "-تباحث",
            "تشاور",
            "-تشاور",
            "التشاور",
            "مشاورات",
            "حوار",
            "جوله",
            "مفاوضات",
            "فاوض",
            "-فاوض",
            "تفاوض",
            "-تفاوض",
        ),
    ),
    ("CONSULT", "third-party", ("وساطه", "توسط", "-توسط")),
    # AGREE
    (
        "AGREE",
        None,
        ("اتفق", "-تفق", "اتفاق", "اتفاقيه", "اتفاقيات", "توقيع", "!وقعا", "!وقعت", "تعهد", "-تعهد"),
    ),
    # SUPPORT / COOPERATE / AID
    ("SUPPORT", None, ("اشاد", "-شيد", "ايد", "-ؤيد", "-يد", "رحب", "-رحب", "ترحيب", "دعم", "-دعم")),
    ("COOPERATE", None, ("!تعاون", "-تعاون", "!تعاونا", "!نسق", "-نسق")),
    ("AID", None, ("مساعدات", "ساعد", "-ساعد", "تدريب", "درب", "-درب", "مشوره", "منح", "-منح", "منحه")),
    # CONCEDE / RETREAT
    # Openings (of an embassy, a project, a summit) are ceremonies of diplomatic
    # cooperation: CAMEO 050 → SUPPORT ("افتتاح السفارة", "فتح القنصلية", "دشن").
    (
        "SUPPORT",
        None,
        ("افتتح", "-فتتح", "افتتاح", "دشن", "-دشن", "تدشين", "فتح سفاره", "فتح قنصليه", "فتح ممثليه"),
    ),
    ("CONCEDE", None, ("اعتذر", "-عتذر", "تنازل", "-تنازل")),
    # Leaving an agreement is not a troop withdrawal: CAMEO 164 "halt negotiations" is
    # PLOVER SANCTION/withdraw, the nearest code (matched before the single words below).
    (
        "SANCTION",
        "withdraw",
        (
            "انسحب من اتفاق",
            "انسحب من اتفاقيه",
            "انسحب من معاهده",
            "-نسحب من اتفاق",
            "-نسحب من اتفاقيه",
            "-نسحب من معاهده",
            "انسحاب من اتفاق",
            "انسحاب من اتفاقيه",
            "انسحاب من معاهده",
        ),
    ),
    ("RETREAT", "withdraw", ("انسحب", "-نسحب", "انسحاب", "سحب", "-سحب")),
    ("RETREAT", "release", ("افرج", "-فرج", "الافراج", "افراج", "اطلق سراح")),
    ("RETREAT", "ceasefire", ("هدنه", "وقف اطلاق النار")),
    # REQUEST / ACCUSE / REJECT / THREATEN
    (
        "REQUEST",
        None,
        ("طالب", "-طالب", "مطالبه", "طلب", "-طلب", "دعا", "-دعو", "حث", "-حث", "ناشد", "-ناشد"),
    ),
    (
        "ACCUSE",
        None,
        ("اتهم", "-تهم", "اتهام", "اتهامات", "ادان", "-دين", "ادانه", "انتقد", "-نتقد", "استنكر", "-ستنكر"),
    ),
    ("REJECT", None, ("رفض", "-رفض", "نفي", "-نفي")),
    ("THREATEN", None, ("هدد", "-هدد", "توعد", "-توعد")),
    # PROTEST
    (
        "PROTEST",
        "demo",
        (
            "تظاهر",
            "-تظاهر",
            "تظاهره",
            "تظاهرات",
            "مظاهره",
            "مظاهرات",
            "احتج",
            "-حتج",
            "احتجاج",
            "احتجاجات",
            "اعتصام",
            "اعتصامات",
            "اعتصم",
            "-عتصم",
            "مسيره",
            "مسيرات",
            "وقفه احتجاجيه",
            "وقفه تضامنيه",
            "تجمهر",
            "-تجمهر",
            # the acts of a demonstration: chanting, massing, taking to the streets
            "هتف",
            "-هتف",
            "هتافات",
            "احتشد",
            "-حتشد",
            "خرج الي الشوارع",
            "خرجوا الي الشوارع",
            "نزل الي الشوارع",
            "نزلوا الي الشوارع",
            "نزل الي الشارع",
            "نزلوا الي الشارع",
        ),
    ),
    # Protesters: a participant noun, an event only when a crowd is counted (below).
    ("PROTEST", "demo", PROTESTER_NOUNS),
    ("PROTEST", "hunger", ("اضراب عن الطعام",)),
    ("PROTEST", "obstruct", ("اضراب", "اضرب", "عصيان")),
    ("PROTEST", "boycott", ("قاطع", "-قاطع", "مقاطعه")),
    ("PROTEST", "riot", ("اعمال شغب", "شغب")),
    # SANCTION / MOBILIZE
    ("SANCTION", None, ("عقوبات", "فرض عقوبات", "حظر", "قطع العلاقات")),
    ("SANCTION", "expel", ("طرد", "-طرد")),
    ("MOBILIZE", "troops", ("حشد", "-حشد", "حشود", "نشر قوات", "استنفار")),
    # COERCE
    (
        "COERCE",
        "arrest",
        ("اعتقل", "-عتقل", "اعتقال", "اعتقالات", "احتجز", "-حتجز", "احتجاز", "القبض", "قبض"),
    ),
    ("COERCE", "deport", ("رحل", "-رحل", "ترحيل")),
    # Seizing people or goods ("ضبط مهرب", "ضبطت الجهات الأمنية"); "ضبط النفس" is restraint.
    ("COERCE", None, ("ضبط", "-ضبط")),
    ("COERCE", "restrict", ("حظر التجول", "منع", "-منع")),
    # ASSAULT
    ("ASSAULT", "assassinate", ("اغتال", "اغتيل", "-غتال", "اغتيال", "اغتيالات")),
    (
        "ASSAULT",
        None,
        (
            "قتل",
            "-قتل",
            "مقتل",
            "قتلي",
            "هاجم",
            "-هاجم",
            "هجوم",
            "هجمات",
            "استهدف",
            "-ستهدف",
            "استهداف",
            "اعتدي",
            "-عتدي",
            "اعتداء",
            "اعتداءات",
            "اشتباك",
            "اشتباكات",
            "اشتبك",
            "-شتبك",
            "جرح",
            "اصيب",
            "-صاب",
            "اصابه",
            "ضحايا",
            "مجزره",
            "ذبح",
            "اغار",
            "اضرم",
            "-ضرم",
            # arson against people and homes ("إحراق منزل", "حرق رضيع")
            "احراق",
            "احرق",
            "-حرق",
            "حرق",
        ),
    ),
    (
        "ASSAULT",
        "heavy-weapons",
        ("قصف", "-قصف", "غاره", "غارات", "ضربه", "ضربات", "صاروخ", "صواريخ", "قذائف", "قذيفه"),
    ),
    ("ASSAULT", "explosives", ("تفجير", "تفجيرات", "انفجار", "فجر", "-فجر", "عبوه ناسفه", "مفخخه")),
    ("ASSAULT", "suicide-attack", ("انتحاري", "انتحاريه", "فجر نفسه")),
    ("ASSAULT", "firearms", ("اطلاق النار", "اطلاق نار", "رصاص")),
    ("ASSAULT", "abduct", ("اختطف", "-ختطف", "اختطاف", "خطف", "-خطف")),
    # Enforced disappearance is coded like an abduction (CAMEO 181).
    ("ASSAULT", "abduct", ("اختفاء قسري", "اخفاء قسري", "اخفاء", "اخفي قسريا", "مخفي قسريا")),
    # A person's death by violence or execution (CAMEO 1823 "kill by physical assault").
    (
        "ASSAULT",
        None,
        ("مصرع", "لقي مصرعه", "لقي حتفه", "اعدم", "اعدام", "اعدامات", "-عدم", "تصفيه", "نحر", "قتيل"),
    ),
    # A death sentence carried out in retribution, as Saudi statements word an execution
    # ("تنفيذ حكم القصاص في أحد الجناة", "حكم القتل قصاصا"); القصاص alone is "retribution".
    ("ASSAULT", None, ("حكم القصاص", "قصاصا")),
    # Killed as a martyr: how Saudi and Palestinian outlets report a death by violence.
    ("ASSAULT", None, ("استشهد", "استشهاد")),
    ("ASSAULT", "sexual", ("اغتصب", "-غتصب", "اغتصاب")),
    ("ASSAULT", "torture", ("تعذيب", "عذب", "-عذب")),
    # Elections and voting: PLOVER has no type for them; ELECTION is a Marsad extension
    # type (docs/EXPORT.md), with modes for the kind of vote.
    (
        "ELECTION",
        "election",
        ("انتخابات", "انتخاب", "انتخب", "-نتخب", "اقتراع", "الاقتراع", "ترشح", "-ترشح", "ترشيح"),
    ),
    # "صوت" alone is "voice": only the verb's inflected forms and the verbal noun.
    ("ELECTION", "vote", ("صوتوا", "صوتت", "-صوت", "تصويت", "اقترع", "-قترع", "صناديق الاقتراع")),
    ("ELECTION", "referendum", ("استفتاء", "استفتاءات")),
    ("INVESTIGATE", None, ("فتح تحقيقا", "تحقيق في", "تحقيقا في", "تحقيقات", "استجوب", "-ستجوب", "استجواب")),
]

# Phrases whose words would otherwise look like triggers: matched first and skipped.
NON_EVENT_PHRASES = (
    "ضبط النفس",
    "طائره مسيره",
    "طائرات مسيره",
    "الطائرات المسيره",
    "مسيره الحياه",
    "مسيره التنميه",
    # بحث عن is "searched for" (rescue teams, a job), بحث في / بحث X "discussed"
    "البحث عن",
    "بحثا عن",
    "البحث العلمي",
    # الطلب is also the market's demand: "الطلب على النفط", "العرض والطلب"
    "الطلب على",
    "العرض والطلب",
    "عرض وطلب",
    "جانب الطلب",
    # دعم is also a state subsidy on a good: "دعم الطاقة", "خفض دعم الوقود"
    "دعم الطاقه",
    "دعم الوقود",
    "دعم المحروقات",
    "دعم الكهرباء",
    "دعم السلع",
    "دعم الخبز",
    "دعم الاسعار",
    # لقاء before a price is "in exchange for": "لقاء كفالة قدرها", "لقاء مبلغ"
    "لقاء كفاله",
    "لقاء مبلغ",
    "لقاء اجر",
    "لقاء ثمن",
    "لقاء رسوم",
    # a trading session's or a season's opening is no ceremony of cooperation
    "افتتاح الجلسه",
    "افتتاح جلسه التداول",
    "افتتاح التداول",
    "افتتاح السوق",
    "افتتاح تعاملات",
    "مباراه الافتتاح",
    "افتتاح الدوري",
    "افتتاح الموسم",
    # a visit visa is a document, not a visit
    "تاشيره الزياره",
    "تاشيره زياره",
    "تاشيرات الزياره",
    "تاشيرات زياره",
)

# Whole words (normalized, after a conjunction) that look like triggers and never are:
# researchers ("باحثون" is not ب + imperfective حث), drills and practice sessions (a team's
# "تدريبات" is no training given as aid), clouds ("السحب الركامية": a withdrawal is
# "سحب" with its object, or "الانسحاب"), and trips and flights ("رحلة" is not رحّل + ة,
# "deported": "الرحلة إم إتش 370").
_NON_EVENT_WORD_GROUPS = (
    "باحث باحثة باحثون باحثين باحثان باحثات الباحث الباحثة الباحثون الباحثين الباحثات",
    "تدريبات التدريبات تدريباته تدريباتها تدريباتهم بتدريبات للتدريبات",
    "السحب",
    "رحلة رحلات برحلة برحلات لرحلة",
)
NON_EVENT_WORDS = frozenset(normalize(w) for group in _NON_EVENT_WORD_GROUPS for w in group.split())

# Suffixes stripped (longest first) when a word is not itself in the lexicon.
SUFFIXES = tuple(
    sorted(
        (
            "ها",
            "هم",
            "هما",
            "هن",
            "ه",
            "وا",
            "ا",
            "ت",
            "تا",
            "ن",
            "ون",
            "ين",
            "ان",
            "ات",
            "اه",
            "تهم",
            "نا",
            "تم",
            "تها",
        ),
        key=len,
        reverse=True,
    )
)
_PERSON_PREFIXES = "يتنا"
_NOMINAL_ENDINGS = frozenset(("ه", "ات", "ا", "ها", "هم", "تها"))

# Words before a trigger that mark PLOVER's modal flags (normalized).
NEGATORS = frozenset(
    normalize(w) for w in ("لم", "لن", "لا", "ما", "ليس", "ليست", "عدم", "دون", "بدون", "غير")
)
FUTURE_WORDS = frozenset(
    normalize(w)
    for w in (
        "سوف",
        "لن",
        "تعتزم",
        "يعتزم",
        "تعتزمان",
        "اعتزام",
        "ينوي",
        "تنوي",
        "المقرر",
        "مقرر",
        "المزمع",
        "مزمع",
        "المرتقب",
        "مرتقب",
        "المرتقبة",
        "سيتم",
        "ستتم",
        "المقبل",
        "المقبلة",
        "القادم",
        "القادمة",
        "يخطط",
        "تخطط",
        "يستعد",
        "تستعد",
    )
)
# Speech and attribution words: an event after one of these is reported speech.
REPORTING_WORDS = frozenset(
    normalize(w)
    for w in (
        "قال",
        "قالت",
        "يقول",
        "تقول",
        "أكد",
        "أكدت",
        "يؤكد",
        "تؤكد",
        "أعلن",
        "أعلنت",
        "يعلن",
        "ذكر",
        "ذكرت",
        "أفاد",
        "أفادت",
        "صرح",
        "صرحت",
        "أشار",
        "أشارت",
        "أوضح",
        "أوضحت",
        "نقلت",
        "نقل",
        "بحسب",
        "حسب",
        "وفق",
        "وفقا",
        "نفى",
        "نفت",
        "زعم",
        "زعمت",
        "ادعى",
        "أضاف",
        "أضافت",
        "مؤكدا",
        "مؤكدة",
        "مشيرا",
        "مشيرة",
        "مضيفا",
        "لافتا",
    )
)


@cache
def _tables() -> tuple[
    dict[str, tuple[str, str | None]],
    dict[str, tuple[str, str | None]],
    dict[tuple[str, ...], tuple[str, str | None]],
    frozenset[str],
]:
    """(whole forms, imperfective stems, multi-word phrases) → (type, mode); verb-only forms."""
    verb_only: set[str] = set()
    forms: dict[str, tuple[str, str | None]] = {}
    imperfective: dict[str, tuple[str, str | None]] = {}
    phrases: dict[tuple[str, ...], tuple[str, str | None]] = {}
    for etype, mode, stems in _LEXICON:
        for stem in stems:
            stem = normalize(stem)
            if stem.startswith("!"):
                stem = stem[1:]
                verb_only.add(stem)
            if " " in stem:
                phrases.setdefault(tuple(_bare(w) for w in stem.lstrip("-").split()), (etype, mode))
            elif stem.startswith("-"):
                imperfective.setdefault(stem[1:], (etype, mode))
            else:
                forms.setdefault(stem, (etype, mode))
    for phrase in NON_EVENT_PHRASES:
        phrases[tuple(_bare(w) for w in normalize(phrase).split())] = ("", None)
    return forms, imperfective, phrases, frozenset(verb_only)


def _strip_suffixes(word: str) -> list[str]:
    out = [word]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            out.append(stem)
            if stem.endswith("ت") and len(stem) > 3:
                out.append(stem[:-1] + "ه")  # ta marbuta before a pronoun: زيارته → زياره
    return out


def has_word(words: list[str], lexicon: frozenset[str]) -> bool:
    """Whether any normalized word, with or without a leading و/ف, is in a word set."""
    return any(w in lexicon or (len(w) > 2 and w[0] in "وف" and w[1:] in lexicon) for w in words)


@lru_cache(maxsize=500_000)
def match_word(word: str) -> Trigger | None:
    """The trigger a single word is, if any (the word may be in any orthography); it depends
    only on the spelling, so it is cached per process."""
    forms, imperfective, _, verb_only = _tables()
    w = normalize(word)
    if clitics.strip_conjunction(w) in NON_EVENT_WORDS:
        return None
    for variant in proclitic_variants(w):
        clitic = len(variant) < len(w)
        for stem in _strip_suffixes(variant):
            # "وزارة"/"وزارات" is not و + زار + ة/ات: a short stem stripped of both a
            # proclitic and a nominal ending is not trusted.
            if clitic and len(stem) < 4 and variant[len(stem) :] in _NOMINAL_ENDINGS:
                continue
            if stem in verb_only and ("ال" in w[: len(w) - len(variant) + 2] or variant.startswith("ال")):
                continue
            if stem in forms:
                etype, mode = forms[stem]
                return Trigger(etype, mode, stem)
        # imperfective: [س] + person prefix + stem (+ suffix); a verb never takes the article
        # ("النشيد" is the anthem, not ن + يشيد)
        if w[: len(w) - len(variant)].endswith(("ال", "لل")):
            continue
        body = variant[1:] if variant.startswith("س") and len(variant) > 3 else variant
        for candidate in (body, variant):
            if len(candidate) > 2 and candidate[0] in _PERSON_PREFIXES:
                for stem in _strip_suffixes(candidate[1:]):
                    # the first person's alif before a two-letter stem is a noun's long a:
                    # "السائد", "فائدة" are not س/ف + أ + يد ("I support" is "أؤيد")
                    if candidate[0] == "ا" and len(stem) < 3:
                        continue
                    if stem in imperfective:
                        etype, mode = imperfective[stem]
                        return Trigger(etype, mode, "-" + stem)
    return None


def is_future_prefixed(word: str) -> bool:
    """An imperfective verb with the future proclitic س ("ستعقد", "وسيلتقي")."""
    w = clitics.strip_conjunction(normalize(word), longer_than=4)
    return len(w) > 3 and w[0] == "س" and w[1] in _PERSON_PREFIXES


def bare(word: str) -> str:
    """A normalized word without conjunction, preposition and article, for phrase matching
    (the ``bare`` view of the one clitic analysis, ``marsad.arabic.clitics``)."""
    return clitics.bare(word)


_bare = clitics.bare


def phrases() -> dict[tuple[str, ...], tuple[str, str | None]]:
    """Multi-word triggers as tuples of ``bare`` words; type "" marks a non-event phrase."""
    return _tables()[2]


# Verbs that report a killing outright: a perfective verb with its subject suffix
# ("قتلوا", "قتلت", "قتلا", "اغتالوا") or a passive ("اغتيل", "قُتل" with its vowel). The
# sentence detector, trained on a gold standard that counts only unanimous reports of a
# fresh attack, may doubt a sentence that recalls one ("قُتلا بطائرة مسيرة"), but such a
# verb is never a metaphor: it is not vetoed. Bare "قتل" is also the verbal noun ("جرائم
# قتل") and the nouns (القتل، اغتيال، مقتل) name killings in general: left to the detector.
_LETHAL_VERB_STEMS = ("قتل", "اغتال")
_SUBJECT_SUFFIXES = ("وا", "ت", "ا", "تا")
_PASSIVE_LETHAL = ("اغتيل",)
# "استشهد", "استشهدوا": the verb (its verbal noun is استشهاد), "was killed".
_MARTYRED = frozenset(("استشهد", "استشهدت", "استشهدوا", "استشهدا"))
_DAMMA = "\u064f"


# A death sentence carried out ("تنفيذ حكم القصاص"): a plain report, like a killing verb.
_EXECUTIONS = frozenset(("حكم قصاص", "قصاصا"))


def is_execution(lemma: str) -> bool:
    """Whether a trigger's lexicon entry is an execution carried out in retribution."""
    return lemma in _EXECUTIONS


def is_lethal(word: str) -> bool:
    """Whether a trigger word is a finite verb of killing ("قُتلا", "واغتيل", "فقتلوا")."""
    w = clitics.strip_conjunction(normalize(word))
    if w.startswith(_PASSIVE_LETHAL) or w in _MARTYRED:
        return True
    for stem in _LETHAL_VERB_STEMS:
        if w.startswith(stem):
            rest = w[len(stem) :]
            return rest in _SUBJECT_SUFFIXES or _DAMMA in word[:4]
    return False


def _normalized(text: str) -> frozenset[str]:
    """The normalized forms of the whitespace-separated words of a lexicon string."""
    return frozenset(normalize(w) for w in text.split())


# Light verbs of launching an attack: "تشن هجمات", "توجيه ضربات", "نفذ غارة". A strike
# noun after one of them is a plain attack report, never a metaphor, and is not vetoed.
_LAUNCH_VERB_FORMS = """
شن شنت شنوا يشن تشن نشن يشنون وشن وشنت وتشن ويشن
وجه وجهت وجهوا ووجهت ووجه توجيه وتوجيه
نفذ نفذت نفذوا ونفذت ونفذ
"""
_LAUNCH_VERBS = frozenset(normalize(w) for w in _LAUNCH_VERB_FORMS.split())


# Words that may stand between a launch verb and its strike noun: when and how many
# ("شن أمس أربع غارات", "نفذ 29 ضربة", "شنت عشرات الغارات").
_BETWEEN_LAUNCH = _normalized("""
    امس أمس اليوم الليلة فجر صباح مساء عده عدة عشرات العشرات مئات سلسله سلسلة موجه موجة
    اثنتين ثلاث أربع اربع خمس ست سبع ثماني تسع عشر غاره غارة
    """)
# "تعرض معسكر لهجوم", "تعرض المسجد إلى تفجير", "الذين يتعرضون لغارات": suffering an attack.
# Finite forms only: the verbal noun ("تعرضه للتعذيب") reports claims, mostly of torture.
_SUFFER_VERBS = _normalized("تعرض تعرضت تعرضوا تعرضتا يتعرض تتعرض يتعرضون تتعرضان")
# The strikes one suffers (not torture, rape or abduction, which news mostly reports as claims).
_SUFFERED_ATTACKS = _normalized(
    "هجوم هجمات هجوما اعتداء اعتداءات قصف غاره غارات تفجير انفجار اطلاق قذائف قذيفه صواريخ"
)


def _unmodal(words: list[str], verb: int) -> bool:
    window = words[max(0, verb - 4) : verb]
    modal = has_word(window, NEGATORS) or has_word(window, FUTURE_WORDS)
    return not (modal or is_hypothetical(window, words[verb]))


# "قامت دبابة إسرائيلية بقصف أحد المنازل": the light verb قام with the strike as its
# ب-object; its subject may stand between. Perfective only: "يقومون بتعذيب السجناء" tells
# what someone habitually does, not a strike that happened.
_DO_VERBS = _normalized("قام قامت قاموا وقام وقامت وقاموا")
_DO_REACH = 5


def _done_with_light_verb(words: list[str], first: int) -> bool:
    if not words[first].startswith("ب"):
        return False
    for k in range(first - 1, max(-1, first - 1 - _DO_REACH), -1):
        if words[k] in (".", "،", ",", "؛", ";", ":", "؟", "?", "!"):
            return False
        if words[k] in _DO_VERBS:
            return _unmodal(words, k)
    return False


def is_launched_attack(words: list[str], first: int) -> bool:
    """Whether the trigger at ``first`` in normalized ``words`` follows a launch verb (with
    at most two words of time or count between) that no negation, future or modal word
    governs ("قد توجه ضربة" is a threat, not a strike), or is the ب-object of قام."""
    if _done_with_light_verb(words, first):
        return True
    k = first - 1
    while k >= 0 and first - k <= 3 and (words[k] in _BETWEEN_LAUNCH or words[k].isdigit()):
        k -= 1
    if k < 0 or words[k] not in _LAUNCH_VERBS:
        return False
    return _unmodal(words, k)


def is_suffered_attack(words: list[str], first: int) -> bool:
    """Whether the strike at ``first`` is what someone suffered: a finite form of تعرض within
    six words before it, the trigger taking ل or إلى ("تعرض معسكر غورما لهجوم إرهابي")."""
    trigger = words[first]
    if trigger.startswith("ل"):
        noun = trigger[3:] if trigger.startswith("لل") else trigger[1:]
    elif first > 0 and words[first - 1] == "الي":
        noun = trigger[2:] if trigger.startswith("ال") else trigger
    else:
        return False
    if noun not in _SUFFERED_ATTACKS:
        return False
    for k in range(first - 1, max(-1, first - 7), -1):
        if clitics.strip_conjunction(words[k]) in _SUFFER_VERBS:
            return _unmodal(words, k)
    return False


_PROTESTERS = frozenset(normalize(w) for w in PROTESTER_NOUNS)
# Words that count a crowd just before the protesters ("آلاف المتظاهرين", "مئات من المحتجين",
# "نحو 500 متظاهر", "حشود المتظاهرين").
_CROWD_WORDS = _normalized("""
    آلاف الآلاف ألوف الألوف مئات المئات عشرات العشرات ألف آلف مائة مئة مائتي مئتي مليون ملايين
    حشود حشد الحشود جموع الجموع نحو حوالي قرابة زهاء
    """)


def is_students(raw_word: str, words: list[str], index: int, trigger: Trigger) -> bool:
    """ "طالب" is also a student: after a count ("750 طالبا") it is one, with its ta marbuta
    or feminine plural a female student ("طالبا وطالبة", "الطالبات"; a demand is "مطالبة"),
    and "طلبة" (with its ta marbuta; "طلبه" is "his request") is their plural. Students are
    people, not requests."""
    if trigger.lemma == "طالب":
        paired = index + 1 < len(words) and words[index + 1] in ("وطالبه", "وطالبات")  # "30 طالبا وطالبة"
        return raw_word.endswith(("ة", "ات")) or paired or (index > 0 and words[index - 1].isdigit())
    return trigger.lemma == "طلب" and raw_word.endswith("ة")


# "بحث عن", "يبحثون عن", "ويبحث المطور عن المشتري": searching for something, not talks
# ("بحث الوزير مع نظيره" names its counterpart with مع).
_SEARCH_LEMMAS = frozenset(("بحث", "-بحث", "بحثا"))
_SEARCH_REACH = 3


def is_search(words: list[str], index: int, trigger: Trigger) -> bool:
    """Whether a talks trigger of بحث at ``index`` of normalized ``words`` is searching: عن
    within three words after it, with no مع before that."""
    if trigger.lemma not in _SEARCH_LEMMAS:
        return False
    for w in words[index + 1 : index + 1 + _SEARCH_REACH]:
        if w == "عن":
            return True
        if w in ("مع", "ومع") or not w[:1].isalpha():
            return False
    return False


# "احتجاجا على" (accusative: "in protest at") gives the motive of a protest named before it
# ("تظاهر عشرات الصحفيين احتجاجا على"): no second protest; alone it is one ("ستتوقف حركة
# المترو احتجاجا على").
_MOTIVES = frozenset(normalize(w) for w in ("احتجاجا", "احتجاجاً"))


def is_motive(word: str) -> bool:
    """Whether a trigger word is the adverbial motive "احتجاجا" (with a conjunction or not)."""
    return clitics.strip_conjunction(normalize(word)) in _MOTIVES


def is_protester(trigger: Trigger) -> bool:
    """Whether a trigger is a protester noun (an event only with a counted crowd)."""
    return trigger.type == "PROTEST" and trigger.lemma in _PROTESTERS


def is_counted_crowd(words: list[str], index: int) -> bool:
    """Whether the protester noun at ``index`` of normalized ``words`` follows a crowd count
    ("آلاف المتظاهرين", "الآلاف من المتظاهرين", "نحو 500 متظاهر"); only من and digits may
    stand between."""
    for k in range(index - 1, max(-1, index - 4), -1):
        w = clitics.strip_conjunction(words[k], longer_than=3)
        if w in _CROWD_WORDS:
            return True
        if not (w == "من" or w.replace(",", "").isdigit()):
            return False
    return index > 0 and words[index - 1].replace(",", "").isdigit()


# A strike reported as having happened, by what stands around it in its clause:
# - its cause role: "جراء قصف الميليشيات", "إثر هجوم", "وقوع عملية انتحارية", "ووقع الهجوم";
# - its doer by the hand of: "على يد مستوطنين", "على أيدي جبهة النصرة", "برصاص جنود";
# - its toll: "أسفر عن مقتل", "أوقع 33 قتيلا", "خلف عشرة قتلى", "مصرع ستة من", "مقتل 88".
_OCCURRED_BEFORE = _normalized("جراء وقوع وقع وقعت اثر إثر عقب نتيجه نتيجة")
_DOER_AFTER = (("علي", "يد"), ("علي", "ايدي"))
_TOLL_VERBS = _normalized(
    "أسفر أسفرت يسفر اسفر اسفرت ادى أدى أدت ادت أوقع أوقعت اوقع اوقعت خلف خلفت أودى أودت اودى اودت"
)
_KILLING_NOUNS = _normalized("مقتل مصرع قتل استشهاد اغتيال")
_REALIS_REACH = 8


def is_reported_strike(words: list[str], first: int, last: int) -> bool:
    """Whether an attack trigger (tokens ``first``..``last``) is reported as having happened,
    by its cause role, its doer or its toll (above), within ``_REALIS_REACH`` words."""
    before = clitics.strip_conjunction(words[first - 1]) if first > 0 else ""
    if before in _OCCURRED_BEFORE:
        return True
    head = clitics.bare(words[first])
    if head in _KILLING_NOUNS and last < len(words):
        count = words[last].replace(",", "")
        if count.isdigit() or is_number_word(count):
            return True  # "مقتل 88", "مصرع 6 من", "مصرع ستة من مقاتلي الحزب"
        if _by_weapon(words[last : last + 6]):
            return True  # "استشهاد «آل منصور» بقذيفة حوثية"
    after = words[last : last + _REALIS_REACH]
    for k, w in enumerate(after):
        if w in (".", "،", ",", "؛", ";", ":", "؟", "?", "!"):
            break
        if (
            tuple(after[k : k + 2]) in _DOER_AFTER
            or w in _TOLL_VERBS
            or clitics.strip_conjunction(w) in _TOLL_VERBS
        ):
            return True
        if w.startswith("برصاص"):
            return True
    return False


# What a killing was done with, with ب: "بقذيفة", "بغارة جوية", "برصاص قناص".
_WEAPONS = _normalized("قذيفه قذائف صاروخ صواريخ غاره غارات رصاص رصاصه طلق عبوه تفجير انفجار سياره مفخخه")


def _by_weapon(words: list[str]) -> bool:
    """Whether a word of ``words`` (up to the clause's end) is a weapon with ب."""
    for w in words:
        if w in (".", "،", ",", "؛", ";", ":", "؟", "?", "!"):
            return False
        w = clitics.strip_conjunction(w)
        if w.startswith("ب") and (w[1:] in _WEAPONS or (w[1:3] == "ال" and w[3:] in _WEAPONS)):
            return True
    return False


# Deaths and injuries are ASSAULT only when someone inflicted them: in a sentence about an
# accident ("مصرع طيار في تحطم مروحية", "إصابة 3 في حادث سير") they are no attack, and
# typing them ASSAULT would set a crash apart from its other reports.
_CASUALTY_LEMMAS = _normalized("مصرع قتيل قتلي ضحايا جرح اصيب -صاب اصابه مقتل قتل -قتل لقي")
_ACCIDENT_WORDS = _normalized(
    """
    حادث حادثه حوادث تحطم تحطمت اصطدام اصطدمت غرق غرقت الغرق زلزال فيضان فيضانات سيول صعقه
    حريق الحريق انهيار مروري مروريه السير دهس دهسه
    """
)
_ATTACK_CONTEXT = _normalized("ارهابي ارهابيه الارهابي الارهابيه مسلح مسلحون مسلحين متعمد جنائي")


def accident_casualties(words: list[str], lemmas: list[str]) -> bool:
    """Whether the ASSAULT triggers of a sentence (their ``lemmas``) are all deaths or injuries
    and the sentence (normalized ``words``) tells of an accident, with no word of terror or
    gunmen ("حادث إرهابي" is an attack)."""
    if not lemmas or any(lemma.split()[0] not in _CASUALTY_LEMMAS for lemma in lemmas):
        return False
    bare = {clitics.bare(w) for w in words} | set(words)
    return bool(bare & _ACCIDENT_WORDS) and not (bare & _ATTACK_CONTEXT)
