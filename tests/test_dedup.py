from __future__ import annotations

import json
import zipfile
from pathlib import Path

from marsad.analyze import analyze_inputs
from marsad.link.dedup import jaccard, shingles, signature
from marsad.store.db import Store

BASE = (
    "بحث وزير الدفاع العراقي ثابت العباسي ونظيره الأمريكي لويد أوستن أوجه التعاون الأمني المشترك "
    "وعقد العباسي اجتماعا مع نظيره الأمريكي في مقر البنتاغون بواشنطن خلال افتتاح حوار التعاون "
    "الأمني المشترك بين الولايات المتحدة والعراق وفق وكالة الأنباء العراقية ويرأس العباسي وفدا "
    "رفيع المستوى ضم رئيس جهاز مكافحة الإرهاب ورئيس أركان الجيش وقائد القوات المشتركة وناقش "
    "الجانبان مستقبل التحالف الدولي وجدول انسحاب القوات والتدريب والتسليح ودعم القوات الأمنية "
    "العراقية في ملاحقة فلول التنظيم في الصحراء الغربية والمناطق الحدودية مع سوريا"
)
EDITED = "بغداد - واع: " + BASE.replace("ويرأس العباسي", "ويترأس العباسي") + " وأكد الطرفان أهمية الشراكة"
OTHER = (
    "أعلنت وزارة الصحة السعودية تسجيل حالات جديدة من الإنفلونزا الموسمية في الرياض وجدة والدمام "
    "ودعت المواطنين والمقيمين إلى أخذ اللقاح في المراكز الصحية المنتشرة في مختلف مناطق المملكة "
    "قبل بداية فصل الشتاء وحذرت من التجمعات في الأماكن المغلقة"
)


def test_signatures_estimate_jaccard() -> None:
    a, b, c = signature(BASE), signature(EDITED), signature(OTHER)
    assert jaccard(a, a) == 1.0
    assert jaccard(a, b) >= 0.7
    assert jaccard(a, c) < 0.2
    assert signature("") is None
    assert shingles("خبر قصير") == {"خبر قصير"}


def test_normalization_makes_spelling_variants_exact_shingles() -> None:
    assert shingles("الأمريكيّ في العراق الآن اليوم") == shingles("الامريكي في العراق الان اليوم")


def _write(folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_exact_and_near_duplicates_point_at_the_first_copy(tmp_path: Path) -> None:
    _write(tmp_path / "in", {"1.txt": BASE, "2.txt": OTHER, "3.txt": BASE, "4.txt": EDITED})
    with Store.open(tmp_path / "d.db") as store:
        summary = analyze_inputs([str(tmp_path / "in")], store)
        by_origin = {Path(a.origin).name: a for a in store.iter_articles()}
    assert (summary.exact_duplicates, summary.near_duplicates) == (1, 1)
    first = by_origin["1.txt"].id
    assert by_origin["1.txt"].duplicate_of is None
    assert by_origin["2.txt"].duplicate_of is None
    assert by_origin["3.txt"].duplicate_of == first
    assert by_origin["4.txt"].duplicate_of == first


def test_a_second_run_finds_near_duplicates_of_stored_articles_without_rescan(tmp_path: Path) -> None:
    _write(tmp_path / "run1", {"1.txt": BASE, "2.txt": OTHER})
    archive = tmp_path / "run2.zip"
    with zipfile.ZipFile(archive, "w") as z:
        records = [{"source": "other", "url": "http://x/1", "title": "t", "content": EDITED}]
        z.writestr("day.json", json.dumps(records, ensure_ascii=False))
    db = tmp_path / "inc.db"
    with Store.open(db) as store:
        analyze_inputs([str(tmp_path / "run1")], store)
        first = next(a.id for a in store.iter_articles() if a.origin.endswith("1.txt"))
    with Store.open(db) as store:
        queries: list[str] = []
        store.conn.set_trace_callback(queries.append)
        summary = analyze_inputs([str(archive)], store)
        store.conn.set_trace_callback(None)
        copy = next(a for a in store.iter_articles() if a.url == "http://x/1")
        assert summary.near_duplicates == 1
        assert copy.duplicate_of == first
        # incremental: band lookups, never a scan of every stored signature
        assert not any("FROM minhash" in q and "WHERE" not in q for q in queries)


def test_chains_resolve_to_the_root(tmp_path: Path) -> None:
    # B is near A; C is near B (two edits away from A) but must point at A, the first copy.
    b = BASE + " وأكد الطرفان أهمية الشراكة الاستراتيجية"
    c = b + " بين البلدين في المرحلة المقبلة"
    _write(tmp_path / "in", {"1.txt": BASE, "2.txt": b, "3.txt": c})
    with Store.open(tmp_path / "c.db") as store:
        analyze_inputs([str(tmp_path / "in")], store)
        by_origin = {Path(a.origin).name: a for a in store.iter_articles()}
    assert by_origin["2.txt"].duplicate_of == by_origin["1.txt"].id
    assert by_origin["3.txt"].duplicate_of == by_origin["1.txt"].id
