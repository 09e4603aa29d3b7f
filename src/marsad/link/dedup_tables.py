"""The dedup linker's tables (``minhash``, ``lsh_bands``) and its reads of ``articles``:
every SQL statement the linker runs (``duplicate_of`` is written through the store)."""

from __future__ import annotations

import sqlite3

from marsad.store.db import Store


def new_articles(store: Store, article_ids: list[str]) -> list[sqlite3.Row]:
    """(id, seq, content_hash, text) of the articles, in the order they were stored."""
    placeholders = ",".join("?" * len(article_ids))
    return store.conn.execute(
        f"SELECT id, seq, content_hash, text FROM articles WHERE id IN ({placeholders}) ORDER BY seq",
        article_ids,
    ).fetchall()


def duplicate_of(store: Store, article_id: str) -> str | None:
    row = store.conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row is not None else None


def forget(store: Store, article_id: str) -> None:
    """Drop the article's signature and buckets (it is indexed again)."""
    store.conn.execute("DELETE FROM lsh_bands WHERE article = ?", (article_id,))
    store.conn.execute("DELETE FROM minhash WHERE article = ?", (article_id,))


def first_with_hash(store: Store, content_hash: str, before_seq: int) -> str | None:
    """The first-stored article with this content hash stored before ``before_seq``."""
    row = store.conn.execute(
        "SELECT id FROM articles WHERE content_hash = ? AND seq < ? ORDER BY seq LIMIT 1",
        (content_hash, before_seq),
    ).fetchone()
    return row[0] if row is not None else None


def in_bucket(store: Store, band: int, bucket: int, before_seq: int) -> list[tuple[str, int]]:
    """(article, seq) of the articles stored before ``before_seq`` in the band's bucket."""
    return [
        (r[0], r[1])
        for r in store.conn.execute(
            "SELECT l.article, a.seq FROM lsh_bands l JOIN articles a ON a.id = l.article "
            "WHERE l.band = ? AND l.bucket = ? AND a.seq < ?",
            (band, bucket, before_seq),
        )
    ]


def signature(store: Store, article_id: str) -> bytes:
    return store.conn.execute("SELECT signature FROM minhash WHERE article = ?", (article_id,)).fetchone()[0]


def index(store: Store, article_id: str, signature: bytes, buckets: list[int]) -> None:
    store.conn.execute("INSERT INTO minhash (article, signature) VALUES (?, ?)", (article_id, signature))
    store.conn.executemany(
        "INSERT INTO lsh_bands (band, bucket, article) VALUES (?, ?, ?)",
        [(band, key, article_id) for band, key in enumerate(buckets)],
    )
