"""Sentence splitting for Arabic news, with spans.

Arabic news ends sentences with "." "؟" "!" and newlines, but also uses "." inside
numbers (3.5), abbreviations of Latin names and dates (2023.8.8); quotes may close after
the full stop. We split on terminal punctuation followed by space/newline (with any closing
quotes kept in the sentence), and always on blank lines and line breaks.
"""

from __future__ import annotations

import re

from marsad.model import Sentence

_CLOSERS = "\"'”’»)]"
# (?<!...): a run of stops is tried from its start only (linear on "......" without a space).
_BOUNDARY = re.compile(r"(?:(?<![.!?؟…])[.!?؟…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)|\n+)")


def split_sentences(text: str) -> list[Sentence]:
    """Non-empty sentences with offsets; leading/trailing whitespace excluded from spans."""
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        _add(text, pos, end, out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
