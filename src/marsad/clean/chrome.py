"""Which lines of a page are site chrome rather than article text.

Curated whole-line phrases (``marsad.arabic.boilerplate``), photo captions, a trailing
block of related-article links, lines the outlet repeats across its articles
(``BoilerplateIndex``), and short standalone lines that share no word with the article
(promo teasers such as "زكي وزكية الصناعي" between paragraphs, outlet credits).
"""

from __future__ import annotations

import re

from marsad.arabic.boilerplate import (
    is_caption_line,
    is_chrome_line,
    is_glued_block_marker,
    is_trailing_block_marker,
)
from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.normalize import DIACRITICS, normalize
from marsad.clean.lines import ends_sentence

# Lines after a related-articles marker that are still article text are long; link titles
# are short.
TRAILING_BLOCK_LINE_MAX = 150
# One or two words sharing nothing with the article is weak evidence (generic section
# headings such as "ملاحظة", "ردود أفعال" do that); three or more is strong.
UNRELATED_MIN_WORDS = 3
UNRELATED_MAX_WORDS = 5
CREDIT_MAX_WORDS = 5
_QUOTED = re.compile(r"[\"“”«]\s*[^\"“”«»]{2,30}?\s*[\"“”»]")
UNRELATED_MAX_CHARS = 45
_PREFIX = 4  # letters compared when asking whether a word recurs (a light stem)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def chrome_kind(line: str) -> tuple[str, str] | None:
    """(flag kind, note) when a line is chrome by the curated lists, else None."""
    if is_chrome_line(line):
        return "boilerplate_removed", "site chrome line"
    if is_caption_line(line):
        return "caption_removed", "photo caption or credit"
    return None


def trailing_block_start(lines: list[str]) -> int | None:
    """Index of a related-articles marker after which only short lines follow, or of the
    last line when it is a marker glued to the titles it lists."""
    filled = [i for i, line in enumerate(lines) if line]
    for i, line in enumerate(lines):
        if (
            line
            and is_trailing_block_marker(line)
            and all(len(rest) <= TRAILING_BLOCK_LINE_MAX for rest in lines[i + 1 :])
        ):
            return i
    if filled and is_glued_block_marker(lines[filled[-1]]):
        return filled[-1]
    return None


def stems(text: str) -> set[str]:
    """Light stems of a text's words: proclitic variants cut to a few letters."""
    out: set[str] = set()
    for word in _WORD.findall(normalize(text)):
        for variant in proclitic_variants(word):
            if len(variant) >= 3:
                out.add(variant[:_PREFIX])
    return out


def might_be_unrelated(line: str) -> bool:
    """The shape of a promo teaser or credit: short, no punctuation or digits, Arabic letters."""
    if len(line) > UNRELATED_MAX_CHARS or not UNRELATED_MIN_WORDS <= len(line.split()) <= UNRELATED_MAX_WORDS:
        return False
    if DIACRITICS.search(line):
        return False  # vocalized text is verse or scripture, not a promo
    if line.lstrip()[:1] in "*•-–—▪●":
        return False  # a list item or list heading
    if any(ch.isdigit() or ch in ".!?؟،,:;؛" for ch in line):
        return False
    stripped = line.strip()
    if stripped[:1] in '«"“' and stripped[-1:] in '»"”':
        return False  # a quoted name standing alone is a list heading («Dumpster»), not chrome
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum("\u0600" <= ch <= "\u06ff" for ch in letters) >= 0.8 * len(letters)


def is_unrelated_short_line(line: str, article_stems: set[str]) -> bool:
    """A promo-shaped line none of whose words the rest of the article uses.

    Section headings name what their section is about and so share words with it; promo
    teasers and outlet credits do not. ``article_stems``: ``stems`` of the rest.
    """
    if not might_be_unrelated(line):
        return False
    words = _WORD.findall(normalize(line))
    if not words:
        return False
    for word in words:
        variants = [v[:_PREFIX] for v in proclitic_variants(word) if len(v) >= 3]
        if any(v in article_stems for v in variants):
            return False
    return True


def is_credit_line(line: str) -> bool:
    """An outlet or byline credit under a headline: a few words naming a source in quotes
    ('السياسية “جدار نيوز”')."""
    if len(line.split()) > CREDIT_MAX_WORDS or ends_sentence(line):
        return False
    return bool(_QUOTED.search(line))
