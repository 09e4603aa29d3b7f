"""The stories linker's tables (``stories``, ``story_members``, ``articles.story``) and the
lookups it makes in the events and mentions tables: every SQL statement the linker runs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from marsad.store.db import Store


def centroid_rows(store: Store) -> Iterator[tuple[str, str | None, str | None, bytes]]:
    """(id, first, last, centroid) of every story with a centroid, in the order stored."""
    yield from store.conn.execute(
        "SELECT id, first, last, centroid FROM stories WHERE centroid IS NOT NULL ORDER BY rowid"
    )


def dated_events_of_article(store: Store, article_id: str) -> list[tuple[str | None, int]]:
    """(date_lo, number of articles reporting it) of the article's events dated to a day,
    range or month."""
    return store.conn.execute(
        "SELECT e.date_lo, (SELECT COUNT(*) FROM event_articles y WHERE y.event = e.id) AS n "
        "FROM events e JOIN event_articles x ON x.event = e.id "
        "WHERE x.article = ? AND e.date_precision IN ('day', 'range', 'month')",
        (article_id,),
    ).fetchall()


def events_of_article_between(store: Store, article_id: str, lo: str, hi: str) -> frozenset[str]:
    rows = store.conn.execute(
        "SELECT e.id FROM events e JOIN event_articles x ON x.event = e.id "
        "WHERE x.article = ? AND e.date_lo <= ? AND e.date_hi >= ?",
        (article_id, hi, lo),
    )
    return frozenset(r[0] for r in rows)


def story_row(store: Store, story_id: str) -> sqlite3.Row | None:
    return store.conn.execute(
        "SELECT id, title, first, last, centroid, actors, weight FROM stories WHERE id = ?", (story_id,)
    ).fetchone()


def stories_of_event(store: Store, event_id: str) -> list[tuple[str, int]]:
    """(story, published) for the stories that hold the event or an article reporting it
    (published: 1 for the event itself or a dated article, 0 for an undated article)."""
    return store.conn.execute(
        "SELECT story, 1 FROM story_members WHERE member_kind = 'event' AND member = ? "
        "UNION SELECT a.story, a.published IS NOT NULL FROM event_articles x "
        "JOIN articles a ON a.id = x.article WHERE x.event = ? AND a.story IS NOT NULL",
        (event_id, event_id),
    ).fetchall()


def recent_stories_of_actor(store: Store, actor_id: str, limit: int) -> list[str]:
    """Stories of the latest articles that mention the actor, latest first."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT a.story FROM mentions m JOIN articles a ON a.id = m.article "
            "WHERE m.actor = ? AND a.story IS NOT NULL ORDER BY a.seq DESC LIMIT ?",
            (actor_id, limit),
        )
    ]


def created_order(store: Store, ids: Iterable[str]) -> dict[str, int]:
    return {
        sid: rowid
        for sid in ids
        for (rowid,) in store.conn.execute("SELECT rowid FROM stories WHERE id = ?", (sid,))
    }


def members(store: Store, story_id: str, kind: str) -> list[str]:
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT member FROM story_members WHERE story = ? AND member_kind = ? ORDER BY ord",
            (story_id, kind),
        )
    ]


def drop_story(store: Store, story_id: str, moved_to: str) -> None:
    """Delete a story merged into ``moved_to`` (its members were appended there)."""
    store.conn.execute("DELETE FROM story_members WHERE story = ?", (story_id,))
    store.conn.execute("UPDATE articles SET story = ? WHERE story = ?", (moved_to, story_id))
    store.conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def save_summary(
    store: Store,
    story_id: str,
    title: str,
    first: str | None,
    last: str | None,
    centroid: bytes,
    actors: str,
    weight: float,
) -> None:
    store.conn.execute(
        "INSERT INTO stories (id, title, first, last, centroid, actors, weight) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET title = excluded.title, first = excluded.first, "
        "last = excluded.last, centroid = excluded.centroid, actors = excluded.actors, "
        "weight = excluded.weight",
        (story_id, title, first, last, centroid, actors, weight),
    )


def leave_other_stories(store: Store, story_id: str, articles: list[str]) -> None:
    """An article re-analyzed into another story leaves its old one."""
    store.conn.executemany(
        "DELETE FROM story_members WHERE member_kind = 'article' AND member = ? AND story != ?",
        [(a, story_id) for a in articles],
    )


def set_article_story(store: Store, story_id: str, articles: list[str]) -> None:
    store.conn.executemany("UPDATE articles SET story = ? WHERE id = ?", [(story_id, a) for a in articles])


def append_members(store: Store, story_id: str, kind: str, members: list[str]) -> None:
    """Add members after the story's last one of that kind (members already in it stay put)."""
    (start,) = store.conn.execute(
        "SELECT COALESCE(MAX(ord) + 1, 0) FROM story_members WHERE story = ? AND member_kind = ?",
        (story_id, kind),
    ).fetchone()
    store.conn.executemany(
        "INSERT OR IGNORE INTO story_members (story, member, member_kind, ord) VALUES (?, ?, ?, ?)",
        [(story_id, m, kind, start + i) for i, m in enumerate(members)],
    )
