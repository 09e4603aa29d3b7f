"""Paragraph structure: re-joining lines a scraper broke mid-sentence, keeping headings.

Two kinds of page reach us. Hard-wrapped text breaks every line at some width, mostly in
mid-sentence (seed 000); there a line that does not end a sentence is joined to the next.
Paragraph-per-line text ends nearly every line with a full stop (seed 004); there a short
line without terminal punctuation is a section heading ("حوار المنامة") and stays on its
own, an unfinished line clearly shorter than the page's paragraphs is a broken paragraph
and is joined, and one as long as they are is a paragraph missing its full stop.
"""

from __future__ import annotations

import itertools
import re

from marsad.arabic.openers import starts_sentence

_TERMINAL = ".!?؟…:"
_CLOSERS = "\"'”“’‘»«)]}> "
_LIST_START = re.compile(r"^\s*(?:[*•▪●◦·]\s|[-–—]\s|\d{1,2}\s*[-)]\s)")
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 12
# On a paragraph-per-line page an unfinished line about as long as the page's paragraphs is
# a paragraph whose writer left the full stop out (common in Arabic news), not a fragment:
# breaks there come from markup (a link or bold run ending the line) and leave pieces
# clearly shorter than a paragraph.
FRAGMENT_SHARE = 0.6
# Share of adjacent line pairs whose first line is unfinished above which the page is
# treated as hard-wrapped.
WRAPPED_SHARE = 0.4


def ends_sentence(line: str) -> bool:
    """Whether a line ends with terminal punctuation (closing quotes/brackets after it ok)."""
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_heading_like(line: str) -> bool:
    return (
        not ends_sentence(line) and len(line) <= HEADING_MAX_CHARS and len(line.split()) <= HEADING_MAX_WORDS
    )


def is_hard_wrapped(lines: list[str | None]) -> bool:
    """Whether a page breaks lines at a width rather than at paragraph ends.

    ``lines`` are kept line texts in order, None where a blank or removed line separates.
    """
    pairs = unfinished = 0
    for current, following in itertools.pairwise(lines):
        if current is None or following is None:
            continue
        pairs += 1
        unfinished += not ends_sentence(current)
    return pairs >= 3 and unfinished / pairs >= WRAPPED_SHARE


def typical_paragraph_chars(lines: list[str | None]) -> float | None:
    """Median length of the page's lines that end a sentence (None when there are none)."""
    finished = sorted(len(t) for t in lines if t is not None and ends_sentence(t))
    return float(finished[len(finished) // 2]) if finished else None


def should_join(current: str, following: str, wrapped: bool, paragraph_chars: float | None = None) -> bool:
    """Whether ``following`` continues the sentence ``current`` left unfinished."""
    if ends_sentence(current):
        return False
    if _LIST_START.match(following):
        return False  # list items stay apart (wrapped poems and lists alike)
    if is_heading_like(current) and starts_sentence(following):
        return False  # a heading, then a paragraph opening with "وأكد", "من جانبه"...
    if wrapped:
        return True
    if is_heading_like(current):
        return False
    return paragraph_chars is None or len(current) < FRAGMENT_SHARE * paragraph_chars
