"""The fast NER's feature extractor: cached, filtered features equal the reference ones, and
the tagger's one crfsuite pass gives the tags and marginals of the old two."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from marsad.annotate.entities import FAST_MODEL, NerTagger
from marsad.annotate.gazetteer import Gazetteer, load_gazetteer
from marsad.annotate.ner_features import (
    GROUPS,
    FeatureExtractor,
    extend_to_listed_names,
    reference_sentence_features,
    reference_tagging,
    sentence_features,
)
from marsad.evaluation.ner import load_crossdomain

# odd tokens too: punctuation, Latin, digits, a "|" inside words (bigram keys hold "|")
ODD = [
    ["قال", "وزير", "الخارجية", "الأمريكي", "جون", "كيري", "|", "في", "واشنطن", "."],
    ["a|b", "|", "شركة", "Apple", "2015", "للولايات", "المتحدة", "،", "x|"],
    ["بغداد"],
    [],
]


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    return [s.tokens for s in load_crossdomain(split="tune")][:120] + ODD


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    if not FAST_MODEL.exists():
        pytest.skip("fast NER model not built")
    return NerTagger(doc_model_path=None)


def test_extractor_equals_reference_for_every_group_set(sentences: list[list[str]]) -> None:
    gaz = load_gazetteer()
    for groups in (GROUPS, [g for g in GROUPS if g not in ("gazetteer", "cue")], ["lex", "context"]):
        fresh = FeatureExtractor(groups, gaz)
        for tokens in sentences:
            expected = reference_sentence_features(tokens, groups, gaz)
            assert fresh.sentence(tokens) == expected, tokens
            assert sentence_features(tokens, groups, gaz) == expected


def test_warm_cache_and_evicting_cache_change_nothing(sentences: list[list[str]]) -> None:
    cold = FeatureExtractor(GROUPS)
    first = [cold.sentence(t) for t in sentences]
    assert [cold.sentence(t) for t in sentences] == first  # every word now cached
    tiny = FeatureExtractor(GROUPS, max_words=3)  # cleared again and again
    assert [tiny.sentence(t) for t in sentences] == first
    assert len(tiny._words) <= 3


def test_known_attributes_filter_keeps_only_what_the_model_weighs(sentences: list[list[str]]) -> None:
    known = {"bias", "n=قال", "b-1=a|b", "g=B-gpe_city", "g=none", "n-2=<pad>", "c1-1=7", "s+1=خارجية"}
    filtered = FeatureExtractor(GROUPS, known=known)
    for tokens in sentences:
        expected = [[f for f in row if f in known] for row in reference_sentence_features(tokens)]
        assert filtered.sentence(tokens) == expected
    # a bigram whose left word holds "|" is still found
    assert "b-1=a|b" in filtered.sentence(["a", "b"])[1]


def test_extractor_uses_the_gazetteer_it_is_given() -> None:
    gaz = Gazetteer({"gpe_city": {"قرطبه"}})
    features = FeatureExtractor(GROUPS, gaz).sentence(["في", "وقرطبة"])
    assert "g=B-gpe_city" in features[1] and "g+1=B-gpe_city" in features[0]
    assert "g=none" in features[0]


def test_gazetteer_skips_words_that_start_no_entry_without_losing_matches() -> None:
    gaz = Gazetteer({"gpe_country": {"الولايات المتحده"}, "gpe_city": {"بغداد"}})
    words = ["سافر", "للولايات", "المتحده", "وبغداد", "المتحده"]
    assert gaz.tag(words) == [set(), {"B-gpe_country"}, {"I-gpe_country"}, {"B-gpe_city"}, set()]
    assert gaz._starting_forms("سافر") == ()
    assert gaz._starting_forms("للولايات") == ("الولايات",)


def test_one_crfsuite_pass_gives_the_old_tags_and_marginals(
    tagger: NerTagger, sentences: list[list[str]]
) -> None:
    old_tags, old_marginals = reference_tagging(tagger._tagger, tagger.gazetteer, sentences)
    new = tagger.tag_document_with_confidence(sentences)
    assert [t for t, _ in new] == old_tags
    assert [m for _, m in new] == old_marginals
    assert tagger.tag_document(sentences) == old_tags
    assert any(any(t != "O" for t in row) for row in old_tags)


def _news_gazetteer() -> ModuleType:
    """training/ner/news_gazetteer.py, a script outside the package, loaded by path."""
    path = Path(__file__).resolve().parents[1] / "training" / "ner" / "news_gazetteer.py"
    spec = importlib.util.spec_from_file_location("_news_gazetteer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_news_gazetteer_counts_clitic_forms_under_the_bare_name() -> None:
    module = _news_gazetteer()
    gaz = Gazetteer({"gpe_city": {"مكه"}})
    sightings = {
        "بمكه": Counter(LOC=3),
        "للامم المتحده": Counter(ORG=2),
        "الامم المتحده": Counter(ORG=1),
        "الاهلي": Counter(ORG=4),
        "لويد": Counter(PER=2),
    }
    articles = {name: {f"url-{i}"} for i, name in enumerate(sightings)}
    merged, seen_in = module._merge_clitic_forms(sightings, articles, gaz)
    assert merged["مكه"] == Counter(LOC=3)  # listed: the lookup finds it under بمكه
    assert merged["الامم المتحده"] == Counter(ORG=3)
    assert seen_in["الامم المتحده"] == {"url-1", "url-2"}
    assert merged["الاهلي"] == Counter(ORG=4)  # the article stays
    assert merged["لويد"] == Counter(PER=2)  # no bare form seen: no cut
    assert "للامم المتحده" not in merged


def test_news_gazetteer_keeps_no_clitic_stumps_or_url_parts() -> None:
    module = _news_gazetteer()
    assert not module.usable_name("اليفورنيا")  # كاليفورنيا with its ك cut as a preposition
    assert not module.usable_name("https")
    assert module.usable_name("كاليفورنيا") and module.usable_name("الخليج العربيه")
    assert module.usable_name("snapchat")  # Latin names are not checked against Arabic news


def test_a_tagged_person_runs_on_to_the_end_of_the_listed_person_it_starts() -> None:
    gaz = Gazetteer({"person_known": {"محمد شياع السوداني"}, "gpe_country": {"الولايات المتحده"}})
    words = ["قال", "محمد", "شياع", "السوداني", "في", "الولايات", "المتحده"]
    found = gaz.matches(words)
    assert (1, 4, "person_known") in found and (5, 7, "gpe_country") in found
    tags = ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    assert extend_to_listed_names(tags, found) == ["O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "O"]
    # places are not widened (their lists carry descriptors: قطاع غزة), nor another type,
    # nor onto a word of another name, nor to the left (titles: الرئيس محمد حسني مبارك)
    assert extend_to_listed_names(["O", "B-ORG", "I-ORG", "O", "O", "O", "O"], found)[3] == "O"
    assert extend_to_listed_names(["O", "B-PER", "I-PER", "B-LOC", "O", "O", "O"], found)[3] == "B-LOC"
    assert extend_to_listed_names(["O", "O", "B-PER", "I-PER", "O", "O", "O"], found)[1] == "O"
    # one-word entries never move a boundary
    one = Gazetteer({"person_known": {"السوداني"}})
    assert extend_to_listed_names(tags, one.matches(words)) == tags
