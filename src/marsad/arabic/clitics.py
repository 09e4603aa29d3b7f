"""The clitics Arabic glues onto words: one table, one analysis, and the views callers need.

Proclitics stack in a fixed order — conjunction (و، ف), then a preposition (ب، ل، ك) or the
future marker (س), then the article (ال); "لل" is ل + ال with the alef dropped. Every
annotator that looks under a clitic reads this module, so they agree on what a clitic is.

Callers need different degrees of trust, so the analysis offers named views:

- ``proclitic_variants``: every shorter form a plausible proclitic chain leaves (lexicon
  lookups keep the longest hit);
- ``strip_proclitics``: one conservative (prefix, stem) split (NER stem features);
- ``bare``: the form without conjunction, preposition and article (phrase keys of the
  event lexicon);
- ``name_proclitic_length``: how many letters of a name-bearing token are a clitic, on
  evidence only (names start with these letters too: وليد، لبنان، بايدن).

Everything here depends only on the word form, so the views are cached per process
(Arabic news is Zipfian: a few thousand forms make up most tokens).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

# The proclitic table, in stacking order.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
FUTURE = "س"
ARTICLE = "ال"
LIL = "لل"  # ل + ال, alef dropped
# The slot after the conjunction: a preposition or the future marker.
SECOND_SLOT = (*PREPOSITIONS, FUTURE)
# What a name can carry in running text before it (agency names: "لوكالة", "وبحسب"): a
# conjunction, a preposition, or both.
NAME_PROCLITICS = frozenset(
    (*CONJUNCTIONS, *PREPOSITIONS, *(c + p for c in CONJUNCTIONS for p in PREPOSITIONS))
)

_CACHE = 500_000


@lru_cache(maxsize=_CACHE)
def strip_proclitics(word: str, min_stem: int = 2) -> tuple[str, str]:
    """Split conjunction/preposition/article proclitics off a word: (prefix, stem).

    Conservative: a prefix is removed only when at least ``min_stem`` letters remain, so
    that names such as "بغداد" or "لبنان" are split only where their stem survives
    (callers check stems against a lexicon before trusting a split).
    """
    prefix = ""
    w = word
    if len(w) > min_stem + 1 and w[0] in CONJUNCTIONS:
        prefix, w = prefix + w[0], w[1:]
    if len(w) > min_stem + 1 and w[0] in SECOND_SLOT:
        if w[0] == "ل" and w.startswith(LIL) and len(w) > min_stem + 2:
            return prefix + LIL, w[2:]
        prefix, w = prefix + w[0], w[1:]
    if len(w) > min_stem + 2 and w.startswith(ARTICLE):
        prefix, w = prefix + ARTICLE, w[2:]
    return prefix, w


@lru_cache(maxsize=_CACHE)
def _variants(word: str) -> tuple[str, ...]:
    out = [word]
    w = word
    if len(w) > 3 and w[0] in CONJUNCTIONS:
        w = w[1:]
        out.append(w)
    if w.startswith(LIL) and len(w) > 4:
        out.append(ARTICLE + w[2:])  # للعراق → العراق
        w = w[2:]
        out.append(w)
    elif len(w) > 3 and w[0] in SECOND_SLOT:
        w = w[1:]
        out.append(w)
    if len(w) > 4 and w.startswith(ARTICLE):
        out.append(w[2:])
    return tuple(dict.fromkeys(out))


def proclitic_variants(word: str) -> list[str]:
    """The word and every shorter form left by removing a plausible proclitic chain.

    "وبالعراق" → ["وبالعراق", "بالعراق", "العراق", "عراق"]: callers look each up in a
    lexicon and keep the longest hit, which is safer than trusting one split.
    """
    return list(_variants(word))


def proclitic_variant_set(word: str) -> tuple[str, ...]:
    """``proclitic_variants`` as a shared, immutable tuple (no copy per call)."""
    return _variants(word)


@lru_cache(maxsize=_CACHE)
def bare(word: str) -> str:
    """A normalized word without conjunction, preposition and article, for phrase matching
    ("والحرب" → "حرب"); the future marker is kept (it is read as part of the verb)."""
    if len(word) > 3 and word[0] in CONJUNCTIONS:
        word = word[1:]
    if len(word) > 3 and word[0] in PREPOSITIONS and not word.startswith(LIL):
        word = word[1:]
    elif word.startswith(LIL) and len(word) > 4:
        word = word[2:]
    if len(word) > 4 and word.startswith(ARTICLE):
        word = word[2:]
    return word


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
        return rest.startswith(ARTICLE) and len(rest) > 3

    best = 0
    if len(word) > 3 and word[0] in CONJUNCTIONS and (definite(word[1:]) or is_known_name(word[1:])):
        best = 1
    start = 1 if word[:1] in CONJUNCTIONS else 0
    rest = word[start:]
    if len(rest) > 3 and rest[0] in PREPOSITIONS and not rest.startswith(LIL) and definite(rest[1:]):
        best = start + 1
    return best


def strip_conjunction(word: str, longer_than: int = 3) -> str:
    """A normalized word without a leading conjunction (و، ف) when more than ``longer_than``
    letters make the word ("وبحث" → "بحث"; "وزن" stays: too short to be و + a word)."""
    return word[1:] if len(word) > longer_than and word[0] in CONJUNCTIONS else word


def number_word_variants(word: str) -> list[str]:
    """``proclitic_variants`` for number words: a word that starts with ك after its
    conjunctions is taken as written, since ك before a number is rare and stripping it
    misreads common words ("كمية" → "مية")."""
    return [word] if word.lstrip("".join(CONJUNCTIONS)).startswith("ك") else proclitic_variants(word)


# A regex left boundary for words read inside running text (dates, durations): the start of
# a word, or right after one proclitic letter that attaches to them (و، ف، ب، ل) at a word's
# start ("وأمس", "لمدة").
PROCLITIC_LETTERS = (*CONJUNCTIONS, "ب", "ل")
PROCLITIC_BOUNDARY = rf"(?:(?<!\w)|(?<=(?<!\w)[{''.join(PROCLITIC_LETTERS)}]))"
