"""Scaling out: the local process pool against Ray with 1 and 2 workers, on the same articles.

    PYTHONPATH=src python benchmarks/scale.py [--limit 2000] [--batch 100] [--skip-local]

Writes the first ``--limit`` SaudiNewsNet articles (in zip order) to one JSON Lines file,
then, each in its own process: analyses them with the local pool (``--jobs`` = the cores
available) and with ``--engine ray`` on a local Ray with 1 and 2 workers, linking off
(the per-article work that scales out), and links the 2-worker run's shards with
``marsad link`` (the single writer). Prints articles/s, scaling efficiency (Ray with 2
workers against 2 × Ray with 1), and the peak resident memory of each run's whole process
tree (the driver, Ray's daemons and workers, or the pool), sampled every 0.2 s from /proc.
With a GPU in the cluster, ``--accurate N`` adds the accurate profile on GPU workers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and every descendant, in MB."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(tree.get(pid, []))
    return total / 1024


def measured(args: list[str]) -> tuple[dict[str, Any], float]:
    """Run this script in a child process; its JSON result and the tree's peak RSS (MB)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark run {args} failed with status {proc.returncode}")
    return json.loads(out.strip().splitlines()[-1]), peak


def write_inputs(limit: int, path: Path) -> int:
    from marsad.model import ReadProblem
    from marsad.paths import shared_path
    from marsad.sources import iter_inputs

    zips = sorted(str(p) for p in shared_path("data/news/saudinewsnet").glob("*.zip"))
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for item in iter_inputs(zips):
            if n >= limit:
                break
            if isinstance(item, ReadProblem):
                continue
            record = {"text": item.text, "title": item.title, "url": item.url}
            record |= {"published": item.published, "source": item.source}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def run_one(engine: str, workers: int, inputs: str, db: str, batch: int, profile: str) -> None:
    """One measured run (in the child process): prints its figures as JSON."""
    from marsad.analyze import Summary, analyze_inputs, available_cores, link_shards
    from marsad.store.db import Store

    summary = Summary()
    started = time.perf_counter()
    with Store.open(db) as store:
        if engine == "local":
            analyze_inputs(
                [inputs],
                store,
                profile=profile,
                batch_size=batch,
                jobs=workers or None,
                link=False,
                summary=summary,
            )
            workers = workers or available_cores()
        elif engine == "ray":
            from marsad.distributed import analyze_with_ray, start_ray

            start_ray(None, workers or None)  # not timed: a cluster is started once, not per run
            started = time.perf_counter()
            analyze_with_ray(
                [inputs], store, Path(db + ".shards"), workers=workers or None, profile=profile,
                batch_size=batch, link=False, summary=summary,
            )  # fmt: skip
        else:  # "link": the shards of an earlier run, into this store
            link_shards([inputs], store, summary=summary)
            workers = 1
    seconds = time.perf_counter() - started
    print(json.dumps({"articles": summary.read, "seconds": seconds, "workers": workers}))


def main(
    limit: Annotated[int, typer.Option(help="SaudiNewsNet articles to analyse.")] = 2000,
    batch: Annotated[int, typer.Option(help="Articles per batch (a Ray block, a shard).")] = 100,
    skip_local: Annotated[bool, typer.Option(help="Leave out the local pool.")] = False,
    accurate: Annotated[int, typer.Option(help="Articles for the accurate profile on GPU workers.")] = 0,
    run: Annotated[str | None, typer.Option(hidden=True)] = None,
    workers: Annotated[int, typer.Option(hidden=True)] = 0,
    inputs: Annotated[str, typer.Option(hidden=True)] = "",
    db: Annotated[str, typer.Option(hidden=True)] = "",
    profile: Annotated[str, typer.Option(hidden=True)] = "fast",
) -> None:
    if run is not None:
        run_one(run, workers or 0, inputs, db, batch, profile)
        return
    console = Console()
    with tempfile.TemporaryDirectory(prefix="marsad-scale-") as tmp:
        data = Path(tmp) / "articles.jsonl"
        n = write_inputs(limit, data)
        console.print(f"{n} SaudiNewsNet articles, batches of {batch}, fast profile, linking off")
        plan: list[tuple[str, str, int, str]] = []
        if not skip_local:
            plan.append(("local pool", "local", 0, "fast"))
        plan += [("ray, 1 worker", "ray", 1, "fast"), ("ray, 2 workers", "ray", 2, "fast")]
        rows: list[tuple[str, dict[str, Any], float]] = []
        for name, engine, count, prof in plan:
            db = str(Path(tmp) / f"{engine}{count}.db")
            args = ["--run", engine, "--workers", str(count), "--inputs", str(data), "--db", db]
            result, peak = measured([*args, "--batch", str(batch), "--profile", prof])
            rows.append((name, result, peak))
            console.print(
                f"{name}: {result['articles'] / result['seconds']:.1f} articles/s, peak {peak:.0f} MB"
            )
        shards = str(Path(tmp) / "ray2.db.shards")
        result, peak = measured(["--run", "link", "--inputs", shards, "--db", str(Path(tmp) / "linked.db")])
        rows.append(("link (single writer)", result, peak))
        table = Table(title=f"Scaling on {n} SaudiNewsNet articles ({os.cpu_count()} CPUs on this machine)")
        for column in ("run", "workers", "seconds", "articles/s", "peak RSS (MB)"):
            table.add_column(column, justify="left" if column == "run" else "right")
        rate: dict[str, float] = {}
        for name, result, peak in rows:
            rate[name] = result["articles"] / result["seconds"]
            table.add_row(
                name, str(result["workers"]), f"{result['seconds']:.1f}", f"{rate[name]:.1f}", f"{peak:.0f}"
            )
        console.print(table)
        efficiency = rate["ray, 2 workers"] / (2 * rate["ray, 1 worker"])
        console.print(f"Ray scaling efficiency, 2 workers against 2 × 1 worker: {efficiency:.0%}")
        if accurate and shutil.which("nvidia-smi"):
            small = Path(tmp) / "accurate.jsonl"
            write_inputs(accurate, small)
            args = ["--run", "ray", "--inputs", str(small), "--db", str(Path(tmp) / "gpu.db")]
            result, peak = measured([*args, "--batch", str(batch), "--profile", "accurate"])
            console.print(
                f"accurate profile on GPU workers: {result['articles'] / result['seconds']:.1f} articles/s "
                f"({result['articles']} articles), peak {peak:.0f} MB"
            )
        elif accurate:
            console.print("accurate profile on GPU workers: no GPU on this machine, not measured")


if __name__ == "__main__":
    typer.run(main)
