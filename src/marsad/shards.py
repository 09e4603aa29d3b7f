"""Analysed-article shards: Parquet files of analysed articles with a manifest.

A shard holds one batch of inputs in input order (docs/EXPORT.md, "Analysed-article
shards"): one row per input with its place in the run (``position``), ``origin`` and
``fingerprint`` (what makes a re-run skip it), the article id, and either the analysed
article as JSON (``analysed``) or why it failed (``error``). The boilerplate index as it
stood after the shard's last input travels in the file's metadata, so that linking a shard
leaves the store exactly as the local run that analysed and linked the same batch.

``manifest.json`` beside the shards lists them in input order, with the inputs each holds.
Writing a shard is atomic (a temporary file renamed), and so is rewriting the manifest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Claim,
    EventMention,
    Flag,
    Mention,
    Quantity,
    Quote,
    Sentence,
    TimeExpr,
)

SHARD_FORMAT = "marsad.analysed-shard/1"
MANIFEST_FORMAT = "marsad.shards/1"
MANIFEST = "manifest.json"
SCHEMA = pa.schema(
    [
        pa.field("position", pa.int64(), nullable=False),
        pa.field("origin", pa.string(), nullable=False),
        pa.field("fingerprint", pa.string(), nullable=False),
        pa.field("id", pa.string()),
        pa.field("analysed", pa.string()),
        pa.field("error", pa.string()),
    ]
)
_LISTS: dict[str, type] = {
    "sentences": Sentence,
    "mentions": Mention,
    "times": TimeExpr,
    "quantities": Quantity,
    "quotes": Quote,
    "event_mentions": EventMention,
    "flags": Flag,
    "claims": Claim,
    "actors": Actor,
}


class ShardError(Exception):
    """A shard or manifest that cannot be read: the message names the file and the problem."""


def analysed_to_json(doc: AnalyzedArticle) -> str:
    """One analysed article as JSON (its document layer left out: it is derived)."""
    data: dict[str, Any] = {"article": dataclasses.asdict(doc.article)}
    for name in _LISTS:
        data[name] = [dataclasses.asdict(item) for item in getattr(doc, name)]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def analysed_from_json(text: str) -> AnalyzedArticle:
    data = json.loads(text)
    doc = AnalyzedArticle(article=Article(**data["article"]))
    for name, cls in _LISTS.items():
        setattr(doc, name, [cls(**item) for item in data.get(name, [])])
    return doc


@dataclass
class ShardRow:
    position: int
    origin: str
    fingerprint: str
    result: AnalyzedArticle | str  # the analysed article, or why it failed


def shard_bytes(rows: list[ShardRow], boilerplate_after: dict[str, Any] | None) -> bytes:
    """A shard as Parquet bytes (built where the work ran; written by whoever holds the disk)."""
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for row in rows:
        ok = not isinstance(row.result, str)
        columns["position"].append(row.position)
        columns["origin"].append(row.origin)
        columns["fingerprint"].append(row.fingerprint)
        columns["id"].append(row.result.id if ok else None)  # type: ignore[union-attr]
        columns["analysed"].append(analysed_to_json(row.result) if ok else None)  # type: ignore[arg-type]
        columns["error"].append(None if ok else row.result)
    metadata = {"marsad.format": SHARD_FORMAT}
    if boilerplate_after is not None:
        metadata["marsad.boilerplate_after"] = json.dumps(boilerplate_after, ensure_ascii=False)
    table = pa.table(columns, schema=SCHEMA.with_metadata(metadata))
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def read_shard(path: Path) -> tuple[list[ShardRow], dict[str, Any] | None]:
    """A shard's rows in position order and the boilerplate index state after them."""
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise ShardError(f"{path}: not a readable Parquet shard ({exc})") from None
    metadata = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    if metadata.get("marsad.format") != SHARD_FORMAT or table.schema.names != SCHEMA.names:
        raise ShardError(f"{path}: not a Marsad analysed-article shard (expected {SHARD_FORMAT})")
    rows = []
    for record in table.to_pylist():
        try:
            result = (
                analysed_from_json(record["analysed"]) if record["analysed"] is not None else record["error"]
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise ShardError(f"{path}: row {record['position']}: bad analysed article ({exc})") from None
        rows.append(ShardRow(record["position"], record["origin"], record["fingerprint"], result or ""))
    rows.sort(key=lambda r: r.position)
    after = metadata.get("marsad.boilerplate_after")
    return rows, json.loads(after) if after else None


def block_key(inputs: Iterable[tuple[str, str]], boilerplate_before: dict[str, Any] | None) -> str:
    """What identifies a block's work: its inputs (origin, fingerprint) in order and the
    boilerplate index it starts from. The same key means the same shard."""
    h = hashlib.blake2b(digest_size=16)
    for origin, fp in inputs:
        h.update(origin.encode("utf-8", "surrogatepass") + b"\x1f" + fp.encode() + b"\x1e")
    h.update(json.dumps(boilerplate_before, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


@dataclass
class ShardEntry:
    file: str
    key: str
    inputs: list[tuple[str, str]]  # (origin, fingerprint) in input order

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "key": self.key, "inputs": [list(i) for i in self.inputs]}


@dataclass
class Manifest:
    """The shards of a folder in input order and the inputs each holds."""

    folder: Path
    shards: list[ShardEntry] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.exists():
            return cls(folder)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != MANIFEST_FORMAT:
                raise ValueError(f"expected format {MANIFEST_FORMAT}")
            shards = [
                ShardEntry(s["file"], s["key"], [(o, f) for o, f in s["inputs"]]) for s in data["shards"]
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise ShardError(f"{path}: not a Marsad shard manifest ({exc})") from None
        return cls(folder, shards)

    def by_key(self) -> dict[str, ShardEntry]:
        return {s.key: s for s in self.shards if (self.folder / s.file).exists()}

    def add(self, entry: ShardEntry) -> None:
        self.shards = [s for s in self.shards if s.key != entry.key] + [entry]
        self.save()

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"format": MANIFEST_FORMAT, "shards": [s.to_dict() for s in self.shards]}
        _write_atomic(self.folder / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1).encode())


def write_shard(folder: Path, key: str, inputs: list[tuple[str, str]], data: bytes) -> ShardEntry:
    """Write a shard's bytes and record it in the folder's manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    entry = ShardEntry(f"shard-{key}.parquet", key, inputs)
    _write_atomic(folder / entry.file, data)
    manifest = Manifest.load(folder)
    manifest.add(entry)
    return entry


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def shard_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Shard files in input order: a folder gives its manifest's shards in manifest order,
    a file is itself; in the order the paths are given."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            if not (path / MANIFEST).exists():
                raise ShardError(f"{path}: no {MANIFEST} in this folder (not a shard folder)")
            for entry in Manifest.load(path).shards:
                file = path / entry.file
                if not file.exists():
                    raise ShardError(f"{file}: listed in {path / MANIFEST} but missing")
                yield file
        elif path.exists():
            yield path
        else:
            raise ShardError(f"{path}: no such shard file or folder")
