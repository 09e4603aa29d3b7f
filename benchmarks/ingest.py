"""Ingest throughput on SaudiNewsNet: read+clean+dedup+store against the I/O floor.

    PYTHONPATH=src python benchmarks/ingest.py [--limit N] [--annotate] [--batch 200]

Each phase runs in its own forked process so its peak memory (ru_maxrss growth over the
process's start) is its own. The I/O floor reads and parses the same zips with the same
reader and does nothing else.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _read_only(paths: list[str], limit: int | None) -> dict[str, Any]:
    from marsad.model import ReadProblem
    from marsad.sources import iter_inputs

    n = size = 0
    for item in iter_inputs(paths):
        if limit is not None and n >= limit:
            break
        if isinstance(item, ReadProblem):
            continue
        n += 1
        size += len(item.text.encode("utf-8"))
    return {"articles": n, "bytes": size}


def _pipeline(paths: list[str], limit: int | None, annotate: bool, batch: int, jobs: int) -> dict[str, Any]:
    from marsad import link as linking
    from marsad.analyze import analyze_inputs
    from marsad.annotate import pipeline
    from marsad.store.db import Store

    if not annotate:
        pipeline.ANNOTATORS.clear()
    # What this benchmark measures is read+clean+dedup+store; the other linkers (actors,
    # events, claims, stories) are measured by benchmarks/link.py.
    linking.LINKERS[:] = [entry for entry in linking.LINKERS if entry[0] == "dedup"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with Store.open(db) as store:
            summary = analyze_inputs(paths, store, batch_size=batch, jobs=jobs, limit=limit)
            size = sum(len((a.raw_text or "").encode("utf-8")) for a in store.iter_articles(with_raw=True))
        db_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
    return {
        "articles": summary.stored,
        "bytes": size,
        "exact": summary.exact_duplicates,
        "near": summary.near_duplicates,
        "errors": summary.errors,
        "db_mb": db_mb,
    }


def _child(queue: mp.Queue, target: Any, args: tuple) -> None:
    base = _rss_mb()
    started = time.perf_counter()
    result = target(*args)
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = _rss_mb() - base
    queue.put(result)


def _measure(target: Any, *args: Any) -> dict[str, Any]:
    context = mp.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, target, args))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    annotate: Annotated[bool, typer.Option(help="Run the annotators too.")] = False,
    batch: Annotated[int, typer.Option(help="Articles per transaction.")] = 200,
    jobs: Annotated[int, typer.Option(help="Processes for the per-article work.")] = 1,
    data: Annotated[
        Path | None, typer.Option(help="Folder of SaudiNewsNet zips (default: ../shared).")
    ] = None,
) -> None:
    from marsad.paths import shared_dir

    folder = data or ((shared_dir() or Path("/nonexistent")) / "data/news/saudinewsnet")
    paths = sorted(str(p) for p in folder.glob("*.zip"))
    if not paths:
        typer.echo(f"benchmark: no zips under {folder}", err=True)
        raise typer.Exit(1)
    floor = _measure(_read_only, paths, limit)
    full = _measure(_pipeline, paths, limit, annotate, batch, jobs)
    table = Table(title=f"Ingest benchmark: {len(paths)} zips, annotators {'on' if annotate else 'off'}")
    table.add_column("phase", no_wrap=True)
    for column in ("articles", "seconds", "articles/s", "MB/s", "peak RSS MB"):
        table.add_column(column, justify="right")
    for name, r in (("read+parse (I/O floor)", floor), ("read+clean+dedup+store", full)):
        table.add_row(
            name,
            str(r["articles"]),
            f"{r['seconds']:.1f}",
            f"{r['articles'] / r['seconds']:.0f}",
            f"{r['bytes'] / 1e6 / r['seconds']:.2f}",
            f"{r['peak_mb']:.0f}",
        )
    console = Console()
    console.print(table)
    console.print(
        f"pipeline / floor time ratio: {full['seconds'] / floor['seconds']:.1f}x; "
        f"exact duplicates {full['exact']}, near duplicates {full['near']}, errors {full['errors']}, "
        f"database {full['db_mb']:.0f} MB"
    )


if __name__ == "__main__":
    sys.exit(typer.run(main))
