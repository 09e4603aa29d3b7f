"""A SentencePiece-unigram tokenizer in pure Python, for the transformer NER model.

The accurate NER model is multilingual-e5-small (XLM-R vocabulary) with its vocabulary
pruned to the pieces Arabic news uses (``training/ner/build_e5.py``). Its tokenizer file
(``ner-accurate-vocab.json.gz``) holds the kept pieces with their unigram log-probabilities,
the per-codepoint normalisation map of the original model, and the special pieces.

Words are tokenized one at a time, as XLM-R does after whitespace splitting: the word is
normalised codepoint by codepoint, prefixed with "▁" (U+2581, the SentencePiece word mark)
and cut into pieces by Viterbi over the piece scores; a character that no kept piece
covers becomes ``<unk>``. Every piece keeps the character span of the word it came from,
so labels on pieces map back to exact offsets.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WORD_MARK = "\u2581"
_UNK_PENALTY = 10.0  # an unknown character costs the rarest piece's score minus this (as sentencepiece)


class TokenizerFileError(ValueError):
    """The tokenizer file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Piece:
    id: int
    text: str
    start: int  # character offsets into the word given to ``encode_word``
    end: int


class UnigramTokenizer:
    """Viterbi segmentation of words into unigram pieces (ids are positions in ``pieces``)."""

    def __init__(
        self,
        pieces: list[str],
        scores: list[float],
        normalization: dict[str, str],
        specials: dict[str, int],
    ) -> None:
        if len(pieces) != len(scores):
            raise ValueError(f"{len(pieces)} pieces but {len(scores)} scores")
        self.pieces = pieces
        self.scores = scores
        self.normalization = normalization
        self.bos = specials["bos"]
        self.eos = specials["eos"]
        self.pad = specials["pad"]
        self.unk = specials["unk"]
        special_ids = {self.bos, self.eos, self.pad, self.unk}
        # Specials are never produced by segmentation (sentencepiece marks them control).
        self._index = {p: i for i, p in enumerate(pieces) if i not in special_ids and p}
        self._max_len = max((len(p) for p in self._index), default=1)
        self._unk_score = min((scores[i] for i in self._index.values()), default=0.0) - _UNK_PENALTY
        self.encode_word = lru_cache(maxsize=200_000)(self._encode_word)

    @classmethod
    def load(cls, path: Path) -> UnigramTokenizer:
        """Read a tokenizer file written by ``save``."""
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                data = json.load(f)
            return cls(data["pieces"], data["scores"], data["normalization"], data["specials"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise TokenizerFileError(f"{path}: not a unigram tokenizer file ({exc})") from exc

    def save(self, path: Path) -> None:
        data = {
            "pieces": self.pieces,
            "scores": [round(s, 5) for s in self.scores],
            "normalization": self.normalization,
            "specials": {"bos": self.bos, "eos": self.eos, "pad": self.pad, "unk": self.unk},
        }
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))

    def __len__(self) -> int:
        return len(self.pieces)

    def normalize_word(self, word: str) -> tuple[str, list[int]]:
        """The word as the model saw it in pre-training ("▁" + normalised characters,
        spaces as "▁"), and for each of its characters the index of the source character
        (the leading mark points at 0)."""
        chars = [WORD_MARK]
        source = [0]
        previous_space = True
        for i, ch in enumerate(word):
            for out in self.normalization.get(ch, ch):
                space = out == " "
                if space and previous_space:
                    continue  # runs of spaces collapse, as in the model's normaliser
                chars.append(WORD_MARK if space else out)
                source.append(i)
                previous_space = space
        return "".join(chars), source

    def _encode_word(self, word: str) -> tuple[Piece, ...]:
        text, source = self.normalize_word(word)
        n = len(text)
        best = [float("-inf")] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)  # (from position, piece id or -1 = unk)
        best[0] = 0.0
        index, scores, max_len = self._index, self.scores, self._max_len
        for i in range(n):
            here = best[i]
            if here == float("-inf"):
                continue
            for j in range(i + 1, min(n, i + max_len) + 1):
                pid = index.get(text[i:j])
                if pid is not None and here + scores[pid] > best[j]:
                    best[j] = here + scores[pid]
                    back[j] = (i, pid)
            if here + self._unk_score > best[i + 1]:
                best[i + 1] = here + self._unk_score
                back[i + 1] = (i, -1)
        out: list[Piece] = []
        j = n
        while j > 0:
            i, pid = back[j]
            if pid < 0:
                pid = self.unk
            start = source[i]
            end = source[j - 1] + 1 if j - 1 > 0 else min(1, len(word))
            out.append(Piece(pid, text[i:j], start, max(start, end)))
            j = i
        out.reverse()
        return tuple(out)

    def encode_words(self, words: list[str]) -> tuple[list[int], list[int]]:
        """Piece ids of a sentence (without <s> and </s>) and, for each word, the index of
        its first piece."""
        ids: list[int] = []
        first: list[int] = []
        for w in words:
            first.append(len(ids))
            ids.extend(p.id for p in self.encode_word(w))
        return ids, first
