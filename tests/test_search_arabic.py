"""Search that knows Arabic: clitics, the article and suffixes do not hide a word."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.arabic.normalize import words
from marsad.arabic.stems import query_groups, search_keys
from marsad.model import AnalyzedArticle, Article, stable_id
from marsad.paths import examples_dir
from marsad.store.db import SCHEMA_VERSION, Store, migrations

TEXTS = {
    "h1": "أعلن الحوثيون إطلاق صاروخ",
    "h2": "قال زعيم الحوثي في خطاب",
    "h3": "مفاوضات مع حوثي يمثل الجماعة",
    "h4": "وقالت مصادر إن والحوثيين رفضوا",
    "h5": "اتهمت الحكومة للحوثيين بعرقلة الهدنة",
    "x1": "زار وزير الدفاع بغداد",
    "b1": "التقى العباسي نظيره",
    "b2": "قال وزير الدفاع عباسي",
    "b3": "وأكد للعباسي أن",
}


def _store(path: Path, texts: dict[str, str]) -> Store:
    store = Store.open(path)
    with store.batch():
        for key, text in texts.items():
            article = Article(stable_id("a", "search", key), key, None, None, "2023-08-08", "ar", text)
            store.save(AnalyzedArticle(article=article))
    return store


def _found(store: Store, query: str) -> set[str]:
    return {h["source"] for h in store.search(query, limit=50)}


@pytest.mark.parametrize(
    ("word", "key"),
    [("حوثي", "حوث"), ("الحوثي", "حوث"), ("والحوثيين", "حوث"), ("العباسي", "عباس"), ("للعراق", "عراق")],
)
def test_a_word_and_its_clitics_share_a_key(word: str, key: str) -> None:
    assert key in search_keys(words(word)[0])


def test_houthi_and_abbasi_spellings_find_the_same_articles(tmp_path: Path) -> None:
    store = _store(tmp_path / "s.db", TEXTS)
    houthi = [_found(store, q) for q in ("حوثي", "الحوثي", "والحوثيين", "الحوثيون")]
    assert houthi[0] == {"h1", "h2", "h3", "h4", "h5"}
    assert all(h == houthi[0] for h in houthi)
    assert _found(store, "عباسي") == _found(store, "العباسي") == {"b1", "b2", "b3"}
    assert store.search_count("حوثي") == 5
    assert _found(store, "وزير") == {"x1", "b2"}  # و is part of وزير here, not a conjunction


def test_hits_are_ranked_and_the_snippet_marks_the_word_as_written(tmp_path: Path) -> None:
    texts = {"once": "ذكر الحوثيين مرة في نص طويل عن أمور أخرى كثيرة جدا", "twice": "الحوثي والحوثيين"}
    store = _store(tmp_path / "r.db", texts)
    hits = store.search("حوثي")
    assert [h["source"] for h in hits] == ["twice", "once"]
    assert hits[0]["score"] >= hits[1]["score"]
    once = hits[1]
    assert "\x02الحوثيين\x03" in once["snippet"]
    assert texts["once"][once["start"] : once["end"]] == "الحوثيين"


def test_the_readme_example_finds_every_seed_about_the_dialogue(tmp_path: Path) -> None:
    seeds = {
        p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((examples_dir() / "seeds").glob("*.txt"))
    }
    # the seeds that speak of a dialogue (any form of حوار) and of security (any form of أمن)
    about = {
        k
        for k, t in seeds.items()
        if all(any(g[0] in search_keys(w) for w in words(t)) for g in query_groups("حوار أمن"))
    }
    assert len(about) >= 4, about
    store = _store(tmp_path / "seeds.db", seeds)
    assert _found(store, "الحوار الأمني") == about


def test_a_store_from_before_the_search_index_is_indexed_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version, name, sql in migrations():
        if name.endswith("_search_index.sql"):
            break
        conn.executescript(sql)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO articles (id, seq, source, language, text) VALUES ('a1', 1, 'x', 'ar', 'قصف الحوثيون')"
    )
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [h["id"] for h in store.search("حوثي")] == ["a1"]
