"""Which characters are Arabic letters: used to check that a decoded text really is Arabic."""

from __future__ import annotations

import unicodedata

# The Arabic block's letters (hamza..yeh, plus extended letters used in loanwords and
# Persian/Urdu spellings that Arabic outlets also print).
_ARABIC_LETTER_RANGES = (
    (0x0621, 0x064A),
    (0x066E, 0x06D3),
    (0x06FA, 0x06FC),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFC),
)


def is_arabic_letter(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _ARABIC_LETTER_RANGES) and unicodedata.category(
        char
    ).startswith("L")


# Every character ``is_arabic_letter`` accepts (all of them are letters, so ``isalpha``).
_ARABIC_LETTERS = frozenset(
    chr(code) for lo, hi in _ARABIC_LETTER_RANGES for code in range(lo, hi + 1) if is_arabic_letter(chr(code))
)


def arabic_letter_ratio(text: str, sample: int = 20_000) -> float:
    """Share of Arabic letters among all letters in (the first ``sample`` characters of) text.

    0.0 when the sample has no letters at all.
    """
    head = text[:sample]
    letters = sum(map(str.isalpha, head))
    arabic = sum(map(_ARABIC_LETTERS.__contains__, head))
    return arabic / letters if letters else 0.0
