"""Claims that disagree: the places where outlets report different figures.

A claim is a figure with a subject ("ما يقرب من 2500 جندي أمريكي"). Two claims are about the
same thing when their subject keys match — what is counted (troops, militants, killed…)
and whose (the country the nisba names, or a country named as the subject before the
figure, "وتحتفظ الولايات المتحدة بحوالى ألفي عسكري"; a standing figure with no country is
never compared, a count of the killed or wounded is compared within its event) —,
their periods are compatible, and they are about the same matter: counts of an incident
(killed, wounded, detained, fighters, militants) only when both sentences report the same
event (after event coreference), standing figures (troops, bases, displaced people) only
when both articles are in the same story. Without that anchor, "18 militants killed" in
one battle would contradict "27 killed" in another of the same week. They disagree
when the intervals their wording allows do not overlap: "about 2,500" allows ±10%, "not
more than 2,000" allows 0..2,000, "400 to 500" allows exactly that. Only claims from
independent reports are compared: an outlet does not contradict its own copy.

Comparison is incremental: a new claim is compared only with stored claims of the same
subject key (an indexed column), never with every claim. The claims linker runs after
the event and story linkers, whose results anchor it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from marsad.arabic.clitics import proclitic_variant_set
from marsad.arabic.incident_counts import damaged_thing, fate_of
from marsad.arabic.nationalities import country_named, nisba_country
from marsad.arabic.normalize import normalize, words
from marsad.arabic.units import CASUALTY_AFTER, CASUALTY_BEFORE, unit_category
from marsad.link import claim_tables as tables
from marsad.link.dates import middle_day
from marsad.link.provenance import facts
from marsad.model import Claim, Contradiction, stable_id

if TYPE_CHECKING:
    from marsad.store.db import Store

APPROXIMATION = 0.10  # "نحو/حوالي/قرابة": a reader allows about ten per cent either way
PERIOD_DAYS = 62  # figures reported within two months describe the same state of affairs
STANDING_BOUND_DAYS = 3 * 365  # a ceiling set by an agreement stays in force for years
INCIDENT_COUNTS = frozenset({"killed", "wounded", "detainees", "fighters", "militants"})
CASUALTIES = frozenset({"killed", "wounded"})  # the toll of one incident, whoever's it is
TOLL_DAYS = 1  # reports of one incident's toll are dated within a day of each other
DAMAGED = frozenset({"buildings", "vehicles"})  # things an incident's damage counts
DAMAGE_FATES = frozenset({"destroyed", "damaged"})
SAME_INCIDENT_WORDS = 0.4  # overlap of two toll sentences' content words that tells one incident


@dataclass(slots=True)
class ClaimRef:
    """A claim with what the comparison needs to know about its article."""

    claim: Claim
    outlet: str
    root: str  # the first-seen copy of the article (dedup root): copies never disagree
    evidence: str  # the claim's sentence or span, quoted in the note
    context: str = ""  # words around the figure, where the nisba may stand
    published: str | None = None
    events: frozenset[str] = frozenset()  # events reported in the claim's sentence
    story: str | None = None  # the story of its article
    sentence_start: int = 0  # the claim's sentence in the cleaned text
    sentence_end: int = 0


def subject_key(ref: ClaimRef) -> str | None:
    """ "troops:USA", "militants:IRQ"… or None when the claim is too vague to compare."""
    claim = ref.claim
    before = words(ref.context[: max(0, len(ref.context) - (claim.end - claim.start))])
    subject = words(claim.subject or "")
    category = unit_category(claim.unit or "", claim.subject or "")
    if category is None:
        # Damage of an incident ("تدمير 30 منزلاً", "إحراق 5 آليات"): compared as its toll is.
        thing = damaged_thing(claim.unit or "", claim.subject or "")
        fate = fate_of(before, subject) if thing else None
        return f"{thing}/{fate}:" if fate in DAMAGE_FATES else None
    fate = fate_of(before, subject) if category not in CASUALTIES else None
    if fate and not (category == "troops" and fate in CASUALTIES):  # soldiers killed: a toll, below
        # What happened to them is part of what is counted: fighters kidnapped are not
        # fighters killed, soldiers captured not a force's strength.
        category = f"{category}/{fate}"
    if category == "troops":
        # Soldiers said to be killed or wounded ("3 جنود قتلوا", "وقتل 19 شخصا من قوات الأمن")
        # are a toll, not a force's strength: compared as a toll of the country whose
        # soldiers they are, and not at all when no nisba says whose ("وأصيب ثمانية جنود").
        toll = _toll_category([*subject, *before[-2:]])
        if toll:
            country = next(
                (c for w in words(f"{claim.subject or ''} {ref.context}") if (c := nisba_country(w))), None
            )
            return f"{toll}:{country}" if country else None
    country = None
    # The toll's own nisba ("قتيل عراقي") says whose it is; one nearby ("مقاتلة سورية")
    # names the attacker as often as the victims, so casualties read only their subject.
    text = claim.subject or "" if category in CASUALTIES else f"{claim.subject or ''} {ref.context}"
    for word in words(text):
        country = nisba_country(word)
        if country:
            break
    if country is None and _base(category) not in INCIDENT_COUNTS:
        country = country_named(words(ref.context))
    if country is None and _is_toll(category):
        return f"{category}:"  # compared only between reports of one event (``same_matter``)
    return f"{category}:{country}" if country else None


def _base(category: str) -> str:
    """What is counted, without its fate ("fighters/abducted" → "fighters")."""
    return category.split("/")[0]


def _is_toll(category: str) -> bool:
    """Casualties and damage: one incident's toll, compared within one event and day."""
    return category in CASUALTIES or _base(category) in DAMAGED


def _incident(category: str) -> bool:
    """Counts of one incident, compared between reports of the same event: its toll, and
    the fighters, militants or detainees it involved, or anything counted with its fate."""
    return _is_toll(category) or _base(category) in INCIDENT_COUNTS or "/" in category


def _toll_category(tokens: list[str]) -> str | None:
    for word in tokens:
        for variant in proclitic_variant_set(word):  # "وقتل": and killed
            toll = CASUALTY_BEFORE.get(variant) or CASUALTY_AFTER.get(variant)
            if toll:
                return toll
    return None


def allowed_interval(claim: Claim) -> tuple[float, float]:
    """The values the claim's wording allows."""
    low = claim.value
    high = claim.high if claim.high is not None else claim.value
    if claim.bound == "max":
        return 0.0, high
    if claim.bound == "min":
        return low, float("inf")
    if claim.approximate:
        return low * (1 - APPROXIMATION), high * (1 + APPROXIMATION)
    return low, high


def same_period(a: ClaimRef, b: ClaimRef) -> bool:
    """Whether two claims describe the same time. A standing ceiling ("لا يتجاوز") counts
    from its date onwards; other figures must be close in time."""
    da = middle_day(a.claim.as_of or a.published)
    db = middle_day(b.claim.as_of or b.published)
    if da is None or db is None:
        return False
    gap = abs((da - db).days)
    if _is_toll((subject_key(a) or ":").split(":")[0]):
        return gap <= TOLL_DAYS  # a toll is of one incident, reported within days of it
    if gap <= PERIOD_DAYS:
        return True
    earlier, later = (a, b) if da <= db else (b, a)
    return earlier.claim.bound == "max" and gap <= STANDING_BOUND_DAYS and later.claim.bound != "max"


def same_matter(a: ClaimRef, b: ClaimRef) -> bool:
    """Counts of an incident must come from reports of the same event; standing figures
    from articles of the same story."""
    category = (subject_key(a) or ":").split(":")[0]
    if _is_toll(category):
        # A toll's sentence names its incident: tolls of one event (or, as event coreference
        # misses reports told in other words, of one story) whose sentences share most of
        # their words within a day. A shared event alone mixed a mine blast with an air raid.
        if a.events & b.events and not _tells_incident(a, b):
            return True  # too few words to check: the event decides
        shared = bool(a.events & b.events) or (a.story is not None and a.story == b.story)
        return shared and same_incident_words(a, b)
    if _incident(category):
        # Fighters of one event told in other words are another battle's ("25 opposition
        # fighters" at a base, "50 regime troops" in a district, both ASSAULT in Aleppo).
        return bool(a.events & b.events) and (not _tells_incident(a, b) or same_incident_words(a, b))
    return a.story is not None and a.story == b.story


def same_incident_words(a: ClaimRef, b: ClaimRef) -> bool:
    da, db = middle_day(a.claim.as_of or a.published), middle_day(b.claim.as_of or b.published)
    if da is None or db is None or abs((da - db).days) > 1:
        return False
    wa, wb = _content(a.evidence), _content(b.evidence)
    if not _tells_incident(a, b):
        return False  # "18 قتيلاً": too few words to tell one incident from another
    return len(wa & wb) / min(len(wa), len(wb)) >= SAME_INCIDENT_WORDS


def _tells_incident(a: ClaimRef, b: ClaimRef) -> bool:
    return min(len(_content(a.evidence)), len(_content(b.evidence))) >= 4


def _content(sentence: str) -> set[str]:
    return {w for w in words(sentence) if len(w) > 3 and not w.isdigit()}


def disagree(a: ClaimRef, b: ClaimRef) -> bool:
    if a.root == b.root or normalize(a.outlet) == normalize(b.outlet):
        return False
    lo_a, hi_a = allowed_interval(a.claim)
    lo_b, hi_b = allowed_interval(b.claim)
    return hi_a < lo_b or hi_b < lo_a


def _describe(ref: ClaimRef) -> str:
    when = ref.claim.as_of or ref.published or "?"
    return f"{ref.outlet} ({when}): «{ref.evidence.strip()}»"


def find_contradictions(new: list[ClaimRef], stored: list[ClaimRef]) -> list[Contradiction]:
    """Contradictions between each new claim and the stored and other new claims of the
    same subject key. Each unordered pair is reported once."""
    by_key: dict[str, list[ClaimRef]] = {}
    for ref in stored:
        key = subject_key(ref)
        if key:
            by_key.setdefault(key, []).append(ref)
    found: dict[str, Contradiction] = {}
    for ref in new:
        key = subject_key(ref)
        if not key:
            continue
        for other in by_key.get(key, []):
            if other.claim.id == ref.claim.id:
                continue
            if same_period(ref, other) and same_matter(ref, other) and disagree(ref, other):
                ids = sorted([ref.claim.id, other.claim.id])
                cid = stable_id("x", *ids)
                if cid not in found:
                    first, second = (ref, other) if ids[0] == ref.claim.id else (other, ref)
                    note = f"{_describe(first)} — {_describe(second)}"
                    found[cid] = Contradiction(claims=ids, note=note, id=cid)
        by_key.setdefault(key, []).append(ref)
    return list(found.values())


# --- wiring to the store ---------------------------------------------------------------

CONTEXT_CHARS = 60  # the nisba often stands a few words before the figure ("عدد القوات الأمريكية")


def _refs_for_article(store: Store, article_id: str, cache: dict) -> list[ClaimRef]:
    found = facts(store, article_id, cache)
    doc = store.annotations(article_id)
    if found is None or doc is None:
        return []
    text = doc.text
    refs = []
    for claim in doc.claims:
        sentence = next((s for s in doc.sentences if s.start <= claim.start < s.end), None)
        evidence = text[sentence.start : sentence.end] if sentence else text[claim.start : claim.end]
        refs.append(
            ClaimRef(
                claim=claim,
                outlet=found.outlet,
                root=found.root,
                evidence=evidence if len(evidence) <= 280 else text[claim.start : claim.end],
                context=text[max(sentence.start if sentence else 0, claim.start - CONTEXT_CHARS) : claim.end],
                published=found.article.published,
                sentence_start=sentence.start if sentence else claim.start,
                sentence_end=sentence.end if sentence else claim.end,
            )
        )
    return refs


def _anchor(store: Store, ref: ClaimRef, stories: dict[str, str | None]) -> ClaimRef:
    """The events reported in the claim's sentence and the story of its article."""
    article = ref.claim.article
    if article not in stories:
        stories[article] = tables.story_of_article(store, article)
    ref.story = stories[article]
    ref.events = tables.events_in_span(store, article, ref.sentence_start, ref.sentence_end)
    return ref


def link(store: Store, article_ids: Sequence[str]) -> None:
    """Compare the new articles' claims with stored claims of the same subject key (the
    "claims" linker) and store the contradictions found. Stored claims are read from the
    key index with the words kept for them, not from their articles."""
    cache: dict = {}
    new = [ref for aid in article_ids for ref in _refs_for_article(store, aid, cache)]
    keyed: list[tuple[ClaimRef, str]] = [(ref, key) for ref in new if (key := subject_key(ref))]
    if not keyed:
        return
    tables.file_under_keys(
        store,
        [(r.claim.id, k, r.evidence, r.context, r.sentence_start, r.sentence_end) for r, k in keyed],
    )
    new_ids = {r.claim.id for r, _ in keyed}
    new_articles = set(article_ids)
    stored: list[ClaimRef] = []
    legacy: set[str] = set()  # articles whose claims were filed before the words were kept
    for key in sorted({k for _, k in keyed}):
        for claim, evidence, context, sentence in store.claims_under_key(key):
            if claim.id in new_ids or claim.article in new_articles:
                continue
            found = facts(store, claim.article, cache)
            if found is None:
                continue
            if evidence is None or context is None or sentence is None:
                legacy.add(claim.article)
                continue
            stored.append(
                ClaimRef(
                    claim=claim,
                    outlet=found.outlet,
                    root=found.root,
                    evidence=evidence,
                    context=context,
                    published=found.article.published,
                    sentence_start=sentence[0],
                    sentence_end=sentence[1],
                )
            )
    for aid in sorted(legacy):
        stored.extend(r for r in _refs_for_article(store, aid, cache) if r.claim.id not in new_ids)
    stories: dict[str, str | None] = {}
    new_refs = [_anchor(store, r, stories) for r, _ in keyed]
    stored = [_anchor(store, r, stories) for r in stored]
    found_contradictions = find_contradictions(new_refs, stored)
    if found_contradictions:
        store.save_contradictions(found_contradictions)
