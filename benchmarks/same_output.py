"""Do speed changes keep the output? Snapshot the analysed articles, then compare.

    PYTHONPATH=src python benchmarks/same_output.py snapshot /tmp/before.jsonl [--limit 200]
    ... change the code ...
    PYTHONPATH=src python benchmarks/same_output.py compare /tmp/before.jsonl [--limit 200]

Runs the seeds and ``--limit`` SaudiNewsNet articles (every ``--stride``-th of the first
zips, so several days and outlets) through ``analyze.process`` (cleaning + every annotator of
the profile) and writes each analysed article as one canonical JSON line (sorted keys, every
record in order). ``compare`` recomputes and reports the first differing records per
article; exit status 1 when anything differs. The records are exactly what the store and the
export are built from, so identical lines mean an identical export (linking reads nothing
else).
"""

from __future__ import annotations

import dataclasses
import glob
import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from marsad.analyze import process
from marsad.clean import BoilerplateIndex
from marsad.model import RawArticle, ReadProblem
from marsad.paths import examples_dir, shared_path
from marsad.sources import iter_inputs

app = typer.Typer(add_completion=False)


def _raws(limit: int, stride: int) -> list[RawArticle]:
    raws = [r for r in iter_inputs([str(examples_dir() / "seeds")]) if not isinstance(r, ReadProblem)]
    paths = sorted(glob.glob(str(shared_path("data", "news", "saudinewsnet", "*.zip"))))
    taken = 0
    for k, item in enumerate(iter_inputs(paths)):
        if taken >= limit:
            break
        if not isinstance(item, ReadProblem) and k % stride == 0:
            raws.append(item)
            taken += 1
    return raws


def _lines(profile: str, limit: int, stride: int) -> list[str]:
    raws = _raws(limit, stride)
    bp = BoilerplateIndex()
    for raw in raws:
        bp.observe(raw.source or raw.origin, raw.text)
    out = []
    started = time.perf_counter()
    for raw in raws:
        doc = process(raw, profile, bp)
        record = dataclasses.asdict(doc)
        record.pop("layer", None)
        record.pop("story_vector", None)
        out.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    seconds = time.perf_counter() - started
    print(f"{len(raws)} articles ({profile}) in {seconds:.1f} s", file=sys.stderr)
    return out


@app.command()
def snapshot(
    path: Path,
    limit: Annotated[int, typer.Option(help="SaudiNewsNet articles.")] = 200,
    stride: Annotated[int, typer.Option(help="Take every n-th SaudiNewsNet article.")] = 7,
    profile: str = "fast",
) -> None:
    path.write_text("\n".join(_lines(profile, limit, stride)) + "\n", encoding="utf-8")


@app.command()
def compare(
    path: Path,
    limit: Annotated[int, typer.Option(help="SaudiNewsNet articles.")] = 200,
    stride: Annotated[int, typer.Option(help="Take every n-th SaudiNewsNet article.")] = 7,
    profile: str = "fast",
    show: Annotated[int, typer.Option(help="Differing articles to detail.")] = 5,
) -> None:
    before = path.read_text(encoding="utf-8").splitlines()
    after = _lines(profile, limit, stride)
    if len(before) != len(after):
        print(f"different article counts: {len(before)} before, {len(after)} after")
        raise typer.Exit(1)
    differing = [k for k, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    for k in differing[:show]:
        old, new = json.loads(before[k]), json.loads(after[k])
        print(f"article {old['article']['id']}:")
        for key in sorted(old):
            if old[key] == new.get(key):
                continue
            olds, news = old[key], new.get(key)
            if isinstance(olds, list) and isinstance(news, list):
                gone = [r for r in olds if r not in news]
                added = [r for r in news if r not in olds]
                print(f"  {key}: {len(olds)} → {len(news)}; only before: {gone[:3]}; only after: {added[:3]}")
            else:
                print(f"  {key}: differs")
    print(f"{len(after)} articles, {len(differing)} differ")
    if differing:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
