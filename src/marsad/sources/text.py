"""Plain-text files: decode the bytes (detecting legacy Arabic code pages), one article each.

Arabic text on disk comes as UTF-8 (with or without BOM), UTF-16 with BOM (Windows "Unicode"
saves), or a legacy code page: Windows-1256 or ISO-8859-6. We decode by BOM, then strict
UTF-8, then charset-normalizer restricted to the two legacy Arabic code pages, and accept a
legacy decoding only when the result is mostly Arabic letters, so that a random binary file
is never "decoded" into mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from marsad.arabic.script import arabic_letter_ratio
from marsad.model import RawArticle, ReadProblem

BINARY = "binary or unknown encoding"
EMPTY = "empty file"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # checked before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
LEGACY_ARABIC = ("cp1256", "iso8859_6")
# A legacy decoding must give mostly Arabic letters to count as detected.
MIN_ARABIC_RATIO = 0.6
# Decoded text with fewer printable characters than this is not text.
MIN_PRINTABLE_RATIO = 0.95


class UndecodableText(ValueError):
    """The bytes are not text in any encoding we accept."""


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(head: bytes) -> bool:
    """NUL bytes without a UTF-16/32 byte-order mark: no text file of ours has them."""
    return b"\x00" in head and not (bom_encoding(head) or "").startswith(("utf-16", "utf-32"))


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in; raises ``UndecodableText``.

    Stray bytes (a file cut mid-character, one bad byte in a long UTF-8 text) are replaced
    by U+FFFD rather than losing the file: ``decode_text_counted`` says how many."""
    text, encoding, _ = decode_text_counted(data)
    return text, encoding


def decode_text_counted(data: bytes) -> tuple[str, str, int]:
    """``decode_text`` plus the number of stray bytes replaced by U+FFFD."""
    encoding = bom_encoding(data)
    if encoding:
        text, replaced = _decode_replacing(data, encoding)
        if replaced > _tolerated(len(text)):
            raise UndecodableText(BINARY)
        return _checked(text.lstrip("\ufeff")), encoding, replaced
    if looks_binary(data):
        raise UndecodableText(BINARY)
    try:
        return _checked(data.decode("utf-8")), "utf-8", 0
    except UnicodeDecodeError:
        pass
    text, replaced = _decode_replacing(data, "utf-8")
    if replaced <= _tolerated(len(text)) and _printable_ratio(text) >= MIN_PRINTABLE_RATIO:
        return text, "utf-8", replaced
    return (*_decode_legacy(data), 0)


# Stray bytes tolerated in a text that is otherwise valid: a few, or one in 200 characters.
_STRAY_BYTES_FEW = 4
_STRAY_BYTES_PER = 200


def _tolerated(length: int) -> int:
    return max(_STRAY_BYTES_FEW, length // _STRAY_BYTES_PER)


def _decode_replacing(data: bytes, encoding: str) -> tuple[str, int]:
    """The text with every undecodable byte as U+FFFD, and how many there were."""
    escaped = data.decode(encoding, errors="surrogateescape")  # stray byte 0xNN -> U+DCNN
    return _STRAY.subn("\ufffd", escaped)


_STRAY = re.compile("[\udc80-\udcff]")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    matches = from_bytes(data, cp_isolation=list(LEGACY_ARABIC), preemptive_behaviour=False)
    # charset-normalizer ranks by chaos/coherence; we still verify its pick (and the runner-up)
    # against the one thing we know: the text is Arabic.
    for match in matches:
        text = str(match)
        if arabic_letter_ratio(text) >= MIN_ARABIC_RATIO and _printable_ratio(text) >= MIN_PRINTABLE_RATIO:
            return text, match.encoding
    raise UndecodableText(BINARY)


def _printable_ratio(text: str, sample: int = 20_000) -> float:
    head = text[:sample]
    if not head:
        return 1.0
    # Format characters (RLM, ZWNJ, tatweel's kin) are invisible but belong in Arabic text.
    good = sum(1 for char in head if char.isprintable() or char in "\n\r\t\f\v" or _is_format(char))
    return good / len(head)


def _is_format(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def _checked(text: str) -> str:
    if _printable_ratio(text) < MIN_PRINTABLE_RATIO:
        raise UndecodableText(BINARY)
    return text


def read_text(origin: str, data: bytes) -> RawArticle | ReadProblem:
    """One article from a text file's bytes: title left to the cleaner, text = whole file."""
    if not data.strip():
        return ReadProblem(origin, EMPTY)
    try:
        text, encoding, replaced = decode_text_counted(data)
    except UndecodableText as err:
        return ReadProblem(origin, str(err))
    if not text.strip():
        return ReadProblem(origin, EMPTY)
    meta: dict[str, object] = {"encoding": encoding, "format": "text"}
    if replaced:
        meta["replaced"] = replaced  # the cleaner flags the article
    return RawArticle(origin=origin, text=text, meta=meta)
