"""`marsad analyze --engine ray`, analysed-article shards and `marsad link`.

The Ray runs start a local Ray (2 CPUs, 127.0.0.1, no dashboard) in a real `marsad analyze`
process and compare the export with a local run's, byte for byte."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from marsad.analyze import process
from marsad.clean import BoilerplateIndex
from marsad.model import RawArticle
from marsad.paths import examples_dir, shared_dir
from marsad.shards import (
    ShardError,
    ShardRow,
    analysed_from_json,
    analysed_to_json,
    read_shard,
    shard_bytes,
    write_shard,
)
from marsad_runs import SRC, exported, marsad, stored_articles

BATCH = "6"
# SaudiNewsNet records beside the seeds: 24 by default, ``all`` for the whole 2015-07-23 zip
RECORDS = os.environ.get("MARSAD_RAY_RECORDS", "24")
needs_ray = pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed")


def seed_article() -> RawArticle:
    path = sorted((examples_dir() / "seeds").glob("*.txt"))[0]
    return RawArticle(origin=str(path), text=path.read_text(encoding="utf-8"), source="seeds")


def test_an_analysed_article_survives_its_shard(tmp_path: Path) -> None:
    raw = seed_article()
    index = BoilerplateIndex()
    index.observe("seeds", raw.text)
    doc = process(raw, "fast", index)
    assert doc.mentions and doc.event_mentions
    assert analysed_from_json(analysed_to_json(doc)) == doc
    rows = [ShardRow(0, raw.origin, "f0", doc), ShardRow(1, "x.jsonl#2", "f1", "ValueError: bad")]
    entry = write_shard(
        tmp_path, "k", [(raw.origin, "f0"), ("x.jsonl#2", "f1")], shard_bytes(rows, index.to_dict())
    )
    back, after = read_shard(tmp_path / entry.file)
    assert [r.result for r in back] == [doc, "ValueError: bad"]
    assert after == index.to_dict()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["shards"][0]["inputs"][1] == ["x.jsonl#2", "f1"]


def test_a_file_that_is_not_a_shard_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.parquet"
    bad.write_text("hello")
    with pytest.raises(ShardError, match=r"notes\.parquet"):
        read_shard(bad)
    done = marsad("link", "--db", str(tmp_path / "s.db"), str(bad))
    assert done.returncode == 1 and "notes.parquet" in done.stderr


def test_a_local_run_never_imports_ray(tmp_path: Path) -> None:
    seeds = examples_dir() / "seeds"
    code = (
        "import sys\n"
        "from marsad.cli import app\n"
        "try:\n"
        f"    app(['analyze', {str(seeds)!r}, '--db', {str(tmp_path / 'l.db')!r}, '--jobs', '1'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        "assert 'ray' not in sys.modules, 'ray was imported'\n"
        "print('no ray')\n"
    )
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0 and "no ray" in done.stdout, done.stderr[-2000:]


@pytest.fixture(scope="module")
def inputs_and_baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], bytes, int]:
    """The seeds and, with ../shared, the first MARSAD_RAY_RECORDS records of one SaudiNewsNet
    day; linked by a local run in batches of 6. Also the local run's exit status: 3 when some
    records were reported and left out (the whole zip has records without text), which a Ray
    run must report the same way."""
    tmp = tmp_path_factory.mktemp("ray-baseline")
    seeds = tmp / "seeds"
    shutil.copytree(examples_dir() / "seeds", seeds)
    inputs = [str(seeds)]
    shared = shared_dir()
    if shared is not None:
        with zipfile.ZipFile(shared / "data/news/saudinewsnet/2015-07-23.zip") as archive:
            [member] = archive.namelist()
            records = json.loads(archive.read(member))
        if RECORDS != "all":
            records = records[: int(RECORDS)]
        day = tmp / "day.jsonl"
        day.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        inputs.append(str(day))
    done = marsad("analyze", *inputs, "--db", str(tmp / "local.db"), "--batch", BATCH)
    assert done.returncode in (0, 3), done.stderr[-2000:]
    return inputs, exported(tmp / "local.db"), done.returncode


def ray_analyze(inputs: list[str], db: Path) -> subprocess.CompletedProcess:
    return marsad("analyze", *inputs, "--db", str(db), "--batch", BATCH, "--engine", "ray", "--jobs", "2")


@needs_ray
@pytest.mark.slow
def test_ray_then_link_stores_what_a_local_run_stores(inputs_and_baseline, tmp_path: Path) -> None:
    inputs, baseline, status = inputs_and_baseline
    db = tmp_path / "ray.db"
    done = ray_analyze(inputs, db)
    assert done.returncode == status, done.stderr[-3000:]
    assert exported(db) == baseline
    shards = tmp_path / "ray.db.shards"
    assert len(list(shards.glob("*.parquet"))) >= 2
    # the shards alone, linked into a fresh store by `marsad link`, give the same store
    fresh = tmp_path / "fresh.db"
    done = marsad("link", "--db", str(fresh), str(shards))
    assert done.returncode == 0, done.stderr[-2000:]
    assert exported(fresh) == baseline
    # linking them again stores nothing new
    again = marsad("link", "--db", str(fresh), str(shards))
    assert again.returncode == 0 and exported(fresh) == baseline


@needs_ray
@pytest.mark.slow
def test_a_killed_ray_run_resumes(inputs_and_baseline, tmp_path: Path) -> None:
    inputs, baseline, status = inputs_and_baseline
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": SRC, "PYTHONHASHSEED": "0"}
    args = ["analyze", *inputs, "--db", str(db), "--batch", BATCH, "--engine", "ray", "--jobs", "2"]
    # its own session, so that kill -9 reaches the local Ray it started too
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 900
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if stored_articles(db) >= int(BATCH):  # the first shard is linked
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
    finally:
        proc.wait(timeout=60)
    if proc.returncode in (0, 3):
        pytest.skip("the run ended before it could be killed")
    done = ray_analyze(inputs, db)
    assert done.returncode == status, done.stderr[-3000:]
    assert exported(db) == baseline
