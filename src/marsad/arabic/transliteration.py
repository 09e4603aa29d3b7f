"""A key under which transliteration variants of a foreign name meet.

Arabic outlets spell foreign names differently: g as غ، ج or ك (كيم جونغ أون / كيم جونج
أون، غوتيريش / جوتيريش), t as ت or ط, s as س or ص, long vowels written or not (بوتين /
بوتن), and compound names with or without a hyphen (جونغ-أون). ``variant_key`` folds all of
these: it is for matching names (the actor dictionary's duplicate merging and its fallback
lookup), never for display, and too coarse for ordinary words.
"""

from __future__ import annotations

from marsad.arabic.normalize import normalize

_CONSONANTS = str.maketrans({"غ": "ك", "ج": "ك", "ط": "ت", "ص": "س"})
_VOWEL_LETTERS = frozenset("اوي")


def variant_word(word: str) -> str:
    """One normalized word's variant key: consonant classes folded, inner vowel letters
    dropped (a first letter is kept: "اوباما" keeps its initial alef). A word with the
    article is an Arabic name or nisba, whose vowel letters are real (العبيدي is not
    العبادي): only its consonants are folded."""
    word = word.translate(_CONSONANTS)
    if word.startswith("ال") and len(word) > 4:
        return word
    kept = word[:1] + "".join(ch for ch in word[1:] if ch not in _VOWEL_LETTERS)
    return kept or word


def variant_key(name: str) -> tuple[str, ...]:
    """The variant key of a name: per word, hyphens and dashes split words."""
    text = normalize(name)
    for dash in "-‐‑–—ـ":
        text = text.replace(dash, " ")
    return tuple(variant_word(w) for w in text.split())
