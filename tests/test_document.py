"""The document layer, the one clitic analysis and the pipeline's requires/provides check."""

from __future__ import annotations

import pytest

from marsad.annotate.pipeline import ANNOTATORS, PipelineOrderError, build_annotators, check_order
from marsad.arabic.clitics import bare, name_proclitic_length, proclitic_variants, strip_proclitics
from marsad.arabic.normalize import _normalize_with_map_by_char, normalize, normalize_with_map
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.document import Document, word_form
from marsad.model import AnalyzedArticle, Article

TEXT = (
    "بحث وزير الدفاع العراقي ثابت العباسي ونظيره الأمريكي لويد أوستن في واشنطن، الثلاثاء. "
    "وقال إن 2,500 جندي سيبقون بالعراق.\n\nوأكدت الوزارة «استمرار التعاون» للعام المقبل."
)


def test_tokens_spans_and_sentences_match_tokenize():
    sentences = split_sentences(TEXT)
    layer = Document.build(TEXT, sentences)
    assert layer.tokens == tokenize(TEXT)
    for k, s in enumerate(sentences):
        assert layer.tokens_in(s.start, s.end) == tokenize(TEXT, s.start, s.end)
        first, last = layer.sentence_tokens[k]
        assert all(layer.sentence_of[i] == k for i in range(first, last))
    # a range that cuts a token gives what tokenize gives for that range
    assert layer.tokens_in(1, 9) == tokenize(TEXT, 1, 9)
    i = layer.token_at(TEXT.index("العباسي") + 2)
    assert i is not None and layer.tokens[i].text == "العباسي"


def test_word_forms_are_the_views_of_one_analysis():
    form = word_form("وبالعراق")
    assert form.norm == normalize("وبالعراق")
    assert list(form.variants) == proclitic_variants(form.norm) == ["وبالعراق", "بالعراق", "العراق", "عراق"]
    assert (form.prefix, form.stem) == strip_proclitics(form.norm) == ("وبال", "عراق")
    assert form.bare == bare(form.norm) == "عراق"
    assert word_form("وبالعراق") is form  # cached per process
    assert bare("للعراق") == "عراق" and bare("سيعقد") == "سيعقد"
    assert name_proclitic_length("وأوستن", lambda w: w == "أوستن") == 1
    assert name_proclitic_length("لويد", lambda w: False) == 0


def test_normalize_with_map_fast_path_matches_the_per_character_one():
    for text in (TEXT, "الـمـدينة", "مُحَمَّد İstanbul ΣΟΦΙΑ", "", "ـــ"):
        assert normalize_with_map(text) == _normalize_with_map_by_char(text)
        norm, index = normalize_with_map(text)
        assert len(index) == len(norm)
        if "İ" not in text:  # lower-cases to two characters: the map keeps it as written
            assert norm == normalize(text)


def test_analyzed_article_builds_its_layer_once_and_rebuilds_on_new_text():
    article = Article(id="a", source="s", url=None, title=None, published=None, language="ar", text=TEXT)
    doc = AnalyzedArticle(article=article, sentences=split_sentences(TEXT))
    layer = doc.document
    assert doc.document is layer
    doc.article.text = TEXT + " وانتهى."
    assert doc.document is not layer and doc.document.text == doc.article.text


class _Fake:
    def __init__(self, name: str, requires: tuple[str, ...], provides: tuple[str, ...]) -> None:
        self.name, self.requires, self.provides = name, requires, provides

    def annotate(self, doc: AnalyzedArticle) -> None:
        pass


def test_pipeline_order_is_checked():
    check_order(build_annotators("fast"))
    assert [name for name, _ in ANNOTATORS][:2] == ["entities", "actors"]
    with pytest.raises(PipelineOrderError, match="'events' requires mentions"):
        check_order(
            [_Fake("events", ("mentions",), ("event_mentions",)), _Fake("entities", (), ("mentions",))]
        )
