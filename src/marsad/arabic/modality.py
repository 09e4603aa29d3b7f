"""Hypothetical-mode cues before an event trigger, with the context that makes them modal.

Two cue words are ambiguous and were the main source of false "hypothetical" flags:

- إن "if" is spelled like the complementizer إنّ/أنّ "that" ("قال إن القوات هاجمت"), and
  ``normalize`` folds both to ``ان``: conditional إن is rare in news, so it is not a cue;
- قد before a perfective verb means "has (already)" ("وقد هاجمت القوات"): only قد before an
  imperfective verb ("قد تهاجم" "may attack") is modal; لقد is never modal.

Everything here is in ``normalize``d form; callers pass the normalized words before the
trigger (nearest last) and the trigger word itself.
"""

from __future__ import annotations

from marsad.arabic.clitics import strip_conjunction
from marsad.arabic.normalize import normalize

# Words that make what follows hypothetical wherever they stand in the window.
HYPOTHETICAL_WORDS = frozenset(
    normalize(w)
    for w in ("إذا", "اذا", "لو", "لولا", "ربما", "محتمل", "المحتمل", "احتمال", "يحتمل", "يمكن", "يُمكن")
)
# Two-word cues ("في حال" "in case", "من الممكن" "it is possible").
HYPOTHETICAL_BIGRAMS = frozenset(
    tuple(normalize(w) for w in pair.split()) for pair in ("في حال", "في حاله", "من الممكن", "من المحتمل")
)
# قد with a conjunction: "وقد", "فقد"; "لقد" always introduces a past fact.
_QAD = frozenset(("قد", "وقد", "فقد"))
# Person prefixes of an imperfective verb (the first person ا is left out: "اجتمع" is
# a perfective verb far more often than "أجتمع").
_IMPERFECTIVE_PREFIXES = "يتن"


def _imperfective(word: str) -> bool:
    return len(word) > 3 and word[0] in _IMPERFECTIVE_PREFIXES


def _modal_qad(window: list[str], trigger: str) -> bool:
    """قد followed by an imperfective verb ("قد يلتقي", "قد تشن هجمات")."""
    for i, w in enumerate(window):
        if w in _QAD:
            following = window[i + 1] if i + 1 < len(window) else trigger
            if _imperfective(following):
                return True
    return False


def _without_conjunction(word: str) -> str:
    return strip_conjunction(word, longer_than=2)


def is_hypothetical(window: list[str], trigger: str) -> bool:
    """Whether a trigger is in hypothetical mode, given the normalized words before it
    (``window``, nearest last) and its own normalized word."""
    if any(_without_conjunction(w) in HYPOTHETICAL_WORDS for w in window):
        return True
    pairs = ((_without_conjunction(window[i]), window[i + 1]) for i in range(len(window) - 1))
    if any(pair in HYPOTHETICAL_BIGRAMS for pair in pairs):
        return True
    return _modal_qad(window, trigger)
