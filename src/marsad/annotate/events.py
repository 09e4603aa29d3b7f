"""Event mentions: PLOVER events found in each sentence, with their modal flags.

Triggers come from the curated lexicon ``marsad.arabic.event_verbs`` (verbs, imperfective
stems and verbal nouns, with clitics). Around each trigger, within its clause, we read:

- sources/targets from entity mentions (``doc.mentions``): a mention after مع/ضد/على/إلى/
  ل is a target; otherwise the nearest mention before the trigger is the source, or, in
  verb-first clauses, the first one after it (the next one after that is the target);
- location: a GPE/LOC mention right after في or the attached preposition ب;
- date: the nearest resolved time expression in the sentence; else the day of the nearest
  dated sentence in the same paragraph (a day-precise date within 45 days before
  publication); else the article's published date (the dateline's when the text has one):
  ``day`` precision when the sentence says اليوم/أمس (yesterday → the day before),
  otherwise ``month`` (news reports events of the days before publication, so the month
  is what we can honestly claim). An event recalled rather than reported ("بتهمة اغتيال
  X", "ذكرى مقتل X") takes only a date written after it;
- flags: negated (لم/لن/لا/عدم just before), future (س-prefixed verb, تعتزم, من المقرر,
  المقبل...), hypothetical (``marsad.arabic.modality``: إذا/لو/في حال, قد before an
  imperfective verb), reported (after a speech or attribution verb
  in the sentence, or inside a quote).

A sentence-level detector trained on the Arabic event GSR (``training/events/train_gsr.py``)
confirms or vetoes PROTEST and ASSAULT triggers (``score`` holds its probability), and adds
a sentence-level event (trigger span = the sentence) when it is confident and the lexicon
found none. Its thresholds are chosen by F1 on cross-validated GSR probabilities. The GSR
counts a sentence only when a fresh attack or protest is its news, so the detector doubts
plain strike reports in other news; those it may not veto (``never_vetoed``): finite
killing verbs, launched and suffered strikes, and strikes named with their cause role, doer
or toll ("جراء قصف", "على يد مستوطنين", "أسفر عن مقتل").
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.annotate import role_ranker
from marsad.annotate.event_detector import SentenceDetector, load_detector
from marsad.annotate.role_ranker import Candidate, RoleRanker
from marsad.arabic import descriptors, event_verbs, modality, roles, time_words
from marsad.arabic.clitics import strip_conjunction
from marsad.arabic.cues import LOC_CUES
from marsad.arabic.nationalities import nisba_country
from marsad.arabic.normalize import normalize
from marsad.arabic.numbers import is_number_word, parse_digits
from marsad.arabic.tokens import Token, tokenize
from marsad.document import word_form
from marsad.model import (
    AnalyzedArticle,
    EntityType,
    EventMention,
    EventMode,
    Mention,
    Precision,
    Sentence,
    TimeExpr,
)

ACTOR_TYPES = frozenset({"PER", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
_TARGET_PREPS = frozenset(normalize(w) for w in ("مع", "ضد", "على", "إلى", "الى", "بحق", "لدى", "نحو"))
# Quotation marks are not clause boundaries: outlets quote names ("استقبل "الأعرجي" وفدا").
_CLAUSE_PUNCT = frozenset("،,;؛:.!?؟()")
_QUOTE_MARKS = frozenset("\"«»“”'")
_SAME_DAY = frozenset(normalize(w) for w in ("اليوم", "الليلة", "صباح اليوم", "مساء اليوم"))
_YESTERDAY = frozenset(normalize(w) for w in ("أمس", "البارحة"))
# How many tokens before a trigger a modal word may stand.
_NEG_WINDOW = 2
_MODAL_WINDOW = 5
DETECTED_TYPES = ("PROTEST", "ASSAULT")
# How many tokens either side of a trigger its clause, roles and place are read from: more
# than any punctuated sentence needs (SaudiNewsNet's longest of 13k sentences has 260
# tokens), so it changes nothing there; it keeps the work per trigger bounded on an
# unpunctuated page, where one "sentence" is the whole text.
_REACH = 400


@dataclass(slots=True)
class _Hit:
    first: int  # token indexes (inclusive first, exclusive last)
    last: int
    type: str
    mode: str | None
    lemma: str = ""  # the lexicon entry matched (bare words for a phrase)


def find_triggers(tokens: list[Token]) -> list[_Hit]:
    """Lexicon triggers in a token list: multi-word phrases first, then single words."""
    forms = [word_form(t.text) for t in tokens]
    norm = [f.norm for f in forms]
    bares = [f.bare for f in forms]
    phrases = event_verbs.phrases()
    longest, first_words = _phrase_shape()
    hits: list[_Hit] = []
    i = 0
    while i < len(tokens):
        hit = None
        if bares[i] in first_words:
            for n in range(longest, 1, -1):
                key = tuple(bares[i : i + n])
                if len(key) == n and key in phrases:
                    etype, mode = phrases[key]
                    hit = _Hit(i, i + n, etype, mode, " ".join(key))
                    break
        if hit is None and tokens[i].text[:1].isalpha():
            # the lexicon first (one cached lookup per form), the time-of-day check only on a hit
            trig = event_verbs.match_word(tokens[i].text)
            # "فرقت الشرطة المتظاهرين": protesters are an event only as a counted crowd
            if (
                trig is not None
                and not time_words.is_time_word(norm, i)
                and (not event_verbs.is_protester(trig) or event_verbs.is_counted_crowd(norm, i))
                and not event_verbs.is_students(tokens[i].text, norm, i, trig)
                and not event_verbs.is_search(norm, i, trig)
            ):
                hit = _Hit(i, i + 1, trig.type, trig.mode, trig.lemma)
        if hit is not None:
            hits.append(hit)
            i = hit.last
        else:
            i += 1
    hits = [h for h in hits if h.type]
    hits = [h for h in hits if not _motive_of_another(tokens, hits, h)]
    if event_verbs.accident_casualties(norm, [h.lemma for h in hits if h.type == "ASSAULT"]):
        hits = [h for h in hits if h.type != "ASSAULT"]  # "مصرع طيار في تحطم مروحية"
    return hits


# How far before "احتجاجا" the act it motivates may stand, and what ends its sentence part
# (a comma does not: "تظاهر عشرات الصحفيين أمس، احتجاجا على ...").
_MOTIVE_REACH = 12
_PART_PUNCT = frozenset(".;؛:!?؟()")


def _motive_of_another(tokens: list[Token], hits: list[_Hit], hit: _Hit) -> bool:
    """ "احتجاجا" after a protest trigger of its sentence part is that protest's motive, not a
    second protest ("تظاهر عشرات الصحفيين أمس، احتجاجا على ..."). After another act it is
    left a protest: self-immolation in protest is one ("أحرق نفسه احتجاجا على الظلم")."""
    if hit.last - hit.first != 1 or not event_verbs.is_motive(tokens[hit.first].text):
        return False
    return any(
        other.type == "PROTEST"
        and other.last <= hit.first
        and hit.first - other.last <= _MOTIVE_REACH
        and not event_verbs.is_motive(tokens[other.first].text)
        and not any(t.text in _PART_PUNCT for t in tokens[other.last : hit.first])
        for other in hits
    )


@cache
def _phrase_shape() -> tuple[int, frozenset[str]]:
    """The longest multi-word trigger and the words phrases start with (to skip the rest)."""
    phrases = event_verbs.phrases()
    return max((len(p) for p in phrases), default=1), frozenset(p[0] for p in phrases)


def _speakers_of_first_person(doc: AnalyzedArticle) -> None:
    """ "وأضاف: «طلبنا لا يزال معلقا»", "قال X: «نلتقي غدا»": an event said in the first
    person inside a quote has the quote's speaker for its doer."""
    for m in doc.event_mentions:
        if m.sources or m.source_texts or not _first_person(m.text):
            continue
        quote = next((q for q in doc.quotes if q.start <= m.start < q.end and q.speaker_text), None)
        if quote is not None and quote.speaker_text:
            m.sources = [quote.speaker or quote.speaker_text]
            m.source_texts = [quote.speaker_text]


def _first_person(text: str) -> bool:
    """ "طلبنا", "التقينا", "مساعداتنا", "نلتقي", "ندعو": a one-word trigger with the
    first-person plural (a suffix نا, or the imperfective prefix ن of a verb trigger)."""
    word = strip_conjunction(normalize(text))
    if " " in word or len(word) < 4:
        return False
    if word.endswith("نا"):
        return True
    return word.startswith("ن") and event_verbs.match_word("ي" + word[1:]) is not None


def _carry_subjects(doc: AnalyzedArticle) -> None:
    """Arabic drops a subject that the paragraph already named: "استقبل الوزير X أمس ... وبحث
    معه ..." — a finite verb with no participant at all takes the doer of the event before
    it in the same paragraph (and sentence-initial position or و/ف before it)."""
    previous: EventMention | None = None
    for m in doc.event_mentions:
        if previous is not None and doc.text.rfind("\n", previous.start, m.start) >= 0:
            previous = None  # a new paragraph
        bare = not m.sources and not (m.negated or m.hypothetical)
        if bare and _finite_verb(m.text) and previous is not None and previous.sources:
            m.sources = list(previous.sources)
            m.source_texts = list(previous.source_texts)
            if m.type in _MUTUAL_TYPES and previous.type in _MUTUAL_TYPES and not m.targets:
                # "استقبل X Y ... وبحث معه": talks after a meeting are with the same party
                m.targets, m.target_texts = list(previous.targets), list(previous.target_texts)
        if m.sources:
            previous = m


def _share_doers_of_same_victims(doc: AnalyzedArticle) -> None:
    """Two attack mentions of one sentence with the same victims are one attack: "اغتيال X
    وكذلك Y، اللذين قُتلا بطائرة مسيرة أميركية" — the one without a doer takes the other's."""
    by_sentence: dict[int, list[EventMention]] = {}
    for m in doc.event_mentions:
        if m.type == "ASSAULT":
            by_sentence.setdefault(m.sentence_start, []).append(m)
    for mentions in by_sentence.values():
        for m in mentions:
            if m.sources or not m.targets or m.negated or m.hypothetical:
                continue
            victims = set(m.targets)
            donor = next((o for o in mentions if o.sources and victims & set(o.targets)), None)
            if donor is not None:
                m.sources, m.source_texts = list(donor.sources), list(donor.source_texts)


def _resolve_both_parties(doc: AnalyzedArticle) -> None:
    """ "بحث الجانبان العلاقات": a dual descriptor in place of the parties stands for the
    two parties of the article's last event that named both."""
    last: EventMention | None = None
    for m in doc.event_mentions:
        if m.source_texts and all(descriptors.both_parties(t) for t in m.source_texts):
            # the object after "بحث الجانبان" is a topic ("العلاقات"), not a party
            if last is not None:
                m.sources, m.source_texts = list(last.sources), list(last.source_texts)
                m.targets, m.target_texts = list(last.targets), list(last.target_texts)
            continue
        if m.sources and m.targets:
            last = m


def _resolve_definite_references(doc: AnalyzedArticle) -> None:
    """A definite event noun without parties ("الحوار ساهم في ...", "خلال الاجتماع") refers
    back to the article's last event of that type that named its parties: it takes them."""
    last: dict[str, EventMention] = {}
    # a meeting named by reference in a sentence ("وجرى خلال اللقاء استعراض ... إضافة إلى بحث
    # القضايا"): the talks of that sentence are the meeting's, between the same parties
    meeting_of_sentence: dict[int, EventMention] = {}
    for m in doc.event_mentions:
        if not (m.sources or m.targets or m.source_texts or m.target_texts):
            if m.negated or m.hypothetical:
                continue
            earlier = last.get(m.type) if _definite_noun(m.text) else None
            if earlier is None and m.type in _MUTUAL_TYPES:
                earlier = meeting_of_sentence.get(m.sentence_start)
            if earlier is not None:
                m.sources, m.source_texts = list(earlier.sources), list(earlier.source_texts)
                m.targets, m.target_texts = list(earlier.targets), list(earlier.target_texts)
                if m.type in _MUTUAL_TYPES:
                    meeting_of_sentence.setdefault(m.sentence_start, m)
            continue
        last[m.type] = m


def _definite_noun(text: str) -> bool:
    """ "الحوار", "والاجتماع", "بالهجوم", "للاتفاق": an event noun with the article."""
    word = normalize(text).split()[0] if text.strip() else ""
    return word.startswith(("ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وبال"))


def _finite_verb(text: str) -> bool:
    """A one-word trigger that reads as a verb: no article, no preposition, no nominal ending
    ("وبحث", "يلتقي", not "الزيارة", "زيارته", "لقاء", "مباحثات")."""
    word = normalize(text)
    if " " in word:
        return False
    word = strip_conjunction(word)
    # derived verbal nouns with a long a before the last letter: "اغتيال", "اعتقال",
    # "استقبال", "اجتماع", "انفجار" (افتعال, استفعال, انفعال)
    masdar = len(word) >= 5 and word[0] == "ا" and word[-2] == "ا"
    return not masdar and not word.startswith(("ال", "ل", "م")) and not word.endswith(("ه", "ات", "ين", "اء"))


def never_vetoed(tokens: list[Token], norm: list[str], hit: _Hit) -> bool:
    """A killing ("قُتلا", "استشهد"), a launched or suffered strike ("تشن هجمات", "شن أمس
    أربع غارات", "تعرض لهجوم") or one reported with its cause role, doer or toll
    (``event_verbs.is_reported_strike``): plain reports the sentence detector may doubt but
    the lexicon is sure of."""
    if _recalled(norm, hit) or _dated_to_a_year(norm, hit):
        return False  # a past attack recalled: the detector decides whether it is the news
    if event_verbs.is_execution(hit.lemma) or any(
        event_verbs.is_lethal(t.text) for t in tokens[hit.first : hit.last]
    ):
        return True
    return hit.type == "ASSAULT" and (
        event_verbs.is_launched_attack(norm, hit.first)
        or event_verbs.is_suffered_attack(norm, hit.first)
        or event_verbs.is_reported_strike(norm, hit.first, hit.last)
    )


def _dated_to_a_year(norm: list[str], hit: _Hit) -> bool:
    """A year written within eight words after the trigger ("تفجير السفارة في بيروت في 18
    أبريل 1983", "قتل 76 صحافيا منذ الغزو عام 2003"): a dated past event, not a fresh one."""
    return any(len(w) == 4 and w.isdigit() and w[:2] in ("19", "20") for w in norm[hit.last : hit.last + 8])


def _named_victim(tokens: list[Token], norm: list[str], named: list[Mention], hit: _Hit) -> bool:
    """ "اغتيال قاسم سليماني", "مقتل X": a killing of a named person is a specific event,
    not killing in general. Needs entity mentions, so ``marsad eval events`` (GSR sentences
    without entity annotation) cannot see this exception."""
    if hit.type != "ASSAULT" or event_verbs.bare(norm[hit.first]) not in roles.PATIENT_NOUNS:
        return False
    # the victim may follow a title: "اغتيال القائد السابق لفيلق القدس الإيراني قاسم سليماني"
    end = hit.last
    while end < len(tokens) and end < hit.last + 8 and tokens[end].text not in _CLAUSE_PUNCT:
        end += 1
    span_start, span_end = tokens[hit.last - 1].end, tokens[end - 1].end
    return any(m.type == "PER" and span_start <= m.start < span_end for m in named)


def lexicon_evidence(text: str, etype: str) -> tuple[bool, bool]:
    """(the lexicon finds a trigger of this type, one of them is never vetoed) in a text:
    what the trainer and ``marsad eval events`` combine with the detector's probability,
    exactly as the annotator does."""
    tokens = tokenize(text)
    norm = [word_form(t.text).norm for t in tokens]
    hits = [h for h in find_triggers(tokens) if h.type == etype]
    return bool(hits), any(never_vetoed(tokens, norm, h) for h in hits)


def combine(
    lexicon: bool, sure: bool, probability: float, veto_below: float, add_above: float, sure_above: float
) -> bool:
    """The annotator's sentence decision for one type: a lexicon trigger the detector does
    not veto (or one the lexicon is sure of, unless the detector all but rules it out), or
    the detector alone when it is confident."""
    kept = probability >= veto_below or (sure and probability >= sure_above)
    return (lexicon and kept) or probability >= add_above


class EventAnnotator:
    name = "events"
    requires: tuple[str, ...] = ("mentions", "actors", "times")
    provides: tuple[str, ...] = ("event_mentions",)

    def __init__(self, detector: SentenceDetector | None, ranker: RoleRanker | None = None) -> None:
        self.detector = detector
        self.ranker = ranker

    def annotate(self, doc: AnalyzedArticle) -> None:
        sentences = doc.document.sentences
        for sentence in sentences:
            doc.event_mentions.extend(self.sentence_events(doc, sentence))
        _speakers_of_first_person(doc)
        _carry_subjects(doc)
        _share_doers_of_same_victims(doc)
        _resolve_both_parties(doc)
        _resolve_definite_references(doc)

    def sentence_events(self, doc: AnalyzedArticle, sentence: Sentence) -> list[EventMention]:
        text = doc.text
        layer = doc.document
        tokens = layer.tokens_in(sentence.start, sentence.end)
        if not tokens:
            return []
        named = [m for m in doc.mentions if m.start >= sentence.start and m.end <= sentence.end]
        named = [_body_of_place(doc, tokens, m) for m in named]
        mentions = sorted([*named, *_group_mentions(doc, tokens, named)], key=lambda m: m.start)
        norm = [word_form(t.text).norm for t in tokens]
        found = find_triggers(tokens)
        # an unnamed party may itself be a trigger ("المتظاهرين"): only names block one
        hits = [h for h in found if not _inside_mention(tokens[h.first], named)]
        hits = _merge_adjacent(hits)
        probability = None
        if self.detector is not None:
            probability = self.detector.probability(
                text[sentence.start : sentence.end], lexicon=[h.type for h in found]
            )
        reporting = _first_reporting_word(norm)
        out: list[EventMention] = []
        for hit in hits:
            score = None
            if probability is not None and self.detector is not None and hit.type in DETECTED_TYPES:
                score = probability[hit.type]
                if score < self.detector.veto_below[hit.type] and not (
                    score >= self.detector.sure_above[hit.type]
                    and (never_vetoed(tokens, norm, hit) or _named_victim(tokens, norm, named, hit))
                ):
                    continue
            near = _near(mentions, tokens, hit)
            out.append(self._mention(doc, sentence, tokens, norm, near, hit, score, reporting))
        if probability is not None and self.detector is not None:
            # the detector is confident where the lexicon found nothing: a sentence-level
            # event whose evidence span is the whole sentence
            for etype in DETECTED_TYPES:
                if probability[etype] >= self.detector.add_above[etype] and not any(
                    h.type == etype for h in hits
                ):
                    whole = _Hit(0, len(tokens), etype, None)
                    out.append(
                        self._mention(
                            doc, sentence, tokens, norm, mentions, whole, probability[etype], reporting
                        )
                    )
        return out

    def _ranked(
        self,
        doc: AnalyzedArticle,
        tokens: list[Token],
        norm: list[str],
        mentions: list[Mention],
        hit: _Hit,
        sources: list[Mention],
        targets: list[Mention],
    ) -> tuple[list[Mention], list[Mention]]:
        """The learned ranker's choice among the sentence's parties and the rules' (the rules'
        own choice where no ranker is shipped)."""
        if self.ranker is None and not role_ranker.recording_active():
            return sources, targets
        candidates = _role_candidates(doc, tokens, norm, mentions, hit, sources, targets)
        trigger = (tokens[hit.first].start, tokens[hit.last - 1].end)
        role_ranker.record(doc.id, trigger, candidates)
        if self.ranker is None or not candidates:
            return sources, targets
        return self.ranker.choose(candidates)

    def _mention(
        self,
        doc: AnalyzedArticle,
        sentence: Sentence,
        tokens: list[Token],
        norm: list[str],
        mentions: list[Mention],
        hit: _Hit,
        score: float | None,
        reporting: int,
    ) -> EventMention:
        start, end = tokens[hit.first].start, tokens[hit.last - 1].end
        clause_start, clause_end = _clause(tokens, hit)
        location = _location(doc.text, mentions, start, sentence)
        sources, targets = _participants(doc.text, tokens, mentions, hit, clause_start, clause_end, location)
        sources, targets = _unnamed_subject(doc, tokens, norm, mentions, hit, sources, targets)
        sources, targets = _unnamed_subject_before(doc, tokens, norm, mentions, hit, sources, targets)
        sources, targets = _constructions(doc, tokens, norm, mentions, hit, location, sources, targets)
        if not sources:
            subject, obj = _phrase_participants(doc, tokens, norm, hit)
            sources, targets = subject, targets or obj
        if not sources and not targets:
            sources, targets = _nisba_parties(doc, tokens, norm, hit)
        sources, targets = _possessor(doc, tokens, norm, mentions, hit, sources, targets)
        if not sources:
            sources = _coordinated_verb_subject(doc, tokens, mentions, hit)
        if not sources:
            sources = _light_verb_subject(doc, tokens, norm, mentions, hit)
        if not sources and not targets and hit.type in _MUTUAL_TYPES:
            sources, targets = _between_parties(doc, tokens, norm, mentions, hit)
        if not sources and not targets:
            sources, targets = _title_parties(doc, tokens, norm, mentions, hit)
        sources, targets = self._ranked(doc, tokens, norm, mentions, hit, sources, targets)
        date, precision, date_end = _date(doc, sentence, norm, start, recalled=_recalled(norm, hit))
        before = norm[max(0, hit.first - _MODAL_WINDOW) : hit.first]
        trigger_word = tokens[hit.first].text
        return EventMention(
            article=doc.id,
            start=start,
            end=end,
            text=doc.text[start:end],
            type=hit.type,
            mode=EventMode(hit.mode) if hit.mode else None,
            sources=[m.actor or m.text for m in sources],
            targets=[m.actor or m.text for m in targets],
            source_texts=[m.text for m in sources],
            target_texts=[m.text for m in targets],
            location=(location.actor or location.text) if location else None,
            location_text=location.text if location else None,
            date=date,
            date_precision=Precision(precision) if precision else None,
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
            reported=reporting < hit.first or any(q.start <= start and end <= q.end for q in doc.quotes),
            score=score,
        )


def _role_candidates(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norm: list[str],
    mentions: list[Mention],
    hit: _Hit,
    sources: list[Mention],
    targets: list[Mention],
) -> list[Candidate]:
    """Every party of the sentence outside the trigger, and every party the rules chose, in
    text order, with the features the ranker reads and the rules' role for each."""
    start, end = tokens[hit.first].start, tokens[hit.last - 1].end
    pool = [m for m in mentions if not (m.start < end and start < m.end)]
    pool += [m for m in [*sources, *targets] if m not in pool]
    pool.sort(key=lambda m: m.start)
    before = [m for m in pool if m.end <= start]
    after = [m for m in pool if m.start >= end]
    trigger = role_ranker.trigger_features(tokens, norm, hit.first, hit.last, hit.type)
    out = []
    for m in pool:
        rank_before = len(before) - 1 - before.index(m) if m in before else None
        rank_after = after.index(m) if m in after else None
        features = role_ranker.candidate_features(
            doc.text, tokens, norm, hit.first, hit.last, trigger, m, rank_before, rank_after
        )
        if m.end <= tokens[0].start or m.start >= tokens[-1].end:
            features.append("outside_sentence")
        rule = "source" if m in sources else "target" if m in targets else ""
        out.append(Candidate(m, features, rule))
    return out


def _group_mentions(doc: AnalyzedArticle, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Unnamed parties as participants ("مسلحون متشددون", "جنود", "الطائرات الحربية التركية"),
    outside every named mention; with a nationality adjective within two words, the country's
    descriptor actor of that sector ("tur-mil") when the dictionary has it. Used for roles
    only: they are not stored as entity mentions."""

    out: list[Mention] = []
    starts = sorted(m.start for m in mentions)

    def named_next(k: int) -> bool:  # a mention starts inside the next token
        if k + 1 >= len(tokens):
            return False
        n = bisect_left(starts, tokens[k + 1].start)
        return n < len(starts) and starts[n] < tokens[k + 1].end

    k = 0
    while k < len(tokens):
        token = tokens[k]
        word = normalize(token.text)
        # "وزراء" is a noun, not و + "زراء": the whole word first
        sector = roles.GROUP_NOUNS.get(word) or roles.GROUP_NOUNS.get(event_verbs.bare(word))
        first = k
        if sector is None and _counted_people(tokens, word, k):
            sector, first = "CVL", k - 1  # "ثلاثة فلسطينيين", "20 فلسطينيا"
        if (
            sector is None
            or _adjective_of_event_noun(tokens, k)
            or (named_next(k) and _construct_or_apposition(tokens, k))
            or any(m.start < token.end and token.start < m.end for m in mentions)
        ):
            k += 1  # "مسلحي داعش": the named party is the participant
            continue
        last, actor = k, None
        for j in range(k + (first == k), min(k + 3, len(tokens))):
            country = nisba_country(tokens[j].text)
            if country:
                last, actor = j, _country_descriptor(country, sector)
                break
        person = word in roles.PERSON_NOUNS or event_verbs.bare(word) in roles.PERSON_NOUNS
        if person and last == k and _nisba_adjective(tokens, k + 1) and not named_next(k):
            last = k + 1  # "شاب يهودي", "رجل آسيوي"
        start, end = tokens[first].start, tokens[last].end
        out.append(Mention(doc.id, start, end, doc.text[start:end], EntityType.NORP, actor))
        k = last + 1
    return out


_NISBA_ENDINGS = ("ي", "يه", "يا", "يين", "يون", "يان", "يتان", "يتين")


def _nisba_adjective(tokens: list[Token], k: int) -> bool:
    """A relative adjective ("يهودي", "آسيوية", "عراقيين") at token k."""
    if k >= len(tokens):
        return False
    word = normalize(tokens[k].text)
    return len(word) >= 4 and word.endswith(_NISBA_ENDINGS) and word not in roles.NP_STOPS


def _construct_or_apposition(tokens: list[Token], k: int) -> bool:
    """Whether the name after a group word belongs to it: as its genitive ("مسلحي داعش",
    only after an indefinite word) or in apposition ("المتمردين الحوثيين"). A definite word
    before another name is a party of its own ("وتتهم المعارضة إردوغان"), unless it
    completes a title ("رئيس الوزراء عمرو")."""
    if not _definite_noun(tokens[k].text) or _nisba_adjective(tokens, k + 1):
        return True
    return k > 0 and normalize(tokens[k - 1].text) in roles.NP_HEADS


def _adjective_of_event_noun(tokens: list[Token], k: int) -> bool:
    """ "هجوم انتحاري", "عملية انتحارية", "الهجوم المسلح": a group word right after an attack
    noun describes the attack; it names no party."""
    if k == 0:
        return False
    before = event_verbs.bare(normalize(tokens[k - 1].text))
    if before not in roles.ATTACK_NOUNS and before.rstrip("ا") not in roles.ATTACK_NOUNS:
        return False
    # an adjective agrees in definiteness ("الهجوم الانتحاري") and is singular after a
    # singular or a non-human plural; a definite word after an indefinite noun, or a human
    # plural, is its genitive, the doer ("هجوم المستوطنين", "هجوم مستوطنين", "قصف للطائرات")
    if normalize(tokens[k].text).endswith(("ين", "ون", "ان")):
        return False
    return _definite_noun(tokens[k - 1].text) == _definite_noun(tokens[k].text)


def _counted_people(tokens: list[Token], word: str, k: int) -> bool:
    """A nationality or group adjective as a plural noun right after a count ("ثلاثة
    فلسطينيين", "20 فلسطينيا", "ثمانية حوثيين")."""
    if k == 0 or len(word) < 6 or not word.endswith(roles.COUNTED_PEOPLE_ENDINGS):
        return False
    return _count_word(tokens[k - 1].text)


def _count_word(word: str) -> bool:
    """A count before a noun: digits ("13") or a number word ("ستة")."""
    return parse_digits(word) is not None or is_number_word(word)


def _body_of_place(doc: AnalyzedArticle, tokens: list[Token], m: Mention) -> Mention:
    """A place that completes a body's or an office's name ("شرطة مطار الرياض", "جامعة
    الملك سعود", "محافظ جدة") stands, with the words before it, for that body: the body is
    the party, not the city. Other mentions are returned as they are."""
    if m.type not in PLACE_TYPES:
        return m
    n = next((i for i, t in enumerate(tokens) if t.start == m.start), None)
    if n is None:  # no token starts the name: a preposition is glued to it ("بالرياض")
        return m
    k = n - 1
    while k >= 0 and n - k <= 2 and (event_verbs.bare(normalize(tokens[k].text)) in LOC_CUES):
        k -= 1  # "شرطة مطار الرياض"
    if k < 0 or roles.party_noun(tokens[k].text) is None or normalize(tokens[k].text)[:1] in "بل":
        return m
    start = tokens[k].start + (
        1 if normalize(tokens[k].text)[:1] in "وف" and roles.party_noun(tokens[k].text[1:]) else 0
    )
    # a country's government, forces or police: its descriptor actor ("حكومة العراق" → irq-gov)
    sector = roles.PARTY_NOUNS.get(roles.party_noun(tokens[k].text) or "", "")
    is_state = k == n - 1 and sector in ("GOV", "MIL", "COP", "LEG")
    actor = _country_descriptor(m.actor, sector) if m.actor and is_state else None
    return Mention(doc.id, start, m.end, doc.text[start : m.end], EntityType.ORG, actor)


def _country_descriptor(country: str, sector: str) -> str | None:
    """A country's descriptor actor of one sector ("tur-mil", "usa-gov"), when the actor
    dictionary has it."""
    from marsad.annotate.actor_dictionary import ActorDictionary

    found = ActorDictionary.load().get(f"{country.lower()}-{sector.lower()}")
    return found.id if found else None


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


def _first_reporting_word(norm: list[str]) -> int:
    """The index of the sentence's first speech or attribution word (its length if none):
    a trigger after it is reported."""
    for k, word in enumerate(norm):
        if event_verbs.has_word([word], event_verbs.REPORTING_WORDS):
            return k
    return len(norm)


def _near(mentions: list[Mention], tokens: list[Token], hit: _Hit) -> list[Mention]:
    """The mentions within ``_REACH`` tokens of a trigger (all of them in any real sentence)."""
    if hit.first <= _REACH and hit.last + _REACH >= len(tokens):
        return mentions
    lo = tokens[max(0, hit.first - _REACH)].start
    hi = tokens[min(len(tokens), hit.last + _REACH) - 1].end
    return [m for m in mentions if lo <= m.start and m.end <= hi]


def _clause(tokens: list[Token], hit: _Hit) -> tuple[int, int]:
    """Character bounds of the clause holding the trigger (punctuation-delimited, at most
    ``_REACH`` tokens either side)."""
    floor, ceiling = hit.first - _REACH, min(len(tokens), hit.last + _REACH)
    i = hit.first - 1
    while i >= floor and i >= 0 and tokens[i].text not in _CLAUSE_PUNCT:
        i -= 1
    j = hit.last
    while j < ceiling:
        if tokens[j].text in _CLAUSE_PUNCT:
            # "اتهمت الحكومة البريطانية، أمس (الأحد)، إسبانيا": a time between commas does
            # not end the clause
            closing = _time_adjunct(tokens, j)
            if closing is None:
                break
            j = closing
        j += 1
    start = tokens[i + 1].start if i + 1 < len(tokens) else tokens[hit.first].start
    end = tokens[j - 1].end if j > 0 else tokens[hit.last - 1].end
    return start, end


_COMMAS = frozenset("،,")
_ADJUNCT_TIMES = time_words.DAY_WORDS | frozenset(normalize(w) for w in ("صباح", "مساء", "ليل", "فجر"))


def _time_adjunct(tokens: list[Token], comma: int) -> int | None:
    """The closing comma of a time adjunct that opens at the comma at ``comma`` ("، أمس
    (الأحد)،", "، اليوم الثلاثاء،"), or None when the words there are anything else."""
    if tokens[comma].text not in _COMMAS:
        return None
    seen = False
    for k in range(comma + 1, min(len(tokens), comma + 7)):
        word = tokens[k].text
        if word in _COMMAS:
            return k if seen else None
        if word in ("(", ")"):
            continue
        if normalize(word) not in _ADJUNCT_TIMES:
            return None
        seen = True
    return None


def _word_before(text: str, offset: int, floor: int) -> str:
    """The normalized word ending just before offset (skipping spaces and quotation marks),
    within floor.."""
    i = offset
    while i > floor and (text[i - 1].isspace() or text[i - 1] in _QUOTE_MARKS):
        i -= 1
    j = i
    while j > floor and not text[j - 1].isspace() and text[j - 1] not in _CLAUSE_PUNCT | _QUOTE_MARKS:
        j -= 1
    return normalize(text[j:i])


def _attached_prefix(text: str, mention: Mention) -> str:
    """A proclitic glued to the mention but left outside its span ("بواشنطن" → "ب")."""
    return _prefix_before(text, mention.start)


def _prefix_before(text: str, i: int) -> str:
    """The letters (at most 3) glued before offset ``i``, normalized."""
    j = i
    while j > 0 and text[j - 1].isalpha() and i - j < 3:
        j -= 1
    return normalize(text[j:i])


def _location(text: str, mentions: list[Mention], trigger_start: int, sentence: Sentence) -> Mention | None:
    places = []
    for m in mentions:
        if m.type not in PLACE_TYPES:
            continue
        if _after_place_preposition(text, m, sentence.start):
            places.append(m)
    if not places:
        return None
    return min(places, key=lambda m: abs(m.start - trigger_start))


_PLACE_PREPS = frozenset(normalize(w) for w in ("في", "وفي", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب"))


def _after_place_preposition(text: str, m: Mention, floor: int) -> bool:
    """ "في بغداد", "بواشنطن", and with a place noun and adjectives between:
    "في العاصمة البحرينية المنامة", "بالعاصمة العراقية بغداد"."""
    return _place_preposition_before(text, m.start, floor)


@lru_cache(maxsize=8192)
def _place_preposition_before(text: str, start: int, floor: int) -> bool:
    """``_after_place_preposition`` for a mention starting at ``start``; asked once per
    trigger for every mention of the sentence, so it is remembered (the article's text
    hashes once)."""
    prefix = _prefix_before(text, start)
    if prefix.endswith(("ب", "في")):
        return True
    words = [
        "".join(ch for ch in w if ch not in _QUOTE_MARKS)
        for w in _last_words(text, floor, start - len(prefix))
    ]
    k = len(words) - 1
    while k >= 0 and len(words) - k <= 3:
        if words[k][:1] == "ب" and words[k][1:] in LOC_CUES:
            return True  # "بدولة الإمارات", "بمدينة نابلس"
        if not (words[k] in LOC_CUES or nisba_country(words[k])):
            break
        k -= 1
    return k >= 0 and words[k] in _PLACE_PREPS


def _last_words(text: str, floor: int, end: int, count: int = 4) -> list[str]:
    """The last ``count`` (or fewer) words of ``normalize(text[floor:end]).split()``, reading
    only as far back as they reach (a sentence can be a whole unpunctuated page).
    Normalization is word-local, so words wholly inside a window normalize as in the whole."""
    width = 64
    while True:
        start = max(floor, end - width)
        words = normalize(text[start:end]).split()
        if start == floor:
            return words[-count:]
        if len(words) > count:  # the first word may be cut by the window
            return words[-count:]
        width *= 4


def _is_place(text: str, m: Mention) -> bool:
    """A country or city named as where something happens ("في بغداد", "بليبيا") is the
    place of an event, never its doer or target."""
    if m.type not in PLACE_TYPES:
        return False
    return _after_place_preposition(text, m, max(0, m.start - 80)) or _tagged_with_bi(m)


def _tagged_with_bi(m: Mention) -> bool:
    """A place tagged with its preposition ("بليبيا"): the name without ب is a known place."""
    from marsad.annotate.actor_dictionary import ActorDictionary

    name = normalize(m.text)
    if not name.startswith("ب") or len(name) < 4:
        return False
    return any(actor.type in PLACE_TYPES for actor in ActorDictionary.load().lookup_all(m.text[1:]))


def _trigger_between(tokens: list[Token], first: int, offset: int) -> bool:
    """Whether another event word stands between token ``first`` and a name at ``offset``:
    a prepositional phrase belongs to the nearest event before it."""
    for token in tokens[first:]:
        if token.start >= offset:
            return False
        if token.text[:1].isalpha() and event_verbs.match_word(token.text) is not None:
            return True
    return False


def _opens_clause(word: str) -> bool:
    return normalize(word) in roles.CLAUSE_OPENERS


def _complementizer_before(tokens: list[Token], hit: _Hit) -> int | None:
    """The nearest complementizer ("أن", "بأن", "إن") before the trigger in its sentence."""
    for k in range(hit.first - 1, -1, -1):
        if normalize(tokens[k].text) in roles.COMPLEMENTIZERS:
            return k
    return None


def _title_complement(text: str, m: Mention, mentions: list[Mention], depth: int = 0) -> bool:
    """A place or body that completes a person's title ("محمد بن زايد ولي عهد أبوظبي نائب
    القائد الأعلى للقوات المسلحة", "بحاح نائب الرئيس رئيس الحكومة اليمنية"): it describes
    the person named just before, and is no party of its own."""
    if m.type not in ("GPE", "ORG", "NORP") or depth > 3:
        return False
    before = max(
        (p for p in mentions if p.end <= m.start and p.type in ACTOR_TYPES), key=lambda p: p.end, default=None
    )
    if before is None:
        return False
    gap = text[before.end : m.start - len(_attached_prefix(text, m))]
    words = normalize(gap).split()
    if not words or len(words) > 7 or "و" in words or any(ch in _CLAUSE_PUNCT for ch in gap):
        return False
    heads = [w for w in words if w in roles.TITLE_HEADS or w[2:] in roles.TITLE_HEADS]
    titled = all(w.startswith("ال") or w in roles.NP_HEADS or nisba_country(w) for w in words)
    if not heads or not titled:
        return False
    return before.type == "PER" or _title_complement(text, before, mentions, depth + 1)


def _governed_by_target_preposition(text: str, offset: int, floor: int) -> bool:
    """A name at the end of a noun phrase that a target preposition governs: "مع رئيس هيئة
    الأركان المشتركة الجنرال تشارلز براون", "ومع قيادة المقاومة الشعبية"."""
    words = normalize(text[floor:offset]).split()
    k = len(words) - 1
    while k >= 0 and len(words) - k <= 5:
        word = words[k]
        if any(ch in _CLAUSE_PUNCT for ch in word):
            return False
        if word in _TARGET_PREPS or (len(word) > 2 and word[0] == "و" and word[1:] in _TARGET_PREPS):
            return k < len(words) - 1
        if not (word.startswith("ال") or word in roles.NP_HEADS):
            return False
        k -= 1
    return False


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
    # a relative clause after the trigger ("اعتقلت X شبانا الذين تصدوا للمتطرفين") has
    # participants of its own
    relative = next((k for k in range(hit.last, len(tokens)) if _opens_clause(tokens[k].text)), None)
    if relative is not None:
        clause_end = min(clause_end, tokens[relative].start)
    # "أفاد الجيش بأن انتحاريا اقتحم": the speaker before the complementizer is no party
    complementizer = _complementizer_before(tokens, hit)
    if complementizer is not None:
        clause_start = max(clause_start, tokens[complementizer].end)
    actors = [
        m
        for m in mentions
        if m.type in ACTOR_TYPES
        and clause_start <= m.start
        and m.end <= clause_end
        and m is not location
        and not _is_place(text, m)
        and not _title_complement(text, m, mentions)
        and not (m.start < trigger_end and trigger_start < m.end)
    ]
    targets: list[Mention] = []
    plain_before: list[Mention] = []
    plain_after: list[Mention] = []
    for m in actors:
        prefix = _attached_prefix(text, m)
        before = _word_before(text, m.start - len(prefix), clause_start)
        if (
            before in _TARGET_PREPS
            or prefix.endswith("ل")
            or normalize(m.text).startswith("لل")  # "للأكراد" tagged with its preposition
            or _governed_by_target_preposition(text, m.start - len(prefix), clause_start)
        ):
            if m.start < trigger_start or not _trigger_between(tokens, hit.last, m.start):
                targets.append(m)  # "لاجتماع مع كيري لبحث الاتفاق مع إيران": each its own
        elif m.end <= trigger_start:
            plain_before.append(m)
        else:
            plain_after.append(m)
    sources: list[Mention] = []
    objects: list[Mention] = []
    if plain_before:
        sources = _coordinated(text, plain_before, len(plain_before) - 1)
        objects = _coordinated(text, plain_after, 0) if plain_after else []
    elif plain_after:
        # verb-first clause: subject, then object
        sources = _coordinated(text, plain_after, 0)
        rest = plain_after[len(sources) :]
        objects = _coordinated(text, rest, 0) if rest else []
    # the direct object comes first ("اتهم X Y بشن ... ضد داعش"); a preposition's
    # complement is the target when no object stands before it ("التقى X مع Y")
    if plain_before and hit.last < len(tokens) and normalize(tokens[hit.last].text) in roles.PRONOUN_OBJECTS:
        objects = []  # "ألقت الشرطة القبض عليه ... من شرطة الليث": the pronoun is the object
    if objects and (not targets or objects[0].start < targets[0].start):
        targets = objects
    if plain_before and plain_after and _object_pronoun(tokens, hit):
        # "ثكنة للجيش هاجمها مسلحون": the verb carries its object; the name after is the
        # subject, the object is what was named before
        return _coordinated(text, plain_after, 0), targets if targets != objects else sources
    return sources, targets


def _object_pronoun(tokens: list[Token], hit: _Hit) -> bool:
    """A one-word finite verb with an attached object pronoun ("هاجمها", "استهدفهم")."""
    raw = "".join(ch for ch in tokens[hit.first].text if ch.isalpha())
    if hit.last - hit.first != 1 or not _finite_verb(raw):
        return False
    if hit.last < len(tokens) and normalize(tokens[hit.last].text).startswith("ال"):
        return False  # "قصفها العنيف": a verbal noun with its adjective
    before = normalize(tokens[hit.first - 1].text) if hit.first > 0 else ""
    if before in roles.NP_STOPS and before not in roles.CLAUSE_LEADS:
        return False  # "أثناء قصفها حيا": after a preposition, a verbal noun
    trigger = event_verbs.match_word(raw)
    if trigger is None or trigger.lemma.endswith(("ه", "هم", "ها")):
        return False  # "تتهم": the ending is the root's ("اتهم")
    return raw.endswith(("ها", "هم", "هما")) or (raw.endswith("ه") and len(raw) >= 5)


def _constructions(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norm: list[str],
    mentions: list[Mention],
    hit: _Hit,
    location: Mention | None,
    sources: list[Mention],
    targets: list[Mention],
) -> tuple[list[Mention], list[Mention]]:
    """Roles from Arabic constructions (``marsad.arabic.roles``), where they are present,
    over the positional guess: the doer named by "على يد"/"من قبل"/"بغارة أمريكية"/"ضربة
    نفذتها Y"; the victim of a passive verb, of a verbal noun ("مقتل X"), and the object of
    a verb whose subject is the attack ("هجوم استهدف Y")."""
    text = doc.text
    actors = [
        m
        for m in mentions
        if m.type in ACTOR_TYPES
        and m is not location
        and not _is_place(text, m)
        and not _title_complement(text, m, mentions)
        and not (m.start < tokens[hit.last - 1].end and tokens[hit.first].start < m.end)
    ]
    if roles.condemns(tokens[hit.first].text):
        return _condemnation(doc, tokens, norm, actors, hit, sources, targets)
    agent = _agent(doc, tokens, norm, actors, hit)
    positional = [m for m in [*sources, *targets] if not agent or m not in agent]
    trigger = tokens[hit.first].text
    before = norm[hit.first - 1] if hit.first > 0 else ""
    patient = None
    if hit.last - hit.first == 1 and event_verbs.bare(norm[hit.first]) in roles.PATIENT_NOUNS:
        intransitive = event_verbs.bare(norm[hit.first]) in roles.INTRANSITIVE_NOUNS
        doer_and_object = (
            None if intransitive else _genitive_doer_lam_object(text, tokens, norm, actors, hit.last)
        )
        if doer_and_object is not None:
            return doer_and_object
        patient = _group_after_title(text, tokens, norm, actors, hit.last)
        if patient is None:
            patient = _title_victim(doc, tokens, norm, actors, hit.last)
        if patient is None and before in roles.PASSIVE_AUXILIARIES:
            patient = []
        if patient is None and event_verbs.bare(norm[hit.first]) in roles.INTRANSITIVE_NOUNS:
            # "غداة مقتل ستة أشخاص في مواجهات": a death has no doer before it; its victims,
            # if named, follow it
            end = tokens[hit.last - 1].end
            after = [
                m
                for m in [*sources, *targets]
                if m.start >= end and not _trigger_between(tokens, hit.last, m.start)
            ]
            patient = after[:1] and _coordinated(text, after, 0)
    if patient is not None:
        intransitive = event_verbs.bare(norm[hit.first]) in roles.INTRANSITIVE_NOUNS
        earlier = [m for m in sources if m.end <= tokens[hit.first].start and not _after_verb(tokens, m)]
        doers = agent or ([] if intransitive else earlier)
        return [m for m in doers if m not in patient], patient or [m for m in targets if m not in doers]
    genitive = _plain_genitive_doer(doc, tokens, norm, actors, hit)
    if genitive is not None:
        return genitive
    if _counted_victims_after(tokens, norm, hit):
        # "قتل 50 مسلحا من تنظيم داعش", "وقتل شرطيان": a count or a nominative right after
        # an unvowelled killing verb is its passive subject; an active one's doer would stand
        # between them
        victims = [m for m in [*sources, *targets] if m.start >= tokens[hit.last - 1].end]
        return agent or [], [m for m in victims if not agent or m not in agent]
    if _objectless_killing(tokens, norm, hit, sources, targets):
        # "88 إرهابيا قتلوا في شمال سيناء": undiacritized, a killing verb after its subject
        # with no object is the passive ("were killed"); the named ones are the victims
        return agent or [], sources
    relative = _relative_subject(doc, tokens, norm, actors, hit)
    if relative:
        after = [m for m in [*sources, *targets] if m.start >= tokens[hit.last - 1].end]
        return relative, _coordinated(text, after, 0) if after else []
    if roles.is_passive_verb(trigger) or before in roles.PASSIVE_LIGHT_VERBS:
        victims = _group_after_title(text, tokens, norm, actors, hit.last) or _antecedent(
            text, tokens, norm, actors, hit
        )
        return agent or [], victims or positional
    if hit.type in ("ASSAULT", "COERCE") and hit.last - hit.first <= 2:
        aimed = _aimed_at(doc, tokens, norm, actors, hit)
        if aimed is not None and not any(m in targets for m in aimed):
            # "شن ضربات جوية على قرية بيتا": what follows على/ضد is the target, and a place
            # named after it ("على مقربة من غابة سامبيسا") only says where
            doers = [m for m in sources if m.end <= tokens[hit.first].start] or agent
            return doers or sources, aimed
    verb = _attack_subject_verb(norm, hit)
    if verb is not None:
        after = [
            m
            for m in actors
            if m.start >= tokens[verb].end and not _trigger_between(tokens, verb + 1, m.start)
        ]
        objects = _coordinated(text, after, 0) if after else []
        if not objects and not targets:
            unnamed = _noun_phrase(tokens, norm, verb + 1)  # "هجوم استهدف قافلة عسكرية"
            objects = [_phrase_mention(doc, tokens, unnamed)] if unnamed else []
        return agent or [], objects or targets
    if agent and event_verbs.bare(norm[hit.first]) in roles.ATTACK_NOUNS:
        aimed = _aim_after(doc, tokens, norm, actors, agent)
        if aimed:
            # "هجوم شنه مسلحون على مركز للشرطة": the target follows the doer of the relative
            return agent, aimed
    if agent:
        return agent, positional
    if hit.type == "CONSULT" and sources and not targets:
        # "التقى X في المنامة، رئيس اللجنة العسكرية ... Y": the counterpart may follow a
        # comma-delimited adjunct; it is the first other actor after the trigger.
        opener = next((k for k in range(hit.last, len(tokens)) if _opens_clause(tokens[k].text)), None)
        stop = tokens[opener].start if opener is not None else len(text)
        after = [
            m
            for m in actors
            if tokens[hit.last - 1].end <= m.start < stop
            and m not in sources
            and not _trigger_between(tokens, hit.last, m.start)
        ]
        if all(m.type == "PER" for m in sources) and any(m.type == "PER" for m in after):
            after = [m for m in after if m.type == "PER"]  # people meet people
        if after:
            return sources, _coordinated(text, after, 0)
    return sources, targets


def _possessor(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norm: list[str],
    mentions: list[Mention],
    hit: _Hit,
    sources: list[Mention],
    targets: list[Mention],
) -> tuple[list[Mention], list[Mention]]:
    """A verbal noun with a possessive pronoun ("خلال استقباله أمس X", "ترحيله") names a
    party by the pronoun: the last name before it in the paragraph. The one who suffers a
    killing, arrest or deportation is its target; otherwise the possessor is the doer."""
    raw = "".join(ch for ch in tokens[hit.first].text if ch.isalpha())
    if hit.last - hit.first != 1 or not raw.endswith(roles.POSSESSIVE_ENDINGS):
        return sources, targets
    if _finite_verb(raw) and not _masdar_with_pronoun(raw):
        return sources, targets
    paragraph = doc.text.rfind("\n", 0, tokens[hit.first].start) + 1
    trigger_start = tokens[hit.first].start
    candidates = [
        m
        for m in doc.mentions
        if m.type in ACTOR_TYPES
        and paragraph <= m.start
        and m.end <= trigger_start
        and not _is_place(doc.text, m)
    ]
    candidates = [m for m in candidates if not _title_complement(doc.text, m, doc.mentions)]
    if not candidates:
        return sources, targets
    # the pronoun refers to the sentence's topic, its first name, when it has one
    in_sentence = sorted((m for m in candidates if m.start >= tokens[0].start), key=lambda m: m.start)
    possessor = in_sentence[0] if in_sentence else max(candidates, key=lambda m: m.end)
    suffers = hit.type in ("ASSAULT", "COERCE") or event_verbs.bare(norm[hit.first]) in roles.PATIENT_NOUNS
    if suffers and not targets:
        return sources, [possessor]
    after = all(m.start >= trigger_start for m in sources)
    if not suffers and after and possessor not in targets:
        # "استقباله أمس المهندس بحاح": the name after the noun is its object
        return [possessor], targets or sources
    return sources, targets


def _masdar_with_pronoun(raw: str) -> bool:
    """ "اجتماعها", "اعتقالهم", "واستقبالهما": a derived verbal noun (افتعال, استفعال,
    انفعال) with a possessive pronoun, which ``_finite_verb`` cannot tell from a verb."""
    word = strip_conjunction(normalize(raw))
    for ending in sorted(roles.POSSESSIVE_ENDINGS, key=len, reverse=True):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            return len(stem) >= 5 and stem[0] == "ا" and stem[-2] == "ا"
    return False


def _nisba_parties(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], hit: _Hit
) -> tuple[list[Mention], list[Mention]]:
    """Nationality adjectives after an event noun name its parties: "الحظر الأميركي" (the
    United States imposed it), "الحوار الاستراتيجي المصري - الأميركي" (Egypt and the
    United States). Not after a verbal noun of suffering ("مقتل الأمريكي": the victim)."""
    if _finite_verb(tokens[hit.first].text) or event_verbs.bare(norm[hit.first]) in roles.PATIENT_NOUNS:
        return [], []
    parties: list[Mention] = []
    for j in range(hit.last, min(hit.last + 4, len(tokens))):
        word = tokens[j].text
        if word in ("-", "–"):
            continue
        country = nisba_country(word)
        if country:
            if not any(p.actor and p.actor == country.lower() for p in parties):
                parties.append(_country_mention(doc, tokens[j], country))
        elif not norm[j].startswith("ال") or tokens[j].text in _CLAUSE_PUNCT:
            break
    if not parties:
        return [], []
    return parties[:1], parties[1:2]


# How far from a trigger a title or body standing for its party is looked for: the
# genitive or subject right after it ("زيارة الوفد", "التقى الوزير"), the subject before it
# in its clause ("اللجنة تعقد اجتماعا").
_TITLE_AFTER = 3
_TITLE_BEFORE = 6


def _title_parties(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], mentions: list[Mention], hit: _Hit
) -> tuple[list[Mention], list[Mention]]:
    """An event with no named party, whose party is a single title or body: "التقى الوزير
    بعد وصوله", "زيارة الوفد الأمريكي", "الوزارة قررت منع", "طالب بتقديم الدعم للحكومة".
    The title stands for the person the article introduced with it, the body for the body
    it named in full (``actors.title_antecedent``); with a nationality adjective and no
    antecedent, for the country's descriptor actor ("الوفد الأمريكي" → usa-gov); otherwise
    it is a participant as text. After a target preposition, or glued ل, it is the target;
    so is the one acted on by a verbal noun of suffering ("اعتقال المسؤول") or a passive."""
    k = _title_word_after(tokens, norm, mentions, hit)
    after = k is not None
    if k is None:
        k = _title_word_before(tokens, norm, mentions, hit)
    if k is None:
        return [], []
    party = _title_mention(doc, tokens, norm, k)
    word = norm[k]
    before = norm[k - 1] if k > 0 else ""
    governed = before in _TARGET_PREPS or (word[:1] == "ل" and roles.party_noun(word[1:]) is not None)
    suffers = after and (
        event_verbs.bare(norm[hit.first]) in roles.PATIENT_NOUNS
        or roles.is_passive_verb(tokens[hit.first].text)
    )
    return ([], [party]) if governed or suffers else ([party], [])


def _coordinated_verb_subject(
    doc: AnalyzedArticle, tokens: list[Token], mentions: list[Mention], hit: _Hit
) -> list[Mention]:
    """A verb joined by و after a comma shares the subject of the sentence's first verb:
    "حرر الجيش النيجيري 178 شخصا ...، واعتقل قياديا في الحركة" (the army arrested)."""
    word = tokens[hit.first].text
    if hit.last - hit.first != 1 or hit.first < 2 or not word.startswith(("و", "ف")):
        return []
    if tokens[hit.first - 1].text not in ("،", ",") or not _finite_verb(word) or roles.is_passive_verb(word):
        return []
    if not _finite_verb(tokens[0].text) or normalize(tokens[0].text) in roles.NP_STOPS:
        return []
    first = [m for m in mentions if m.type in ACTOR_TYPES and tokens[1].start <= m.start < tokens[1].end]
    if not first or _is_place(doc.text, first[0]):
        return []
    n = mentions.index(first[0])
    return _coordinated(doc.text, mentions, n)


# How far before an event noun its light verb may stand ("أجرى نائب رئيس الجمهورية، رئيس
# الحكومة، خالد بحاح، زيارة": titles in apposition between).
_LIGHT_VERB_REACH = 14


def _light_verb_subject(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], mentions: list[Mention], hit: _Hit
) -> list[Mention]:
    """The subject of a light verb whose object is the event noun: "أجرى X، رئيس الحكومة،
    زيارة خاطفة", "قام وفد من تعليم صبيا بزيارة": the first party after the verb (a name,
    else a title or body), commas of apposition notwithstanding."""
    if _finite_verb(tokens[hit.first].text):
        return []
    for k in range(hit.first - 1, max(-1, hit.first - 1 - _LIGHT_VERB_REACH), -1):
        text = tokens[k].text
        if text in ".!?؟:;؛" or norm[k] in roles.COMPLEMENTIZERS or _opens_clause(text):
            return []
        if strip_conjunction(norm[k]) in roles.LIGHT_VERBS or norm[k] in roles.LIGHT_VERBS:
            break
        if text[:1].isalpha() and event_verbs.match_word(text) is not None:
            return []  # another event's words stand between
    else:
        return []
    lo, hi = tokens[k].end, tokens[hit.first].start
    between = [m for m in mentions if lo <= m.start and m.end <= hi and m.type in ACTOR_TYPES]
    between = [m for m in between if not _is_place(doc.text, m)]
    persons = [m for m in between if m.type == "PER"]
    if persons:
        return [persons[-1]]  # the name after its titles in apposition
    if between:
        return _coordinated(doc.text, between, 0)
    for j in range(k + 1, hit.first):
        if _title_word(tokens, norm, mentions, j):
            return [_title_mention(doc, tokens, norm, j)]
    return []


# Events between parties rather than from one to another: "مفاوضات بين X وY".
_MUTUAL_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
_BETWEEN = frozenset(normalize(w) for w in ("بين", "وبين"))
# How far after its noun "بين" may stand ("مفاوضات شاقة استمرت 12 عاما، بين إيران ومجموعة").
_BETWEEN_REACH = 8


def _between_parties(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], mentions: list[Mention], hit: _Hit
) -> tuple[list[Mention], list[Mention]]:
    """The two parties of a meeting or agreement named after بين: "مفاوضات شاقة استمرت 12
    عاما، بين إيران ومجموعة 5+1" (the first is the source, the rest the targets)."""
    actors = [m for m in mentions if m.type in ACTOR_TYPES and not _title_complement(doc.text, m, mentions)]
    for k in range(hit.last, min(len(tokens) - 1, hit.last + _BETWEEN_REACH)):
        if tokens[k].text in ".!?؟;؛" or _opens_clause(tokens[k].text):
            return [], []
        if (
            k > hit.last
            and tokens[k].text[:1].isalpha()
            and event_verbs.match_word(tokens[k].text) is not None
        ):
            return [], []  # "بين" after another event is that event's
        if norm[k] in _BETWEEN:
            group = _group_at(doc.text, tokens, actors, k + 1)
            if group and len(group) >= 2:
                return group[:1], group[1:]
            return [], []
    return [], []


def _title_word_after(tokens: list[Token], norm: list[str], mentions: list[Mention], hit: _Hit) -> int | None:
    for k in range(hit.last, min(len(tokens), hit.last + _TITLE_AFTER)):
        if tokens[k].text in _CLAUSE_PUNCT or _opens_clause(tokens[k].text):
            return None
        if _title_word(tokens, norm, mentions, k):
            return k
        if norm[k] in roles.NP_STOPS and norm[k] not in _TARGET_PREPS:
            return None
    return None


def _title_word_before(
    tokens: list[Token], norm: list[str], mentions: list[Mention], hit: _Hit
) -> int | None:
    for k in range(hit.first - 1, max(-1, hit.first - 1 - _TITLE_BEFORE), -1):
        text = tokens[k].text
        if text in _CLAUSE_PUNCT or norm[k] in roles.COMPLEMENTIZERS or _opens_clause(text):
            return None
        if text[:1].isalpha() and event_verbs.match_word(text) is not None:
            return None  # another event's words
        if _title_word(tokens, norm, mentions, k) and not _title_word(tokens, norm, mentions, k - 1):
            return k
    return None


def _title_word(tokens: list[Token], norm: list[str], mentions: list[Mention], k: int) -> bool:
    """A title or body word outside every name ("الوزير", not "وزارة الخارجية السعودية"
    tagged as an organisation)."""
    if k < 0 or roles.party_noun(tokens[k].text) is None:
        return False
    token = tokens[k]
    return not any(m.start < token.end and token.start < m.end for m in mentions)


def _title_mention(doc: AnalyzedArticle, tokens: list[Token], norm: list[str], k: int) -> Mention:
    """The title's noun phrase (its head with the article, adjectives and nationality:
    "الوفد الأمريكي", "المتحدث الرسمي") as a participant, with the actor it stands for."""
    from marsad.annotate.actors import title_antecedent

    end = k + 1
    country = None
    while (
        end < len(tokens) and end - k < 3 and norm[end].startswith("ال") and norm[end] not in roles.NP_STOPS
    ):
        country = country or nisba_country(tokens[end].text)
        end += 1
    head = roles.party_noun(tokens[k].text) or ""
    start, stop = tokens[k].start, tokens[end - 1].end
    person = head in roles.PERSON_TITLES
    antecedent = title_antecedent(doc, head, start)
    actor = antecedent.actor if antecedent is not None else None
    if actor is None and country:
        actor = _country_descriptor(country, "GOV")
    kind = EntityType.PER if person else EntityType.ORG
    return Mention(doc.id, start, stop, doc.text[start:stop], kind, actor)


def _unnamed_subject(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norm: list[str],
    mentions: list[Mention],
    hit: _Hit,
    sources: list[Mention],
    targets: list[Mention],
) -> tuple[list[Mention], list[Mention]]:
    """Verb, subject, object: "أدانت ثلاث منظمات حقوقية دولية تجاهل الاتحاد الأوروبي". When
    the first noun phrase after a verb is unnamed and the first name comes later (not as
    the name its title introduces), the phrase is the subject and the name the object."""
    if not sources or not _verb_first(tokens, norm, hit):
        return sources, targets
    phrase = _noun_phrase(tokens, norm, hit.last)
    if phrase is None or norm[phrase[0]].endswith("ا"):
        return sources, targets
    start, end = tokens[phrase[0]].start, tokens[phrase[1] - 1].end
    if any(m.start < end and start < m.end for m in mentions):
        return sources, targets  # the phrase is (part of) a name
    gap = doc.text[end : sources[0].start]
    # "واتهم زعيم حزب معارض مؤيد للأكراد اردوغان": a party named in between ends the title
    titled = sources[0].type == "PER" and len(gap.split()) <= 4
    titled = titled and not any(end <= m.start and m.end <= sources[0].start for m in mentions)
    if titled and norm[phrase[0]].startswith("ال") and gap.split():
        # "اتهمت المحكمة الجنائية الدولية الرئيس الكيني أوهورو": the name has its own title
        titled = not _definite_title(gap.split()[0])
    # "وتتهم المعارضة إردوغان": a phrase right before a name is its title only when headed
    # by a title or a body ("التقى وزير الخارجية جون كيري")
    title_head = roles.party_noun(tokens[phrase[0]].text) is not None or norm[phrase[0]] in roles.NP_HEADS
    if sources[0].start < end or (not gap.strip() and title_head) or titled:
        # "التقى وزير الخارجية الأمريكي جون كيري", "استقبل نائب خادم الحرمين الشريفين الأمير
        # محمد بن نايف": a title and its name
        return sources, targets
    # a target between the subject and the name describes the subject ("زعيم حزب مؤيد
    # للأكراد اردوغان"): the name is then the object
    targets = [m for m in targets if not (end <= m.start < sources[0].start)]
    return [_phrase_mention(doc, tokens, phrase)], targets or sources


def _unnamed_subject_before(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norm: list[str],
    mentions: list[Mention],
    hit: _Hit,
    sources: list[Mention],
    targets: list[Mention],
) -> tuple[list[Mention], list[Mention]]:
    """Subject, verb, object with an unnamed subject: "وكانت المحكمة الجنائية الدولية اتهمت
    الرئيس الكيني أوهورو". A noun phrase that fills the clause before an active finite verb
    (after punctuation, a particle or كان; "قد" may follow it) is the doer, and the names
    after the verb, read as its subject, are its object."""
    trigger = tokens[hit.first].text
    if hit.last - hit.first != 1 or roles.is_passive_verb(trigger) or not _finite_verb(trigger):
        return sources, targets
    if not sources or any(m.start < tokens[hit.first].start for m in sources):
        return sources, targets
    end = hit.first - 1 if hit.first > 0 and norm[hit.first - 1] in ("قد", "وقد") else hit.first
    for k in range(max(0, end - _MAX_PHRASE), end):
        opener = k == 0 or tokens[k - 1].text in _CLAUSE_PUNCT
        opener = opener or norm[k - 1] in roles.KANA or norm[k - 1] in roles.CLAUSE_LEADS
        if not opener:
            continue
        phrase = _noun_phrase(tokens, norm, k)
        start = tokens[k].start
        if (
            phrase is None
            or phrase[1] != end
            or any(m.start < tokens[end - 1].end and start < m.end for m in mentions)
        ):
            continue
        return [_phrase_mention(doc, tokens, phrase)], targets or sources
    return sources, targets


def _definite_title(word: str) -> bool:
    """ "الرئيس", "والوزير": a person's title with the article."""
    w = normalize(word)
    return w.lstrip("وف").startswith("ال") and roles.party_noun(word) in roles.PERSON_TITLES


def _verb_first(tokens: list[Token], norm: list[str], hit: _Hit) -> bool:
    """A one-word active finite verb with nothing but particles before it in its clause."""
    trigger = tokens[hit.first].text
    if hit.last - hit.first != 1 or roles.is_passive_verb(trigger) or not _finite_verb(trigger):
        return False
    k = hit.first - 1
    while k >= 0 and tokens[k].text not in _CLAUSE_PUNCT:
        if norm[k] not in roles.CLAUSE_LEADS:
            return False
        k -= 1
    return True


def _phrase_participants(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], hit: _Hit
) -> tuple[list[Mention], list[Mention]]:
    """A verb-first clause whose subject and object are unnamed noun phrases ("أدانت المملكة
    بأشد العبارات", "اتهمت مقيمة يتيمة أحد المستشفيات الخاصة"): the first noun phrase
    after the verb is the doer, the next one its object (not for condemnations, whose object
    is an act, nor for passives). Participants as text, without an actor."""
    trigger = tokens[hit.first].text
    if hit.last - hit.first != 1 or roles.is_passive_verb(trigger) or not _finite_verb(trigger):
        return [], []
    if _counted_victims_after(tokens, norm, hit):
        return [], []  # "وقتل شرطيان": a passive
    k = hit.first - 1
    while k >= 0 and tokens[k].text not in _CLAUSE_PUNCT:
        if norm[k] in roles.COMPLEMENTIZERS:
            # "بأن انتحاريا اقتحم": the unnamed subject between a complementizer and its verb
            before = _noun_phrase(tokens, norm, k + 1)
            if before is not None and before[1] == hit.first:
                return [_phrase_mention(doc, tokens, before)], []
            return [], []
        if norm[k] not in roles.CLAUSE_LEADS:
            return [], []  # something before the verb: its subject, if any, was named there
        k -= 1
    subject = _noun_phrase(tokens, norm, hit.last)
    if subject is None:
        return [], []
    if norm[subject[0]].endswith("ا") and not norm[subject[0]].endswith(("اا", "ءا")):
        # accusative ("واعتقل قياديا في الحركة"): the object of a verb whose subject was
        # named before (``_carry_subjects``)
        return [], [_phrase_mention(doc, tokens, subject)]
    sources = [_phrase_mention(doc, tokens, subject)]
    if roles.condemns(trigger) or hit.type in ("PROTEST", "MOBILIZE"):
        return sources, []
    obj = _noun_phrase(tokens, norm, subject[1])
    return sources, [_phrase_mention(doc, tokens, obj)] if obj else []


_MAX_PHRASE = 4


def _noun_phrase(tokens: list[Token], norm: list[str], k: int) -> tuple[int, int] | None:
    """Token bounds of the noun phrase starting at k: a head that is no particle, time word,
    number or trigger, then words with the article or nationality-like endings ("مقيمة
    يتيمة", "ثلاث منظمات حقوقية دولية", "المملكة")."""
    if k >= len(tokens) or tokens[k].text in _CLAUSE_PUNCT or not tokens[k].text[:1].isalpha():
        return None
    head = norm[k]
    if head in roles.NP_STOPS or time_words.is_time_word(norm, k) or len(head) < 3:
        return None
    if head.startswith(("بال", "لل", "كال")) or event_verbs.match_word(tokens[k].text) is not None:
        return None
    end = k + 1
    while end < len(tokens) and end - k < _MAX_PHRASE and tokens[end].text[:1].isalpha():
        word = norm[end]
        if word in roles.NP_STOPS:
            break
        # an adjective: with the article, a nisba, or feminine after a feminine or plural
        # noun ("مقيمة يتيمة", "منظمات حقوقية")
        previous = norm[end - 1]
        feminine = word.endswith("ه") and previous.endswith(("ه", "ات"))
        adjective = word.endswith(("يه", "ي", "يين", "يون")) or feminine
        counted = previous in roles.QUANTIFIERS
        # a definite noun is followed only by adjectives ("الرئيس العاصمة" is two phrases);
        # an indefinite one also by its genitive ("أحد المستشفيات", "منظمات حقوقية")
        if previous.startswith("ال"):
            if not (word.startswith("ال") and adjective):
                break
        elif not (word.startswith("ال") or adjective or counted):
            break
        end += 1
    return k, end


def _phrase_mention(doc: AnalyzedArticle, tokens: list[Token], span: tuple[int, int]) -> Mention:
    start, end = tokens[span[0]].start, tokens[span[1] - 1].end
    return Mention(doc.id, start, end, doc.text[start:end], EntityType.NORP, None)


def _attack_subject_verb(norm: list[str], hit: _Hit) -> int | None:
    """The token of a verb whose subject is the attack ("هجوم استهدف", "انفجار الذي هز"),
    in the trigger or just after it (a repeated trigger is merged into the first)."""
    for k in range(max(1, hit.first), min(len(norm), hit.last + 2)):
        if norm[k].startswith(roles.ATTACK_SUBJECT_VERBS):
            before = norm[k - 1]
            if event_verbs.bare(before) in roles.ATTACK_NOUNS or before in roles.RELATIVE_PRONOUNS:
                return k
    if event_verbs.bare(norm[hit.first]) not in roles.ATTACK_NOUNS:
        return None
    # "هجوم جديد صباح اليوم استهدف": adjectives and time words may stand between
    for k in range(hit.last, min(len(norm), hit.last + _ATTACK_VERB_REACH)):
        if norm[k].startswith(roles.ATTACK_SUBJECT_VERBS):
            return k
        if norm[k] in roles.NP_STOPS and not (time_words.is_time_word(norm, k) or norm[k] in _DAY_WORDS):
            return None
        if not norm[k][:1].isalpha() or event_verbs.match_word(norm[k]) is not None:
            return None
    return None


# Day words that may stand between an attack noun and its verb ("هجوم صباح اليوم استهدف").
_DAY_WORDS = _SAME_DAY | _YESTERDAY | frozenset(normalize(w) for w in ("صباح", "مساء", "فجر", "ليل"))
# Prepositions that aim an attack or a coercion at its target: "غارات على X", "حملة ضد X".
_AIM_PREPS = frozenset(normalize(w) for w in ("على", "ضد", "بحق"))
# Locative phrases after على that are no target: "على مقربة من", "على بعد", "على طول".
_LOCATIVE_AFTER_ALA = frozenset(normalize(w) for w in ("مقربة", "بعد", "طول", "امتداد", "الأقل", "الاقل"))


def _aimed_at(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], actors: list[Mention], hit: _Hit
) -> list[Mention] | None:
    """The target an attack or coercion is aimed at with على/ضد right after its trigger (one
    adjective may stand between: "ضربات جوية على قرية بيتا"): a name, a place noun with the
    name after it ("قرية بيتا"), or an unnamed noun phrase ("على قاعدة عسكرية")."""
    for k in range(hit.last, min(len(tokens) - 1, hit.last + 2)):
        if tokens[k].text in _CLAUSE_PUNCT:
            return None
        if norm[k] not in _AIM_PREPS:
            if norm[k].startswith("ال") or norm[k].endswith(("يه", "ي")):
                continue  # an adjective of the trigger ("جوية", "الجوية")
            return None
        return _aim_at(doc, tokens, norm, actors, k + 1)
    return None


def _aim_after(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], actors: list[Mention], agent: list[Mention]
) -> list[Mention] | None:
    """The target after على/ضد right after the doer ("يشنها الطيران التركي على قواعدهم")."""
    k = next((i for i, t in enumerate(tokens) if t.start >= agent[-1].end), None)
    if k is None or norm[k] not in _AIM_PREPS:
        return None
    return _aim_at(doc, tokens, norm, actors, k + 1)


def _aim_at(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], actors: list[Mention], at: int
) -> list[Mention] | None:
    """What على/ضد at token ``at - 1`` governs as an attack's target (see ``_aimed_at``)."""
    if at >= len(tokens):
        return None
    if norm[at] in _LOCATIVE_AFTER_ALA:
        return None
    group = _group_at(doc.text, tokens, actors, at)
    if group:
        return group
    if (event_verbs.bare(norm[at]) in LOC_CUES or norm[at] in LOC_CUES) and at + 1 < len(tokens):
        end = at + 2 if tokens[at + 1].text[:1].isalpha() else at + 1
        while end < len(tokens) and end < at + 4 and (norm[end].startswith("ال") or nisba_country(norm[end])):
            end += 1
        if _mention_starting_in(tokens[at + 1], actors) is None or end > at + 1:
            return [_phrase_mention(doc, tokens, (at, end))]
    unnamed = _noun_phrase(tokens, norm, at)
    if unnamed is None:
        return None
    start, end = unnamed
    n = _mention_starting_in(tokens[end], doc.mentions) if end < len(tokens) else None
    if n is not None and not norm[start].startswith("ال"):
        while end < len(tokens) and tokens[end].start < doc.mentions[n].end:
            end += 1  # "على مناطق جبل قنديل": the name is the indefinite noun's genitive
    elif end < len(tokens) and norm[end].startswith("لل") and len(norm[end]) > 4:
        end += 1  # "مركز للشرطة", "ثكنة للدرك التركي": what the place belongs to
        while end < len(tokens) and end < start + _MAX_PHRASE + 1 and norm[end].startswith("ال"):
            end += 1
    return [_phrase_mention(doc, tokens, (start, end))]


# How many words after an attack noun the verb it is the subject of may stand.
_ATTACK_VERB_REACH = 5


# Prepositions of cause and time before an attack noun ("جراء إحراق", "خلال هجوم"): the noun
# is no verb, so a name before it is not its subject.
_CAUSE_PREPS = frozenset(
    normalize(w)
    for w in ("جراء", "إثر", "اثر", "بسبب", "عقب", "نتيجة", "بعد", "خلال", "منذ", "أثناء", "اثناء")
)


def _plain_genitive_doer(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], actors: list[Mention], hit: _Hit
) -> tuple[list[Mention], list[Mention]] | None:
    """ "جراء إحراق مستوطنين إسرائيليين منزلهم", "خلال هجوم المتطرفين على سنجار": an attack
    noun after a preposition of cause or time, with a party as its genitive: the genitive is
    the doer, and what follows it (an object, or على/ضد and its noun) the target. None
    when the construction is not there."""
    if hit.type not in _DOER_GENITIVE_TYPES or hit.last - hit.first != 1 or hit.first == 0:
        return None
    if norm[hit.first - 1] not in _CAUSE_PREPS or event_verbs.bare(norm[hit.first]) in roles.PATIENT_NOUNS:
        return None
    if hit.last >= len(tokens) or norm[hit.last].startswith("ل"):
        return None
    doers = _group_at(doc.text, tokens, actors, hit.last)
    if not doers:
        return None
    k = next((i for i, t in enumerate(tokens) if t.start >= doers[-1].end), len(tokens))
    if k >= len(tokens) or tokens[k].text in _CLAUSE_PUNCT:
        return doers, []
    if norm[k] in _AIM_PREPS:
        return doers, _aim_at(doc, tokens, norm, actors, k + 1) or []
    objects = _group_at(doc.text, tokens, actors, k)
    if objects:
        return doers, objects
    unnamed = _noun_phrase(tokens, norm, k)  # "منزلهم"
    return doers, [_phrase_mention(doc, tokens, unnamed)] if unnamed and not time_words.is_time_word(
        norm, k
    ) else []


# Killing verbs that read as active or passive without vowels ("قتل" killed / was killed).
_UNVOWELLED_KILLING = frozenset(normalize(w) for w in ("قتل", "جرح"))


def _counted_victims_after(tokens: list[Token], norm: list[str], hit: _Hit) -> bool:
    """A singular unvowelled killing verb ("قتل", "وقتل") followed by a count or by a dual or
    plural in the nominative ("شرطيان", "مسلحون")."""
    word = tokens[hit.first].text
    if hit.last - hit.first != 1 or hit.last >= len(tokens):
        return False
    if strip_conjunction(normalize(word)) not in _UNVOWELLED_KILLING:
        return False
    if (
        hit.first > 0
        and norm[hit.first - 1] not in roles.CLAUSE_LEADS
        and tokens[hit.first - 1].text not in _CLAUSE_PUNCT
    ):
        return False  # "تمكنت من قتل 13": a verbal noun whose doer came before
    after = tokens[hit.last].text
    if parse_digits(after) is not None or is_number_word(after):
        return True
    bare = event_verbs.bare(norm[hit.last])
    nominative = bare.endswith(("يان", "يون", "ون")) and len(bare) >= 5
    return nominative or (bare.endswith("ان") and roles.GROUP_NOUNS.get(bare) is not None)


def _objectless_killing(
    tokens: list[Token], norm: list[str], hit: _Hit, sources: list[Mention], targets: list[Mention]
) -> bool:
    """A plural or dual verb of killing ("قتلوا", "قتلا") after the named ones, with no
    object after it: written without vowels, it is the passive."""
    word = tokens[hit.first].text
    if hit.last - hit.first != 1 or targets or not sources or not event_verbs.is_lethal(word):
        return False
    if roles.verb_number(word) == 1 or any(m.start >= tokens[hit.first].start for m in sources):
        return False
    if hit.last >= len(tokens) or tokens[hit.last].text in _CLAUSE_PUNCT:
        return True
    return norm[hit.last] in roles.NP_STOPS or time_words.is_time_word(norm, hit.last)


def _relative_subject(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], actors: list[Mention], hit: _Hit
) -> list[Mention]:
    """An active verb right after a relative pronoun has the noun before the pronoun as its
    subject: "رئيس الدفاع، الذي التقى أيضا مع X" (the doer is "رئيس الدفاع")."""
    trigger = tokens[hit.first].text
    # a word right after the pronoun is the relative clause's verb ("الذي التقى": not a
    # noun, though it starts like one)
    if hit.last - hit.first != 1 or roles.is_passive_verb(trigger) or hit.type == "ASSAULT":
        return []
    if hit.first < 1 or norm[hit.first - 1] not in roles.RELATIVE_PRONOUNS:
        return []
    k = hit.first - 2
    if k >= 0 and tokens[k].text in ("،", ","):
        k -= 1
    if k < 0:
        return []
    n = next((i for i, m in enumerate(actors) if tokens[k].start < m.end <= tokens[k].end), None)
    if n is not None:
        return _coordinated(doc.text, actors, n)
    # a title phrase: its head within three words back ("رئيس الدفاع،")
    for j in range(k, max(-1, k - 3), -1):
        if tokens[j].text in _CLAUSE_PUNCT:
            return []
        if roles.party_noun(tokens[j].text) and not any(
            m.start < tokens[j].end and tokens[j].start < m.end for m in actors
        ):
            start, end = tokens[j].start, tokens[k].end
            return [Mention(doc.id, start, end, doc.text[start:end], EntityType.PER, None)]
    return []


def _mention_starting_in(token: Token, actors: list[Mention]) -> int | None:
    """Index of the actor mention that starts inside a token (after its proclitics)."""
    for n, m in enumerate(actors):
        if token.start <= m.start < token.end:
            return n
    return None


def _group_at(text: str, tokens: list[Token], actors: list[Mention], k: int) -> list[Mention] | None:
    """The coordinated actors ("X وY") whose first one starts at token k, if any."""
    if k >= len(tokens):
        return None
    n = _mention_starting_in(tokens[k], actors)
    return _coordinated(text, actors, n) if n is not None else None


def _after_verb(tokens: list[Token], m: Mention) -> bool:
    """Whether a finite verb trigger stands before a name in its clause ("أدان كيري اغتيال
    X": Kerry is the subject of أدان, not the doer of the killing)."""
    k = next((i for i, t in enumerate(tokens) if t.start <= m.start < t.end), 0) - 1
    while k >= 0 and tokens[k].text not in _CLAUSE_PUNCT:
        if _finite_verb(tokens[k].text) and event_verbs.match_word(tokens[k].text) is not None:
            return True
        k -= 1
    return False


def _group_after_title(
    text: str, tokens: list[Token], norm: list[str], actors: list[Mention], k: int
) -> list[Mention] | None:
    """The coordinated actors at token k, or after a title that stands before the name
    ("اغتيال النائب العام المصري هشام بركات", "قُتل قائد الحرس زيد")."""
    for j in range(k, min(k + 6, len(tokens))):
        group = _group_at(text, tokens, actors, j)
        if group and j > k and norm[j].startswith("ل"):
            return None  # "القائد السابق لفيلق القدس": the body the title is of, not the person
        if group:
            return group
        word = norm[j]
        if tokens[j].text in _CLAUSE_PUNCT or not (
            word.startswith("ال") or word in roles.NP_HEADS or nisba_country(word)
        ):
            return None
    return None


def _genitive_doer_lam_object(
    text: str, tokens: list[Token], norm: list[str], actors: list[Mention], k: int
) -> tuple[list[Mention], list[Mention]] | None:
    """ "اعتقال الشرطة لشخصين", "استهداف التحالف للمدنيين": a verbal noun with a genitive
    and then an object marked with ل: the genitive is the doer, the ل-object the one acted
    on. None when the words after the verbal noun are not so."""
    n = _mention_starting_in(tokens[k], actors) if k < len(tokens) else None
    if n is None or n + 1 >= len(actors):
        return None
    doer, following = actors[n], actors[n + 1]
    j = k
    while j < len(tokens) and tokens[j].start < doer.end:
        j += 1
    if j >= len(tokens) or not tokens[j].start <= following.start < tokens[j].end:
        return None
    if not norm[j].startswith("ل") or norm[j].startswith("لدى"):
        return None
    objects = [following]
    for m in actors[n + 2 :]:
        if not _joined(text, objects[-1], m):
            break
        objects.append(m)  # "للمدنيين والمسعفين"
    return [doer], objects


# Words that add one more party to a list: "X وكذلك Y", "X وكذا Y".
_ALSO = frozenset(normalize(w) for w in ("وكذلك", "وكذا", "و"))


def _title_victim(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], actors: list[Mention], k: int
) -> list[Mention] | None:
    """The victim of a verbal noun named by a title of a body ("اغتيال القائد السابق لفيلق
    القدس الإيراني وكذلك أبو مهدي المهندس"): the title phrase stands for the person the
    article named before who held that office (``actors.title_antecedent``), and the body is
    no party; a party added with وكذلك joins it."""
    from marsad.annotate.actors import title_antecedent

    if k >= len(tokens) or roles.party_noun(tokens[k].text) not in roles.PERSON_TITLES:
        return None
    end = None
    for j in range(k + 1, min(len(tokens), k + 5)):
        if tokens[j].text in _CLAUSE_PUNCT:
            return None
        if norm[j][:1] == "ل" and any(tokens[j].start <= m.start < tokens[j].end for m in doc.mentions):
            end = j + 1
            break
    if end is None:
        return None
    body = next(m for m in doc.mentions if tokens[end - 1].start <= m.start < tokens[end - 1].end)
    while end < len(tokens) and (tokens[end].end <= body.end or nisba_country(tokens[end].text)):
        end += 1  # the body's name and its nationality ("لفيلق القدس الإيراني")
    start, stop = tokens[k].start, tokens[end - 1].end
    title = doc.text[start:stop]
    head = roles.party_noun(tokens[k].text) or ""
    antecedent = title_antecedent(doc, head, start, title=title)
    victim = Mention(doc.id, start, stop, title, EntityType.PER, antecedent.actor if antecedent else None)
    if end < len(tokens) and norm[end] in _ALSO:
        more = _group_at(doc.text, tokens, actors, end + 1)
        if more:
            return [victim, *more]
    return [victim]


def _agent(
    doc: AnalyzedArticle, tokens: list[Token], norm: list[str], actors: list[Mention], hit: _Hit
) -> list[Mention]:
    """The doer named after the trigger, in its clause: "على يد X", "من قبل X", "بغارة
    أمريكية", "بقصف التحالف", "في ضربة نفذتها X"."""
    text = doc.text
    end = hit.last
    ceiling = min(len(tokens), hit.last + _REACH)
    while end < ceiling and tokens[end].text not in _CLAUSE_PUNCT:
        end += 1
    if hit.type in _DOER_GENITIVE_TYPES and event_verbs.bare(norm[hit.first]) not in roles.PATIENT_NOUNS:
        genitive = _genitive_doer(text, tokens, norm, actors, hit.last, end)
        if genitive:
            return genitive
    k = hit.last
    while k < end:
        for phrase in roles.AGENT_PHRASES:
            if tuple(norm[k : k + len(phrase)]) == phrase:
                # the doer may follow a head noun: "على يد مسلحي داعش"
                for j in range(k + len(phrase), min(k + len(phrase) + 2, end)):
                    group = _group_at(text, tokens, actors, j)
                    if group:
                        return group
                unnamed = _noun_phrase(tokens, norm, k + len(phrase))  # "على يد متطرف يهودي"
                if unnamed is not None:
                    return [_phrase_mention(doc, tokens, unnamed)]
        word = norm[k]
        instrument = word[1:]
        at = None  # the token after the instrument: "بغارة أمريكية", "في قصف للطائرات التركية"
        if word[:1] == "ب" and roles.INSTRUMENTS & {instrument, event_verbs.bare(instrument)}:
            at = k + 1
        elif word in _INSTRUMENT_PREPS and k + 1 < end and event_verbs.bare(norm[k + 1]) in roles.INSTRUMENTS:
            at = k + 2
        if at is not None:
            genitive = _genitive_doer(text, tokens, norm, actors, at, end)
            if genitive:
                return genitive
            for j in range(at, min(at + 3, end)):
                group = _group_at(text, tokens, actors, j)
                if group:
                    return group
                country = nisba_country(tokens[j].text)
                if country:
                    return [_country_mention(doc, tokens[j], country)]
        if roles.agentive_relative(tokens[k].text) and k > hit.last - 1 and _relative_of_event(norm, hit, k):
            group = _group_at(text, tokens, actors, k + 1)
            if group:
                return group
            unnamed = _noun_phrase(tokens, norm, k + 1)  # "كمين نفذه رجال المقاومة"
            if unnamed is not None and unnamed[1] <= end:
                return [_phrase_mention(doc, tokens, unnamed)]
        k += 1
    return _attributed_to(text, tokens, norm, actors, hit) if hit.type == "ASSAULT" else []


def _attributed_to(
    text: str, tokens: list[Token], norm: list[str], actors: list[Mention], hit: _Hit
) -> list[Mention]:
    """The doer an attack is attributed to later in its sentence: "هجوم استهدف قافلة، قتل
    جنديان، ونسب إلى حزب العمال الكردستاني", "ونسب الهجوم لمتمردي حزب العمال"."""
    for k in range(hit.last, min(len(tokens), hit.last + _REACH)):
        if not strip_conjunction(norm[k]).startswith(roles.ATTRIBUTION_STEMS):
            continue
        for j in range(k + 1, min(len(tokens), k + 4)):
            if tokens[j].text in _CLAUSE_PUNCT:
                break
            word = norm[j]
            at = j + 1 if word in ("الي", "الى", "إلى") else j if word[:1] == "ل" else None
            if at is None:
                continue
            for i in range(at, min(len(tokens), at + 2)):  # "إلى مقاتلي حزب العمال"
                group = _group_at(text, tokens, actors, i)
                if group:
                    return group
        return []
    return []


# Event types whose verbal noun takes its doer as a genitive with ل: "هجوم انتحاري لمتمردي
# حزب العمال", "قصف للطائرات الحربية التركية", "عملية للقوات الخاصة الروسية".
_DOER_GENITIVE_TYPES = frozenset({"ASSAULT", "COERCE"})
# Prepositions before an instrument of attack: "في غارة", "خلال قصف", "جراء ضربة".
_INSTRUMENT_PREPS = frozenset(normalize(w) for w in ("في", "خلال", "جراء", "إثر", "اثر", "عقب", "وفي"))


_NEGATING_LAM = frozenset(normalize(w) for w in ("لدى", "لا", "لم", "لن", "لكن", "لكنه", "لأن", "لذلك"))


def _genitive_doer(
    text: str, tokens: list[Token], norm: list[str], actors: list[Mention], at: int, end: int
) -> list[Mention]:
    """The doer as a ل-genitive right after an attack noun (one adjective may stand between:
    "هجوم انتحاري لمتمردي حزب العمال")."""
    for j in range(at, min(at + 2, end)):
        word = norm[j]
        if word[:1] != "ل" or word in _TARGET_PREPS or word in _NEGATING_LAM:
            continue
        n = _mention_starting_in(tokens[j], actors)
        if n is not None:
            return _coordinated(text, actors, n)
        if event_verbs.bare(word) in roles.GROUP_NOUNS or word[1:] in roles.NP_HEADS:
            group = _group_at(text, tokens, actors, j + 1)  # "لمتمردي حزب العمال"
            if group:
                return group
        return []
    return []


def _relative_of_event(norm: list[str], hit: _Hit, k: int) -> bool:
    """Whether the agentive verb at k is about the event: right after the trigger or an attack
    noun ("ضربة نفذتها"), or in a relative clause on the trigger or an act within four words
    ("الجريمة الإرهابية البشعة التي نفذها", "هجوم إرهابي نفذه")."""
    if k == hit.last:
        return True
    window = range(max(hit.first, k - 4), k)
    nouns = roles.ATTACK_NOUNS | roles.ACT_NOUNS
    return hit.first >= k - 4 or any(event_verbs.bare(norm[i]) in nouns or norm[i] in nouns for i in window)


def _condemnation(
    doc: AnalyzedArticle,
    tokens: list[Token],
    norm: list[str],
    actors: list[Mention],
    hit: _Hit,
    sources: list[Mention],
    targets: list[Mention],
) -> tuple[list[Mention], list[Mention]]:
    """ "أدانت المملكة الجريمة التي نفذها مستوطنون", "استنكر X مقتل أحد المواطنين برصاص
    جنود": the object of condemning is an act; its doer is the target and its victims are
    no party to the condemnation. Without an act named, the positional roles stand."""
    end = hit.last
    while end < len(tokens) and tokens[end].text not in _CLAUSE_PUNCT:
        end += 1
    named = {
        tokens.index(t) for m in actors if m not in sources for t in tokens if t.start <= m.start < t.end
    }
    act = None
    for k in range(hit.last, end):
        if k in named:
            return sources, targets  # a name first: it is the object ("أدانت X تجاهل Y لـ...")
        if event_verbs.bare(norm[k]) in roles.ACT_NOUNS | roles.ATTACK_NOUNS | roles.PATIENT_NOUNS:
            act = k
            break
    if act is None:
        return sources, targets
    act_start = tokens[act].start
    doers = [m for m in sources if m.end <= act_start]
    perpetrator = _agent(doc, tokens, norm, actors, _Hit(act, act + 1, "ASSAULT", None))
    return doers, [m for m in perpetrator if m.start >= act_start]


def _country_mention(doc: AnalyzedArticle, token: Token, country: str) -> Mention:
    """A nationality adjective as the country it names ("أمريكية" → the United States)."""
    from marsad.annotate.actor_dictionary import ActorDictionary

    actor = ActorDictionary.load().get(country.lower())
    return Mention(doc.id, token.start, token.end, token.text, EntityType.GPE, actor.id if actor else None)


def _antecedent(
    text: str, tokens: list[Token], norm: list[str], actors: list[Mention], hit: _Hit
) -> list[Mention]:
    """Who a passive verb after a relative pronoun is about: "X وY، اللذين قُتلا" → X, Y.
    The verb's number says how many persons (the dual: the two nearest)."""
    rel = next(
        (k for k in range(hit.first - 1, max(-1, hit.first - 3), -1) if norm[k] in roles.RELATIVE_PRONOUNS),
        None,
    )
    if rel is None:
        return []
    earlier = [m for m in actors if m.end <= tokens[rel].start]
    if not earlier:
        return []
    count = roles.verb_number(tokens[hit.first].text)
    if count == 2:
        persons = [m for m in earlier if m.type == "PER"][-2:]
        if len(persons) == 2:
            return persons
    return _coordinated(text, earlier, len(earlier) - 1) if count is None else earlier[-1:]


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
    if not between:  # "العباسي الولايات المتحدة": subject and object, unless of one kind
        return left.type == right.type
    return between in ("و", "،", ",", "، و", ", و")


def _future_after(norm: list[str], hit: _Hit) -> bool:
    """ "الاجتماع المقبل", "زيارة مرتقبة": a future adjective right after a nominal trigger."""
    return event_verbs.has_word(norm[hit.last : hit.last + 2], event_verbs.FUTURE_WORDS)


# How far before publication a day named elsewhere in the paragraph may be and still be
# the day of an undated event beside it (news reports the days just before it appears).
_CONTEXT_DAYS = 45


def _paragraph_day(doc: AnalyzedArticle, sentence: Sentence, trigger_start: int) -> str | None:
    """The day of the nearest dated sentence of the same paragraph (the one before the
    event first): "وصل الوزير الثلاثاء إلى بغداد. والتقى نظيره..." dates the meeting. Only
    day-precise dates near publication count; a year or a far date sets a scene instead."""
    text = doc.text
    start = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    end = len(text) if end < 0 else end
    published = _published_day(doc)
    days = []
    for t in doc.times:
        if not (t.value and t.kind == "date" and t.precision == "day" and start <= t.start and t.end <= end):
            continue
        try:
            day = dt.date.fromisoformat(t.value)
        except ValueError:
            continue
        if published is not None and not (0 <= (published - day).days <= _CONTEXT_DAYS):
            continue
        days.append(t)
    if not days:
        return None
    before = [t for t in days if t.end <= trigger_start]
    best = max(before, key=lambda t: t.start) if before else min(days, key=lambda t: t.start)
    return best.value


def _published_day(doc: AnalyzedArticle) -> dt.date | None:
    try:
        return dt.date.fromisoformat((doc.article.published or "")[:10])
    except ValueError:
        return None


def _recalled(norm: list[str], hit: _Hit) -> bool:
    """An event recalled, not reported ("بتهمة الأمر باغتيال X", "في ذكرى مقتل X")."""
    return any(w in time_words.RECALL_CUES for w in norm[max(0, hit.first - 3) : hit.first])


def _date(
    doc: AnalyzedArticle, sentence: Sentence, norm: list[str], trigger_start: int, recalled: bool = False
) -> tuple[str | None, str | None, str | None]:
    times: list[TimeExpr] = [
        t
        for t in doc.times
        if t.value and t.kind in ("date", "range") and sentence.start <= t.start and t.end <= sentence.end
    ]
    if recalled:
        # only a date given after the recalled event is its own ("اغتيال X في 3 يناير 2020")
        times = [t for t in times if t.start > trigger_start]
        if not times:
            return None, None, None
    if times:
        best = min(times, key=lambda t: abs(t.start - trigger_start))
        return best.value, best.precision, best.end_value if best.kind == "range" else None
    context = _paragraph_day(doc, sentence, trigger_start)
    if context is not None:
        return context, "day", None
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
    return EventAnnotator(load_detector(), role_ranker.load_ranker())
