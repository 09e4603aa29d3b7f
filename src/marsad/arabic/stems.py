"""Light stems for search: one key shared by حوثي، الحوثي، والحوثيين، للحوثيين.

Search must find a word whatever is glued to it: the article ال, the conjunctions و/ف, the
prepositions ب/ل/ك (the proclitic chains of ``tokens.proclitic_variants``) and the common
suffixes of plurals, duals, the nisba, the feminine and possessive pronouns. This is a light
stemmer, not a morphological analyser: a word's first letters may be a clitic or part of
the word ("وزير", "سعودي", "بغداد"), so a word has *every* key its plausible splits give,
the index holds them all, and a query word matches any of its own keys. Both sides go
through the same functions, on ``normalize``d words (ة→ه, ى→ي, no diacritics). A stem
keeps at least three letters; Latin words and numbers are their own key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.normalize import words

# suffix → the shortest stem it may leave; longest suffixes first, one is removed. ون/ين/ان
# end many words of their own (تعاون، قانون، لبنان), so they need a longer stem.
_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("يين", 3),
    ("يون", 3),
    ("يات", 3),
    ("ييه", 3),
    ("هما", 3),
    ("كما", 3),
    ("ات", 3),
    ("ون", 4),
    ("ين", 4),
    ("ان", 4),
    ("يه", 3),
    ("ها", 3),
    ("هم", 3),
    ("هن", 3),
    ("كم", 3),
    ("نا", 3),
    ("ه", 3),
    ("ي", 3),
)
_ARABIC = re.compile(r"^[\u0621-\u064a]+$")


def _strip_suffix(word: str) -> str:
    for suffix, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            word = word[: -len(suffix)]
            break
    if word.endswith("ي") and len(word) > 3:  # a nisba under a suffix: عراقيه → عراق
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def search_keys(word: str) -> tuple[str, ...]:
    """Every search key of one normalized word ("والحوثيين" → (..., "حوث"))."""
    if not _ARABIC.match(word):
        return (word,)
    return tuple(dict.fromkeys(_strip_suffix(v) for v in proclitic_variants(word)))


def index_text(text: str | None) -> str:
    """What the search index holds for a text: every key of every word, in order."""
    return " ".join(k for w in words(text or "") for k in search_keys(w))


def query_groups(text: str) -> list[tuple[str, ...]]:
    """A query's words, each as the keys any of which may match it (words are ANDed)."""
    return [search_keys(w) for w in dict.fromkeys(words(text))]


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for a query over ``index_text``: (k1 OR k2) AND ..."""
    groups = query_groups(text)
    if not groups:
        return None
    parts = []
    for keys in groups:
        quoted = [f'"{k}"' for k in keys]
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(parts)


def matches_all(groups: list[tuple[str, ...]], text: str) -> bool:
    """Whether every query group has a key among the keys of ``text`` (for short names)."""
    keys = {k for w in words(text) for k in search_keys(w)}
    return all(any(k in keys for k in group) for group in groups)
