"""Arabic constructions that say who acted on whom, for event participants.

Word order alone misleads: in "قُتل X بغارة أمريكية" X is the victim and the United States
the doer; in "مقتل X" and "اعتقال X" the noun after the verbal noun is the one acted on;
in "ضربة نفذتها Y" and "على يد Y" Y is the doer; in "هجوم استهدف Y" the subject is the
attack and Y its target. The lexicons here are in ``normalize``d form; the rules that read
them live in ``marsad.annotate.events``.
"""

from __future__ import annotations

import unicodedata

from marsad.arabic.normalize import normalize


def _norm(text: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in text.split())


# Verbal nouns (and agent nouns) whose following genitive is the one acted on:
# "مقتل X", "اغتيال X", "اعتقال X", "قتلة X" ("X's killers").
# Only forms that cannot be a finite verb ("قتل X" may be "he killed X").
PATIENT_NOUNS = _norm(
    """
    مقتل اغتيال اعتقال احتجاز اختطاف استهداف إصابة إعدام تصفية ترحيل قتلة تعذيب إخفاء اختفاء
    مصرع استشهاد تفجير
    """
)
# Of these, the ones that name what happened to someone without a doer ("مقتل X" "X's
# death"): the words before them are not their subject.
INTRANSITIVE_NOUNS = _norm("مقتل مصرع إصابة اختفاء استشهاد")
# Words that introduce the doer after an event: "على يد X", "من قبل X", "بأيدي X".
AGENT_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(normalize(w) for w in p.split())
    for p in ("على يد", "على أيدي", "من قبل", "بأيدي", "بيد", "من جانب", "بواسطة")
)
# Instruments of an attack after the preposition ب; the doer follows them as a name
# ("بقصف التحالف", "بغارة للتحالف") or a nationality adjective ("بغارة أمريكية").
INSTRUMENTS = _norm(
    """
    غارة غارات ضربة ضربات قصف طائرة طائرات مسيرة صاروخ صواريخ قذيفة قذائف رصاص رصاصة نيران
    هجوم هجمات عبوة سيارة مدفعية طيران عملية عمليات كمين اشتباكات
    """
)
# Agentive relative verbs after an event noun: "ضربة نفذتها Y", "هجوم تبناه Y".
AGENTIVE_RELATIVE_STEMS = ("نفذ", "شن", "تبنا", "تبني", "ارتكب")
# Verbs of attributing an attack to its doer, after the report: "ونسب الهجوم لمتمردي حزب
# العمال", "ونسبت إلى مقاتلي الحزب", "يُنسب إلى".
ATTRIBUTION_STEMS = tuple(normalize(w) for w in ("نسب", "ينسب", "تنسب"))
# Relative pronouns: a passive verb after one has its victim before it ("X، الذي قُتل").
RELATIVE_PRONOUNS = _norm("الذي التي الذين اللذين اللذان اللتان اللتين اللواتي اللاتي")
# Verbs whose subject is the attack itself ("انفجار استهدف Y", "هجوم طال Y"): their object
# is the target.
ATTACK_SUBJECT_VERBS = ("استهدف", "تستهدف", "يستهدف", "طال", "طالت", "هز", "هزت", "ضرب", "ضربت")
# Event nouns that can be the subject of such a verb.
ATTACK_NOUNS = _norm(
    "هجوم هجمات انفجار انفجارات تفجير تفجيرات غارة غارات ضربة ضربات قصف قذيفة قذائف صاروخ صواريخ عملية"
)
# Undiacritized verb forms that are only passive: "اغتيل", "أصيب", "قضى نحبه".
PASSIVE_FORMS = _norm("اغتيل أصيب")
# Passive light verbs before the verbal noun they carry: "ألقي القبض على X" ("X was
# arrested"): the doer is only named by an agent phrase.
PASSIVE_LIGHT_VERBS = _norm("ألقي وألقي فألقي")
# Auxiliaries that make a following verbal noun passive: "تم اعتقال X", "جرى استهداف X".
PASSIVE_AUXILIARIES = _norm("تم وتم جرى وجرى يتم ويتم")

_DAMMA = "\u064f"


def is_passive_verb(raw: str) -> bool:
    """A finite verb written with its passive vowel ("قُتل", "اعتُقل", "استُهدف", "أُعدم"):
    a damma on one of its first three letters; or a form that is only passive."""
    word = unicodedata.normalize("NFC", raw)
    letters = [ch for ch in word if unicodedata.category(ch).startswith("L")]
    base = normalize(word)
    if len(base) > 3 and base[0] in "وف":
        base = base[1:]
    if base in PASSIVE_FORMS or any(base.startswith(p) and len(base) - len(p) <= 2 for p in PASSIVE_FORMS):
        return True
    seen = 0
    for ch in word:
        if unicodedata.category(ch).startswith("L"):
            seen += 1
        elif ch == _DAMMA and 1 <= seen <= 3:
            return len(letters) >= 3
    return False


def verb_number(word: str) -> int | None:
    """How many subjects a verb's suffix names: 2 for the dual (قُتلا), None for a plural or
    unknown (قُتلوا: a whole group), 1 otherwise."""
    w = normalize(word)
    if w.endswith(("وا", "ون")):
        return None
    if w.endswith(("ا", "تا")) and len(w) > 3:
        return 2
    return 1


def agentive_relative(word: str) -> bool:
    """ "نفذتها", "شنه", "تبناه", "يشنها": a verb of carrying out with a pronoun for the event."""
    w = normalize(word)
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    forms = (w, w[1:]) if len(w) > 3 and w[0] in "يت" else (w,)  # the imperfective "يشنها"
    return any(f.startswith(stem) and len(f) > len(stem) for f in forms for stem in AGENTIVE_RELATIVE_STEMS)


# Nouns heading a title in construct state before a place or body: "ولي عهد أبوظبي",
# "رئيس الحكومة اليمنية", "سفير الولايات المتحدة". A place or body right after one of them,
# with a person named just before the title, describes that person and is no party.
TITLE_HEADS = _norm(
    """
    رئيس رئيسة نائب وزير وزيرة ولي عهد أمير ملك سفير سفيرة قائد مدير أمين حاكم محافظ مستشار
    ممثل مبعوث مندوب زعيم عضو رئاسة ناطق متحدث الناطق المتحدث باسم عام
    """
)
# Words that may stand between a governing preposition and the name it governs ("مع رئيس
# هيئة الأركان المشتركة الجنرال تشارلز براون"): construct heads of titles and bodies;
# words with the article ("الأركان", "الجنرال") pass too.
NP_HEADS = TITLE_HEADS | _norm(
    """
    هيئة مجلس وزارة قيادة جهاز مكتب حركة حزب جماعة عناصر مقاتلي مسلحي متمردي قوات رجال
    وفد وفدا ميليشيا ميليشيات تنظيم الشيخ الأمير الجنرال الدكتور المهندس العميد اللواء
    """
)
# Verbs and verbal nouns of condemning an act: their object is an act ("أدانت المملكة
# الجريمة التي نفذها مستوطنون"), whose doer is the target; the victim of the act is not.
CONDEMN_STEMS = tuple(sorted(_norm("أدان دان يدين تدين استنكر يستنكر تستنكر ندد يندد تندد شجب")))
CONDEMN_NOUNS = _norm("إدانة ادانة استنكار تنديد شجب")
# Nouns that name the condemned act when they follow a condemning verb.
ACT_NOUNS = _norm(
    """
    جريمة الجريمة جرائم الجرائم اعتداء الاعتداء اعتداءات الاعتداءات حادث الحادث حادثة الحادثة
    واقعة عمل العمل عملية العملية أعمال الأعمال
    """
)
# Possessive pronouns on a verbal noun: "استقباله X" ("his receiving X") names the doer by
# a pronoun whose antecedent is the last party named before it.
POSSESSIVE_ENDINGS = ("ه", "ها", "هما", "هم")


def condemns(word: str) -> bool:
    """ "أدانت", "واستنكر", "إدانة": a verb or verbal noun of condemning."""
    w = normalize(word)
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    return w in CONDEMN_NOUNS or any(w.startswith(stem) and len(w) - len(stem) <= 2 for stem in CONDEMN_STEMS)


# Light verbs whose object is the event noun and whose subject is its doer: "أجرى X زيارة",
# "قام وفد بزيارة", "عقد الطرفان اجتماعا", "شنت الطائرات غارات".
LIGHT_VERBS = _norm(
    """
    أجرى أجرت يجري تجري قام قامت يقوم تقوم عقد عقدت يعقد تعقد نظم نظمت ينظم تنظم شن شنت يشن
    تشن نفذ نفذت ينفذ تنفذ أطلق أطلقت واصل واصلت يواصل تواصل
    """
)
# A preposition with a pronoun right after a trigger names its object by the pronoun ("ألقت
# الشرطة القبض عليه"): names later in the clause are not its object.
PRONOUN_OBJECTS = _norm("عليه عليها عليهم عليهما معه معها معهم له لها لهم به بها بهم إليه إليها إليهم")
# Words that cannot begin the noun phrase of a subject or object after a verb: particles,
# prepositions, pronouns, demonstratives and time adverbs ("أدانت المملكة بأشد العبارات",
# "اتهمت مقيمة يتيمة أحد المستشفيات": the phrase is "المملكة", "مقيمة يتيمة").
NP_STOPS = _norm(
    """
    في من على إلى الى عن مع أن إن ان أنه انه لا لم لن قد كما بين خلال بعد قبل عند حتى ما
    التي الذي الذين هذا هذه ذلك تلك هو هي هم أيضا أمس اليوم غدا مساء صباح الليلة أول أمس
    كان كانت يوم اليوم، وقد فقد لقد ثم حيث إذ إذا لو منذ عبر نحو لدى ضد بشأن حول إثر اثر
    جراء عقب أثناء اثناء بأن بانه فيما بينما وفي ومن وعلى وإلى ومع
    معه معها معهم معهما عليه عليها عليهم له لها لهم لهما به بها بهم فيه فيها منه منها عنه
    عنها إليه إليها إليهم لديه لديها نفسه نفسها
    """
)

# Particles that may stand before a clause's verb: "كما أدان X", "وقد التقى X", "بينما
# اتهمت X". A trigger with only these before it in its clause begins a verb-first clause.
CLAUSE_LEADS = _norm("و ف كما وكما قد وقد فقد لقد ثم حيث فيما بينما إذ كذلك وكذلك أيضا فيما")

# Forms of كان that open a clause before its subject ("وكانت الشرطة قد اعتقلت X").
KANA = _norm("كان كانت وكان وكانت فكان فكانت")
# Complementizers after a speech or attribution verb: "أفاد الجيش بأن انتحاريا اقتحم",
# "قال X إن Y قتل": the names before one are the speaker, not the event's parties.
COMPLEMENTIZERS = _norm("أن إن بأن وأن لأن فإن وإن")
# Words that open a clause about what came before ("مما أسفر عن مقتل 10 عسكريين"): its
# names are not the parties of the event before them.
CLAUSE_OPENERS = RELATIVE_PRONOUNS | _norm("مما ما حيث")

# Quantifiers that head a noun phrase before the noun they count ("ثلاث منظمات حقوقية").
QUANTIFIERS = _norm("ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة عشر عشرة عدة بعض جميع إحدى أحد")


# Common nouns that name a party to an event without a name (only the definite "المعارضة" is
# the opposition; "معارضة القرار" is opposing it): "مسلحون", "جنود", "مدنيين",
# "المتظاهرين", "مستوطنون". They are participants as text (a nationality adjective after
# them gives the country: "الطائرات الحربية التركية"), with the sector they imply.
_GROUP_NOUNS_BY_SECTOR = """
REB: مسلح مسلحون مسلحين مسلحي مسلحا متمردين متمردون متمردي متمردا ارهابيين ارهابيون ارهابيا
REB: متطرفين متطرفون مقاتلين مقاتلون مقاتلا مقاتلي متطرف جماعات
REB: متمرد
REB: انتحاري انتحاريا انتحارية انتحاريان انتحاريين انتحاريتان انتحاريتين مهاجم مهاجمين مهاجمون مسلحان
MIL: جيش جنود جندي جنديا جنديين جنديان عسكريين عسكريا عسكريون ضباط ضابط قوات طائرات مقاتلات
COP: شرطه شرطي شرطيا شرطيين
CVL: مدنيين مدنيون مدنيا مواطنين مواطنون مواطنا اشخاص شخصا سكان اطفال نساء مستوطنين مستوطنون
CVL: مستوطن شبان
GOV: مسؤولين مسؤولون مسئولين مسئولون وزراء
OPP: متظاهرين متظاهرون محتجين محتجون نشطاء ناشطين ناشطون
OPP: معارضون معارضين المعارضه والمعارضه
"""
# Plural and accusative endings of a nationality or group adjective used as a noun after a
# count ("20 فلسطينيا", "ثلاثة فلسطينيين", "ثمانية حوثيين", "خمسة نيباليين"): the counted
# people are a party.
COUNTED_PEOPLE_ENDINGS = ("يين", "يون", "يا")
GROUP_NOUNS: dict[str, str] = {
    normalize(word): line.split(":")[0]
    for line in _GROUP_NOUNS_BY_SECTOR.strip().splitlines()
    for word in line.split(":")[1].split()
}
# Nouns of one or two unnamed people ("رجل", "امرأتان", "شخصين", "طفل"): civilian parties,
# read with a relative adjective after them ("رجل آسيوي", "شاب يهودي").
PERSON_NOUNS = _norm(
    """
    رجل رجلا رجلين امرأة امرأتان امرأتين سيدة سيدتان شخص شخصين شخصان طفل طفلا طفلة طفلين رضيع
    فتى فتاة شاب شابا مراهق مراهقا صبي
    """
)
GROUP_NOUNS |= dict.fromkeys(PERSON_NOUNS, "CVL")


# Titles and bodies that stand for a party already named, or for one left unnamed: "الوزير",
# "الرئيس", "الوفد", "المتحدث", "الوزارة", "اللجنة", "الشركة". Read only where an event has
# no participant at all; a title is resolved to the person the article introduced with it
# (``marsad.annotate.actors.title_antecedent``), a body to the body it named in full.
_PARTY_NOUNS_BY_SECTOR = """
GOV: وزير وزيرة رئيس رئيسة نائب سفير سفيرة أمير ملك عاهل حاكم محافظ وفد مبعوث مندوب
GOV: متحدث ناطق مسؤول مسئول مستشار أمين وكيل
GOV: وزارة حكومة رئاسة سفارة هيئة لجنة مجلس ديوان إمارة بلدية أمانة محكمة نيابة
GOV: سلطات
LEG: برلمان نواب
MIL: قائد قيادة
COP: شرطة
BUS: شركة مؤسسة بنك مصرف صندوق
EDU: جامعة مدرسة كلية
ORG: منظمة جمعية اتحاد نادي مركز تحالف ائتلاف حزب حركة جبهة جماعة تنظيم
"""
PARTY_NOUNS: dict[str, str] = {
    normalize(word): line.split(":")[0]
    for line in _PARTY_NOUNS_BY_SECTOR.strip().splitlines()
    for word in line.split(":")[1].split()
}
# Feminine and construct spellings of a title head, read as the masculine: "الوزيرة" names
# the one introduced as "وزيرة الخارجية" as well.
_TITLE_FORMS = {
    normalize(f): normalize(m) for f, m in (("وزيرة", "وزير"), ("رئيسة", "رئيس"), ("سفيرة", "سفير"))
}
# Heads that name a person (a title) rather than a body.
PERSON_TITLES = _norm(
    """
    وزير رئيس نائب سفير أمير ملك عاهل حاكم محافظ مبعوث مندوب متحدث ناطق مستشار أمين وكيل قائد
    """
)


def party_noun(word: str) -> str | None:
    """The head of a title or body ("والوزير" → "وزير", "للجنة" → "لجنة"), normalized and
    without its clitics and article; None when the word is none."""
    w = normalize(word)
    for form in _clitic_readings(w):
        if form in PARTY_NOUNS:
            return _TITLE_FORMS.get(form, form)
    return None


def _clitic_readings(w: str) -> tuple[str, ...]:
    """A word read whole first, then without و/ف, a preposition and the article."""
    out = [w]
    rest = w[1:] if len(w) > 3 and w[0] in "وف" else w
    out.append(rest)
    if rest.startswith("لل") and len(rest) > 4:
        out += [rest[1:], rest[2:]]  # "للجنة" (ل + لجنة), "للحكومة" (ل + الحكومة)
    if rest[:1] in "بلك" and rest[1:3] == "ال":
        rest = rest[1:]
    if rest.startswith("ال") and len(rest) > 4:
        out.append(rest[2:])
    return tuple(dict.fromkeys(out))


def word_readings(word: str) -> frozenset[str]:
    """A word normalized as written and without its possible clitics ("لفيلق" → "لفيلق",
    "فيلق"; "والقائد" → "قايد"), to compare the words of two spellings of one title."""
    w = normalize(word)
    out = set(_clitic_readings(w))
    if len(w) > 3 and w[0] in "بل":
        out.add(w[1:])  # a preposition on a noun in construct ("لفيلق القدس")
    return frozenset(out)
