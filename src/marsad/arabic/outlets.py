"""Where an article names its own outlet: bylines, tag lines, datelines (metadata, not news).

Saudi and pan-Arab sites print their name into the article body: "داليا أبوالعيش – عين اليوم"
and "عين اليوم – متابعات" (bylines), "رابط الخبر بصحيفة الوئام: <title>" (a tag line
repeating the title), "سبق- الرياض:" (a dateline opening the first paragraph). These say who
published the piece, which the article's metadata already holds; annotating them makes
"عين اليوم" a time ("today") and an organisation in every article of the site.

``metadata_spans`` finds the outlet's name in bylines and dateline openings and whole tag
lines; only short lines and line openings count, so an outlet named inside a sentence
("قال لـ«عكاظ»") is left to the annotators.
"""

from __future__ import annotations

import re

from marsad.arabic.normalize import normalize

# Arabic names of outlets that print themselves into their articles. Only names that are
# not also places, clubs or common words: "الرياض", "المدينة", "اليوم", "الاتحاد" and
# "الوطن" are outlets too, but a short line "الاتحاد - الهلال" is a match, not a byline.
OUTLET_NAMES = (
    "عين اليوم", "الوئام", "سبق", "عكاظ", "الشرق الأوسط", "الاقتصادية", "المواطن", "إيلاف",
    "العربية.نت", "العربية نت",
)  # fmt: skip
_OUTLETS = frozenset(normalize(n) for n in OUTLET_NAMES)
_DASH = r"\-–—"  # inside a character class
BYLINE_MAX_WORDS = 10
# "رابط الخبر بصحيفة الوئام: ..." to the end of the line
_TAG_LINE = re.compile(r"رابط\s+الخبر\s+(?:ب|في\s+)?(?:صحيفة|موقع)\s+[^\n:]{1,40}:[^\n]*")
_SENTENCE_MARK = re.compile(r"[:.!?؟]")
# a dateline opening: "سبق- الرياض:" / "عين اليوم – متابعات"
_OPENING = re.compile(r"^[ \t]*([^\n" + _DASH + r":]{2,20}?)[ \t]*[" + _DASH + r"]")


def _is_outlet(text: str) -> bool:
    return normalize(" ".join(text.split()).strip(" \t\"'«»“”()")) in _OUTLETS


def metadata_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of bylines, tag lines and outlet datelines in ``text``, in order."""
    spans = [(m.start(), m.end()) for m in _TAG_LINE.finditer(text)]
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        parts = re.split("[" + _DASH + "]", stripped)
        if (
            len(parts) >= 2
            and len(stripped.split()) <= BYLINE_MAX_WORDS
            and not _SENTENCE_MARK.search(stripped.replace("العربية.نت", ""))
            and any(_is_outlet(p) for p in parts)
        ):
            # a byline ("فايز الحسيكي – عين اليوم", "عين اليوم – لندن"): the outlet's part is
            # metadata; a reporter's name or the dateline's place stays news text
            offset = start
            for part in re.split("([" + _DASH + "])", line):
                if _is_outlet(part):
                    lead = len(part) - len(part.lstrip())
                    spans.append((offset + lead, offset + len(part.rstrip())))
                offset += len(part)
            continue
        opening = _OPENING.match(line)
        if opening and _is_outlet(opening.group(1)):
            spans.append((start + opening.start(1), start + opening.end(1)))
    return sorted(spans)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans``."""
    return any(s < end and start < e for s, e in spans)
