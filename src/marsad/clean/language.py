"""Language identification with py3langid (its model ships inside the wheel; no download).

The identifier is loaded once per process. It is restricted to languages that news fed to
Marsad plausibly comes in: the full 97-language set confuses short Arabic with Persian,
Urdu or Pashto less often once languages that never occur are out, and stray scripts
("gettyimages", numbers) cannot tip a short text to an exotic label.
"""

from __future__ import annotations

import re
import threading
from typing import Any

# Arabic-script neighbours stay in so that Persian/Urdu/Kurdish articles are not called Arabic.
NEWS_LANGUAGES = (
    "ar", "en", "fr", "fa", "ur", "ps", "ku", "tr", "he", "es", "de", "it", "ru",
    "zh", "pt", "nl", "id", "ms", "hi", "sw",
)  # fmt: skip
MIN_LETTERS = 20  # fewer letters than this is too little to tell: "und"
# An address starts a token ((?<!\S)): a match may not start inside a long unspaced run, which
# made `\S+@\S+` try every position of it (quadratic: 40 KB took 16 s).
_URL = re.compile(r"https?://\S+|www\.\S+|(?<!\S)[^\s@]+@\S+")
_NON_LETTERS = re.compile(r"[\d_\W]+", re.UNICODE)

_identifier: Any = None
_lock = threading.Lock()


def _get_identifier() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
                identifier.set_languages(list(NEWS_LANGUAGES))
                _identifier = identifier
    return _identifier


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language, "und" when there is too little text to tell."""
    text = _URL.sub(" ", text)
    # Numbers and punctuation carry no language; collapsing them keeps the n-grams clean.
    sample = " ".join(_NON_LETTERS.sub(" ", text[:5000]).split())
    # enough letters in the sample are enough in the text; only a short sample counts them all
    if len(sample) - sample.count(" ") < MIN_LETTERS and len(_NON_LETTERS.sub("", text)) < MIN_LETTERS:
        return "und"
    lang, _score = _get_identifier().classify(sample)
    return str(lang)
