"""Everything the web desk reads from the store, in one place.

The web process only ever reads: it opens the database with ``Store.open(path,
readonly=True)``. Where the Store has a method we use it; filters and pagination need plain
SQL against the store's tables, and it lives here so that a schema change touches one file.
No SQL is ever built from request text: values go in as parameters, sort keys are looked
up in the whitelists below, and the only fragments joined into statements are our own
constants.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import asdict
from typing import Any

from marsad import kinds
from marsad.model import Event
from marsad.store.db import Store, fts_text

# API sort key → SQL expression (whitelists: request text never reaches the statement).
ARTICLE_SORTS = {
    "published": "a.published",
    "source": "a.source",
    "title": "a.title",
    "seq": "a.seq",
    "id": "a.id",
}
ACTOR_SORTS = {"name": "ac.name", "id": "ac.id", "type": "ac.type", "events": "n_events"}
EVENT_SORTS = {
    "date": "e.date",
    "type": "e.type",
    "independent_sources": "e.independent_sources",
    "id": "e.id",
}
STORY_SORTS = {
    "first": "s.first",
    "last": "s.last",
    "title": "s.title",
    "articles": "n_articles",
    "events": "n_events",
    "id": "s.id",
}
CLAIM_SORTS = {"article": "c.article, c.start", "subject": "c.subject", "value": "c.value", "id": "c.id"}

MAX_LIMIT = 200
LEAD_CHARS = 140


def _order(sorts: dict[str, str], sort: str, order: str, tiebreak: str) -> str:
    """An ORDER BY clause from whitelisted pieces only."""
    column = sorts.get(sort)
    if column is None:
        raise ValueError(f"unknown sort key {sort!r}; choose one of {', '.join(sorts)}")
    direction = "DESC" if order == "desc" else "ASC"
    # NULLs (undated articles) go last whichever the direction.
    first = column.split(",")[0]
    parts = [f"{first} IS NULL", *(f"{c.strip()} {direction}" for c in column.split(","))]
    return "ORDER BY " + ", ".join(parts) + f", {tiebreak}"


def _fts_match(query: str) -> str | None:
    """The FTS5 MATCH expression for a user query: normalized words, quoted, ANDed."""
    terms = fts_text(query).split()
    if not terms:
        return None
    return " ".join('"' + t.replace('"', "") + '"' for t in terms)


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _date_overlap(column: str, date_from: str | None, date_to: str | None) -> tuple[list[str], list[str]]:
    """Conditions for "the (possibly partial) date in column overlaps [from, to]".

    A month-precision "2023-08" covers 2023-08-01..2023-08-31: as a string it sorts before
    every day of that month, and with U+FFFF appended after every one, so the two
    comparisons below test the overlap of the whole period, not of its first day.
    """
    where, params = [], []
    if date_from:
        where.append(f"({column} || char(65535)) >= ?")
        params.append(date_from)
    if date_to:
        # a partial bound ("2023-08") includes its whole period: compare at its length
        where.append(f"substr({column}, 1, length(?)) <= ?")
        params += [date_to, date_to]
    return where, params


class Desk:
    """Read-only queries for the API and the pages, over one open Store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self._articles: dict[str, tuple[sqlite3.Row, list[list[int]]] | None] = {}
        self._event_columns: set[str] | None = None

    # --- small helpers ----------------------------------------------------------------

    def _count(self, sql: str, params: list[Any]) -> int:
        return int(self.conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0])

    def actor_names(self, ids: list[str]) -> dict[str, str]:
        """Canonical names of the actor ids given (unknown ids are absent)."""
        if not ids:
            return {}
        unique = list(dict.fromkeys(ids))
        marks = ",".join("?" * len(unique))
        rows = self.conn.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})", unique)
        return {r["id"]: r["name"] for r in rows}

    def outlets(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT source FROM articles ORDER BY source")]

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def _article_brief(self, row: sqlite3.Row) -> dict[str, Any]:
        return {
            "id": row["id"],
            "source": row["source"],
            "url": row["url"],
            "title": row["title"],
            "published": row["published"],
            "language": row["language"],
            "agency": row["agency"],
            "duplicate_of": row["duplicate_of"],
            "story": row["story"],
            # the opening words, for lists of untitled articles
            "lead": row["lead"] if "lead" in row.keys() else row["text"][:LEAD_CHARS],  # noqa: SIM118 (Row "in" tests values)
        }

    # --- articles ---------------------------------------------------------------------

    def articles(
        self,
        *,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        actor: str | None = None,
        story: str | None = None,
        q: str | None = None,
        sort: str = "published",
        order: str = "asc",
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        where: list[str] = []
        params: list[Any] = []
        if outlet:
            where.append("a.source = ?")
            params.append(outlet)
        w, p = _date_overlap("a.published", date_from, date_to)
        where += w
        params += p
        if actor:
            # IN over the mentions_actor index, not a per-article EXISTS scan
            where.append("a.id IN (SELECT m.article FROM mentions m WHERE m.actor = ?)")
            params.append(actor)
        if story:
            where.append(
                "(a.story = ? OR EXISTS (SELECT 1 FROM story_members sm WHERE sm.story = ? "
                "AND sm.member_kind = 'article' AND sm.member = a.id))"
            )
            params += [story, story]
        if q is not None:
            match = _fts_match(q)
            if match is None:
                return _page([], 0, limit, offset)
            where.append("a.id IN (SELECT id FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        sql = (
            "SELECT a.id, a.source, a.url, a.title, a.published, a.language, a.agency, "
            f"a.duplicate_of, a.story, substr(a.text, 1, {LEAD_CHARS}) AS lead FROM articles a"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        total = self._count(sql, params)
        rows = self.conn.execute(
            f"{sql} {_order(ARTICLE_SORTS, sort, order, 'a.id')} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return _page([self._article_brief(r) for r in rows], total, limit, offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article with all its annotations, flags, duplicates, story and events."""
        doc = self.store.annotations(article_id)
        if doc is None:
            return None
        a = doc.article
        row = self.conn.execute(
            "SELECT duplicate_kind, title_derived FROM articles WHERE id = ?", (a.id,)
        ).fetchone()
        duplicates = [
            self._article_brief(r)
            for r in self.conn.execute(
                "SELECT * FROM articles WHERE duplicate_of = ? ORDER BY seq", (a.id,)
            ).fetchall()
        ]
        original = None
        if a.duplicate_of:
            orow = self.conn.execute("SELECT * FROM articles WHERE id = ?", (a.duplicate_of,)).fetchone()
            original = self._article_brief(orow) if orow else None
        story = self.store.get_story(a.story) if a.story else None
        flags = []
        for f in doc.flags:
            removed = None
            if a.raw_text is not None and f.raw_start is not None and f.raw_end is not None:
                removed = a.raw_text[f.raw_start : f.raw_end]
            flags.append({**asdict(f), "removed_text": removed})
        events = [self._event_brief(e) for e in self.store.events_of_article(a.id)]
        return {
            "id": a.id,
            "source": a.source,
            "url": a.url,
            "title": a.title,
            "title_derived": bool(row["title_derived"]) if row else False,
            "published": a.published,
            "language": a.language,
            "agency": a.agency,
            "text": a.text,
            "duplicate_of": a.duplicate_of,
            "duplicate_kind": row["duplicate_kind"] if row else None,
            "original": original,
            "duplicates": duplicates,
            "story": a.story,
            "story_title": story.title if story else None,
            "sentences": [[s.start, s.end] for s in doc.sentences],
            # every annotation list (marsad.kinds), flags with the text they removed
            **{
                k.attribute: [asdict(r) for r in getattr(doc, k.attribute)]
                for k in kinds.KINDS
                if k.attribute and k.name not in ("actor", "flag")
            },
            "actor_names": self.actor_names([m.actor for m in doc.mentions if m.actor]),
            "flags": flags,
            "events": events,
        }

    # --- actors -----------------------------------------------------------------------

    def actors(
        self,
        *,
        q: str | None = None,
        type: str | None = None,
        country: str | None = None,
        sort: str = "name",
        order: str = "asc",
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        where: list[str] = []
        params: list[Any] = []
        if q:
            # Names and aliases, as written or with Arabic spelling variants folded.
            needle = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(ac.name LIKE ? ESCAPE '\\' OR ac.name_en LIKE ? ESCAPE '\\' "
                "OR ac.aliases LIKE ? ESCAPE '\\' OR ac.id = ?)"
            )
            params += [needle, needle, needle, q]
        if type:
            where.append("ac.type = ?")
            params.append(type)
        if country:
            where.append("ac.country = ?")
            params.append(country)
        # One pass over the events counts every actor's events (as source or target).
        sql = (
            "WITH part AS (SELECT j.value AS actor, e.id AS event FROM events e, json_each(e.sources) j "
            "UNION SELECT j.value, e.id FROM events e, json_each(e.targets) j), "
            "n AS (SELECT actor, COUNT(*) AS n FROM part GROUP BY actor) "
            "SELECT ac.*, COALESCE(n.n, 0) AS n_events FROM actors ac LEFT JOIN n ON n.actor = ac.id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        total = self._count(sql, params)
        rows = self.conn.execute(
            f"{sql} {_order(ACTOR_SORTS, sort, order, 'ac.id')} LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()
        items = [
            {
                "id": r["id"],
                "type": r["type"],
                "name": r["name"],
                "name_en": r["name_en"],
                "aliases": json.loads(r["aliases"]),
                "country": r["country"],
                "sector": r["sector"],
                "roles": json.loads(r["roles"]),
                "events": r["n_events"],
            }
            for r in rows
        ]
        return _page(items, total, limit, offset)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """An actor, the spellings seen for it, its events over time and who it meets most."""
        actor = self.store.get_actor(actor_id)
        if actor is None:
            return None
        spellings = [
            {"text": r[0], "count": r[1]}
            for r in self.conn.execute(
                "SELECT text, COUNT(*) FROM mentions WHERE actor = ? "
                "GROUP BY text ORDER BY COUNT(*) DESC, text",
                (actor_id,),
            )
        ]
        events = self._events_where(
            "EXISTS (SELECT 1 FROM json_each(e.sources) WHERE value = ?) OR "
            "EXISTS (SELECT 1 FROM json_each(e.targets) WHERE value = ?)",
            [actor_id, actor_id],
        )
        partners: Counter[str] = Counter()
        for e in events:
            for other in dict.fromkeys([*e.sources, *e.targets]):
                if other != actor_id:
                    partners[other] += 1
        names = self.actor_names(list(partners))
        quotes = [
            dict(r)
            for r in self.conn.execute(
                'SELECT q.article, q.start, q."end", q.text, a.source, a.published FROM quotes q '
                "JOIN articles a ON a.id = q.article WHERE q.speaker = ? "
                "ORDER BY a.published, a.seq LIMIT 50",
                (actor_id,),
            )
        ]
        return {
            **asdict(actor),
            "spellings": spellings,
            "events": [self._event_brief(e) for e in events],
            "partners": [
                {"id": pid, "name": names.get(pid, pid), "events": n} for pid, n in partners.most_common(10)
            ],
            "quotes": quotes,
        }

    # --- events -----------------------------------------------------------------------

    def _events_where(self, where: str, params: list[Any]) -> list[Event]:
        rows = self.conn.execute(
            f"SELECT e.id FROM events e WHERE {where} ORDER BY e.date IS NULL, e.date, e.id", params
        ).fetchall()
        return [e for e in (self.store.get_event(r[0]) for r in rows) if e is not None]

    def _date_end(self, e: Event) -> str | None:
        """The last day of a range-precision event (newer stores keep it; older ones do not)."""
        end = getattr(e, "date_end", None)
        if end or e.date_precision != "range":
            return end
        if self._event_columns is None:
            self._event_columns = {r[1] for r in self.conn.execute("PRAGMA table_info(events)")}
        if "date_hi" not in self._event_columns:
            return None
        row = self.conn.execute("SELECT date_hi FROM events WHERE id = ?", (e.id,)).fetchone()
        return row[0] if row else None

    def _event_brief(self, e: Event) -> dict[str, Any]:
        names = self.actor_names([*e.sources, *e.targets, *([e.location] if e.location else [])])
        return {
            **asdict(e),
            "date_end": self._date_end(e),
            "source_names": [names.get(s, s) for s in e.sources],
            "target_names": [names.get(t, t) for t in e.targets],
            "location_name": names.get(e.location, e.location) if e.location else None,
        }

    def events(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        story: str | None = None,
        sort: str = "date",
        order: str = "asc",
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        where: list[str] = []
        params: list[Any] = []
        if type:
            where.append("e.type = ?")
            params.append(type)
        if actor:
            where.append(
                "(EXISTS (SELECT 1 FROM json_each(e.sources) WHERE value = ?) OR "
                "EXISTS (SELECT 1 FROM json_each(e.targets) WHERE value = ?))"
            )
            params += [actor, actor]
        w, p = _date_overlap("e.date", date_from, date_to)
        where += w
        params += p
        if story:
            where.append(
                "e.id IN (SELECT member FROM story_members WHERE story = ? AND member_kind = 'event')"
            )
            params.append(story)
        sql = "SELECT e.id, e.date, e.type, e.independent_sources FROM events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        total = self._count(sql, params)
        rows = self.conn.execute(
            f"{sql} {_order(EVENT_SORTS, sort, order, 'e.id')} LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()
        events = [self.store.get_event(r["id"]) for r in rows]
        return _page([self._event_brief(e) for e in events if e is not None], total, limit, offset)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """An event with its evidence: each mention's sentence, outlet and date."""
        e = self.store.get_event(event_id)
        if e is None:
            return None
        return {
            **self._event_brief(e),
            "evidence": self.evidence(e),
            "stories": self._stories_of_event(e.id),
            "merges": e.merges,
        }

    def _stories_of_event(self, event_id: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT story FROM story_members WHERE member = ? AND member_kind = 'event'", (event_id,)
            )
        ]

    def _evidence_article(self, article_id: str) -> tuple[sqlite3.Row, list[list[int]]] | None:
        """An article's text and sentence spans, read once per request (a Desk lives one)."""
        if article_id not in self._articles:
            row = self.conn.execute(
                "SELECT id, source, title, published, text, sentences FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
            self._articles[article_id] = (row, json.loads(row["sentences"])) if row else None
        return self._articles[article_id]

    def evidence(self, e: Event) -> list[dict[str, Any]]:
        """The sentences that report an event, each with the span of its trigger inside it."""
        out = []
        for m in e.mentions:
            found = self._evidence_article(m["article"])
            if found is None:
                continue
            row, sentences = found
            text = row["text"]
            start, end = int(m["start"]), int(m["end"])
            s_start, s_end = start, end
            for a, b in sentences:
                if a <= start < b or (a < end <= b):
                    s_start, s_end = min(a, start), max(b, end)
                    break
            out.append(
                {
                    "article": row["id"],
                    "source": row["source"],
                    "title": row["title"],
                    "published": row["published"],
                    "start": start,
                    "end": end,
                    "sentence_start": s_start,
                    "sentence_end": s_end,
                    "sentence": text[s_start:s_end],
                }
            )
        # One entry per sentence (several triggers can share one), and each article's first
        # sentence before any article's second: the first few shown come from many outlets.
        seen: set[tuple[str, int, int]] = set()
        unique = []
        for x in out:
            key = (x["article"], x["sentence_start"], x["sentence_end"])
            if key not in seen:
                seen.add(key)
                unique.append(x)
        rank: dict[str, int] = {}
        ordered = []
        for x in unique:
            rank[x["article"]] = rank.get(x["article"], -1) + 1
            ordered.append((rank[x["article"]], x))
        return [x for _, x in sorted(ordered, key=lambda p: p[0])]

    # --- stories ----------------------------------------------------------------------

    _STORY_SQL = (
        "SELECT s.id, s.title, s.first, s.last, "
        "(SELECT COUNT(*) FROM story_members m WHERE m.story = s.id AND m.member_kind = 'article') "
        "AS n_articles, "
        "(SELECT COUNT(*) FROM story_members m WHERE m.story = s.id AND m.member_kind = 'event') "
        "AS n_events FROM stories s"
    )

    def _story_brief(self, row: sqlite3.Row) -> dict[str, Any]:
        outlets = [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT a.source FROM story_members m JOIN articles a ON a.id = m.member "
                "WHERE m.story = ? AND m.member_kind = 'article' ORDER BY a.source",
                (row["id"],),
            )
        ]
        return {
            "id": row["id"],
            "title": row["title"],
            "first": row["first"],
            "last": row["last"],
            "articles": row["n_articles"],
            "events": row["n_events"],
            "outlets": outlets,
        }

    def stories(
        self,
        *,
        q: str | None = None,
        sort: str = "first",
        order: str = "asc",
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        where: list[str] = []
        params: list[Any] = []
        if q is not None:
            match = _fts_match(q)
            if match is None:
                return _page([], 0, limit, offset)
            # A story matches when its title or any of its articles does.
            needle = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(s.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM story_members m "
                "WHERE m.story = s.id AND m.member_kind = 'article' AND m.member IN "
                "(SELECT id FROM articles_fts WHERE articles_fts MATCH ?)))"
            )
            params += [needle, match]
        sql = self._STORY_SQL
        if where:
            sql += " WHERE " + " AND ".join(where)
        total = self._count(sql, params)
        rows = self.conn.execute(
            f"{sql} {_order(STORY_SORTS, sort, order, 's.id')} LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()
        return _page([self._story_brief(r) for r in rows], total, limit, offset)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story with its events (with evidence), timeline, articles and contradictions."""
        row = self.conn.execute(f"{self._STORY_SQL} WHERE s.id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        story = self.store.get_story(story_id)
        assert story is not None
        events = []
        for event_id in story.events:
            e = self.store.get_event(event_id)
            if e is not None:
                events.append({**self._event_brief(e), "evidence": self.evidence(e)})
        events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["id"]))
        articles = []
        for article_id in story.articles:
            arow = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if arow is not None:
                articles.append(self._article_brief(arow))
        articles.sort(key=lambda a: (a["published"] is None, a["published"] or "", a["id"]))
        timeline = [
            {
                "event": e["id"],
                "type": e["type"],
                "date": e["date"],
                "date_end": e["date_end"],
                "precision": e["date_precision"],
                "independent_sources": e["independent_sources"],
            }
            for e in events
        ]
        return {
            **self._story_brief(row),
            "article_ids": story.articles,
            "event_ids": story.events,
            "timeline": timeline,
            "event_details": events,
            "article_details": articles,
            "contradictions": self.contradictions(story=story_id, limit=MAX_LIMIT)["items"],
        }

    # --- claims and contradictions ----------------------------------------------------

    def _claim(self, row: sqlite3.Row) -> dict[str, Any]:
        return {
            "id": row["id"],
            "article": row["article"],
            "start": row["start"],
            "end": row["end"],
            "subject": row["subject"],
            "value": row["value"],
            "high": row["high"],
            "unit": row["unit"],
            "as_of": row["as_of"],
            "approximate": bool(row["approximate"]),
            "bound": row["bound"],
            "source": row["source"],
            "published": row["published"],
            "text": row["text"][row["start"] : row["end"]],
        }

    _CLAIM_SQL = (
        'SELECT c.id, c.article, c.start, c."end", c.subject, c.value, c.high, c.unit, c.as_of, '
        "c.approximate, c.bound, a.source, a.published, a.text FROM claims c "
        "JOIN articles a ON a.id = c.article"
    )

    def claims(
        self,
        *,
        article: str | None = None,
        story: str | None = None,
        subject: str | None = None,
        sort: str = "article",
        order: str = "asc",
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        where: list[str] = []
        params: list[Any] = []
        if article:
            where.append("c.article = ?")
            params.append(article)
        if story:
            where.append(
                "c.article IN (SELECT member FROM story_members WHERE story = ? AND member_kind = 'article')"
            )
            params.append(story)
        if subject:
            where.append("c.subject = ?")
            params.append(subject)
        sql = self._CLAIM_SQL
        if where:
            sql += " WHERE " + " AND ".join(where)
        total = self._count(sql, params)
        rows = self.conn.execute(
            f"{sql} {_order(CLAIM_SORTS, sort, order, 'c.id')} LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()
        return _page([self._claim(r) for r in rows], total, limit, offset)

    def _claims_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in self.conn.execute(f"{self._CLAIM_SQL} WHERE c.id IN ({marks})", ids)}
        return [self._claim(rows[i]) for i in ids if i in rows]

    def contradictions(self, *, story: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Contradictions with their claims side by side; ``story`` keeps those touching it."""
        where, params = "", []
        if story:
            where = (
                " WHERE EXISTS (SELECT 1 FROM json_each(x.claims) j JOIN claims c ON c.id = j.value "
                "JOIN story_members m ON m.member = c.article AND m.member_kind = 'article' "
                "WHERE m.story = ?)"
            )
            params.append(story)
        sql = f"SELECT x.id, x.claims, x.note FROM contradictions x{where}"
        total = self._count(sql, params)
        rows = self.conn.execute(f"{sql} ORDER BY x.id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        items = []
        for r in rows:
            claim_ids = json.loads(r["claims"])
            items.append(
                {
                    "id": r["id"],
                    "note": r["note"],
                    "claims": claim_ids,
                    "claim_details": self._claims_by_id(claim_ids),
                }
            )
        return _page(items, total, limit, offset)

    def contradiction(self, contradiction_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, claims, note FROM contradictions WHERE id = ?", (contradiction_id,)
        ).fetchone()
        if row is None:
            return None
        claim_ids = json.loads(row["claims"])
        return {
            "id": row["id"],
            "note": row["note"],
            "claims": claim_ids,
            "claim_details": self._claims_by_id(claim_ids),
        }
