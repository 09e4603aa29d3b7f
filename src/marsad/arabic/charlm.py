"""A character n-gram language model of Arabic news words, and the news vocabulary.

Trained by ``training/translation/train_charlm.py`` on clean SaudiNewsNet text (2015 Saudi
newspapers). Words are scored in the normalized form (``marsad.arabic.normalize``) padded
with ``<`` and ``>``; probabilities are interpolated Witten-Bell estimates, so unseen
contexts back off to shorter ones and unseen letters get the uniform share.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.arabic.clitics import proclitic_variants
from marsad.paths import RESOURCES

MODEL_PATH = RESOURCES / "models" / "charlm_ar.json.gz"
ALPHABET_SIZE = 40  # Arabic letters after folding, plus the boundary marks


@dataclass(slots=True)
class CharLM:
    order: int
    # context → (total count, distinct next chars, {next char: count})
    contexts: dict[str, tuple[int, int, dict[str, int]]]
    vocabulary: dict[str, int]  # normalized word → count in the training text

    def char_logprob(self, context: str, ch: str) -> float:
        """log P(ch | context), interpolated Witten-Bell over shorter contexts."""
        p = 1.0 / ALPHABET_SIZE
        for k in range(0, self.order):
            if k > len(context):
                break
            ctx = context[len(context) - k :] if k else ""
            entry = self.contexts.get(ctx)
            if entry is None:
                continue
            total, types, counts = entry
            lam = total / (total + types)
            p = lam * counts.get(ch, 0) / total + (1 - lam) * p
        return math.log(p)

    def word_score(self, word: str) -> float:
        """Mean log-probability per character of a normalized word (higher = more usual)."""
        padded = "<" + word + ">"
        logps = [
            self.char_logprob(padded[max(0, i - self.order + 1) : i], padded[i])
            for i in range(1, len(padded))
        ]
        return sum(logps) / len(logps)

    def known(self, word: str, min_count: int = 1) -> bool:
        """Whether the word, or the word without its proclitics, is in the news vocabulary."""
        return any(self.vocabulary.get(v, 0) >= min_count for v in proclitic_variants(word))

    def count(self, word: str) -> int:
        return max(self.vocabulary.get(v, 0) for v in proclitic_variants(word))


def save(model: CharLM, path: Path) -> None:
    data = {
        "order": model.order,
        "contexts": {c: [t, n, d] for c, (t, n, d) in model.contexts.items()},
        "vocabulary": model.vocabulary,
    }
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))


@cache
def load(path: Path = MODEL_PATH) -> CharLM | None:
    """The shipped model, or None when its file is absent."""
    if not path.exists():
        return None
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        contexts = {c: (t, n, d) for c, (t, n, d) in data["contexts"].items()}
        return CharLM(data["order"], contexts, data["vocabulary"])
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"{path}: not a readable character language model ({exc})") from exc
