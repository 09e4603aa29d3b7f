"""Everything the web desk reads from the store, in one place.

The web process only ever reads: it opens the database with ``Store.open(path,
readonly=True)``. Where the Store has a method we use it; filters and pagination need plain
SQL against the store's tables, and it lives here so that a schema change touches one file.
No SQL is ever built from request text: values go in as parameters, sort keys are looked
up in the whitelists below, and the only fragments joined into statements are our own
constants.
"""

from __future__ import annotations

import calendar
import json
import sqlite3
from collections import Counter
from dataclasses import asdict
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from marsad import kinds
from marsad.arabic.stems import fts_query, matches_all, query_groups
from marsad.model import Event
from marsad.store.db import Store, search_snippet

# API sort key → SQL expression (whitelists: request text never reaches the statement).
ARTICLE_SORTS = {
    "relevance": "a.published",  # with a query: bm25 (see ``articles``); without: by date
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
    # the front page's rankings: biggest first whatever ``order`` says
    "sources": "n_sources DESC, n_recent DESC, n_articles DESC, s.last DESC",
    "growth": "n_recent DESC, n_sources DESC, n_articles DESC, s.last DESC",
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
    # NULLs (undated articles) go last whichever the direction. A piece that names its own
    # direction keeps it (the ranking sorts: biggest first whatever ``order`` says).
    first = column.split(",")[0].split()[0]
    pieces = [c.strip() for c in column.split(",")]
    parts = [f"{first} IS NULL", *(c if c.endswith(("DESC", "ASC")) else f"{c} {direction}" for c in pieces)]
    return "ORDER BY " + ", ".join(parts) + f", {tiebreak}"


RECENT_DAYS = 3  # "growth": articles in the last days before the newest one (or date_to)


def _fts_match(query: str) -> str | None:
    """The MATCH expression over ``articles_search`` (Arabic-aware keys, ``arabic.stems``)."""
    return fts_query(query)


@lru_cache(maxsize=64)
def _groups(query: str) -> list[tuple[str, ...]]:
    return query_groups(query)


def _matches(text: str | None, query: str | None) -> bool:
    groups = _groups(query or "")
    return bool(text) and bool(groups) and matches_all(groups, text or "")


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


def _last_day(value: str) -> str:
    """The last day a (partial) ISO date covers: "2023-08" → "2023-08-31"."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value


class Desk:
    """Read-only queries for the API and the pages, over one open Store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        # "does this name match the query whatever its clitics": Arabic-aware actor search
        self.conn.create_function("marsad_matches", 2, _matches, deterministic=True)
        self._articles: dict[str, tuple[sqlite3.Row, list[list[int]]] | None] = {}
        self._event_columns: set[str] | None = None

    # --- small helpers ----------------------------------------------------------------

    def _count(self, sql: str, params: list[Any] | dict[str, Any]) -> int:
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
        join, score = "", "NULL"
        if q is not None:
            match = _fts_match(q)
            if match is None:
                return _page([], 0, limit, offset)
            join = " JOIN articles_search f ON f.rowid = a.seq"
            score = "bm25(articles_search, 2.0, 1.0)"
            where.append("articles_search MATCH ?")
            params.append(match)
        sql = (
            "SELECT a.id, a.source, a.url, a.title, a.published, a.language, a.agency, "
            f"a.duplicate_of, a.story, substr(a.text, 1, {LEAD_CHARS}) AS lead, {score} AS score "
            f"FROM articles a{join}"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        total = self._count(sql, params)
        if sort == "relevance" and q is not None:
            ordering = "ORDER BY score, a.seq"  # bm25: lower is better
        else:
            ordering = _order(ARTICLE_SORTS, sort, order, "a.id")
        rows = self.conn.execute(f"{sql} {ordering} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        items = [self._article_brief(r) for r in rows]
        if q is not None:
            groups = query_groups(q)
            for item, row in zip(items, rows, strict=True):
                text = self.conn.execute("SELECT text FROM articles WHERE id = ?", (row["id"],)).fetchone()[0]
                item["score"] = -float(row["score"])
                item.update(search_snippet(text, groups))
        return _page(items, total, limit, offset)

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
            # Any known spelling: the name, English name, aliases and every form the
            # articles wrote for the actor, matched with Arabic spelling variants and
            # clitics folded (العباسي finds عباسي and وللعباسي).
            # Spellings are matched once each (a store has far fewer distinct spellings
            # than mentions), then their actors looked up through the mentions' index.
            spellings = [
                r[0]
                for r in self.conn.execute("SELECT DISTINCT text FROM mentions WHERE actor IS NOT NULL")
                if _matches(r[0], q)
            ]
            where.append(
                "(ac.id = ? OR marsad_matches(ac.name || ' ' || COALESCE(ac.name_en, '') || ' ' || "
                "ac.aliases, ?) OR ac.id IN (SELECT DISTINCT actor FROM mentions "
                "WHERE text IN (SELECT value FROM json_each(?)) AND actor IS NOT NULL))"
            )
            params += [q, q, json.dumps(spellings, ensure_ascii=False)]
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
        merged = [
            x
            for m in getattr(e, "merges", None) or []
            for x in [*m.get("shared_participants", []), m.get("place")]
        ]
        names = self.actor_names(
            [*e.sources, *e.targets, *([e.location] if e.location else []), *(x for x in merged if x)]
        )
        return {
            "merge_names": {x: names.get(x, x) for x in merged if x},
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

    def story_titles(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {
            r[0]: r[1] for r in self.conn.execute(f"SELECT id, title FROM stories WHERE id IN ({marks})", ids)
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

    # Per story: articles, events, independent sources (outlets of its non-duplicate
    # articles) and growth (articles of the last RECENT_DAYS before the anchor day).
    _STORY_SQL = (
        "SELECT s.id, s.title, s.first, s.last, "
        "(SELECT COUNT(*) FROM story_members m WHERE m.story = s.id AND m.member_kind = 'article') "
        "AS n_articles, "
        "(SELECT COUNT(*) FROM story_members m WHERE m.story = s.id AND m.member_kind = 'event') "
        "AS n_events, "
        "(SELECT COUNT(DISTINCT a.source) FROM story_members m JOIN articles a ON a.id = m.member "
        "WHERE m.story = s.id AND m.member_kind = 'article' AND a.duplicate_of IS NULL) AS n_sources, "
        "(SELECT COUNT(*) FROM story_members m JOIN articles a ON a.id = m.member "
        "WHERE m.story = s.id AND m.member_kind = 'article' AND a.published >= :recent_from "
        "AND substr(a.published, 1, 10) <= :anchor) AS n_recent "
        "FROM stories s"
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
        contradictions = self.conn.execute(
            "SELECT COUNT(*) FROM contradictions x WHERE EXISTS (SELECT 1 FROM json_each(x.claims) j "
            "JOIN claims c ON c.id = j.value JOIN story_members m ON m.member = c.article "
            "AND m.member_kind = 'article' WHERE m.story = ?)",
            (row["id"],),
        ).fetchone()[0]
        return {
            "id": row["id"],
            "title": row["title"],
            "first": row["first"],
            "last": row["last"],
            "articles": row["n_articles"],
            "events": row["n_events"],
            "independent_sources": row["n_sources"],
            "recent_articles": row["n_recent"],
            "contradiction_count": contradictions,
            "outlets": outlets,
        }

    def anchor_day(self, date_to: str | None = None) -> str | None:
        """The day "recent" counts back from: ``date_to`` or the newest article's day."""
        if date_to:
            return _last_day(date_to)
        row = self.conn.execute("SELECT MAX(substr(published, 1, 10)) FROM articles").fetchone()
        return row[0]

    def _recent_params(self, date_to: str | None) -> dict[str, Any]:
        anchor = self.anchor_day(date_to)
        if anchor is None or len(anchor) != 10:
            return {"recent_from": "9999", "anchor": "0000"}
        recent_from = date.fromisoformat(anchor) - timedelta(days=RECENT_DAYS - 1)
        return {"recent_from": recent_from.isoformat(), "anchor": anchor}

    def stories(
        self,
        *,
        q: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        place: str | None = None,
        sort: str = "first",
        order: str = "asc",
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """Stories with counts; filters keep stories with an article or event that fits."""
        where: list[str] = []
        params: dict[str, Any] = self._recent_params(date_to)
        if q is not None:
            match = _fts_match(q)
            if match is None:
                return _page([], 0, limit, offset)
            # A story matches when its title or any of its articles does.
            where.append(
                "(marsad_matches(s.title, :q) OR EXISTS (SELECT 1 FROM story_members m "
                "JOIN articles a ON a.id = m.member WHERE m.story = s.id AND m.member_kind = 'article' "
                "AND a.seq IN (SELECT rowid FROM articles_search WHERE articles_search MATCH :match)))"
            )
            params.update(q=q, match=match)
        if date_from:
            where.append("(COALESCE(s.last, s.first) || char(65535)) >= :date_from")
            params["date_from"] = date_from
        if date_to:
            where.append("substr(COALESCE(s.first, s.last), 1, length(:date_to)) <= :date_to")
            params["date_to"] = date_to
        if date_from or date_to:
            where.append("COALESCE(s.first, s.last) IS NOT NULL")
        if outlet:
            where.append(
                "EXISTS (SELECT 1 FROM story_members m JOIN articles a ON a.id = m.member "
                "WHERE m.story = s.id AND m.member_kind = 'article' AND a.source = :outlet)"
            )
            params["outlet"] = outlet
        if actor:
            where.append(
                "(s.id IN (SELECT m.story FROM mentions x JOIN story_members m ON m.member = x.article "
                "AND m.member_kind = 'article' WHERE x.actor = :actor) OR EXISTS (SELECT 1 FROM "
                "story_members m JOIN events e ON e.id = m.member AND m.member_kind = 'event' "
                "WHERE m.story = s.id AND (EXISTS (SELECT 1 FROM json_each(e.sources) WHERE value = :actor) "
                "OR EXISTS (SELECT 1 FROM json_each(e.targets) WHERE value = :actor))))"
            )
            params["actor"] = actor
        if type:
            where.append(
                "EXISTS (SELECT 1 FROM story_members m JOIN events e ON e.id = m.member "
                "AND m.member_kind = 'event' WHERE m.story = s.id AND e.type = :type)"
            )
            params["type"] = type
        if place:
            where.append(
                "EXISTS (SELECT 1 FROM story_members m JOIN events e ON e.id = m.member "
                "AND m.member_kind = 'event' WHERE m.story = s.id AND e.location = :place)"
            )
            params["place"] = place
        sql = self._STORY_SQL
        if where:
            sql += " WHERE " + " AND ".join(where)
        total = self._count(sql, params)
        rows = self.conn.execute(
            f"{sql} {_order(STORY_SORTS, sort, order, 's.id')} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset},
        ).fetchall()
        return _page([self._story_brief(r) for r in rows], total, limit, offset)

    def story_volume(self, story_id: str) -> list[tuple[str, int]]:
        """Articles per publication day of a story, oldest first (undated ones left out)."""
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT substr(a.published, 1, 10) AS day, COUNT(*) FROM story_members m "
                "JOIN articles a ON a.id = m.member WHERE m.story = ? AND m.member_kind = 'article' "
                "AND length(a.published) >= 10 GROUP BY day ORDER BY day",
                (story_id,),
            )
        ]

    def latest_contradictions(self, limit: int = 5) -> list[dict[str, Any]]:
        """The contradictions whose newest claim was published last, with their stories."""
        rows = self.conn.execute(
            "SELECT x.id, MAX(a.published) AS newest FROM contradictions x, json_each(x.claims) j "
            "JOIN claims c ON c.id = j.value JOIN articles a ON a.id = c.article "
            "GROUP BY x.id ORDER BY newest IS NULL, newest DESC, x.id LIMIT ?",
            (limit,),
        ).fetchall()
        out = []
        for r in rows:
            found = self.contradiction(r["id"])
            if found is None:
                continue
            articles = [c["article"] for c in found["claim_details"]]
            marks = ",".join("?" * len(articles))
            story = self.conn.execute(
                "SELECT s.id, s.title FROM story_members m JOIN stories s ON s.id = m.story "
                f"WHERE m.member_kind = 'article' AND m.member IN ({marks}) LIMIT 1",
                articles,
            ).fetchone()
            found["story"] = dict(story) if story else None
            out.append(found)
        return out

    def active_actors(
        self, *, date_from: str | None = None, date_to: str | None = None, limit: int = 10
    ) -> list[dict[str, Any]]:
        """Actors in the most events (as source or target) in the date range."""
        where, params = _date_overlap("e.date", date_from, date_to)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = self.conn.execute(
            "WITH part AS (SELECT j.value AS actor, e.id AS event FROM events e, json_each(e.sources) j"
            f"{clause} UNION SELECT j.value, e.id FROM events e, json_each(e.targets) j{clause}) "
            "SELECT p.actor, COUNT(*) AS n, ac.name, ac.type, ac.country FROM part p "
            "JOIN actors ac ON ac.id = p.actor GROUP BY p.actor ORDER BY n DESC, p.actor LIMIT ?",
            [*params, *params, limit],
        ).fetchall()
        return [
            {
                "id": r["actor"],
                "name": r["name"],
                "type": r["type"],
                "country": r["country"],
                "events": r["n"],
            }
            for r in rows
        ]

    def facets(self) -> dict[str, list[dict[str, Any]]]:
        """What the front page's filters offer, each with its count."""
        outlets = [
            {"value": r[0], "count": r[1]}
            for r in self.conn.execute(
                "SELECT source, COUNT(*) FROM articles GROUP BY source ORDER BY COUNT(*) DESC, source"
            )
        ]
        types = [
            {"value": r[0], "count": r[1]}
            for r in self.conn.execute("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY 2 DESC, 1")
        ]
        places = [
            {"value": r[0], "label": r[2] or r[0], "count": r[1]}
            for r in self.conn.execute(
                "SELECT e.location, COUNT(*), ac.name FROM events e "
                "LEFT JOIN actors ac ON ac.id = e.location WHERE e.location IS NOT NULL "
                "GROUP BY e.location ORDER BY 2 DESC, 1 LIMIT 40"
            )
        ]
        actors = [
            {"value": a["id"], "label": a["name"], "count": a["events"]} for a in self.active_actors(limit=40)
        ]
        return {"outlets": outlets, "types": types, "places": places, "actors": actors}

    def story(
        self,
        story_id: str,
        *,
        events_offset: int = 0,
        events_limit: int | None = None,
        articles_offset: int = 0,
        articles_limit: int | None = None,
    ) -> dict[str, Any] | None:
        """A story in reading order: summary, contradictions, timeline (every event), its
        events ranked by independent sources (with evidence), its articles by date, each
        with why it belongs here. The two lists can be paged (big stories)."""
        row = self.conn.execute(
            f"{self._STORY_SQL} WHERE s.id = :sid", {**self._recent_params(None), "sid": story_id}
        ).fetchone()
        if row is None:
            return None
        story = self.store.get_story(story_id)
        assert story is not None
        all_events = [e for e in (self.store.get_event(i) for i in story.events) if e is not None]
        all_events.sort(key=lambda e: (-e.independent_sources, e.date is None, e.date or "", e.id))
        shown = all_events[events_offset : None if events_limit is None else events_offset + events_limit]
        events = [{**self._event_brief(e), "evidence": self.evidence(e)} for e in shown]
        briefs = [
            self._article_brief(r)
            for r in self.conn.execute(
                "SELECT a.* FROM story_members m JOIN articles a ON a.id = m.member "
                "WHERE m.story = ? AND m.member_kind = 'article' "
                "ORDER BY a.published IS NULL, a.published, a.id",
                (story_id,),
            )
        ]
        page = briefs[articles_offset : None if articles_limit is None else articles_offset + articles_limit]
        self._explain_membership(page, all_events, story_id)
        timeline = [
            {
                "event": e.id,
                "id": e.id,
                "type": e.type,
                "date": e.date,
                "date_end": self._date_end(e),
                "date_precision": e.date_precision,
                "precision": e.date_precision,
                "independent_sources": e.independent_sources,
            }
            for e in sorted(all_events, key=lambda e: (e.date is None, e.date or "", e.id))
        ]
        return {
            **self._story_brief(row),
            "article_ids": story.articles,
            "event_ids": story.events,
            "summary": self._story_summary(all_events),
            "timeline": timeline,
            "event_details": events,
            "events_offset": events_offset,
            "article_details": page,
            "articles_offset": articles_offset,
            "contradictions": self.contradictions(story=story_id, limit=MAX_LIMIT)["items"],
        }

    def _story_summary(self, events: list[Event]) -> dict[str, Any]:
        """Who and what, for the story's summary line: its most frequent participants and
        event types (by how many events they are in)."""
        who: Counter[str] = Counter()
        what: Counter[str] = Counter()
        for e in events:
            who.update(dict.fromkeys([*e.sources, *e.targets], 1))
            what[e.type] += 1
        names = self.actor_names([a for a, _ in who.most_common(3)])
        return {
            "actors": [{"id": a, "name": names.get(a, a)} for a, _ in who.most_common(3)],
            "types": [t for t, _ in what.most_common(3)],
        }

    def _explain_membership(self, articles: list[dict[str, Any]], events: list[Event], story_id: str) -> None:
        """Why each article is in the story, from what linking used: the story's events it
        reports (decisive), the copy it duplicates, the story's main actors it names."""
        by_article: dict[str, list[Event]] = {}
        for e in events:
            for a in e.articles:
                by_article.setdefault(a, []).append(e)
        row = self.conn.execute("SELECT actors FROM stories WHERE id = ?", (story_id,)).fetchone()
        core: Counter[str] = Counter(json.loads(row[0] or "{}")) if row else Counter()
        core_ids = {a for a, _ in core.most_common(12)}
        ids = [a["id"] for a in articles]
        named: dict[str, set[str]] = {}
        if ids and core_ids:
            marks = ",".join("?" * len(ids))
            for r in self.conn.execute(
                f"SELECT DISTINCT article, actor FROM mentions WHERE article IN ({marks}) "
                "AND actor IS NOT NULL",
                ids,
            ):
                if r["actor"] in core_ids:
                    named.setdefault(r["article"], set()).add(r["actor"])
        names = self.actor_names(sorted({a for v in named.values() for a in v}))
        for article in articles:
            reasons: list[dict[str, Any]] = []
            for e in by_article.get(article["id"], [])[:3]:
                reasons.append({"kind": "event", "event": e.id, "type": e.type, "date": e.date})
            if article["duplicate_of"]:
                reasons.append({"kind": "duplicate", "article": article["duplicate_of"]})
            shared = sorted(named.get(article["id"], ()), key=lambda x: -core[x])
            if shared:
                reasons.append(
                    {"kind": "actors", "actors": [{"id": x, "name": names.get(x, x)} for x in shared[:4]]}
                )
            if not reasons:
                reasons.append({"kind": "similar"})
            article["why"] = reasons

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


# kind → table whose ``id`` column the API looks ids (and id prefixes) up in
ID_TABLES = {
    "article": "articles",
    "actor": "actors",
    "event": "events",
    "story": "stories",
    "contradiction": "contradictions",
}


def resolve_id(conn: sqlite3.Connection, kind: str, given: str, candidates: int = 10) -> list[str]:
    """The ids of ``kind`` that ``given`` names: itself when it is one, else those starting
    with it (at most ``candidates`` + 1, so callers can tell one from several)."""
    table = ID_TABLES[kind]
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (given,)).fetchone():
        return [given]
    rows = conn.execute(
        f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
        (given, given + "\uffff", candidates + 1),
    )
    return [r[0] for r in rows]
