"""The fast NER model: features, gazetteers, BIO handling, the eval reader, the annotator."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.annotate import entities
from marsad.annotate.bio import BioFormatError, bio_to_spans, map_tag, read_bio
from marsad.annotate.entities import FAST_MODEL, build, clitic_length
from marsad.annotate.gazetteer import Gazetteer, load_gazetteer
from marsad.annotate.ner_features import GROUPS, sentence_features
from marsad.annotate.pipeline import ANNOTATORS, annotate
from marsad.arabic.clitics import name_proclitic_length
from marsad.arabic.normalize import normalize
from marsad.evaluation.ner import score
from marsad.model import AnalyzedArticle, Article, Sentence

SEED_SENTENCE = "بحث وزير الدفاع العراقي ثابت العباسي ونظيره الأمريكي لويد جيه أوستن"


def _article(text: str) -> Article:
    return Article(id="a1", source="test", url=None, title=None, published=None, language="ar", text=text)


def test_features_cover_every_group_and_context() -> None:
    tokens = ["وقال", "الرئيس", "وبالعراق", "2023", "CNN"]
    feats = sentence_features(tokens, GROUPS)
    assert len(feats) == len(tokens)
    first, _, third, fourth, fifth = feats
    assert "n=وقال" in first and "n-1=<pad>" in first and "n+1=الرييس" in first
    assert "s=عراق" in third and "pc=وبال" in third and "definite" in third
    assert "cue-1=PER" in third  # after the title الرئيس
    assert "digit" in fourth and "latin" in fifth
    # without the gazetteer group no gazetteer feature appears
    bare = sentence_features(tokens, [g for g in GROUPS if g != "gazetteer"])
    assert not any(f.startswith(("g=", "sg=")) for fs in bare for f in fs)


def test_gazetteer_longest_match_with_proclitics() -> None:
    gaz = Gazetteer({"gpe_country": {"الولايات المتحده", "العراق"}, "gpe_city": {"بغداد"}})
    labels = gaz.tag([normalize(w) for w in ["وصل", "إلى", "للولايات", "المتحدة", "من", "بغداد", "والعراق"]])
    assert labels[2] == {"B-gpe_country"} and labels[3] == {"I-gpe_country"}
    assert labels[5] == {"B-gpe_city"} and labels[6] == {"B-gpe_country"}
    assert labels[0] == labels[1] == labels[4] == set()


def test_shipped_gazetteers_load_and_hold_each_kind() -> None:
    gaz = load_gazetteer()
    assert {"person_full", "person_given", "gpe_country", "gpe_city", "org_known"} <= set(gaz.categories)
    assert "gpe_country" in gaz.categories_of(normalize("العراق"))
    assert "gpe_city" in gaz.categories_of(normalize("بغداد"))
    assert "person_given" in gaz.categories_of(normalize("أحمد"))
    assert not gaz.categories_of("في")  # function words are dropped


def test_bio_to_spans_and_tag_mapping() -> None:
    assert bio_to_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    ]
    assert map_tag("B-PERS") == "B-PER" and map_tag("I-GPE") == "I-MISC" and map_tag("O") == "O"


def test_bio_reader_maps_types(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(
        "أحمد B-PERS\nزار O\nبغداد B-GPE\n\nشركة B-ORG\nأبل I-ORG\nو O\nسمير B-PER\n", encoding="utf-8"
    )
    sentences = read_bio(path)
    assert [s.tokens for s in sentences] == [["أحمد", "زار", "بغداد"], ["شركة", "أبل", "و", "سمير"]]
    assert sentences[0].tags == ["B-PER", "O", "B-MISC"]
    assert sentences[1].tags == ["B-ORG", "I-ORG", "O", "B-PER"]
    result = score([s.tags for s in sentences], [["B-PER", "O", "O"], ["B-ORG", "I-ORG", "O", "B-PER"]])
    assert result.per_type["PER"][2] == 1.0 and result.per_type["MISC"][1] == 0.0
    assert result.micro_f1 == pytest.approx(2 * 1.0 * 0.75 / 1.75)


def test_bio_reader_type_map_and_wojood_sentence_mark(tmp_path: Path) -> None:
    path = tmp_path / "wojood.txt"
    path.write_text("روسيا B-GPE\nفي O\nمجلس B-ORG B-GPE\n$#$ O\nأمس B-DATE\n", encoding="utf-8")
    sentences = read_bio(path, {"GPE": "LOC", "ORG": "ORG"}, other="O")
    assert [s.tags for s in sentences] == [["B-LOC", "O", "B-ORG"], ["O"]]


def test_bio_reader_names_file_and_line_on_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("أحمد B-PER\nوحيدة\n", encoding="utf-8")
    with pytest.raises(BioFormatError, match=r"bad.txt:2"):
        read_bio(path)


def test_name_proclitic_is_cut_only_on_evidence() -> None:
    def known(w: str) -> bool:
        return normalize(w) in {"اوستن", "وليد", "بغداد", "العراق", "ويد"}

    assert name_proclitic_length("وأوستن", known) == 1
    assert name_proclitic_length("وبالعراق", known) == 2
    assert name_proclitic_length("وليد", known) == 0
    assert name_proclitic_length("لويد", known) == 0  # not ل + ويد
    assert name_proclitic_length("بغداد", known) == 0
    assert name_proclitic_length("وزارة", known) == 0
    assert name_proclitic_length("للعراق", known) == 0


@pytest.mark.skipif(not FAST_MODEL.exists(), reason="ner-fast model not built")
def test_shipped_model_tags_seed_sentence_with_exact_spans() -> None:
    text = "قال مصدر: " + SEED_SENTENCE + "."
    doc = AnalyzedArticle(article=_article(text), sentences=[Sentence(0, len(text))])
    build("fast").annotate(doc)
    persons = [(m.text, m.type) for m in doc.mentions if m.type == "PER"]
    assert ("ثابت العباسي", "PER") in persons
    assert any(name.endswith("أوستن") and name.startswith("لويد") for name, _ in persons)
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text and m.article == "a1"
        assert 0.0 <= (m.score or 0.0) <= 1.0


@pytest.mark.skipif(not FAST_MODEL.exists(), reason="ner-fast model not built")
def test_conjunction_is_cut_and_countries_are_gpe() -> None:
    text = "التقى الرئيس العراقي في بغداد وزير الخارجية الأمريكي أنتوني بلينكن وأوستن."
    doc = annotate(_article(text), only={"entities"})
    by_text = {m.text: m.type for m in doc.mentions}
    assert by_text.get("بغداد") == "GPE"
    assert "أوستن" in by_text and "وأوستن" not in by_text
    assert ANNOTATORS[0] == ("entities", entities.build)


@pytest.mark.skipif(not FAST_MODEL.exists(), reason="ner-fast model not built")
def test_news_text_gets_places_and_no_currency_entities() -> None:
    # SaudiNewsNet-style market report: the city is an entity, the currency is not
    text = "عين اليوم – لندن\nواصل الذهب تعافيه وزاد في السوق الفورية 0.3 % إلى 1095 دولارا للأوقية."
    doc = annotate(_article(text), only={"entities"})
    assert ("لندن", "GPE") in {(m.text, m.type) for m in doc.mentions}
    assert not any("دولار" in m.text for m in doc.mentions)


def test_a_preposition_before_a_known_place_is_cut_but_not_a_names_own_letter() -> None:
    gaz = load_gazetteer()

    def known(form: str) -> bool:
        return bool(gaz.categories_of(normalize(form)))

    assert clitic_length(normalize("بواشنطن"), known, "LOC") == 1
    assert clitic_length(normalize("وبواشنطن"), known, "LOC") == 2
    assert clitic_length(normalize("بالعراق"), known, "LOC") == 1
    assert clitic_length(normalize("كاليفورنيا"), known, "LOC") == 0  # not ك + اليفورنيا
    assert clitic_length(normalize("بيروت"), known, "LOC") == 0
    assert clitic_length(normalize("لندن"), known, "LOC") == 0
