"""The "entities" annotator: named-entity mentions (PER, ORG, LOC, GPE, MISC).

Profile "fast" is a linear-chain CRF (python-crfsuite, no deep-learning framework) over
``ner_features``, trained by ``training/ner/train_fast.py`` on ANERcorp and shipped as
``resources/models/ner-fast.crfsuite``. Profile "accurate" is a fine-tuned transformer
run with ONNX Runtime (``transformer_ner.TransformerNerTagger``, same interface).

Each sentence of the cleaned text is tokenized (``marsad.arabic.tokens``) and tagged;
BIO spans become ``Mention``s with exact character offsets. A conjunction or preposition
glued to the first word is cut off the mention when the rest is the name (وأوستن →
أوستن). The model's LOC is GPE when the gazetteers list the name as a country or city.
A lone currency or measure word tagged MISC (دولار) is not kept: it is a figure's unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from marsad.annotate.bio import bio_to_spans
from marsad.annotate.gazetteer import Gazetteer, load_gazetteer
from marsad.annotate.ner_features import GROUPS, document_hints, sentence_features
from marsad.arabic.clitics import name_proclitic_length, proclitic_variants
from marsad.arabic.normalize import normalize
from marsad.arabic.tokens import Token, tokenize
from marsad.arabic.units import unit_kind, unit_lemma
from marsad.model import AnalyzedArticle, Mention
from marsad.paths import RESOURCES

if TYPE_CHECKING:
    from marsad.annotate.transformer_ner import TransformerNerTagger

FAST_MODEL = RESOURCES / "models" / "ner-fast.crfsuite"
FAST_DOC_MODEL = RESOURCES / "models" / "ner-fast-doc.crfsuite"
GPE_CATEGORIES = frozenset({"gpe_country", "gpe_city"})


class ModelMissingError(FileNotFoundError):
    """The NER model file is not there; the message names it and how to build it."""


class NerTagger:
    """A CRF tagger over ``ner_features``: tokens in, BIO tags (PER/LOC/ORG/MISC) out."""

    def __init__(
        self,
        model_path: Path = FAST_MODEL,
        doc_model_path: Path | None = FAST_DOC_MODEL,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        import pycrfsuite

        if not model_path.exists():
            raise ModelMissingError(
                f"{model_path}: NER model missing; build it with training/ner/train_fast.py"
            )
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        # The second (document) pass is optional: without its file the first pass stands.
        self._doc_tagger = None
        if doc_model_path is not None and doc_model_path.exists():
            self._doc_tagger = pycrfsuite.Tagger()
            self._doc_tagger.open(str(doc_model_path))
        self.gazetteer = gazetteer or load_gazetteer()

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """First-pass tags of one sentence on its own."""
        if not tokens:
            return []
        return list(self._tagger.tag(sentence_features(tokens, GROUPS, self.gazetteer)))

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for every sentence of one document: a first pass per sentence, then (when
        the document model is there) a second pass that also sees how the first labelled
        the same words in nearby sentences."""
        return self._tag_document(sentences, confidence=False)[0]

    def tag_document_with_confidence(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[str], list[float]]]:
        """``tag_document`` plus each tag's marginal probability under the model."""
        tags, marginals = self._tag_document(sentences, confidence=True)
        return list(zip(tags, marginals, strict=True))

    def _tag_document(
        self, sentences: Sequence[Sequence[str]], confidence: bool
    ) -> tuple[list[list[str]], list[list[float]]]:
        features = [
            sentence_features(tokens, GROUPS, self.gazetteer) if tokens else [] for tokens in sentences
        ]
        tagger = self._tagger
        tags = [list(tagger.tag(x)) if x else [] for x in features]
        if self._doc_tagger is not None:
            tagger = self._doc_tagger
            hints = document_hints(sentences, tags)
            features = [
                [f + h for f, h in zip(x, hs, strict=True)] for x, hs in zip(features, hints, strict=True)
            ]
            tags = [list(tagger.tag(x)) if x else [] for x in features]
        marginals: list[list[float]] = []
        if confidence:
            for x, sentence_tags in zip(features, tags, strict=True):
                if x:
                    tagger.set(x)
                marginals.append([tagger.marginal(t, i) for i, t in enumerate(sentence_tags)])
        return tags, marginals

    def marginals(self, sentences: Sequence[Sequence[str]], labels: Sequence[str]) -> list[np.ndarray]:
        """First-pass marginal probability of each of ``labels`` for every token (rows: tokens),
        for ensembling with another model."""
        out = []
        for tokens in sentences:
            m = np.zeros((len(tokens), len(labels)), dtype=np.float32)
            if tokens:
                self._tagger.set(sentence_features(tokens, GROUPS, self.gazetteer))
                known = set(self._tagger.labels())
                for j, label in enumerate(labels):
                    if label in known:
                        m[:, j] = [self._tagger.marginal(label, i) for i in range(len(tokens))]
            out.append(m)
        return out


@cache
def load_tagger(profile: str = "fast") -> NerTagger | TransformerNerTagger:
    """The profile's tagger, loaded once per process."""
    if profile == "fast":
        return NerTagger(FAST_MODEL)
    if profile == "accurate":
        from marsad.annotate.transformer_ner import TransformerNerTagger

        return TransformerNerTagger()
    raise ValueError(f"unknown NER profile {profile!r}; choose fast or accurate")


class EntityAnnotator:
    name = "entities"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("mentions",)

    def __init__(self, profile: str) -> None:
        self.profile = profile

    def annotate(self, doc: AnalyzedArticle) -> None:
        tagger = load_tagger(self.profile)
        text = doc.text
        sentences = [tokenize(text, s.start, s.end) for s in doc.sentences]
        tagged = tagger.tag_document_with_confidence([[t.text for t in tokens] for tokens in sentences])
        for tokens, (tags, confidence) in zip(sentences, tagged, strict=True):
            for first, stop, label in bio_to_spans(tags):
                mention = _mention(doc.id, text, tokens[first:stop], label, tagger.gazetteer)
                if mention is not None:
                    mention.score = round(sum(confidence[first:stop]) / (stop - first), 4)
                    doc.mentions.append(mention)


def _mention(article: str, text: str, tokens: Sequence[Token], label: str, gaz: Gazetteer) -> Mention | None:
    def known(form: str) -> bool:
        return bool(gaz.categories_of(normalize(form)))

    start = tokens[0].start + name_proclitic_length(tokens[0].text, known)
    end = tokens[-1].end
    if start >= end:
        return None
    kind = label
    if label == "MISC" and len(tokens) == 1 and unit_kind(unit_lemma(tokens[0].text)) in ("money", "measure"):
        # ANERcorp sometimes tags currency names MISC; in Marsad they are the units of
        # figures (quantities annotator), not entities.
        return None
    if label == "LOC" and _is_gpe(text[start:end], gaz):
        kind = "GPE"
    return Mention(article=article, start=start, end=end, text=text[start:end], type=kind)


def _is_gpe(name: str, gaz: Gazetteer) -> bool:
    words = normalize(name).split()
    if not words:
        return False
    for first in proclitic_variants(words[0]):
        if gaz.index.get((first, *words[1:]), frozenset()) & GPE_CATEGORIES:
            return True
    return False


def build(profile: str) -> EntityAnnotator:
    return EntityAnnotator(profile)
