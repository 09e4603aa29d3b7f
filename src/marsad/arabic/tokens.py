"""Tokens with their spans. (The clitics glued onto them: ``marsad.arabic.clitics``.)

Offsets are always into the text given, so annotators keep their evidence spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A token: a run of letters/digits (Arabic, Latin), with internal diacritics and tatweel,
# numbers with separators (2,500 / 3.5 / ٢٬٥٠٠), or one punctuation mark.
_TOKEN = re.compile(
    r"\d+(?:[.,٫٬]\d+)*%?"
    r"|[\u0660-\u0669\u06f0-\u06f9]+(?:[٫٬.,][\u0660-\u0669\u06f0-\u06f9]+)*%?"
    r"|[A-Za-z\u00c0-\u024f]+(?:[-'][A-Za-z]+)*"
    r"|[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u064b-\u065f\u0670\u0640]+"
    r"|\S",
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] with absolute offsets."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]
