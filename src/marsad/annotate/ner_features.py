"""Token features for the fast (CRF) NER model.

Each token of a sentence becomes a list of string features in named groups, so training
can measure what each group brings (``GROUPS``; ``training/ner/train_fast.py --ablate``):

- ``lex``: the normalized word and its raw form;
- ``stem``: the proclitic-stripped stem and the stripped prefix (وبالعراق → ب+ال, عراق);
- ``affix``: first/last letters of the word and of the stem;
- ``shape``: digits, Latin letters, punctuation, length, the article ال;
- ``context``: words and stems at ±1/±2, word bigrams;
- ``gazetteer``: B-/I- labels of longest multi-word gazetteer matches on this and the
  neighbouring words, and the categories of the token's stem on its own;
- ``charlm``: how Arabic a word looks (mean per-letter log-probability under the news
  character model, ``marsad.arabic.charlm``) and how often news writes it: transliterated
  foreign names (دويسنبرج، متسوبيشي) score low and are rare;
- ``cluster``: distributional word classes learnt from unlabeled news
  (``training/ner/build_clusters.py``), coarse and fine, of the word (or its longest
  proclitic-stripped form) and its neighbours: unseen names share classes with seen ones;
- ``cue``: titles before persons, head nouns of organisations, place nouns, nationality
  adjectives (from ``marsad.arabic.cues`` and ``marsad.arabic.nationalities``).

``reference_sentence_features`` says what the features are, plainly; ``FeatureExtractor``
computes the same fast (the tagger's path): everything that depends on a spelling alone
(normalized form and clitic split from the document layer's ``word_form``, the word's own
features, what it gives its neighbours as context) is built once per process and a
sentence is assembled from those pieces; for tagging, features the model has no weight for
are never built. ``benchmarks/ner.py`` measures the two against each other.
"""

from __future__ import annotations

import gzip
import math
from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from marsad.annotate.gazetteer import Gazetteer, labels_of, load_gazetteer
from marsad.arabic import charlm
from marsad.arabic.clitics import proclitic_variants, strip_proclitics
from marsad.arabic.cues import LOC_CUES, ORG_CUES, PERSON_CUES
from marsad.arabic.nationalities import nisba_country
from marsad.arabic.normalize import normalize
from marsad.document import WordForm, word_form
from marsad.paths import RESOURCES

GROUPS = ("lex", "stem", "affix", "shape", "context", "gazetteer", "charlm", "cluster", "cue")
_AFTER = ("PER", "ORG", "LOC")  # cue columns of the clusters file, in order
CLUSTERS = RESOURCES / "models" / "ner-clusters.tsv.gz"
_PUNCT = set(".,،؛;:!?؟\"'()[]{}«»-–—/\\…")


@cache
def load_clusters() -> dict[str, tuple[str, ...]]:
    """normalized word → (coarse, fine cluster ids, person-, org-, place-cue buckets);
    empty when the file is absent."""
    if not CLUSTERS.exists():
        return {}
    try:
        with gzip.open(CLUSTERS, "rt", encoding="utf-8") as fh:
            rows = (line.rstrip("\n").split("\t") for line in fh)
            return {r[0]: tuple(r[1:]) for r in rows if len(r) >= 3}
    except (OSError, EOFError) as exc:
        raise ValueError(f"{CLUSTERS}: unreadable word clusters ({exc})") from exc


@lru_cache(maxsize=200_000)
def _cluster(word: str) -> tuple[str, ...] | None:
    table = load_clusters()
    for form in proclitic_variants(word):
        hit = table.get(form)
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=200_000)
def _lm_features(stem: str) -> tuple[str, ...]:
    model = charlm.load()
    if model is None or not stem or not stem.isalpha() or stem.isascii():
        return ()
    score = model.word_score(stem)
    count = model.count(stem)
    frequency = 0 if count == 0 else min(1 + int(math.log2(count)), 12)
    return ("lm=" + str(max(-10, int(score * 2))), "vf=" + str(frequency))


def _cue(norm: str, stem: str) -> str | None:
    for kind, words in (("PER", PERSON_CUES), ("ORG", ORG_CUES), ("LOC", LOC_CUES)):
        if norm in words or stem in words or ("ال" + stem) in words:
            return kind
    return None


def _word_alone(form: WordForm, use: frozenset[str]) -> tuple[str, ...]:
    """The features of a word on its own (lex, stem, affix, shape, charlm, its cluster, cue)."""
    token, w, prefix, s = form.text, form.norm, form.prefix, form.stem
    f: list[str] = []
    if "lex" in use:
        f += ["n=" + w, "w=" + token]
    if "stem" in use:
        f += ["s=" + s, "pc=" + prefix]
    if "affix" in use:
        f += ["p2=" + w[:2], "p3=" + w[:3], "x1=" + w[-1:], "x2=" + w[-2:], "x3=" + w[-3:]]
        f += [
            "sp1=" + s[:1],
            "sp2=" + s[:2],
            "sp3=" + s[:3],
            "sx2=" + s[-2:],
            "sx3=" + s[-3:],
            "sx4=" + s[-4:],
        ]
    if "shape" in use:
        if any(c.isdigit() for c in w):
            f.append("digit")
        if w.isascii() and w.isalpha():
            f.append("latin")
        if w in _PUNCT:
            f.append("punct=" + w)
        f.append("len=" + str(min(len(s), 8)))
        if prefix.endswith("ال"):
            f.append("definite")
    if "charlm" in use:
        f += _lm_features(s)
    if "cluster" in use:
        cluster = _cluster(w)
        f += ["c1=" + cluster[0], "c2=" + cluster[1]] if cluster else ["c=none"]
        if cluster:
            f += [f"after{kind}={b}" for kind, b in zip(_AFTER, cluster[2:], strict=False) if b != "0"]
    if "cue" in use:
        cue = _cue(w, s)
        if cue:
            f.append("cue=" + cue)
        if nisba_country(token) is not None:
            f.append("nisba")
    return tuple(f)


@dataclass(frozen=True, slots=True)
class _Word:
    """One spelling's share of the features, cut into the pieces a sentence assembles: its
    own features, and what it contributes as the neighbour at -2, -1, +1, +2 of another
    token (each already filtered to what the model knows, in the order of the reference;
    gazetteer labels sorted, so that the order never depends on the hash seed)."""

    norm: str
    own: tuple[str, ...]  # "bias" + the word alone
    context: tuple[tuple[str, ...], ...]  # per offset of OFFSETS: n±d=, s±1=
    stem_categories: tuple[str, ...]  # sg= features
    has_stem_categories: bool  # unfiltered: "g=none" depends on it
    cluster: tuple[tuple[str, ...], ...]  # per offset: c1±1=
    cue: tuple[tuple[str, ...], ...]  # per offset: cue-1/-2=, cue+1=, nisba+1


OFFSETS = (-2, -1, 1, 2)  # index into _Word's per-offset tuples: OFFSETS.index(d)


class FeatureExtractor:
    """``reference_sentence_features``, fast: what depends on a spelling alone is computed
    once per process (from the document layer's ``word_form``), a sentence's features are
    assembled from those cached pieces, and with ``known`` (the attributes a trained model
    has weights for) every feature the model would ignore is dropped before it is built or
    handed to crfsuite. The tags and marginals of a model are unchanged by that filter: an
    attribute with no weight adds nothing to any score."""

    def __init__(
        self,
        groups: Collection[str] = GROUPS,
        gazetteer: Gazetteer | None = None,
        known: Collection[str] | None = None,
        max_words: int = 300_000,
    ) -> None:
        self.use = frozenset(groups)
        self.gazetteer = (gazetteer or load_gazetteer()) if "gazetteer" in self.use else None
        self.known = frozenset(known) if known is not None else None
        self.max_words = max_words
        self._words: dict[str, _Word] = {}
        self._labels: dict[str, tuple[tuple[str, ...], ...]] = {}  # gazetteer label → g=, g-1=, g+1=
        # normalized words that start a bigram feature the model knows (None: all do)
        self._bigram_left: frozenset[str] | None = None
        if self.known is not None:
            # "b±1=LEFT|RIGHT"; a word may hold "|" itself, so every cut is a candidate
            self._bigram_left = frozenset(
                a[4:p] for a in self.known if a.startswith(("b-1=", "b+1=")) for p in _pipes(a)
            )
        self._pads = tuple(self._keep(f"n{d:+d}=<pad>") for d in OFFSETS)
        self._none = self._keep("g=none")

    def _keep(self, *features: str) -> tuple[str, ...]:
        if self.known is None:
            return features
        return tuple(f for f in features if f in self.known)

    def word(self, token: str) -> _Word:
        hit = self._words.get(token)
        if hit is not None:
            return hit
        use = self.use
        form = word_form(token)
        w, s = form.norm, form.stem
        context: tuple[tuple[str, ...], ...] = ((),) * 4
        if "context" in use:
            context = (
                self._keep("n-2=" + w),
                self._keep("n-1=" + w, "s-1=" + s),
                self._keep("n+1=" + w, "s+1=" + s),
                self._keep("n+2=" + w),
            )
        categories: frozenset[str] = frozenset()
        if self.gazetteer is not None:
            categories = self.gazetteer.categories_of(s)
        cluster_pieces: tuple[tuple[str, ...], ...] = ((),) * 4
        if "cluster" in use:
            cluster = _cluster(w)
            if cluster:
                cluster_pieces = ((), self._keep("c1-1=" + cluster[0]), self._keep("c1+1=" + cluster[0]), ())
        cue_pieces: tuple[tuple[str, ...], ...] = ((),) * 4
        if "cue" in use:
            cue = _cue(w, s)
            nisba = ("nisba+1",) if nisba_country(token) is not None else ()
            cue_pieces = (
                self._keep("cue-2=" + cue) if cue else (),
                self._keep("cue-1=" + cue) if cue else (),
                self._keep(*(("cue+1=" + cue,) if cue else ()), *nisba),
                (),
            )
        word = _Word(
            norm=w,
            own=self._keep("bias", *_word_alone(form, use)),
            context=context,
            stem_categories=self._keep(*("sg=" + c for c in sorted(categories))),
            has_stem_categories=bool(categories),
            cluster=cluster_pieces,
            cue=cue_pieces,
        )
        if len(self._words) >= self.max_words:
            self._words.clear()
        self._words[token] = word
        return word

    def _label(self, label: str) -> tuple[tuple[str, ...], ...]:
        hit = self._labels.get(label)
        if hit is None:
            hit = self._labels[label] = (
                self._keep("g=" + label),
                self._keep("g-1=" + label),
                self._keep("g+1=" + label),
            )
        return hit

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Features of every token of one sentence (tokens as written)."""
        return self.sentence_with_matches(tokens)[0]

    def sentence_with_matches(
        self, tokens: Sequence[str]
    ) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
        """``sentence`` and the gazetteer matches its features were built from (none without
        the gazetteer group)."""
        words = [self.word(t) for t in tokens]
        norms = [x.norm for x in words]
        n = len(words)
        use = self.use
        context, cluster, cue = "context" in use, "cluster" in use, "cue" in use
        matches = self.gazetteer.matches(norms) if self.gazetteer is not None else []
        gaz_labels = labels_of(matches, n) if self.gazetteer is not None else None
        known, left, pads = self.known, self._bigram_left, self._pads
        out: list[list[str]] = []
        for i, word in enumerate(words):
            f = list(word.own)
            if context:
                for k, d in enumerate(OFFSETS):
                    j = i + d
                    f += words[j].context[k] if 0 <= j < n else pads[k]
                if i > 0 and (left is None or norms[i - 1] in left):
                    b = f"b-1={norms[i - 1]}|{word.norm}"
                    if known is None or b in known:
                        f.append(b)
                if i + 1 < n and (left is None or word.norm in left):
                    b = f"b+1={word.norm}|{norms[i + 1]}"
                    if known is None or b in known:
                        f.append(b)
            if gaz_labels is not None:
                labels = gaz_labels[i]
                for g in sorted(labels):
                    f += self._label(g)[0]
                f += word.stem_categories
                if i > 0:
                    for g in sorted(gaz_labels[i - 1]):
                        f += self._label(g)[1]
                if i + 1 < n:
                    for g in sorted(gaz_labels[i + 1]):
                        f += self._label(g)[2]
                if not labels and not word.has_stem_categories:
                    f += self._none
            if cluster:
                if i > 0:
                    f += words[i - 1].cluster[1]
                if i + 1 < n:
                    f += words[i + 1].cluster[2]
            if cue:
                if i > 0:
                    f += words[i - 1].cue[1]
                if i > 1:
                    f += words[i - 2].cue[0]
                if i + 1 < n:
                    f += words[i + 1].cue[2]
            out.append(f)
        return out, matches


def _pipes(feature: str) -> list[int]:
    return [p for p, c in enumerate(feature) if c == "|"]


@lru_cache(maxsize=8)
def _extractor(use: frozenset[str], gazetteer: Gazetteer | None) -> FeatureExtractor:
    return FeatureExtractor(use, gazetteer)


def sentence_features(
    tokens: Sequence[str],
    groups: Collection[str] = GROUPS,
    gazetteer: Gazetteer | None = None,
) -> list[list[str]]:
    """Features of every token of one sentence (tokens as written), all of them (training)."""
    return _extractor(frozenset(groups), gazetteer).sentence(tokens)


@dataclass(frozen=True, slots=True)
class _ReferenceWord:
    """What a word contributes on its own (reference path); cached per (token, groups)."""

    norm: str
    stem: str
    own: tuple[str, ...]  # features of the word alone (lex, stem, affix, shape, charlm, own cluster)
    cluster: tuple[str, ...] | None
    cue: str | None
    nisba: bool


@lru_cache(maxsize=300_000)
def _reference_word(token: str, use: frozenset[str]) -> _ReferenceWord:
    w = normalize(token)
    s = strip_proclitics(w)[1]
    cluster = _cluster(w) if "cluster" in use else None
    cue = _cue(w, s) if "cue" in use else None
    nisba = "cue" in use and nisba_country(token) is not None
    return _ReferenceWord(w, s, _word_alone(word_form(token), use), cluster, cue, nisba)


def reference_sentence_features(
    tokens: Sequence[str],
    groups: Collection[str] = GROUPS,
    gazetteer: Gazetteer | None = None,
) -> list[list[str]]:
    """Features of every token of one sentence (tokens as written), computed the plain way:
    the specification ``FeatureExtractor`` is checked against (tests, ``benchmarks/ner.py``)."""
    use = frozenset(groups)
    words = [_reference_word(t, use) for t in tokens]
    norms = [x.norm for x in words]
    n = len(tokens)
    gaz_labels: list[set[str]] = []
    stem_cats: list[frozenset[str]] = []
    if "gazetteer" in use:
        gaz = gazetteer or load_gazetteer()
        gaz_labels = gaz.tag(norms)
        stem_cats = [gaz.categories_of(x.stem) for x in words]
    context, cluster, cue = "context" in use, "cluster" in use, "cue" in use
    out: list[list[str]] = []
    for i, word in enumerate(words):
        w = word.norm
        f = ["bias", *word.own]
        if context:
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    f.append(f"n{d:+d}={norms[j]}")
                    if d in (-1, 1):
                        f.append(f"s{d:+d}={words[j].stem}")
                else:
                    f.append(f"n{d:+d}=<pad>")
            if i > 0:
                f.append(f"b-1={norms[i - 1]}|{w}")
            if i + 1 < n:
                f.append(f"b+1={w}|{norms[i + 1]}")
        if gaz_labels:
            f += ["g=" + g for g in sorted(gaz_labels[i])]
            f += ["sg=" + c for c in sorted(stem_cats[i])]
            if i > 0:
                f += ["g-1=" + g for g in sorted(gaz_labels[i - 1])]
            if i + 1 < n:
                f += ["g+1=" + g for g in sorted(gaz_labels[i + 1])]
            if not gaz_labels[i] and not stem_cats[i]:
                f.append("g=none")
        if cluster:
            for d in (-1, 1):
                j = i + d
                if 0 <= j < n and words[j].cluster:
                    f.append(f"c1{d:+d}={words[j].cluster[0]}")  # type: ignore[index]
        if cue:
            for d in (1, 2):
                if i - d >= 0 and words[i - d].cue:
                    f.append(f"cue-{d}={words[i - d].cue}")
            if i + 1 < n:
                if words[i + 1].cue:
                    f.append(f"cue+1={words[i + 1].cue}")
                if words[i + 1].nisba:
                    f.append("nisba+1")
        out.append(f)
    return out


def document_hints(
    sentences: Sequence[Sequence[str]], first_pass: Sequence[Sequence[str]], window: int = 10
) -> list[list[list[str]]]:
    """Second-pass features from a first pass over nearby sentences of the same document.

    A name is usually written several times in an article and a first pass gets some of
    its occurrences right: each token learns how the first pass labelled the other
    occurrences of its stem within ``window`` sentences ("dk=PER", "dk=O"; nothing when the
    stem occurs nowhere else). Both lists hold one entry per sentence, in document order.
    """
    stems = [[word_form(t).stem for t in tokens] for tokens in sentences]
    # stem → list of (sentence index, token index, entity type or "O")
    seen: dict[str, list[tuple[int, int, str]]] = {}
    for k, (row, tags) in enumerate(zip(stems, first_pass, strict=True)):
        for i, (stem, tag) in enumerate(zip(row, tags, strict=True)):
            if len(stem) >= 2 and stem.isalpha():
                seen.setdefault(stem, []).append((k, i, tag[2:] if tag != "O" else "O"))
    out: list[list[list[str]]] = []
    for k, row in enumerate(stems):
        hints: list[list[str]] = []
        for i, stem in enumerate(row):
            votes: dict[str, int] = {}
            occurrences = seen.get(stem, [])
            lo = bisect_left(occurrences, (k - window, -1, ""))
            for k2, i2, label in occurrences[lo:]:
                if k2 > k + window:
                    break
                if (k2, i2) != (k, i):
                    votes[label] = votes.get(label, 0) + 1
            if not votes:
                hints.append([])
                continue
            best = max(votes, key=lambda v: votes[v])
            entity = {v: c for v, c in votes.items() if v != "O"}
            hint = ["dk=" + best]
            if entity:
                hint.append("dke=" + max(entity, key=lambda v: entity[v]))
            hints.append(hint)
        out.append(hints)
    return out


def propagate_names(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """Document-level consistency: a name of two or more words tagged once in a document is
    tagged (with its majority type) wherever else the document writes it, spelt the same,
    untagged.

    Only where the words are all untagged and the span does not split an entity; one-word
    names are not spread (too many are also common words: دولار، الأهلي). On dev (last 10%
    of ANERcorp train) 0.746 → 0.751, on the cross-domain tune split 0.609 → 0.618. Spreading
    a multi-word person's last word alone (أوستن after لويد أوستن, not definite words) lost on
    ANERcorp dev (0.731 → 0.716, precision) and won 0.003 on cross-domain tune: not done.
    """
    from marsad.annotate.bio import bio_to_spans

    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for tokens, row in zip(sentences, tags, strict=True):
        for first, stop, label in bio_to_spans(list(row)):
            if stop - first >= 2:
                key = tuple(tokens[first:stop])  # as written: normalizing every word costs more
                votes.setdefault(key, {}).setdefault(label, 0)
                votes[key][label] += 1
    names = {key: max(v, key=lambda k: v[k]) for key, v in votes.items()}
    lengths: dict[str, list[int]] = {}  # first word → name lengths, longest first
    for key in names:
        lengths.setdefault(key[0], []).append(len(key))
    for sizes in lengths.values():
        sizes.sort(reverse=True)
    out: list[list[str]] = []
    for tokens, row in zip(sentences, tags, strict=True):
        new = list(row)
        i = 0
        while names and i < len(tokens):
            for n in lengths.get(tokens[i], ()):
                name_type = names.get(tuple(tokens[i : i + n]))
                if (
                    name_type is not None
                    and all(t == "O" for t in new[i : i + n])
                    and (i == 0 or new[i - 1] == "O")
                    and (i + n == len(tokens) or not new[i + n].startswith("I-"))
                ):
                    new[i : i + n] = ["B-" + name_type] + ["I-" + name_type] * (n - 1)
                    i += n - 1
                    break
            i += 1
        out.append(new)
    return out


# Gazetteer categories that list whole persons (not given names or name parts).
PERSON_LIST_CATEGORIES = frozenset({"person_full", "person_known", "news_per"})


def extend_to_listed_names(tags: Sequence[str], matches: Sequence[tuple[int, int, str]]) -> list[str]:
    """Span boundaries from multi-word gazetteer matches: a tagged person whose last words
    begin a longer listed person (``Gazetteer.matches``) runs on to its end («محمد شياع» +
    السوداني) when the words it gains are untagged.

    Only persons and only to the right: on dev (ANERcorp last 10%, cross-domain tune) the
    place and organisation lists, and words on the left, carry descriptors the gold leaves
    out (قطاع غزة، حزب الله اللبناني، الرئيس محمد حسني مبارك)."""
    from marsad.annotate.bio import bio_to_spans

    new = list(tags)
    for first, stop, label in bio_to_spans(list(tags)):
        if label != "PER":
            continue
        end = max(
            (
                e
                for s, e, category in matches
                if first <= s < stop < e and e - s >= 2 and category in PERSON_LIST_CATEGORIES
            ),
            default=stop,
        )
        if (
            end > stop
            and all(t == "O" for t in tags[stop:end])
            and not (end < len(new) and new[end][:2] == "I-")
        ):
            new[stop:end] = ["I-PER"] * (end - stop)
    return new


def model_attributes(tagger: Any) -> frozenset[str]:
    """The attributes a trained crfsuite model (an open ``pycrfsuite.Tagger``) has state
    weights for: any other attribute adds nothing to a score, so need not be built."""
    return frozenset(attribute for attribute, _ in tagger.info().state_features)


def reference_tagging(
    crf: Any, gazetteer: Gazetteer, sentences: Sequence[Sequence[str]]
) -> tuple[list[list[str]], list[list[float]]]:
    """The tagging path, plainly, for the tests and the benchmark to compare ``NerTagger``
    with: reference features, crfsuite's Viterbi, widening to listed names, names spread
    over the document, then the marginals of those tags (a second crfsuite pass). ``crf`` is
    an open ``pycrfsuite.Tagger``."""
    features = [reference_sentence_features(t, GROUPS, gazetteer) if t else [] for t in sentences]
    viterbi = [list(crf.tag(x)) if x else [] for x in features]
    listed = [gazetteer.matches([normalize(w) for w in t]) for t in sentences]
    widened = [extend_to_listed_names(row, m) for row, m in zip(viterbi, listed, strict=True)]
    tags = propagate_names(sentences, widened)
    marginals = []
    for x, row in zip(features, tags, strict=True):
        if x:
            crf.set(x)
        marginals.append([crf.marginal(t, i) for i, t in enumerate(row)])
    return tags, marginals
