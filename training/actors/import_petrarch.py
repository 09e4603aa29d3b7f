"""Clean UniversalPetrarch's Arabic actor dictionary into ``resources/actors/petrarch.json``.

The source (``actor_dict_ar_v4.txt``, MIT, Open Event Data Alliance) lists one actor per
name line, words joined by ``_``, followed by its CAMEO codes either on the same line
(``غزة  [PSE]``) or on tab-indented lines with date ranges (``[IRQGOV 20101221-20140908]``).
Many names are stored as lemmas ("وزارة_دفاع_عراقي_" for "وزارة الدفاع العراقية"), a few
lines are sentences, plural adjectives or glued clitics. Only names that can occur as
written in news text are kept; generic agents and titles are left to the title lexicon
(``marsad.arabic.titles``) and the curated dictionary.

Usage: PYTHONPATH=src python training/actors/import_petrarch.py [SOURCE] [OUTPUT]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from marsad.arabic.nationalities import NISBA
from marsad.arabic.normalize import normalize, strip_diacritics
from marsad.evaluation import saudinewsnet
from marsad.model import stable_id
from marsad.paths import RESOURCES, shared_path

# CAMEO codes that are not countries: sectors and international actor kinds.
SECTOR_CODES = frozenset(
    [
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "MED",
        "EDU",
        "BUS",
        "CRM",
        "CVL",
        "REF",
        "ELI",
        "LAB",
        "LEG",
        "HLH",
        "AGR",
        "ENV",
        "HRI",
        "IGO",
        "NGO",
        "IMG",
        "INT",
        "MNC",
        "REL",
        "UAF",
        "INS",
        "SEP",
        "RAD",
        "MOD",
        "CHR",
        "MUS",
        "JEW",
        "BUD",
        "HIN",
        "SHI",
        "SUN",
        "AMN",
        "IRC",
        "GRP",
        "UNO",
        "DEV",
        "ICC",
        "PKO",
        "CON",
        "SET",
    ]
)
# Multinational prefixes: no country of their own.
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "UNO"})

# First words of lemma-form generic phrases and titles: "وزارة دفاع عراقي", "رئيس وزير
# عراقي", "ملك عبد الله ثاني". Titles are found by marsad.arabic.titles instead.
GENERIC_HEADS = frozenset(
    normalize(w)
    for w in [
        "حكومة",
        "وزارة",
        "قوة",
        "قوات",
        "جيش",
        "رئيس",
        "وزير",
        "شرطة",
        "مجلس",
        "اتحاد",
        "أمين",
        "سفينة",
        "أرض",
        "مجلة",
        "صحيفة",
        "قام",
        "محكمة",
        "جامعة",
        "ديوان",
        "الديوان",
        "عاهل",
        "ملك",
        "أمير",
        "شيخ",
        "جنرال",
        "نظام",
        "منظمة",
        "سفير",
        "مسؤول",
        "قائد",
        "نائب",
        "متحدث",
        "ناطق",
        "زعيم",
        "مدير",
        "عضو",
        "وكالة",
        "لجنة",
        "هيئة",
        "محافظ",
        "رئيسة",
        "وزيرة",
        "سلطة",
        "حرس",
        "دكتور",
        "قاضي",
        "برنامج",
        "اتصال",
        "وحدة",
        "حكومي",
        "إمام",
        "أمام",
    ]
)
# Words that appear in organisation names: a multiword entry with one is an ORG.
ORG_WORDS = frozenset(
    normalize(w)
    for w in [
        "حركة",
        "حزب",
        "جبهة",
        "منظمة",
        "جماعة",
        "تنظيم",
        "مجلس",
        "جيش",
        "قوات",
        "قوة",
        "كتائب",
        "لواء",
        "جمعية",
        "اتحاد",
        "شركة",
        "وكالة",
        "صحيفة",
        "قناة",
        "مؤسسة",
        "جامعة",
        "حكومة",
        "وزارة",
        "محكمة",
        "بنك",
        "مصرف",
        "هيئة",
        "رابطة",
        "تيار",
        "ائتلاف",
        "مكتب",
        "سفارة",
        "كتيبة",
        "فيلق",
        "مركز",
        "مجموعة",
    ]
)
# Function words and clitics a lemmatizer leaves standing alone: the line is not a name.
FUNCTION_WORDS = frozenset(
    normalize(w)
    for w in [
        "ل",
        "ب",
        "ك",
        "و",
        "ف",
        "في",
        "من",
        "على",
        "الى",
        "إلى",
        "عن",
        "أو",
        "او",
        "حتى",
        "هو",
        "هي",
        "خلال",
        "بعض",
        "تابع",
        "ذلك",
        "مع",
    ]
)
# Single words listed as actors that are ordinary words in news text.
COMMON_WORDS = frozenset(
    normalize(w)
    for w in [
        "قاعدة",
        "محافظو",
        "دولة",
        "حكومة",
        "جيش",
        "شرطة",
        "قوة",
        "قوات",
        "مجلس",
        "رئيس",
        "وزير",
        "أمير",
        "ملك",
        "شيخ",
        "جماعة",
        "حركة",
        "منظمة",
        "عرب",
        "عربي",
        "مسلم",
        "مسلمون",
        "إسلامي",
        "الاسلام",
        "شعب",
        "لجنة",
        "حزب",
        "معارضة",
        "متمردون",
        "مسلحون",
        "سيادة",
        "فخامة",
        "سمو",
        "معالي",
        "سعادة",
        "حضرة",
        "دولة",
        "جلالة",
        "إمارة",
        "مملكة",
        "جمهورية",
        "ولاية",
        "عاصمة",
        "مدينة",
        "صحافي",
        "صحفي",
        "مؤتمر",
        "مساعد",
        "صورة",
        "ضحية",
        "طاقة",
        "قطاع",
        "تشغيل",
        "تهديد",
        "أوضاع",
        "أفضل",
        "بابا",
        "العمارة",
    ]
)

# Adjectives that, without the article, mark a lemmatized phrase: "حزب مؤتمر وطني".
LEMMA_ADJECTIVES = frozenset(
    normalize(w)
    for w in [
        "وطني",
        "أوسط",
        "أدنى",
        "عام",
        "دولي",
        "إسلامي",
        "عربي",
        "خاص",
        "أعلى",
        "شعبي",
        "ديمقراطي",
        "ثوري",
        "اتحادي",
        "فيدرالي",
        "مركزي",
        "أميركي",
        "أمريكي",
        "أوروبي",
        "جنوبي",
        "شمالي",
        "شرقي",
        "غربي",
        "تشريعية",
        "تنفيذي",
        "عسكري",
        "أمني",
    ]
)

_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u0671-\u06d3 ]+$")
_CODE = re.compile(r"\[\s*~?([A-Z]{3,})\s*(?:([<>])?\s*(\d{8})?(?:\s*-\s*(\d{8}))?)?\s*\]")
OPEN_END = "18000101"  # the source's "no end date"


def _date(raw: str | None) -> str | None:
    if not raw or raw == OPEN_END:
        return None
    year, month, day = raw[:4], raw[4:6], raw[6:]
    if not ("1900" <= year <= "2030" and "01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"


def parse_code(code: str) -> tuple[str | None, str | None]:
    """CAMEO code → (country ISO alpha-3 or None, sector string or None)."""
    head = code[:3]
    if head in SECTOR_CODES:
        return None, head
    sector = code[3:6] or None
    return head, sector


def parse(lines: list[str]) -> list[tuple[str, list[dict]]]:
    """(name as written in the source, role dicts) for each entry, in file order."""
    entries: list[tuple[str, list[dict]]] = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        is_role_line = line[0] in " \t" and line.strip().startswith("[")
        codes = [
            {
                "code": m.group(1),
                "start": _date(m.group(3)),
                "end": _date(m.group(4)),
                "dated": bool(m.group(3)),
            }
            for m in _CODE.finditer(line)
        ]
        if is_role_line:
            if entries:
                entries[-1][1].extend(codes)
            continue
        name = _CODE.sub("", line).strip()
        entries.append((name, codes))
    return entries


def clean_name(raw: str) -> str | None:
    """The name as news would write it, or None when the entry is not a usable name."""
    text = strip_diacritics(raw.replace("_", " ")).replace("\u0670", "")
    words = text.split()
    if not words or not _ARABIC_NAME.match(" ".join(words)):
        return None
    norm = [normalize(w) for w in words]
    if len(words) > 5 or any(w in FUNCTION_WORDS for w in norm):
        return None
    if any(w in COMMON_WORDS for w in norm):
        return None
    if len(words) == 1:
        if len(norm[0]) <= 3:
            return None
    elif len(words) == 2 and norm[0] in ("عبد", "ابو", "ام") and norm[1].startswith("ال"):
        return None  # a compound given name alone ("عبد العزيز") names nobody in particular
    elif norm[0] in GENERIC_HEADS:
        return None
    return " ".join(words)


def place_stems(entries: list[tuple[str, list[dict]]]) -> frozenset[str]:
    """Normalized place names of the source without ال or final ا, for spotting nisbas."""
    stems = set()
    for raw, codes in entries:
        if codes and len(codes[0]["code"]) == 3 and codes[0]["code"] not in SECTOR_CODES:
            w = normalize(raw.replace("_", " ").strip())
            if " " in w or not w:
                continue
            w = w[2:] if w.startswith("ال") else w
            stems.add(w[:-1] if w.endswith("ا") else w)
    return frozenset(s for s in stems if len(s) >= 3)


def is_lemma_phrase(name: str, places: frozenset[str]) -> bool:
    """ "سفارة مغربي", "جنوب جزائر", "مفتش عام أميركي": a lemmatizer's form, not text."""
    words = [normalize(w) for w in name.split()]
    if len(words) < 2:
        return False
    for w in words[1:]:
        if w in LEMMA_ADJECTIVES:
            return True
        stem = w[:-1] if w.endswith("ي") else w[:-2] if w.endswith("يه") else None
        if stem and (stem in places or stem + "ي" in NISBA):
            return True
    # an indefinite place name after a common noun: "جنوب جزائر", "عاصمة قطري"
    return words[-1] in places and not words[-1].startswith("ال") and words[0] in GENERIC_PLACES


GENERIC_PLACES = frozenset(
    normalize(w) for w in ["جنوب", "شمال", "شرق", "غرب", "وسط", "عاصمة", "سواحل", "حدود", "منطقة"]
)


def entry_type(name: str, country: str | None, sector: str | None, dated: bool) -> str:
    words = [normalize(w) for w in name.split()]
    if sector is None:
        return "GPE"
    if sector in ("MED", "BUS"):
        return "ORG"  # newspapers and companies: "نيويورك تايمز"
    if any(w in ORG_WORDS for w in words):
        return "ORG"
    if len(words) == 1:
        return "PER" if dated and sector in {"GOV", "ELI", "PTY", "CVL", "JUD"} else "ORG"
    return "PER"


def is_demonym(name: str, places: frozenset[str]) -> bool:
    """ "سوري", "السودانيون", "البحرينية": adjectives and plurals listed as places."""

    def nisba(t: str) -> bool:
        t = t[2:] if t.startswith("ال") else t
        for suffix in ("يون", "يين", "يه", "يا", "ي"):
            if t.endswith(suffix) and len(t) > len(suffix) + 1:
                stem = t[: -len(suffix)]
                if suffix == "يا":  # "أميركيًا": an adverb; "سوريا" is a name
                    return stem in places
                return (
                    suffix in ("يون", "يين") or stem in places or stem + "ي" in places or stem + "ي" in NISBA
                )
        return False

    return all(nisba(t) for t in normalize(name).split())


def word_counts(paths: list[Path], limit: int = 6) -> Counter:
    """Normalized word counts over SaudiNewsNet days (unlabelled text, for usage evidence)."""
    counts: Counter = Counter()
    for record in saudinewsnet.records(paths[:limit]):
        counts.update(normalize(w) for w in re.findall(r"[\u0621-\u064a]+", record.get("content", "")))
    return counts


def usually_definite(word: str, counts: Counter) -> bool:
    """ "مالي", "عقبة": news writes the word mostly with the article (المالي "financial",
    العقبة), so the bare form is a lemma or a common word, not how the name appears."""
    w = normalize(word)
    if " " in w or w.startswith("ال"):
        return False
    definite = counts["ال" + w]
    return definite >= 3 and definite > counts[w]


def convert(lines: list[str], counts: Counter | None = None) -> tuple[list[dict], Counter]:
    stats: Counter = Counter()
    merged: dict[str, dict] = {}
    entries = parse(lines)
    places = place_stems(entries)
    for raw, codes in entries:
        stats["entries"] += 1
        if not codes:
            stats["dropped: no code"] += 1
            continue
        name = clean_name(raw)
        if name is None:
            stats["dropped: not a name (lemma form, title, sentence, common word)"] += 1
            continue
        if counts is not None and usually_definite(name, counts):
            stats["dropped: news writes it with the article"] += 1
            continue
        if is_lemma_phrase(name, places):
            stats["dropped: lemma form"] += 1
            continue
        country, sector = parse_code(codes[0]["code"])
        if sector is None and country is None:
            stats["dropped: no country or sector"] += 1
            continue
        if is_demonym(name, places):
            stats["dropped: demonym"] += 1
            continue
        if country is None and sector not in INTERNATIONAL and len(name.split()) == 1:
            stats["dropped: generic agent"] += 1
            continue
        dated = any(c["dated"] for c in codes)
        kind = entry_type(name, country, sector, dated)
        if kind == "ORG" and " " not in name:
            # single-word organisations in the source are mostly common nouns ("قطاع",
            # "أفضل"); the ones that matter are curated
            stats["dropped: single-word organisation"] += 1
            continue
        roles = []
        if kind == "PER":
            for c in codes:
                role_country, role_sector = parse_code(c["code"])
                start, end = c["start"], c["end"]
                if start and end and end < start:
                    start = end = None  # the source's copy-pasted ranges: keep the code, not the dates
                role = {"code": c["code"], "country": role_country, "sector": role_sector}
                role.update({k: v for k, v in (("start", start), ("end", end)) if v})
                roles.append(role)
        key = normalize(name)
        if key in merged:
            stats["merged duplicates"] += 1
            existing = merged[key]
            existing["roles"].extend(r for r in roles if r not in existing["roles"])
            continue
        merged[key] = {
            "id": stable_id("pet-", key, length=12),
            "type": kind,
            "name": name,
            "aliases": [name],
            "country": country,
            "sector": sector,
            "roles": roles,
        }
    # "عراق" beside "العراق": a lemma of a definite name, which text never writes bare
    for key in [k for k in merged if " " not in k and not k.startswith("ال") and "ال" + k in merged]:
        del merged[key]
        stats["dropped: bare lemma of a definite name"] += 1
    stats["kept"] = len(merged)
    return sorted(merged.values(), key=lambda e: e["id"]), stats


def main(argv: list[str]) -> int:
    source = (
        Path(argv[0])
        if argv
        else shared_path("data", "events", "universalpetrarch-arabic", "actor_dict_ar_v4.txt")
    )
    output = Path(argv[1]) if len(argv) > 1 else RESOURCES / "actors" / "petrarch.json"
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{source}: cannot read the actor dictionary: {exc}", file=sys.stderr)
        return 1
    try:
        corpus = saudinewsnet.day_files()
    except FileNotFoundError:
        corpus = []
    counts = word_counts(corpus) if corpus else None
    if counts is None:
        print("SaudiNewsNet not found: skipping the usage check on one-word names", file=sys.stderr)
    actors, stats = convert(lines, counts)
    with output.open("w", encoding="utf-8") as out:
        out.write("[\n")
        out.write(",\n".join(json.dumps(a, ensure_ascii=False, sort_keys=True) for a in actors))
        out.write("\n]\n")
    for what, count in stats.most_common():
        print(f"{count:6d}  {what}")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
