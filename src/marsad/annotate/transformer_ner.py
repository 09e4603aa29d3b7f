"""The accurate NER profile: a fine-tuned transformer run with ONNX Runtime (no torch).

The model is multilingual-e5-small (12 layers, hidden 384) with its vocabulary pruned to
the pieces Arabic news uses, fine-tuned on ANERcorp for BIO tagging over PER, LOC, ORG,
MISC and quantized to 8 bits: int8 embeddings, 8-bit weight-only MatMuls
(``training/ner/build_e5.py`` then ``train_accurate.py``). Files:
``resources/models/ner-accurate.onnx`` (inputs ``input_ids``, ``attention_mask``; output
``logits`` per piece) and ``ner-accurate-vocab.json.gz`` (the unigram tokenizer, see
``unigram.py``); ``ner-accurate.json`` optionally names the weight of the fast CRF's
marginals in an ensemble (chosen on dev by ``training/ner/ensemble_accurate.py``).

Each token is one word for the tokenizer; the label of a word is read on its first piece.
Sentences longer than ``MAX_PIECES`` are cut into windows of whole words, sentences are
batched by length, and the label sequence is decoded by Viterbi under the BIO constraint
(I-X only after B-X or I-X). Runs on a GPU when ONNX Runtime has CUDA, else on CPU.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from marsad.annotate.entities import ModelMissingError, NerTagger
from marsad.annotate.gazetteer import Gazetteer, load_gazetteer
from marsad.annotate.ner_features import extend_to_listed_names, propagate_names
from marsad.annotate.unigram import UnigramTokenizer
from marsad.document import word_form
from marsad.paths import RESOURCES

ACCURATE_MODEL = RESOURCES / "models" / "ner-accurate.onnx"
ACCURATE_VOCAB = RESOURCES / "models" / "ner-accurate-vocab.json.gz"
ACCURATE_CONFIG = RESOURCES / "models" / "ner-accurate.json"
LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_PIECES = 128  # per window, <s> and </s> included
BATCH = 32
_BUILD_HINT = "build it with training/ner/build_e5.py then training/ner/train_accurate.py"


def windows(tok: UnigramTokenizer, words: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Word ranges [a, b) whose pieces fit in MAX_PIECES - 2 (a longer word stands alone,
    cut to the limit)."""
    limit = MAX_PIECES - 2
    start, used = 0, 0
    for i, w in enumerate(words):
        n = len(tok.encode_word(w))
        if used + n > limit and i > start:
            yield start, i
            start, used = i, 0
        used += n
    if start < len(words):
        yield start, len(words)


def _allowed_transitions() -> np.ndarray:
    allowed = np.ones((len(LABELS), len(LABELS)), dtype=bool)  # [previous, next]
    for j, label in enumerate(LABELS):
        if label.startswith("I-"):
            kind = label[2:]
            allowed[:, j] = [prev in (f"B-{kind}", f"I-{kind}") for prev in LABELS]
    return allowed


_ALLOWED = _allowed_transitions()
_START_ALLOWED = np.array([not label.startswith("I-") for label in LABELS])


def decode(probs: np.ndarray) -> list[str]:
    """The most probable well-formed BIO sequence under per-word label probabilities."""
    if len(probs) == 0:
        return []
    logp = np.log(np.clip(probs, 1e-9, 1.0))
    penalty = np.where(_ALLOWED, 0.0, -np.inf)
    score = np.where(_START_ALLOWED, logp[0], -np.inf)
    back = np.zeros((len(probs), len(LABELS)), dtype=np.int64)
    for t in range(1, len(probs)):
        candidates = score[:, None] + penalty  # [previous, next]
        back[t] = candidates.argmax(0)
        score = candidates.max(0) + logp[t]
    path = [int(score.argmax())]
    for t in range(len(probs) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return [LABELS[i] for i in reversed(path)]


class OnnxNer:
    """The ONNX model and its tokenizer: words in, label probabilities per word out."""

    def __init__(self, model_path: Path = ACCURATE_MODEL, tokenizer: UnigramTokenizer | None = None) -> None:
        import onnxruntime as ort

        for path in (model_path, ACCURATE_VOCAB if tokenizer is None else None):
            if path is not None and not path.exists():
                raise ModelMissingError(f"{path}: accurate NER model missing; {_BUILD_HINT}")
        self.tokenizer = tokenizer or UnigramTokenizer.load(ACCURATE_VOCAB)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        providers = [
            p for p in ("CUDAExecutionProvider", "CPUExecutionProvider") if p in ort.get_available_providers()
        ]
        self._session = ort.InferenceSession(str(model_path), options, providers=providers)

    def probabilities(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Softmax over ``LABELS`` at the first piece of every word, one array per sentence.

        Windows of every sentence given are batched together by length (a worker passes all
        the sentences of its share of a batch at once, ``TransformerNerTagger.prefetch``):
        full batches with little padding, and one ONNX Runtime call per batch."""
        tok = self.tokenizer
        items: list[tuple[int, int, list[int], list[int]]] = []  # sentence, first word, ids, word starts
        for si, words in enumerate(sentences):
            for a, b in windows(tok, words):
                ids, first = tok.encode_words(list(words[a:b]))
                ids, first = ids[: MAX_PIECES - 2], [min(f, MAX_PIECES - 3) for f in first]
                items.append((si, a, [tok.bos, *ids, tok.eos], [f + 1 for f in first]))
        out = [np.zeros((len(w), len(LABELS)), dtype=np.float32) for w in sentences]
        order = sorted(range(len(items)), key=lambda i: len(items[i][2]))
        for k in range(0, len(order), BATCH):
            group = [items[i] for i in order[k : k + BATCH]]
            width = max(len(g[2]) for g in group)
            input_ids = np.full((len(group), width), tok.pad, dtype=np.int64)
            mask = np.zeros((len(group), width), dtype=np.int64)
            for row, (_, _, piece_ids, _) in enumerate(group):
                input_ids[row, : len(piece_ids)] = piece_ids
                mask[row, : len(piece_ids)] = 1
            (logits,) = self._session.run(["logits"], {"input_ids": input_ids, "attention_mask": mask})
            logits = logits - logits.max(-1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(-1, keepdims=True)
            for row, (si, a, _, starts) in enumerate(group):
                out[si][a : a + len(starts)] = probs[row, starts]
        return out


class TransformerNerTagger:
    """Same interface as ``NerTagger`` (tag, tag_document, tag_document_with_confidence,
    gazetteer), backed by the ONNX transformer; optionally averaged with the fast CRF's
    per-token marginals (``crf_weight`` of them, the rest the transformer's softmax)."""

    def __init__(
        self,
        model_path: Path = ACCURATE_MODEL,
        gazetteer: Gazetteer | None = None,
        crf_weight: float | None = None,
    ) -> None:
        self._model = OnnxNer(model_path)
        self._ready: dict[tuple[str, ...], np.ndarray] = {}  # sentence words → prefetched probabilities
        self.gazetteer = gazetteer or load_gazetteer()
        if crf_weight is None:
            crf_weight = 0.0
            if ACCURATE_CONFIG.exists():
                crf_weight = float(
                    json.loads(ACCURATE_CONFIG.read_text(encoding="utf-8")).get("crf_weight", 0.0)
                )
        self.crf_weight = crf_weight
        # The CRF shares the gazetteer; loaded only when the ensemble uses it.
        self._crf = NerTagger(gazetteer=self.gazetteer, doc_model_path=None) if crf_weight > 0 else None

    def prefetch(self, sentences: Sequence[Sequence[str]]) -> None:
        """Run the transformer over many articles' sentences in one batched pass and keep the
        results for ``probabilities`` (what it finds here it does not compute again). A
        worker calls it with every sentence of its share; what is left from an earlier
        share is dropped."""
        unique = list(dict.fromkeys(tuple(s) for s in sentences if s))
        self._ready = dict(zip(unique, self._model.probabilities(unique), strict=True))

    def _transformer(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        keys = [tuple(s) for s in sentences]
        missing = list(dict.fromkeys(k for k in keys if k not in self._ready))
        computed = dict(zip(missing, self._model.probabilities(missing), strict=True)) if missing else {}
        return [computed[k] if k in computed else self._ready[k] for k in keys]

    def probabilities(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        probs = self._transformer(sentences)
        if self._crf is not None:
            w = self.crf_weight
            marginals = self._crf.marginals(sentences, LABELS)
            probs = [(1 - w) * p + w * m for p, m in zip(probs, marginals, strict=True)]
        return probs

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return self.tag_document([tokens])[0]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [tags for tags, _ in self.tag_document_with_confidence(sentences)]

    def tag_document_with_confidence(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[str], list[float]]]:
        """Tags per sentence and, per tag, its probability under the (ensembled) model."""
        probs = self.probabilities(sentences)
        decoded = [decode(p) for p in probs]
        # the fast profile's document rules: persons run on to the listed name they start,
        # multi-word names spread to their untagged repeats
        listed = [self.gazetteer.matches([word_form(w).norm for w in s]) for s in sentences]
        widened = [extend_to_listed_names(t, m) for t, m in zip(decoded, listed, strict=True)]
        out = []
        for p, tags in zip(probs, propagate_names(sentences, widened), strict=True):
            out.append((tags, [float(p[i, LABELS.index(t)]) for i, t in enumerate(tags)]))
        return out
