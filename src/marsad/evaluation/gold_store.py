"""The analysed scratch store that the event/story/role gold is scored on.

Every article of the gold days (``resources/eval/events_gold.jsonl`` names them) is
analysed and linked together with the bundled seeds, so unlabelled articles of the same days
can chain labelled ones into one story: the scores see that.

Two caches, so that tuning the linkers does not re-analyse ~4,000 articles (half an hour):

- the *analysed* store, keyed by the code analysis depends on (every package file except
  the evaluation code and data, the web app, the CLI and the linkers that run after
  ``actors``), holds the articles, their annotations and what the first linkers (dedup,
  actors) wrote while they were stored;
- the *linked* store, keyed additionally by the code of the later linkers (events, stories,
  claims), is a copy of the analysed store with those linkers' records cleared and the
  linkers run again over every article, batch by batch in the order the articles were
  stored (the analysed store records its batch boundaries).

A second run with unchanged code only reads the linked cache.
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
from typing import TYPE_CHECKING

from marsad.paths import PACKAGE_DIR, examples_dir, shared_path

if TYPE_CHECKING:
    from marsad.store.db import Store

# Evaluation code and labels, the web app (with the Arabic labels only it shows) and the CLI
# do not change what analysis writes.
_NOT_ANALYSIS = ("evaluation/", "resources/eval/", "web/", "arabic/labels.py", "cli.py")
# The linkers the linked copy runs again (after dedup and actors, whose output it keeps:
# the actor linker rewrites mentions in place, so its code belongs to the analysis key).
# The order is that of ``marsad.link.LINKERS``.
RELINKED = ("events", "stories", "claims")
# Files of link/ that only the relinked linkers read: their code keys the linked store. Any
# other file of link/ (the linker list, dedup, actors, a new module) keys the
# analysed store, so that an unknown dependency can only cost a rebuild, never a stale cache.
_LINK_ONLY = frozenset(
    f"link/{name}.py"
    for name in (
        "events",
        "stories",
        "claims",
        "dates",
        "provenance",
        "event_tables",
        "story_tables",
        "claim_tables",
    )
) | frozenset(
    # Arabic knowledge only these linkers read (nothing in annotate/ or the first linkers
    # imports them; ``tests/test_eval_gold_store.py`` checks it).
    f"arabic/{name}.py"
    for name in ("person_names", "incident_counts")
)
_BATCHES_STATE = "eval_batches"  # the analysed store's batch boundaries (article ids per batch)
_ORIGIN = re.compile(r"(\d{4}-\d{2}-\d{2})\.zip!\1\.json#(\d+)$")


def _is_link_only(relative: str) -> bool:
    return relative in _LINK_ONLY


def _package_files() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(PACKAGE_DIR).as_posix(), path)
        for path in sorted(PACKAGE_DIR.rglob("*"))
        if path.is_file() and "__pycache__" not in path.as_posix()
    ]


def _digest(files: list[tuple[str, Path]]) -> str:
    digest = hashlib.sha1()
    for relative, path in files:
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def analysis_key() -> str:
    """A hash of every package file that analysis (and the dedup and actor linkers) may
    depend on."""
    return _digest(
        [
            (relative, path)
            for relative, path in _package_files()
            if not relative.startswith(_NOT_ANALYSIS) and not _is_link_only(relative)
        ]
    )


def link_key() -> str:
    """A hash of the relinked linkers' code."""
    return _digest([(relative, path) for relative, path in _package_files() if _is_link_only(relative)])


def code_key() -> str:
    """A hash of every package file the linked store depends on."""
    return f"{analysis_key()}{link_key()}"


def cache_dir() -> Path:
    """$MARSAD_EVAL_CACHE, or ~/.cache/marsad/eval."""
    configured = os.environ.get("MARSAD_EVAL_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "marsad" / "eval"


def day_archive(day: str) -> Path:
    return shared_path("data", "news", "saudinewsnet", f"{day}.zip")


def inputs_for(days: list[str]) -> list[str]:
    """The seeds folder and one SaudiNewsNet archive per day."""
    return [str(examples_dir() / "seeds"), *(str(day_archive(day)) for day in days)]


def _name(days: list[str], profile: str, kind: str, code: str) -> Path:
    key = hashlib.sha1(f"{code}|{profile}|{','.join(sorted(days))}".encode()).hexdigest()[:16]
    return cache_dir() / f"gold-{'_'.join(sorted(days))}-{profile}-{kind}-{key}.db"


def analysed_path(days: list[str], profile: str) -> Path:
    return _name(days, profile, "analysed", analysis_key())


def store_path(days: list[str], profile: str) -> Path:
    """The linked store: what ``eval coref`` scores."""
    return _name(days, profile, "linked", code_key())


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
    """The linked store of the seeds and every article of ``days``: read from the cache,
    else linked again from the cached analysed store, else analysed first.

    ``rebuild`` analyses again. An interrupted analysis leaves a ``.partial`` file that the
    next call resumes (analysis skips what is stored); finished stores are renamed into
    place, so a cache hit is always whole.
    """
    final = store_path(days, profile)
    if final.exists() and not rebuild:
        return BuiltStore(final, cached=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    analysed = analysed_path(days, profile)
    # Worktrees at the same code share one cache entry: the second build waits for the first.
    with analysed.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if rebuild or not analysed.exists():
            _analyse(analysed, days, profile, jobs, rebuild, on_progress)
    with final.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if final.exists() and not rebuild:
            return BuiltStore(final, cached=True)
        relink(analysed, final)
    return BuiltStore(final, cached=False)


def _analyse(
    final: Path,
    days: list[str],
    profile: str,
    jobs: int,
    rebuild: bool,
    on_progress: Callable[[int, int], None] | None,
) -> None:
    from marsad.analyze import Summary, analyze_inputs
    from marsad.store.db import Store

    partial = final.with_suffix(".partial")
    if rebuild:
        for stale in (final, partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            stale.unlink(missing_ok=True)
    total = _count_records(days) + len(list((examples_dir() / "seeds").glob("*.txt")))
    batches: list[list[str]] = []

    def progress(summary: Summary) -> None:
        # Called after each batch: the ids stored since the last call are that batch.
        done = sum(map(len, batches))
        if len(summary.stored_ids) > done:
            batches.append(list(summary.stored_ids[done:]))
        if on_progress is not None:
            on_progress(summary.stored + summary.skipped + summary.errors, total)

    with Store.open(partial) as store:
        recorded = store.load_state(_BATCHES_STATE) or []
        analyze_inputs(inputs_for(days), store, profile=profile, jobs=jobs, on_progress=progress)
        store.save_state(_BATCHES_STATE, [*recorded, *batches])
    _fold_and_rename(partial, final)


def _fold_and_rename(partial: Path, final: Path) -> None:
    # Fold the write-ahead log into the file before renaming it: the cache is one file.
    conn = sqlite3.connect(partial)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    os.replace(partial, final)


def stored_batches(store: Store) -> list[list[str]]:
    """The store's articles in the batches they were stored in, in order. Articles the
    recorded boundaries do not cover (a store analysed before they were kept, or by an
    interrupted run) come first, in first-seen order, in batches of the analysis' size."""
    import inspect

    from marsad.analyze import analyze_inputs

    size: int = inspect.signature(analyze_inputs).parameters["batch_size"].default
    recorded: list[list[str]] = store.load_state(_BATCHES_STATE) or []
    covered = {article for batch in recorded for article in batch}
    rest = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY seq") if r[0] not in covered]
    return [rest[i : i + size] for i in range(0, len(rest), size)] + recorded


def relink(analysed: Path, final: Path) -> None:
    """Copy ``analysed`` to ``final`` with the records of the ``RELINKED`` linkers cleared
    and those linkers run again over every article, one at a time in stored order, one
    transaction per stored batch (what an analysis run does)."""
    from marsad.link import LINKERS, load_linker, tables_of
    from marsad.store.db import Store

    partial = final.with_suffix(".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{analysed.as_posix()}?mode=ro", uri=True)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    linkers = [load_linker(spec) for name, spec in LINKERS if name in RELINKED]
    with Store.open(partial) as store:
        with store.batch():
            for table in tables_of(RELINKED):
                store.conn.execute(f"DELETE FROM {table}")
            store.conn.execute("UPDATE articles SET story = NULL")
        for batch in stored_batches(store):
            with store.batch():
                # one article at a time in stored order, as ``marsad.link.run_linkers`` links
                for article in batch:
                    for linker in linkers:
                        linker(store, [article])
    _fold_and_rename(partial, final)


def _count_records(days: list[str]) -> int:
    import json
    import zipfile

    total = 0
    for day in days:
        with zipfile.ZipFile(day_archive(day)) as archive:
            total += len(json.loads(archive.read(archive.namelist()[0])))
    return total
