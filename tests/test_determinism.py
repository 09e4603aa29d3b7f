"""The same inputs give byte-identical exports whatever the hash seed, batch size, --jobs,
an interruption (kill -9 after the first batch, then resume) or the order files were
written into a folder. Runs are real `marsad analyze` processes."""

from __future__ import annotations

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

from marsad.paths import examples_dir
from marsad_runs import SRC, exported, marsad, stored_articles


def analyze(inputs: Path, db: Path, *options: str, hash_seed: str = "0") -> None:
    done = marsad("analyze", str(inputs), "--db", str(db), *options, hash_seed=hash_seed)
    assert done.returncode in (0, 3), done.stderr[-2000:]


def killed_after_first_batch(inputs: Path, db: Path, batch: int) -> None:
    """Start a run and kill -9 it once its first batch is committed."""
    env = {**os.environ, "PYTHONPATH": SRC, "PYTHONHASHSEED": "0"}
    args = [
        sys.executable,
        "-m",
        "marsad.cli",
        "analyze",
        str(inputs),
        "--db",
        str(db),
        "--batch",
        str(batch),
    ]
    # its own session, so that kill -9 also reaches its pool workers (left alone they would
    # wait forever on a queue whose writer died)
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 900
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if stored_articles(db) >= batch:
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        proc.wait(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run ended before it could be killed")


def first_difference(a: bytes, b: bytes) -> str:
    for left, right in zip(a.splitlines(), b.splitlines(), strict=False):
        if left != right:
            return f"\n  {left[:300]!r}\n  {right[:300]!r}"
    return f"lengths {len(a)} vs {len(b)}"


VARIANTS = [
    pytest.param("hash-seed", id="PYTHONHASHSEED"),
    pytest.param("jobs", id="jobs-2"),
    pytest.param("batch", id="small-batch"),
    pytest.param("resume", id="killed-and-resumed"),
]


def run_variant(variant: str, inputs: Path, db: Path, small_batch: int) -> None:
    if variant == "hash-seed":
        analyze(inputs, db, hash_seed="12345")
    elif variant == "jobs":
        analyze(inputs, db, "--jobs", "2")
    elif variant == "batch":
        analyze(inputs, db, "--batch", str(small_batch))
    else:
        killed_after_first_batch(inputs, db, small_batch)
        analyze(inputs, db, "--batch", str(small_batch))


def assert_same_export(variant: str, inputs: Path, baseline: bytes, tmp: Path, small_batch: int) -> None:
    db = tmp / f"{variant}.db"
    run_variant(variant, inputs, db, small_batch)
    got = exported(db)
    assert got == baseline, (
        f"{variant}: export differs from the baseline run: {first_difference(baseline, got)}"
    )


@pytest.fixture(scope="module")
def seeds_baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    tmp = tmp_path_factory.mktemp("seeds-baseline")
    inputs = tmp / "seeds"
    shutil.copytree(examples_dir() / "seeds", inputs)
    analyze(inputs, tmp / "base.db")
    return inputs, exported(tmp / "base.db")


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS)
def test_seeds_export_is_byte_identical(variant: str, seeds_baseline, tmp_path: Path) -> None:
    inputs, baseline = seeds_baseline
    assert baseline.count(b"\n") > 100
    assert_same_export(variant, inputs, baseline, tmp_path, small_batch=2)


@pytest.mark.slow
def test_file_order_in_a_folder_does_not_matter(tmp_path: Path) -> None:
    seeds = sorted((examples_dir() / "seeds").glob("*.txt"))
    exports = []
    for order in (seeds, seeds[::-1]):
        inputs = tmp_path / "in"
        shutil.rmtree(inputs, ignore_errors=True)
        inputs.mkdir()
        for path in order:  # written in another order: another directory-listing order
            shutil.copy(path, inputs / path.name)
        db = tmp_path / f"order{len(exports)}.db"
        analyze(inputs, db)
        exports.append(exported(db))
    assert exports[0] == exports[1]


RECORDS = os.environ.get("MARSAD_DETERMINISM_RECORDS", "300")


@pytest.fixture(scope="module")
def saudinewsnet_baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """One SaudiNewsNet day (its first MARSAD_DETERMINISM_RECORDS records, 300 by default;
    ``all`` for the whole zip)."""
    from marsad.paths import shared_dir

    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared data is not beside this checkout")
    source = shared / "data/news/saudinewsnet/2015-07-23.zip"
    tmp = tmp_path_factory.mktemp("snn-baseline")
    inputs = tmp / "day.jsonl"
    with zipfile.ZipFile(source) as archive:
        [member] = archive.namelist()
        records = json.loads(archive.read(member))
    if RECORDS != "all":
        records = records[: int(RECORDS)]
    inputs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    analyze(inputs, tmp / "base.db")
    return inputs, exported(tmp / "base.db")


SAUDINEWSNET_VARIANTS = [
    pytest.param("hash-seed", id="PYTHONHASHSEED"),
    *VARIANTS[1:],
]


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("variant", SAUDINEWSNET_VARIANTS)
def test_saudinewsnet_export_is_byte_identical(variant: str, saudinewsnet_baseline, tmp_path: Path) -> None:
    inputs, baseline = saudinewsnet_baseline
    assert_same_export(variant, inputs, baseline, tmp_path, small_batch=50)


def test_cleaning_does_not_depend_on_batch_or_share_boundaries() -> None:
    """An outlet's repeated line becomes boilerplate at the same article whether the articles
    come in one batch, in batches of 3, or in shares of a pool's batch."""
    from marsad.analyze import _batches, _process_chunk, share_work
    from marsad.clean import BoilerplateIndex
    from marsad.model import RawArticle

    chrome = "نشرة الأفق الاقتصادية الموجزة"
    raws = [
        RawArticle(
            origin=f"day.jsonl#{i}",
            source="outlet",
            text=f"قال الوزير في المؤتمر الصحفي رقم {i} إن المحادثات مستمرة بين الطرفين.\n{chrome}",
        )
        for i in range(12)
    ]

    def texts(batch_size: int, shares: int) -> list[str]:
        index, out = BoilerplateIndex(), []
        for batch in _batches(raws, batch_size):
            for share, start in share_work(batch, shares, index):
                out += [d.article.text for d in _process_chunk((share, "fast", start, 0))]  # type: ignore[union-attr]
        return out

    straight = texts(12, 1)
    assert chrome in straight[0] and chrome not in straight[-1]  # learnt along the way
    assert texts(3, 1) == straight
    assert texts(12, 3) == straight
    assert texts(5, 2) == straight
