"""The claims linker's tables (``claim_keys``) and its lookups of an article's story and of
the events in a sentence: every SQL statement the linker runs itself (stored claims under a
key are read through ``Store.claims_under_key``, contradictions saved through the store)."""

from __future__ import annotations

from collections.abc import Iterable

from marsad.store.db import Store


def story_of_article(store: Store, article_id: str) -> str | None:
    row = store.conn.execute("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def events_in_span(store: Store, article_id: str, start: int, end: int) -> frozenset[str]:
    """Events with evidence starting inside start..end of the article."""
    return frozenset(
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT event FROM event_evidence WHERE article = ? AND start >= ? AND start < ?",
            (article_id, start, end),
        )
    )


def file_under_keys(store: Store, rows: Iterable[tuple[str, str, str, str, int, int]]) -> None:
    """Rows of (claim, key, evidence, context, sentence_start, sentence_end)."""
    store.conn.executemany(
        "INSERT OR REPLACE INTO claim_keys (claim, key, evidence, context, sentence_start, sentence_end) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
