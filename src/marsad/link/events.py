"""Event coreference: one record per real-world event, however many outlets copied it.

Event mentions from different articles that report the same happening merge into one
``Event`` with all their evidence spans. A merge needs evidence in proportion to what it
claims. Always: the same PLOVER type and modal flags, dates compatible within their
precision, and places that do not conflict when both reports give one (an event of several
reports is placed by its principal places, those its reports give often: Kerry in Cairo and
Kerry in Doha the next day are two meetings). Then:

- both dated to within ``FINE_SPAN`` days: more than one shared side (each shared
  participant counts, by country where one is known; where the reports name different
  people of one side, each shared side, country and sector, counts; the same countries
  count once when nothing else is shared), or one shared side with both the same place and
  similar wording of the evidence sentences, or one shared person in very similar words
  (``SIMILAR_WORDING``: the place is what reports most often leave out or get wrong); a
  near-identical evidence sentence is enough on its own. Two reports of one day sharing
  one actor (the king, a ministry, Kerry on his tour) are not one event on that alone;
- a date known only to the month or year (most often the publication month, when the
  sentence gives no date): publication days within ``PUBLICATION_WINDOW`` of each other,
  and a near-identical evidence sentence, a shared person with similar wording, another
  shared participant with more similar wording (``MIN_SHARED_WORDING``), or two actors that
  one report of each names together (the pair Iraq's defence ministry + the Pentagon;
  two countries only in similar words or with a third shared participant);
- one or both undated: shared persons and similar wording;
- whatever the dates allow, reports that share no participant (their parties are most often
  not resolved to actors: "طيار", "الجاني") but tell the happening in similar sentences and
  words, published within a day, not of two different named people.

Participants are matched by what they stand for: a country and the capital it acts through
("الولايات المتحدة", "واشنطن") are one participant, and a person the actor dictionary does not
know by the given and family name (``arabic.person_names``: the actor linker keeps "عبدالله
ال منصور" and "عبدالله دواس آل منصور" as two new actors; reports of his death name him both
ways). Merge explanations name the actor ids behind these keys.

Two events of several reports each need similar wording besides what they share: the
participants of a day's big meetings are shared by all of them. Profiles keep the
countries and sides of their kept participants only.

A near copy of an article (dedup's ``duplicate_of``) always shares its events: each of
its events joins the root article's event of the same type and compatible date.

Each stored event keeps these aggregates (``EventProfile``, JSON in ``events.profile``) and
is indexed by what a new mention must share with it (``event_keys``: actor, country or
min-hash of an evidence sentence, type, date window, publication window), so linking a new
article costs a few indexed lookups and never re-reads the evidence of stored events.
Profiles are bounded: the ``MAX_PROFILE_ACTORS`` participants and ``MAX_PROFILE_WORDS``
words most reports name, so an event reported a hundred times does not come to share
something with every report. Only a re-analyzed article (or a store written before the
profiles existed) makes its events be rebuilt from their evidence.

Every merge is explained (``Event.merges``): which articles joined, the participants,
countries and place they share, the date and the wording score, and the rule that allowed
it.

``independent_sources`` counts outlets that did not copy each other: near-duplicate copies
collapse onto their first-seen article, and reports that cite the same wire agency or
statement count once.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from marsad.arabic.normalize import words
from marsad.arabic.person_names import person_key
from marsad.arabic.titles import COUNTRY_NAMES
from marsad.link import event_tables as tables
from marsad.link.dates import date_interval
from marsad.link.provenance import facts
from marsad.model import Actor, Event, EventMention, stable_id

if TYPE_CHECKING:
    from marsad.store.db import Store

SLACK = timedelta(days=1)  # "yesterday" in one outlet is "today" in another's time zone
FINE_SPAN = timedelta(days=14)  # a date known within two weeks is compared by its days
PUBLICATION_WINDOW = timedelta(days=3)  # reports of one undated happening appear together
MIN_WORD_OVERLAP = 0.25  # overlap of evidence-sentence content words needed for weak dates
NEAR_COPY = 0.6  # Jaccard of two evidence sentences' content words: one sentence re-run
NEAR_COPY_MIN_WORDS = 5  # content words a sentence needs to tell one happening by itself
MIN_EVIDENCE = 2  # pieces of evidence a merge of two reports dated to the same days needs
MIN_SHARED_SIDES = 2  # sides shared by two reports of the same days that suffice on their own
MAX_CANDIDATES_PER_KEY = 300  # a safety cap for actors in everything (the king, a country)
MAX_CANDIDATES_PER_SENTENCE_KEY = 30  # the newest events holding one min-hash of a sentence
MAX_PAIRED = 8  # actors of one report that form pairs (8 → at most 28 pairs)
MAX_PROFILE_ACTORS = 16  # participants an event is matched by: those most reports name
MAX_PROFILE_WORDS = 80  # evidence words kept: those most reports use
MAX_PROFILE_SENTENCES = 8  # evidence sentences kept for the near-copy test
MAX_PROFILE_PAIRS = 45  # pairs of kept participants (all pairs of ten)
SENTENCE_KEYS = 4  # min-hashes of an evidence sentence's words: a re-run sentence (Jaccard ≥
# NEAR_COPY) shares one of them with probability ≥ 1 - 0.4⁴ ≈ 0.97, whoever it names
SIMILAR_SENTENCE = 0.3  # Jaccard of two evidence sentences that, with similar wording (below),
SIMILAR_WORDING = 0.5  # tells one happening of reports published within a day that name no
# participant in common (unresolved parties: "طيار", "الجاني", "أمناء سر الاتحادات")
SIMILAR_WINDOW = timedelta(days=1)
MIN_SHARED_WORDING = 0.4  # wording that, with a shared organisation or country actor, tells
# one happening of weakly dated reports published together (a person needs MIN_WORD_OVERLAP)

NEW_ACTOR = "actor-"  # id prefix of actors the dictionary does not know (``annotate.actors``)
PERSON_KEY = "name:"  # prefix of a person's name key among an event's participants
STATE_KEY = "state:"  # prefix of a country's key: the country and its capital are one participant

PRINCIPAL_PLACE = 0.25  # share of the most given place's count that makes a place principal

_DATE_RANK = {"day": 0, "range": 1, "month": 2, "year": 3}


@dataclass(slots=True)
class EventRef:
    """An event mention with what coreference needs to know about its article."""

    mention: EventMention
    article: str
    provenance: str  # the wire agency cited, else the outlet of the first-seen copy
    sentence: str = ""
    countries: frozenset[str] = frozenset()  # countries of the participants
    person_actors: frozenset[str] = frozenset()  # participant ids that are persons
    published: date | None = None  # publication day of the article
    place_country: str | None = None  # country of the mention's place
    sides: frozenset[str] = frozenset()  # "IRQ:GOV": country and sector of each participant
    actor_countries: dict[str, str] = field(default_factory=dict)  # participant → its country
    copy_of: str | None = None  # the first-seen copy of its article (dedup), if a copy
    keys: dict[str, str] = field(default_factory=dict)  # participant → what it is matched by

    def key(self, actor_id: str) -> str:
        """What a participant is matched by: its id, or for a person the dictionary does not
        know, its name's key (``person_key``): the actor linker keeps "عبدالله ال منصور" and
        "عبدالله دواس آل منصور" apart as two new actors, reports of his death name him both ways."""
        return self.keys.get(actor_id, actor_id)

    @property
    def participants(self) -> frozenset[str]:
        return frozenset(self.key(a) for a in (*self.mention.sources, *self.mention.targets))

    @property
    def interval(self) -> tuple[date, date] | None:
        """The days the mention's date allows; a date wholly after the article's publication
        for what is reported as done (not planned) is another time the sentence names (the
        tournament postponed "to December"): the mention is then dated by its publication
        month, as a mention with no date of its own is."""
        m = self.mention
        interval = date_interval(m.date, m.date_precision, m.date_end)
        if interval and self.published and not m.future and interval[0] > self.published + SLACK:
            month = self.published.replace(day=1)
            return date_interval(month.isoformat()[:7], "month")
        return interval


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _top(counts: Counter[str], n: int) -> Counter[str]:
    """The ``n`` most frequent keys, ties by key: a bound that does not depend on order."""
    if len(counts) <= n:
        return counts
    return Counter(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]))


def _counter(value: Any) -> Counter[str]:
    """A stored count map; profiles written before counts were kept stored plain lists."""
    return Counter(value) if isinstance(value, dict) else Counter(dict.fromkeys(value, 1))


@dataclass(slots=True)
class EventProfile:
    """What coreference compares, aggregated over an event's evidence; stored as JSON so
    that a stored event is scored and extended without re-reading its articles. Counts are
    of evidence mentions; the bounds keep what most of them share."""

    futures: set[bool] = field(default_factory=set)
    excluded: bool = False  # negated or hypothetical: recorded, never merged
    participants: Counter[str] = field(default_factory=Counter)
    persons: set[str] = field(default_factory=set)
    pairs: set[str] = field(default_factory=set)  # "a|b": two actors one report names together
    countries: set[str] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    actor_countries: dict[str, str] = field(default_factory=dict)  # of the kept participants
    key_ids: dict[str, str] = field(default_factory=dict)  # a participant's key → an actor id it stands for
    words: Counter[str] = field(default_factory=Counter)
    sentences: list[list[str]] = field(default_factory=list)  # content words of evidence sentences
    interval: tuple[date, date] | None = None  # the tightest dated interval (most precise wins)
    best_date: tuple[str, str | None, str | None] | None = None  # value, precision, end
    modes: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    place_countries: set[str] = field(default_factory=set)
    country_of_place: dict[str, str] = field(default_factory=dict)  # place actor → its country
    provenances: set[str] = field(default_factory=set)
    published: tuple[date, date] | None = None  # first and last publication day

    def add(self, ref: EventRef) -> None:
        m = ref.mention
        self.futures.add(m.future)
        self.excluded = self.excluded or _excluded(ref)
        self.participants.update(ref.participants)
        self.persons |= ref.person_actors
        self.countries |= ref.countries
        self.sides |= ref.sides
        self.actor_countries.update(ref.actor_countries)
        for actor_id, key in sorted(ref.keys.items()):
            self.key_ids.setdefault(key, actor_id)
        content = _content_words(ref.sentence)
        self.words.update(content)
        self._sentence(sorted(content))
        interval = ref.interval
        if interval:
            own = interval == date_interval(m.date, m.date_precision, m.date_end)
            dated = (
                (m.date or "", m.date_precision, m.date_end)
                if own
                else (interval[0].isoformat()[:7], "month", None)
            )
            self._narrow(interval, dated)
        if m.mode:
            self.modes[m.mode] += 1
        if m.location:
            self.places[m.location] += 1
            if ref.place_country:
                self.place_countries.add(ref.place_country)
                self.country_of_place[m.location] = ref.place_country
        self.provenances.add(ref.provenance)
        if ref.published:
            self._published(ref.published, ref.published)
        self.bound()

    def merge(self, other: EventProfile) -> None:
        self.futures |= other.futures
        self.excluded = self.excluded or other.excluded
        self.participants.update(other.participants)
        self.persons |= other.persons
        self.pairs |= other.pairs
        self.countries |= other.countries
        self.sides |= other.sides
        self.actor_countries.update(other.actor_countries)
        for key, actor_id in other.key_ids.items():
            self.key_ids.setdefault(key, actor_id)
        self.words.update(other.words)
        for sentence in other.sentences:
            self._sentence(sentence)
        if other.interval and other.best_date:
            self._narrow(other.interval, other.best_date)
        self.modes.update(other.modes)
        self.places.update(other.places)
        self.place_countries |= other.place_countries
        self.country_of_place.update(other.country_of_place)
        self.provenances |= other.provenances
        if other.published:
            self._published(*other.published)
        self.bound()

    def bound(self) -> None:
        """Keep what most reports share, so a big event does not attract every report."""
        self.participants = _top(self.participants, MAX_PROFILE_ACTORS)
        self.persons &= set(self.participants)
        kept = set(self.participants)
        self.actor_countries = {a: c for a, c in self.actor_countries.items() if a in kept}
        self.key_ids = {k: a for k, a in self.key_ids.items() if k in kept}
        pairs = sorted(p for p in self.pairs if set(p.split("|")) <= kept)
        if len(pairs) > MAX_PROFILE_PAIRS:
            rank = {a: (-n, a) for a, n in self.participants.items()}
            pairs.sort(key=lambda p: sorted(rank[a] for a in p.split("|")))
            pairs = pairs[:MAX_PROFILE_PAIRS]
        self.pairs = set(pairs)
        self.words = _top(self.words, MAX_PROFILE_WORDS)
        # Countries and sides are those of the kept participants: unbounded, a big event's
        # would come to share a country and a sector with every report of the region.
        if self.actor_countries:
            self.countries = set(self.actor_countries.values())
            self.sides = {side for side in self.sides if side.split(":")[0] in self.countries}

    def principal_places(self) -> set[str]:
        """The places its reports give often (at least ``PRINCIPAL_PLACE`` of the most
        given one's count): a report of the Doha meeting that names Cairo in passing does
        not make Cairo the meeting's place, but a meeting's place is often outnumbered by
        what it discussed ("بحث الوضع في اليمن")."""
        if not self.places:
            return set()
        top = max(self.places.values())
        return {place for place, n in self.places.items() if n >= PRINCIPAL_PLACE * top}

    def _sentence(self, content: list[str]) -> None:
        if content and len(self.sentences) < MAX_PROFILE_SENTENCES and content not in self.sentences:
            self.sentences.append(content)

    def _narrow(self, interval: tuple[date, date], dated: tuple[str, str | None, str | None]) -> None:
        # Ties keep what came first, as a report read earlier is kept.
        if self.interval is None or interval[1] - interval[0] < self.interval[1] - self.interval[0]:
            self.interval = interval
        rank = _DATE_RANK.get(dated[1] or "", 9)
        if self.best_date is None or rank < _DATE_RANK.get(self.best_date[1] or "", 9):
            self.best_date = dated

    def _published(self, lo: date, hi: date) -> None:
        self.published = (
            (min(lo, self.published[0]), max(hi, self.published[1])) if self.published else (lo, hi)
        )

    @property
    def fine(self) -> bool:
        return self.interval is not None and self.interval[1] - self.interval[0] <= FINE_SPAN

    def to_json(self) -> str:
        return json.dumps(
            {
                "futures": sorted(self.futures),
                "excluded": self.excluded,
                "participants": dict(sorted(self.participants.items())),
                "persons": sorted(self.persons),
                "pairs": sorted(self.pairs),
                "countries": sorted(self.countries),
                "sides": sorted(self.sides),
                "actor_countries": dict(sorted(self.actor_countries.items())),
                "key_ids": dict(sorted(self.key_ids.items())),
                "words": dict(sorted(self.words.items())),
                "sentences": self.sentences,
                "interval": [_iso(d) for d in self.interval] if self.interval else None,
                "best_date": list(self.best_date) if self.best_date else None,
                "modes": dict(self.modes),
                "places": dict(self.places),
                "place_countries": sorted(self.place_countries),
                "country_of_place": dict(sorted(self.country_of_place.items())),
                "provenances": sorted(self.provenances),
                "published": [_iso(d) for d in self.published] if self.published else None,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> EventProfile:
        data: dict[str, Any] = json.loads(text)
        interval = data["interval"]
        published = data["published"]
        return cls(
            futures=set(data["futures"]),
            excluded=data["excluded"],
            participants=_counter(data["participants"]),
            persons=set(data["persons"]),
            pairs=set(data["pairs"]),
            countries=set(data["countries"]),
            sides=set(data.get("sides", [])),
            actor_countries=dict(data.get("actor_countries", {})),
            key_ids=dict(data.get("key_ids", {})),
            words=_counter(data["words"]),
            sentences=[list(s) for s in data.get("sentences", [])],
            interval=(date.fromisoformat(interval[0]), date.fromisoformat(interval[1])) if interval else None,
            best_date=tuple(data["best_date"]) if data["best_date"] else None,
            modes=Counter(data["modes"]),
            places=Counter(data["places"]),
            place_countries=set(data.get("place_countries", [])),
            country_of_place=dict(data.get("country_of_place", {})),
            provenances=set(data["provenances"]),
            published=(date.fromisoformat(published[0]), date.fromisoformat(published[1]))
            if published
            else None,
        )


@dataclass(slots=True)
class Evidence:
    """Why two reports are taken for one event: what they share and the rule that held."""

    rule: str
    shared: list[str] = field(default_factory=list)  # shared participants (actor ids)
    countries: list[str] = field(default_factory=list)  # shared participant countries
    place: str | None = None  # the place both give
    date: str | None = None  # the days both dates allow, ISO ("2023-08-07" or "a/b")
    wording: float = 0.0  # overlap of their evidence sentences' content words
    same_sentence: float = 0.0  # best Jaccard of two evidence sentences
    score: float = 0.0

    def explain(self, articles: list[str]) -> dict[str, Any]:
        return {
            "articles": articles,
            "rule": self.rule,
            "shared_participants": self.shared,
            "shared_countries": self.countries,
            "place": self.place,
            "date": self.date,
            "wording": round(self.wording, 2),
            "same_sentence": round(self.same_sentence, 2),
        }


@dataclass(slots=True)
class EventCluster:
    """An event being assembled: a stored event (``stored``, with its ``profile``) and/or
    the mentions of this run (``refs``); ``to_event`` gives the exported record."""

    id: str
    type: str
    refs: list[EventRef] = field(default_factory=list)
    profile: EventProfile = field(default_factory=EventProfile)
    extends_stored: bool = False  # a stored event read by its profile: its record gets the refs
    stored: Event | None = None  # that record, read when the event is saved
    absorbed: list[Event] = field(default_factory=list)  # stored events found to be this one
    grew: bool = False  # absorbed another report in this run
    merges: list[dict[str, Any]] = field(default_factory=list)  # explanations of this run's merges

    def add(self, ref: EventRef) -> None:
        self.refs.append(ref)
        self.profile.add(ref)

    def absorb(self, other: EventCluster, evidence: Evidence) -> None:
        self.merges.append(evidence.explain(_ordered(r.article for r in other.refs)))
        self.merges.extend(other.merges)
        self.refs.extend(other.refs)
        self.profile.merge(other.profile)
        self.grew = True

    def interval(self) -> tuple[date, date] | None:
        return self.profile.interval

    def dated_keys(self) -> set[str]:
        """What another report dated to the same days must share with it: an actor or a country."""
        return set(self.profile.participants) | {"@" + c for c in self.profile.countries}

    def weak_keys(self) -> set[str]:
        """What a report with a weak date (or none) must share with it: a person, a pair,
        an evidence sentence (min-hash) or, published together, any participant."""
        return self.profile.persons | self.profile.pairs | self.sentence_keys()

    def sentence_keys(self) -> set[str]:
        """Min-hashes of its evidence sentences: how a report that re-runs one of them is
        found when the two share no participant (mentions without resolved parties)."""
        return {key for sentence in self.profile.sentences for key in _sentence_keys(sentence)}

    def match_keys(self) -> set[str]:
        """What another report of this event must share with it to be compared at all."""
        return self.dated_keys() | self.profile.pairs | self.sentence_keys()

    def to_event(self) -> Event:
        earlier = [e for e in (self.stored, *self.absorbed) if e is not None]
        sources = _ordered(
            [*(a for e in earlier for a in e.sources), *(a for r in self.refs for a in r.mention.sources)]
        )
        targets = _ordered(
            [*(a for e in earlier for a in e.targets), *(a for r in self.refs for a in r.mention.targets)]
        )
        p = self.profile
        value, precision, end = p.best_date if p.best_date else (None, None, None)
        return Event(
            id=self.id,
            type=self.type,
            mode=_most_common(p.modes),
            sources=sources,
            targets=[a for a in targets if a not in sources],
            location=_most_common(p.places),
            date=value or None,
            date_precision=precision,
            mentions=[
                *(m for e in earlier for m in e.mentions),
                *({"article": r.article, "start": r.mention.start, "end": r.mention.end} for r in self.refs),
            ],
            articles=_ordered([*(a for e in earlier for a in e.articles), *(r.article for r in self.refs)]),
            independent_sources=len(p.provenances),
            date_end=end,
            merges=[*(m for e in earlier for m in e.merges), *self.merges],
        )


def _most_common(counts: Counter[str]) -> str | None:
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def _ordered(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] - SLACK <= b[1] and b[0] - SLACK <= a[1]


def _common_days(a: tuple[date, date] | None, b: tuple[date, date] | None) -> str | None:
    if a is None or b is None:
        known = a or b
        return _iso(known[0]) if known else None
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if lo > hi:  # within the slack only
        lo, hi = min(a[1], b[1]), max(a[0], b[0])
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"


def _jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


_STOP = frozenset(words("في من إلى على عن مع أن إن التي الذي بين خلال كما وفق هذا هذه ذلك قد كان"))


def _content_words(sentence: str) -> set[str]:
    return {w for w in words(sentence) if len(w) > 2 and w not in _STOP}


def _fits_within_article(ref: EventRef, cluster: EventCluster) -> bool:
    """One article names one happening many ways ("الزيارة", "اللقاءات", "المباحثات"):
    same type, dates that fit and participants that do not conflict are one event. What
    did not (or only may) happen stays on its own, and takes nothing with it."""
    if ref.mention.type != cluster.type or _excluded(ref) or cluster.profile.excluded:
        return False
    if cluster.profile.futures != {ref.mention.future}:
        return False  # a planned meeting is not the meeting that took place
    mine, theirs = ref.interval, cluster.interval()
    if mine and theirs and not _overlap(mine, theirs):
        return False
    if any(r.mention.sentence_start == ref.mention.sentence_start for r in cluster.refs):
        return True  # two triggers of one type in one sentence ("اغتيال ... قُتلا") tell one event
    if _other_counterpart(ref, cluster):
        return False
    # Named people who differ make different meetings; organisations and countries do not
    # (the Pentagon and its secretary are on the same side of one meeting).
    persons = cluster.profile.persons
    return not (ref.person_actors and persons and not (ref.person_actors & persons))


def _other_counterpart(ref: EventRef, cluster: EventCluster) -> bool:
    """The same doer with another person as counterpart is another happening: al-Araji
    receiving Kent and al-Araji meeting Dragone are two meetings of one article."""
    mine = {ref.key(a) for a in ref.mention.targets} & ref.person_actors
    doers = {ref.key(a) for a in ref.mention.sources}
    if not mine or not doers:
        return False
    for other in cluster.refs:
        theirs = {other.key(a) for a in other.mention.targets} & other.person_actors
        their_doers = {other.key(a) for a in other.mention.sources}
        if theirs and doers & their_doers and not (theirs & (mine | doers)) and not (mine & their_doers):
            return True
    return False


def _sentence_keys(content: list[str]) -> tuple[str, ...]:
    """``SENTENCE_KEYS`` min-hashes of a sentence's content words (crc32 with a salt per
    hash: stable across processes, unlike ``hash``); none for a sentence too short to tell
    one happening by itself."""
    if len(content) < NEAR_COPY_MIN_WORDS:
        return ()
    return _min_hashes(tuple(content))


# the crc32 start value of each min-hash: crc32 of its salt byte
_SALTS = tuple(zlib.crc32(bytes([k])) for k in range(SENTENCE_KEYS))


@lru_cache(maxsize=1 << 16)
def _min_hashes(content: tuple[str, ...]) -> tuple[str, ...]:
    # cached: an event's profile sentences are keyed again each time a report is compared
    # with it, and hashing every word four times was half the events linker's time
    encoded = [w.encode() for w in content]
    return tuple(f"~{k}:{min(zlib.crc32(w, salt) for w in encoded):08x}" for k, salt in enumerate(_SALTS))


def _excluded(ref: EventRef) -> bool:
    # What did not (or only may) happen is recorded, never merged with what happened.
    return ref.mention.negated or ref.mention.hypothetical


def _wording(a: EventProfile, b: EventProfile) -> float:
    """Overlap coefficient of the evidence sentences' content words: unlike Jaccard it does
    not fall as an event gathers more reports (the bounded profile keeps it from rising
    as one gathers many words)."""
    if not a.words or not b.words:
        return 0.0
    return len(a.words.keys() & b.words.keys()) / min(len(a.words), len(b.words))


def _same_sentence(a: EventProfile, b: EventProfile) -> float:
    """The best Jaccard between an evidence sentence of each: 1.0 for one sentence re-run."""
    best = 0.0
    for x in a.sentences:
        if len(x) < NEAR_COPY_MIN_WORDS:
            continue  # "بحث الجانبان العلاقات": said of every meeting
        sx = set(x)
        for y in b.sentences:
            if len(y) >= NEAR_COPY_MIN_WORDS:
                best = max(best, _jaccard(sx, set(y)))
    return best


def _places_conflict(a: EventProfile, b: EventProfile) -> bool:
    """Two reports that each give a place, with no place or place country in common,
    tell of different happenings ("a strike on Sanaa", "a strike on Aden"). An event of
    several reports is placed by its principal places: Kerry in Cairo and Kerry in Doha
    the next day are two meetings, whatever a report of one names in passing."""
    if not a.places or not b.places:
        return False
    mine, theirs = a.principal_places(), b.principal_places()
    if mine & theirs:
        return False
    my_countries = {a.country_of_place[p] for p in mine if p in a.country_of_place}
    their_countries = {b.country_of_place[p] for p in theirs if p in b.country_of_place}
    if my_countries and their_countries and not (my_countries & their_countries):
        return True
    if a.places.keys() & b.places.keys():
        return False
    return bool(a.place_countries and b.place_countries and not (a.place_countries & b.place_countries))


def _published_close(a: EventProfile, b: EventProfile, window: timedelta = PUBLICATION_WINDOW) -> bool:
    if a.published is None or b.published is None:
        return True
    return a.published[0] - window <= b.published[1] and b.published[0] - window <= a.published[1]


def corefer(local: EventCluster, cluster: EventCluster) -> Evidence | None:
    """Why one article's event is an event assembled from other articles, or None when
    the evidence is not enough (or they cannot be the same happening)."""
    a, b = local.profile, cluster.profile
    if local.type != cluster.type or a.excluded or b.excluded or a.futures != b.futures:
        return None
    shared = sorted(a.participants.keys() & b.participants.keys())
    shared_persons = len(a.persons & b.persons)
    countries = sorted(a.countries & b.countries)
    country_fit = _jaccard(a.countries, b.countries)
    copy = _same_sentence(a, b)
    if not shared and country_fit == 0 and copy < NEAR_COPY:
        # A re-run sentence tells one happening whoever the reports name; so do two
        # sentences told in similar words, published together, of no named people apart.
        return _similar_sentences(a, b, copy)
    wording = _wording(a, b)
    place = _most_common(Counter({p: a.places[p] + b.places[p] for p in a.places.keys() & b.places.keys()}))
    mine, theirs = a.interval, b.interval
    rule = ""
    if mine and theirs:
        if not _overlap(mine, theirs):
            return None
        if a.fine and b.fine:
            if _places_conflict(a, b):
                return None  # the same day somewhere else (places of vaguer reports are too noisy)
            # Evidence in proportion: each shared participant (or, where the reports name
            # different people of one side, "the Iraqi government", each shared side), the
            # same place, similar words; with neither, the same countries count once.
            sides = a.sides & b.sides
            # Kerry and "the United States" are one side: shared actors count by country.
            countries_of = {**b.actor_countries, **a.actor_countries}
            who = max(len({countries_of.get(x, x) for x in shared}), len(sides))
            if not who and len(countries) >= 2 and country_fit >= 0.5:
                who = 1
            points = who + (place is not None) + (wording >= MIN_WORD_OVERLAP)
            if copy >= NEAR_COPY:
                rule = "same sentence, same days"
            elif len(a.provenances) > 1 and len(b.provenances) > 1 and wording < MIN_WORD_OVERLAP:
                # Two events of several reports each: participants shared by the day's big
                # meetings are not enough without their reports' words.
                return None
            elif who >= MIN_SHARED_SIDES or (who and points > MIN_EVIDENCE):
                # More than one shared side, or one with both the same place and similar
                # words: one shared actor of a big event is what every report of the day has.
                rule = "same days and " + _evidence_words(who if shared else 0, len(sides), place, wording)
            elif shared_persons and wording >= SIMILAR_WORDING:
                # One named person in very similar words on the same days: the place is what
                # reports most often leave out or get wrong ("فواز" read as a place beside نجران).
                rule = "same days and the same person in very similar words"
            else:
                return None
        elif not _published_close(a, b):
            return None
        elif copy >= NEAR_COPY and not _places_conflict(a, b):
            rule = "same sentence, published together"
        elif shared_persons >= 1 and wording >= MIN_WORD_OVERLAP:
            rule = "same person in similar words, published together"
        elif shared and wording >= MIN_SHARED_WORDING and not _places_conflict(a, b):
            rule = "same participant in similar words, published together"
        elif (pairs := a.pairs & b.pairs) and (
            wording >= MIN_WORD_OVERLAP
            or (
                wording >= MIN_WORD_OVERLAP / 2
                and (
                    len(shared) > MIN_SHARED_SIDES
                    or any(set(pair.split("|")) & (a.persons | b.persons) for pair in pairs)
                )
            )
        ):
            # A month (most often only the publication month) says little: reports
            # published together, of the same person in similar words or of the same two
            # actors (a person among them, a third participant shared, or in similar words: two
            # countries named together are every week's news), must vouch for it.
            rule = "same two actors named together, published together"
        else:
            return None
    elif mine or theirs:
        # One side undated: the same people and similar wording must vouch for it.
        if (shared_persons >= 2 and wording >= MIN_WORD_OVERLAP / 2) or (
            shared_persons >= 1 and wording >= MIN_WORD_OVERLAP
        ):
            rule = "same people in similar words, one report undated"
        else:
            return None
    elif shared_persons >= 2 and wording >= 1.6 * MIN_WORD_OVERLAP:
        # Both undated: the same two ministers meet every year; only near-identical
        # reports of the same people are taken for one meeting.
        rule = "same people in near-identical words, both undated"
    else:
        return None
    return Evidence(
        rule=rule,
        shared=_actor_ids(shared, a, b),
        countries=countries,
        place=place,
        date=_common_days(mine, theirs),
        wording=wording,
        same_sentence=copy,
        score=2.0 * shared_persons + len(shared) + country_fit + 2.0 * wording + 2.0 * copy,
    )


def _actor_ids(keys: Iterable[str], a: EventProfile, b: EventProfile) -> list[str]:
    """The actor ids behind shared participant keys, for the merge's explanation (the
    export and the event page name actors by id)."""
    return sorted({a.key_ids.get(k) or b.key_ids.get(k) or k for k in keys})


def _similar_sentences(a: EventProfile, b: EventProfile, copy: float) -> Evidence | None:
    """Reports that share no participant (most often because their parties are not
    resolved to actors) but tell the happening in similar sentences and words, published
    within ``SIMILAR_WINDOW`` of each other, in places and on dates that fit, and not of
    two different named people."""
    if copy < SIMILAR_SENTENCE or (a.persons and b.persons):
        return None
    wording = _wording(a, b)
    if wording < SIMILAR_WORDING or not _published_close(a, b, SIMILAR_WINDOW) or _places_conflict(a, b):
        return None
    if a.interval and b.interval and not _overlap(a.interval, b.interval):
        return None
    return Evidence(
        rule="similar sentences, published together",
        date=_common_days(a.interval, b.interval),
        wording=wording,
        same_sentence=copy,
        score=2.0 * wording + 2.0 * copy,
    )


def _evidence_words(shared: int, sides: int, place: str | None, wording: float) -> str:
    parts = []
    if shared >= sides and shared:
        parts.append(f"shared participants of {shared} side" + ("s" if shared > 1 else ""))
    elif sides:
        parts.append(f"{sides} shared side" + ("s" if sides > 1 else "") + " (country and sector)")
    else:
        parts.append("the same countries")
    if place:
        parts.append("the same place")
    if wording >= MIN_WORD_OVERLAP:
        parts.append("similar words")
    return ", ".join(parts)


def _copy_evidence(local: EventCluster, cluster: EventCluster, root: str) -> Evidence | None:
    """A copy of an article shares its events: the same type, modal flags and dates that
    fit are enough."""
    a, b = local.profile, cluster.profile
    if local.type != cluster.type or a.excluded or b.excluded or a.futures != b.futures:
        return None
    if a.interval and b.interval and not _overlap(a.interval, b.interval):
        return None
    return Evidence(
        rule=f"copy of article {root}",
        shared=_actor_ids(a.participants.keys() & b.participants.keys(), a, b),
        countries=sorted(a.countries & b.countries),
        date=_common_days(a.interval, b.interval),
        wording=_wording(a, b),
        same_sentence=_same_sentence(a, b),
        score=10.0 + _same_sentence(a, b),
    )


def _pairs(actors: Iterable[str]) -> set[str]:
    chosen = sorted(actors)[:MAX_PAIRED]
    return {f"{x}|{y}" for i, x in enumerate(chosen) for y in chosen[i + 1 :]}


def _set_pairs(cluster: EventCluster) -> None:
    """Pairs are taken per article: the actors one report names for one event."""
    per_article: dict[str, set[str]] = {}
    for ref in cluster.refs:
        per_article.setdefault(ref.article, set()).update(ref.participants)
    for actors in per_article.values():
        cluster.profile.pairs |= _pairs(actors)
    cluster.profile.bound()


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
        home.add(ref)
    for cluster in clusters:
        _set_pairs(cluster)
    return clusters


def local_events(new: list[EventRef]) -> list[EventCluster]:
    """The events each new article reports (its mentions grouped), dated ones first so
    that an undated event meets events with dates."""
    per_article: dict[str, list[EventRef]] = {}
    for ref in new:
        per_article.setdefault(ref.article, []).append(ref)
    local = [c for refs in per_article.values() for c in _local_clusters(refs)]
    local.sort(key=lambda c: c.interval() is None)
    return local


def attach(
    local: list[EventCluster],
    candidates: list[EventCluster],
    root_events: dict[str, list[EventCluster]] | None = None,
) -> list[EventCluster]:
    """Each new article's event joins the candidate or earlier new event it fits best
    among those sharing an actor or country with it, or stands as a new event. The events
    of a copy join those of its first-seen article (``root_events``, by root article id,
    and those of this run's articles). Returns every cluster that changed or was created."""
    by_key: dict[tuple[str, str], list[EventCluster]] = {}
    by_article: dict[str, list[EventCluster]] = {k: list(v) for k, v in (root_events or {}).items()}
    ids = {c.id for c in candidates}

    def index(cluster: EventCluster) -> None:
        for key in sorted(cluster.match_keys()):
            bucket = by_key.setdefault((cluster.type, key), [])
            if cluster not in bucket:
                bucket.append(cluster)
        for article in {r.article for r in cluster.refs}:
            bucket = by_article.setdefault(article, [])
            if cluster not in bucket:
                bucket.append(cluster)

    for cluster in candidates:
        index(cluster)
    touched: dict[str, EventCluster] = {}
    for event in local:
        own_articles = {r.article for r in event.refs}
        best: EventCluster | None = None
        best_evidence: Evidence | None = None

        def consider(cluster: EventCluster, evidence: Evidence | None) -> None:
            nonlocal best, best_evidence
            if evidence is None:
                return
            if (
                best is None
                or best_evidence is None
                or (evidence.score, best.id) > (best_evidence.score, cluster.id)
            ):
                best, best_evidence = cluster, evidence

        root = event.refs[0].copy_of
        if root:
            for cluster in by_article.get(root, []):
                if cluster is not event and not any(r.article in own_articles for r in cluster.refs):
                    consider(cluster, _copy_evidence(event, cluster, root))
        if best is None:
            seen: set[str] = set()
            for key in sorted(event.match_keys()):
                for cluster in by_key.get((event.type, key), []):
                    if cluster.id in seen:
                        continue
                    seen.add(cluster.id)
                    if any(r.article in own_articles for r in cluster.refs):
                        continue  # the article's other events were kept apart on purpose
                    consider(cluster, corefer(event, cluster))
        if best is None or best_evidence is None:
            if event.id in ids:  # a re-analyzed article's event that no longer fits its old one
                event.id = stable_id(event.id, "re-analyzed")
            best = event
            ids.add(event.id)
        else:
            best.absorb(event, best_evidence)
        index(best)  # its keys may have grown
        touched[best.id] = best
    return list(touched.values())


def regroup(clusters: list[EventCluster], new_ids: set[str]) -> list[EventCluster]:
    """Events of this run that an event grown in this run now fits (a report read before
    the one that gave the event its words): the smaller joins the bigger. Only events
    created in this run (``new_ids``) are absorbed. Returns the clusters left."""
    order = sorted(clusters, key=lambda c: (-len({r.article for r in c.refs}), c.id))
    by_key: dict[tuple[str, str], list[EventCluster]] = {}
    for cluster in order:
        for key in sorted(cluster.match_keys()):
            by_key.setdefault((cluster.type, key), []).append(cluster)
    gone: set[str] = set()
    for small in reversed(order):
        if small.id not in new_ids or small.extends_stored:
            continue
        own = {r.article for r in small.refs}
        best: tuple[float, str, EventCluster, Evidence] | None = None
        for key in sorted(small.match_keys()):
            for big in by_key.get((small.type, key), []):
                if big is small or big.id in gone or own & {r.article for r in big.refs}:
                    continue
                if len({r.article for r in big.refs}) < len(own):
                    continue
                evidence = corefer(small, big)
                if evidence is not None and (best is None or (evidence.score, big.id) > best[:2]):
                    best = (evidence.score, big.id, big, evidence)
        if best is not None:
            best[2].absorb(small, best[3])
            gone.add(small.id)
    return [c for c in clusters if c.id not in gone]


def link_event_mentions(new: list[EventRef], candidates: list[EventCluster]) -> list[EventCluster]:
    """Attach the new articles' events (``local_events``) to ``candidates`` (``attach``),
    then let this run's events that a grown event now fits join it (``regroup``)."""
    local = local_events(new)
    return regroup(attach(local, candidates), {c.id for c in local})


# --- wiring to the store ---------------------------------------------------------------


def _is_actor_id(value: str) -> bool:
    """Resolved participants are actor ids; unresolved ones are Arabic text."""
    return bool(value) and not any("\u0600" <= ch <= "\u06ff" for ch in value)


def _refs_for_article(store: Store, article_id: str, fact_cache: dict, actor_cache: dict) -> list[EventRef]:
    found = facts(store, article_id, fact_cache)
    doc = store.annotations(article_id)
    if found is None or doc is None:
        return []
    try:
        published = date.fromisoformat(found.article.published[:10]) if found.article.published else None
    except ValueError:
        published = None

    def actor(actor_id: str) -> Actor | None:  # cached for the run
        if actor_id not in actor_cache:
            actor_cache[actor_id] = store.get_actor(actor_id)
        return actor_cache[actor_id]

    refs = []
    for mention in doc.event_mentions:
        mention.sources = [a for a in mention.sources if _is_actor_id(a)]
        mention.targets = [a for a in mention.targets if _is_actor_id(a)]
        countries, persons, sides = set(), set(), set()
        actor_countries: dict[str, str] = {}
        keys: dict[str, str] = {}
        for actor_id in (*mention.sources, *mention.targets):
            found_actor = actor(actor_id)
            if found_actor is None:
                continue
            key = actor_id
            if _is_state(found_actor):
                key = keys[actor_id] = f"{STATE_KEY}{found_actor.country}"
            elif found_actor.type == "PER" and actor_id.startswith(NEW_ACTOR):
                name_key = person_key(found_actor.name)
                if name_key:
                    key = keys[actor_id] = f"{PERSON_KEY}{name_key}"
            if found_actor.country:
                countries.add(found_actor.country)
                actor_countries[key] = found_actor.country
                if found_actor.sector:
                    sides.add(f"{found_actor.country}:{found_actor.sector}")
            if found_actor.type == "PER":
                persons.add(key)
        place = actor(mention.location) if mention.location and _is_actor_id(mention.location) else None
        refs.append(
            EventRef(
                mention=mention,
                article=article_id,
                provenance=found.provenance,
                sentence=doc.text[mention.sentence_start : mention.sentence_end],
                countries=frozenset(countries),
                person_actors=frozenset(persons),
                published=published,
                place_country=place.country if place is not None else None,
                sides=frozenset(sides),
                actor_countries=actor_countries,
                copy_of=found.root if found.root != article_id else None,
                keys=keys,
            )
        )
    return refs


def _is_state(actor: Actor) -> bool:
    """A country or the capital it acts through ("واشنطن" for the United States): one side."""
    if actor.type != "GPE" or not actor.country or actor.sector:
        return False
    return actor.id == actor.country.lower() or COUNTRY_NAMES.get(tuple(words(actor.name))) == actor.country


def _candidate_ids(store: Store, local: Iterable[EventCluster]) -> set[str]:
    """Stored events that could be the same as one of the new articles' events: the
    indexed lookups that ``corefer``'s conditions imply (same type and a shared
    actor or country in the date window; a shared person in the publication window; a
    shared person with an event that has no publication day)."""
    ids: set[str] = set()
    limit = MAX_CANDIDATES_PER_KEY
    for cluster in local:
        p = cluster.profile
        if p.excluded:
            continue
        if p.fine and p.interval:
            lo = _iso(p.interval[0] - FINE_SPAN - SLACK)
            hi = _iso(p.interval[1] + SLACK)
            for key in cluster.dated_keys():
                ids.update(tables.keyed_in_window(store, key, cluster.type, lo, hi, limit))
        for key in cluster.weak_keys():
            if key.startswith("~"):
                # A sentence's min-hash can be a common word's: the newest events holding it
                # are where a re-run of the sentence is (its other min-hashes find the rest).
                ids.update(
                    tables.keyed_latest_published_since(
                        store, key, cluster.type, _pub_floor(p), MAX_CANDIDATES_PER_SENTENCE_KEY
                    )
                )
                continue
            if p.published:
                since = _iso(p.published[0] - PUBLICATION_WINDOW)
                ids.update(tables.keyed_published_since(store, key, cluster.type, since, limit))
                ids.update(tables.keyed_unpublished(store, key, cluster.type, limit))
            else:
                ids.update(tables.keyed_newest(store, key, cluster.type, limit))
    return ids


def _pub_floor(profile: EventProfile) -> str:
    """The earliest last-publication day a candidate may have (an undated profile: any)."""
    return (profile.published[0] - PUBLICATION_WINDOW).isoformat() if profile.published else "0000"


def _root_event_ids(store: Store, refs: list[EventRef], new_ids: set[str]) -> dict[str, set[str]]:
    """The stored events of the first-seen copies of the new articles that are copies."""
    roots = {r.copy_of for r in refs if r.copy_of and r.copy_of not in new_ids}
    return {root: tables.events_of_article(store, root) for root in sorted(r for r in roots if r)}


def _load_candidates(store: Store, ids: Iterable[str], skip: set[str]) -> list[EventCluster]:
    clusters = []
    for event_id in sorted(ids):
        if event_id in skip:
            continue
        row = tables.type_and_profile(store, event_id)
        if row is None or row[1] is None:
            continue
        clusters.append(
            EventCluster(
                id=event_id, type=row[0], profile=EventProfile.from_json(row[1]), extends_stored=True
            )
        )
    return clusters


def _rebuild(
    store: Store, event_ids: Iterable[str], leave_out: set[str], fact_cache: dict, actor_cache: dict
) -> tuple[list[EventCluster], list[str]]:
    """Stored events assembled again from their evidence articles (less ``leave_out``):
    for re-analyzed articles and for stores written before events kept profiles.
    Returns the rebuilt clusters and the ids of events left with no evidence."""
    clusters: list[EventCluster] = []
    emptied: list[str] = []
    mention_cache: dict[str, dict[int, EventRef]] = {}
    for event_id in sorted(event_ids):
        event = store.get_event(event_id)
        if event is None:
            continue
        cluster = EventCluster(id=event.id, type=event.type)
        for evidence in event.mentions:
            article = evidence["article"]
            if article in leave_out:
                continue
            if article not in mention_cache:
                mention_cache[article] = {
                    r.mention.start: r for r in _refs_for_article(store, article, fact_cache, actor_cache)
                }
            ref = mention_cache[article].get(evidence["start"])
            if ref is not None:
                cluster.add(ref)
        if cluster.refs:
            _set_pairs(cluster)
            clusters.append(cluster)
        else:
            emptied.append(event_id)
    return clusters, emptied


def _save(store: Store, clusters: list[EventCluster]) -> None:
    events = []
    for cluster in clusters:
        if cluster.extends_stored and cluster.stored is None:
            cluster.stored = store.get_event(cluster.id)
        events.append(cluster.to_event())
    store.save_events(events)
    for cluster, event in zip(clusters, events, strict=True):
        p = cluster.profile
        tables.save_profile(
            store,
            event.id,
            _iso(p.interval[0]) if p.interval else None,
            _iso(p.interval[1]) if p.interval else None,
            p.to_json(),
        )
        tables.delete_keys(store, event.id)
        if p.excluded:
            continue  # never a candidate
        fine_lo = _iso(p.interval[0]) if p.fine and p.interval else None
        pub_hi = _iso(p.published[1]) if p.published else None
        tables.insert_keys(
            store,
            [
                (
                    event.id,
                    key,
                    event.type,
                    int(key in p.persons),
                    fine_lo,
                    pub_hi,
                    int(p.interval is not None),
                )
                for key in sorted(cluster.match_keys())
            ],
        )


def _merge_grown(store: Store, changed: dict[str, EventCluster], skip: set[str]) -> list[str]:
    """Events that grew in this run may now be recognisably the same as other stored
    events (an undated report stored first meets the event once a second report gives it
    enough words): such stored events are absorbed, so arrival order matters less.
    Returns the ids of the absorbed events."""
    absorbed: list[str] = []
    for cluster in list(changed.values()):
        if not cluster.grew or cluster.id in absorbed:
            continue
        ids = _candidate_ids(store, [cluster]) - set(changed) - set(absorbed) - skip
        if not ids:
            continue
        if cluster.extends_stored and cluster.stored is None:
            cluster.stored = store.get_event(cluster.id)
        own = set(cluster.to_event().articles)
        for other in _load_candidates(store, ids, set()):
            evidence = corefer(cluster, other)
            if evidence is None:
                continue
            event = store.get_event(other.id)
            if event is None or own & set(event.articles):
                continue  # one article's events were kept apart on purpose
            cluster.merges.append(evidence.explain(list(event.articles)))
            cluster.profile.merge(other.profile)
            cluster.absorbed.append(event)
            own |= set(event.articles)
            absorbed.append(other.id)
    return absorbed


def _delete_events(store: Store, event_ids: list[str], replaced_by: dict[str, str]) -> None:
    """Drop events; stories that held one hold what replaced it, if anything."""
    for event_id in event_ids:
        if event_id in replaced_by:
            tables.repoint_story_member(store, event_id, replaced_by[event_id])
        tables.drop_story_member(store, event_id)
    store.delete_events(event_ids)


def link(store: Store, article_ids: Sequence[str]) -> None:
    """Merge the new articles' event mentions into the stored events (the "events" linker)."""
    fact_cache: dict = {}
    actor_cache: dict = {}
    new_ids = set(article_ids)
    # A re-analyzed article replaces its earlier evidence; a store written before events
    # kept profiles gets them, once.
    redo = {event_id for aid in new_ids for event_id in tables.events_of_article(store, aid)}
    redo.update(tables.events_without_profile(store))
    rebuilt, emptied = _rebuild(store, redo, new_ids, fact_cache, actor_cache)
    new_refs = [ref for aid in article_ids for ref in _refs_for_article(store, aid, fact_cache, actor_cache)]
    local = local_events(new_refs)
    skip = {c.id for c in rebuilt} | set(emptied)
    roots = _root_event_ids(store, new_refs, new_ids)
    candidates = rebuilt + _load_candidates(
        store, _candidate_ids(store, local) | {e for ids in roots.values() for e in ids}, skip
    )
    by_id = {c.id: c for c in candidates}
    root_events = {root: [by_id[e] for e in sorted(ids) if e in by_id] for root, ids in roots.items()}
    changed = {c.id: c for c in rebuilt}
    changed.update((c.id, c) for c in attach(local, candidates, root_events))
    created = {c.id for c in local} - {c.id for c in candidates}
    changed = {c.id: c for c in regroup(list(changed.values()), created)}
    absorbed = _merge_grown(store, changed, skip)
    replaced = {e.id: c.id for c in changed.values() for e in c.absorbed}
    _delete_events(store, [*emptied, *absorbed], replaced)
    _save(store, list(changed.values()))
