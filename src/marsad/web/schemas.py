"""Response shapes of the JSON API (they make the OpenAPI document precise).

Field names follow the export (docs/EXPORT.md) and ids are the export's ids; records
carry their evidence spans (article id, start, end into the cleaned text).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Page(BaseModel):
    total: int = Field(description="Records matching the filters, all pages together.")
    limit: int
    offset: int


class ArticleBrief(BaseModel):
    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    language: str
    agency: str | None
    duplicate_of: str | None
    story: str | None
    lead: str = Field(description="The first characters of the cleaned text.")
    score: float | None = Field(None, description="With a query: relevance (bm25, higher is better).")
    snippet: str | None = Field(
        None, description="With a query: text around the first hit, marked \\x02 ... \\x03."
    )
    start: int | None = Field(None, description="With a query: the first hit's span in the cleaned text.")
    end: int | None = None


class ArticlePage(Page):
    items: list[ArticleBrief]


class Span(BaseModel):
    article: str
    start: int
    end: int


class EventBrief(BaseModel):
    id: str
    type: str
    mode: str | None
    sources: list[str]
    targets: list[str]
    source_names: list[str]
    target_names: list[str]
    location: str | None
    location_name: str | None
    date: str | None
    date_precision: str | None
    date_end: str | None = Field(None, description="Last day, for precision 'range'.")
    mentions: list[Span] = Field(description="Evidence: the trigger span of each report.")
    articles: list[str]
    independent_sources: int


class Evidence(BaseModel):
    article: str
    source: str
    title: str | None
    published: str | None
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    sentence: str


class MergeExplanation(BaseModel):
    """Why reports were taken for one event (one per merge, written by the event linker)."""

    articles: list[str] = Field(description="The articles whose reports joined the event.")
    rule: str = Field(description="The rule that allowed the merge, in words.")
    shared_participants: list[str] = Field(description="Actor ids both sides name.")
    shared_countries: list[str] = Field(description="Countries of both sides' participants.")
    place: str | None = Field(None, description="The place (actor id) both sides give.")
    date: str | None = Field(None, description="The days both dates allow (ISO day or interval).")
    wording: float = Field(description="Overlap of the evidence sentences' content words, 0..1.")
    same_sentence: float = Field(description="Best Jaccard of two evidence sentences, 0..1.")


class EventDetail(EventBrief):
    evidence: list[Evidence]
    stories: list[str]
    merges: list[MergeExplanation] = Field(
        default_factory=list, description="Why these reports are one event, one entry per merge."
    )


class EventPage(Page):
    items: list[EventBrief]


class FlagOut(BaseModel):
    article: str
    start: int
    end: int
    kind: str
    note: str
    raw_start: int | None
    raw_end: int | None
    removed_text: str | None


class ArticleDetail(BaseModel):
    id: str
    source: str
    url: str | None
    title: str | None
    title_derived: bool
    published: str | None
    language: str
    agency: str | None
    text: str
    duplicate_of: str | None
    duplicate_kind: str | None
    original: ArticleBrief | None
    duplicates: list[ArticleBrief]
    story: str | None
    story_title: str | None
    sentences: list[list[int]]
    mentions: list[dict[str, Any]]
    actor_names: dict[str, str] = Field(description="Canonical names of the actors the mentions resolve to.")
    times: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    event_mentions: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    flags: list[FlagOut]
    events: list[EventBrief]


class ActorBrief(BaseModel):
    id: str
    type: str
    name: str
    name_en: str | None
    aliases: list[str]
    country: str | None
    sector: str | None
    roles: list[dict[str, Any]]
    events: int


class ActorPage(Page):
    items: list[ActorBrief]


class Spelling(BaseModel):
    text: str
    count: int


class Partner(BaseModel):
    id: str
    name: str
    events: int


class ActorQuote(BaseModel):
    article: str
    start: int
    end: int
    text: str
    source: str
    published: str | None


class ActorDetail(BaseModel):
    id: str
    type: str
    name: str
    name_en: str | None
    aliases: list[str]
    country: str | None
    sector: str | None
    roles: list[dict[str, Any]]
    spellings: list[Spelling]
    events: list[EventBrief]
    partners: list[Partner]
    quotes: list[ActorQuote]


class StoryBrief(BaseModel):
    id: str
    title: str
    first: str | None
    last: str | None
    articles: int
    events: int
    independent_sources: int = Field(description="Outlets among the story's non-duplicate articles.")
    recent_articles: int = Field(
        description="Articles of the last 3 days up to the newest article (or date_to)."
    )
    contradiction_count: int = Field(description="Contradictions between claims of its articles.")
    outlets: list[str]


class StoryPage(Page):
    items: list[StoryBrief]


class TimelineEntry(BaseModel):
    event: str
    type: str
    date: str | None
    date_end: str | None = None
    precision: str | None
    independent_sources: int


class StoryEvent(EventBrief):
    evidence: list[Evidence]


class Claim(BaseModel):
    id: str
    article: str
    start: int
    end: int
    subject: str
    value: float
    high: float | None
    unit: str | None
    as_of: str | None
    approximate: bool
    bound: str | None
    source: str
    published: str | None
    text: str = Field(description="The claim's span of the cleaned text.")


class ClaimPage(Page):
    items: list[Claim]


class Contradiction(BaseModel):
    id: str
    note: str
    claims: list[str]
    claim_details: list[Claim]


class ContradictionPage(Page):
    items: list[Contradiction]


class StorySummary(BaseModel):
    actors: list[dict[str, str]] = Field(description="Its most frequent participants: {id, name}.")
    types: list[str] = Field(description="Its most frequent PLOVER event types.")


class MembershipReason(BaseModel):
    kind: str = Field(
        description="event (reports a story event) | duplicate | actors (names its main actors) | similar"
    )
    event: str | None = None
    type: str | None = None
    date: str | None = None
    article: str | None = None
    actors: list[dict[str, str]] | None = None


class StoryArticle(ArticleBrief):
    why: list[MembershipReason] = Field(description="Why the article is in the story.")


class StoryDetail(StoryBrief):
    article_ids: list[str]
    event_ids: list[str]
    summary: StorySummary
    timeline: list[TimelineEntry]
    event_details: list[StoryEvent] = Field(description="Ranked by independent sources, then date.")
    article_details: list[StoryArticle] = Field(description="By publication date.")
    contradictions: list[Contradiction]
