"""Event mentions: PLOVER events found in each sentence, with their modal flags.

Triggers come from the curated lexicon ``marsad.arabic.event_verbs`` (verbs, imperfective
stems and verbal nouns, with clitics). Around each trigger, within its clause, we read:

- sources/targets from entity mentions (``doc.mentions``): a mention after مع/ضد/على/إلى/
  ل is a target; otherwise the nearest mention before the trigger is the source, or, in
  verb-first clauses, the first one after it (the next one after that is the target);
- location: a GPE/LOC mention right after في or the attached preposition ب;
- date: the nearest resolved time expression in the sentence; else the article's published
  date: ``day`` precision when the sentence says اليوم/أمس (yesterday → the day before),
  otherwise ``month`` (news reports events of the days before publication, so the month
  is what we can honestly claim; a weekday name alone does not pin the week);
- flags: negated (لم/لن/لا/عدم just before), future (س-prefixed verb, تعتزم, من المقرر,
  المقبل...), hypothetical (``marsad.arabic.modality``: إذا/لو/في حال, قد before an
  imperfective verb), reported (after a speech or attribution verb
  in the sentence, or inside a quote).

A sentence-level detector trained on the Arabic event GSR (``training/events/train_gsr.py``)
confirms or vetoes PROTEST and ASSAULT triggers (``score`` holds its probability), and adds
a sentence-level event (trigger span = the sentence) when it is confident and the lexicon
found none. Its thresholds are tuned on the GSR dev split keeping ≥85% of the lexicon's
recall: the annotator stays recall-oriented, downstream code may filter on ``score``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.annotate.event_detector import SentenceDetector, load_detector
from marsad.arabic import event_verbs, modality, time_words
from marsad.arabic.normalize import normalize
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import Token, tokenize
from marsad.model import AnalyzedArticle, EventMention, Mention, Sentence, TimeExpr

ACTOR_TYPES = frozenset({"PER", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
_TARGET_PREPS = frozenset(normalize(w) for w in ("مع", "ضد", "على", "إلى", "الى", "بحق", "لدى", "نحو"))
_CLAUSE_PUNCT = frozenset('،,;؛:.!?؟()"«»“”')
_SAME_DAY = frozenset(normalize(w) for w in ("اليوم", "الليلة", "صباح اليوم", "مساء اليوم"))
_YESTERDAY = frozenset(normalize(w) for w in ("أمس", "البارحة"))
# How many tokens before a trigger a modal word may stand.
_NEG_WINDOW = 2
_MODAL_WINDOW = 5
DETECTED_TYPES = ("PROTEST", "ASSAULT")


@dataclass(slots=True)
class _Hit:
    first: int  # token indexes (inclusive first, exclusive last)
    last: int
    type: str
    mode: str | None


def find_triggers(tokens: list[Token]) -> list[_Hit]:
    """Lexicon triggers in a token list: multi-word phrases first, then single words."""
    norm = [normalize(t.text) for t in tokens]
    phrases = event_verbs.phrases()
    longest = max((len(p) for p in phrases), default=1)
    hits: list[_Hit] = []
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(longest, 1, -1):
            key = tuple(event_verbs.bare(w) for w in norm[i : i + n])
            if len(key) == n and key in phrases:
                etype, mode = phrases[key]
                hit = _Hit(i, i + n, etype, mode)
                break
        if hit is None and not time_words.is_time_word(norm, i):
            trig = event_verbs.match_word(tokens[i].text) if tokens[i].text[:1].isalpha() else None
            if trig is not None:
                hit = _Hit(i, i + 1, trig.type, trig.mode)
        if hit is not None:
            hits.append(hit)
            i = hit.last
        else:
            i += 1
    return [h for h in hits if h.type]


class EventAnnotator:
    name = "events"

    def __init__(self, detector: SentenceDetector | None) -> None:
        self.detector = detector

    def annotate(self, doc: AnalyzedArticle) -> None:
        sentences = doc.sentences or split_sentences(doc.text)
        for sentence in sentences:
            doc.event_mentions.extend(self.sentence_events(doc, sentence))

    def sentence_events(self, doc: AnalyzedArticle, sentence: Sentence) -> list[EventMention]:
        text = doc.text
        tokens = tokenize(text, sentence.start, sentence.end)
        if not tokens:
            return []
        mentions = sorted(
            (m for m in doc.mentions if m.start >= sentence.start and m.end <= sentence.end),
            key=lambda m: m.start,
        )
        norm = [normalize(t.text) for t in tokens]
        hits = [h for h in find_triggers(tokens) if not _inside_mention(tokens[h.first], mentions)]
        hits = _merge_adjacent(hits)
        probability = None
        if self.detector is not None:
            probability = self.detector.probability(text[sentence.start : sentence.end])
        out: list[EventMention] = []
        for hit in hits:
            score = None
            if probability is not None and hit.type in DETECTED_TYPES:
                score = probability[hit.type]
                # a killing or a launched strike ("تشن هجمات") is never vetoed
                plain = any(event_verbs.is_lethal(t.text) for t in tokens[hit.first : hit.last]) or (
                    hit.type == "ASSAULT" and event_verbs.is_launched_attack(norm, hit.first)
                )
                if score < self.detector.veto_below[hit.type] and not plain:  # type: ignore[union-attr]
                    continue
            out.append(self._mention(doc, sentence, tokens, norm, mentions, hit, score))
        if probability is not None:
            # the detector is confident where the lexicon found nothing: a sentence-level
            # event whose evidence span is the whole sentence
            for etype in DETECTED_TYPES:
                if probability[etype] >= self.detector.add_above[etype] and not any(
                    h.type == etype for h in hits
                ):
                    whole = _Hit(0, len(tokens), etype, None)
                    out.append(
                        self._mention(doc, sentence, tokens, norm, mentions, whole, probability[etype])
                    )
        return out

    def _mention(
        self,
        doc: AnalyzedArticle,
        sentence: Sentence,
        tokens: list[Token],
        norm: list[str],
        mentions: list[Mention],
        hit: _Hit,
        score: float | None,
    ) -> EventMention:
        start, end = tokens[hit.first].start, tokens[hit.last - 1].end
        clause_start, clause_end = _clause(tokens, hit)
        location = _location(doc.text, mentions, start, sentence)
        sources, targets = _participants(doc.text, tokens, mentions, hit, clause_start, clause_end, location)
        date, precision, date_end = _date(doc, sentence, norm, start)
        before = norm[max(0, hit.first - _MODAL_WINDOW) : hit.first]
        trigger_word = tokens[hit.first].text
        return EventMention(
            article=doc.id,
            start=start,
            end=end,
            text=doc.text[start:end],
            type=hit.type,
            mode=hit.mode,
            sources=[m.actor or m.text for m in sources],
            targets=[m.actor or m.text for m in targets],
            source_texts=[m.text for m in sources],
            target_texts=[m.text for m in targets],
            location=(location.actor or location.text) if location else None,
            location_text=location.text if location else None,
            date=date,
            date_precision=precision,
            date_end=date_end,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            negated=event_verbs.has_word(
                norm[max(0, hit.first - _NEG_WINDOW) : hit.first], event_verbs.NEGATORS
            ),
            future=event_verbs.is_future_prefixed(trigger_word)
            or event_verbs.has_word(before, event_verbs.FUTURE_WORDS)
            or _future_after(norm, hit),
            hypothetical=modality.is_hypothetical(before, norm[hit.first]),
            reported=event_verbs.has_word(norm[: hit.first], event_verbs.REPORTING_WORDS)
            or any(q.start <= start and end <= q.end for q in doc.quotes),
            score=score,
        )


def _inside_mention(token: Token, mentions: list[Mention]) -> bool:
    # "حوار التعاون" can be part of an organisation's name; names are not events.
    return any(m.start <= token.start and token.end <= m.end and m.type in ACTOR_TYPES for m in mentions)


def _merge_adjacent(hits: list[_Hit]) -> list[_Hit]:
    """One event for "عقد اجتماعا ولقاء" style repeats: same type within two tokens."""
    out: list[_Hit] = []
    for hit in hits:
        if out and out[-1].type == hit.type and hit.first - out[-1].last <= 1:
            continue
        out.append(hit)
    return out


def _clause(tokens: list[Token], hit: _Hit) -> tuple[int, int]:
    """Character bounds of the clause holding the trigger (punctuation-delimited)."""
    i = hit.first - 1
    while i >= 0 and tokens[i].text not in _CLAUSE_PUNCT:
        i -= 1
    j = hit.last
    while j < len(tokens) and tokens[j].text not in _CLAUSE_PUNCT:
        j += 1
    start = tokens[i + 1].start if i + 1 < len(tokens) else tokens[hit.first].start
    end = tokens[j - 1].end if j > 0 else tokens[hit.last - 1].end
    return start, end


def _word_before(text: str, offset: int, floor: int) -> str:
    """The normalized word ending just before offset (skipping spaces), within floor.."""
    i = offset
    while i > floor and text[i - 1].isspace():
        i -= 1
    j = i
    while j > floor and not text[j - 1].isspace() and text[j - 1] not in _CLAUSE_PUNCT:
        j -= 1
    return normalize(text[j:i])


def _attached_prefix(text: str, mention: Mention) -> str:
    """A proclitic glued to the mention but left outside its span ("بواشنطن" → "ب")."""
    i = mention.start
    j = i
    while j > 0 and text[j - 1].isalpha() and i - j < 3:
        j -= 1
    return normalize(text[j:i])


def _location(text: str, mentions: list[Mention], trigger_start: int, sentence: Sentence) -> Mention | None:
    places = []
    for m in mentions:
        if m.type not in PLACE_TYPES:
            continue
        prefix = _attached_prefix(text, m)
        before = _word_before(text, m.start - len(prefix), sentence.start)
        if (
            prefix.endswith("ب")
            or prefix.endswith("في")
            or before in ("في", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب")
        ):
            places.append(m)
    if not places:
        return None
    return min(places, key=lambda m: abs(m.start - trigger_start))


def _participants(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    hit: _Hit,
    clause_start: int,
    clause_end: int,
    location: Mention | None,
) -> tuple[list[Mention], list[Mention]]:
    trigger_start, trigger_end = tokens[hit.first].start, tokens[hit.last - 1].end
    actors = [
        m
        for m in mentions
        if m.type in ACTOR_TYPES
        and clause_start <= m.start
        and m.end <= clause_end
        and m is not location
        and not (m.start < trigger_end and trigger_start < m.end)
    ]
    targets: list[Mention] = []
    plain_before: list[Mention] = []
    plain_after: list[Mention] = []
    for m in actors:
        prefix = _attached_prefix(text, m)
        before = _word_before(text, m.start - len(prefix), clause_start)
        if before in _TARGET_PREPS or prefix.endswith("ل") or prefix.endswith("لل"):
            targets.append(m)
        elif m.end <= trigger_start:
            plain_before.append(m)
        else:
            plain_after.append(m)
    sources: list[Mention] = []
    if plain_before:
        sources = _coordinated(text, plain_before, len(plain_before) - 1)
        if not targets and plain_after:
            targets = _coordinated(text, plain_after, 0)
    elif plain_after:
        # verb-first clause: subject, then object
        sources = _coordinated(text, plain_after, 0)
        rest = plain_after[len(sources) :]
        if not targets and rest:
            targets = _coordinated(text, rest, 0)
    return sources, targets


def _coordinated(text: str, mentions: list[Mention], index: int) -> list[Mention]:
    """The mention at index with those joined to it by و or a comma ("واشنطن وبغداد")."""
    lo = hi = index
    while lo > 0 and _joined(text, mentions[lo - 1], mentions[lo]):
        lo -= 1
    while hi + 1 < len(mentions) and _joined(text, mentions[hi], mentions[hi + 1]):
        hi += 1
    return mentions[lo : hi + 1]


def _joined(text: str, left: Mention, right: Mention) -> bool:
    between = text[left.end : right.start].strip()
    return between in ("و", "،", ",", "", "، و", ", و")


def _future_after(norm: list[str], hit: _Hit) -> bool:
    """ "الاجتماع المقبل", "زيارة مرتقبة": a future adjective right after a nominal trigger."""
    return event_verbs.has_word(norm[hit.last : hit.last + 2], event_verbs.FUTURE_WORDS)


def _date(
    doc: AnalyzedArticle, sentence: Sentence, norm: list[str], trigger_start: int
) -> tuple[str | None, str | None, str | None]:
    times: list[TimeExpr] = [
        t
        for t in doc.times
        if t.value and t.kind in ("date", "range") and sentence.start <= t.start and t.end <= sentence.end
    ]
    if times:
        best = min(times, key=lambda t: abs(t.start - trigger_start))
        return best.value, best.precision, best.end_value if best.kind == "range" else None
    published = doc.article.published
    if not published:
        return None, None, None
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None, None, None
    if any(w in _YESTERDAY for w in norm):
        return (day - dt.timedelta(days=1)).isoformat(), "day", None
    if any(w in _SAME_DAY for w in norm):
        return day.isoformat(), "day", None
    return day.isoformat()[:7], "month", None


def build(profile: str = "fast") -> EventAnnotator:
    """The events annotator; the GSR detector is used where its model file is shipped."""
    return EventAnnotator(load_detector())
