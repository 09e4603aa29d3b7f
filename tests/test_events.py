from __future__ import annotations

import pytest

from marsad.annotate.event_detector import load_detector
from marsad.annotate.events import EventAnnotator, build, find_triggers
from marsad.arabic.event_verbs import match_word
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.model import AnalyzedArticle, Article, Mention, TimeExpr


def make_doc(text: str, mentions=(), times=(), published: str | None = "2023-08-08") -> AnalyzedArticle:
    article = Article(
        id="a1", source="test", url=None, title=None, published=published, language="ar", text=text
    )
    doc = AnalyzedArticle(article=article, sentences=split_sentences(text))
    for surface, etype, actor in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention("a1", start, start + len(surface), surface, etype, actor))
    for surface, value, precision in times:
        start = text.index(surface)
        doc.times.append(TimeExpr("a1", start, start + len(surface), surface, value, precision))
    return doc


def events_of(doc: AnalyzedArticle, lexicon_only: bool = False):
    annotator = EventAnnotator(None) if lexicon_only else build("fast")
    annotator.annotate(doc)
    return doc.event_mentions


@pytest.mark.parametrize(
    ("word", "etype", "mode"),
    [
        ("يلتقيان", "CONSULT", "meet"),
        ("اجتماعاً", "CONSULT", "meet"),
        ("وزيارته", "CONSULT", "visit"),
        ("والمباحثات", "CONSULT", "discuss"),
        ("اغتيال", "ASSAULT", "assassinate"),
        ("وقصفت", "ASSAULT", "heavy-weapons"),
        ("المتظاهرين", "PROTEST", "demo"),
        ("واعتقلت", "COERCE", "arrest"),
        ("سيلتقي", "CONSULT", "meet"),
    ],
)
def test_trigger_words(word, etype, mode):
    trigger = match_word(word)
    assert trigger is not None and (trigger.type, trigger.mode) == (etype, mode)


@pytest.mark.parametrize("word", ["وزارة", "وزارات", "التعاون", "الولايات", "الدفاع", "تحقيق"])
def test_non_triggers(word):
    assert match_word(word) is None


def test_drone_is_not_a_march():
    hits = find_triggers(tokenize("قتلا بطائرة مسيرة أميركية"))
    assert [h.type for h in hits] == ["ASSAULT"]


def test_meeting_in_pentagon_seed_000():
    text = "وعقد العباسي اجتماعاً مع نظيره الأمريكي في مقر البنتاغون بواشنطن خلال افتتاح الحوار."
    doc = make_doc(
        text,
        mentions=[
            ("العباسي", "PER", "act:abbasi"),
            ("البنتاغون", "ORG", None),
            ("واشنطن", "GPE", "act:washington"),
        ],
    )
    consult = [e for e in events_of(doc) if e.type == "CONSULT"]
    meet = consult[0]
    assert (meet.text, meet.mode) == ("اجتماعاً", "meet")
    assert meet.sources == ["act:abbasi"]
    assert meet.location == "act:washington" and meet.location_text == "واشنطن"
    assert not (meet.negated or meet.future or meet.hypothetical)
    # no time in the sentence: the published date at month precision
    assert (meet.date, meet.date_precision) == ("2023-08", "month")


def test_drone_strike_seed_001_is_dated_assault():
    text = (
        "في إشارة إلى اغتيال القائد السابق لفيلق القدس الإيراني قاسم سليماني، الذي قُتل بطائرة مسيرة أميركية "
        "في مطار بغداد الدولي في 3 كانون الثاني / يناير 2020."
    )
    doc = make_doc(
        text,
        mentions=[("قاسم سليماني", "PER", "act:soleimani"), ("مطار بغداد الدولي", "LOC", None)],
        times=[("3 كانون الثاني / يناير 2020", "2020-01-03", "day")],
    )
    assaults = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert assaults, "the strike is an ASSAULT"
    assert all(e.date == "2020-01-03" and e.date_precision == "day" for e in assaults)
    assert assaults[0].mode == "assassinate"
    assert any(e.location_text == "مطار بغداد الدولي" for e in assaults)
    assert not any(e.type == "PROTEST" for e in doc.event_mentions)


def test_future_consultation():
    text = "تعتزم الولايات المتحدة والعراق مواصلة التشاور بشأن تعزيز التعاون الأمني."
    doc = make_doc(text, mentions=[("الولايات المتحدة", "GPE", "USA"), ("العراق", "GPE", "IRQ")])
    consult = [e for e in events_of(doc) if e.type == "CONSULT"]
    assert len(consult) == 1 and consult[0].future and not consult[0].negated
    assert consult[0].sources == ["USA", "IRQ"]


def test_future_prefix_and_negation():
    doc = make_doc("وستعقد اللجنة اجتماعها المقبل في بغداد. ولم يلتقِ الوزير نظيره التركي.")
    meet, no_meet = [e for e in events_of(doc) if e.type == "CONSULT"]
    assert meet.future and not meet.negated
    assert no_meet.negated and not no_meet.future
    assert no_meet.text == "يلتقِ"


def test_hypothetical_and_reported():
    doc = make_doc("وقال المتحدث إن الجيش سيرد إذا هاجمت الفصائل القواعد الأمريكية.")
    (attack,) = [e for e in events_of(doc, lexicon_only=True) if e.type == "ASSAULT"]
    assert attack.hypothetical and attack.reported


def test_several_events_in_one_sentence():
    text = "اعتقلت الشرطة عشرات المتظاهرين بعد أن اقتحموا المبنى، فيما قتل شخصان في اشتباكات."
    types = [e.type for e in events_of(make_doc(text), lexicon_only=True)]
    assert types[:1] == ["COERCE"] and "PROTEST" in types and "ASSAULT" in types


def test_verb_first_source_and_target():
    text = "استهدفت القوات الأمريكية مواقع كتائب حزب الله في القائم."
    doc = make_doc(
        text,
        mentions=[
            ("القوات الأمريكية", "ORG", "act:usforces"),
            ("كتائب حزب الله", "ORG", "act:kh"),
            ("القائم", "GPE", None),
        ],
    )
    # roles, not detection, are under test here: the lexicon alone
    (strike,) = [e for e in events_of(doc, lexicon_only=True) if e.type == "ASSAULT"]
    assert strike.sources == ["act:usforces"] and strike.targets == ["act:kh"]
    assert strike.location == "القائم"  # unresolved place: its text


def test_works_without_mentions_times_or_date():
    doc = make_doc("زار الرئيس العاصمة.", published=None)
    (visit,) = events_of(doc)
    assert visit.mode == "visit" and visit.date is None
    # no names: the subject and object are the unnamed noun phrases, as text
    assert (visit.sources, visit.targets) == (["الرئيس"], ["العاصمة"])


def test_yesterday_uses_day_before_published():
    doc = make_doc("والتقى الوزير أمس السفير الأمريكي.")
    (meet,) = events_of(doc)
    assert (meet.date, meet.date_precision) == ("2023-08-07", "day")


def test_detector_loads_and_separates_obvious_sentences():
    detector = load_detector()
    assert detector is not None
    bomb = detector.probability(
        "قتل عشرة أشخاص وأصيب عشرون في تفجير انتحاري بسيارة مفخخة استهدف سوقا شعبيا في بغداد."
    )
    demo = detector.probability("تظاهر آلاف المحتجين في ساحة التحرير مطالبين بإسقاط الحكومة.")
    calm = detector.probability("ارتفعت أسعار النفط في الأسواق العالمية اليوم.")
    assert bomb["ASSAULT"] > calm["ASSAULT"] and bomb["ASSAULT"] >= detector.threshold["ASSAULT"]
    assert demo["PROTEST"] > calm["PROTEST"]


def test_seed_000_has_consult_meeting(seed_texts):
    doc = make_doc(seed_texts["000"])
    modes = {e.mode for e in events_of(doc) if e.type == "CONSULT"}
    assert {"meet", "discuss"} <= modes
    assert not any(e.type in ("ASSAULT", "PROTEST") for e in doc.event_mentions)


def test_registered_in_pipeline(seed_texts):
    from marsad.annotate import events
    from marsad.annotate.pipeline import ANNOTATORS, annotate

    assert ("events", events.build) in ANNOTATORS
    article = Article(
        id="s2",
        source="t",
        url=None,
        title=None,
        published="2024-07-24",
        language="ar",
        text=seed_texts["002"],
    )
    doc = annotate(article, only=["events", "translation"])
    assert any(e.type == "CONSULT" and e.mode == "meet" for e in doc.event_mentions)
    assert all(doc.text[e.start : e.end] == e.text for e in doc.event_mentions)
    assert any(f.kind == "machine_translation_artifact" for f in doc.flags)


def test_place_check_reads_the_same_last_words_as_the_whole_prefix():
    # the place-preposition check reads only the last words before a mention; they must be
    # the words the whole sentence prefix would give, wherever the prefix is cut
    from marsad.annotate.events import _last_words
    from marsad.arabic.normalize import normalize

    text = "وقال المتحدث باسم الحكومة العراقية في العاصمة  البحرينية المنامة إن الوزير وصل إلى بغداد أمس"
    for floor in (0, 5, 17):
        for end in range(floor, len(text) + 1):
            assert _last_words(text, floor, end) == normalize(text[floor:end]).split()[-4:], (floor, end)


def test_clause_and_roles_of_an_unpunctuated_page_stay_near_the_trigger():
    # a page without punctuation is one "sentence": a trigger's clause is read within
    # _REACH tokens of it, so the work per trigger does not grow with the page
    from marsad.annotate.events import _REACH, _clause, _Hit, _near

    tokens = tokenize(" ".join(["كلمة"] * (4 * _REACH)))
    hit = _Hit(2 * _REACH, 2 * _REACH + 1, "CONSULT", None)
    start, end = _clause(tokens, hit)
    assert start == tokens[_REACH].start and end == tokens[3 * _REACH].end
    far = Mention("a", tokens[0].start, tokens[0].end, tokens[0].text, "PER")
    near = Mention("a", tokens[2 * _REACH + 2].start, tokens[2 * _REACH + 2].end, "كلمة", "PER")
    assert _near([far, near], tokens, hit) == [near]
    short = tokenize("التقى الوزير نظيره")
    assert _clause(short, _Hit(0, 1, "CONSULT", None)) == (0, short[-1].end)
