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

Language gating: the Arabic models only see Arabic text. A sentence whose letters are
mostly not Arabic (an English paragraph, code) is not tagged; inside Arabic sentences
URLs, e-mail addresses and @handles are taken out, Latin names stay ("شركة Apple").
Bylines, tag lines and outlet datelines (``marsad.arabic.outlets``) are metadata: not tagged.

Name hygiene (what may become an actor): a preposition glued to a known given name is cut
(بمحمد → محمد), a conjunction too when news writes the rest alone far more often
(ومصرف → مصرف); leading common nouns are dropped from a person (لوفد أوستن → أوستن: news
writes "الوفد" as often as "وفد"); a lone nationality adjective (الأوزبكي), the dual or
plural of a common noun (الوفدان) and fragments of one or two letters are not names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from marsad.annotate.bio import bio_to_spans
from marsad.annotate.gazetteer import Gazetteer, load_gazetteer
from marsad.annotate.ner_features import (
    GROUPS,
    FeatureExtractor,
    document_hints,
    extend_to_listed_names,
    model_attributes,
    propagate_names,
)
from marsad.arabic import charlm
from marsad.arabic.clitics import name_proclitic_length, proclitic_variants, strip_proclitics
from marsad.arabic.nationalities import nisba_country
from marsad.arabic.normalize import normalize
from marsad.arabic.outlets import metadata_spans
from marsad.arabic.script import arabic_letter_ratio, is_arabic_letter
from marsad.arabic.tokens import Token, tokenize
from marsad.arabic.units import unit_kind, unit_lemma
from marsad.model import AnalyzedArticle, EntityType, Mention
from marsad.paths import RESOURCES

if TYPE_CHECKING:
    from marsad.annotate.transformer_ner import TransformerNerTagger
    from marsad.document import Document

FAST_MODEL = RESOURCES / "models" / "ner-fast.crfsuite"
FAST_DOC_MODEL = RESOURCES / "models" / "ner-fast-doc.crfsuite"
GPE_CATEGORIES = frozenset({"gpe_country", "gpe_city"})
PLACE_CATEGORIES = frozenset({"gpe_country", "gpe_city", "loc_region"})
# A sentence is tagged when at least this share of its letters is Arabic.
MIN_ARABIC_SHARE = 0.5
# Not prose: URLs, e-mail addresses, @handles (their letters are no names).
_NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@])@\w+", re.IGNORECASE)
# News evidence that a glued letter is a clitic: the rest is written alone this many times
# more often than the whole (ومصرف 23 / مصرف 139), and at least this often.
CLITIC_RATIO, CLITIC_MIN = 5, 3
# Mean marginal below which a one-word mention founds no new actor (chosen by reading the
# actors of 300 other SaudiNewsNet articles, seed 7 of training/ner/junk_actors.py).
MIN_ONE_WORD_CONFIDENCE = 0.5
# A word is a common noun when news writes it with the article at least this share of the
# times it writes it bare (وفد 263, الوفد 277) and often enough to tell.
DEFINITE_SHARE, COMMON_MIN = 0.2, 30


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
        # Features built only where the first-pass model has weights for them (the second
        # pass, when there, sees them all): same tags and marginals, far fewer strings.
        known = None if self._doc_tagger is not None else model_attributes(self._tagger)
        self.features = FeatureExtractor(GROUPS, self.gazetteer, known)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """First-pass tags of one sentence on its own."""
        if not tokens:
            return []
        return list(self._tagger.tag(self.features.sentence(tokens)))

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
        built = [self.features.sentence_with_matches(tokens) if tokens else ([], []) for tokens in sentences]
        features = [x for x, _ in built]
        tagger = self._tagger
        if self._doc_tagger is not None:
            first = [list(tagger.tag(x)) if x else [] for x in features]
            tagger = self._doc_tagger
            hints = document_hints(sentences, first)
            features = [
                [f + h for f, h in zip(x, hs, strict=True)] for x, hs in zip(features, hints, strict=True)
            ]
        # Each sentence goes to crfsuite once: set, Viterbi, then the marginals of its tags.
        tags: list[list[str]] = []
        marginals: list[list[float]] = []
        for x in features:
            if not x:
                tags.append([])
                marginals.append([])
                continue
            tagger.set(x)
            row = list(tagger.tag())
            tags.append(row)
            marginals.append([tagger.marginal(t, i) for i, t in enumerate(row)] if confidence else [])
        widened = [extend_to_listed_names(row, found) for row, (_, found) in zip(tags, built, strict=True)]
        spread = propagate_names(sentences, widened)
        if confidence:
            # names widened or spread to other words: the marginals of their new tags
            for k, (old, new) in enumerate(zip(tags, spread, strict=True)):
                if old != new:
                    tagger.set(features[k])
                    marginals[k] = [tagger.marginal(t, i) for i, t in enumerate(new)]
        return spread, marginals

    def marginals(self, sentences: Sequence[Sequence[str]], labels: Sequence[str]) -> list[np.ndarray]:
        """First-pass marginal probability of each of ``labels`` for every token (rows: tokens),
        for ensembling with another model."""
        out = []
        for tokens in sentences:
            m = np.zeros((len(tokens), len(labels)), dtype=np.float32)
            if tokens:
                self._tagger.set(self.features.sentence(tokens))
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
        sentences = sentence_tokens(doc)
        tagged = tagger.tag_document_with_confidence([[t.text for t in tokens] for tokens in sentences])
        for tokens, (tags, confidence) in zip(sentences, tagged, strict=True):
            for first, stop, label in bio_to_spans(tags):
                mention = _mention(doc.id, text, tokens[first:stop], label, tagger.gazetteer)
                if mention is not None:
                    mention.score = round(sum(confidence[first:stop]) / (stop - first), 4)
                    doc.mentions.append(mention)


def sentence_tokens(doc: AnalyzedArticle) -> list[list[Token]]:
    """The tokens the tagger reads, per sentence (outlet metadata lines left out)."""
    skip = metadata_spans(doc.text)
    return [arabic_tokens(doc.text, s.start, s.end, skip, doc.document) for s in doc.sentences]


def arabic_tokens(
    text: str,
    start: int,
    end: int,
    skip: Sequence[tuple[int, int]] = (),
    layer: Document | None = None,
) -> list[Token]:
    """The tokens of text[start:end] the Arabic NER may see: none when the sentence is not
    mostly Arabic; otherwise all but those of URLs, e-mail addresses, handles and ``skip``
    (``layer``: the text's document layer, whose tokens are taken rather than re-made)."""
    sentence = text[start:end]
    if arabic_letter_ratio(sentence) < MIN_ARABIC_SHARE:
        return []
    holes = [(start + m.start(), start + m.end()) for m in _NOT_PROSE.finditer(sentence)]
    holes += [(s, e) for s, e in skip if s < end and start < e]
    tokens = layer.tokens_in(start, end) if layer is not None else tokenize(text, start, end)
    if not holes:
        return tokens
    return [t for t in tokens if not any(s < t.end and t.start < e for s, e in holes)]


def gated_spans(doc: AnalyzedArticle) -> list[tuple[int, int]]:
    """Spans of the article no Arabic name annotation may come from: sentences that are not
    mostly Arabic, URLs, e-mail addresses, handles, bylines, tag lines and outlet datelines
    (what ``arabic_tokens`` keeps from the tagger), in order."""
    text = doc.text
    spans = metadata_spans(text)
    for s in doc.sentences:
        sentence = text[s.start : s.end]
        if arabic_letter_ratio(sentence) < MIN_ARABIC_SHARE:
            spans.append((s.start, s.end))
        else:
            spans += [(s.start + m.start(), s.start + m.end()) for m in _NOT_PROSE.finditer(sentence)]
    return sorted(spans)


def could_be_new_actor(mention: Mention) -> bool:
    """Whether an NER mention the actor dictionary does not know may found a new actor: a
    one-word mention needs the tagger's confidence (junk like «للغطس», «برواز» is tagged
    at 0.4-0.5; names mostly above 0.9)."""
    one_word = len(mention.text.split()) == 1
    return not (one_word and mention.score is not None and mention.score < MIN_ONE_WORD_CONFIDENCE)


def news_count(word: str) -> int:
    """How often SaudiNewsNet writes ``word`` (normalized), per the char-LM's vocabulary."""
    model = charlm.load()
    return model.vocabulary.get(normalize(word), 0) if model is not None else 0


def clitic_length(word: str, known: Callable[[str], bool], label: str) -> int:
    """Leading letters of a name-bearing token that are a conjunction/preposition:
    ``name_proclitic_length`` when news writes the rest on its own (كاليفورنيا is not
    ك + اليفورنيا), plus, for persons, organisations and places, a preposition before a known
    name (بمحمد، بواشنطن) and, for persons and organisations, a conjunction that news
    evidence marks as a clitic (ومصرف)."""
    cut = name_proclitic_length(word, known)
    if cut and not known(word[cut:]) and news_count(word[cut:]) < CLITIC_MIN <= news_count(word):
        cut = 0  # the rest is a stump news never writes: the letter belongs to the name
    if cut or known(word) or label not in ("PER", "ORG", "LOC"):
        return cut
    for n in (2, 1):
        head, rest = word[:n], word[n:]
        if len(rest) < 3 or not all(c in "وفبلك" for c in head) or (n == 2 and head[0] not in "وف"):
            continue
        if head[-1] in "بلك":
            # foreign names start with these letters (لويد، بايدن، كيري): only before a known name
            # لويد: "ويد" is a name too, but news writes neither often
            if (
                known(rest)
                and news_count(rest) >= COMMON_MIN
                and news_count(rest) >= CLITIC_RATIO * max(news_count(word), 1)
            ):
                return n
            continue
        if label == "LOC":
            continue  # a conjunction before a place is cut by name_proclitic_length when known
        whole, alone = news_count(word), news_count(rest)
        if alone >= CLITIC_MIN and alone >= CLITIC_RATIO * max(whole, 1):
            return n
    return 0


def is_common_noun(word: str, gaz: Gazetteer) -> bool:
    """A frequent word that news also writes with the article ال, and no known name."""
    w = normalize(word)
    if gaz.categories_of(w) or w.startswith("ال") or not all(is_arabic_letter(c) for c in w):
        return False
    bare, definite = news_count(w), news_count("ال" + w)
    return bare + definite >= COMMON_MIN and definite >= DEFINITE_SHARE * bare


def is_name_like(name: str, gaz: Gazetteer) -> bool:
    """Whether a mention's text can name an actor: not a fragment, not a lone nationality
    adjective, not the dual or plural of a common noun (الوفدان)."""
    words = normalize(name).split()
    if not words or sum(c.isalpha() for c in "".join(words)) < 3:
        return False
    if len(words) > 1 or gaz.categories_of(words[0]):
        return True
    w = words[0]
    if nisba_country(w) is not None:
        return False
    if w.startswith("ال") and w.endswith(("ان", "ين")) and not w.endswith("يين"):
        singular = w[:-2]
        for form in (singular, singular[:-1] + "ه" if singular.endswith("ت") else singular):
            if news_count(form) >= COMMON_MIN and news_count(w) < news_count(form):
                return False  # الوفدان → الوفد, الشركتين → الشركة
    return True


def _leading_common_nouns(tokens: Sequence[Token], gaz: Gazetteer, known: Callable[[str], bool]) -> int:
    """How many leading words of a person mention are common nouns, not the name
    ("لوفد أوستن" → 1). None when the name would start with a definite word: that is a
    title's construct ("وزير الدفاع ..."), which actor resolution reads whole."""
    first = 0
    while first < len(tokens) - 1:
        word = tokens[first].text
        if known(word) or not any(is_common_noun(v, gaz) for v in proclitic_variants(normalize(word))):
            break
        first += 1
    if first and strip_proclitics(normalize(tokens[first].text))[0].endswith("ال"):
        return 0
    return first


def _place_after_preposition(tokens: Sequence[Token], gaz: Gazetteer) -> int:
    """Where a person or organisation mention runs into "in <place>" ("البنتاغون بواشنطن"):
    the index of the first later word that is ب/ل + a known place, else the length."""
    for i in range(1, len(tokens)):
        w = normalize(tokens[i].text)
        if len(w) > 3 and w[0] in "بل" and gaz.categories_of(w[1:]) & PLACE_CATEGORIES:
            return i
    return len(tokens)


def _mention(article: str, text: str, tokens: Sequence[Token], label: str, gaz: Gazetteer) -> Mention | None:
    def known(form: str) -> bool:
        return bool(gaz.categories_of(normalize(form)))

    if label == "MISC" and len(tokens) == 1 and unit_kind(unit_lemma(tokens[0].text)) in ("money", "measure"):
        # ANERcorp sometimes tags currency names MISC; in Marsad they are the units of
        # figures (quantities annotator), not entities.
        return None
    if label == "PER":
        tokens = tokens[_leading_common_nouns(tokens, gaz, known) :]
    if label in ("PER", "ORG"):
        tokens = tokens[: _place_after_preposition(tokens, gaz)]
    start = tokens[0].start + clitic_length(tokens[0].text, known, label)
    end = tokens[-1].end
    if start >= end:
        return None
    if label in ("PER", "ORG") and not is_name_like(text[start:end], gaz):
        return None
    kind = label
    if label == "LOC" and _is_gpe(text[start:end], gaz):
        kind = "GPE"
    return Mention(article=article, start=start, end=end, text=text[start:end], type=EntityType(kind))


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
