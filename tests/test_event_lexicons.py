"""The Arabic lexicons behind event triggers: modality cues, time words, new types."""

from __future__ import annotations

import pytest

from marsad.annotate.events import EventAnnotator, build, find_triggers
from marsad.arabic.event_verbs import match_word
from marsad.arabic.modality import is_hypothetical
from marsad.arabic.normalize import normalize
from marsad.arabic.sentences import split_sentences
from marsad.arabic.time_words import is_time_word
from marsad.arabic.tokens import tokenize
from marsad.model import AnalyzedArticle, Article


def _doc(text: str) -> AnalyzedArticle:
    article = Article(
        id="a1", source="t", url=None, title=None, published="2015-08-02", language="ar", text=text
    )
    return AnalyzedArticle(article=article, sentences=split_sentences(text))


def _words(text: str) -> list[str]:
    return [normalize(w) for w in text.split()]


@pytest.mark.parametrize(
    ("before", "trigger", "expected"),
    [
        ("قال إن القوات", "هاجمت", False),  # complementizer, not "if"
        ("وقد", "هاجمت", False),  # قد + perfective = "has"
        ("لقد", "اجتمع", False),
        ("قد", "تهاجم", True),  # قد + imperfective = "may"
        ("وأضاف أنه قد", "يلتقي", True),
        ("إذا ما", "هاجمت", True),
        ("في حال", "هاجمت", True),
        ("ومن الممكن أن", "يلتقي", True),
    ],
)
def test_hypothetical_cues_in_context(before, trigger, expected):
    assert is_hypothetical(_words(before), normalize(trigger)) is expected


def test_past_fact_after_qad_is_not_hypothetical():
    doc = _doc("وقد هاجمت القوات مواقع المسلحين.")
    EventAnnotator(None).annotate(doc)
    assert [(m.type, m.hypothetical) for m in doc.event_mentions] == [("ASSAULT", False)]


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("فجر السبت", 0, True),
        ("منذ فجر اليوم", 1, True),
        ("صلاة الفجر", 1, True),
        ("وصلت فجرا", 1, True),
        ("فجر انتحاري نفسه", 0, False),
        ("فجروا السيارة", 0, False),
        ("استعدادا للفجر", 1, True),  # ل + ال: the one clitic table reads لل
        ("سفجر السبت", 0, False),  # the future marker: the verb
    ],
)
def test_dawn_is_a_time_word(text, index, expected):
    assert is_time_word(_words(text), index) is expected


def test_dawn_does_not_trigger_an_explosion():
    assert find_triggers(tokenize("وصل الوفد فجر السبت إلى بغداد")) == []
    hits = find_triggers(tokenize("فجر انتحاري نفسه في سوق"))
    assert (hits[0].first, hits[0].type, hits[0].mode) == (0, "ASSAULT", "explosives")


@pytest.mark.parametrize(
    ("word", "etype", "mode"),
    [
        ("افتتاح", "SUPPORT", None),
        ("الانتخابات", "ELECTION", "election"),
        ("يصوتون", "ELECTION", "vote"),
        ("الاستفتاء", "ELECTION", "referendum"),
        ("مصرع", "ASSAULT", None),
        ("إعدام", "ASSAULT", None),
    ],
)
def test_missing_types_are_triggers(word, etype, mode):
    trigger = match_word(word)
    assert trigger is not None and (trigger.type, trigger.mode) == (etype, mode)


@pytest.mark.parametrize("word", ["صوت", "عدم", "بصوت"])
def test_voice_and_lack_are_not_triggers(word):
    assert match_word(word) is None


def test_withdrawal_from_an_agreement_is_not_a_troop_withdrawal():
    hits = find_triggers(tokenize("أعلنت واشنطن الانسحاب من الاتفاق النووي"))
    assert [(h.type, h.mode) for h in hits] == [("SANCTION", "withdraw")]
    hits = find_triggers(tokenize("وبدأ انسحاب القوات من المدينة"))
    assert [(h.type, h.mode) for h in hits] == [("RETREAT", "withdraw")]


def test_embassy_opening_is_an_event():
    hits = find_triggers(tokenize("شارك الوزير في افتتاح السفارة الجديدة"))
    assert [h.type for h in hits] == ["SUPPORT"]


@pytest.mark.parametrize(
    "text",
    [
        "وقالت إن روسيا تشن هجمات بصواريخ كروز على مواقع في سوريا.",
        "وأعلن التحالف توجيه ضربات جوية لمواقع التنظيم.",
    ],
)
def test_launched_strikes_are_not_vetoed(text):
    doc = _doc(text)
    build("fast").annotate(doc)
    assert "ASSAULT" in {m.type for m in doc.event_mentions}


def test_dawn_before_the_day_before_yesterday_is_a_time_word():
    # "نفذها مستوطنون فجر أول من أمس": at dawn two days ago, not "blew up"
    assert is_time_word(_words("مستوطنون فجر أول من أمس"), 1) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وفرقت الشرطة المتظاهرين بالقوة", []),  # protesters as a party: no protest event
        ("ويقول الدليل إنه يجب تجنب أي احتكاك مع المتظاهرين", []),
        ("خرج آلاف المتظاهرين في رام الله", ["المتظاهرين"]),  # a counted crowd
        ("تجمع نحو 500 متظاهر أمام المحكمة", ["متظاهر"]),
        ("احتشد الآلاف من المتظاهرين أمام البرلمان", ["احتشد", "المتظاهرين"]),
        ("وهتف المتظاهرون ضد الحكومة", ["وهتف"]),  # the act, not the actors
    ],
)
def test_protesters_are_an_event_only_as_a_counted_crowd(text, expected):
    tokens = tokenize(text)
    found = [
        " ".join(t.text for t in tokens[h.first : h.last])
        for h in find_triggers(tokens)
        if h.type == "PROTEST"
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "sure"),
    [
        ("هدفا للطيران الذي شن أمس أربع غارات عليها", True),  # launched, a time and a count between
        ("إن التحالف نفذ 29 ضربة جوية ضد التنظيم", True),
        ("تعرض معسكر غورما لهجوم إرهابي", True),  # suffered
        ("وتعرض المسجد إلى تفجير إرهابي", True),
        ("قال إنه تعرض للتعذيب في السجن", False),  # claims of torture are left to the detector
        ("بسبب ارتفاع الأسعار جراء قصف الميليشيات للمطار", True),  # cause role
        ("استنكر الحلف مقتل أحد المواطنين برصاص جنود", True),  # the doer's weapon
        ("جريمة إحراق الرضيع على يد مستوطنين", True),  # by the hand of
        ("أكدت المصادر مصرع 6 من مقاتلي الحزب", True),  # a killing with its toll
        ("هجوم انتحاري أسفر عن مقتل ثلاثة", True),
        ("قد توجه إسرائيل ضربة إلى إيران", False),  # a threat
        ("وبعد ساعات قامت دبابة إسرائيلية بقصف أحد المنازل", True),  # قام with its ب-object
        ("حراس السجن يقومون بتعذيب السجناء بشكل روتيني", False),  # habitual, not a strike
        ("لم تقم الطائرات بقصف المدينة", False),
        ("أكدت مصادر مصرع ستة من مقاتلي الحزب خلال المواجهات", True),  # a toll in words
        ("استشهاد «آل منصور» بقذيفة حوثية غادرة في نجران", True),  # killed with a weapon
        ("في ذكرى استشهاد الحسين", False),
        ("ورجحت واشنطن الهجوم على الموقع", False),
    ],
)
def test_plain_strike_reports_are_never_vetoed(text, sure):
    from marsad.annotate.events import lexicon_evidence

    assert lexicon_evidence(text, "ASSAULT") == (True, sure)


def test_martyrdom_and_seizure_are_events():
    assert (match_word("استشهد").type, match_word("واستشهاد").type) == ("ASSAULT", "ASSAULT")
    assert match_word("وضبطت").type == "COERCE"
    assert find_triggers(tokenize("دعا الطرفين إلى ضبط النفس"))[1:] == []


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("مصرع طيار روسي وإصابة آخر في تحطم مروحية خلال استعراض جوي", False),
        ("إصابة ثلاثة أشخاص في حادث سير على طريق الرياض", False),
        ("مقتل خمسة في حادث إرهابي استهدف مسجدا", True),  # terror: an attack
        ("مقتل خمسة في قصف على الحي بعد حادث الأمس", True),  # a strike is named
        ("مصرع ستة من مقاتلي الحزب خلال المواجهات", True),
    ],
)
def test_accident_casualties_are_no_assault(text, assault):
    assert any(h.type == "ASSAULT" for h in find_triggers(tokenize(text))) is assault


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قام الباحثون بتحليل بيانات أكثر من 750 طالبا", []),  # students after a count
        ("فلديها بعض طلبة المدارس الأهلية", []),  # the plural of a student
        ("وخرج المحتجون طالبا بعضهم برحيل الحكومة", ["طالبا"]),  # demanding
        ("وقدم طلبه إلى الوزارة", ["طلبه"]),  # his request
        ("تكثف فرق الدفاع المدني جهودها للبحث عن اثنين من المفقودين", []),  # searching for
        ("وشهدت المملكة تقدما في مجال البحث العلمي", []),
        ("بحث وزير الخارجية مع نظيره العلاقات الثنائية", ["بحث"]),  # discussed
    ],
)
def test_students_and_searching_are_not_requests_or_talks(text, expected):
    tokens = tokenize(text)
    found = [
        " ".join(t.text for t in tokens[h.first : h.last])
        for h in find_triggers(tokens)
        if h.type in ("REQUEST", "CONSULT")
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تراجع الطلب على النفط الخام في الأسواق", []),  # the market's demand
        ("وتحدد الأسعار بحسب العرض والطلب", []),
        ("قدم الوزير الطلب إلى المجلس", ["الطلب"]),  # a request
        ("بلغ عدد الناجحين 89 طالبا وطالبة", []),  # a female student
        ("بإتمام ثلاثين طالبًا وطالبة لبرنامج القادة", []),  # students, counted in words
        ("وشاركت طالبات المدارس في الحفل", []),
        ("وطالبت الحكومة بوقف القتال", ["وطالبت"]),  # demanded
        ("توقع خبراء وباحثون اقتصاديون طفرة عمرانية", []),  # researchers, not ب + يحث
        ("ويحث الوزير الأطراف على التهدئة", ["ويحث"]),
        ("بحثت عن الرواية طويلا حتى وجدتها", []),  # searching for
        ("ويبحث المطور عن المشتري", []),
        ("ويبحث الوزير مع نظيره التعاون", ["ويبحث"]),  # talks
    ],
)
def test_demand_students_researchers_and_searching_are_not_requests_or_talks(text, expected):
    tokens = tokenize(text)
    found = [
        " ".join(t.text for t in tokens[h.first : h.last])
        for h in find_triggers(tokens)
        if h.type in ("REQUEST", "CONSULT")
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("وصل دعم الطاقة في الإمارات إلى 12 مليار دولار", []),  # a subsidy
        ("أكد أن بلاده ستواصل دعم الجيش المصري", ["SUPPORT"]),
        ("أطلق سراحه لقاء كفالة قدرها خمسة ملايين دولار", []),  # in exchange for
        ("عقد لقاء بين الوزيرين في الرياض", ["CONSULT"]),
        ("طلب عدد من الأشقاء الحصول على تأشيرة الزيارة", ["REQUEST"]),  # a visa, not a visit
        ("واصل الفريق تدريباته الاعتيادية على فترتين", []),  # practice sessions
        ("ستواصل تقديم التدريب للقوات العراقية", ["AID"]),
        ("سيطرة كتلة هوائية حارة مع تكون السحب الركامية", []),  # clouds
        ("قررت الحكومة سحب سفيرها من طهران", ["RETREAT"]),
    ],
)
def test_subsidies_prices_visas_drills_and_clouds_are_no_events(text, types):
    assert [h.type for h in find_triggers(tokenize(text))] == types


@pytest.mark.parametrize(
    "text",
    [
        "بعث خادم الحرمين الشريفين برقية تهنئة لرئيس سويسرا بمناسبة ذكرى اليوم الوطني لبلاده",
        "بعث ولي العهد برقية عزاء ومواساة لأمير الكويت في وفاة الشيخ",
        "وأعرب الملك في البرقية عن أحر التهاني وأطيب التمنيات",
    ],
)
def test_congratulation_and_condolence_cables_are_not_coded(text):
    # docs/EXPORT.md: PLOVER has no type for them, and Marsad deliberately codes none
    assert find_triggers(tokenize(text)) == []


@pytest.mark.parametrize(
    ("lexicon", "sure", "probability", "kept"),
    [
        (True, False, 0.7, True),  # the detector confirms
        (True, False, 0.3, False),  # vetoed
        (True, True, 0.3, True),  # sure: kept below the veto
        (True, True, 0.05, False),  # ... but not when the detector all but rules it out
        (False, False, 0.9, True),  # the detector alone, confident
        (False, True, 0.5, False),
    ],
)
def test_combination_keeps_sure_triggers_only_above_their_floor(lexicon, sure, probability, kept):
    from marsad.annotate.events import combine

    assert combine(lexicon, sure, probability, 0.6, 0.8, 0.1) is kept


def test_annotator_vetoes_a_sure_strike_the_detector_rules_out():
    """The pipeline applies the same floor as ``combine``: a launched strike (never vetoed
    by the lexicon) is kept at a middling probability and dropped below the floor."""
    from marsad.annotate.event_detector import LinearModel, SentenceDetector

    text = "وقالت المصادر إن التحالف نفذ 29 ضربة جوية ضد التنظيم."

    def detector(bias: float) -> SentenceDetector:
        models = {t: LinearModel({}, bias) for t in ("PROTEST", "ASSAULT")}
        return SentenceDetector(
            models,
            dict.fromkeys(models, 0.6),
            dict.fromkeys(models, 1.01),
            dict.fromkeys(models, 0.6),
            dict.fromkeys(models, 0.1),
        )

    def assaults(bias: float) -> int:
        doc = _doc(text)
        EventAnnotator(detector(bias)).annotate(doc)
        return sum(m.type == "ASSAULT" for m in doc.event_mentions)

    assert assaults(-1.0) == 1  # p 0.27: below the veto, above the floor
    assert assaults(-3.0) == 0  # p 0.05: below the floor


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("جزء من طائرة بوينغ 777 وهو نفس طراز رحلة الخطوط الماليزية", []),  # a flight
        ("ألغت الشركة عدة رحلات إلى المطار", []),
        ("قررت السلطات ترحيل العمال المخالفين", ["COERCE"]),  # deported
        ("أصدرت وزارة الداخلية بيانا بشأن تنفيذ حكم القصاص في أحد الجناة", ["ASSAULT"]),
        ("تم اليوم تنفيذ حكم القتل قصاصا بحق الجاني", ["ASSAULT", "ASSAULT"]),
    ],
)
def test_flights_are_not_deportations_and_retribution_executions_are_assaults(text, types):
    # one type for one execution across outlets, whichever wording each statement takes
    assert [h.type for h in find_triggers(tokenize(text))] == types


def test_a_retribution_execution_is_a_plain_report():
    from marsad.annotate.events import lexicon_evidence

    assert lexicon_evidence("أصدرت وزارة الداخلية بيانا بشأن تنفيذ حكم القصاص في أحد الجناة", "ASSAULT") == (
        True,
        True,
    )


@pytest.mark.parametrize(
    ("text", "protests"),
    [
        ("تظاهر عشرات الصحفيين المصريين أمس، احتجاجا على اعتقال زملائهم", ["تظاهر"]),  # its motive
        ("ستتوقف حركة المترو لمدة 24 ساعة احتجاجا على ظروف العمل", ["احتجاجا"]),  # a protest alone
        ("أحرق الشاب نفسه احتجاجا على الظلم", ["احتجاجا"]),  # after another act: still a protest
    ],
)
def test_in_protest_after_a_protest_is_its_motive_not_a_second_protest(text, protests):
    tokens = tokenize(text)
    found = [tokens[h.first].text for h in find_triggers(tokens) if h.type == "PROTEST"]
    assert found == protests


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("السائد", None),  # prevailing: not س + أ + يد
        ("فائدة", None),  # benefit
        ("النشيد", None),  # the anthem: a verb never takes the article
        ("يشيد", "-شيد"),  # praises
        ("سأؤيد", "-ويد"),  # I will support
        ("يتظاهرون", "-تظاهر"),
    ],
)
def test_imperfective_verbs_take_no_article_and_no_long_a(word, lemma):
    trigger = match_word(word)
    assert (trigger.lemma if trigger else None) == lemma


def test_a_trading_session_opening_is_no_ceremony():
    assert find_triggers(tokenize("تراجع المؤشر بعد نصف ساعة من افتتاح الجلسة")) == []
    assert [h.type for h in find_triggers(tokenize("افتتح الوزير السفارة الجديدة"))] == ["SUPPORT"]
