"""Quotes: direct, indirect and attributed speech with speakers, on the seeds and news-style text."""

from __future__ import annotations

from marsad.annotate import quotes
from marsad.annotate.pipeline import ANNOTATORS
from marsad.annotate.quotes import build, find_quotes, find_segments
from marsad.arabic.sentences import split_sentences
from marsad.model import AnalyzedArticle, Article, Mention, Quote


def _doc(text: str) -> AnalyzedArticle:
    article = Article(id="q1", source="test", url=None, title=None, published=None, language="ar", text=text)
    return AnalyzedArticle(article=article, sentences=split_sentences(text))


def _quotes(text: str) -> list[Quote]:
    return find_quotes(_doc(text))


def test_registered() -> None:
    assert ("quotes", quotes.build) in ANNOTATORS
    doc = _doc("وقال الوزير «نحن مستعدون للحوار مع الجميع».")
    build("fast").annotate(doc)
    assert [(q.kind, q.speaker_text) for q in doc.quotes] == [("direct", "الوزير")]


SEED_000_AUSTIN = [
    "على الشراكة الاستراتيجية",
    "على التزام الولايات المتحدة بعراق آمن",
    "بالتقدم\nالهائل",
    "العصابات الإرهابية لا تزال تشكل تهديداً",
    "التزام\nالولايات المتحدة بمواصلة التدريب",
    "لالتزام\nالعراق بخفض عدد مقاتلي داعش",
    "الوفد\nالعراقي على مواصلة إعادة المواطنين",
]


def test_seed_000_every_austin_quote(seed_texts: dict[str, str]) -> None:
    text = seed_texts["000"]
    quotes = find_quotes(_doc(text))
    direct = [q for q in quotes if q.kind == "direct"]
    for opening in SEED_000_AUSTIN:
        hit = [q for q in direct if q.text.startswith(opening)]
        assert len(hit) == 1, opening
        assert hit[0].speaker_text == "أوستن"
        # the span is the quote without its marks, into the cleaned text
        assert text[hit[0].start : hit[0].end] == hit[0].text
        assert text[hit[0].start - 1] == '"' and text[hit[0].end] == '"'
    # "وفق "واع"" is an attribution of the clause, not a quote of Austin
    assert not any(q.text == "واع" for q in direct)
    attributions = [q for q in quotes if q.kind == "attribution" and q.speaker_text == "واع"]
    assert attributions and attributions[0].verb == "وفق"


def test_seed_001_al_jamali_indirect_and_carried_direct(seed_texts: dict[str, str]) -> None:
    quotes = find_quotes(_doc(seed_texts["001"]))
    jamali = [q for q in quotes if q.speaker_text and "الجمالي" in q.speaker_text]
    indirect = [q for q in jamali if q.kind == "indirect"]
    assert any(q.text.startswith("القوات الأمريكية") and "يجب أن تغادر العراق" in q.text for q in indirect)
    # "وقال إن الوفد العراقي كان ”يتفاوض ...“": the subject is carried from the previous sentence
    assert any(q.kind == "direct" and q.text.startswith("يتفاوض مع قتلة") for q in jamali)
    assert any(q.kind == "indirect" and q.text.startswith("الوفد العراقي كان") for q in jamali)


def test_carried_subject_and_participles() -> None:
    text = (
        "وجدد الوزير خالد التأكيد «على دعم الحكومة للقوات الأمنية»، مشدداً «على ضرورة حماية الحدود». "
        "وأشاد «بجهود الأجهزة الأمنية في المحافظات». وحث «المواطنين على التعاون مع الأجهزة»."
    )
    quotes = _quotes(text)
    assert len(quotes) == 4
    assert {q.speaker_text for q in quotes} == {"الوزير خالد"}
    assert [q.verb for q in quotes] == ["وجدد", "مشدداً", "وأشاد", "وحث"]


def test_new_explicit_speaker_replaces_carried_one() -> None:
    text = "وقال الوزير «سنواصل العمل مع الشركاء». وأضاف المتحدث باسم الجيش «الوضع تحت السيطرة الكاملة»."
    assert [q.speaker_text for q in _quotes(text)] == ["الوزير", "المتحدث باسم الجيش"]


def test_indirect_speech() -> None:
    quotes = _quotes("قال رئيس الوزراء العراقي إن الحكومة ستواصل الحوار مع الجانب الأمريكي.")
    assert len(quotes) == 1
    q = quotes[0]
    assert (q.kind, q.speaker_text, q.verb) == ("indirect", "رئيس الوزراء العراقي", "قال")
    assert q.text == "الحكومة ستواصل الحوار مع الجانب الأمريكي"


def test_quote_before_its_verb_and_speaker() -> None:
    text = "«الانسحاب سيتم على مراحل خلال العامين المقبلين»، قال المتحدث باسم الحكومة."
    quotes = _quotes(text)
    assert [(q.kind, q.speaker_text) for q in quotes] == [("direct", "المتحدث باسم الحكومة")]


def test_source_attributions() -> None:
    text = (
        "وقتل ثلاثة أشخاص في الهجوم، بحسب البيان. "
        "ونقلت صحيفة العربي الجديد عن مسؤول أمني أنّ «التحقيق مستمر في الحادث»."
    )
    quotes = _quotes(text)
    assert any(q.kind == "attribution" and q.speaker_text == "البيان" for q in quotes)
    assert any(q.kind == "attribution" and q.speaker_text == "صحيفة العربي الجديد" for q in quotes)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].speaker_text.startswith("مسؤول أمني")


def test_mentions_pick_the_speaker_span() -> None:
    text = "وقال علي حسن الخبير في الشؤون الأمنية «الهجمات تراجعت كثيرا هذا العام»."
    doc = _doc(text)
    doc.mentions.append(Mention("q1", 5, 15, "علي حسن", "PER"))
    quotes = find_quotes(doc)
    assert [(q.speaker_text, q.speaker_start, q.speaker_end) for q in quotes] == [("علي حسن", 5, 15)]


def test_short_quoted_names_are_not_quotes() -> None:
    assert _quotes('وأعلن تحالف "الإطار التنسيقي" موقفه من الحكومة الجديدة أمس.') == []


def test_segments_pair_odd_curly_marks() -> None:
    text = "وقال إن الوفد كان “يتفاوض مع الخصوم ” في إشارة. ”قادت الوزارة الحوار ، “يقرأ البيان."
    segments = [text[s.start : s.end] for s in find_segments(text)]
    assert segments == ["يتفاوض مع الخصوم", "قادت الوزارة الحوار ،"]


def test_participle_takes_the_subject_of_its_clause() -> None:
    text = (
        "وقال الوزير «سنواصل العمل مع الشركاء». "
        "وفي السياق، وقدم قاسم الأعرجي الشكر للبعثة، مؤكدا أن العراق مستمر بالتعاون مع المجتمع الدولي."
    )
    quotes = _quotes(text)
    assert [(q.kind, q.speaker_text) for q in quotes] == [("direct", "الوزير"), ("indirect", "قاسم الأعرجي")]


def test_speaker_actor_comes_from_the_mention() -> None:
    text = "وقال أوستن «الشراكة مع العراق قوية ومستمرة»."
    doc = _doc(text)
    doc.mentions.append(Mention("q1", 5, 10, "أوستن", "PER", actor="a_austin"))
    assert [(q.speaker_text, q.speaker) for q in find_quotes(doc)] == [("أوستن", "a_austin")]
