"""Sentence-level PROTEST/ASSAULT detector: a linear model shipped as JSON weights.

Trained by ``training/events/train_gsr.py`` on the Arabic event GSR (sentence labels) with
scikit-learn; at run time it needs no scikit-learn: features are recomputed here and the
pruned weights summed. Features: character 2–5-grams of normalized words (with word
boundaries), word uni/bigrams, and one feature per lexicon event type found in the sentence.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise, repeat
from pathlib import Path

from marsad.arabic.normalize import words
from marsad.paths import RESOURCES

MODEL_PATH = RESOURCES / "models" / "event_gsr.json"


def sentence_features(text: str, lexicon: list[str] | None = None) -> list[str]:
    """The binary features of one sentence (deduplicated, in first-seen order).

    ``lexicon``: the event types of the lexicon triggers in the sentence, in order, when the
    caller has already found them (``events.find_triggers`` over the sentence's tokens).
    """
    ws = words(text)
    feats: list[str] = []
    for w in ws:
        feats.extend(_word_features(w))
    feats.extend(f"b:{a}_{b}" for a, b in pairwise(ws))
    if lexicon is None:
        from marsad.annotate.events import find_triggers  # local import avoids a cycle
        from marsad.arabic.tokens import tokenize

        lexicon = [hit.type for hit in find_triggers(tokenize(text))]
    feats.extend("lex:" + etype for etype in lexicon)
    return list(dict.fromkeys(feats))


@lru_cache(maxsize=300_000)
def _word_features(w: str) -> tuple[str, ...]:
    """A normalized word's own features: itself and its character 2–5-grams with boundaries."""
    feats = ["w:" + w]
    padded = f"<{w}>"
    for n in range(2, 6):
        feats.extend("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(feats)


@dataclass(slots=True)
class LinearModel:
    weights: dict[str, float]
    bias: float

    def probability(self, features: list[str]) -> float:
        if not features:
            return 1 / (1 + math.exp(-self.bias))
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0))) / math.sqrt(len(features))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(slots=True)
class SentenceDetector:
    models: dict[str, LinearModel]  # event type → model
    veto_below: dict[str, float]  # drop a lexicon trigger when the probability is lower
    add_above: dict[str, float]  # add a sentence-level event when the lexicon missed
    threshold: dict[str, float]  # the detector's own decision threshold (tuned on dev)
    # a trigger the lexicon is sure of (``events.never_vetoed``) is kept down to this
    # probability, not below: a plain strike report the detector all but rules out is, in
    # the GSR, background to other news (0.0: always kept, the rule before)
    sure_above: dict[str, float]

    def probability(self, text: str, lexicon: list[str] | None = None) -> dict[str, float]:
        feats = sentence_features(text, lexicon)
        return {etype: model.probability(feats) for etype, model in self.models.items()}


def detector_from_json(data: dict) -> SentenceDetector:
    models = {t: LinearModel(m["weights"], m["bias"]) for t, m in data["models"].items()}
    sure_above = data.get("sure_above", dict.fromkeys(models, 0.0))
    return SentenceDetector(models, data["veto_below"], data["add_above"], data["threshold"], sure_above)


@cache
def load_detector(path: Path = MODEL_PATH) -> SentenceDetector | None:
    """The shipped detector, or None when no model file is present (lexicon only)."""
    if not path.exists():
        return None
    try:
        return detector_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"{path}: not a readable event detector model ({exc})") from exc
