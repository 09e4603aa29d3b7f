"""What kind of input a blob of bytes is: by its content (magic bytes, first markup) first,
by its name second. Only the first few kilobytes are looked at."""

from __future__ import annotations

import re
from typing import Literal

from marsad.sources.jsonrec import looks_like_jsonl
from marsad.sources.text import bom_encoding

Kind = Literal["zip", "gzip", "warc", "json", "jsonl", "html", "feed", "text"]
HEAD_SIZE = 8192

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_GZIP_MAGIC = b"\x1f\x8b"
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>/]", re.IGNORECASE)
_JSON_START = frozenset('["-0123456789tfn')
_BY_SUFFIX: dict[str, Kind] = {
    ".zip": "zip",
    ".gz": "gzip",
    ".warc": "warc",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".txt": "text",
}


def suffix_kind(name: str) -> Kind | None:
    lower = name.lower()
    for suffix, kind in _BY_SUFFIX.items():
        if lower.endswith(suffix):
            return kind
    return None


def head_text(head: bytes) -> str:
    """The start of the blob as text, well enough to look for markup or a JSON bracket."""
    encoding = bom_encoding(head) or "utf-8"
    if encoding.startswith(("utf-16", "utf-32")):
        # Cut to whole code units so the decoder does not fail on a half character.
        unit = 4 if encoding == "utf-32" else 2
        head = head[: len(head) - len(head) % unit]
    return head.decode(encoding, errors="ignore").lstrip("\ufeff")


def sniff(head: bytes, name: str = "") -> Kind:
    """The kind of a blob from its first bytes (``HEAD_SIZE`` is enough) and its name."""
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    by_name = suffix_kind(name)
    text = head_text(head).lstrip()
    if by_name == "jsonl" and text[:1] and text[0] in _JSON_START:
        return "jsonl"  # a JSON Lines name is believed: its first line may be a bad one
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl" if looks_like_jsonl(text, named_jsonl=by_name == "jsonl") else "json"
    if text.startswith("<"):
        start = _skip_prolog(text)
        if _FEED_ROOT.match(text, start) or (by_name == "feed" and not _HTML_MARK.search(text)):
            return "feed"
        if _HTML_MARK.search(text) or by_name == "html":
            return "html"
    if by_name in ("html", "feed") and "<" in text:
        return by_name
    return "text"


def _skip_prolog(text: str) -> int:
    """Where the root element starts, past an XML declaration, comments and a doctype."""
    pos = 0
    while True:
        pos = len(text) - len(text[pos:].lstrip()) if pos < len(text) else pos
        for opener, closer in (("<?", "?>"), ("<!--", "-->")):
            if text.startswith(opener, pos):
                end = text.find(closer, pos)
                if end < 0:
                    return pos
                pos = end + len(closer)
                break
        else:
            return pos
