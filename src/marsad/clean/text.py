"""Character-level cleanup of one raw line, keeping each character's raw offset.

NFC composition, removal of bidi controls and zero-width characters, non-breaking and
other odd spaces as plain spaces (runs collapsed to one), and emoji markers at a line start
("📸الصورة", "📍وعقدت") dropped and reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from marsad.arabic.normalize import BIDI_CONTROLS

# Zero-width space/joiners, word joiner, BOM, soft hyphen (tatweel is kept: it is display).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Everything dropped, as a set: a membership test per character is much faster than a regex.
_DROP = frozenset(_INVISIBLE) | frozenset(
    ch for ch in map(chr, [0x061C, *range(0x2000, 0x2070)]) if BIDI_CONTROLS.match(ch)
)


@dataclass(slots=True)
class CleanLine:
    """One raw line after character cleanup: its text, and the raw offset of each char."""

    raw_start: int  # the line's span in the raw text (without its line break)
    raw_end: int
    text: str = ""
    positions: list[int] = field(default_factory=list)
    markers: list[tuple[str, int, int]] = field(default_factory=list)  # emoji dropped: (text, raw span)

    @property
    def blank(self) -> bool:
        return not self.text


def split_raw_lines(raw: str) -> list[tuple[int, int]]:
    """Spans of the raw text's lines (\\n, \\r\\n, \\r, U+2028/2029 and form feeds break)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\r\n|[\n\r\u2028\u2029\f\v\x1c\x1d\x1e\x85]", raw):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(raw)))
    return spans


def _is_marker_symbol(ch: str) -> bool:
    cat = unicodedata.category(ch)
    # So: emoji and pictographs; Sk: skin-tone modifiers; variation selectors; ZWJ joins emoji
    return (
        cat in ("So", "Sk") or "\ufe00" <= ch <= "\ufe0f" or ch == "\u200d" or 0x1F3FB <= ord(ch) <= 0x1F3FF
    )


# Anything that makes a line need the per-character pass; most lines have none of it.
_NEEDS_WORK = re.compile("[" + "".join(sorted(_DROP)) + r"]|\s\s|[^\S ]")


def clean_line(raw: str, start: int, end: int) -> CleanLine:
    line = CleanLine(start, end)
    segment = raw[start:end]
    stripped = segment.strip(" ")
    if (
        stripped
        and not _NEEDS_WORK.search(stripped)
        and not _is_marker_symbol(stripped[0])
        and unicodedata.is_normalized("NFC", stripped)
    ):
        offset = start + len(segment) - len(segment.lstrip(" "))
        line.text = stripped
        line.positions = list(range(offset, offset + len(stripped)))
        return line
    chars: list[str] = []
    positions: list[int] = []
    for ch, pos in _nfc_with_positions(raw, start, end):
        if ch in _DROP:
            continue
        if ch.isspace():
            if not chars or chars[-1] == " ":
                continue  # leading whitespace, or a run being collapsed
            ch = " "
        chars.append(ch)
        positions.append(pos)
    while chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    # emoji markers opening the line ("📸", "📍", "🔴 عاجل"): decoration, not text
    n = 0
    while n < len(chars) and (_is_marker_symbol(chars[n]) or (chars[n] == " " and n > 0)):
        n += 1
    if n and n < len(chars):
        line.markers.append(("".join(chars[:n]).strip(), positions[0], positions[n - 1] + 1))
        chars, positions = chars[n:], positions[n:]
    elif n and n == len(chars):  # a line of emoji only
        line.markers.append(("".join(chars).strip(), positions[0], positions[-1] + 1))
        chars, positions = [], []
    line.text = "".join(chars)
    line.positions = positions
    return line


def _nfc_with_positions(raw: str, start: int, end: int) -> list[tuple[str, int]]:
    segment = raw[start:end]
    if unicodedata.is_normalized("NFC", segment):
        return [(ch, start + i) for i, ch in enumerate(segment)]
    # Compose run by run: a run is a starter with the combining marks that follow it, and
    # every character NFC makes of a run maps to the run's first raw offset.
    out: list[tuple[str, int]] = []
    run_start = 0
    for i in range(1, len(segment) + 1):
        if i == len(segment) or unicodedata.combining(segment[i]) == 0:
            composed = unicodedata.normalize("NFC", segment[run_start:i])
            out.extend((ch, start + run_start) for ch in composed)
            run_start = i
    return out
