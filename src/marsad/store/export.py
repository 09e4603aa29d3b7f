"""The export contract (docs/EXPORT.md): every record as a dict with a ``kind``.

JSONL streams all kinds; CSV and Parquet write one file per kind. Field names are the
model's; articles leave out the raw text and offset map (internal, large).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import IO, Any

from marsad.store.db import Store

KINDS = (
    "article",
    "flag",
    "mention",
    "time",
    "quantity",
    "quote",
    "event_mention",
    "actor",
    "event",
    "story",
    "claim",
    "contradiction",
)
FORMATS = ("jsonl", "csv", "parquet")
_ARTICLE_INTERNAL = ("raw_text", "offset_map")
_PER_ARTICLE = {
    "flag": "flags",
    "mention": "mentions",
    "time": "times",
    "quantity": "quantities",
    "quote": "quotes",
    "event_mention": "event_mentions",
}


def schema() -> dict[str, Any]:
    """The published JSON Schema of one export record."""
    text = (resources.files("marsad.store") / "export.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _record(kind: str, obj: Any) -> dict[str, Any]:
    data = asdict(obj)
    if kind == "article":
        for name in _ARTICLE_INTERNAL:
            data.pop(name, None)
    return {"kind": kind, **data}


def records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    """Every record of one kind, in a stable order."""
    if kind == "article":
        source: Any = store.iter_articles(with_raw=False)
    elif kind in _PER_ARTICLE:
        source = store.iter_records(_PER_ARTICLE[kind])
    else:
        source = {
            "actor": store.iter_actors,
            "event": store.iter_events,
            "story": store.iter_stories,
            "claim": store.iter_claims,
            "contradiction": store.iter_contradictions,
        }[kind]()
    for obj in source:
        yield _record(kind, obj)


def iter_export(store: Store) -> Iterator[dict[str, Any]]:
    for kind in KINDS:
        yield from records(store, kind)


def write_jsonl(store: Store, out: IO[str]) -> int:
    n = 0
    for record in iter_export(store):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _flat(value: Any) -> Any:
    """A CSV/Parquet cell: lists and dicts as JSON text, the rest as is."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(store: Store, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind in KINDS:
        n = 0
        path = folder / f"{kind}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer: csv.DictWriter | None = None
            for record in records(store, kind):
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=list(record), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow({k: _flat(v) for k, v in record.items()})
                n += 1
            if writer is None:
                handle.write("kind\n")
        written[kind] = n
    return written


def write_parquet(store: Store, folder: Path, chunk: int = 5000) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind in KINDS:
        path = folder / f"{kind}.parquet"
        writer = None
        rows: list[dict[str, Any]] = []
        n = 0

        def flush(rows: list[dict[str, Any]], writer: Any, path: Path = path) -> Any:
            table = pa.Table.from_pylist([{k: _flat(v) for k, v in r.items()} for r in rows])
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table.cast(writer.schema))
            return writer

        for record in records(store, kind):
            rows.append(record)
            n += 1
            if len(rows) >= chunk:
                writer = flush(rows, writer)
                rows = []
        if rows:
            writer = flush(rows, writer)
        if writer is None:
            pq.write_table(pa.table({"kind": pa.array([], pa.string())}), path)
        else:
            writer.close()
        written[kind] = n
    return written
