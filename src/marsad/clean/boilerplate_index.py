"""Site chrome learned from the corpus: short lines an outlet repeats across its articles.

Counts each distinct short line once per article, per outlet, in its matching form
(``arabic.boilerplate.line_key``: normalized, digits masked). A line is boilerplate for an
outlet once it has been seen in at least ``min_articles`` of the outlet's articles and in at
least ``min_share`` of them. Memory is bounded: only lines shorter than ``max_line_chars``
are counted, and when an outlet holds more than ``max_entries`` lines the rarest half is
dropped (they are the ones that can no longer reach the threshold soon).
"""

from __future__ import annotations

from typing import Any

from marsad.arabic.boilerplate import line_key
from marsad.clean.text import split_raw_lines

FORMAT = "marsad.boilerplate/1"


class BoilerplateIndex:
    """Lines that repeat across many articles of the same outlet. Persistable."""

    def __init__(
        self,
        min_articles: int = 5,
        min_share: float = 0.3,
        max_line_chars: int = 120,
        max_entries: int = 20_000,
    ) -> None:
        self.min_articles = min_articles
        self.min_share = min_share
        self.max_line_chars = max_line_chars
        self.max_entries = max_entries
        self._articles: dict[str, int] = {}
        self._lines: dict[str, dict[str, int]] = {}

    def observe(self, source: str, raw_text: str) -> None:
        """Count the normalized short lines of one article of an outlet (each line once)."""
        keys = set()
        for start, end in split_raw_lines(raw_text):
            if end - start >= self.max_line_chars * 2:  # surely long; skip normalizing it
                continue
            key = line_key(raw_text[start:end])
            if key and len(key) < self.max_line_chars:
                keys.add(key)
        self._articles[source] = self._articles.get(source, 0) + 1
        counts = self._lines.setdefault(source, {})
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.max_entries:
            self._prune(source)

    def _prune(self, source: str) -> None:
        counts = self._lines[source]
        keep = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)[: self.max_entries // 2]
        self._lines[source] = dict(keep)

    def is_boilerplate(self, source: str, line: str) -> bool:
        """Seen in >= min_articles articles of that outlet and in >= min_share of them."""
        articles = self._articles.get(source, 0)
        if articles < self.min_articles:
            return False
        key = line_key(line)
        if not key or len(key) >= self.max_line_chars:
            return False
        seen = self._lines.get(source, {}).get(key, 0)
        return seen >= self.min_articles and seen >= self.min_share * articles

    def copy(self) -> BoilerplateIndex:
        """An independent copy (the index as it stands now, for work that runs elsewhere)."""
        index = BoilerplateIndex(self.min_articles, self.min_share, self.max_line_chars, self.max_entries)
        index._articles = dict(self._articles)
        index._lines = {source: dict(counts) for source, counts in self._lines.items()}
        return index

    def articles_seen(self, source: str) -> int:
        return self._articles.get(source, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "min_articles": self.min_articles,
            "min_share": self.min_share,
            "max_line_chars": self.max_line_chars,
            "max_entries": self.max_entries,
            "articles": dict(self._articles),
            "lines": {source: dict(counts) for source, counts in self._lines.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BoilerplateIndex:
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ValueError(f"not a boilerplate index (expected format {FORMAT!r})")
        index = cls(
            min_articles=int(d["min_articles"]),
            min_share=float(d["min_share"]),
            max_line_chars=int(d["max_line_chars"]),
            max_entries=int(d["max_entries"]),
        )
        index._articles = {str(k): int(v) for k, v in d["articles"].items()}
        index._lines = {
            str(source): {str(k): int(v) for k, v in counts.items()} for source, counts in d["lines"].items()
        }
        return index
