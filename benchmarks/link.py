"""Linking at corpus scale: dedup, actors, events, claims and stories over SaudiNewsNet.

    PYTHONPATH=src python benchmarks/link.py [--limit N] [--add 20] [--batch 200] [--analyzed FILE]

1. Analyzes the corpus (all 31,030 articles by default, minus ``--add`` held back) into a
   temporary store with linking OFF: per-article work, reported for reference.
2. Links everything stored, batch by batch in arrival order, timing each linker, and
   reports the peak memory of this phase (ru_maxrss growth, in its own forked process).
3. Adds the held-back articles one at a time to the full store and reports the median and
   95th-percentile time each linker takes for one new article: the incremental cost that
   must stay in milliseconds, not a rescan.

``--analyzed FILE`` keeps the analyzed, unlinked store of step 1 at FILE (built there when
missing, reused when present), so that linking can be measured again without re-analyzing;
each run links a copy of it.

``--store FILE`` skips step 1 on a store analysed elsewhere (the analysed gold store of
``marsad eval coref``, say: ~4,000 articles of three days): a copy of it has every linker's
records cleared (the actor linker's renames of mentions stay) and is linked as in step 2;
the articles added one at a time are the first ``--add`` of the SaudiNewsNet archives that
the store does not hold.

``--linked FILE`` only adds: the first ``--add`` articles the store (linked elsewhere: the
linked gold store of ``marsad eval coref``) does not hold are analysed once, then added one
at a time to a copy of it. With ``--baseline OLD/src`` (an older checkout's ``src``, from
``git archive``) they are also added with the older linkers, to a copy of
``--baseline-linked`` (the store the older code linked; FILE by default), the two taking
turns ``--rounds`` times so that the load of a shared machine falls on both alike; the
table gives the medians and their ratio.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_linkers(timings: dict[str, list[float]]):
    from marsad.link import LINKERS, load_linker

    def run(store, ids) -> None:
        with store.batch():
            for name, target in LINKERS:
                started = time.perf_counter()
                load_linker(target)(store, ids)
                timings[name].append(time.perf_counter() - started)

    return run


def _phase_link(db: str, batch: int, out: Any) -> None:
    from marsad.store.db import Store

    base = _rss_mb()
    timings: dict[str, list[float]] = defaultdict(list)
    run = _timed_linkers(timings)
    store = Store.open(db)
    ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY seq")]
    started = time.perf_counter()
    with Progress(
        TextColumn("linking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    ) as progress:
        task = progress.add_task("link", total=len(ids))
        for i in range(0, len(ids), batch):
            run(store, ids[i : i + batch])
            progress.advance(task, len(ids[i : i + batch]))
    seconds = time.perf_counter() - started
    counts = store.counts()
    store.close()
    out.put(
        {
            "seconds": seconds,
            "articles": len(ids),
            "per_linker": {k: sum(v) for k, v in timings.items()},
            "peak_mb": _rss_mb() - base,
            "counts": counts,
        }
    )


def _phase_add(db: str, raws: list[Any], out: Any) -> None:
    from marsad.analyze import process
    from marsad.store.db import Store

    timings: dict[str, list[float]] = defaultdict(list)
    run = _timed_linkers(timings)
    store = Store.open(db)
    analyze_ms = []
    for raw in raws:
        started = time.perf_counter()
        doc = process(raw, "fast", None)
        with store.batch():
            store.save(doc)
        analyze_ms.append((time.perf_counter() - started) * 1000)
        run(store, [doc.id])
    store.close()
    out.put(
        {"analyze_ms": analyze_ms, "per_linker_ms": {k: [s * 1000 for s in v] for k, v in timings.items()}}
    )


def _add_to_copy(linked: Path, docs_file: Path) -> dict[str, list[float]]:
    """Each analysed document of ``docs_file`` saved and linked, one at a time, into a copy of
    ``linked``: milliseconds per linker and in all."""
    from marsad.link import LINKERS, load_linker
    from marsad.store.db import Store

    docs = pickle.loads(docs_file.read_bytes())
    linkers = [(name, load_linker(target)) for name, target in LINKERS]
    ms: dict[str, list[float]] = {"all linkers": [], **{name: [] for name, _ in linkers}}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "add.db"
        shutil.copyfile(linked, db)
        store = Store.open(db)
        for doc in docs:
            with store.batch():
                store.save(doc)
            with store.batch():
                for name, linker in linkers:
                    started = time.perf_counter()
                    linker(store, [doc.id])
                    ms[name].append((time.perf_counter() - started) * 1000)
            ms["all linkers"].append(sum(ms[name][-1] for name, _ in linkers))
        store.close()
    return ms


def _add_with(src: str, linked: Path, docs_file: Path) -> dict[str, list[float]]:
    """``_add_to_copy`` run by the marsad of ``src`` in a process of its own."""
    done = subprocess.run(
        [sys.executable, __file__, "--add-worker", str(linked), str(docs_file)],
        env={**os.environ, "PYTHONPATH": src},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{src}: the add run failed: {done.stderr.strip().splitlines()[-1:]}")
    result: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _compare_adding(
    console: Console, linked: Path, baseline: str | None, baseline_linked: Path, add: int, rounds: int
) -> None:
    from marsad.analyze import process
    from marsad.model import ReadProblem
    from marsad.paths import shared_path
    from marsad.sources import iter_inputs
    from marsad.store.db import Store

    zips = sorted(str(p) for p in shared_path("data", "news", "saudinewsnet").glob("*.zip"))
    docs: list[Any] = []
    with Store.open(linked, readonly=True) as store:
        for item in iter_inputs(zips):
            if len(docs) >= add:
                break
            if (
                not isinstance(item, ReadProblem)
                and item.text
                and store.input_fingerprint(item.origin) is None
            ):
                docs.append(process(item, "fast", None))
    this_src = str(Path(__file__).resolve().parent.parent / "src")
    runs: dict[str, list[dict[str, list[float]]]] = {"this": [], "baseline": []}
    with tempfile.TemporaryDirectory() as tmp:
        docs_file = Path(tmp) / "docs.pickle"
        docs_file.write_bytes(pickle.dumps(docs))
        turns = [("this", this_src, linked)] + ([("baseline", baseline, baseline_linked)] if baseline else [])
        for r in range(rounds):
            for label, src, store_file in turns if r % 2 == 0 else turns[::-1]:
                runs[label].append(_add_with(src, store_file, docs_file))
    table = Table(title=f"Adding {len(docs)} articles one at a time to {linked.name}, {rounds} rounds")
    table.add_column("linker")
    table.add_column("this tree, median ms", justify="right")
    if baseline:
        table.add_column(f"baseline ({baseline}), median ms", justify="right")
        table.add_column("ratio", justify="right")
    for name in runs["this"][0]:
        mine = statistics.median(x for run in runs["this"] for x in run[name])
        row = [name, f"{mine:.1f}"]
        if baseline:
            theirs = statistics.median(x for run in runs["baseline"] for x in run.get(name, []))
            row += [f"{theirs:.1f}", f"{mine / max(theirs, 1e-9):.2f}"]
        table.add_row(*row)
    console.print(table)


def _unlinked_copy(source: Path, db: str) -> None:
    import sqlite3

    from marsad.link import LINKER_TABLES, tables_of

    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(db)
    try:
        src.backup(dst)
        for table in tables_of(LINKER_TABLES):
            dst.execute(f"DELETE FROM {table}")
        dst.execute("UPDATE articles SET duplicate_of = NULL, duplicate_kind = NULL, story = NULL")
        dst.execute("UPDATE actors SET keyed = 0")
        dst.commit()
    finally:
        dst.close()
        src.close()


def _in_process(target, *args) -> dict[str, Any]:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main(
    limit: int = typer.Option(None, help="analyze only the first N articles"),
    add: int = typer.Option(20, help="articles held back and added one at a time at the end"),
    batch: int = typer.Option(200, help="articles per linking batch"),
    data: Path = typer.Option(None, help="SaudiNewsNet folder (default ../shared/data/news/saudinewsnet)"),
    analyzed: Path = typer.Option(None, help="keep/reuse the analyzed, unlinked store here"),
    store_file: Path = typer.Option(
        None, "--store", help="link a copy of this analysed store instead of analysing the corpus"
    ),
    linked: Path = typer.Option(None, help="only add --add articles to a copy of this linked store"),
    baseline: str = typer.Option(None, help="with --linked: also add them with this older checkout's src"),
    baseline_linked: Path = typer.Option(None, help="the store the baseline linked (default: --linked)"),
    rounds: int = typer.Option(4, help="with --baseline: turns each side takes"),
) -> None:
    from marsad.analyze import analyze_inputs
    from marsad.model import ReadProblem
    from marsad.paths import shared_path
    from marsad.sources import iter_inputs
    from marsad.store.db import Store

    console = Console()
    folder = data or shared_path("data", "news", "saudinewsnet")
    zips = sorted(str(p) for p in folder.glob("*.zip"))
    if not zips:
        console.print(f"[red]{folder}: no SaudiNewsNet zips found[/red]")
        raise typer.Exit(2)
    held: list[Any] = []
    if linked is not None:
        for path in (linked, baseline_linked):
            if path is not None and not path.is_file():
                console.print(f"[red]{path}: no such store[/red]")
                raise typer.Exit(2)
        _compare_adding(console, linked, baseline, baseline_linked or linked, add, rounds)
        return
    if store_file is not None:
        if not store_file.is_file():
            console.print(f"[red]{store_file}: no such store[/red]")
            raise typer.Exit(2)
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "bench.db")
            _unlinked_copy(store_file, db)
            store = Store.open(db)
            for item in iter_inputs(zips):
                if len(held) >= add:
                    break
                if not isinstance(item, ReadProblem) and store.input_fingerprint(item.origin) is None:
                    held.append(item)
            store.close()
            console.print(f"linking a copy of {store_file}; adding {len(held)} articles it does not hold")
            linked = _in_process(_phase_link, db, batch)
            added = _in_process(_phase_add, db, held)
        _report(console, linked, added, batch)
        return
    with tempfile.TemporaryDirectory() as tmp:
        # The last day's articles, less the held-back ones, go in as JSON Lines so that the
        # whole corpus but the held-back articles is in the store before they are added.
        rest = Path(tmp) / "last-day.jsonl"
        with rest.open("w", encoding="utf-8") as fh:
            for item in iter_inputs(zips[-1:]):
                if isinstance(item, ReadProblem):
                    continue
                if len(held) < add:
                    held.append(item)
                    continue
                record = {
                    "title": item.title,
                    "content": item.text,
                    "url": item.url,
                    "date": item.published,
                    "source": item.source,
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        db = str(Path(tmp) / "bench.db")
        if analyzed is not None and analyzed.exists():
            shutil.copyfile(analyzed, db)
            console.print(f"reusing the analyzed store {analyzed}")
        else:
            store = Store.open(db)
            started = time.perf_counter()
            summary = analyze_inputs([*zips[:-1], str(rest)], store, link=False, limit=limit)
            analyze_seconds = time.perf_counter() - started
            store.close()
            console.print(f"analyzed {summary.stored} articles in {analyze_seconds:.0f} s (linking off)")
            if analyzed is not None:
                shutil.copyfile(db, analyzed)
        linked = _in_process(_phase_link, db, batch)
        added = _in_process(_phase_add, db, held)
    _report(console, linked, added, batch)


def _report(console: Console, linked: dict[str, Any], added: dict[str, Any], batch: int) -> None:
    table = Table(title=f"Linking {linked['articles']:,} SaudiNewsNet articles (batches of {batch})")
    table.add_column("linker")
    table.add_column("whole corpus, s", justify="right")
    table.add_column("share", justify="right")
    table.add_column("one new article, median ms", justify="right")
    table.add_column("p95 ms", justify="right")
    for name, seconds in linked["per_linker"].items():
        ms = sorted(added["per_linker_ms"].get(name, [0.0]))
        table.add_row(
            name,
            f"{seconds:.1f}",
            f"{seconds / max(linked['seconds'], 1e-9):.0%}",
            f"{statistics.median(ms):.1f}",
            f"{ms[int(0.95 * (len(ms) - 1))]:.1f}",
        )
    table.add_row(
        "all linkers",
        f"{linked['seconds']:.1f}",
        "100%",
        f"{statistics.median([sum(x) for x in zip(*added['per_linker_ms'].values(), strict=True)]):.1f}",
        "",
    )
    console.print(table)
    rate = linked["articles"] / max(linked["seconds"], 1e-9)
    console.print(
        f"linking: {rate:,.0f} articles/s, peak memory growth {linked['peak_mb']:.0f} MB; "
        f"per-article analysis of the added ones: median {statistics.median(added['analyze_ms']):.0f} ms "
        f"(baseline for the linking cost above)"
    )
    console.print("store after linking: " + ", ".join(f"{k} {v:,}" for k, v in linked["counts"].items()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--add-worker"]:
        print(json.dumps(_add_to_copy(Path(sys.argv[2]), Path(sys.argv[3]))))
        sys.exit(0)
    sys.exit(typer.run(main))
