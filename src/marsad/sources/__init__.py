# PLACEHOLDER until the ingest/clean branches merge
"""Minimal readers: plain-text files, folders of them, JSON files and zips of JSON arrays."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.model import RawArticle, ReadProblem


def _records(origin: str, data: object) -> Iterator[RawArticle | ReadProblem]:
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items):
        where = f"{origin}#{n}"
        if not isinstance(item, dict) or not isinstance(item.get("content", item.get("text")), str):
            yield ReadProblem(where, "record has no text")
            continue
        published = item.get("published") or item.get("date_extracted")
        yield RawArticle(
            origin=where,
            text=item.get("content") or item.get("text") or "",
            title=item.get("title"),
            url=item.get("url"),
            published=str(published)[:10] if published else None,
            source=item.get("source"),
            author=item.get("author"),
        )


def _read_path(path: Path) -> Iterator[RawArticle | ReadProblem]:
    origin = str(path)
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    if member.endswith("/"):
                        continue
                    raw = archive.read(member).decode("utf-8")
                    if member.endswith(".json"):
                        yield from _records(f"{origin}!{member}", json.loads(raw))
                    else:
                        yield RawArticle(origin=f"{origin}!{member}", text=raw, source=path.stem)
        elif path.suffix == ".json":
            yield from _records(origin, json.loads(path.read_text(encoding="utf-8")))
        else:
            yield RawArticle(origin=origin, text=path.read_text(encoding="utf-8"), source=path.name)
    except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile) as exc:
        yield ReadProblem(origin, f"cannot read: {exc}")


def iter_inputs(inputs: Iterable[str], *, timeout: float = 20.0) -> Iterator[RawArticle | ReadProblem]:
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _read_path(child)
        elif path.is_file():
            yield from _read_path(path)
        else:
            yield ReadProblem(name, "no such file or folder")
