"""Per-article pipeline throughput on SaudiNewsNet (clean + annotate, linking off).

    PYTHONPATH=src python benchmarks/pipeline.py [--limit 2000] [--jobs N] [--accurate 20]
        [--baseline OLD/src]

Prints, from one run over the same articles: the I/O floor (read + parse the zips), the fast
profile with one process and with every available core, articles/s per core (also per
CPU-second, which a machine shared with other work does not distort), words/s, each
annotator's milliseconds per article, peak RSS, and ratios against the I/O floor; with
``--baseline`` (an older checkout's ``src``, e.g. from ``git archive``) the fast profile of
both trees on the same articles, timed alike in fresh interpreters, in all and by stage
(CPU ms per article and the ratio); then the accurate
profile on a small sample, its transformer batched per article and per worker share.
Goal of issue 11: ≥ 200 articles/s per core, fast.
"""

from __future__ import annotations

import glob
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marsad.analyze import _process_chunk, _shares, available_cores
from marsad.annotate.entities import load_tagger
from marsad.annotate.pipeline import build_annotators
from marsad.arabic.sentences import split_sentences
from marsad.clean import BoilerplateIndex, clean_article
from marsad.model import AnalyzedArticle, RawArticle, ReadProblem
from marsad.paths import shared_path
from marsad.sources import iter_inputs


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _read(paths: list[str], limit: int) -> list[RawArticle]:
    raws: list[RawArticle] = []
    for item in iter_inputs(paths):
        if len(raws) >= limit:
            break
        if not isinstance(item, ReadProblem):
            raws.append(item)
    return raws


def _serial(
    raws: list[RawArticle], profile: str, bp: BoilerplateIndex
) -> tuple[float, dict[str, float], int]:
    """One process, timing cleaning and each annotator; (seconds, seconds per stage, words)."""
    annotators = build_annotators(profile)
    stages = {"clean": 0.0, "sentences+document": 0.0, **{a.name: 0.0 for a in annotators}}
    words = 0
    started = time.perf_counter()
    for raw in raws:
        t = time.perf_counter()
        article, flags = clean_article(raw, bp)
        t2 = time.perf_counter()
        stages["clean"] += t2 - t
        doc = AnalyzedArticle(article=article, sentences=split_sentences(article.text), flags=list(flags))
        words += sum(f.is_word for f in doc.document.forms)
        t = time.perf_counter()
        stages["sentences+document"] += t - t2
        for annotator in annotators:
            annotator.annotate(doc)
            t2 = time.perf_counter()
            stages[annotator.name] += t2 - t
            t = t2
    return time.perf_counter() - started, stages, words


def _parallel(raws: list[RawArticle], profile: str, bp: BoilerplateIndex, jobs: int, batch: int) -> float:
    """The analyze loop's pool: batches cut into one share per worker (models load once per
    worker, before the clock starts)."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_process_chunk, [([raws[0]], profile, bp, 0.0)] * jobs))  # load models
        started = time.perf_counter()
        for i in range(0, len(raws), batch):
            work = [(share, profile, bp, 0.0) for share in _shares(raws[i : i + batch], jobs)]
            for part in pool.map(_process_chunk, work):
                assert all(not isinstance(r, str) for r in part), [r for r in part if isinstance(r, str)]
        return time.perf_counter() - started


# The fast profile's serial loop, run in a fresh interpreter on a given source tree: how an
# older checkout (``--baseline``) and this one are timed alike, one after the other. Stages
# are timed in CPU seconds (a machine shared with other work distorts wall time), the same
# way in both trees: cleaning, sentences + document layer, then each annotator.
_SERIAL = """
import json, pickle, sys, time
from marsad.annotate.pipeline import build_annotators
from marsad.arabic.sentences import split_sentences
from marsad.clean import BoilerplateIndex, clean_article
from marsad.model import AnalyzedArticle
raws = pickle.load(open(sys.argv[1], "rb"))
bp = BoilerplateIndex()
for raw in raws:
    bp.observe(raw.source or raw.origin, raw.text)
annotators = build_annotators("fast")
clean_article(raws[0], bp)
stages = {"clean": 0.0, "sentences+document": 0.0, **{a.name: 0.0 for a in annotators}}
wall, cpu = time.perf_counter(), time.process_time()
for raw in raws:
    t = time.process_time()
    article, flags = clean_article(raw, bp)
    t2 = time.process_time()
    stages["clean"] += t2 - t
    doc = AnalyzedArticle(article=article, sentences=split_sentences(article.text), flags=list(flags))
    doc.document
    t = time.process_time()
    stages["sentences+document"] += t - t2
    for annotator in annotators:
        annotator.annotate(doc)
        t2 = time.process_time()
        stages[annotator.name] += t2 - t
        t = t2
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, stages]))
"""


def _serial_in(src: str, raws: list[RawArticle]) -> tuple[float, float, dict[str, float]]:
    """(wall s, CPU s, CPU s per stage) of the fast profile over ``raws`` with the package at ``src``."""
    with tempfile.NamedTemporaryFile(suffix=".pickle") as f:
        pickle.dump(raws, f)
        f.flush()
        done = subprocess.run(
            [sys.executable, "-c", _SERIAL, f.name],
            env={**os.environ, "PYTHONPATH": src},
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise SystemExit(f"{src}: the baseline run failed: {done.stderr.strip().splitlines()[-1:]}")
    wall, cpu, stages = json.loads(done.stdout.strip().splitlines()[-1])
    return float(wall), float(cpu), stages


def _compare(console: Console, raws: list[RawArticle], baseline: str) -> None:
    here = str(Path(__file__).resolve().parents[1] / "src")
    before = _serial_in(baseline, raws)
    after = _serial_in(here, raws)
    n = len(raws)
    table = Table(title=f"Fast profile, --jobs 1, {n} articles: before ({baseline}) and after (this tree)")
    for col in ("tree", "wall s", "CPU s", "articles per CPU-second (per core)", "× before (CPU)"):
        table.add_column(col, justify="right" if col != "tree" else "left")
    for label, (wall, cpu, _stages) in (("before", before), ("after", after)):
        table.add_row(label, f"{wall:.1f}", f"{cpu:.1f}", f"{n / cpu:.1f}", f"{before[1] / cpu:.2f}")
    console.print(table)
    stages = Table(title="CPU milliseconds per article by stage, before and after")
    for col in ("stage", "before", "after", "× before"):
        stages.add_column(col, justify="right" if col != "stage" else "left")
    for name in sorted(before[2].keys() | after[2].keys(), key=lambda k: -before[2].get(k, 0.0)):
        old, new = before[2].get(name), after[2].get(name)
        stages.add_row(
            name,
            f"{1000 * old / n:.2f}" if old is not None else "—",
            f"{1000 * new / n:.2f}" if new is not None else "—",
            f"{old / new:.2f}" if old and new else "—",
        )
    console.print(stages)


def main(
    limit: Annotated[int, typer.Option(help="SaudiNewsNet articles to read.")] = 2000,
    jobs: Annotated[int | None, typer.Option(help="Processes for the parallel run (default: cores).")] = None,
    batch: Annotated[int, typer.Option(help="Articles per batch in the parallel run.")] = 200,
    accurate: Annotated[int, typer.Option(help="Articles for the accurate profile (0: skip).")] = 20,
    baseline: Annotated[
        str | None, typer.Option(help="An older checkout's src folder: time its fast profile too.")
    ] = None,
) -> None:
    console = Console()
    paths = sorted(glob.glob(str(shared_path("data", "news", "saudinewsnet", "*.zip"))))
    cores = jobs or available_cores()

    started = time.perf_counter()
    raws = _read(paths, limit)
    io_s = time.perf_counter() - started
    n = len(raws)
    bp = BoilerplateIndex()
    for raw in raws:
        bp.observe(raw.source or raw.origin, raw.text)

    build_annotators("fast")  # model loading is not per-article work
    clean_article(raws[0], bp)  # nor is loading the language identifier
    cpu = time.process_time()
    serial_s, stages, words = _serial(raws, "fast", bp)
    serial_cpu = time.process_time() - cpu
    parallel_s = _parallel(raws, "fast", bp, cores, batch) if cores > 1 else serial_s

    table = Table(title=f"Pipeline on {n} SaudiNewsNet articles ({words:,} words), linking off")
    for col in ("run", "seconds", "articles/s", "articles/s per core", "words/s", "× I/O floor time"):
        table.add_column(col, justify="right" if col != "run" else "left")
    table.add_row("I/O floor (read + parse)", f"{io_s:.2f}", f"{n / io_s:,.0f}", "", "", "1.0")
    for label, seconds, used in (
        ("fast, --jobs 1", serial_s, 1),
        (f"fast, --jobs {cores}", parallel_s, cores),
    ):
        table.add_row(
            label,
            f"{seconds:.2f}",
            f"{n / seconds:,.1f}",
            f"{n / seconds / used:,.1f}",
            f"{words / seconds:,.0f}",
            f"{seconds / io_s:,.0f}",
        )
    table.add_row(
        "fast, --jobs 1, CPU time",
        f"{serial_cpu:.2f}",
        f"{n / serial_cpu:,.1f}",
        f"{n / serial_cpu:,.1f}",
        f"{words / serial_cpu:,.0f}",
        f"{serial_cpu / io_s:,.0f}",
    )
    console.print(table)

    stage_table = Table(title="Fast profile, --jobs 1: milliseconds per article by stage")
    stage_table.add_column("stage")
    stage_table.add_column("ms/article", justify="right")
    stage_table.add_column("share", justify="right")
    total = sum(stages.values())
    for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        stage_table.add_row(name, f"{1000 * seconds / n:.2f}", f"{100 * seconds / total:.1f}%")
    console.print(stage_table)
    console.print(
        f"peak RSS: this process {_peak_mb(resource.RUSAGE_SELF):,.0f} MB, "
        f"largest worker {_peak_mb(resource.RUSAGE_CHILDREN):,.0f} MB"
    )

    if baseline:
        _compare(console, raws, baseline)
    if accurate:
        _accurate(console, raws[:accurate], bp)


def _accurate(console: Console, sample: list[RawArticle], bp: BoilerplateIndex) -> None:
    """The accurate profile, one process: its transformer run article by article (as before
    share batching) and over the whole share at once (as a worker runs it now); the same
    articles, in this process, with the outputs compared. CPU time counts every thread."""
    build_annotators("accurate")
    _process_chunk(([sample[0]], "accurate", bp, 0.0))  # load the model before the clock
    tagger = load_tagger("accurate")

    def one_by_one() -> list[AnalyzedArticle | str]:
        out: list[AnalyzedArticle | str] = []
        for raw in sample:
            tagger._ready = {}  # type: ignore[union-attr]  # nothing prefetched: as before
            out.extend(_process_chunk(([raw], "accurate", bp, 0.0)))
        return out

    def whole_share() -> list[AnalyzedArticle | str]:
        return _process_chunk((sample, "accurate", bp, 0.0))

    rows, results = [], []
    for label, run in (("per article (before)", one_by_one), ("across the worker's share", whole_share)):
        started, cpu = time.perf_counter(), time.process_time()
        results.append(run())
        rows.append((label, time.perf_counter() - started, time.process_time() - cpu))
    same = sum(a == b for a, b in zip(*results, strict=True))
    table = Table(title=f"Accurate profile, --jobs 1, {len(sample)} articles ({_providers()})")
    for col in ("transformer windows batched", "seconds", "articles/s", "CPU s", "× before (wall, CPU)"):
        table.add_column(col, justify="right" if col != "transformer windows batched" else "left")
    for label, seconds, cpu in rows:
        table.add_row(
            label,
            f"{seconds:.1f}",
            f"{len(sample) / seconds:.2f}",
            f"{cpu:.1f}",
            f"{rows[0][1] / seconds:.2f}, {rows[0][2] / cpu:.2f}",
        )
    console.print(table)
    console.print(f"identical analysed articles: {same} of {len(sample)}")


def _providers() -> str:
    import onnxruntime as ort

    return ", ".join(p for p in ort.get_available_providers() if p != "AzureExecutionProvider")


if __name__ == "__main__":
    typer.run(main)
