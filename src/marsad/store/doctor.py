"""The store doctor: ``marsad check --db``. SQLite's own checks (pages, indexes, foreign keys,
the full-text index) and Marsad's (every span inside its article, every event with its
evidence, no record pointing at a missing article, event or story, the full-text index and
the duplicate signatures in step with the articles), each reported in plain words.

Nothing is changed: the checks run inside a transaction that is rolled back (FTS5's
integrity check is spelled as an INSERT, so the file is opened read-write).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Per-article annotation tables whose (start, end) are code points into the cleaned text.
SPAN_TABLES = ("flags", "mentions", "times", "quantities", "quotes", "event_mentions", "claims")
EXAMPLES = 3  # row examples named per problem


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # what was checked, in words
    problem: str | None  # None: it holds

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_store(path: str | Path) -> list[Finding]:
    """Every check on the store at ``path``; raises sqlite3.Error when it cannot be opened."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path}: no such database")
    conn = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=rw", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("BEGIN")
        try:
            return list(_checks(conn))
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()


def _checks(conn: sqlite3.Connection) -> Iterator[Finding]:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    yield Finding(
        "SQLite integrity (pages, records, indexes)",
        None if rows == ["ok"] else f"{len(rows)} problem(s), first: {rows[0]}",
    )
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "articles" not in tables:
        yield Finding("Marsad tables", "no 'articles' table: not a Marsad database")
        return
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    yield Finding(
        "foreign keys",
        None
        if not broken
        else f"{len(broken)} row(s) point at missing rows (first in table {broken[0][0]}, "
        f"missing in {broken[0][2]})",
    )
    yield from _fts(conn)
    for table in SPAN_TABLES:
        if table in tables:
            yield from _spans(conn, table, f"{table} spans inside their article's text")
    yield from _spans(conn, "event_evidence", "event evidence spans inside their article's text")
    yield _count_check(
        conn,
        "every event has evidence",
        "SELECT id FROM events WHERE id NOT IN (SELECT event FROM event_evidence)",
        "event(s) without any evidence span",
    )
    for table, column in (
        ("event_evidence", "article"),
        ("event_articles", "article"),
        ("claims", "article"),
    ):
        yield _count_check(
            conn,
            f"{table} name stored articles",
            f"SELECT {column} FROM {table} WHERE {column} NOT IN (SELECT id FROM articles)",
            f"{table} row(s) name an article that is not stored",
        )
    yield _count_check(
        conn,
        "inputs name stored articles",
        "SELECT origin FROM inputs WHERE article IS NOT NULL AND article NOT IN (SELECT id FROM articles)",
        "input(s) recorded as stored name an article that is not stored",
    )
    yield _count_check(
        conn,
        "story members exist",
        "SELECT member FROM story_members WHERE (member_kind = 'article' AND member NOT IN "
        "(SELECT id FROM articles)) OR (member_kind = 'event' AND member NOT IN (SELECT id FROM events))",
        "story member(s) are neither a stored article nor a stored event",
    )
    yield _count_check(
        conn,
        "articles' links to duplicates and stories",
        "SELECT id FROM articles WHERE (duplicate_of IS NOT NULL AND duplicate_of NOT IN "
        "(SELECT id FROM articles)) OR (story IS NOT NULL AND story NOT IN (SELECT id FROM stories))",
        "article(s) name a duplicate original or story that is not stored",
    )
    if "minhash" in tables:
        yield _count_check(
            conn,
            "near-duplicate signatures agree with the articles",
            "SELECT id FROM articles WHERE id NOT IN (SELECT article FROM minhash)",
            "article(s) have no near-duplicate signature (later copies of them go unnoticed)",
        )


def _fts(conn: sqlite3.Connection) -> Iterator[Finding]:
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        problem = None
    except sqlite3.DatabaseError as err:
        problem = f"the full-text index is damaged ({err}); search may miss or misplace articles"
    yield Finding("full-text index (FTS5 integrity)", problem)
    missing = conn.execute(
        "SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts)"
    ).fetchone()[0]
    extra = conn.execute(
        "SELECT COUNT(*) FROM articles_fts WHERE id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    words = []
    if missing:
        words.append(f"{missing} article(s) missing from it (search cannot find them)")
    if extra:
        words.append(f"{extra} entr(ies) for articles that are not stored")
    yield Finding("full-text index agrees with the articles", "; ".join(words) or None)


def _spans(conn: sqlite3.Connection, table: str, check: str) -> Iterator[Finding]:
    query = (
        f'SELECT t.article, t.start, t."end", length(a.text) FROM {table} t '
        f"JOIN articles a ON a.id = t.article "
        f'WHERE t.start < 0 OR t."end" < t.start OR t."end" > length(a.text)'
    )
    bad = conn.execute(query).fetchall()
    if not bad:
        yield Finding(check, None)
        return
    examples = ", ".join(f"{a} {s}-{e} (text has {n})" for a, s, e, n in bad[:EXAMPLES])
    yield Finding(check, f"{len(bad)} span(s) fall outside their article's text, e.g. {examples}")


def _count_check(conn: sqlite3.Connection, check: str, query: str, what: str) -> Finding:
    bad = [r[0] for r in conn.execute(query)]
    if not bad:
        return Finding(check, None)
    return Finding(check, f"{len(bad)} {what}, e.g. {', '.join(map(str, bad[:EXAMPLES]))}")
