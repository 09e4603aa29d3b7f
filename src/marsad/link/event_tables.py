"""The events linker's tables (``events`` profiles, ``event_keys``, ``event_articles``, the
events' places in ``story_members``): every SQL statement the linker runs on them."""

from __future__ import annotations

from collections.abc import Iterable

from marsad.store.db import Store

_KEYED = "SELECT event FROM event_keys WHERE key = ? AND type = ?"


def _ids(store: Store, sql: str, params: tuple[object, ...], limit: int) -> list[str]:
    return [r[0] for r in store.conn.execute(sql + f" LIMIT {limit}", params)]


def keyed_in_window(
    store: Store, key: str, event_type: str, lo: str | None, hi: str | None, limit: int
) -> list[str]:
    """Events under ``key`` of ``event_type`` whose fine date starts between lo and hi."""
    return _ids(store, _KEYED + " AND fine_lo BETWEEN ? AND ?", (key, event_type, lo, hi), limit)


def keyed_published_since(
    store: Store, key: str, event_type: str, since: str | None, limit: int
) -> list[str]:
    return _ids(store, _KEYED + " AND pub_hi >= ?", (key, event_type, since), limit)


def keyed_latest_published_since(
    store: Store, key: str, event_type: str, since: str, limit: int
) -> list[str]:
    """The newest-published events under ``key`` last published on or after ``since``."""
    return _ids(store, _KEYED + " AND pub_hi >= ? ORDER BY pub_hi DESC", (key, event_type, since), limit)


def keyed_unpublished(store: Store, key: str, event_type: str, limit: int) -> list[str]:
    return _ids(store, _KEYED + " AND pub_hi IS NULL", (key, event_type), limit)


def keyed_newest(store: Store, key: str, event_type: str, limit: int) -> list[str]:
    return _ids(store, _KEYED + " ORDER BY rowid DESC", (key, event_type), limit)


def events_of_article(store: Store, article_id: str) -> set[str]:
    return {
        r[0] for r in store.conn.execute("SELECT event FROM event_articles WHERE article = ?", (article_id,))
    }


def events_without_profile(store: Store) -> set[str]:
    """Events of a store written before events kept profiles."""
    return {r[0] for r in store.conn.execute("SELECT id FROM events WHERE profile IS NULL")}


def type_and_profile(store: Store, event_id: str) -> tuple[str, str | None] | None:
    row = store.conn.execute("SELECT type, profile FROM events WHERE id = ?", (event_id,)).fetchone()
    return (row[0], row[1]) if row is not None else None


def save_profile(store: Store, event_id: str, date_lo: str | None, date_hi: str | None, profile: str) -> None:
    store.conn.execute(
        "UPDATE events SET date_lo = ?, date_hi = ?, profile = ? WHERE id = ?",
        (date_lo, date_hi, profile, event_id),
    )


def delete_keys(store: Store, event_id: str) -> None:
    store.conn.execute("DELETE FROM event_keys WHERE event = ?", (event_id,))


def insert_keys(store: Store, rows: Iterable[tuple[str, str, str, int, str | None, str | None, int]]) -> None:
    """Rows of (event, key, type, person, fine_lo, pub_hi, dated)."""
    store.conn.executemany(
        "INSERT INTO event_keys (event, key, type, person, fine_lo, pub_hi, dated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def repoint_story_member(store: Store, event_id: str, replaced_by: str) -> None:
    store.conn.execute(
        "UPDATE OR IGNORE story_members SET member = ? WHERE member_kind = 'event' AND member = ?",
        (replaced_by, event_id),
    )


def drop_story_member(store: Store, event_id: str) -> None:
    store.conn.execute("DELETE FROM story_members WHERE member_kind = 'event' AND member = ?", (event_id,))
