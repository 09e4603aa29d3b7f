# PLACEHOLDER until the ingest/clean branches merge
"""Trivial cleaning: strip lines, drop empty ones; identity-ish offset map."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict

from marsad.arabic.normalize import words
from marsad.model import Article, Flag, RawArticle, stable_id

_ARABIC = re.compile(r"[\u0600-\u06ff]")


class BoilerplateIndex:
    """Lines seen repeatedly in one outlet's articles."""

    def __init__(self, min_count: int = 5) -> None:
        self.min_count = min_count
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)

    def observe(self, source: str, raw_text: str) -> None:
        lines = {line.strip() for line in raw_text.splitlines() if line.strip()}
        self.counts[source].update(lines)

    def is_boilerplate(self, source: str, line: str) -> bool:
        return self.counts.get(source, Counter())[line.strip()] >= self.min_count

    def to_dict(self) -> dict:
        return {"min_count": self.min_count, "counts": {s: dict(c) for s, c in self.counts.items()}}

    @classmethod
    def from_dict(cls, d: dict) -> BoilerplateIndex:
        index = cls(d.get("min_count", 5))
        for source, counts in d.get("counts", {}).items():
            index.counts[source] = Counter(counts)
        return index


def clean_article(raw: RawArticle, boilerplate: BoilerplateIndex | None = None) -> tuple[Article, list[Flag]]:
    raw_text = unicodedata.normalize("NFC", raw.text)
    source = raw.source or raw.origin
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for line in raw_text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        stripped = line.strip()
        if not stripped or (boilerplate is not None and boilerplate.is_boilerplate(source, stripped)):
            continue
        lead = start + line.index(stripped[0])
        if pieces:
            pieces.append("\n")
            offsets.append(start - 1 if start else 0)
        pieces.append(stripped)
        offsets.extend(range(lead, lead + len(stripped)))
    text = "".join(pieces)
    offsets.append(len(raw_text))
    norm = " ".join(words(text))
    letters = sum(1 for c in text if c.isalpha())
    language = "ar" if letters and len(_ARABIC.findall(text)) / letters > 0.5 else "und"
    article = Article(
        id=stable_id("a", norm, raw.url or raw.origin),
        source=source,
        url=raw.url,
        title=raw.title.strip() if raw.title else None,
        published=raw.published,
        language=language,
        text=text,
        origin=raw.origin,
        content_hash=hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest(),
        raw_text=raw_text,
        offset_map=offsets,
    )
    return article, []
