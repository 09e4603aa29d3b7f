"""News agencies that Arabic outlets cite, and a finder for the agency an article cites.

Each agency has a canonical Arabic name, abbreviations and aliases. Abbreviations that are
also ordinary words or names ("واع" conscious, "بنا" with us, "سانا", "بترا" Petra) count
only in citation context: in quotes or brackets, beside a dash ("الرياض - واس"), or right
after "وكالة"/"وفق"/"بحسب"/"نقلت"/"ذكرت"/"أفادت"/"قالت"/"حسب".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.normalize import DIACRITICS, TATWEEL, fold, normalize


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # canonical Arabic name
    name_en: str
    abbreviations: tuple[str, ...] = ()  # need citation context
    aliases: tuple[str, ...] = ()  # unambiguous anywhere


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "وكالة الأنباء العراقية",
        "Iraqi News Agency",
        ("واع",),
        ("وكالة الأنباء العراقية", "وكالة الانباء العراقية الرسمية"),
    ),
    Agency("وكالة الأنباء السعودية", "Saudi Press Agency", ("واس",), ("وكالة الأنباء السعودية",)),
    Agency("رويترز", "Reuters", (), ("رويترز", "وكالة رويترز", "رويتر")),
    Agency(
        "وكالة فرانس برس",
        "Agence France-Presse",
        ("أ ف ب", "ا ف ب", "أ.ف.ب", "ا.ف.ب"),
        ("فرانس برس", "فرانس بريس", "الوكالة الفرنسية"),
    ),
    Agency(
        "أسوشيتد برس",
        "Associated Press",
        ("أ ب",),
        ("أسوشيتد برس", "أسوشييتد برس", "اسوشيتدبرس", "أسوشيتدبرس"),
    ),
    Agency("وكالة الأناضول", "Anadolu Agency", ("الأناضول",), ("وكالة الأناضول", "الأناضول للأنباء")),
    Agency("وكالة أنباء الإمارات", "Emirates News Agency", ("وام",), ("وكالة أنباء الإمارات",)),
    Agency("وكالة الأنباء القطرية", "Qatar News Agency", ("قنا",), ("وكالة الأنباء القطرية",)),
    Agency("وكالة الأنباء الكويتية", "Kuwait News Agency", ("كونا",), ("وكالة الأنباء الكويتية",)),
    Agency("وكالة أنباء البحرين", "Bahrain News Agency", ("بنا",), ("وكالة أنباء البحرين",)),
    Agency("وكالة الأنباء العمانية", "Oman News Agency", ("العمانية",), ("وكالة الأنباء العمانية",)),
    Agency("وكالة الأنباء الأردنية", "Jordan News Agency", ("بترا",), ("وكالة الأنباء الأردنية",)),
    Agency(
        "وكالة أنباء الشرق الأوسط",
        "Middle East News Agency",
        ("أ ش أ", "ا ش ا"),
        ("وكالة أنباء الشرق الأوسط",),
    ),
    Agency(
        "الوكالة العربية السورية للأنباء",
        "Syrian Arab News Agency",
        ("سانا",),
        ("الوكالة العربية السورية للأنباء",),
    ),
    Agency("الوكالة الوطنية للإعلام", "National News Agency (Lebanon)", (), ("الوكالة الوطنية للإعلام",)),
    Agency(
        "وكالة الأنباء الفلسطينية",
        "WAFA",
        ("وفا",),
        ("وكالة الأنباء الفلسطينية", "وكالة الأنباء والمعلومات الفلسطينية"),
    ),
    Agency("وكالة المغرب العربي للأنباء", "Maghreb Arab Press", ("ومع",), ("وكالة المغرب العربي للأنباء",)),
    Agency("وكالة الأنباء الجزائرية", "Algerie Presse Service", ("واج",), ("وكالة الأنباء الجزائرية",)),
    Agency(
        "وكالة تونس أفريقيا للأنباء",
        "Tunis Afrique Presse",
        ("وات",),
        ("وكالة تونس أفريقيا للأنباء", "وكالة تونس إفريقيا للأنباء"),
    ),
    Agency("وكالة الأنباء اليمنية", "Saba News Agency", ("سبأ",), ("وكالة الأنباء اليمنية",)),
    Agency("وكالة السودان للأنباء", "Sudan News Agency", ("سونا",), ("وكالة السودان للأنباء",)),
    Agency(
        "وكالة الأنباء الألمانية",
        "Deutsche Presse-Agentur",
        ("د ب أ", "د ب ا", "د.ب.أ"),
        ("وكالة الأنباء الألمانية",),
    ),
    Agency("يونايتد برس إنترناشونال", "United Press International", ("يو بي آي",), ("يونايتد برس",)),
    Agency(
        "وكالة الجمهورية الإسلامية للأنباء", "IRNA", ("إرنا", "ارنا"), ("وكالة الجمهورية الإسلامية للأنباء",)
    ),
    Agency("وكالة شينخوا", "Xinhua", (), ("شينخوا", "شينخوا الصينية")),
    Agency("وكالة سبوتنيك", "Sputnik", (), ("سبوتنيك",)),
    Agency("وكالة تاس", "TASS", ("تاس",), ("وكالة تاس",)),
    Agency("وكالة نوفوستي", "RIA Novosti", (), ("نوفوستي",)),
)

# What may stand between a citation cue and an agency abbreviation.
_CUES = r"(?:وكاله|وفق|وفقا|بحسب|حسب|نقلت|نقلا\s+عن|ذكرت|افادت|قالت|اوردت|اوضحت|لـ?)"
_PROCLITIC = r"(?:[وفبل]|ال|لل|وب|ول|فل|وال|بال|كال|ول)?"


def _alias_regex(alias: str) -> str:
    norm = normalize(alias)
    body = r"\s+".join(re.escape(part) for part in norm.split())
    if norm.startswith("ال"):  # "للأنباء", "والأناضول": the article merges into a proclitic
        body = r"(?:ال|ل)?" + body[2:] if not body.startswith(r"ال\s") else body
    return body


def _build() -> tuple[re.Pattern[str], dict[str, Agency], dict[str, bool]]:
    group_to_agency: dict[str, Agency] = {}
    group_needs_context: dict[str, bool] = {}
    parts: list[tuple[int, str]] = []
    for i, agency in enumerate(AGENCIES):
        for kind, names in (("a", agency.aliases), ("b", agency.abbreviations)):
            if not names:
                continue
            group = f"{kind}{i}"
            group_to_agency[group] = agency
            group_needs_context[group] = kind == "b"
            alternation = "|".join(sorted({_alias_regex(n) for n in names}, key=len, reverse=True))
            parts.append((max(len(n) for n in names), f"(?P<{group}>{alternation})"))
    parts.sort(key=lambda p: -p[0])  # longest names first so "وكالة رويترز" beats "رويترز"
    pattern = r"(?<![\w])" + _PROCLITIC + r"(?:" + "|".join(p for _, p in parts) + r")(?![\w])"
    return re.compile(pattern), group_to_agency, group_needs_context


_PATTERN, _GROUP_AGENCY, _NEEDS_CONTEXT = _build()
_BEFORE_CONTEXT = re.compile(r"(?:[\"'«“”(\[–—-]\s*|" + _CUES + r"\s+)$")
_AFTER_CONTEXT = re.compile(r"^\s*[\"'»”“)\]–—-]")


def _normalize_with_index(text: str) -> tuple[str, list[int] | None]:
    """``normalize_with_map`` done with C-speed string operations (None: identity map)."""
    deleted = [m.start() for m in _DELETED.finditer(text)]
    folded = fold(_DELETED.sub("", text)).lower()
    if not deleted and len(folded) == len(text):
        return folded, None
    gone = set(deleted)
    index = [i for i in range(len(text)) if i not in gone]
    if len(index) != len(folded):
        # lower() lengthened a letter ("İ"): lower-case per character, keeping one for one
        chars = [fold(text[i]) for i in index]
        folded = "".join(low if len(low := c.lower()) == 1 else c for c in chars)
    return folded, index


_DELETED = re.compile(DIACRITICS.pattern[:-1] + TATWEEL + "]")


@dataclass(frozen=True, slots=True)
class AgencyCitation:
    agency: Agency
    start: int  # span in the text that was searched
    end: int
    text: str


def find_agency_citations(text: str) -> list[AgencyCitation]:
    """Every place the text names a news agency (abbreviations only in citation context)."""
    norm, index = _normalize_with_index(text)
    found: list[AgencyCitation] = []
    for m in _PATTERN.finditer(norm):
        group = m.lastgroup
        if group is None:
            continue
        if _NEEDS_CONTEXT[group]:
            before = norm[max(0, m.start(group) - 20) : m.start(group)]
            after = norm[m.end(group) : m.end(group) + 3]
            if not (_BEFORE_CONTEXT.search(before) or _AFTER_CONTEXT.match(after)):
                continue
        if index is None:
            start, end = m.start(group), m.end(group)
        else:
            start, end = index[m.start(group)], index[m.end(group) - 1] + 1
        found.append(AgencyCitation(_GROUP_AGENCY[group], start, end, text[start:end]))
    return found


def cited_agency(text: str) -> str | None:
    """The canonical name of the agency the text cites most (the earliest on a tie)."""
    citations = find_agency_citations(text)
    if not citations:
        return None
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for c in citations:
        counts[c.agency.name] = counts.get(c.agency.name, 0) + 1
        first.setdefault(c.agency.name, c.start)
    return max(counts, key=lambda name: (counts[name], -first[name]))
