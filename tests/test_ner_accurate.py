"""The accurate NER profile: unigram tokenizer, BIO decoding, windows, the ONNX tagger."""

from __future__ import annotations

import itertools
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from marsad.annotate.entities import EntityAnnotator, ModelMissingError, load_tagger
from marsad.annotate.transformer_ner import (
    ACCURATE_VOCAB,
    LABELS,
    MAX_PIECES,
    OnnxNer,
    TransformerNerTagger,
    decode,
    windows,
)
from marsad.annotate.unigram import WORD_MARK, TokenizerFileError, UnigramTokenizer
from marsad.arabic.tokens import tokenize

SEED_SENTENCE = (
    "التقى وزير الدفاع ثابت العباسي مع وزير الدفاع الأمريكي لويد أوستن في واشنطن، "
    "وبحثا انسحاب قوات التحالف من قاعدة قرب مطار بغداد الدولي."
)


@pytest.fixture(scope="module")
def vocab() -> UnigramTokenizer:
    return UnigramTokenizer.load(ACCURATE_VOCAB)


def tiny() -> UnigramTokenizer:
    pieces = ["<s>", "<pad>", "</s>", "<unk>", f"{WORD_MARK}ab", f"{WORD_MARK}a", "b", "c", WORD_MARK, "bc"]
    scores = [0.0, 0.0, 0.0, 0.0, -2.0, -1.5, -1.5, -3.0, -1.0, -1.0]
    return UnigramTokenizer(
        pieces, scores, {"\u0640": "", "Ａ": "a"}, {"bos": 0, "pad": 1, "eos": 2, "unk": 3}
    )


def test_viterbi_picks_the_most_probable_segmentation() -> None:
    tok = tiny()
    # "▁ab" (-2) beats "▁a"+"b" (-3); "▁a"+"bc" (-2.5) beats "▁ab"+"c" (-5)
    assert [p.text for p in tok.encode_word("ab")] == [f"{WORD_MARK}ab"]
    assert [p.text for p in tok.encode_word("abc")] == [f"{WORD_MARK}a", "bc"]
    # a character no piece covers is <unk>, with its span
    pieces = tok.encode_word("axb")
    assert [p.id for p in pieces] == [5, 3, 6]
    assert [(p.start, p.end) for p in pieces] == [(0, 1), (1, 2), (2, 3)]


def test_normalisation_map_applies_and_spans_point_at_source_characters() -> None:
    tok = tiny()
    pieces = tok.encode_word("Ａ\u0640bc")  # full-width A → a; tatweel removed
    assert [p.text for p in pieces] == [f"{WORD_MARK}a", "bc"]
    assert [(p.start, p.end) for p in pieces] == [(0, 1), (2, 4)]


def test_tokenizer_round_trips_spans_on_seed_text(
    vocab: UnigramTokenizer, seed_texts: dict[str, str]
) -> None:
    for text in seed_texts.values():
        for token in tokenize(text)[:400]:
            pieces = vocab.encode_word(token.text)
            normalized, _ = vocab.normalize_word(token.text)
            assert "".join(p.text for p in pieces) == normalized
            # spans are ordered, inside the word, and the first starts at its start
            assert pieces[0].start == 0
            assert all(a.start <= b.start for a, b in itertools.pairwise(pieces))
            assert all(0 <= p.start <= p.end <= len(token.text) for p in pieces)
            assert pieces[-1].end == len(token.text)


def test_pruned_vocabulary_is_small_and_covers_arabic_text(
    vocab: UnigramTokenizer, seed_texts: dict[str, str]
) -> None:
    assert 5_000 < len(vocab) < 20_000
    words = [t.text for text in seed_texts.values() for t in tokenize(text)]
    ids = [p.id for w in words for p in vocab.encode_word(w)]
    assert ids.count(vocab.unk) / len(ids) < 0.002
    # common words stay whole, as in the full vocabulary
    assert [p.text for p in vocab.encode_word("العراق")] == [f"{WORD_MARK}العراق"]


def test_pruned_vocabulary_covers_saudinewsnet(vocab: UnigramTokenizer, shared: Path) -> None:
    archive = sorted((shared / "data" / "news" / "saudinewsnet").glob("*.zip"))[-1]
    with zipfile.ZipFile(archive) as zf:
        articles = json.loads(zf.read(zf.namelist()[0]))
    words = [t.text for a in articles[:200] for t in tokenize(a.get("content") or "")]
    ids = [p.id for w in words for p in vocab.encode_word(w)]
    assert len(ids) > 10_000
    assert ids.count(vocab.unk) / len(ids) < 0.005


def test_bad_tokenizer_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "vocab.json.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(TokenizerFileError, match=str(bad)):
        UnigramTokenizer.load(bad)


def test_decode_keeps_bio_well_formed() -> None:
    probs = np.full((3, len(LABELS)), 0.01, dtype=np.float32)
    probs[0, LABELS.index("O")] = 0.9
    probs[1, LABELS.index("I-PER")] = 0.6  # an I- after O is not allowed ...
    probs[1, LABELS.index("B-PER")] = 0.3  # ... so the B- wins
    probs[2, LABELS.index("I-PER")] = 0.9
    assert decode(probs) == ["O", "B-PER", "I-PER"]
    assert decode(np.zeros((0, len(LABELS)))) == []


def test_windows_cut_long_sentences_at_word_boundaries(vocab: UnigramTokenizer) -> None:
    words = [t.text for t in tokenize(SEED_SENTENCE)] * 12
    spans = list(windows(vocab, words))
    assert len(spans) > 1
    assert spans[0][0] == 0 and spans[-1][1] == len(words)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(spans))
    for a, b in spans:
        assert len(vocab.encode_words(words[a:b])[0]) <= MAX_PIECES - 2


def test_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "ner-accurate.onnx"
    with pytest.raises(ModelMissingError) as info:
        OnnxNer(missing)
    assert str(missing) in str(info.value) and "train_accurate.py" in str(info.value)


def test_accurate_tagger_finds_people_and_places() -> None:
    tagger = load_tagger("accurate")
    assert isinstance(tagger, TransformerNerTagger)
    tokens = [t.text for t in tokenize(SEED_SENTENCE)]
    (tags, confidence), (empty, _) = tagger.tag_document_with_confidence([tokens, []])
    assert empty == []
    assert len(tags) == len(tokens) == len(confidence)
    assert all(0.0 < c <= 1.0 for c in confidence)
    by_word = dict(zip(tokens, tags, strict=True))
    assert by_word["لويد"] == "B-PER" and by_word["أوستن"] == "I-PER"
    assert by_word["بغداد"].endswith("LOC")
    assert tagger.tag(tokens) == tags


def test_entity_annotator_accurate_profile_gives_exact_spans() -> None:
    from marsad.arabic.sentences import split_sentences
    from marsad.model import AnalyzedArticle, Article

    text = "وقال وزير الدفاع الأمريكي لويد أوستن إن القوات ستبقى في بغداد."
    article = Article(id="a1", source="test", url=None, title=None, published=None, language="ar", text=text)
    doc = AnalyzedArticle(article=article, sentences=split_sentences(text))
    EntityAnnotator("accurate").annotate(doc)
    found = {(m.text, m.type) for m in doc.mentions}
    assert ("لويد أوستن", "PER") in found
    assert any(m.text == "بغداد" and m.type in ("LOC", "GPE") for m in doc.mentions)
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text


def test_crf_marginals_for_the_ensemble_are_distributions() -> None:
    from marsad.annotate.entities import NerTagger

    tokens = [t.text for t in tokenize(SEED_SENTENCE)]
    (m, empty) = NerTagger(doc_model_path=None).marginals([tokens, []], LABELS)
    assert m.shape == (len(tokens), len(LABELS)) and empty.shape == (0, len(LABELS))
    assert np.allclose(m.sum(1), 1.0, atol=1e-3)
    assert decode(m)[tokens.index("لويد")] == "B-PER"
