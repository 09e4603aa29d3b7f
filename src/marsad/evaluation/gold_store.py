"""The analysed scratch store that the event/story/role gold is scored on.

Every article of the gold days (``resources/eval/events_gold.jsonl`` names them) is
analysed and linked together with the bundled seeds, so unlabelled articles of the same days
can chain labelled ones into one story: the scores see that. Analysis of ~4,000 articles
takes minutes, so the store is cached on disk under a key made of the code that produces it
(every file of the package except the evaluation code and the evaluation data), the days and
the profile: a second run with unchanged code only reads the cache.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from marsad.paths import PACKAGE_DIR, examples_dir, shared_path

# Evaluation code and labels do not change what analysis writes: editing them keeps the cache.
_NOT_ANALYSIS = ("evaluation/", "resources/eval/")
_ORIGIN = re.compile(r"(\d{4}-\d{2}-\d{2})\.zip!\1\.json#(\d+)$")


def code_key() -> str:
    """A hash of every package file that analysis may depend on."""
    digest = hashlib.sha1()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR).as_posix()
        if not path.is_file() or "__pycache__" in relative or relative.startswith(_NOT_ANALYSIS):
            continue
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """$MARSAD_EVAL_CACHE, or ~/.cache/marsad/eval."""
    configured = os.environ.get("MARSAD_EVAL_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "marsad" / "eval"


def day_archive(day: str) -> Path:
    return shared_path("data", "news", "saudinewsnet", f"{day}.zip")


def inputs_for(days: list[str]) -> list[str]:
    """The seeds folder and one SaudiNewsNet archive per day."""
    return [str(examples_dir() / "seeds"), *(str(day_archive(day)) for day in days)]


def store_path(days: list[str], profile: str) -> Path:
    key = hashlib.sha1(f"{code_key()}|{profile}|{','.join(sorted(days))}".encode()).hexdigest()[:16]
    return cache_dir() / f"gold-{'_'.join(sorted(days))}-{profile}-{key}.db"


def origin_ref(origin: str) -> str | None:
    """``day#index`` (0-based position in the day's file) for a SaudiNewsNet origin, the seed's
    stem (``seed:000_...``) for a seed, else None."""
    match = _ORIGIN.search(origin)
    if match:
        return f"{match.group(1)}#{int(match.group(2)) - 1}"
    name = Path(origin).name
    if name.endswith(".txt") and "seeds" in origin:
        return f"seed:{name[: -len('.txt')]}"
    return None


@dataclass(frozen=True, slots=True)
class BuiltStore:
    path: Path
    cached: bool


def build_store(
    days: list[str],
    *,
    profile: str = "fast",
    jobs: int = 1,
    rebuild: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> BuiltStore:
    """Analyse (or reuse from the cache) the seeds and every article of ``days`` into one store.

    An interrupted build leaves a ``.partial`` file that the next call resumes (analysis skips
    what is stored); the finished store is renamed into place, so a cache hit is always whole.
    """
    final = store_path(days, profile)
    if final.exists() and not rebuild:
        return BuiltStore(final, cached=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    # Worktrees at the same code share one cache entry: the second build waits for the first.
    with final.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if final.exists() and not rebuild:
            return BuiltStore(final, cached=True)
        return _build(final, days, profile, jobs, rebuild, on_progress)


def _build(
    final: Path,
    days: list[str],
    profile: str,
    jobs: int,
    rebuild: bool,
    on_progress: Callable[[int, int], None] | None,
) -> BuiltStore:
    from marsad.analyze import Summary, analyze_inputs
    from marsad.store.db import Store

    partial = final.with_suffix(".partial")
    if rebuild:
        for stale in (final, partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            stale.unlink(missing_ok=True)
    total = _count_records(days) + len(list((examples_dir() / "seeds").glob("*.txt")))

    def progress(summary: Summary) -> None:
        if on_progress is not None:
            on_progress(summary.stored + summary.skipped + summary.errors, total)

    with Store.open(partial) as store:
        analyze_inputs(inputs_for(days), store, profile=profile, jobs=jobs, on_progress=progress)
    # Fold the write-ahead log into the file before renaming it: the cache is one file.
    conn = sqlite3.connect(partial)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    os.replace(partial, final)
    return BuiltStore(final, cached=False)


def _count_records(days: list[str]) -> int:
    import json
    import zipfile

    total = 0
    for day in days:
        with zipfile.ZipFile(day_archive(day)) as archive:
            total += len(json.loads(archive.read(archive.namelist()[0])))
    return total
