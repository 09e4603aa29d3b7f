"""Name lists (gazetteers) for the NER model: loading and longest-match lookup.

The lists live in ``resources/gazetteers/<category>.txt``, one ``normalize``d entry per
line (built by ``training/ner/build_gazetteers.py``, and the ``news_*`` lists grown from
SaudiNewsNet by ``training/ner/news_gazetteer.py``; provenance in the README there).
``Gazetteer.tag`` marks every word of a sentence with the categories of the longest
multi-word entries that cover it, as B-/I- labels, trying proclitics off the first word
(وبغداد, للولايات المتحدة).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from marsad.arabic.clitics import proclitic_variant_set
from marsad.paths import RESOURCES

GAZETTEER_DIR = RESOURCES / "gazetteers"


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read; the message names the file."""


class Gazetteer:
    def __init__(self, entries: dict[str, set[str]]) -> None:
        # entry (tuple of normalized words) → categories; prefixes let the scan stop early
        self.index: dict[tuple[str, ...], frozenset[str]] = {}
        grouped: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for category, names in entries.items():
            for name in names:
                words = tuple(name.split())
                if words:
                    grouped[words].add(category)
        self.index = {k: frozenset(v) for k, v in grouped.items()}
        self.prefixes = {k[:n] for k in self.index for n in range(1, len(k))}
        self.max_len = max((len(k) for k in self.index), default=0)
        self.categories = tuple(sorted(entries))
        self._starts: dict[str, tuple[str, ...]] = {}  # word → its forms that can start an entry

    def _starting_forms(self, word: str) -> tuple[str, ...]:
        """The proclitic variants of ``word`` that are an entry or begin one (most words have
        none), cached per spelling."""
        hit = self._starts.get(word)
        if hit is None:
            if len(self._starts) >= 500_000:
                self._starts.clear()
            hit = tuple(v for v in proclitic_variant_set(word) if (v,) in self.index or (v,) in self.prefixes)
            self._starts[word] = hit
        return hit

    @classmethod
    def from_dir(cls, directory: Path = GAZETTEER_DIR) -> Gazetteer:
        entries: dict[str, set[str]] = {}
        for path in sorted(directory.glob("*.txt")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise GazetteerError(f"{path}: cannot read gazetteer ({exc})") from exc
            entries[path.stem] = {line.strip() for line in text.splitlines() if line.strip()}
        if not entries:
            raise GazetteerError(f"{directory}: no gazetteer *.txt files")
        return cls(entries)

    def categories_of(self, word: str) -> frozenset[str]:
        """Categories of a single normalized word as an entry on its own."""
        return self.index.get((word,), frozenset())

    def matches(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """(start, stop, category) of the longest entry of each category starting at each
        normalized word; the first word of an entry may carry proclitics."""
        out: list[tuple[int, int, str]] = []
        n = len(words)
        for i in range(n):
            best: dict[str, int] = {}  # category → longest length starting at i
            for first in self._starting_forms(words[i]):
                key: tuple[str, ...] = (first,)
                j = i + 1
                while True:
                    for category in self.index.get(key, ()):
                        if best.get(category, 0) < len(key):
                            best[category] = len(key)
                    if j >= n or key not in self.prefixes:
                        break
                    key = (*key, words[j])
                    j += 1
            out += [(i, i + length, category) for category, length in best.items()]
        return out

    def tag(self, words: Sequence[str]) -> list[set[str]]:
        """For each normalized word, the labels "B-cat"/"I-cat" of the longest entries
        (per category) that cover it (``matches``)."""
        return labels_of(self.matches(words), len(words))


def labels_of(matches: Sequence[tuple[int, int, str]], n: int) -> list[set[str]]:
    """Per word of an ``n``-word sentence, the B-/I- labels of the gazetteer ``matches``."""
    labels: list[set[str]] = [set() for _ in range(n)]
    for start, stop, category in matches:
        labels[start].add("B-" + category)
        for k in range(start + 1, stop):
            labels[k].add("I-" + category)
    return labels


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteers, loaded once per process."""
    return Gazetteer.from_dir()
