"""Machine-translation artifacts: garbled names and out-of-domain organisation names.

Reports machine-translated from English carry transliterated-and-mangled names ("إيراج"
for Iraq, "لوفد أوستن" for Lloyd Austin) and wrongly expanded acronyms ("HMC" → a hospital
group in a defence report). Each cue below is generic; a span gets one ``Flag`` of kind
``machine_translation_artifact`` whose note says which cue fired and why.

1. invented gentilic: a word unknown to the news vocabulary (SaudiNewsNet) that the
   article also uses with the Arabic nisba ending (إيراج / إيراجي): an adjective has been
   built from a name no Arabic outlet spells that way.
2. unusual spelling: an unknown word whose characters are very unlikely under the
   character language model of clean news (mean log-probability per letter below
   ``LOW_CHAR_LOGPROB``, set on dev days to well under one flag per thousand clean words).
3. common word in a name slot: between a title or nationality adjective ("وزير الدفاع
   الأمريكي") and a rare name-like word, a preposition-prefixed common noun ("ل+وفد"):
   a given name that has been translated as if it were a word.
4. out-of-domain organisation: an organisation name (an ORG mention, or a name head such
   as مؤسسة/شركة/هيئة with its words) whose domain words (الطبية → health) are foreign
   to the article, which is dominated by another domain and never otherwise speaks of it.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import pairwise

from marsad.arabic.charlm import CharLM, load
from marsad.arabic.clitics import strip_conjunction
from marsad.arabic.domains import NAME_INTRODUCERS, ORG_HEADS, TITLES, domain_of
from marsad.arabic.normalize import normalize
from marsad.arabic.tokens import Token
from marsad.model import AnalyzedArticle, Flag

KIND = "machine_translation_artifact"
LOW_CHAR_LOGPROB = -4.6
MIN_DOMAIN_WORDS = 5  # the article's dominant domain must be this clearly present
MAX_FOREIGN_DOMAIN_WORDS = 1  # ...and the organisation's domain (outside its names) this absent
COMMON_NOUN_MIN = 50
RARE_NAME_MAX = 300
_FUNCTION_WORDS = frozenset(
    normalize(w) for w in ("في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "التي", "الذي")
)


@lru_cache(maxsize=200_000)
def _is_arabic_form(text: str) -> bool:
    return len(text) > 1 and all(0x0621 <= ord(c) <= 0x0652 or c == "\u0640" for c in text)


class TranslationAnnotator:
    name = "translation"
    requires: tuple[str, ...] = ("mentions",)
    provides: tuple[str, ...] = ("translation_flags",)

    def __init__(self, lm: CharLM | None) -> None:
        self.lm = lm

    def annotate(self, doc: AnalyzedArticle) -> None:
        layer = doc.document
        pairs = [
            (t, f.norm)
            for t, f in zip(layer.tokens, layer.forms, strict=True)
            if _is_arabic_form(t.text) and len(f.norm) > 1  # not a lone letter with marks
        ]
        tokens = [t for t, _ in pairs]
        norm = [w for _, w in pairs]
        found: dict[tuple[int, int], str] = {}
        if self.lm is not None:
            self._garbled_words(tokens, norm, found)
            self._name_slots(doc, tokens, norm, found)
        self._foreign_organisations(doc, tokens, norm, found)
        for (start, end), note in sorted(found.items()):
            doc.flags.append(Flag(doc.id, start, end, KIND, note))

    def _garbled_words(self, tokens: list[Token], norm: list[str], found: dict[tuple[int, int], str]) -> None:
        lm = self.lm
        assert lm is not None
        unknown = {w for w in set(norm) if len(w) > 2 and not lm.known(w)}  # each form once
        bare_unknown = {_strip_conj(w) for w in unknown}
        for token, w in zip(tokens, norm, strict=True):
            if w not in unknown:
                continue
            bare = _strip_conj(w)
            gentilic = bare + "ي" if not bare.endswith("ي") else bare[:-1]
            if len(bare) > 3 and gentilic in bare_unknown:
                found[(token.start, token.end)] = (
                    f"unknown name with an invented gentilic: neither {bare} nor {gentilic} occurs in the "
                    "news vocabulary, yet the article derives one from the other"
                )
                continue
            score = lm.word_score(w)
            if score < LOW_CHAR_LOGPROB:
                found[(token.start, token.end)] = (
                    f"unknown word with an unusual spelling: {score:.2f} log-probability per letter under "
                    f"the news character model (threshold {LOW_CHAR_LOGPROB})"
                )

    def _name_slots(
        self, doc: AnalyzedArticle, tokens: list[Token], norm: list[str], found: dict[tuple[int, int], str]
    ) -> None:
        lm = self.lm
        assert lm is not None
        places = [m for m in doc.mentions if m.type in ("GPE", "LOC")]
        for i in range(1, len(tokens) - 1):
            w, prev, nxt = norm[i], norm[i - 1], norm[i + 1]
            # only ل: ب + noun before a name is ordinary ("بمدينة ميلانو")
            if w[0] != "ل" or w.startswith("لل") or len(w) < 4 or w[1:] in NAME_INTRODUCERS:
                continue
            title = prev in TITLES or (prev.startswith("ال") and prev.endswith("ي") and len(prev) > 4)
            if not title or not _adjacent(doc.text, tokens[i - 1], tokens[i], tokens[i + 1]):
                continue
            noun = w[1:]
            is_common_noun = lm.vocabulary.get("ال" + noun, 0) >= COMMON_NOUN_MIN
            name_like = (
                not nxt.startswith("ال")
                and nxt not in _FUNCTION_WORDS
                and len(nxt) > 2
                and lm.count(nxt) <= RARE_NAME_MAX
            )
            in_place = any(m.start <= tokens[i].start < m.end for m in places)
            if is_common_noun and name_like and not in_place:
                found[(tokens[i].start, tokens[i].end)] = (
                    f"common word in a personal-name slot: '{tokens[i].text}' (preposition + {noun}, "
                    f"a common noun) stands between the title '{tokens[i - 1].text}' "
                    f"and the name '{tokens[i + 1].text}'"
                )

    def _foreign_organisations(
        self, doc: AnalyzedArticle, tokens: list[Token], norm: list[str], found: dict[tuple[int, int], str]
    ) -> None:
        spans = _organisation_spans(doc, tokens, norm)
        if not spans:
            return
        inside = {i for first, last in spans for i in range(first, last)}
        article_domains = Counter(d for i, w in enumerate(norm) if i not in inside and (d := domain_of(w)))
        if not article_domains:
            return
        dominant, dominant_count = article_domains.most_common(1)[0]
        if dominant_count < MIN_DOMAIN_WORDS:
            return
        for first, last in spans:
            # the head itself ("جامعة", "مستشفى") is generic: the domain comes from the name's words
            name_domains = {d for w in norm[first + 1 : last] if (d := domain_of(w))}
            for domain in name_domains - {dominant}:
                if article_domains[domain] <= MAX_FOREIGN_DOMAIN_WORDS:
                    start, end = tokens[first].start, tokens[last - 1].end
                    found[(start, end)] = (
                        f"organisation from another domain: '{doc.text[start:end]}' names a {domain} body, "
                        f"but the article is about {dominant} ({dominant_count} {dominant} words, "
                        f"{article_domains[domain]} {domain} words elsewhere): "
                        "a mistranslated name or acronym?"
                    )
                    break


def _strip_conj(word: str) -> str:
    return strip_conjunction(word, longer_than=4)


def _adjacent(text: str, *tokens: Token) -> bool:
    """Tokens separated by spaces only (no punctuation between a title and a name)."""
    return all(text[a.end : b.start].isspace() for a, b in pairwise(tokens))


def _organisation_spans(doc: AnalyzedArticle, tokens: list[Token], norm: list[str]) -> list[tuple[int, int]]:
    """Token ranges of organisation names: ORG mentions, and name heads with up to 3 words."""
    spans: list[tuple[int, int]] = []
    by_start = {t.start: i for i, t in enumerate(tokens)}
    by_end = {t.end: i for i, t in enumerate(tokens)}
    for m in doc.mentions:
        if m.type == "ORG" and m.start in by_start and m.end in by_end:
            spans.append((by_start[m.start], by_end[m.end] + 1))
    for i, w in enumerate(norm):
        if _strip_conj(w) in ORG_HEADS:
            last = i + 1
            while (
                last < len(tokens) and last - i <= 3 and _adjacent(doc.text, tokens[last - 1], tokens[last])
            ):
                last += 1
                if domain_of(norm[last - 1]):
                    break
            spans.append((i, last))
    return sorted(set(spans))


def build(profile: str = "fast") -> TranslationAnnotator:
    """The translation-artifact annotator; without the shipped LM only the domain cue runs."""
    return TranslationAnnotator(load())
