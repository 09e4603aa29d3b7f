"""The single writer (storing and linking, one process) with and without the story vectors the
workers compute, on the same analysed articles, in one process, and whether the stores match.

    PYTHONPATH=src python benchmarks/single_writer.py [--limit 120] [--batch 50] [--rounds 2]

Analyses the first ``--limit`` SaudiNewsNet articles once (fast profile, with
``link.stories.prepare`` as a linking run's workers do), then stores and links them into fresh
stores, ``--rounds`` times each way, alternating: with the prepared vectors, and with them
removed (the stories linker embeds, as it did before). Prints CPU milliseconds per article of
each (the best round), the ratio, and the SHA-1 of each store's SQL dump (equal: the vectors
change nothing stored).
"""

from __future__ import annotations

import copy
import hashlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from marsad.analyze import Run, Summary, _process_chunk_to_link, fingerprint
from marsad.clean import BoilerplateIndex
from marsad.model import AnalyzedArticle, RawArticle
from marsad.sources import iter_inputs
from marsad.store.db import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import write_inputs  # the benchmarks folder is not a package


def store_and_link(
    db: Path, raws: list[RawArticle], docs: list[AnalyzedArticle | str], batch: int
) -> tuple[float, str]:
    """(CPU seconds to store and link ``docs``, SHA-1 of the store's SQL dump)."""
    with Store.open(db) as store:
        run = Run([], store, Summary())
        started = time.process_time()
        for i in range(0, len(raws), batch):
            pairs = zip(raws[i : i + batch], docs[i : i + batch], strict=True)
            run.commit(((raw.origin, fingerprint(raw), doc) for raw, doc in pairs), None)
        cpu = time.process_time() - started
    with sqlite3.connect(db) as conn:
        digest = hashlib.sha1("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()
    return cpu, digest


def main(
    limit: Annotated[int, typer.Option(help="SaudiNewsNet articles.")] = 120,
    batch: Annotated[int, typer.Option(help="Articles per transaction.")] = 50,
    rounds: Annotated[int, typer.Option(help="Runs of each way, alternating.")] = 2,
) -> None:
    with tempfile.TemporaryDirectory(prefix="marsad-writer-") as tmp:
        inputs = Path(tmp) / "articles.jsonl"
        write_inputs(limit, inputs)
        raws = [r for r in iter_inputs([str(inputs)]) if isinstance(r, RawArticle)]
        prepared = _process_chunk_to_link((raws, "fast", BoilerplateIndex(), 0.0))
        bare = copy.deepcopy(prepared)
        for doc in bare:
            if not isinstance(doc, str):
                doc.story_vector = None
        store_and_link(Path(tmp) / "warm.db", raws[:10], bare[:10], batch)  # imports and models
        ways = {"the linker embeds (before)": bare, "workers embedded (after)": prepared}
        seen: dict[str, list[tuple[float, str]]] = {label: [] for label in ways}
        for k in range(rounds):
            for label, docs in ways.items():
                seen[label].append(
                    store_and_link(Path(tmp) / f"{k}-{len(seen[label])}-{id(docs)}.db", raws, docs, batch)
                )
        best = {label: min(cpu for cpu, _ in rows) for label, rows in seen.items()}
        for label, rows in seen.items():
            digests = ", ".join(sorted({digest for _, digest in rows}))
            print(f"{label}: {1000 * best[label] / len(raws):.1f} CPU ms/article; store dump SHA-1 {digests}")
        before, after = best.values()
        print(
            f"{len(raws)} articles; the single writer's CPU per article, before / after: {before / after:.2f}"
        )
        if len({digest for rows in seen.values() for _, digest in rows}) != 1:
            print("the stores DIFFER")
            raise typer.Exit(1)


if __name__ == "__main__":
    typer.run(main)
