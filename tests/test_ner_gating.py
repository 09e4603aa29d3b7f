"""Language gating, name hygiene and outlet metadata around the Arabic NER."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.analyze import process
from marsad.annotate.entities import FAST_MODEL, _mention, arabic_tokens, is_name_like
from marsad.annotate.gazetteer import load_gazetteer
from marsad.annotate.pipeline import annotate
from marsad.arabic.outlets import metadata_spans
from marsad.arabic.tokens import tokenize
from marsad.model import Article, RawArticle

README = Path(__file__).resolve().parents[1] / "README.md"
needs_model = pytest.mark.skipif(not FAST_MODEL.exists(), reason="ner-fast model not built")


def _article(text: str) -> Article:
    return Article(id="a1", source="test", url=None, title=None, published=None, language="ar", text=text)


def test_english_sentences_urls_and_handles_never_reach_the_tagger() -> None:
    english = "Marsad turns piles of Arabic news into a record of events."
    assert arabic_tokens(english, 0, len(english)) == []
    text = "قال المتحدث عبر حسابه @spokesman إن التفاصيل على https://example.com/a?b=1 وفي www.gov.sa اليوم"
    kept = [t.text for t in arabic_tokens(text, 0, len(text))]
    assert "spokesman" not in kept and "example" not in kept and "gov" not in kept and "https" not in kept
    assert kept[:3] == ["قال", "المتحدث", "عبر"] and kept[-1] == "اليوم"
    mixed = "كشفت شركة Samsung عن هاتفها الجديد Galaxy في مؤتمر بمدينة برلين"
    assert [t.text for t in arabic_tokens(mixed, 0, len(mixed))] == [t.text for t in tokenize(mixed)]


@needs_model
@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests")
def test_english_readme_as_an_article_yields_no_actors() -> None:
    doc = process(RawArticle(origin="README.md", text=README.read_text(encoding="utf-8")), "fast", None)
    assert doc.actors == [] and doc.mentions == []


@needs_model
def test_arabic_sentence_with_latin_words_is_still_tagged() -> None:
    doc = annotate(_article("وقال المدير التنفيذي لشركة Google سوندار بيتشاي إن الشركة ستفتتح مكتبا في دبي."))
    assert any(m.text == "دبي" for m in doc.mentions)


def test_common_nouns_with_clitics_are_not_names() -> None:
    gaz = load_gazetteer()

    def mention(sentence: str, label: str) -> str | None:
        tokens = tokenize(sentence)
        m = _mention("a", sentence, tokens, label, gaz)
        return None if m is None else m.text

    assert mention("لوفد أوستن", "PER") == "أوستن"  # "to the delegation" is not part of the name
    assert mention("بمحمد العويس", "PER") == "محمد العويس"
    assert mention("ومصرف الريان", "ORG") == "مصرف الريان"
    assert mention("البنتاغون بواشنطن", "ORG") == "البنتاغون"
    assert mention("لويد أوستن", "PER") == "لويد أوستن"  # a foreign name that starts with ل
    assert mention("وزير الدفاع الأمريكي", "PER") == "وزير الدفاع الأمريكي"  # titles stay whole
    assert mention("الوفدان", "ORG") is None and mention("سي", "ORG") is None
    assert is_name_like("الحوثيين", gaz) and is_name_like("السلمان", gaz) and is_name_like("وليد", gaz)


def test_bylines_tag_lines_and_datelines_are_metadata() -> None:
    text = (
        "داليا أبوالعيش – عين اليوم\n"
        "سبق- الرياض: افتتح الأمير المعرض اليوم.\n"
        "وقال الوزير إنه تحدث لـ«عكاظ» عن الخطة. رابط الخبر بصحيفة الوئام: افتتاح المعرض اليوم"
    )
    found = [text[s:e] for s, e in metadata_spans(text)]
    assert found == ["عين اليوم", "سبق", "رابط الخبر بصحيفة الوئام: افتتاح المعرض اليوم"]
    assert metadata_spans("الاتحاد - الهلال\nسبق السيف العذل") == []  # a match; a proverb


@needs_model
def test_site_name_is_neither_a_time_nor_an_entity() -> None:
    text = "داليا أبوالعيش – عين اليوم\nافتتح أمير منطقة الرياض المعرض الدولي للكتاب أمس."
    doc = annotate(_article(text))
    site = text.index("عين اليوم")
    assert not any(t.start < site + 9 and site < t.end for t in doc.times)
    assert not any(m.start < site + 9 and site < m.end for m in doc.mentions)


def test_low_confidence_single_words_found_no_new_actor() -> None:
    from marsad.annotate.entities import could_be_new_actor
    from marsad.model import Mention

    assert not could_be_new_actor(Mention("a", 0, 5, "برواز", "ORG", score=0.45))
    assert could_be_new_actor(Mention("a", 0, 6, "بنفيكا", "ORG", score=0.99))
    assert could_be_new_actor(Mention("a", 0, 9, "داني رودريك", "PER", score=0.36))  # two words


def test_document_consistency_spreads_multiword_names_only() -> None:
    from marsad.annotate.ner_features import propagate_names

    sentences = [
        ["وقال", "كريستيان", "غروس", "إن", "الأهلي", "جاهز"],
        ["وأكد", "كريستيان", "غروس", "أن", "الأهلي", "قوي"],
    ]
    tags = [["O", "B-PER", "I-PER", "O", "B-ORG", "O"], ["O", "O", "O", "O", "O", "O"]]
    out = propagate_names(sentences, tags)
    assert out[0] == tags[0]
    assert out[1] == ["O", "B-PER", "I-PER", "O", "O", "O"]  # the one-word club is not spread
    # never inside or right after another entity
    assert propagate_names(
        [["كريستيان", "غروس"], ["مدرب", "كريستيان", "غروس"]], [["B-PER", "I-PER"], ["B-ORG", "O", "O"]]
    )[1] == [
        "B-ORG",
        "O",
        "O",
    ]
