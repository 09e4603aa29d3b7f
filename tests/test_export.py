from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest

from marsad import kinds
from marsad.analyze import analyze_inputs
from marsad.model import (
    Actor,
    AnalyzedArticle,
    Claim,
    Contradiction,
    EntityType,
    Event,
    EventMode,
    Precision,
    Story,
)
from marsad.paths import examples_dir
from marsad.store import export
from marsad.store.db import Store
from test_store import full_doc


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = export.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _jsonl(store: Store) -> list[dict]:
    buffer = io.StringIO()
    export.write_jsonl(store, buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_seed_export_validates(tmp_path: Path, validator) -> None:
    with Store.open(tmp_path / "seeds.db") as store:
        analyze_inputs([str(examples_dir() / "seeds")], store)
        records = _jsonl(store)
    articles = [r for r in records if r["kind"] == "article"]
    assert len(articles) == 5
    assert all("raw_text" not in r and "offset_map" not in r for r in articles)
    for record in records:
        validator.validate(record)
    # the closed vocabularies: what the annotators write is a member of the model's StrEnum
    assert {r["type"] for r in records if r["kind"] in ("mention", "actor")} <= set(EntityType)
    assert {r["precision"] for r in records if r["kind"] == "time"} - {None} <= set(Precision)
    dated = [r for r in records if r["kind"] in ("event", "event_mention")]
    assert {r["date_precision"] for r in dated} - {None} <= set(Precision)
    assert {r["mode"] for r in dated} - {None} <= set(EventMode)


def crafted_store(path: Path) -> Store:
    store = Store.open(path)
    doc: AnalyzedArticle = full_doc()
    aid = doc.id
    doc.claims = [Claim("c1", aid, 27, 31, "جندي أمريكي", 2500.0, "جندي", "2023-08")]
    store.save(doc)
    store.save_actors(
        [
            Actor(
                "p1",
                "PER",
                "لويد أوستن",
                "Lloyd Austin",
                ["أوستن"],
                "USA",
                "GOV",
                [{"office": "وزير الدفاع"}],
            )
        ]
    )
    store.save_events(
        [
            Event(
                "e1",
                "CONSULT",
                None,
                ["p1"],
                ["g1"],
                None,
                "2023-08-08",
                "day",
                [{"article": aid, "start": 21, "end": 26}],
                [aid],
                1,
            )
        ]
    )
    store.save_stories([Story("s1", "حوار التعاون الأمني", [aid], ["e1"], "2023-08-08", "2023-08-08")])
    store.save_claims([Claim("c2", aid, 27, 31, "جندي أمريكي", 2000.0, "جندي", "2023")])
    store.save_contradictions([Contradiction(["c1", "c2"], "2500 vs 2000 troops")])
    return store


def test_every_crafted_kind_round_trips_and_validates(tmp_path: Path, validator) -> None:
    with crafted_store(tmp_path / "c.db") as store:
        records = _jsonl(store)
        assert store.get_article(full_doc().id).story == "s1"
    kinds = {r["kind"] for r in records}
    assert kinds == set(export.KINDS)
    for record in records:
        validator.validate(record)
    event = next(r for r in records if r["kind"] == "event")
    assert event["mentions"] == [{"article": full_doc().id, "start": 21, "end": 26}]
    flag = next(r for r in records if r["kind"] == "flag")
    assert flag["flag_kind"] == "boilerplate_removed"
    contradiction = next(r for r in records if r["kind"] == "contradiction")
    assert contradiction["claims"] == ["c1", "c2"] and contradiction["id"]


def test_schema_rejects_records_missing_required_fields(validator) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"kind": "event", "id": "e1", "type": "CONSULT"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"kind": "contradiction", "claims": ["only one"], "note": "x"})
    validator.validate({"kind": "contradiction", "claims": ["a", "b"], "note": "x", "extra": 1})


def test_csv_and_parquet_write_one_file_per_kind(tmp_path: Path) -> None:
    with crafted_store(tmp_path / "c.db") as store:
        csv_counts = export.write_csv(store, tmp_path / "csv")
        parquet_counts = export.write_parquet(store, tmp_path / "pq")
    assert csv_counts == parquet_counts
    assert sorted(p.stem for p in (tmp_path / "csv").glob("*.csv")) == sorted(export.KINDS)
    events = pq.read_table(tmp_path / "pq" / "event.parquet").to_pylist()
    assert json.loads(events[0]["mentions"])[0]["start"] == 21
    assert events[0]["sources"] == ["p1"]


def test_empty_kinds_keep_their_columns(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        assert set(export.write_csv(store, tmp_path / "csv").values()) == {0}
        export.write_parquet(store, tmp_path / "pq")
    for kind in kinds.KINDS:
        header = (tmp_path / "csv" / f"{kind.name}.csv").read_text(encoding="utf-8-sig").splitlines()
        assert header == [",".join(kind.export_columns)]
        assert pq.read_table(tmp_path / "pq" / f"{kind.name}.parquet").column_names == kind.export_columns
    header = (tmp_path / "csv" / "contradiction.csv").read_text(encoding="utf-8-sig")
    assert header.splitlines() == ["kind,claims,note,id"]


def test_exported_records_have_the_registry_columns(tmp_path: Path) -> None:
    with crafted_store(tmp_path / "c.db") as store:
        for record in _jsonl(store):
            assert list(record) == kinds.BY_NAME[record["kind"]].export_columns


def test_schema_vocabularies_are_the_models() -> None:
    schema = export.schema()
    assert set(schema["properties"]["kind"]["enum"]) == {k.name for k in kinds.KINDS}
    assert set(schema["$defs"]) == {k.name for k in kinds.KINDS}
    precisions = schema["$defs"]["time"]["properties"]["precision"]["enum"]
    assert set(precisions) - {None} == set(Precision)
    for kind in kinds.KINDS:  # every required field is a column of the kind
        assert set(schema["$defs"][kind.name].get("required", [])) <= set(kind.export_columns)


def test_election_is_an_accepted_extension_event_type(validator) -> None:
    event = {
        "kind": "event",
        "id": "e1",
        "type": "ELECTION",
        "mode": "vote",
        "sources": [],
        "targets": [],
        "location": None,
        "date": "2015-08-02",
        "date_precision": "day",
        "mentions": [{"article": "a1", "start": 0, "end": 5}],
        "articles": ["a1"],
        "independent_sources": 1,
    }
    validator.validate(event)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**event, "type": "VOTE"})


def test_csv_has_a_bom_and_neutralises_formulas(tmp_path: Path) -> None:
    import csv

    from marsad.model import AnalyzedArticle, Article

    with Store.open(tmp_path / "f.db") as store:
        for i, title in enumerate(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "عنوان عادي"]):
            article = Article(f"a{i}", "مصدر", None, title, "2023-08-08", "ar", f"نص رقم {i}")
            store.save(AnalyzedArticle(article=article))
        export.write_csv(store, tmp_path / "csv")
    raw = (tmp_path / "csv" / "article.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Arabic
    assert b"\r\n" in raw  # the documented dialect: CRLF line ends
    with (tmp_path / "csv" / "article.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    titles = [r["title"] for r in rows]
    assert titles == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "عنوان عادي"]
    assert rows[0]["kind"] == "article" and rows[0]["text"] == "نص رقم 0"
    assert export.csv_cell(-2) == -2  # numbers stay numbers
