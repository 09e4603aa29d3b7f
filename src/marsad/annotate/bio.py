"""Two-column BIO files (token, tag per line; blank line between sentences) and
the conversion between BIO tag sequences and entity spans.

Types are mapped to Marsad's NER label set: PER (also written PERS), LOC, ORG, MISC; any
other type counts as MISC. Lines may carry more columns (nested tags); the second is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PER", "LOC", "ORG", "MISC")
_TYPE_MAP = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


class BioFormatError(ValueError):
    """A BIO file that cannot be read; the message names the file and the line."""


@dataclass(slots=True)
class BioSentence:
    tokens: list[str]
    tags: list[str]


def map_tag(tag: str, type_map: Mapping[str, str] | None = None, other: str = "MISC") -> str:
    """ "B-PERS" → "B-PER"; types outside the map → ``other`` ("O" drops them); anything
    that is not B-/I- → "O"."""
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BI":
        kind = (type_map or _TYPE_MAP).get(tag[2:].upper(), other)
        return "O" if kind == "O" else f"{tag[0]}-{kind}"
    return "O"


def read_bio(path: Path, type_map: Mapping[str, str] | None = None, other: str = "MISC") -> list[BioSentence]:
    """Sentences of a two-column BIO file, tags mapped with ``map_tag``. A "$#$" token
    (Wojood's sentence mark) ends a sentence like a blank line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BioFormatError(f"{path}: cannot read ({exc})") from exc
    sentences: list[BioSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts or parts[0] == "$#$":
            if tokens:
                sentences.append(BioSentence(tokens, tags))
                tokens, tags = [], []
            continue
        if len(parts) < 2:
            raise BioFormatError(f"{path}:{number}: expected 'token TAG', got {line.strip()!r}")
        tokens.append(parts[0])
        tags.append(map_tag(parts[1], type_map, other))
    if tokens:
        sentences.append(BioSentence(tokens, tags))
    return sentences


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans (first token, end token exclusive, type) of a BIO sequence.

    An I- that does not continue an entity of its type starts a new one (lenient reading
    of a model's output; strict scoring is seqeval's job).
    """
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix != "I" or label != kind):
            spans.append((start, i, kind))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, label
    return spans
