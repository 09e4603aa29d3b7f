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
from typing import Any, Literal

Precision = Literal["day", "month", "year", "range", "decade"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


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
    type: str  # PER, ORG, LOC, GPE, NORP, MISC
    actor: str | None = None
    score: float | None = None


@dataclass(slots=True)
class TimeExpr:
    article: str
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 ("2023-08-08", "2023-08", "2023"); null when unresolvable
    precision: str | None  # day, month, year, range
    end_value: str | None = None  # for ranges
    kind: str = "date"  # date, range, duration, set
    resolution: str = "explicit"  # explicit, relative, vague
    note: str | None = None  # why the value is null, or how it was resolved


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
    mode: str | None = None
    sources: list[str] = field(default_factory=list)  # actor ids (or mention texts if unresolved)
    targets: list[str] = field(default_factory=list)
    source_texts: list[str] = field(default_factory=list)
    target_texts: list[str] = field(default_factory=list)
    location: str | None = None
    location_text: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_end: str | None = None  # last day of a range ("يومي 22 و23 تموز")
    sentence_start: int = 0
    sentence_end: int = 0
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    reported: bool = False  # said by someone rather than stated by the outlet
    score: float | None = None


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
    type: str  # PER, ORG, GPE, LOC...
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
