"""Linking that scales: what the indexes and kept aggregates must not change.

The linkers read indexed candidates and stored aggregates instead of rescanning the
store; these tests check that this gives what linking everything at once gives, that the
aggregates survive the store, and that the in-memory indexes never go stale.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from marsad.analyze import analyze_inputs
from marsad.link.events import EventProfile, EventRef, link_event_mentions
from marsad.link.stories import MAX_GAP_DAYS, StoryIndex
from marsad.model import EventMention
from marsad.paths import examples_dir
from marsad.store.db import Store


def _grouping(store: Store) -> dict[str, set[frozenset[str]]]:
    """Events (by type) and stories as sets of member articles' sources: ids of events
    differ with arrival order, what they group must not."""
    source = {a.id: a.source for a in store.iter_articles()}
    events = {frozenset((e.type, *sorted(source[a] for a in e.articles))) for e in store.iter_events()}
    stories = {
        frozenset(source[a] for a in members)
        for (members,) in [
            ([r[0] for r in store.conn.execute("SELECT id FROM articles WHERE story = ?", (sid,))],)
            for (sid,) in store.conn.execute("SELECT id FROM stories").fetchall()
        ]
        if members
    }
    return {"events": events, "stories": stories}


@pytest.fixture(scope="module")
def one_batch(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(Path(tmp_path_factory.mktemp("batch")) / "s.db")
    analyze_inputs([str(examples_dir() / "seeds")], store)
    return store


def test_articles_linked_one_at_a_time_group_as_when_linked_together(
    tmp_path: Path, one_batch: Store
) -> None:
    store = Store.open(tmp_path / "one-by-one.db")
    analyze_inputs([str(examples_dir() / "seeds")], store, batch_size=1)
    assert _grouping(store) == _grouping(one_batch)
    assert store.counts()["events"] == one_batch.counts()["events"]


def test_profiles_are_stored_and_round_trip(one_batch: Store) -> None:
    rows = one_batch.conn.execute("SELECT id, profile FROM events").fetchall()
    assert rows and all(profile for _, profile in rows)
    for _, text in rows:
        profile = EventProfile.from_json(text)
        assert EventProfile.from_json(profile.to_json()) == profile
    keys = one_batch.conn.execute("SELECT COUNT(*) FROM event_keys").fetchone()[0]
    assert keys > 0


def test_a_store_without_profiles_gets_them_rebuilt_once(tmp_path: Path, one_batch: Store) -> None:
    copy = tmp_path / "legacy.db"
    one_batch.conn.execute("VACUUM INTO ?", (str(copy),))
    legacy = Store.open(copy)
    before = _grouping(legacy)
    legacy.conn.execute("UPDATE events SET profile = NULL")
    legacy.conn.execute("DELETE FROM event_keys")
    from marsad.link.events import link

    with legacy.batch():
        link(legacy, [])
    assert legacy.conn.execute("SELECT COUNT(*) FROM events WHERE profile IS NULL").fetchone()[0] == 0
    assert legacy.conn.execute("SELECT COUNT(*) FROM event_keys").fetchone()[0] > 0
    assert _grouping(legacy) == before


def _ref(
    article: str,
    *,
    date_value: str,
    precision: str,
    published: date | None,
    participants,
    persons=(),
    sentence="بحث الوزير مع السفير التعاون الثنائي في المجالات الأمنية",
):
    mention = EventMention(
        article=article,
        start=0,
        end=4,
        text="بحث",
        type="CONSULT",
        sources=list(participants),
        date=date_value,
        date_precision=precision,
        sentence_start=0,
        sentence_end=40,
    )
    return EventRef(
        mention=mention,
        article=article,
        provenance=f"outlet:{article}",
        sentence=sentence,
        countries=frozenset({"SAU"}),
        person_actors=frozenset(persons),
        published=published,
    )


def test_a_month_from_the_publication_date_needs_more_than_a_shared_country() -> None:
    july = {"date_value": "2015-07", "precision": "month"}
    a = _ref("a", **july, published=date(2015, 7, 21), participants=["sau"])
    # two Saudi meetings in July, told in other words, are not one (a re-run sentence would be)
    other = "استقبل الأمير وفدا من رجال الأعمال لبحث فرص الاستثمار في المنطقة"
    b = _ref("b", **july, published=date(2015, 7, 22), participants=["sau"], sentence=other)
    assert len(link_event_mentions([a, b], [])) == 2

    c = _ref("c", **july, published=date(2015, 7, 21), participants=["sau-gov-x", "fra-gov-y"])
    d = _ref("d", **july, published=date(2015, 7, 23), participants=["sau-gov-x", "fra-gov-y"])
    assert len(link_event_mentions([c, d], [])) == 1  # the same two actors, reported together

    late = _ref("e", **july, published=date(2015, 7, 30), participants=["sau-gov-x", "fra-gov-y"])
    assert len(link_event_mentions([c, late], [])) == 2  # a week later it is another report


def test_story_index_finds_near_stories_in_the_date_window_only() -> None:
    index = StoryIndex()
    rng = np.random.default_rng(0)
    base = rng.normal(size=512).astype(np.float32)
    base /= np.linalg.norm(base)
    for i in range(1500):  # past the initial capacity
        other = rng.normal(size=512).astype(np.float32)
        index.put(f"s{i}", other, date(2015, 7, 1), date(2015, 7, 2))
    index.put(
        "near", base + 0.01 * rng.normal(size=512).astype(np.float32), date(2015, 7, 20), date(2015, 7, 21)
    )
    index.put("old", base, date(2014, 1, 1), date(2014, 1, 2))
    found = index.nearest(base, date(2015, 7, 22))
    assert found[0] == "near" and "old" not in found
    far = date.fromordinal(date(2015, 7, 21).toordinal() + MAX_GAP_DAYS + 1)
    assert "near" not in index.nearest(base, far)
    index.put("near", -base, date(2015, 7, 20), date(2015, 7, 21))  # a story that drifted away
    assert "near" not in index.nearest(base, date(2015, 7, 22))


def test_cached_indexes_are_dropped_on_rollback_and_on_other_writers(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "c.db")
    built: list[int] = []

    def build() -> list[int]:
        built.append(1)
        return []

    assert store.cached("x", build) is store.cached("x", build) and len(built) == 1
    with pytest.raises(RuntimeError), store.batch():
        store.cached("x", build)
        raise RuntimeError("batch fails")
    store.cached("x", build)
    assert len(built) == 2  # rebuilt after the rollback
    other = sqlite3.connect(tmp_path / "c.db")
    other.execute("INSERT INTO stories (id, title) VALUES ('s', 't')")
    other.commit()
    store.cached("x", build)
    assert len(built) == 3  # rebuilt after another connection wrote


def test_actor_linker_indexes_every_stored_actor(one_batch: Store) -> None:
    unkeyed = one_batch.conn.execute("SELECT COUNT(*) FROM actors WHERE keyed = 0").fetchone()[0]
    assert unkeyed == 0
    austin = one_batch.actors_under_keys(["PER|لويد|ا"])
    assert any(a.id == "usa-gov-lloyd-austin" for a in austin)


def test_claims_are_filed_with_the_words_the_linker_compares(one_batch: Store) -> None:
    rows = one_batch.conn.execute("SELECT key, evidence, context FROM claim_keys").fetchall()
    assert rows and all(evidence and context for _, evidence, context in rows)
    troops = [c for key, *_ in rows if key.startswith("troops:") for c in one_batch.claims_under_key(key)]
    assert {claim.value for claim, *_ in troops} >= {2000.0, 2500.0}
    assert one_batch.counts()["contradictions"] >= 1
