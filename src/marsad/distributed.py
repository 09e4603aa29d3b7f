"""``marsad analyze --engine ray``: the per-article work on a Ray cluster, linking here.

The driver (this process) reads the inputs in input order, skips what the store holds and
cuts the rest into blocks of ``batch_size`` records, exactly the batches a local run makes.
Reading stays on the driver because the boilerplate index is sequential by nature: each
block carries the index as it stood before its first record (observing is cheap; cleaning
and annotating are not). A Ray Dataset over the blocks (one Ray block each) runs clean +
annotate in ``map_batches`` on a pool of actors (models load once per actor): the fast
profile on CPU actors, the accurate one on GPU actors when the cluster has GPUs. Each
actor returns its block as an analysed-article shard (``marsad.shards``), which the driver
writes into the shard folder with its manifest and links, in input order, with the same
linkers and transactions as a local run, while later blocks are still being analysed.

A killed run resumes: a block whose shard (same inputs, same starting index) is already in
the folder is not analysed again, and shards whose inputs the store holds are skipped.

Ray is imported here only; nothing else in Marsad imports this module unless asked to.
"""

from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.analyze import Run, Summary, _batches, _process_chunk, fingerprint, load_boilerplate
from marsad.model import RawArticle
from marsad.shards import Manifest, ShardRow, block_key, read_shard, shard_bytes, write_shard
from marsad.sources import FieldMap
from marsad.store.db import Store


@dataclass
class Block:
    position: int  # of its first record among this run's new inputs
    raws: list[RawArticle]
    before: dict[str, Any]  # the boilerplate index before its first record
    key: str

    @property
    def inputs(self) -> list[tuple[str, str]]:
        return [(raw.origin, fingerprint(raw)) for raw in self.raws]


def plan(run: Run, batch_size: int) -> list[Block]:
    """The run's blocks in input order (the batches a local run would make)."""
    boilerplate = load_boilerplate(run.store)
    blocks, position = [], 0
    for raws in _batches(run.new_raws(), batch_size):
        before = boilerplate.to_dict()
        for raw in raws:
            boilerplate.observe(raw.source or raw.origin, raw.text)
        block = Block(position, raws, before, "")
        block.key = block_key(block.inputs, before)
        blocks.append(block)
        position += len(raws)
    return blocks


class AnalyseBlocks:
    """The Ray actor's work: each block cleaned and annotated into one shard's bytes."""

    def __init__(self, profile: str, article_seconds: float) -> None:
        self.profile, self.article_seconds = profile, article_seconds

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from marsad.clean import BoilerplateIndex

        keys, shards = [], []
        for key, work in zip(batch["key"], batch["work"], strict=True):
            position, raws, before = pickle.loads(work)
            index = BoilerplateIndex.from_dict(before)
            results = _process_chunk((raws, self.profile, index, self.article_seconds))
            rows = [
                ShardRow(position + i, raw.origin, fingerprint(raw), result)
                for i, (raw, result) in enumerate(zip(raws, results, strict=True))
            ]
            keys.append(key)
            shards.append(shard_bytes(rows, index.to_dict()))  # the index after the block
        return {"key": keys, "shard": shards}


def start_ray(address: str | None, workers: int | None) -> Any:
    """Connect to the cluster at ``address``, or start a local one on 127.0.0.1."""
    import ray
    import ray.data  # the Dataset API, a submodule

    logging.getLogger("ray.data").setLevel(logging.WARNING)  # Marsad shows its own progress
    if not ray.is_initialized():
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.WARNING,
        }
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers, _node_ip_address="127.0.0.1", **options)
    return ray


def _analysed_shards(
    blocks: list[Block], profile: str, article_seconds: float, address: str | None, workers: int | None
) -> Iterator[tuple[str, bytes]]:
    """(key, shard bytes) for each block, in the blocks' order, computed on Ray."""
    if not blocks:
        return
    ray = start_ray(address, workers)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # shards come back in input order
    context.enable_progress_bars = False
    resources = ray.cluster_resources()
    gpus = int(resources.get("GPU", 0))
    if profile == "accurate" and gpus:
        actors, per_actor = gpus, {"num_gpus": 1}
    else:
        actors, per_actor = workers or max(int(resources.get("CPU", 1)), 1), {"num_cpus": 1}
    items = [
        {"key": b.key, "work": pickle.dumps((b.position, b.raws, b.before), protocol=pickle.HIGHEST_PROTOCOL)}
        for b in blocks
    ]
    dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
        AnalyseBlocks,
        fn_constructor_args=(profile, article_seconds),
        batch_size=1,
        concurrency=min(actors, len(items)),
        **per_actor,
    )
    for row in dataset.iter_rows():
        yield row["key"], row["shard"]


def analyze_with_ray(
    inputs: list[str],
    store: Store,
    shards: Path,
    *,
    address: str | None = None,
    workers: int | None = None,
    profile: str = "fast",
    batch_size: int = 200,
    link: bool = True,
    limit: int | None = None,
    fields: FieldMap | None = None,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[Summary], None] | None = None,
    article_seconds: float = 60.0,
    summary: Summary | None = None,
) -> Summary:
    """Analyze ``inputs`` on Ray into analysed-article shards under ``shards`` and link
    them into ``store`` in input order (``link=False``: shards only)."""
    summary = summary if summary is not None else Summary()
    run = Run(
        inputs, store, summary, limit=limit, fields=fields, on_problem=on_problem, on_progress=on_progress
    )
    started = time.perf_counter()
    blocks = plan(run, batch_size)
    done = Manifest.load(shards).by_key()
    todo = [b for b in blocks if b.key not in done]
    computed = _analysed_shards(todo, profile, article_seconds, address, workers)
    for block in blocks:
        if block.key in done:
            path = shards / done[block.key].file
        else:
            key, data = next(computed)
            assert key == block.key, "Ray returned the shards out of order"
            path = shards / write_shard(shards, key, block.inputs, data).file
        if link:
            rows, after = read_shard(path)
            run.commit(((r.origin, r.fingerprint, r.result) for r in rows), after)
    summary.seconds = time.perf_counter() - started
    return summary


def default_shards(db: Path) -> Path:
    """Where shards go when not told: a folder beside the store."""
    return db.with_name(db.name + ".shards")
