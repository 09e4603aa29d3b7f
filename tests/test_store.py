from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import marsad.analyze as analyze_module
from marsad.analyze import analyze_inputs
from marsad.model import (
    AnalyzedArticle,
    Article,
    EventMention,
    Flag,
    Mention,
    Quantity,
    Quote,
    TimeExpr,
    stable_id,
)
from marsad.store.db import SCHEMA_VERSION, Store, StoreError, migrations, pack_offsets, unpack_offsets


def make_article(text: str, n: int = 0, **extra) -> Article:
    return Article(
        id=stable_id("a", text, str(n)),
        source="test",
        url=None,
        title=extra.pop("title", f"title {n}"),
        published="2023-08-08",
        language="ar",
        text=text,
        origin=f"t#{n}",
        content_hash=stable_id("h", text),
        raw_text=text,
        offset_map=list(range(len(text) + 1)),
        **extra,
    )


def full_doc(text: str = "وزير الدفاع الأمريكي التقى 2500 جندي في 8 أغسطس 2023") -> AnalyzedArticle:
    a = make_article(text)
    return AnalyzedArticle(
        article=a,
        mentions=[Mention(a.id, 0, 4, "وزير", "PER", actor="p1", score=0.9)],
        times=[TimeExpr(a.id, 39, 52, "8 أغسطس 2023", "2023-08-08", "day")],
        quantities=[Quantity(a.id, 27, 31, "2500", 2500.0, unit="جندي", approximate=True)],
        quotes=[Quote(a.id, 0, 10, a.text[:10], "وزير", kind="indirect")],
        event_mentions=[EventMention(a.id, 21, 26, "التقى", "CONSULT", sources=["p1"], negated=True)],
        flags=[Flag(a.id, 0, 0, "boilerplate_removed", "menu", raw_start=0, raw_end=3)],
    )


def test_migrations_are_numbered_and_an_empty_db_reaches_the_latest(tmp_path: Path) -> None:
    versions = [v for v, _, _ in migrations()]
    # consecutive: a store at version N has run every migration up to N
    assert versions == list(range(1, len(versions) + 1)) and versions[-1] == SCHEMA_VERSION
    with Store.open(tmp_path / "m.db") as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_v1_database_opens_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    version, _name, sql = migrations()[0]
    conn.executescript(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO articles (id, seq, source, language, text) VALUES ('a1', 1, 'x', 'ar', 'نص')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.get_article("a1").text == "نص"


def test_newer_or_foreign_databases_give_one_line_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store.open(junk)
    future = tmp_path / "future.db"
    conn = sqlite3.connect(future)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(future)
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "missing.db", readonly=True)


def test_save_round_trips_every_per_article_kind_and_replaces_atomically(tmp_path: Path) -> None:
    doc = full_doc()
    with Store.open(tmp_path / "s.db") as store:
        store.save(doc)
        back = store.annotations(doc.id)
        assert back is not None
        for attribute in ("mentions", "times", "quantities", "quotes", "event_mentions", "flags"):
            assert getattr(back, attribute) == getattr(doc, attribute), attribute
        assert back.article.offset_map == doc.article.offset_map
        assert back.article.raw_text == doc.article.raw_text
        doc.mentions = []
        store.save(doc)
        assert store.count("mentions") == 0
        assert store.count("articles") == 1
        assert store.count("times") == 1


def test_offset_maps_are_stored_compressed() -> None:
    offsets = list(range(0, 30000, 1))
    blob = pack_offsets(offsets)
    assert len(blob) < len(offsets) // 20
    assert unpack_offsets(blob) == offsets


def test_readonly_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        store.save(full_doc())
    with Store.open(path, readonly=True) as store:
        assert store.count("articles") == 1
        with pytest.raises(sqlite3.OperationalError):
            store.save(full_doc("نص آخر"))


@pytest.mark.parametrize(
    ("query", "stored"),
    [
        ("الامريكي", "الأمريكيّ"),  # hamza on alef, diacritic
        ("مستشفى", "مستشفي"),  # alef maqsura / ya
        ("الحكومه", "الحكومة"),  # ta marbuta / ha
        ("إيران", "ايران"),
        ("٢٠٢٣", "2023"),
    ],
)
def test_search_tolerates_spelling_variants(tmp_path: Path, query: str, stored: str) -> None:
    with Store.open(tmp_path / "f.db") as store:
        store.save(AnalyzedArticle(article=make_article(f"قال المسؤول إن {stored} أعلن اليوم", 1)))
        store.save(AnalyzedArticle(article=make_article("خبر لا علاقة له بالموضوع", 2)))
        hits = store.search(query)
        assert [h["id"] for h in hits] == [make_article(f"قال المسؤول إن {stored} أعلن اليوم", 1).id]
        hit = hits[0]
        text = f"قال المسؤول إن {stored} أعلن اليوم"
        assert text[hit["start"] : hit["end"]] == stored  # span in the cleaned text
        assert f"\x02{stored}\x03" in hit["snippet"]


def _write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{i:03d}.txt"
        path.write_text(f"خبر رقم {i} عن اجتماع وزير الدفاع في بغداد مع وفد من {i} أعضاء\n", encoding="utf-8")
        paths.append(path)
    return paths


def _rows(store: Store) -> dict[str, int]:
    return store.counts()


def test_rerun_is_idempotent(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "in", 7)
    with Store.open(tmp_path / "i.db") as store:
        first = analyze_inputs([str(tmp_path / "in")], store, batch_size=3)
        ids = sorted(a.id for a in store.iter_articles())
        rows = _rows(store)
        second = analyze_inputs([str(tmp_path / "in")], store, batch_size=3)
        assert (first.stored, first.skipped) == (7, 0)
        assert (second.stored, second.skipped, second.read) == (0, 7, 7)
        assert _rows(store) == rows
        assert sorted(a.id for a in store.iter_articles()) == ids
        assert store.load_state("boilerplate") is not None  # the cleaner's learned chrome persists


def test_resume_after_a_run_killed_in_the_second_batch(tmp_path: Path, monkeypatch) -> None:
    _write_corpus(tmp_path / "in", 10)
    real_process = analyze_module.process
    calls = {"n": 0}

    def dying(raw, profile, boilerplate):
        calls["n"] += 1
        if calls["n"] == 6:  # in the middle of the second batch of 4
            raise KeyboardInterrupt
        return real_process(raw, profile, boilerplate)

    db = tmp_path / "k.db"
    monkeypatch.setattr(analyze_module, "process", dying)
    with Store.open(db) as store, pytest.raises(KeyboardInterrupt):
        analyze_inputs([str(tmp_path / "in")], store, batch_size=4)
    with Store.open(db) as store:
        assert store.count("articles") == 4  # only the first, committed batch
        assert store.count("inputs") == 4
    monkeypatch.setattr(analyze_module, "process", real_process)
    with Store.open(db) as store:
        summary = analyze_inputs([str(tmp_path / "in")], store, batch_size=4)
        assert (summary.skipped, summary.stored) == (4, 6)
        assert store.count("articles") == 10
        assert store.count("inputs") == 10
        assert store.count("minhash") == 10
        assert store.conn.execute("SELECT COUNT(DISTINCT seq) FROM articles").fetchone()[0] == 10
        assert store.integrity_ok()


def test_a_bad_article_is_an_error_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    _write_corpus(tmp_path / "in", 3)
    real_process = analyze_module.process

    def flaky(raw, profile, boilerplate):
        if raw.origin.endswith("001.txt"):
            raise ValueError("broken")
        return real_process(raw, profile, boilerplate)

    monkeypatch.setattr(analyze_module, "process", flaky)
    problems: list[str] = []
    with Store.open(tmp_path / "e.db") as store:
        summary = analyze_inputs(
            [str(tmp_path / "in"), str(tmp_path / "nope")], store, on_problem=problems.append
        )
    assert (summary.stored, summary.errors) == (2, 2)
    assert any("001.txt: cannot analyze: ValueError: broken" in p for p in problems)
    assert any("nope" in p for p in problems)


def test_a_process_pool_gives_the_same_result(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "in", 6)
    results = []
    for jobs in (1, 2):
        with Store.open(tmp_path / f"j{jobs}.db") as store:
            analyze_inputs([str(tmp_path / "in")], store, batch_size=4, jobs=jobs)
            results.append([(a.id, a.duplicate_of) for a in store.iter_articles()])
    assert results[0] == results[1]
    assert len(results[0]) == 6


def test_batches_analysed_ahead_are_stored_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a pool, the next batch is analysed while the one before it is stored and linked:
    the store (articles in order, duplicates, stories, linker records) and the counts are those
    of a run that takes one batch at a time in one process."""
    _write_corpus(tmp_path / "in", 8)
    (tmp_path / "in" / "008.txt").write_text((tmp_path / "in" / "002.txt").read_text(encoding="utf-8"))
    monkeypatch.setattr(analyze_module, "MIN_POOL_BATCH", 2)
    seen = []
    for jobs in (1, 2):
        with Store.open(tmp_path / f"ahead{jobs}.db") as store:
            summary = analyze_inputs([str(tmp_path / "in")], store, batch_size=3, jobs=jobs)
            rows = store.conn.execute("SELECT id, duplicate_of, story FROM articles ORDER BY seq").fetchall()
            seen.append(([tuple(r) for r in rows], store.counts(), summary.rows()))
    assert seen[0] == seen[1]
    assert len(seen[0][0]) == 9 and dict(seen[0][2])["exact duplicates"] == 1


def test_jobs_below_one_is_an_error(tmp_path: Path) -> None:
    with Store.open(tmp_path / "j.db") as store, pytest.raises(ValueError, match="jobs must be at least 1"):
        analyze_inputs([str(tmp_path)], store, jobs=0)
