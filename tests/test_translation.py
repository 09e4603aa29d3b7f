from __future__ import annotations

import pytest

from marsad.annotate.translation import KIND, build
from marsad.arabic.charlm import load
from marsad.arabic.domains import domain_of
from marsad.model import AnalyzedArticle, Article, Mention


def flags_of(text: str, mentions=()) -> list[str]:
    doc = AnalyzedArticle(
        article=Article(id="t", source="test", url=None, title=None, published=None, language="ar", text=text)
    )
    for surface, etype in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention("t", start, start + len(surface), surface, etype))
    build("fast").annotate(doc)
    assert all(f.kind == KIND and f.note and f.article == "t" for f in doc.flags)
    return [text[f.start : f.end] for f in doc.flags]


def test_model_is_shipped_and_knows_news_words():
    lm = load()
    assert lm is not None
    assert lm.known("والعراق") and lm.known("الاجتماع")
    assert lm.word_score("الحكومة") > lm.word_score("ببرحرحخ")


def test_domain_words():
    assert domain_of("الطبية") == "health"
    assert domain_of("والعسكريين") == "security"
    assert domain_of("الحكومة") is None


def test_seed_002_artifacts(seed_texts):
    flagged = flags_of(seed_texts["002"])
    for artifact in ("مؤسسة حمد الطبية", "إيراج", "لوفد"):
        assert artifact in flagged


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_human_written_seeds_have_few_flags(seed_texts, seed):
    assert len(flags_of(seed_texts[seed])) <= 1


def test_invented_gentilic_generalizes():
    text = "وأكد وفدا فرنسا وسوريماني التزامهما بالتعاون، فيما زار الوزير سوريمان الأسبوع الماضي."
    assert "وسوريماني" in flags_of(text) and "سوريمان" in flags_of(text)


def test_common_word_in_name_slot():
    text = "والتقى وزير الخارجية البريطاني لجيش كاميرون في لندن."
    assert flags_of(text) == []  # جيش introduces a name: ordinary Arabic
    text = "والتقى وزير الخارجية البريطاني لكتاب هاموند في لندن."
    assert "لكتاب" in flags_of(text)


def test_out_of_domain_organisation_only_against_a_clear_topic():
    security = (
        "بحث قادة الجيش والقوات الأمنية مع مؤسسة النور الطبية خطط العمليات العسكرية ضد داعش، "
        "وناقش الضباط تعزيز الدفاع الجوي والاستخبارات العسكرية وتسليح القوات."
    )
    assert "مؤسسة النور الطبية" in flags_of(security)
    health = "افتتحت مؤسسة النور الطبية مستشفى جديدا لعلاج المرضى بحضور الأطباء ووزير الصحة."
    assert flags_of(health) == []


def test_empty_and_latin_text():
    assert flags_of("") == []
    assert flags_of("The HMC met in Washington.") == []
