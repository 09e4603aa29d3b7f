"""News agencies that Arabic outlets cite, and a finder for the agency an article cites.

Each agency has a canonical Arabic name, abbreviations and aliases. Abbreviations that are
also ordinary words or names ("واع" conscious, "بنا" with us, "سانا", "بترا" Petra) count
only in citation context: in quotes or brackets, beside a dash ("الرياض - واس"), or right
after "وكالة"/"وفق"/"بحسب"/"نقلت"/"ذكرت"/"أفادت"/"قالت"/"حسب".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.clitics import NAME_PROCLITICS
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
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Entry:
    tokens: tuple[str, ...]
    agency: Agency
    needs_context: bool


def _build() -> dict[str, list[_Entry]]:
    """Names by their first normalized token, longest first ("وكالة رويترز" before "رويترز")."""
    by_first: dict[str, list[_Entry]] = {}
    for agency in AGENCIES:
        for needs_context, names in ((False, agency.aliases), (True, agency.abbreviations)):
            for name in names:
                tokens = tuple(_TOKEN.findall(normalize(name)))
                by_first.setdefault(tokens[0], []).append(_Entry(tokens, agency, needs_context))
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e.tokens))
    return by_first


_BY_FIRST = _build()


@lru_cache(maxsize=500_000)
def _first_token_variants(token: str) -> tuple[tuple[str, int], ...]:
    """(form, offset of the form in the token) with proclitics peeled off, known names only
    (asked for every word of every article: cached per word form)."""
    out = [(token, 0)] if token in _BY_FIRST else []
    for k in (1, 2):
        rest = token[k:]
        if len(rest) >= 2 and rest in _BY_FIRST and token[:k] in NAME_PROCLITICS:
            out.append((rest, k))
    if token.startswith("لل") and "ال" + token[2:] in _BY_FIRST:  # "للأنباء": ل + الأنباء
        out.append(("ال" + token[2:], 1))
    return tuple(out)


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
    words = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    found: list[AgencyCitation] = []
    after = 0  # a name ends before the next one can start
    # only words that are (a proclitic plus) the first word of a name can start one
    for i in [k for k, word in enumerate(words) if _first_token_variants(word[0])]:
        if i < after or (match := _match_at(norm, words, i)) is None:
            continue
        entry, s, e = match
        after = i + len(entry.tokens)
        if index is not None:
            s, e = index[s], index[e - 1] + 1
        found.append(AgencyCitation(entry.agency, s, e, text[s:e]))
    return found


def _match_at(norm: str, words: list[tuple[str, int, int]], i: int) -> tuple[_Entry, int, int] | None:
    for form, offset in _first_token_variants(words[i][0]):
        for entry in _BY_FIRST.get(form, ()):
            n = len(entry.tokens)
            if i + n > len(words) or any(words[i + k][0] != entry.tokens[k] for k in range(1, n)):
                continue
            start, end = words[i][1] + offset, words[i + n - 1][2]
            if entry.needs_context:
                before = norm[max(0, start - offset - 20) : start - offset]
                if not (_BEFORE_CONTEXT.search(before) or _AFTER_CONTEXT.match(norm[end : end + 3])):
                    continue
            return entry, start, end
    return None


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
