"""Tokens with their spans, and the clitics Arabic glues onto words.

Offsets are always into the text given, so annotators keep their evidence spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


# Proclitics in the order they stack: conjunction, preposition/future, article.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك", "س")
_DEFINITE = ("ال",)


def strip_proclitics(word: str, min_stem: int = 2) -> tuple[str, str]:
    """Split conjunction/preposition/article proclitics off a word: (prefix, stem).

    Conservative: a prefix is removed only when at least ``min_stem`` letters remain, so
    that names such as "بغداد" or "لبنان" are split only where their stem survives
    (callers check stems against a lexicon before trusting a split).
    """
    prefix = ""
    w = word
    if len(w) > min_stem + 1 and w[0] in _CONJ:
        prefix, w = prefix + w[0], w[1:]
    if len(w) > min_stem + 1 and w[0] in _PREP:
        # "لل" = ل + ال with the alef dropped
        if w[0] == "ل" and w.startswith("لل") and len(w) > min_stem + 2:
            return prefix + "لل", w[2:]
        prefix, w = prefix + w[0], w[1:]
    if len(w) > min_stem + 2 and w.startswith("ال"):
        prefix, w = prefix + "ال", w[2:]
    return prefix, w


def proclitic_variants(word: str) -> list[str]:
    """The word and every shorter form left by removing a plausible proclitic chain.

    "وبالعراق" → ["وبالعراق", "بالعراق", "العراق", "عراق"]: callers look each up in a
    lexicon and keep the longest hit, which is safer than trusting one split.
    """
    out = [word]
    w = word
    if len(w) > 3 and w[0] in _CONJ:
        w = w[1:]
        out.append(w)
    if w.startswith("لل") and len(w) > 4:
        out.append("ال" + w[2:])  # للعراق → العراق
        w = w[2:]
        out.append(w)
    elif len(w) > 3 and w[0] in _PREP:
        w = w[1:]
        out.append(w)
    if len(w) > 4 and w.startswith("ال"):
        out.append(w[2:])
    return list(dict.fromkeys(out))


# Names that begin with these letters are common (وليد، فهد، بشار، لبنان، كركوك), so a
# prefix is cut off a name only on evidence (see ``name_proclitic_length``).
_NAME_CONJ = ("و", "ف")
_NAME_PREP = ("ب", "ل", "ك")


def name_proclitic_length(word: str, is_known_name: Callable[[str], bool]) -> int:
    """How many leading letters of a name-bearing token are a conjunction/preposition
    rather than the name: "وأوستن" → 1, "وبالعراق" → 2, "وليد" → 0, "لويد" → 0, "للعراق" → 0.

    ``is_known_name`` says whether a form is a known name (a gazetteer). Nothing is cut
    from a token that is itself a known name. A conjunction (و، ف) is cut when what
    remains is a known name or starts with the article ال ("وزارة" stays whole); a
    preposition (ب، ل، ك) only before ال: foreign names often start with these letters
    (لويد، بايدن، كيري) and their remainders can be names too. "لل" (ل + ال with the alef
    dropped) is not cut: the rest would not be a word as written.
    """
    if is_known_name(word):
        return 0

    def definite(rest: str) -> bool:
        return rest.startswith("ال") and len(rest) > 3

    best = 0
    if len(word) > 3 and word[0] in _NAME_CONJ and (definite(word[1:]) or is_known_name(word[1:])):
        best = 1
    start = 1 if word[:1] in _NAME_CONJ else 0
    rest = word[start:]
    if len(rest) > 3 and rest[0] in _NAME_PREP and not rest.startswith("لل") and definite(rest[1:]):
        best = start + 1
    return best
