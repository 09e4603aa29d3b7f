"""A key under which spellings of one Arab person's name meet: the given name and the
family name, whatever the outlet wrote between them or how it wrote the family particle.

"عبدالله ال منصور"، "عبدالله بن دواس آل منصور" and "عبدالله دواس بن حمد آل منصور" are one
man in three reports; "عادل الجبير" and "عادل بن أحمد الجبير" one minister. The key drops
the lineage (بن/ابن/بنت and the father's and grandfather's names between the first and the
last word) and the family particle (آل/ال, written apart or joined: "آل منصور" = "المنصور").
It is for matching the persons two reports name, never for display.
"""

from __future__ import annotations

from marsad.arabic.normalize import words

_LINEAGE = frozenset(words("بن ابن بنت"))
_FAMILY = frozenset(words("آل ال"))  # the family particle written as a word of its own


def person_key(name: str) -> str | None:
    """``"given family"`` for a name of at least two words (a given and a family name),
    else None: one word ("خالد", "هزازي") is too common to tell a person."""
    tokens = [w for w in words(name) if w not in _LINEAGE]
    if len(tokens) < 2:
        return None
    last = tokens[-1]
    if tokens[-2] in _FAMILY:
        tokens = tokens[:-1]
    elif last.startswith("ال") and len(last) > 4:
        last = last[2:]
    if len(tokens) < 2 or tokens[0] in _FAMILY:
        return None
    return f"{tokens[0]} {last}"
