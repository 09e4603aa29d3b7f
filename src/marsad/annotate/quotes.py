"""Quotes: direct quotes, indirect speech and source attributions, with their speakers.

Works over the whole cleaned text (quotes and their verbs often straddle hard line breaks).
Quoted segments are found first (guillemets paired, curly and straight quotes paired in
order of appearance); then each attribution verb takes a speaker (an entity mention or a
noun phrase right after it, else the speaker carried from the previous statement) and the
quoted segments or the "إن/أن" clause that follow it. Short quoted names ("واع", "داعش")
are not quotes; "وفق «واع»" and "بحسب البيان" are attributions of their clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.normalize import normalize
from marsad.arabic.speech import (
    CURLY,
    GUILLEMETS,
    PARTICIPLES,
    SOURCE_CUES,
    SPEAKER_HEADS,
    SPEECH_COMPLEMENTS,
    STRAIGHT,
    THAT,
    TRANSMIT_VERBS,
    has_plural_subject_suffix,
    speech_verb,
)
from marsad.arabic.tokens import Token
from marsad.model import AnalyzedArticle, Mention, Quote

_MAX_QUOTE = 2000
_TERMINAL = frozenset(".!?؟")
_NP_STOP = frozenset(
    normalize(w)
    for w in (
        "في", "على", "إلى", "الى", "عن", "خلال", "أمس", "اليوم", "مساء", "صباح", "الأحد", "الاثنين",
        "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "من", "مع", "لدى", "عقب", "أثناء", "بعد",
        "قبل", "إن", "أن", "ان", "بأن", "،", ",", ".", ":", "؛", "(", ")", "-", "–", "إنه", "أنه", "ان",
        "امس", "مؤخرا", "كذلك", "أيضا", "ايضا", "بدوره", "بدورها", "له", "لها", "فيه", "فيها", "خلالها",
        "خلاله", "عليه", "عليها", "لهم",
    )
)  # fmt: skip
_NOT_SPEAKERS = frozenset(
    normalize(w)
    for w in (
        "هذه",
        "هذا",
        "ذلك",
        "تلك",
        "حينها",
        "حينه",
        "وقتها",
        "كذلك",
        "هنا",
        "هناك",
        "بعدها",
        "عندها",
        "ذلك",
    )
)
_SKIP_BEFORE_THAT = frozenset({"،", ",", "الي", "علي", "عن"}) | SPEECH_COMPLEMENTS
_OBJECT_HEADS = frozenset(
    normalize(w)
    for w in (
        "التزام", "التعاون", "أهمية", "ضرورة", "دعم", "حرص", "استعداد", "رفض", "الالتزام", "أهميه",
        "الحاجة", "استمرار", "مواصلة", "عزم", "قدرة", "وقوف", "تضامن", "نجاح", "ترحيب", "الشكر",
    )
)  # fmt: skip


@dataclass(slots=True)
class _Segment:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    open_at: int
    close_at: int
    used: bool = False

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


@dataclass(slots=True)
class _Speaker:
    text: str
    start: int
    end: int
    actor: str | None = None  # from the entity mention, once actors are resolved


def find_segments(text: str) -> list[_Segment]:
    """Quoted segments: «…» nested-safe, curly and straight quotes paired in order."""
    segments: list[_Segment] = []
    opened: dict[str, int] = {}
    for m in re.finditer(r"[«»“”„‟\"]|\n\s*\n", text):
        ch = m.group()
        pos = m.start()
        if ch.strip() == "":
            opened.clear()  # a paragraph break ends any unbalanced quote
            continue
        family = "g" if ch in GUILLEMETS else "c" if ch in CURLY else "s" if ch in STRAIGHT else None
        if family is None:
            continue
        if family == "g":
            if ch == "«":
                opened.setdefault("g", pos)
                continue
            if "g" not in opened:
                continue
        elif family == "s":
            # Straight quotes are often unbalanced: read each one's role from its neighbours.
            before = text[pos - 1] if pos > 0 else " "
            after = text[pos + 1] if pos + 1 < len(text) else " "
            opener = (before.isspace() or before in "(:،,") and not after.isspace()
            closer = not before.isspace() and (after.isspace() or after in ".،,:؛)!?؟")
            if opener and not closer:
                opened["s"] = pos  # an earlier unclosed quote is dropped
                continue
            if "s" not in opened:
                if not closer:
                    opened["s"] = pos
                continue
        elif family not in opened:
            opened[family] = pos
            continue
        start_mark = opened.pop(family)
        if pos - start_mark > _MAX_QUOTE:
            opened[family] = pos if family != "g" else start_mark
            continue
        s, e = start_mark + 1, pos
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            segments.append(_Segment(s, e, start_mark, pos))
    segments.sort(key=lambda g: g.start)
    return segments


class QuoteAnnotator:
    name = "quotes"
    requires: tuple[str, ...] = ("mentions", "actors")
    provides: tuple[str, ...] = ("quotes",)

    def annotate(self, doc: AnalyzedArticle) -> None:
        doc.quotes.extend(find_quotes(doc))


def build(profile: str = "fast") -> QuoteAnnotator:
    return QuoteAnnotator()


def _is_mark(tok: Token) -> bool:
    return tok.text in '«»“”„‟"'


def find_quotes(doc: AnalyzedArticle) -> list[Quote]:
    text = doc.text
    segments = find_segments(text)
    layer = doc.document
    tokens = layer.tokens
    norms = [f.norm for f in layer.forms]  # a copy: paragraph starts get a marker below
    inside = _inside_map(tokens, segments)
    _mark_paragraphs(text, tokens, norms)
    mentions = [m for m in doc.mentions if m.type in ("PER", "ORG", "GPE", "NORP")]
    quotes: list[Quote] = []
    carried: _Speaker | None = None
    i = 0
    while i < len(tokens):
        if inside[i] is not None:
            i += 1
            continue
        cue = _source_cue(norms, i)
        if cue:
            quote = _attribution(doc, tokens, norms, i, cue, segments, inside)
            if quote is not None:
                quotes.append(quote)
            i += cue
            continue
        kind = speech_verb(tokens[i].text)
        transmit = norms[i] in TRANSMIT_VERBS
        if kind is None and not transmit:
            i += 1
            continue
        verb = tokens[i]
        after = i + 1
        speaker: _Speaker | None = None
        if transmit:
            # "ونقلت صحيفة العربي الجديد عن مسؤول أمني": the speaker follows "عن"
            k = next((k for k in range(i + 1, min(i + 8, len(tokens))) if norms[k] == "عن"), None)
            if k is None:
                i += 1
                continue
            outlet = _span_speaker(text, tokens, i + 1, k)
            found = _noun_phrase(doc, tokens, norms, k + 1, inside, mentions, strict=False)
            if found is None:
                i += 1
                continue
            speaker, after = found
            if outlet is not None:
                quotes.append(
                    Quote(doc.id, speaker.start, speaker.end, speaker.text, outlet.text, kind="attribution",
                          speaker_start=outlet.start, speaker_end=outlet.end, verb=verb.text)
                )  # fmt: skip
        elif kind == "verb" and not has_plural_subject_suffix(verb.text):
            found = _noun_phrase(doc, tokens, norms, i + 1, inside, mentions, strict=True)
            if found is not None:
                speaker, after = found
            elif i > 0 and not norms[i].startswith("و"):
                speaker = _speaker_before(doc, tokens, i, segments, mentions)
        elif kind == "participle":
            # "وقدم الأعرجي الشكر ...، مؤكداً أن ...": the participle's subject is the
            # subject of the verb that opens its sentence, when that verb is not speech
            first = _sentence_start(norms, inside, i)
            for opener in range(i - 2, first - 1, -1):
                w = norms[opener].lstrip(_PARA)
                at_clause_start = opener == first or norms[opener - 1] in ("،", ",")
                if not (at_clause_start and w.startswith("و") and len(w) > 3) or inside[opener] is not None:
                    continue
                if speech_verb(tokens[opener].text) is not None:
                    break  # a speech verb opens the clause: its speaker is already carried
                found = _noun_phrase(doc, tokens, norms, opener + 1, inside, mentions, strict=True)
                if found is not None and found[0].end < verb.start:
                    speaker = found[0]
                break
        if speaker is not None:
            carried = speaker
        else:
            speaker = carried
        # a long quote right before the verb: "”...“ يقرأ بيان مشترك", "«...»، قال الوزير"
        prev = i - 1
        while prev >= 0 and norms[prev] in ("،", ","):
            prev -= 1
        if prev >= 0 and _is_mark(tokens[prev]):
            seg = next((g for g in segments if g.close_at == tokens[prev].start), None)
            if seg is not None and not seg.used and seg.words(text) > 3:
                quotes.append(_direct(doc, seg, speaker, verb))
        clause_end = _clause_end(tokens, norms, inside, after)
        quotes.extend(_contents(doc, tokens, norms, inside, segments, after, clause_end, speaker, verb))
        i = max(i + 1, after)
    quotes.sort(key=lambda q: (q.start, q.kind))
    _resolve_speakers(quotes, mentions)
    return quotes


def _resolve_speakers(quotes: list[Quote], mentions: list[Mention]) -> None:
    """A speaker found as a phrase ("النائب العراقي علي تركي الجمالي") is the actor of the
    person or body the entity annotators found inside that phrase."""
    for quote in quotes:
        if quote.speaker or quote.speaker_start is None or quote.speaker_end is None:
            continue
        inside = [
            m for m in mentions if m.actor and quote.speaker_start <= m.start and m.end <= quote.speaker_end
        ]
        people = [m for m in inside if m.type == "PER"] or inside
        if people:
            quote.speaker = people[-1].actor


_PARA = "¶"


def _mark_paragraphs(text: str, tokens: list[Token], norms: list[str]) -> None:
    """Give the first token after a blank line a boundary marker in its normalized form."""
    prev_end = 0
    for idx, tok in enumerate(tokens):
        gap = text[prev_end : tok.start]
        if "\n" in gap and re.search(r"\n\s*\n", gap):
            norms[idx] = _PARA + norms[idx]
        prev_end = tok.end


def _boundary(norms: list[str], idx: int) -> bool:
    """A sentence boundary at idx: terminal punctuation, or idx starts a paragraph."""
    return norms[idx] in _TERMINAL or norms[idx].startswith(_PARA)


def _inside_map(tokens: list[Token], segments: list[_Segment]) -> list[_Segment | None]:
    out: list[_Segment | None] = [None] * len(tokens)
    k = 0
    for idx, tok in enumerate(tokens):
        while k < len(segments) and segments[k].close_at < tok.start:
            k += 1
        for seg in segments[k : k + 3]:
            if seg.open_at <= tok.start <= seg.close_at:
                out[idx] = seg
                break
    return out


def _source_cue(norms: list[str], i: int) -> int:
    """The length of the longest source cue ("وفقا ل", "نقلا عن") starting at word i, or 0."""
    best = 0
    for phrase in _CUES_BY_FIRST_WORD.get(norms[i], ()):
        n = len(phrase)
        if tuple(norms[i : i + n]) == phrase:
            best = max(best, n)
    return best


# The cues by their first word: most words start none, and are passed over in one lookup.
_CUES_BY_FIRST_WORD: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in SOURCE_CUES:
    _CUES_BY_FIRST_WORD[_phrase[0]] = (*_CUES_BY_FIRST_WORD.get(_phrase[0], ()), _phrase)


def _span_speaker(text: str, tokens: list[Token], a: int, b: int) -> _Speaker | None:
    if b <= a:
        return None
    return _Speaker(text[tokens[a].start : tokens[b - 1].end], tokens[a].start, tokens[b - 1].end)


def _noun_phrase(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norms: list[str],
    k: int,
    inside: list[_Segment | None],
    mentions: list,
    strict: bool,
) -> tuple[_Speaker, int] | None:
    """The speaker right after a verb: a short quoted name, a mention, or a name/title phrase."""
    text = doc.text
    if k >= len(tokens):
        return None
    # «السوداني» أن ...: a short quoted name followed by the content
    if _is_mark(tokens[k]) and (seg := inside[k]) is not None:
        if seg.words(text) <= 3:
            j = k + 1
            while j < len(tokens) and tokens[j].start <= seg.close_at:
                j += 1
            if j >= len(tokens) or norms[j] in THAT or norms[j] in ("،", ",", ":", "الي", "علي"):
                seg.used = True
                return _Speaker(text[seg.start : seg.end], seg.start, seg.end), j
        return None
    for m in mentions:
        if m.start == tokens[k].start:
            j = k
            while j < len(tokens) and tokens[j].end <= m.end:
                j += 1
            return _Speaker(m.text, m.start, m.end, m.actor), j
    j = k
    while j < len(tokens) and j < k + 7:
        w = norms[j]
        if w == "علي" and tokens[j].text.endswith("ي"):
            w = "علي (name)"  # the name علي, not the preposition على (both fold to علي)
        if w in _NP_STOP or w in THAT or w in SPEECH_COMPLEMENTS or _is_mark(tokens[j]) or speech_verb(w):
            break
        if not re.match(r"[\u0621-\u064a]", tokens[j].text):
            break
        j += 1
    if j == k:
        return None
    head = norms[k]
    heads = set(proclitic_variants(head))
    looks_like_name = (
        bool(heads & SPEAKER_HEADS)
        or (not head.startswith("ال") and head not in _OBJECT_HEADS and not head.startswith(("ب", "ل")))
        or (head.startswith("ال") and head.endswith("ي") and len(head) > 5 and head not in _OBJECT_HEADS)
    )
    if strict and not looks_like_name:
        return None
    # demonstratives, adverbs and accusative (tanwin) words are not speakers: "حينها", "تنافسًا"
    if head in _NOT_SPEAKERS or "\u064b" in tokens[k].text:
        return None
    if heads & _OBJECT_HEADS:
        return None
    # a name is at most 4 words after any title words
    return _Speaker(text[tokens[k].start : tokens[j - 1].end], tokens[k].start, tokens[j - 1].end), j


def _speaker_before(
    doc: AnalyzedArticle, tokens: list[Token], i: int, segments: list[_Segment], mentions: list
) -> _Speaker | None:
    """`فإن "السوداني" قال`: a quoted name or a mention ending right before the verb."""
    prev = tokens[i - 1]
    for m in mentions:
        if m.end == prev.end:
            return _Speaker(m.text, m.start, m.end, m.actor)
    # "يشار إلى أن رئيس الوزراء العراقي محمد شياع السوداني أكد": a title phrase after أن
    norms = [normalize(t.text) for t in tokens[max(0, i - 8) : i]]
    for back in range(len(norms) - 1, -1, -1):
        if norms[back] in THAT:
            run = tokens[i - (len(norms) - back) + 1 : i]
            if 1 <= len(run) <= 7 and set(proclitic_variants(normalize(run[0].text))) & SPEAKER_HEADS:
                return _Speaker(doc.text[run[0].start : run[-1].end], run[0].start, run[-1].end)
            break
        if not re.match(r"[\u0621-\u064a]", tokens[i - (len(norms) - back)].text):
            break
    if _is_mark(prev):
        seg = next((g for g in segments if g.close_at == prev.start), None)
        if seg is not None and seg.words(doc.text) <= 3:
            seg.used = True
            return _Speaker(doc.text[seg.start : seg.end], seg.start, seg.end)
    return None


def _sentence_start(norms: list[str], inside: list[_Segment | None], i: int) -> int:
    a = i - 1
    while a >= 0:
        if norms[a].startswith(_PARA):
            return a
        if norms[a] in _TERMINAL and inside[a] is None:
            return a + 1
        a -= 1
    return 0


def _clause_end(tokens: list[Token], norms: list[str], inside: list[_Segment | None], k: int) -> int:
    """Index of the token that ends what this verb introduces: a full stop or the next verb."""
    j = k
    while j < len(tokens):
        if j > k and norms[j].startswith(_PARA):
            return j
        if inside[j] is None and (norms[j] in _TERMINAL or (j > k and (speech_verb(tokens[j].text)))):
            return j
        if inside[j] is None and (_source_cue(norms, j) or norms[j] in TRANSMIT_VERBS):
            return j
        j += 1
    return j


def _direct(doc: AnalyzedArticle, seg: _Segment, speaker: _Speaker | None, verb: Token) -> Quote:
    seg.used = True
    return Quote(
        article=doc.id,
        start=seg.start,
        end=seg.end,
        text=doc.text[seg.start : seg.end],
        speaker_text=speaker.text if speaker else None,
        speaker=speaker.actor if speaker else None,
        kind="direct",
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        verb=verb.text,
    )


def _contents(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norms: list[str],
    inside: list[_Segment | None],
    segments: list[_Segment],
    after: int,
    clause_end: int,
    speaker: _Speaker | None,
    verb: Token,
) -> list[Quote]:
    text = doc.text
    out: list[Quote] = []
    if after >= len(tokens):
        return out
    lo = tokens[after].start if after < len(tokens) else len(text)
    hi = tokens[clause_end].start if clause_end < len(tokens) else len(text)
    for seg in segments:
        if seg.used or seg.open_at < lo or seg.open_at >= hi:
            continue
        # a short quoted term is a name unless it is what was said ("أكد «رفضه»")
        before = text[max(0, seg.open_at - 12) : seg.open_at].split()
        direct_intro = (
            text[verb.end : seg.open_at].strip() == ""
            or (before and (normalize(before[-1]) in THAT or normalize(before[-1]) in SPEECH_COMPLEMENTS))
            or (before and before[-1].endswith(":"))
        )
        right_after_verb = text[verb.end : seg.open_at].strip() == ""
        if (seg.words(text) <= 2 and not direct_intro) or (seg.words(text) == 1 and not right_after_verb):
            continue
        out.append(_direct(doc, seg, speaker, verb))
    # indirect speech: "قال (X) إن ..." with no quote mark right after the particle
    k = after
    while k < clause_end and norms[k] in _SKIP_BEFORE_THAT:
        k += 1
    if k < clause_end and norms[k] not in THAT:
        # "قال X ، من كتلة ... ، الخميس ... ، إن ...": the particle after a comma, close by
        k = next(
            (j for j in range(k, min(clause_end, k + 15)) if norms[j] in THAT and inside[j] is None
             and j > 0 and norms[j - 1] in ("،", ",", ":")),
            k,
        )  # fmt: skip
    if k < clause_end and norms[k] in THAT and k + 1 < len(tokens) and not _is_mark(tokens[k + 1]):
        start = tokens[k + 1].start
        end = tokens[clause_end - 1].end if clause_end - 1 > k else tokens[k + 1].end
        out.append(
            Quote(
                article=doc.id,
                start=start,
                end=end,
                text=text[start:end],
                speaker_text=speaker.text if speaker else None,
                speaker=speaker.actor if speaker else None,
                kind="indirect",
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                verb=verb.text,
            )
        )
    return out


def _attribution(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norms: list[str],
    i: int,
    cue: int,
    segments: list[_Segment],
    inside: list[_Segment | None],
) -> Quote | None:
    """ "…، وفق «واع»": the clause before (or after) the cue is attributed to the source."""
    text = doc.text
    k = i + cue
    if k < len(tokens) and (norms[k] in TRANSMIT_VERBS or norms[k] == "ما" or speech_verb(tokens[k].text)):
        return None  # "بحسب ما نقلت وكالة ... عن ...": the verb names the speaker
    j = k
    while j < len(tokens) and j < k + 8:
        if (segment := inside[j]) is not None:
            segment.used = True if segment.words(text) <= 4 else segment.used
            if not segment.used:
                break
            j += 1
            continue
        if norms[j] in ("،", ",", ".", ":", "؛") or norms[j] in THAT or norms[j] in _TERMINAL:
            break
        if normalize(tokens[j].text) in ("ما", "نقلت", "نقل") and j == k:
            j += 1
            continue
        j += 1
    if j == k:
        return None
    src_start = tokens[k].start
    src_end = tokens[j - 1].end
    if _is_mark(tokens[j - 1]) and inside[j - 1] is not None:
        src_end = tokens[j - 1].end
    if norms[i + cue - 1] in ("وفقا", "ووفقا") and norms[k].startswith("ل") and len(norms[k]) > 2:
        src_start += 1  # "وفقًا لذات المصدر": the preposition is not part of the source
    source = text[src_start:src_end].strip(' "«»“”')
    # the attributed clause: back to the previous full stop
    a = i - 1
    while a >= 0 and not (norms[a] in _TERMINAL and inside[a] is None):
        if norms[a].startswith(_PARA):
            a -= 1
            break
        a -= 1
    a += 1
    if a >= i:
        # the cue opens the sentence: what follows the source is attributed
        b = j
        while b < len(tokens) and not (_boundary(norms, b) and inside[b] is None):
            b += 1
        if b <= j:
            return None
        start, end = tokens[j].start, tokens[b - 1].end
    else:
        start, end = tokens[a].start, tokens[i - 1].end
    return Quote(
        article=doc.id,
        start=start,
        end=end,
        text=text[start:end],
        speaker_text=source,
        kind="attribution",
        speaker_start=src_start,
        speaker_end=src_end,
        verb=" ".join(t.text for t in tokens[i:k]),
    )


__all__ = ["PARTICIPLES", "QuoteAnnotator", "build", "find_quotes", "find_segments"]
