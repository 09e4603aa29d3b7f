"""Article metadata found in the text: headline, dateline, cited agency, outlet."""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlsplit

from marsad.arabic.datelines import parse_dateline
from marsad.arabic.normalize import normalize
from marsad.arabic.sentences import split_sentences
from marsad.clean.lines import ends_sentence

DATELINE_SEARCH_LINES = 10  # a dateline sits among the first lines of a page
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 200
DERIVED_TITLE_CHARS = 120
_SPACE = re.compile(r"\s+")


def same_line(a: str, b: str) -> bool:
    """Whether two lines say the same thing up to spelling variants and spacing."""
    return _SPACE.sub(" ", normalize(a)).strip() == _SPACE.sub(" ", normalize(b)).strip()


def looks_like_headline(line: str, followed_by_break: bool, wrapped: bool) -> bool:
    """A first line that is a headline: unfinished, a few words, standing on its own."""
    words = len(line.split())
    if ends_sentence(line) or not HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS:
        return False
    if len(line) > HEADLINE_MAX_CHARS:
        return False
    # in hard-wrapped text an unfinished first line is just the first line of the body
    return followed_by_break or not wrapped


def dateline_date(line: str) -> str | None:
    return parse_dateline(line)


def derived_title(text: str) -> str | None:
    """The first sentence, cut at a word boundary to about ``DERIVED_TITLE_CHARS``."""
    sentences = split_sentences(text)
    if not sentences:
        return None
    first = text[sentences[0].start : sentences[0].end].split("\n")[0].strip()
    if len(first) <= DERIVED_TITLE_CHARS:
        return first
    cut = first[:DERIVED_TITLE_CHARS]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ،,:;؛-") + "…"


def source_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def source_from_origin(origin: str) -> str | None:
    """The file name stem an origin names ("seeds/001_x.txt#3" → "001_x")."""
    path = origin.split("#", 1)[0].rstrip("/")
    if not path or path.startswith("<"):
        return None
    name = PurePath(path.replace("!", "/").replace("::", "/")).name
    stem = name.split(".", 1)[0] if not name.startswith(".") else name
    return stem or None
