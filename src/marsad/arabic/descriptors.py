"""Descriptors that name a country's government, forces or opposition as one actor.

News calls the parties to a conflict by description far more often than by name:
"النظام السوري", "الحكومة السورية", "القوات العراقية", "الجيش اليمني", "الطيران الروسي",
"المعارضة السورية المسلحة". Each is a head noun, which says the sector (CAMEO/PLOVER
style: GOV, MIL, COP, OPP, REB, LEG), and a nationality adjective (nisba) agreeing with it,
which says the country. The actor dictionary turns every head × nisba into an actor
``{country}-{sector}`` ("syr-gov") unless a curated actor already has the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.arabic.nationalities import country_stems
from marsad.arabic.normalize import normalize


@dataclass(frozen=True, slots=True)
class Head:
    words: str  # the head noun phrase, as written (with the article)
    feminine: bool  # the nisba agrees in the feminine (ية) or masculine (ي)
    sector: str  # CAMEO/PLOVER-style sector code
    tail: str = ""  # words after the nisba ("المسلحة" in "المعارضة السورية المسلحة")


# Sector names in English, for ``name_en`` of generated actors.
SECTOR_EN = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police and security forces",
    "OPP": "opposition",
    "REB": "armed opposition",
    "LEG": "parliament",
}

HEADS: tuple[Head, ...] = (
    Head("الحكومة", True, "GOV"),
    Head("النظام", False, "GOV"),
    Head("السلطات", True, "GOV"),
    Head("الرئاسة", True, "GOV"),
    Head("الخارجية", True, "GOV"),
    Head("الدبلوماسية", True, "GOV"),
    Head("الجيش", False, "MIL"),
    Head("القوات", True, "MIL"),
    Head("القوات المسلحة", True, "MIL"),
    Head("القوات الحكومية", True, "MIL"),
    Head("قوات النظام", False, "MIL"),
    Head("جيش النظام", False, "MIL"),
    Head("قوات الجيش", False, "MIL"),
    Head("الطيران", False, "MIL"),
    Head("سلاح الجو", False, "MIL"),
    Head("المقاتلات", True, "MIL"),
    Head("الطائرات", True, "MIL"),
    Head("البحرية", True, "MIL"),
    Head("الشرطة", True, "COP"),
    Head("قوات الأمن", True, "COP"),
    Head("الأجهزة الأمنية", True, "COP"),
    Head("السلطات الأمنية", True, "COP"),
    Head("القوات الأمنية", True, "COP"),
    Head("المعارضة", True, "OPP"),
    Head("المعارضة", True, "REB", tail="المسلحة"),
    Head("الفصائل المسلحة", True, "REB"),
    Head("البرلمان", False, "LEG"),
)

# Descriptors without a nationality that still name one kind of party (no country).
BARE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # (id, sector, English name, Arabic spellings; the first is the canonical name)
    (
        "reb-armed-opposition",
        "REB",
        "armed opposition",
        ("المعارضة المسلحة", "الفصائل المسلحة", "فصائل المعارضة"),
    ),
    (
        "mil-coalition-forces",
        "MIL",
        "coalition forces",
        ("قوات التحالف", "طيران التحالف", "طائرات التحالف"),
    ),
)


@dataclass(frozen=True, slots=True)
class Descriptor:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str


def descriptors() -> list[Descriptor]:
    """Every head × nationality descriptor actor, and the bare ones."""
    out: list[Descriptor] = []
    for code, stems in country_stems().items():
        by_sector: dict[str, list[str]] = {}
        for head in HEADS:
            for stem in stems:
                nisba = "ال" + stem + ("ية" if head.feminine else "ي")
                name = " ".join(filter(None, (head.words, nisba, head.tail)))
                by_sector.setdefault(head.sector, []).append(name)
        for sector, names in by_sector.items():
            out.append(
                Descriptor(
                    id=f"{code.lower()}-{sector.lower()}",
                    name=names[0],
                    name_en=f"{code} {SECTOR_EN[sector]}",
                    aliases=tuple(dict.fromkeys(names)),
                    country=code,
                    sector=sector,
                )
            )
    for actor_id, sector, name_en, bare_names in BARE:
        out.append(Descriptor(actor_id, bare_names[0], name_en, bare_names, None, sector))
    return out


# Dual descriptors that stand for the two parties an article has already named: "بحث
# الجانبان العلاقات", "أكد البلدان", "اتفق الطرفان". They are no actor of their own.
_BOTH_PARTIES = """
الجانبان الجانبين الطرفان الطرفين البلدان البلدين الوزيران الوزيرين الزعيمان الزعيمين
الرئيسان الرئيسين الوفدان الوفدين الدولتان الدولتين الحكومتان الحكومتين
"""


def both_parties(text: str) -> bool:
    """ "الجانبان", "والطرفين": a dual that names the two parties of an earlier event."""
    words = normalize(text).split()
    if len(words) != 1:
        return False
    word = words[0]
    if len(word) > 5 and word[0] in "وفب":
        word = word[1:]
    return word in _BOTH_PARTIES_SET


_BOTH_PARTIES_SET = frozenset(normalize(w) for w in _BOTH_PARTIES.split())
