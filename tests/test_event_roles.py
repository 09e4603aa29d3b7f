"""Who acted on whom, from Arabic constructions; mention dates from context; Hijri years."""

from __future__ import annotations

from marsad.annotate.events import EventAnnotator
from marsad.annotate.times import find_times
from marsad.arabic.roles import is_passive_verb, verb_number
from marsad.arabic.sentences import split_sentences
from marsad.model import AnalyzedArticle, Article, Mention, TimeExpr


def _doc(text: str, mentions=(), times=(), published: str | None = "2015-08-02") -> AnalyzedArticle:
    article = Article(
        id="a1", source="t", url=None, title=None, published=published, language="ar", text=text
    )
    doc = AnalyzedArticle(article=article, sentences=split_sentences(text))
    for surface, etype, actor in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention("a1", start, start + len(surface), surface, etype, actor))
    for surface, value, precision in times:
        start = text.index(surface)
        doc.times.append(TimeExpr("a1", start, start + len(surface), surface, value, precision))
    return doc


def _events(doc: AnalyzedArticle, etype: str = "ASSAULT"):
    EventAnnotator(None).annotate(doc)
    return [m for m in doc.event_mentions if m.type == etype]


def test_passive_vowel_and_number():
    assert is_passive_verb("قُتل") and is_passive_verb("اعتُقل") and is_passive_verb("اغتيل")
    assert not is_passive_verb("قتل") and not is_passive_verb("هاجم")
    assert verb_number("قُتلا") == 2 and verb_number("قُتلوا") is None and verb_number("قُتل") == 1


def test_masdar_with_an_instrument_and_a_nationality():
    doc = _doc("أعلنت مصادر مقتل أبو بكر بغارة أمريكية قرب الرقة.", [("أبو بكر", "PER", "p-abu-bakr")])
    event = _events(doc)[0]
    assert event.targets == ["p-abu-bakr"]
    assert event.sources == ["usa"]


def test_passive_verb_victim_and_agent():
    doc = _doc(
        "قُتل زيد على يد مسلحي داعش في الموصل.",
        [("زيد", "PER", "p-zaid"), ("داعش", "ORG", "imgrel-isis"), ("الموصل", "GPE", "irq-mosul")],
    )
    (event,) = _events(doc)
    assert (event.sources, event.targets) == (["imgrel-isis"], ["p-zaid"])


def test_agentive_relative_clause():
    doc = _doc(
        "قُتل زيد في ضربة نفذتها قوات التحالف شمال البلاد.",
        [("زيد", "PER", "p-zaid"), ("قوات التحالف", "ORG", "mil-coalition-forces")],
    )
    events = _events(doc)
    assert events[0].sources == ["mil-coalition-forces"] and events[0].targets == ["p-zaid"]


def test_attack_as_subject_makes_the_object_a_target():
    doc = _doc("هجوم استهدف الجيش العراقي قرب الفلوجة.", [("الجيش العراقي", "ORG", "irq-mil-army")])
    events = _events(doc)
    assert any(e.targets == ["irq-mil-army"] and not e.sources for e in events)


def test_relative_passive_takes_its_two_antecedents():
    doc = _doc(
        "في إشارة إلى قاسم سليماني وأبو مهدي المهندس ، اللذين قُتلا بطائرة مسيرة أميركية في بغداد.",
        [
            ("قاسم سليماني", "PER", "irn-mil-qasem-soleimani"),
            ("أبو مهدي المهندس", "PER", "irq-reb-abu-mahdi-al-muhandis"),
            ("بغداد", "GPE", "irq-baghdad"),
        ],
    )
    (event,) = _events(doc)
    assert event.sources == ["usa"]
    assert event.targets == ["irn-mil-qasem-soleimani", "irq-reb-abu-mahdi-al-muhandis"]
    assert event.location == "irq-baghdad"


def test_active_verb_keeps_its_order():
    doc = _doc(
        "هاجم الجيش العراقي مواقع داعش.",
        [("الجيش العراقي", "ORG", "irq-mil-army"), ("داعش", "ORG", "imgrel-isis")],
    )
    (event,) = _events(doc)
    assert (event.sources, event.targets) == (["irq-mil-army"], ["imgrel-isis"])


def test_quoted_name_does_not_end_the_clause_and_counterpart_after_a_comma():
    doc = _doc(
        'وقد التقى "الأعرجي" في العاصمة البحرينية المنامة، رئيس اللجنة، الأدميرال كافو دراكوني.',
        [("الأعرجي", "PER", "araji"), ("المنامة", "GPE", None), ("كافو دراكوني", "PER", "dragone")],
    )
    (event,) = _events(doc, "CONSULT")
    assert (event.sources, event.targets, event.location) == (["araji"], ["dragone"], "المنامة")


def test_undated_sentence_takes_the_day_of_its_paragraph():
    doc = _doc(
        "وصل الوزير إلى بغداد الثلاثاء. والتقى نظيره العراقي.\nوفي ملف آخر، اجتمع المجلس.",
        times=[("الثلاثاء", "2015-07-28", "day")],
    )
    EventAnnotator(None).annotate(doc)
    dates = {m.text: (m.date, m.date_precision) for m in doc.event_mentions}
    assert dates["والتقى"] == ("2015-07-28", "day")
    assert dates["اجتمع"] == ("2015-08", "month")  # another paragraph


def test_a_far_date_in_the_paragraph_is_not_the_event_day():
    doc = _doc(
        "في 3 يناير 2010 تأسس المجلس. والتقى الوزير نظيره.", times=[("3 يناير 2010", "2010-01-03", "day")]
    )
    EventAnnotator(None).annotate(doc)
    (event,) = [m for m in doc.event_mentions if m.text == "والتقى"]
    assert (event.date, event.date_precision) == ("2015-08", "month")


def test_a_recalled_event_does_not_take_the_sentence_date():
    doc = _doc(
        "في العام الماضي أصدر القضاء مذكرة بحق ترامب بتهمة اغتيال سليماني.",
        [("ترامب", "PER", "trump"), ("سليماني", "PER", "soleimani")],
        [("العام الماضي", "2014", "year")],
    )
    events = _events(doc)
    assert events and all(e.date is None for e in events)


def test_bare_hijri_years_are_hijri():
    for text in ("ضمن خطة وزارة الحج لعام 1436", "خلال العام الحالي 1436"):
        (time,) = find_times(text, "2015-08-02")
        assert (time.value, time.end_value) == ("2014-10-25", "2015-10-13")
    (gregorian,) = find_times("في عام 2014", "2015-08-02")
    assert gregorian.value == "2014"


def test_a_dropped_subject_is_carried_within_the_paragraph():
    doc = _doc(
        "استقبل الوزير خالد الفيصل أمس السفير. وبحث معه العلاقات.\nوطالب بالإسراع.",
        [("خالد الفيصل", "PER", "p-faisal")],
    )
    EventAnnotator(None).annotate(doc)
    sources = {m.text: m.sources for m in doc.event_mentions}
    assert sources["وبحث"] == ["p-faisal"]
    assert sources["وطالب"] == []  # another paragraph


def _one(doc: AnalyzedArticle, etype: str, trigger: str):
    (event,) = [m for m in _events(doc, etype) if m.text == trigger]
    return event


def test_a_place_in_a_persons_title_is_no_party():
    doc = _doc(
        "استقبل الشيخ محمد بن زايد ولي عهد أبوظبي في قصره أمس وزير الخارجية عادل الجبير.",
        [
            ("محمد بن زايد", "PER", "p-mbz"),
            ("أبوظبي", "GPE", "are-abu-dhabi"),
            ("عادل الجبير", "PER", "p-jubeir"),
        ],
    )
    event = _one(doc, "CONSULT", "استقبل")
    assert (event.sources, event.targets) == (["p-mbz"], ["p-jubeir"])


def test_a_target_preposition_governs_the_name_after_its_title():
    doc = _doc(
        "والتقى زيد مع رئيس هيئة الأركان المشتركة الجنرال عمرو.",
        [("زيد", "PER", "p-zaid"), ("عمرو", "PER", "p-amr")],
    )
    event = _one(doc, "CONSULT", "والتقى")
    assert (event.sources, event.targets) == (["p-zaid"], ["p-amr"])


def test_a_relative_clause_keeps_its_own_participants():
    doc = _doc(
        "اعتقلت قوات الأمن الإسرائيلية عددا من الشبان الذين تصدوا لعناصر حماس.",
        [("قوات الأمن الإسرائيلية", "ORG", "isr-cop"), ("حماس", "ORG", "pse-hamas")],
    )
    event = _one(doc, "COERCE", "اعتقلت")
    assert event.sources == ["isr-cop"]
    assert "pse-hamas" not in event.targets and event.target_texts == ["الشبان"]


def test_the_direct_object_comes_before_a_later_prepositional_phrase():
    doc = _doc(
        "واتهم حزب الشعوب عمرا بشن الضربات لحرمان الأكراد من مكاسب في الحرب ضد تنظيم داعش.",
        [("حزب الشعوب", "ORG", "p-hdp"), ("عمرا", "PER", "p-amr"), ("داعش", "ORG", "imgrel-isis")],
    )
    event = _one(doc, "ACCUSE", "واتهم")
    assert (event.sources, event.targets) == (["p-hdp"], ["p-amr"])


def test_an_attack_noun_takes_its_doer_as_a_genitive_with_lam():
    doc = _doc(
        "وجرح 24 آخرون صباح الأحد في هجوم انتحاري لمتمردي حزب العمال على مركز للدرك.",
        [("حزب العمال", "ORG", "p-pkk")],
    )
    event = _one(doc, "ASSAULT", "هجوم")
    assert event.sources == ["p-pkk"]


def test_the_doer_after_fi_and_an_instrument():
    doc = _doc("وأفاد شهود بمقتل ثمانية مدنيين في قصف للطائرات الحربية التركية على جبل قنديل.")
    event = _one(doc, "ASSAULT", "بمقتل")
    assert event.sources == ["tur-mil"]
    assert event.target_texts == ["مدنيين"]


def test_a_condemnation_targets_the_acts_doer_never_its_victim():
    doc = _doc(
        "أدانت الخارجية الأمريكية الجريمة الإرهابية التي نفذها مستوطنون ضد عائلة دوابشة.",
        [("الخارجية الأمريكية", "ORG", "usa-gov"), ("دوابشة", "PER", "p-dawabsha")],
    )
    event = _one(doc, "ACCUSE", "أدانت")
    assert event.sources == ["usa-gov"]
    assert event.target_texts == ["مستوطنون"]
    doc = _doc(
        "كما أدان كيري اغتيال النائب العام المصري هشام بركات.",
        [("كيري", "PER", "usa-gov-john-kerry"), ("هشام بركات", "PER", "p-barakat")],
    )
    event = _one(doc, "ACCUSE", "أدان")
    assert (event.sources, event.targets) == (["usa-gov-john-kerry"], [])


def test_unnamed_subject_and_object_of_a_verb_first_clause():
    doc = _doc("بينما اتهمت مقيمة يتيمة أحد المستشفيات الخاصة المعروفة بجدة باحتجاز جثة والدتها.")
    event = _one(doc, "ACCUSE", "اتهمت")
    assert event.source_texts == ["مقيمة يتيمة"]
    assert event.target_texts == ["أحد المستشفيات الخاصة المعروفة"]
    doc = _doc("وأدانت المملكة بأشد العبارات الهجوم.")
    event = _one(doc, "ACCUSE", "وأدانت")
    assert (event.source_texts, event.target_texts) == (["المملكة"], [])


def test_the_speaker_before_a_complementizer_is_no_party():
    doc = _doc("وأفاد الجيش التركي بأن مسلحين هاجموا مركزا للدرك.", [("الجيش التركي", "ORG", "tur-mil")])
    event = _one(doc, "ASSAULT", "هاجموا")
    assert "tur-mil" not in event.sources + event.targets
    assert event.source_texts == ["مسلحين"]


def test_a_clause_after_the_event_keeps_its_names():
    doc = _doc(
        "هاجم مسلحون ثكنة في نامبالا مما أسفر عن مقتل عشرة عسكريين.",
        [("نامبالا", "GPE", "mli-nampala")],
    )
    event = _one(doc, "ASSAULT", "هاجم")
    assert "عسكريين" not in " ".join(event.target_texts)


def test_an_accusative_noun_after_a_verb_is_its_object_and_the_doer_is_carried():
    doc = _doc(
        "هاجم الجيش النيجيري معسكرا للحركة، واعتقل قياديا فيها.",
        [("الجيش النيجيري", "ORG", "nga-mil")],
    )
    event = _one(doc, "COERCE", "واعتقل")
    assert (event.sources, event.target_texts) == (["nga-mil"], ["قياديا"])


def test_an_unnamed_subject_before_a_named_object():
    doc = _doc(
        "أدانت ثلاث منظمات حقوقية دولية تجاهل الاتحاد الأوروبي لحالات الإعدام.",
        [("الاتحاد الأوروبي", "ORG", "igo-eu")],
    )
    event = _one(doc, "ACCUSE", "أدانت")
    assert (event.source_texts, event.targets) == (["ثلاث منظمات حقوقية دولية"], ["igo-eu"])
    doc = _doc(
        "استقبل نائب خادم الحرمين الشريفين الأمير محمد بن نايف السفير.", [("محمد بن نايف", "PER", "p-mbn")]
    )
    assert _one(doc, "CONSULT", "استقبل").sources == ["p-mbn"]  # a title, then its name


def test_the_victim_of_a_verbal_noun_after_a_title():
    doc = _doc(
        "كما أدان كيري اغتيال النائب العام المصري هشام بركات.",
        [("كيري", "PER", "usa-gov-john-kerry"), ("هشام بركات", "PER", "p-barakat")],
    )
    event = _one(doc, "ASSAULT", "اغتيال")
    assert (event.sources, event.targets) == ([], ["p-barakat"])


def test_nationality_adjectives_after_an_event_noun_are_its_parties():
    doc = _doc("وقال إن الحوار الاستراتيجي المصري - الأميركي عكس أشياء بناءة.")
    event = _one(doc, "CONSULT", "الحوار")
    assert (event.sources, event.targets) == (["egy"], ["usa"])


def test_a_definite_event_noun_takes_the_parties_of_the_event_it_refers_to():
    doc = _doc(
        "التقى زيد مع عمرو في بغداد.\nوأضاف أن الاجتماع ساهم في مراجعة العلاقات.",
        [("زيد", "PER", "p-zaid"), ("عمرو", "PER", "p-amr"), ("بغداد", "GPE", "irq-baghdad")],
    )
    meeting = _one(doc, "CONSULT", "الاجتماع")
    assert (meeting.sources, meeting.targets) == (["p-zaid"], ["p-amr"])


def test_a_possessive_pronoun_on_a_verbal_noun_names_the_sentences_topic():
    doc = _doc(
        "وثمن الشيخ زيد دور الملك عمرو، وذلك خلال استقباله أمس المهندس خالد.",
        [("زيد", "PER", "p-zaid"), ("عمرو", "PER", "p-amr"), ("خالد", "PER", "p-khalid")],
    )
    event = _one(doc, "CONSULT", "استقباله")
    assert (event.sources, event.targets) == (["p-zaid"], ["p-khalid"])


def test_a_title_chain_and_a_place_after_bi_dawla_are_no_parties():
    doc = _doc(
        "استقبل الشيخ زيد ولي عهد أبوظبي نائب القائد الأعلى للقوات المسلحة بدولة الإمارات في أبوظبي، "
        "مساء أمس، وزير الخارجية السعودي عادل الجبير.",
        [
            ("زيد", "PER", "p-zaid"),
            ("أبوظبي", "GPE", "are-abu-dhabi"),
            ("الإمارات", "GPE", "are"),
            ("عادل الجبير", "PER", "p-jubeir"),
        ],
    )
    event = _one(doc, "CONSULT", "استقبل")
    assert (event.sources, event.targets) == (["p-zaid"], ["p-jubeir"])


def test_an_unnamed_doer_after_an_agent_phrase_or_an_agentive_relative():
    doc = _doc("اغتيل رئيس الوزراء عمرو في تل أبيب على يد شاب يهودي.", [("عمرو", "PER", "p-amr")])
    event = _one(doc, "ASSAULT", "اغتيل")
    assert (event.source_texts, event.targets) == (["شاب يهودي"], ["p-amr"])
    doc = _doc("وقال مصدر إن قتل العناصر جاء إثر هجوم نفذه رجال المقاومة الشعبية.")
    event = _one(doc, "ASSAULT", "هجوم")
    assert event.source_texts == ["رجال المقاومة الشعبية"]


def test_a_prepositional_phrase_belongs_to_the_nearest_event_before_it():
    doc = _doc(
        "عقد وزراء خارجية دول الخليج أمس اجتماعا تنسيقيا للتحضير لاجتماع مع كيري لبحث الاتفاق مع إيران.",
        [("كيري", "PER", "usa-gov-john-kerry"), ("إيران", "GPE", "irn")],
    )
    event = _one(doc, "CONSULT", "اجتماعا")
    assert event.source_texts == ["وزراء"] and event.targets == []


def test_a_verb_with_an_object_pronoun_has_its_subject_after_it():
    doc = _doc(
        "ولدى الجيش المالي ثكنة في نامبالا هاجمها مسلحون متطرفون في يناير.", [("نامبالا", "GPE", None)]
    )
    event = _one(doc, "ASSAULT", "هاجمها")
    assert event.source_texts[0] == "مسلحون" and event.target_texts == ["الجيش"]
    doc = _doc("وقتل 31 شخصا أثناء قصفها مواقع جيش الفتح.", [("جيش الفتح", "ORG", "p-fath")])
    assert "p-fath" not in _one(doc, "ASSAULT", "قصفها").sources  # a verbal noun after أثناء


def test_the_doer_of_an_operation_and_a_place_tagged_with_bi():
    doc = _doc("أعلنت الأجهزة مقتل 14 مقاتلا في عملية للقوات الخاصة الروسية في نالتشيك.")
    assert _one(doc, "ASSAULT", "مقتل").sources == ["rus-mil"]
    doc = _doc(
        "إن كيري بحث مع المسؤولين المصريين التعاون فيما يتعلق بليبيا.",
        [("كيري", "PER", "usa-gov-john-kerry"), ("بليبيا", "GPE", "lby")],
    )
    event = _one(doc, "CONSULT", "بحث")
    assert "lby" not in event.sources + event.targets


def test_the_two_sides_stand_for_the_parties_named_before():
    doc = _doc(
        "استقبل زيد في بغداد السفير عمرو.\nوبحث الجانبان العلاقات الثنائية.",
        [("زيد", "PER", "p-zaid"), ("بغداد", "GPE", "irq-baghdad"), ("عمرو", "PER", "p-amr")],
    )
    talks = _one(doc, "CONSULT", "وبحث")
    assert (talks.sources, talks.targets) == (["p-zaid"], ["p-amr"])


def test_a_single_title_stands_for_the_person_introduced_with_it():
    doc = _doc(
        "وصل وزير الخارجية الأمريكي جون كيري إلى القاهرة أمس.\nوعقد الوزير اجتماعا مطولا.",
        [("جون كيري", "PER", "usa-gov-john-kerry"), ("القاهرة", "GPE", "egy-cairo")],
    )
    meeting = _one(doc, "CONSULT", "اجتماعا")
    assert meeting.sources == ["usa-gov-john-kerry"] and meeting.source_texts == ["الوزير"]


def test_a_body_without_a_name_is_a_party_as_text():
    doc = _doc("وقررت الوزارة منع الشركات من تقسيم الأراضي.")
    (event,) = _events(doc, "COERCE")
    assert event.source_texts == ["الوزارة"] and event.sources == ["الوزارة"]


def test_a_plural_killing_verb_after_its_subject_without_object_is_passive():
    doc = _doc("وقال المصدر إن 30 مسلحا قتلوا أثناء المواجهات.")
    event = _one(doc, "ASSAULT", "قتلوا")
    assert event.sources == [] and event.target_texts == ["مسلحا"]


def test_the_doer_an_attack_is_attributed_to_later_in_the_sentence():
    doc = _doc(
        "وفي هجوم جديد استهدف قافلة عسكرية، قتل جنديان، ونسب إلى حزب العمال الكردستاني.",
        [("حزب العمال الكردستاني", "ORG", "p-pkk")],
    )
    attack = _one(doc, "ASSAULT", "هجوم")
    assert attack.sources == ["p-pkk"] and attack.target_texts == ["قافلة عسكرية"]


def test_an_active_verb_after_a_relative_pronoun_has_the_noun_before_it_as_subject():
    doc = _doc(
        "وضم الوفد رئيس الدفاع، الذي التقى أيضا مع الجنرال تشارلز براون.",
        [("تشارلز براون", "PER", "usa-mil-charles-brown")],
    )
    meeting = _one(doc, "CONSULT", "التقى")
    assert meeting.source_texts == ["رئيس الدفاع"] and meeting.targets == ["usa-mil-charles-brown"]


def test_a_verb_joined_after_a_comma_shares_the_sentences_subject():
    doc = _doc(
        "حرر الجيش 178 شخصا محتجزين لدى بوكو حرام، واعتقل قياديا في الحركة.",
        [("الجيش", "ORG", "nga-mil"), ("بوكو حرام", "ORG", "p-boko")],
    )
    arrest = _one(doc, "COERCE", "واعتقل")
    assert arrest.sources == ["nga-mil"] and arrest.target_texts == ["قياديا"]


def test_an_attack_aimed_with_ala_has_its_target_and_a_nearby_place_is_no_party():
    doc = _doc(
        "وأعلن الجيش شن ضربات جوية على قرية بيتا على مقربة من غابة سامبيسا.",
        [("الجيش", "ORG", "nga-mil"), ("سامبيسا", "LOC", None)],
    )
    strike = _one(doc, "ASSAULT", "ضربات")
    assert strike.sources == ["nga-mil"] and strike.target_texts == ["قرية بيتا"]


def test_an_unnamed_subject_described_by_a_party_before_the_named_object():
    doc = _doc(
        "واتهم زعيم حزب معارض مؤيد للأكراد اردوغان بشن الضربات الجوية.",
        [("للأكراد", "NORP", None), ("اردوغان", "PER", "tur-gov-erdogan")],
    )
    accusation = _one(doc, "ACCUSE", "واتهم")
    assert accusation.source_texts[0].startswith("زعيم") and accusation.targets == ["tur-gov-erdogan"]


def test_a_pronoun_object_after_the_trigger_and_a_place_completing_a_bodys_name():
    doc = _doc(
        "وكانت شرطة مطار الرياض قد ألقت القبض عليه بناء على تعميم من شرطة الليث.",
        [("الرياض", "GPE", "sau-riyadh"), ("الليث", "GPE", None)],
    )
    (arrest,) = _events(doc, "COERCE")
    assert arrest.source_texts == ["شرطة مطار الرياض"] and arrest.targets == []


def test_the_subject_of_a_light_verb_is_the_doer_of_its_event_noun():
    doc = _doc(
        "في غضون ذلك، أجرى نائب رئيس الجمهورية، رئيس الحكومة، خالد بحاح، زيارة خاطفة إلى عدن.",
        [("خالد بحاح", "PER", "yem-gov-khaled-bahah"), ("عدن", "GPE", "yem-aden")],
    )
    assert _one(doc, "CONSULT", "زيارة").sources == ["yem-gov-khaled-bahah"]
    doc = _doc("قام وفد من تعليم محافظة صبيا بزيارة لتعليم المنطقة الشرقية.")
    assert _one(doc, "CONSULT", "بزيارة").source_texts == ["وفد"]


def test_a_title_of_a_body_after_a_verbal_noun_is_the_office_holder_named_before():
    doc = _doc(
        "كان يتفاوض مع قتلة قاسم سليماني، في إشارة إلى اغتيال القائد السابق لفيلق القدس الإيراني "
        "وكذلك أبو مهدي المهندس.",
        [
            ("قاسم سليماني", "PER", "irn-mil-qasem-soleimani"),
            ("فيلق القدس", "ORG", "irn-mil-quds-force"),
            ("أبو مهدي المهندس", "PER", "irq-reb-abu-mahdi-al-muhandis"),
        ],
    )
    killing = _one(doc, "ASSAULT", "اغتيال")
    assert "irn-mil-quds-force" not in killing.sources
    assert killing.targets == ["irn-mil-qasem-soleimani", "irq-reb-abu-mahdi-al-muhandis"]


def test_the_parties_of_talks_named_after_bayna():
    doc = _doc(
        "بعد مفاوضات شاقة استمرت 12 عاما، بين إيران والولايات المتحدة ظهرت خطة العمل.",
        [("إيران", "GPE", "irn"), ("الولايات المتحدة", "GPE", "usa")],
    )
    talks = _one(doc, "CONSULT", "مفاوضات")
    assert (talks.sources, talks.targets) == (["irn"], ["usa"])


def test_counted_people_are_a_party():
    doc = _doc("وأغلقت الشرطة الطرقات، واعتقلت الشرطة نحو 20 فلسطينيا.")
    event = _one(doc, "COERCE", "واعتقلت")
    assert event.source_texts == ["الشرطة"] and event.target_texts == ["20 فلسطينيا"]


def test_an_unnamed_person_with_a_relative_adjective_is_a_party():
    doc = _doc(
        "ألقي القبض في دبي على رجل آسيوي منع رجال الإنقاذ من انتشال ابنته.", [("دبي", "GPE", "are-dubai")]
    )
    event = _one(doc, "COERCE", "القبض")
    assert (event.source_texts, event.target_texts) == ([], ["رجل آسيوي"])


def test_a_passive_light_verb_leaves_the_doer_unnamed():
    doc = _doc("قالت الشرطة إن خمسة نيباليين ألقي القبض عليهم في جنوب البلاد.")
    event = _one(doc, "COERCE", "القبض")
    assert (event.source_texts, event.target_texts) == ([], ["خمسة نيباليين"])


def test_an_adjective_of_the_attack_noun_is_no_party_but_a_genitive_is_the_doer():
    doc = _doc("واضافت ان الهجوم الانتحاري اسفر عن مقتل 21 مدنيا.")
    attack = _one(doc, "ASSAULT", "الهجوم")
    assert "الانتحاري" not in attack.source_texts + attack.target_texts
    doc = _doc("وكانت العائلة أصيبت بحروق جراء هجوم المستوطنين على منزلهم.")
    attack = _one(doc, "ASSAULT", "هجوم")
    assert attack.source_texts == ["المستوطنين"]


def test_a_verbal_noun_with_a_genitive_doer_and_an_object_after_lam():
    doc = _doc("وخبر اعتقال الشرطة لشخصين في جريمة قتل ثلاثة في فلوريدا.", [("فلوريدا", "GPE", "usa-fl")])
    event = _one(doc, "COERCE", "اعتقال")
    assert (event.source_texts, event.target_texts) == (["الشرطة"], ["لشخصين"])


def test_talks_in_a_sentence_about_an_earlier_meeting_are_between_its_parties():
    doc = _doc(
        "استقبل وزير الخارجية عادل الجبير أمس الأمين العام عبد اللطيف الزياني. "
        "وجرى خلال اللقاء استعراض العلاقات، إضافة إلى بحث القضايا ذات الاهتمام المشترك.",
        [("عادل الجبير", "PER", "p-jubeir"), ("عبد اللطيف الزياني", "PER", "p-zayani")],
    )
    talks = [m for m in _events(doc, "CONSULT") if m.text == "بحث"]
    assert talks and {*talks[0].sources, *talks[0].targets} == {"p-jubeir", "p-zayani"}


def test_a_derived_verbal_noun_with_a_pronoun_names_its_doer_by_the_pronoun():
    doc = _doc(
        "أصدرت مجموعة العمل المالي (FATF) لمكافحة غسل الأموال بيانا خلال اجتماعها العام الذي عقد في بريزبن.",
        [("مجموعة العمل المالي", "ORG", "org-fatf"), ("بريزبن", "GPE", None)],
    )
    (meeting,) = [m for m in _events(doc, "CONSULT") if m.text == "اجتماعها"]
    assert meeting.sources == ["org-fatf"]


def test_an_unnamed_subject_before_a_name_that_is_no_title_of_it():
    doc = _doc("وتتهم المعارضة إردوغان بإعاقة مفاوضات تشكيل الحكومة.", [("إردوغان", "PER", "p-erdogan")])
    event = _one(doc, "ACCUSE", "وتتهم")
    assert (event.source_texts, event.targets) == (["المعارضة"], ["p-erdogan"])
    doc = _doc(
        "وكانت المحكمة الجنائية الدولية اتهمت الرئيس الكيني أوهورو كيناتو بارتكاب جرائم.",
        [("أوهورو كيناتو", "PER", "p-kenyatta")],
    )
    event = _one(doc, "ACCUSE", "اتهمت")
    assert event.targets == ["p-kenyatta"]
    doc = _doc("التقى وزير الخارجية جون كيري نظيره المصري.", [("جون كيري", "PER", "p-kerry")])
    assert _one(doc, "CONSULT", "التقى").sources == ["p-kerry"]


def test_the_target_after_the_doer_of_an_agentive_relative():
    doc = _doc("قتل خمسة أشخاص خلال هجوم شنه مسلحون على مركز للشرطة في الهند.", [("الهند", "GPE", "ind")])
    attack = _one(doc, "ASSAULT", "هجوم")
    assert attack.source_texts == ["مسلحون"] and attack.target_texts == ["مركز للشرطة"]
    doc = _doc(
        "يتعرضون لغارات مكثفة يشنها الطيران التركي على قواعدهم في العراق.",
        [("الطيران التركي", "ORG", "tur-mil"), ("العراق", "GPE", "irq")],
    )
    attack = _one(doc, "ASSAULT", "لغارات")
    assert attack.sources == ["tur-mil"] and attack.target_texts == ["قواعدهم"]


def test_an_indefinite_place_noun_with_a_name_after_ala_is_the_target():
    doc = _doc(
        "وقتل مدنيون في قصف للطائرات الحربية التركية على مناطق جبل قنديل بشمال العراق.",
        [("جبل قنديل", "LOC", None), ("العراق", "GPE", "irq")],
    )
    attack = _one(doc, "ASSAULT", "قصف")
    assert attack.target_texts == ["مناطق جبل قنديل"]


def test_an_event_in_the_first_person_inside_a_quote_is_the_speakers():
    from marsad.model import Quote

    text = "وقال الوزير عادل الجبير: «ندعو المجتمع الدولي إلى التحرك، وقد طلبنا ذلك مرارا»."
    doc = _doc(text, [("عادل الجبير", "PER", "p-jubeir")])
    start = text.index("«") + 1
    doc.quotes.append(
        Quote("a1", start, text.index("»"), text[start : text.index("»")], "عادل الجبير", "p-jubeir")
    )
    EventAnnotator(None).annotate(doc)
    said = [m for m in doc.event_mentions if m.text in ("ندعو", "طلبنا")]
    assert said and all(m.sources == ["p-jubeir"] for m in said)


def test_a_count_or_nominative_after_an_unvowelled_killing_verb_is_its_passive_subject():
    doc = _doc("قتل 50 مسلحا من تنظيم داعش في مواقع العمليات بالعراق.", [("داعش", "ORG", "isis")])
    event = _one(doc, "ASSAULT", "قتل")
    assert event.sources == [] and "isis" in event.targets
    doc = _doc("وقتل شرطيان وثلاثة مدنيين في الهجوم.")
    event = _one(doc, "ASSAULT", "وقتل")
    assert event.source_texts == [] and event.target_texts
    doc = _doc("قتل الجيش 50 مسلحا من تنظيم داعش.", [("داعش", "ORG", "isis")])
    assert _one(doc, "ASSAULT", "قتل").source_texts == ["الجيش"]


def test_an_attack_noun_after_a_preposition_of_cause_takes_its_genitive_as_doer():
    doc = _doc("وأصيب والداه جراء إحراق مستوطنين إسرائيليين منزلهم في نابلس.")
    attack = _one(doc, "ASSAULT", "إحراق")
    assert attack.source_texts == ["مستوطنين إسرائيليين"] and attack.target_texts == ["منزلهم"]
    doc = _doc("وقتل رضيع فلسطيني جراء هجوم مستوطنين إسرائيليين على منزلهم في نابلس.")
    attack = _one(doc, "ASSAULT", "هجوم")
    assert attack.source_texts == ["مستوطنين إسرائيليين"] and attack.target_texts == ["منزلهم"]


def test_a_time_between_commas_does_not_end_the_clause():
    doc = _doc(
        "اتهمت الحكومة البريطانية، أمس (الأحد)، إسبانيا بانتهاك سيادتها.",
        [("الحكومة البريطانية", "ORG", "gbr-gov"), ("إسبانيا", "GPE", "esp")],
    )
    event = _one(doc, "ACCUSE", "اتهمت")
    assert (event.sources, event.targets) == (["gbr-gov"], ["esp"])


def test_a_death_has_no_doer_before_it():
    doc = _doc(
        "وجاء كلام صلاح الدين دمرطاش غداة مقتل ستة أشخاص في مواجهات بمدينة سيلوبي.",
        [("صلاح الدين دمرطاش", "PER", "p-demirtas")],
    )
    death = _one(doc, "ASSAULT", "مقتل")
    assert (death.sources, death.target_texts) == ([], ["أشخاص"])


def test_an_unnamed_subject_opening_the_sentence_before_its_verb():
    doc = _doc("غالبية الصحف البريطانية تتهم فرنسا بالتقصير.", [("فرنسا", "GPE", "fra")])
    event = _one(doc, "ACCUSE", "تتهم")
    assert (event.source_texts, event.targets) == (["غالبية الصحف البريطانية"], ["fra"])
