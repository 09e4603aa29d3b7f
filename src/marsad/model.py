"""The document model: plain dataclasses shared by every stage.

One article's analysis is standoff annotation over its cleaned text. Every record carries
the article id and a character span (Unicode code points, end exclusive) into
``Article.text``, so an analyst can always ask "where does it say that?".

Per-article records (``Mention``, ``TimeExpr``, ``Quantity``, ``Quote``, ``EventMention``,
``Flag``) are produced by pure functions of one article. Corpus records (``Actor``,
``Event``, ``Story``, ``Claim``, ``Contradiction``) are produced by the linkers in
``marsad.link`` against what the store already holds.

Field names follow ``docs/EXPORT.md`` (the export contract) wherever the contract names
them; extra fields are additive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from marsad.document import Document


# The closed vocabularies of the records. StrEnum members are their strings: they compare
# equal to them, serialise as them (JSON, CSV, SQLite) and sort with them, so exports and
# stored rows are the same whether a producer wrote the member or the plain string.
class EntityType(StrEnum):
    """What a mention or an actor is (``Mention.type``, ``Actor.type``)."""

    PER = "PER"
    ORG = "ORG"
    LOC = "LOC"
    GPE = "GPE"
    NORP = "NORP"
    MISC = "MISC"


class Precision(StrEnum):
    """How much of a date is known (``TimeExpr.precision``, ``EventMention.date_precision``)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"  # a span of days from ``value`` to ``end_value``/``date_end``
    DECADE = "decade"


class EventMode(StrEnum):
    """PLOVER modes the event triggers name (``EventMention.mode``, ``Event.mode``)."""

    ABDUCT = "abduct"
    ARREST = "arrest"
    ASSASSINATE = "assassinate"
    BOYCOTT = "boycott"
    CEASEFIRE = "ceasefire"
    DEMO = "demo"
    DEPORT = "deport"
    DISCUSS = "discuss"
    ELECTION = "election"
    EXPEL = "expel"
    EXPLOSIVES = "explosives"
    FIREARMS = "firearms"
    HEAVY_WEAPONS = "heavy-weapons"
    HUNGER = "hunger"
    MEET = "meet"
    OBSTRUCT = "obstruct"
    PHONE = "phone"
    REFERENDUM = "referendum"
    RELEASE = "release"
    RESTRICT = "restrict"
    RIOT = "riot"
    SEXUAL = "sexual"
    SUICIDE_ATTACK = "suicide-attack"
    THIRD_PARTY = "third-party"
    TORTURE = "torture"
    TROOPS = "troops"
    VISIT = "visit"
    VOTE = "vote"
    WITHDRAW = "withdraw"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to some precision: "2023-08-08", "2023-08", "2023", or a range.

    Times carry it as ``value``/``precision``/``end_value``, event mentions and events as
    ``date``/``date_precision``/``date_end`` (the export contract's flat fields); this is the
    one value type that reads them. A month or a year stands for every day in it
    (``interval``); where one day must stand for it, its middle does (``middle``).
    """

    value: str
    precision: str | None = None
    end: str | None = None

    @classmethod
    def of(
        cls, value: str | None, precision: str | None = None, end: str | None = None
    ) -> PartialDate | None:
        return cls(value, precision, end) if value else None

    def interval(self) -> tuple[date, date] | None:
        """The days it may denote: "2023-08" → Aug 1..31; a range from its start to ``end``
        (or written as an ISO 8601 interval "2023-08-07/2023-08-08"); None when unreadable."""
        if self.end:
            a, b = PartialDate(self.value).interval(), PartialDate(self.end).interval()
            return (a[0], b[1]) if a and b and a[0] <= b[1] else a
        if "/" in self.value:
            lo, hi = self.value.split("/", 1)
            a, b = _days(lo), _days(hi)
            return (a[0], b[1]) if a and b else None
        return _days(self.value)

    def middle(self) -> date | None:
        """The middle day of what it denotes ("2023-08" → 2023-08-16)."""
        interval = self.interval()
        if interval is None:
            return None
        return interval[0] + (interval[1] - interval[0]) // 2


def _days(value: str) -> tuple[date, date] | None:
    """First and last day of one ISO date, month or year ("2023-08-08", "2023-08", "2023")."""
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


@dataclass(slots=True)
class RawArticle:
    """What a reader yields: one article as found, before cleaning.

    ``origin`` names where it came from precisely enough for an error message and for
    idempotent re-runs: a path, a path plus a member name inside an archive, a URL, or
    ``<stdin>``, with ``#record`` for the n-th record of a JSON array or line file.
    """

    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date from metadata; never guessed
    source: str | None = None  # outlet name when known
    author: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ReadProblem:
    """An input that could not be read: reported in one line, counted, never fatal."""

    origin: str  # file (and member, line or record), or URL
    problem: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.problem}"


@dataclass(slots=True)
class Flag:
    """Something noted about an article's text: removed chrome, a garbled translation...

    ``start``/``end`` are in the cleaned text (a removal collapses to an empty span at the
    place it was removed from); ``raw_start``/``raw_end`` locate it in the raw text.
    """

    article: str
    start: int
    end: int
    kind: str  # boilerplate_removed, title_repeated, line_joined, machine_translation_artifact...
    note: str
    raw_start: int | None = None
    raw_end: int | None = None


@dataclass(slots=True)
class Article:
    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    language: str
    text: str  # cleaned
    origin: str = ""
    agency: str | None = None  # the news agency the article cites ("واع", "رويترز")
    content_hash: str = ""  # of the normalized cleaned text: exact duplicates share it
    duplicate_of: str | None = None
    story: str | None = None
    raw_text: str | None = None
    # offset_map[i] is the raw offset of cleaned character i (len(text)+1 entries)
    offset_map: list[int] | None = None
    # the title was made from the first sentence, not found as a headline or in metadata
    title_derived: bool = False

    def raw_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The raw-text span that the cleaned span start..end came from."""
        if self.offset_map is None:
            return None
        last = self.offset_map[end - 1] + 1 if end > start else self.offset_map[start]
        return self.offset_map[start], last


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    article: str
    start: int
    end: int
    text: str
    type: EntityType
    actor: str | None = None
    score: float | None = None


@dataclass(slots=True)
class TimeExpr:
    article: str
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 ("2023-08-08", "2023-08", "2023"); null when unresolvable
    precision: Precision | None
    end_value: str | None = None  # for ranges
    kind: str = "date"  # date, range, duration, set
    resolution: str = "explicit"  # explicit, relative, vague
    note: str | None = None  # why the value is null, or how it was resolved

    @property
    def when(self) -> PartialDate | None:
        return PartialDate.of(self.value, self.precision, self.end_value)


@dataclass(slots=True)
class Quantity:
    article: str
    start: int
    end: int
    text: str
    value: float | None
    high: float | None = None  # high end of a range
    unit: str | None = None  # what is counted, as written
    unit_lemma: str | None = None
    approximate: bool = False
    indefinite: bool = False  # عشرات، مئات، آلاف: order of magnitude only
    kind: str = "count"  # count, percent, money, ordinal
    subject: str | None = None  # what the figure is about ("جندي أمريكي")
    unit_start: int | None = None
    unit_end: int | None = None


@dataclass(slots=True)
class Quote:
    article: str
    start: int
    end: int
    text: str
    speaker_text: str | None
    speaker: str | None = None  # actor id
    kind: str = "direct"  # direct, indirect, attribution
    speaker_start: int | None = None
    speaker_end: int | None = None
    verb: str | None = None


@dataclass(slots=True)
class EventMention:
    article: str
    start: int  # trigger span
    end: int
    text: str  # trigger text
    type: str  # PLOVER event type
    mode: EventMode | None = None
    sources: list[str] = field(default_factory=list)  # actor ids (or mention texts if unresolved)
    targets: list[str] = field(default_factory=list)
    source_texts: list[str] = field(default_factory=list)
    target_texts: list[str] = field(default_factory=list)
    location: str | None = None
    location_text: str | None = None
    date: str | None = None
    date_precision: Precision | None = None
    date_end: str | None = None  # last day of a range ("يومي 22 و23 تموز")
    sentence_start: int = 0
    sentence_end: int = 0
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    reported: bool = False  # said by someone rather than stated by the outlet
    score: float | None = None

    @property
    def when(self) -> PartialDate | None:
        return PartialDate.of(self.date, self.date_precision, self.date_end)


@dataclass(slots=True)
class AnalyzedArticle:
    """The output of the per-article pure function: an article and its annotations."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # figures with a subject (quantities annotator)
    actors: list[Actor] = field(default_factory=list)  # actors the mentions point at (actors annotator)
    # The document layer (``marsad.document``): derived from the text, never stored or sent
    # back from a worker; built on first use by ``document``.
    layer: Any = field(default=None, repr=False, compare=False)
    # The story linker's embedding of the article, computed by the per-article work for the
    # single-writer linker when the article is analysed to be linked (``link.stories.prepare``);
    # never stored.
    story_vector: Any = field(default=None, repr=False, compare=False)

    @property
    def document(self) -> Document:
        """Tokens, normalized forms, clitic analyses and sentence index of the text."""
        layer = self.layer
        if (
            layer is None
            or layer.text is not self.article.text
            or (self.sentences and layer.sentences is not self.sentences)
        ):
            from marsad.document import Document

            layer = self.layer = Document.build(self.article.text, self.sentences)
        return layer

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text


# --- corpus records -------------------------------------------------------------------


@dataclass(slots=True)
class Actor:
    id: str
    type: EntityType
    name: str  # Arabic canonical
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, REB...
    roles: list[dict[str, Any]] = field(default_factory=list)  # offices with dates


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    sources: list[str]
    targets: list[str]
    location: str | None
    date: str | None
    date_precision: str | None
    mentions: list[dict[str, Any]]  # {article, start, end}
    articles: list[str]
    independent_sources: int
    date_end: str | None = None  # for precision "range"
    # Why its mentions are one event: one explanation per merge (link.events.Evidence.explain)
    merges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def when(self) -> PartialDate | None:
        return PartialDate.of(self.date, self.date_precision, self.date_end)


@dataclass(slots=True)
class Story:
    id: str
    title: str
    articles: list[str]
    events: list[str]
    first: str | None
    last: str | None


@dataclass(slots=True)
class Claim:
    id: str
    article: str
    start: int
    end: int
    subject: str
    value: float
    unit: str | None
    as_of: str | None
    high: float | None = None
    approximate: bool = False
    bound: str | None = None  # "max" for "لا يتجاوز", "min" for "أكثر من"
    subject_key: str | None = None  # normalized subject, for grouping claims about one thing


@dataclass(slots=True)
class Contradiction:
    claims: list[str]
    note: str
    id: str = ""


def stable_id(prefix: str, *parts: str, length: int = 16) -> str:
    """A short id that is the same for the same parts on every run and machine."""
    h = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()
    return f"{prefix}{h[:length]}"
