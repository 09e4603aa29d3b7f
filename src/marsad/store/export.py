"""The export contract (docs/EXPORT.md): every record as a dict with a ``kind``.

JSONL streams all kinds; CSV and Parquet write one file per kind. Field names are the
model's; articles leave out the raw text and offset map (internal, large).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, fields
from importlib import resources
from pathlib import Path
from typing import IO, Any

from marsad import kinds
from marsad.store.db import Store

KINDS = tuple(k.name for k in kinds.KINDS)
FORMATS = ("jsonl", "csv", "parquet")


def schema() -> dict[str, Any]:
    """The published JSON Schema of one export record."""
    text = (resources.files("marsad.store") / "export.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _record(kind: str, obj: Any) -> dict[str, Any]:
    data = asdict(obj)
    for name in kinds.BY_NAME[kind].internal_fields:
        data.pop(name, None)
    # Flags, times, quantities and quotes have a ``kind`` of their own (boilerplate_removed,
    # date, count, direct); ``kind`` names the record type in the export, so theirs is
    # written as ``flag_kind``, ``time_kind``... (EXPORT.md uses one word for both).
    if "kind" in data:
        data[f"{kind}_kind"] = data.pop("kind")
    return {"kind": kind, **data}


_ARROW_TYPES = {
    "str": "string",
    "str | None": "string",
    "int": "int64",
    "int | None": "int64",
    "float": "float64",
    "float | None": "float64",
    "bool": "bool",
    "list[str]": "list<string>",
}


def _arrow_schema(kind: str, columns: list[str]) -> Any:
    """Column types from the model's annotations, so chunks of one kind always agree."""
    import pyarrow as pa

    annotations = {f.name: str(f.type) for f in fields(kinds.BY_NAME[kind].cls)}
    annotations[f"{kind}_kind"] = annotations.get("kind", "str")
    annotations["kind"] = "str"
    out = []
    for name in columns:
        arrow = _ARROW_TYPES.get(annotations.get(name, ""), "json")
        if arrow == "list<string>":
            out.append(pa.field(name, pa.list_(pa.string())))
        elif arrow == "json":
            out.append(pa.field(name, pa.string()))
        else:
            out.append(pa.field(name, pa.type_for_alias(arrow)))
    return pa.schema(out)


def _cell(value: Any, arrow_type: Any) -> Any:
    import pyarrow as pa

    if isinstance(value, list | dict) and not pa.types.is_list(arrow_type):
        return json.dumps(value, ensure_ascii=False)
    return value


def records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    """Every record of one kind, in a stable order."""
    record_kind = kinds.BY_NAME[kind]
    if kind == "article":
        source: Any = store.iter_articles(with_raw=False)
    elif record_kind in kinds.PER_ARTICLE and record_kind.attribute:
        source = store.iter_records(record_kind.attribute)
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


# Text cells that a spreadsheet would run as a formula (CSV injection): = + - @, and the
# tab and carriage return some spreadsheets strip before looking.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell: lists and dicts as JSON text; text that a spreadsheet would read as a
    formula gets a leading apostrophe (OWASP's advice), so opening an export never runs
    what an article wrote. Numbers stay numbers."""
    value = _flat(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# The CSV dialect (docs/EXPORT.md): UTF-8 with a byte-order mark (so Excel reads Arabic),
# comma-separated, a header row, fields quoted with " only when needed ("" inside),
# CRLF line ends (RFC 4180), JSON text for list and dict fields.
CSV_ENCODING = "utf-8-sig"


def write_csv(store: Store, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind in KINDS:
        n = 0
        path = folder / f"{kind}.csv"
        with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
            # the header is the kind's columns even when there are no records of it
            writer = csv.DictWriter(
                handle, fieldnames=kinds.BY_NAME[kind].export_columns, extrasaction="ignore"
            )
            writer.writeheader()
            for record in records(store, kind):
                writer.writerow({k: csv_cell(v) for k, v in record.items()})
                n += 1
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

        def flush(rows: list[dict[str, Any]], writer: Any, path: Path = path, kind: str = kind) -> Any:
            schema = writer.schema if writer is not None else _arrow_schema(kind, list(rows[0]))
            columns = {
                f.name: pa.array([_cell(r.get(f.name), f.type) for r in rows], type=f.type) for f in schema
            }
            table = pa.table(columns, schema=schema)
            if writer is None:
                writer = pq.ParquetWriter(path, schema)
            writer.write_table(table)
            return writer

        for record in records(store, kind):
            rows.append(record)
            n += 1
            if len(rows) >= chunk:
                writer = flush(rows, writer)
                rows = []
        if rows:
            writer = flush(rows, writer)
        if writer is None:  # no records: an empty table with the kind's columns
            pq.write_table(_arrow_schema(kind, kinds.BY_NAME[kind].export_columns).empty_table(), path)
        else:
            writer.close()
        written[kind] = n
    return written
