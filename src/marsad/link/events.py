"""Event coreference: one record per real-world event, however many outlets copied it.

Event mentions from different articles that report the same happening merge into one
``Event`` with all their evidence spans. Two mentions corefer when they have the same
PLOVER type, dates compatible within their precision (a month-precision mention fits any
day of that month), participants that overlap (the same actors, or failing resolved actors
the same countries), and — when one side is undated — strong participant overlap plus
similar wording. Candidates come from an index keyed by type (and, in the store, a date
window), never from all pairs.

``independent_sources`` counts outlets that did not copy each other: near-duplicate copies
collapse onto their first-seen article, and reports that cite the same wire agency or
statement count once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from marsad.arabic.normalize import words
from marsad.link.dates import date_interval
from marsad.link.provenance import facts
from marsad.model import Event, EventMention, stable_id

if TYPE_CHECKING:
    from marsad.store.db import Store

SLACK = timedelta(days=1)  # "yesterday" in one outlet is "today" in another's time zone
MIN_WORD_OVERLAP = 0.25  # overlap of evidence-sentence content words needed for undated events


@dataclass(slots=True)
class EventRef:
    """An event mention with what coreference needs to know about its article."""

    mention: EventMention
    article: str
    provenance: str  # the wire agency cited, else the outlet of the first-seen copy
    sentence: str = ""
    countries: frozenset[str] = frozenset()  # countries of the participants
    person_actors: frozenset[str] = frozenset()  # participant ids that are persons

    @property
    def participants(self) -> frozenset[str]:
        return frozenset(self.mention.sources) | frozenset(self.mention.targets)


@dataclass(slots=True)
class EventCluster:
    """An event being assembled; ``to_event`` gives the exported record."""

    id: str
    type: str
    refs: list[EventRef] = field(default_factory=list)

    @property
    def participants(self) -> frozenset[str]:
        return frozenset().union(*(r.participants for r in self.refs))

    @property
    def persons(self) -> frozenset[str]:
        return frozenset().union(*(r.person_actors for r in self.refs))

    @property
    def countries(self) -> frozenset[str]:
        return frozenset().union(*(r.countries for r in self.refs))

    def interval(self) -> tuple[date, date] | None:
        """The tightest dated interval among the mentions (most precise wins)."""
        best: tuple[date, date] | None = None
        for ref in self.refs:
            iv = date_interval(ref.mention.date, ref.mention.date_precision, ref.mention.date_end)
            if iv and (best is None or (iv[1] - iv[0]) < (best[1] - best[0])):
                best = iv
        return best

    def to_event(self) -> Event:
        dated = [
            r
            for r in self.refs
            if date_interval(r.mention.date, r.mention.date_precision, r.mention.date_end)
        ]
        rank = {"day": 0, "range": 1, "month": 2, "year": 3}
        dated.sort(key=lambda r: rank.get(r.mention.date_precision or "", 9))
        date_value = dated[0].mention.date if dated else None
        precision = dated[0].mention.date_precision if dated else None
        date_end = dated[0].mention.date_end if dated else None
        modes = Counter(r.mention.mode for r in self.refs if r.mention.mode)
        places = Counter(r.mention.location for r in self.refs if r.mention.location)
        sources = _ordered(a for r in self.refs for a in r.mention.sources)
        targets = [a for a in _ordered(a for r in self.refs for a in r.mention.targets) if a not in sources]
        return Event(
            id=self.id,
            type=self.type,
            mode=modes.most_common(1)[0][0] if modes else None,
            sources=sources,
            targets=targets,
            location=places.most_common(1)[0][0] if places else None,
            date=date_value,
            date_precision=precision,
            mentions=[
                {"article": r.article, "start": r.mention.start, "end": r.mention.end} for r in self.refs
            ],
            articles=_ordered(r.article for r in self.refs),
            independent_sources=len({r.provenance for r in self.refs}),
            date_end=date_end,
        )


def _ordered(items) -> list[str]:
    return list(dict.fromkeys(items))


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] - SLACK <= b[1] and b[0] - SLACK <= a[1]


def _jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


_STOP = frozenset(words("في من إلى على عن مع أن إن التي الذي بين خلال كما وفق هذا هذه ذلك قد كان"))


def _content_words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in words(sentence) if len(w) > 2 and w not in _STOP)


def _fits_within_article(ref: EventRef, cluster: EventCluster) -> bool:
    """One article names one happening many ways ("الزيارة", "اللقاءات", "المباحثات"):
    same type, dates that fit and participants that do not conflict are one event."""
    if ref.mention.type != cluster.type or _excluded(ref):
        return False
    if any(r.mention.future != ref.mention.future for r in cluster.refs):
        return False  # a planned meeting is not the meeting that took place
    mine = date_interval(ref.mention.date, ref.mention.date_precision, ref.mention.date_end)
    theirs = cluster.interval()
    if mine and theirs and not _overlap(mine, theirs):
        return False
    if any(r.mention.sentence_start == ref.mention.sentence_start for r in cluster.refs):
        return True  # two triggers of one type in one sentence ("اغتيال ... قُتلا") tell one event
    # Named people who differ make different meetings; organisations and countries do not
    # (the Pentagon and its secretary are on the same side of one meeting).
    return not (ref.person_actors and cluster.persons and not (ref.person_actors & cluster.persons))


def _excluded(ref: EventRef) -> bool:
    # What did not (or only may) happen is recorded, never merged with what happened.
    return ref.mention.negated or ref.mention.hypothetical


def _wording(a: EventCluster, b: EventCluster) -> float:
    """Overlap coefficient of the evidence sentences' content words: unlike Jaccard it does
    not fall as an event gathers more reports."""
    words_a = frozenset().union(*(_content_words(r.sentence) for r in a.refs))
    words_b = frozenset().union(*(_content_words(r.sentence) for r in b.refs))
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def corefer_score(local: EventCluster, cluster: EventCluster) -> float | None:
    """How well one article's event fits an event assembled from other articles; None
    when they cannot be the same happening."""
    if local.type != cluster.type or any(_excluded(r) for r in (*local.refs, *cluster.refs)):
        return None
    if {r.mention.future for r in local.refs} != {r.mention.future for r in cluster.refs}:
        return None
    shared = len(local.participants & cluster.participants)
    shared_persons = len(local.persons & cluster.persons)
    country_fit = _jaccard(local.countries, cluster.countries)
    wording = _wording(local, cluster)
    mine, theirs = local.interval(), cluster.interval()
    if mine and theirs:
        if not _overlap(mine, theirs):
            return None
        if shared == 0 and country_fit < 0.5:
            return None
    elif mine or theirs:
        # One side undated: the same people and similar wording must vouch for it.
        if not (
            (shared_persons >= 2 and wording >= MIN_WORD_OVERLAP / 2)
            or (shared_persons >= 1 and wording >= MIN_WORD_OVERLAP)
        ):
            return None
    elif not (shared_persons >= 2 and wording >= 1.6 * MIN_WORD_OVERLAP):
        # Both undated: the same two ministers meet every year; only near-identical
        # reports of the same people are taken for one meeting.
        return None
    return 2.0 * shared_persons + shared + country_fit + 2.0 * wording


def _local_clusters(refs: list[EventRef]) -> list[EventCluster]:
    """One article's mentions grouped into the events it reports."""
    clusters: list[EventCluster] = []
    for ref in refs:
        home = next((c for c in clusters if _fits_within_article(ref, c)), None)
        if home is None:
            home = EventCluster(
                id=stable_id("e", ref.mention.type, ref.article, str(ref.mention.start)),
                type=ref.mention.type,
            )
            clusters.append(home)
        home.refs.append(ref)
    return clusters


def link_event_mentions(new: list[EventRef], candidates: list[EventCluster]) -> list[EventCluster]:
    """Attach the new articles' events to the best-fitting candidate events or start new ones.

    Each article's mentions are first grouped into the events it reports; each such event
    then joins the stored or new event it fits best. ``candidates`` are the stored events
    the store's index returned (updated in place). Returns every cluster that changed or
    was created. Dated events are placed first, so an undated one meets events with dates.
    """
    by_type: dict[str, list[EventCluster]] = {}
    for cluster in candidates:
        by_type.setdefault(cluster.type, []).append(cluster)
    per_article: dict[str, list[EventRef]] = {}
    for ref in new:
        per_article.setdefault(ref.article, []).append(ref)
    local = [c for refs in per_article.values() for c in _local_clusters(refs)]
    local.sort(key=lambda c: c.interval() is None)
    touched: dict[str, EventCluster] = {}
    for event in local:
        best, best_score = None, 0.0
        for cluster in by_type.get(event.type, []):
            if any(r.article in {x.article for x in event.refs} for r in cluster.refs):
                continue  # the article's other events were kept apart on purpose
            score = corefer_score(event, cluster)
            if score is not None and (best is None or score > best_score):
                best, best_score = cluster, score
        if best is None:
            by_type.setdefault(event.type, []).append(event)
            best = event
        else:
            best.refs.extend(event.refs)
        touched[best.id] = best
    return list(touched.values())


# --- wiring to the store ---------------------------------------------------------------

CANDIDATE_WINDOW_DAYS = 45  # stored events further apart in time are never candidates


def _is_actor_id(value: str) -> bool:
    """Resolved participants are actor ids; unresolved ones are Arabic text."""
    return bool(value) and not any("\u0600" <= ch <= "\u06ff" for ch in value)


def _refs_for_article(store: Store, article_id: str, fact_cache: dict, actor_cache: dict) -> list[EventRef]:
    found = facts(store, article_id, fact_cache)
    doc = store.annotations(article_id)
    if found is None or doc is None:
        return []
    refs = []
    for mention in doc.event_mentions:
        mention.sources = [a for a in mention.sources if _is_actor_id(a)]
        mention.targets = [a for a in mention.targets if _is_actor_id(a)]
        countries, persons = set(), set()
        for actor_id in (*mention.sources, *mention.targets):
            if actor_id not in actor_cache:
                actor_cache[actor_id] = store.get_actor(actor_id)
            actor = actor_cache[actor_id]
            if actor is None:
                continue
            if actor.country:
                countries.add(actor.country)
            if actor.type == "PER":
                persons.add(actor_id)
        refs.append(
            EventRef(
                mention=mention,
                article=article_id,
                provenance=found.provenance,
                sentence=doc.text[mention.sentence_start : mention.sentence_end],
                countries=frozenset(countries),
                person_actors=frozenset(persons),
            )
        )
    return refs


def _candidate_ids(store: Store, refs: list[EventRef]) -> set[str]:
    """Stored events that could be the same as a new mention: same type and either a
    date window that overlaps or a shared participant (indexed lookups only)."""
    ids: set[str] = set()
    for ref in refs:
        interval = date_interval(ref.mention.date, ref.mention.date_precision, ref.mention.date_end)
        if interval:
            lo = (interval[0] - timedelta(days=CANDIDATE_WINDOW_DAYS)).isoformat()
            hi = (interval[1] + timedelta(days=CANDIDATE_WINDOW_DAYS)).isoformat()
            rows = store.conn.execute(
                "SELECT id FROM events WHERE type = ? AND date_lo <= ? AND date_hi >= ?",
                (ref.mention.type, hi, lo),
            )
            ids.update(r[0] for r in rows)
        for actor_id in ref.participants:
            rows = store.conn.execute(
                "SELECT e.id FROM event_participants p JOIN events e ON e.id = p.event "
                "WHERE p.actor = ? AND e.type = ?",
                (actor_id, ref.mention.type),
            )
            ids.update(r[0] for r in rows)
    return ids


def link(store: Store, article_ids: Sequence[str]) -> None:
    """Merge the new articles' event mentions into the stored events (the "events" linker)."""
    fact_cache: dict = {}
    actor_cache: dict = {}
    new_ids = set(article_ids)
    new_refs = [ref for aid in article_ids for ref in _refs_for_article(store, aid, fact_cache, actor_cache)]
    if not new_refs:
        return
    # A re-analyzed article replaces its earlier evidence.
    stale = {
        r[0]
        for aid in new_ids
        for r in store.conn.execute("SELECT event FROM event_articles WHERE article = ?", (aid,))
    }
    candidate_ids = _candidate_ids(store, new_refs) | stale
    clusters: list[EventCluster] = []
    mention_cache: dict[str, dict[int, EventRef]] = {}
    emptied: list[str] = []
    for event_id in sorted(candidate_ids):
        event = store.get_event(event_id)
        if event is None:
            continue
        cluster = EventCluster(id=event.id, type=event.type)
        for evidence in event.mentions:
            article = evidence["article"]
            if article in new_ids:
                continue
            if article not in mention_cache:
                mention_cache[article] = {
                    r.mention.start: r for r in _refs_for_article(store, article, fact_cache, actor_cache)
                }
            ref = mention_cache[article].get(evidence["start"])
            if ref is not None:
                cluster.refs.append(ref)
        if cluster.refs:
            clusters.append(cluster)
        else:
            emptied.append(event_id)
    touched = link_event_mentions(new_refs, clusters)
    if emptied:
        store.delete_events(emptied)
    events = [cluster.to_event() for cluster in touched]
    store.save_events(events)
    for cluster, event in zip(touched, events, strict=True):
        interval = cluster.interval()
        store.conn.execute(
            "UPDATE events SET date_lo = ?, date_hi = ? WHERE id = ?",
            (
                interval[0].isoformat() if interval else None,
                interval[1].isoformat() if interval else None,
                event.id,
            ),
        )
        store.conn.execute("DELETE FROM event_participants WHERE event = ?", (event.id,))
        store.conn.executemany(
            "INSERT OR IGNORE INTO event_participants (event, actor) VALUES (?, ?)",
            [(event.id, a) for a in cluster.participants],
        )
