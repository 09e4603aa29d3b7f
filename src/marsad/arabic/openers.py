"""Words that open a new sentence in Arabic news, so a line starting with one is not the
continuation of the line before it ("مبادرة جريئة" / "وأكد د. فرحات...": a heading, then
a paragraph). Reporting verbs with the conjunction, and connective phrases.
"""

from __future__ import annotations

import re

from marsad.arabic.normalize import normalize

_OPENERS = (
    "وأكد", "وقال", "وأضاف", "وأشار", "وأوضح", "ولفت", "وتابع", "وبين", "وشدد", "وأعلن",
    "وذكر", "وكشف", "وأفاد", "ونقل", "ونقلت", "وكان", "وكانت", "وقد", "وفيما", "وفي سياق",
    "وفي السياق", "وفي هذا السياق", "وفي الوقت", "كما", "من جهته", "من جهتها", "من جانبه",
    "من جانبها", "من جهة أخرى", "في حين", "بدوره", "بدورها", "إلى ذلك", "الى ذلك", "يذكر أن",
    "يشار إلى", "وتأتي", "ويأتي", "وجاء", "وأكدت", "وقالت", "وأضافت", "وأشارت", "وأوضحت",
    "ولفتت", "وتابعت", "وبينت", "وشددت", "وأعلنت", "وذكرت", "وكشفت", "وأفادت",
)  # fmt: skip
_PATTERN = re.compile(
    r"^[\"'«“(]?\s*(?:"
    + "|".join(re.escape(normalize(o)) for o in sorted(_OPENERS, key=len, reverse=True))
    + r")(?!\w)"
)


def starts_sentence(line: str) -> bool:
    """Whether a line opens with a typical sentence opener."""
    return bool(_PATTERN.match(normalize(line.lstrip())))
