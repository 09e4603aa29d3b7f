"""The whole local run (`marsad analyze`: read, clean, annotate, store and link) of this tree
against an older checkout, on the same articles, and whether both leave the same store.

    PYTHONPATH=src python benchmarks/analyze_link.py --baseline OLD/src [--limit 300] [--jobs 2]
        [--batch 100] [--rounds 1]

Writes the first ``--limit`` SaudiNewsNet articles (zip order) to one JSON Lines file, then
runs `marsad analyze` on it with each tree in turn (fresh processes, ``PYTHONHASHSEED=0``,
``--rounds`` times, alternating, so both see the same load), and prints wall seconds,
articles/s, CPU seconds (the run and its pool workers) and the ratios against the baseline,
then the SHA-1 of each store's SQL dump: equal digests mean that the two trees stored and
linked exactly the same records. On a machine shared with other work only ratios within one
run mean anything, and the wall-clock gain of overlapping the single writer with the workers
shows only where cores are left idle.
"""

from __future__ import annotations

import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import write_inputs  # the benchmarks folder is not a package

HERE = str(Path(__file__).resolve().parents[1] / "src")


def dump_digest(db: Path) -> tuple[str, list[str]]:
    """SHA-1 of the store's SQL dump, and the dump's lines (to show a difference)."""
    with sqlite3.connect(db) as conn:
        lines = list(conn.iterdump())
    return hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest(), lines


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(src: str, inputs: Path, db: Path, jobs: int, batch: int) -> tuple[float, float]:
    """(wall s, CPU s of the run and its pool workers)."""
    env = {**os.environ, "PYTHONPATH": src, "PYTHONHASHSEED": "0"}
    args = ["analyze", str(inputs), "--db", str(db), "--jobs", str(jobs), "--batch", str(batch)]
    started, cpu = time.perf_counter(), _children_cpu()
    command = [sys.executable, "-m", "marsad.cli", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode not in (0, 3):
        raise SystemExit(f"{src}: marsad analyze failed ({done.returncode}): {done.stderr[-1000:]}")
    return seconds, cpu


def main(
    baseline: Annotated[str, typer.Option(help="An older checkout's src folder.")],
    limit: Annotated[int, typer.Option(help="SaudiNewsNet articles.")] = 300,
    jobs: Annotated[int, typer.Option(help="--jobs of both runs.")] = 2,
    batch: Annotated[int, typer.Option(help="--batch of both runs.")] = 100,
    rounds: Annotated[int, typer.Option(help="Runs of each tree, alternating.")] = 1,
) -> None:
    console = Console()
    with tempfile.TemporaryDirectory(prefix="marsad-analyze-link-") as tmp:
        inputs = Path(tmp) / "articles.jsonl"
        n = write_inputs(limit, inputs)
        seconds: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
        digests: dict[str, set[str]] = {"before": set(), "after": set()}
        lines: dict[str, list[str]] = {}
        for k in range(rounds):
            for label, src in (("before", baseline), ("after", HERE)):
                db = Path(tmp) / f"{label}{k}.db"
                seconds[label].append(timed_run(src, inputs, db, jobs, batch))
                digest, lines[label] = dump_digest(db)
                digests[label].add(digest)
        title = f"marsad analyze, {n} SaudiNewsNet articles, --jobs {jobs} --batch {batch}, linking on"
        table = Table(title=title)
        for col in ("tree", "best wall s", "articles/s", "× before (wall)", "CPU s", "× before (CPU)"):
            table.add_column(col, justify="left" if col == "tree" else "right")
        best = {label: min(values) for label, values in seconds.items()}
        for label, src in (("before", baseline), ("after", HERE)):
            wall, cpu = best[label]
            table.add_row(
                f"{label} ({src})",
                f"{wall:.1f}",
                f"{n / wall:.2f}",
                f"{best['before'][0] / wall:.2f}",
                f"{cpu:.1f}",
                f"{best['before'][1] / cpu:.2f}",
            )
        console.print(table)
        for label in ("before", "after"):
            console.print(f"store dump SHA-1, {label}: {', '.join(sorted(digests[label]))}")
        same = digests["before"] == digests["after"] and len(digests["after"]) == 1
        console.print("same store: " + ("yes" if same else "NO"))
        if not same:
            for old, new in zip(lines["before"], lines["after"], strict=False):
                if old != new:
                    console.print(f"first difference:\n  {old[:300]}\n  {new[:300]}", markup=False)
                    break
            raise typer.Exit(1)


if __name__ == "__main__":
    typer.run(main)
