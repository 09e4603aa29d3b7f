"""The SQLite store: one file holds articles, their annotations and the corpus records.

Schema changes are numbered SQL files in ``migrations/`` applied in order inside one
transaction each, with ``PRAGMA user_version`` recording the last one applied, so any older
database opens and upgrades in place. Writers group many articles in one transaction
(``Store.batch``): a run killed midway leaves the database as it was after the last
committed batch, and the ``inputs`` table lets the next run skip what is already there.

Rows and dataclasses convert in one place (``_encode``/``_decode`` and the ``_Table``
specs below): per-article tables have exactly the dataclass's field names as columns.
"""

from __future__ import annotations

import contextlib
import errno
import json
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from marsad import kinds
from marsad.arabic.normalize import normalize_with_map, strip_diacritics, words
from marsad.arabic.stems import fts_query, index_text, query_groups, search_keys
from marsad.kinds import RecordKind
from marsad.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Claim,
    Contradiction,
    Event,
    Mention,
    Sentence,
    Story,
    stable_id,
)

T = TypeVar("T")


class StoreError(Exception):
    """A database that cannot be opened or used; the message is one line for the user."""


def describe_sqlite_error(error: sqlite3.Error | OSError, path: str | Path) -> str:
    """A database failure in plain words, with what to do about it."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if (
        name.startswith("SQLITE_FULL")
        or "disk is full" in text
        or getattr(error, "errno", None) == errno.ENOSPC
    ):
        return (
            f"{path}: the disk is full; whole batches written before are kept. "
            "Free some space and run the same command again to continue"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return (
            f"{path}: the database is locked by another program writing to it; "
            "wait for it to finish (or stop it) and run again"
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return f"{path}: the database cannot be written (read-only file or folder)"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return (
            f"{path}: the database is damaged or not a Marsad database; 'marsad check --db {path}' says more"
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return f"{path}: the disk failed to read or write the database ({error})"
    return f"{path}: {type(error).__name__}: {error}"


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, sql) for every bundled migration, in order."""
    folder = resources.files("marsad.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    # Consecutive from 1: a store at version N has run every migration up to N, so a gap
    # would let a later-landing file be skipped forever.
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError("migration files are not numbered 0001, 0002, ... each number once")
    return found


SCHEMA_VERSION = migrations()[-1][0]


@dataclass(frozen=True)
class _Table:
    name: str
    cls: type
    json_fields: frozenset[str] = frozenset()
    bool_fields: frozenset[str] = frozenset()

    @cached_property
    def columns(self) -> tuple[str, ...]:
        # read for every record stored or loaded: worked out once
        return tuple(f.name for f in fields(self.cls))


def _table(kind: RecordKind) -> _Table:
    return _Table(kind.table, kind.cls, kind.json_fields, kind.bool_fields)


# Per-article record kinds: AnalyzedArticle attribute → table spec.
PER_ARTICLE: dict[str, _Table] = {k.attribute: _table(k) for k in kinds.PER_ARTICLE if k.attribute}
CLAIMS = _table(kinds.BY_NAME["claim"])
ACTORS = _table(kinds.BY_NAME["actor"])


def _q(column: str) -> str:
    return f'"{column}"'


def _encode(table: _Table, obj: Any) -> list[Any]:
    row = []
    for name in table.columns:
        value = getattr(obj, name)
        if name in table.json_fields:
            value = json.dumps(value, ensure_ascii=False)
        elif name in table.bool_fields:
            value = int(bool(value))
        row.append(value)
    return row


def _decode(table: _Table, row: sqlite3.Row) -> Any:
    values = {}
    for name in table.columns:
        value = row[name]
        if name in table.json_fields:
            value = json.loads(value)
        elif name in table.bool_fields:
            value = bool(value)
        values[name] = value
    return table.cls(**values)


def pack_offsets(offsets: list[int] | None) -> bytes | None:
    """Delta-encoded (mostly 1s, so it compresses ~100x) int32 array, zlib'd."""
    if offsets is None:
        return None
    deltas = np.diff(np.asarray(offsets, dtype=np.int64), prepend=0).astype("<i4")
    return zlib.compress(deltas.tobytes(), 6)


def unpack_offsets(blob: bytes | None) -> list[int] | None:
    if blob is None:
        return None
    return np.cumsum(np.frombuffer(zlib.decompress(blob), dtype="<i4"), dtype=np.int64).tolist()


def fts_text(text: str | None) -> str:
    """The form the full-text index holds and queries use: normalized words."""
    return " ".join(words(text or ""))


_ARTICLE_COLUMNS = (
    "id, seq, source, url, title, title_derived, published, language, text, origin, agency, "
    "content_hash, duplicate_of, duplicate_kind, story, raw_text, offset_map, sentences"
)


def _article(row: sqlite3.Row, *, with_raw: bool = True) -> Article:
    article = Article(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        published=row["published"],
        language=row["language"],
        text=row["text"],
        origin=row["origin"],
        agency=row["agency"],
        content_hash=row["content_hash"],
        duplicate_of=row["duplicate_of"],
        story=row["story"],
        raw_text=row["raw_text"] if with_raw else None,
        offset_map=unpack_offsets(row["offset_map"]) if with_raw else None,
    )
    if hasattr(article, "title_derived"):  # added by the cleaner's branch
        article.title_derived = bool(row["title_derived"])
    return article


class Store:
    """A Marsad database. Use ``Store.open(path)``; close it (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._depth = 0
        # In-memory indexes that linkers keep between batches (``cached``).
        self._caches: dict[str, Any] = {}
        self._cache_version: int | None = None

    # --- opening ----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Store:
        path = str(path)
        try:
            if readonly:
                if not Path(path).is_file():
                    raise StoreError(f"{path}: no such database")
                uri = f"file:{Path(path).resolve().as_posix()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                conn = sqlite3.connect(path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            store = cls(conn, path, readonly)
            if readonly:
                version = store.schema_version()
                if version != SCHEMA_VERSION:
                    raise StoreError(
                        f"{path}: schema version {version}, this Marsad reads {SCHEMA_VERSION}; "
                        "open it once for writing to upgrade"
                    )
            else:
                store.migrate()
            return store
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable Marsad database ({exc})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Apply every migration newer than the database; returns the resulting version."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {current} is newer than this Marsad")
        for version, name, sql in migrations():
            if version <= current:
                continue
            # executescript would commit on its own; run statements one by one instead so
            # the migration and its version bump are one transaction.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                for step in _AFTER_MIGRATION.get(name.split("_", 1)[1], ()):
                    step(self.conn)
                self.conn.execute(f"PRAGMA user_version = {version}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return self.schema_version()

    # --- transactions -----------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """One transaction; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
            self._depth = 0
            self.conn.execute("COMMIT")
        except BaseException:
            self._depth = 0
            # SQLite may have rolled back already (a full disk does): the original error is
            # the one to report, not "cannot rollback - no transaction is active".
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            self._caches.clear()  # they may hold what was just rolled back
            raise

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """An in-memory index a linker keeps between batches (built by ``build`` on first
        use). The linker keeps it in step with what it writes; every index is dropped when
        a batch rolls back or another connection changes the database, so it is never
        staler than the store."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._cache_version:
            self._caches.clear()
            self._cache_version = version
        if name not in self._caches:
            self._caches[name] = build()
        return self._caches[name]

    # --- inputs (idempotency, resume) -------------------------------------------------

    def input_fingerprint(self, origin: str) -> str | None:
        row = self.conn.execute("SELECT fingerprint FROM inputs WHERE origin = ?", (origin,)).fetchone()
        return row[0] if row else None

    def record_input(self, origin: str, fingerprint: str, article_id: str | None) -> None:
        self.conn.execute(
            "INSERT INTO inputs(origin, fingerprint, article) VALUES (?, ?, ?) "
            "ON CONFLICT(origin) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "article = excluded.article",
            (origin, fingerprint, article_id),
        )

    # --- per-article records ----------------------------------------------------------

    def save(self, doc: AnalyzedArticle) -> None:
        """Write an article and all its annotations, replacing what it had before."""
        a = doc.article
        with self.batch():
            self.conn.execute(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES "
                "(?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM articles), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET source = excluded.source, url = excluded.url, "
                "title = excluded.title, title_derived = excluded.title_derived, "
                "published = excluded.published, language = excluded.language, text = excluded.text, "
                "origin = excluded.origin, agency = excluded.agency, content_hash = excluded.content_hash, "
                "duplicate_of = COALESCE(excluded.duplicate_of, duplicate_of), "
                "duplicate_kind = COALESCE(excluded.duplicate_kind, duplicate_kind), "
                "story = COALESCE(excluded.story, story), raw_text = excluded.raw_text, "
                "offset_map = excluded.offset_map, sentences = excluded.sentences",
                (
                    a.id,
                    a.source,
                    a.url,
                    a.title,
                    int(bool(getattr(a, "title_derived", False))),
                    a.published,
                    a.language,
                    a.text,
                    a.origin,
                    a.agency,
                    a.content_hash,
                    a.duplicate_of,
                    None,
                    a.story,
                    a.raw_text,
                    pack_offsets(a.offset_map),
                    json.dumps([[s.start, s.end] for s in doc.sentences]),
                ),
            )
            # The index row's rowid is the article's seq: replacing it is a rowid lookup,
            # where deleting by the (unindexed) id column would scan the whole index.
            seq = self.conn.execute("SELECT seq FROM articles WHERE id = ?", (a.id,)).fetchone()[0]
            self.conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (seq,))
            self.conn.execute(
                "INSERT INTO articles_fts(rowid, id, title, text) VALUES (?, ?, ?, ?)",
                (seq, a.id, fts_text(a.title), fts_text(a.text)),
            )
            self.conn.execute("DELETE FROM articles_search WHERE rowid = ?", (seq,))
            self.conn.execute(
                "INSERT INTO articles_search(rowid, title, text) VALUES (?, ?, ?)",
                (seq, index_text(a.title), index_text(a.text)),
            )
            for attribute, table in PER_ARTICLE.items():
                self.conn.execute(f"DELETE FROM {table.name} WHERE article = ?", (a.id,))
                self._insert(table, getattr(doc, attribute))
            self.conn.execute("DELETE FROM claims WHERE article = ?", (a.id,))
            self._insert(CLAIMS, doc.claims, upsert=True)
            # The actors its mentions point at; a stored actor keeps the aliases that
            # linking has grown on it.
            self._insert(ACTORS, doc.actors, ignore=True)

    def _insert(
        self, table: _Table, objects: Iterable[Any], *, upsert: bool = False, ignore: bool = False
    ) -> None:
        columns = table.columns
        verb = "INSERT OR REPLACE" if upsert else "INSERT OR IGNORE" if ignore else "INSERT"
        sql = (
            f"{verb} INTO {table.name} ({', '.join(map(_q, columns))}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        self.conn.executemany(sql, (_encode(table, o) for o in objects))

    def get_article(self, article_id: str, *, with_raw: bool = True) -> Article | None:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row, with_raw=with_raw) if row else None

    def resolve_id(self, prefix: str) -> str:
        """The one article id starting with ``prefix``; StoreError when none or several."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (prefix, prefix + "\uffff"),
        ).fetchall()
        if not rows:
            raise StoreError(f"no article id starts with {prefix!r}")
        if len(rows) > 1:
            raise StoreError(
                f"{prefix!r} matches several articles ({rows[0][0]}, {rows[1][0]}...); give more"
            )
        return rows[0][0]

    def iter_articles(self, *, with_raw: bool = False) -> Iterator[Article]:
        """Every article in first-seen order."""
        cursor = self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq")
        for row in cursor:
            yield _article(row, with_raw=with_raw)

    def annotations(self, article_id: str) -> AnalyzedArticle | None:
        """An article with everything annotated on it, as the pipeline produced it."""
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        doc = AnalyzedArticle(
            article=_article(row), sentences=[Sentence(s, e) for s, e in json.loads(row["sentences"])]
        )
        for attribute, table in PER_ARTICLE.items():
            setattr(
                doc, attribute, self._select(table, 'WHERE article = ? ORDER BY start, "end"', article_id)
            )
        doc.claims = self._select(CLAIMS, "WHERE article = ? ORDER BY start", article_id)
        return doc

    def _select(self, table: _Table, where: str = "", *params: Any) -> list[Any]:
        sql = f"SELECT {', '.join(map(_q, table.columns))} FROM {table.name} {where}"
        return [_decode(table, row) for row in self.conn.execute(sql, params)]

    def iter_records(self, attribute: str) -> Iterator[Any]:
        """Every per-article record of one kind ("mentions", "times", ...) in article order."""
        table = PER_ARTICLE[attribute]
        sql = (
            f"SELECT {', '.join('r.' + _q(c) for c in table.columns)} FROM {table.name} r "
            f'JOIN articles a ON a.id = r.article ORDER BY a.seq, r.start, r."end"'
        )
        for row in self.conn.execute(sql):
            yield _decode(table, row)

    def set_duplicate(self, article_id: str, duplicate_of: str | None, kind: str | None) -> None:
        self.conn.execute(
            "UPDATE articles SET duplicate_of = ?, duplicate_kind = ? WHERE id = ?",
            (duplicate_of, kind, article_id),
        )

    # --- corpus records ---------------------------------------------------------------

    def save_actors(self, actors: Iterable[Actor]) -> None:
        with self.batch():
            self._insert(ACTORS, actors, upsert=True)

    def claims_under_key(
        self, key: str
    ) -> list[tuple[Claim, str | None, str | None, tuple[int, int] | None]]:
        """Claims the claim linker filed under ``key``, with what it kept for them:
        (claim, evidence, context, (sentence start, end))."""
        columns = ", ".join("c." + _q(c) for c in CLAIMS.columns)
        rows = self.conn.execute(
            f"SELECT {columns}, k.evidence AS _evidence, k.context AS _context, "
            "k.sentence_start AS _s, k.sentence_end AS _e "
            "FROM claim_keys k JOIN claims c ON c.id = k.claim WHERE k.key = ? ORDER BY c.article, c.start",
            (key,),
        ).fetchall()
        return [
            (
                _decode(CLAIMS, row),
                row["_evidence"],
                row["_context"],
                (row["_s"], row["_e"]) if row["_s"] is not None else None,
            )
            for row in rows
        ]

    def get_actors(self, actor_ids: Iterable[str]) -> list[Actor]:
        found = []
        for actor_id in actor_ids:
            found += self._select(ACTORS, "WHERE id = ?", actor_id)
        return found

    def unkeyed_actors(self) -> list[Actor]:
        """Actors stored or rewritten since the actor linker last indexed them."""
        return self._select(ACTORS, "WHERE keyed = 0 ORDER BY id")

    def key_actors(self, keys: Iterable[tuple[str, Iterable[str]]]) -> None:
        """Index actors under the linker's keys: (actor id, keys) pairs."""
        for actor_id, actor_keys in keys:
            self.conn.executemany(
                "INSERT OR IGNORE INTO actor_keys (key, actor) VALUES (?, ?)",
                [(k, actor_id) for k in actor_keys],
            )
            self.conn.execute("UPDATE actors SET keyed = 1 WHERE id = ?", (actor_id,))

    def actors_under_keys(self, keys: Iterable[str]) -> list[Actor]:
        """The actors indexed under any of ``keys``, by id."""
        ids: set[str] = set()
        for key in keys:
            ids.update(r[0] for r in self.conn.execute("SELECT actor FROM actor_keys WHERE key = ?", (key,)))
        return self.get_actors(sorted(ids))

    def mentions_for(self, article_ids: Iterable[str]) -> Iterator[tuple[int, Mention]]:
        """(rowid, mention) for every mention of these articles: for the actor linker."""
        table = PER_ARTICLE["mentions"]
        sql = f"SELECT rowid AS _rowid, {', '.join(map(_q, table.columns))} FROM mentions WHERE article = ?"
        for article_id in article_ids:
            for row in self.conn.execute(sql, (article_id,)).fetchall():
                yield row["_rowid"], _decode(table, row)

    def set_mention_actor(self, rowid: int, actor_id: str | None) -> None:
        self.conn.execute("UPDATE mentions SET actor = ? WHERE rowid = ?", (actor_id, rowid))

    def iter_actors(self) -> Iterator[Actor]:
        yield from self._select(ACTORS, "ORDER BY id")

    def get_actor(self, actor_id: str) -> Actor | None:
        found = self._select(ACTORS, "WHERE id = ?", actor_id)
        return found[0] if found else None

    def save_events(self, events: Iterable[Event]) -> None:
        with self.batch():
            for e in events:
                self.conn.execute(
                    "INSERT OR REPLACE INTO events (id, type, mode, sources, targets, location, date, "
                    "date_precision, independent_sources, date_end, merges) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        e.id,
                        e.type,
                        e.mode,
                        json.dumps(e.sources, ensure_ascii=False),
                        json.dumps(e.targets, ensure_ascii=False),
                        e.location,
                        e.date,
                        e.date_precision,
                        e.independent_sources,
                        e.date_end,
                        json.dumps(e.merges, ensure_ascii=False),
                    ),
                )
                self.conn.execute("DELETE FROM event_evidence WHERE event = ?", (e.id,))
                self.conn.execute("DELETE FROM event_articles WHERE event = ?", (e.id,))
                self.conn.executemany(
                    'INSERT INTO event_evidence (event, article, start, "end", ord) VALUES (?, ?, ?, ?, ?)',
                    [(e.id, m["article"], m["start"], m["end"], i) for i, m in enumerate(e.mentions)],
                )
                self.conn.executemany(
                    "INSERT OR IGNORE INTO event_articles (event, article, ord) VALUES (?, ?, ?)",
                    [(e.id, a, i) for i, a in enumerate(e.articles)],
                )

    def delete_events(self, event_ids: Iterable[str]) -> None:
        with self.batch():
            self.conn.executemany("DELETE FROM events WHERE id = ?", [(i,) for i in event_ids])

    def _event(self, row: sqlite3.Row) -> Event:
        evidence = self.conn.execute(
            'SELECT article, start, "end" FROM event_evidence WHERE event = ? ORDER BY ord', (row["id"],)
        ).fetchall()
        articles = self.conn.execute(
            "SELECT article FROM event_articles WHERE event = ? ORDER BY ord", (row["id"],)
        ).fetchall()
        return Event(
            id=row["id"],
            type=row["type"],
            mode=row["mode"],
            sources=json.loads(row["sources"]),
            targets=json.loads(row["targets"]),
            location=row["location"],
            date=row["date"],
            date_precision=row["date_precision"],
            mentions=[{"article": a, "start": s, "end": e} for a, s, e in evidence],
            articles=[r[0] for r in articles],
            independent_sources=row["independent_sources"],
            date_end=row["date_end"],
            merges=json.loads(row["merges"] or "[]"),
        )

    def iter_events(self) -> Iterator[Event]:
        for row in self.conn.execute("SELECT * FROM events ORDER BY date, id").fetchall():
            yield self._event(row)

    def get_event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return self._event(row) if row else None

    def events_of_article(self, article_id: str) -> list[Event]:
        rows = self.conn.execute(
            "SELECT e.* FROM events e JOIN event_articles x ON x.event = e.id "
            "WHERE x.article = ? ORDER BY e.id",
            (article_id,),
        ).fetchall()
        return [self._event(r) for r in rows]

    def save_stories(self, stories: Iterable[Story]) -> None:
        with self.batch():
            for s in stories:
                self.conn.execute(
                    "INSERT OR REPLACE INTO stories (id, title, first, last) VALUES (?, ?, ?, ?)",
                    (s.id, s.title, s.first, s.last),
                )
                self.conn.execute("DELETE FROM story_members WHERE story = ?", (s.id,))
                members = [(s.id, a, "article", i) for i, a in enumerate(s.articles)]
                members += [(s.id, e, "event", i) for i, e in enumerate(s.events)]
                self.conn.executemany(
                    "INSERT OR IGNORE INTO story_members (story, member, member_kind, ord) "
                    "VALUES (?, ?, ?, ?)",
                    members,
                )
                self.conn.executemany(
                    "UPDATE articles SET story = ? WHERE id = ?", [(s.id, a) for a in s.articles]
                )

    def _story(self, row: sqlite3.Row) -> Story:
        members = self.conn.execute(
            "SELECT member, member_kind FROM story_members WHERE story = ? ORDER BY ord", (row["id"],)
        ).fetchall()
        return Story(
            id=row["id"],
            title=row["title"],
            articles=[m for m, k in members if k == "article"],
            events=[m for m, k in members if k == "event"],
            first=row["first"],
            last=row["last"],
        )

    def iter_stories(self) -> Iterator[Story]:
        for row in self.conn.execute("SELECT * FROM stories ORDER BY first, id").fetchall():
            yield self._story(row)

    def get_story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return self._story(row) if row else None

    def save_claims(self, claims: Iterable[Claim]) -> None:
        with self.batch():
            self._insert(CLAIMS, claims, upsert=True)

    def iter_claims(self) -> Iterator[Claim]:
        yield from self._select(CLAIMS, "ORDER BY article, start")

    def save_contradictions(self, contradictions: Iterable[Contradiction]) -> None:
        with self.batch():
            for c in contradictions:
                cid = c.id or stable_id("x", *sorted(c.claims))
                c.id = cid
                self.conn.execute(
                    "INSERT OR REPLACE INTO contradictions (id, claims, note) VALUES (?, ?, ?)",
                    (cid, json.dumps(c.claims), c.note),
                )

    def iter_contradictions(self) -> Iterator[Contradiction]:
        for row in self.conn.execute("SELECT id, claims, note FROM contradictions ORDER BY id"):
            yield Contradiction(claims=json.loads(row["claims"]), note=row["note"], id=row["id"])

    # --- state, search, counts --------------------------------------------------------

    def load_state(self, name: str) -> Any | None:
        row = self.conn.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_state(self, name: str, value: Any) -> None:
        with self.batch():
            self.conn.execute(
                "INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)",
                (name, json.dumps(value, ensure_ascii=False)),
            )

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search that knows Arabic, best first (bm25, titles weigh double).

        A query word matches its inflected forms: with or without ال, attached و/ف/ب/ل/ك and
        common suffixes (``marsad.arabic.stems``); words are ANDed. Each hit has ``id, source,
        published, title, score, snippet, start, end``: the snippet is from the article's
        own (cleaned) text, with the first match marked \x02 ... \x03, and ``start``/``end``
        are that match's span in the cleaned text. ``search_count`` counts all hits.
        """
        match = fts_query(query)
        if match is None:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.source, a.published, a.title, a.text, "
            "bm25(articles_search, 2.0, 1.0) AS score "
            "FROM articles_search f JOIN articles a ON a.seq = f.rowid "
            "WHERE articles_search MATCH ? ORDER BY score, a.seq LIMIT ? OFFSET ?",
            (match, limit, offset),
        ).fetchall()
        groups = query_groups(query)
        hits = []
        for row in rows:
            hit = {k: row[k] for k in ("id", "source", "published", "title")}
            hit["score"] = -float(row["score"])  # bm25 is lower-is-better; report higher-is-better
            hit.update(search_snippet(row["text"], groups))
            hits.append(hit)
        return hits

    def search_count(self, query: str) -> int:
        """How many articles ``search`` would find, all pages together."""
        match = fts_query(query)
        if match is None:
            return 0
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM articles_search WHERE articles_search MATCH ?", (match,)
            ).fetchone()[0]
        )

    def count(self, table: str) -> int:
        if table not in _COUNTABLE:
            raise ValueError(f"unknown table {table}")
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in _COUNTABLE}

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


_COUNTABLE = ("inputs", *(k.table for k in kinds.KINDS), "minhash", "lsh_bands")


def search_snippet(text: str, groups: list[tuple[str, ...]], context: int = 60) -> dict[str, Any]:
    """Text around the first word whose search keys meet a query word's keys.

    The snippet carries the match between \x02 and \x03; ``start``/``end`` are its span in
    ``text``. Found on the normalized form, reported in the original.
    """
    wanted = {k for group in groups for k in group}
    normalized, index = normalize_with_map(text)
    best: tuple[int, int] | None = None
    for found in re.finditer(r"\w+", normalized):
        if wanted.intersection(search_keys(found.group())):
            best = (found.start(), found.end())
            break
    if best is None or not index:
        return {"snippet": text[: 2 * context].replace("\n", " "), "start": None, "end": None}
    start, end = index[best[0]], index[best[1] - 1] + 1
    while end < len(text) and not strip_diacritics(text[end]):  # keep the word's last marks
        end += 1
    left, right = max(0, start - context), min(len(text), end + context)
    snippet = (
        ("…" if left else "")
        + text[left:start]
        + "\x02"
        + text[start:end]
        + "\x03"
        + text[end:right]
        + ("…" if right < len(text) else "")
    )
    return {"snippet": snippet.replace("\n", " "), "start": start, "end": end}


def _index_search_forms(conn: sqlite3.Connection) -> None:
    """Fill the Arabic-aware search index for articles stored before it existed."""
    rows = conn.execute("SELECT seq, title, text FROM articles ORDER BY seq")
    conn.executemany(
        "INSERT INTO articles_search(rowid, title, text) VALUES (?, ?, ?)",
        ((r[0], index_text(r[1]), index_text(r[2])) for r in rows.fetchall()),
    )


# Python steps a migration needs (by file name without its number): they run inside the
# migration's transaction, after its SQL.
_AFTER_MIGRATION: dict[str, tuple[Callable[[sqlite3.Connection], None], ...]] = {
    "search_index.sql": (_index_search_forms,),
}


def _split_sql(script: str) -> list[str]:
    """Statements of a migration file (complete_statement copes with ';' inside strings)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not current.strip():
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "fts_text", "migrations"]
