"""The main job: read → clean → annotate → store in batches → link.

Reading and storing happen here, in one process; the per-article function (clean and
annotate) is pure and may run in a process pool (``jobs > 1``). Each batch is one
transaction: its articles, their input records, the boilerplate index state and the
linkers' output are committed together, so an interrupted run leaves whole batches only
and the next run skips every input whose origin and fingerprint are already recorded.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from marsad.annotate.pipeline import annotate
from marsad.arabic.sentences import split_sentences
from marsad.clean import BoilerplateIndex, clean_article
from marsad.link import run_linkers
from marsad.model import AnalyzedArticle, RawArticle, ReadProblem
from marsad.sources import FieldMap, iter_inputs
from marsad.store.db import Store

BOILERPLATE_STATE = "boilerplate"
# The boilerplate index decides what the cleaner removes, so it is state that affects results:
# it is saved in every batch's transaction (STATE_EVERY = 1), so a killed and resumed run
# cleans later articles exactly as a straight run does. The cost is small next to a batch
# (one SaudiNewsNet day of 2,972 records: 0.66 MB of JSON, 0.05 s to serialize).
STATE_EVERY = 1
# Seconds one article may take to clean and annotate before it is recorded as failed.
DEFAULT_ARTICLE_SECONDS = 60.0


@dataclass
class Summary:
    inputs: int = 0  # paths/URLs given
    read: int = 0  # raw articles read
    stored: int = 0  # analyzed and written this run
    skipped: int = 0  # already stored by an earlier run
    exact_duplicates: int = 0
    near_duplicates: int = 0
    non_arabic: int = 0
    errors: int = 0  # read problems and articles that failed to analyze
    kept: int = 0  # stored in batches already committed (what an interruption keeps)
    stored_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def rows(self) -> list[tuple[str, int]]:
        return [
            ("inputs", self.inputs),
            ("articles read", self.read),
            ("stored", self.stored),
            ("already stored (skipped)", self.skipped),
            ("exact duplicates", self.exact_duplicates),
            ("near duplicates", self.near_duplicates),
            ("non-Arabic", self.non_arabic),
            ("errors", self.errors),
        ]


def fingerprint(raw: RawArticle) -> str:
    """What must match for an input to count as already stored."""
    parts = [raw.text, raw.title or "", raw.url or "", raw.published or "", raw.source or ""]
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


# Below this many articles in a batch a process pool costs more than it saves: each worker
# loads the annotators' models before its first article.
MIN_POOL_BATCH = 16


def available_cores() -> int:
    """The cores this process may run on (its affinity mask, not the machine's count)."""
    count = getattr(os, "process_cpu_count", None)  # Python ≥ 3.13
    if count is not None:
        return count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def process(raw: RawArticle, profile: str, boilerplate: BoilerplateIndex | None) -> AnalyzedArticle:
    """The per-article function (picklable, for the process pool)."""
    article, flags = clean_article(raw, boilerplate)
    doc = annotate(article, flags, profile)
    doc.layer = None  # derived from the text: not worth sending back from a worker
    return doc


class ArticleTimeout(Exception):
    """An article took longer than its time budget."""


def _on_alarm(_signum: int, _frame: object) -> None:
    raise ArticleTimeout


def _process_safely(
    raw: RawArticle, profile: str, boilerplate: BoilerplateIndex | None, budget: float
) -> AnalyzedArticle | str:
    """``process``, with its failure as a one-line reason. With a budget (seconds, 0 for
    none) a SIGALRM timer interrupts an article that runs past it; pool workers run tasks on
    their main thread, so the budget holds with ``--jobs`` too. (A timer cannot interrupt
    one long call into C; the bounded regexes and input caps keep those short.)"""
    timed = budget > 0 and threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return process(raw, profile, boilerplate)
    except ArticleTimeout:
        return f"took longer than {budget:g} s (the per-article time budget): skipped"
    except RecursionError:
        return "nested too deep to analyze"
    except Exception as exc:  # one bad article must not stop a corpus run
        return f"{type(exc).__name__}: {exc}"
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _process_chunk(
    args: tuple[list[RawArticle], str, BoilerplateIndex | None, float],
) -> list[AnalyzedArticle | str]:
    """One worker's share of a batch: the boilerplate index travels once per share, not
    once per article."""
    raws, profile, boilerplate, budget = args
    if profile == "accurate" and len(raws) > 1:
        _prefetch_transformer(raws, boilerplate)
    return [_process_safely(raw, profile, boilerplate, budget) for raw in raws]


def _prefetch_transformer(raws: list[RawArticle], boilerplate: BoilerplateIndex | None) -> None:
    """The accurate profile's transformer over the sentences of a whole share in one batched
    pass (full batches sorted by length, one ONNX Runtime call each, on the GPU when there is
    one), before the articles are annotated one by one. Cleaning is repeated per article
    afterwards (milliseconds beside the transformer); an article that fails here fails again,
    with its reason, in ``_process_safely``."""
    from marsad.annotate.entities import load_tagger, sentence_tokens

    tagger = load_tagger("accurate")
    prefetch = getattr(tagger, "prefetch", None)
    if prefetch is None:
        return
    sentences: list[list[str]] = []
    for raw in raws:
        try:
            article, flags = clean_article(raw, boilerplate)
            doc = AnalyzedArticle(article=article, sentences=split_sentences(article.text), flags=list(flags))
            sentences.extend([t.text for t in tokens] for tokens in sentence_tokens(doc))
        except Exception:  # reported by _process_safely, article by article
            continue
    prefetch(sentences)


def _shares(batch: list[RawArticle], n: int) -> list[list[RawArticle]]:
    """``batch`` cut into ``n`` contiguous shares of (nearly) equal length, in order."""
    size, extra = divmod(len(batch), n)
    out, start = [], 0
    for k in range(n):
        stop = start + size + (k < extra)
        if stop > start:
            out.append(batch[start:stop])
        start = stop
    return out


def _batches(items: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    batch: list[RawArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_inputs(
    inputs: list[str],
    store: Store,
    *,
    profile: str = "fast",
    batch_size: int = 200,
    jobs: int | None = 1,
    link: bool = True,
    limit: int | None = None,
    fields: FieldMap | None = None,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[Summary], None] | None = None,
    article_seconds: float = DEFAULT_ARTICLE_SECONDS,
    summary: Summary | None = None,
) -> Summary:
    """Analyze every article under ``inputs`` (the first ``limit`` read) into ``store``
    (``jobs``: worker processes; None: one per available core).

    ``article_seconds`` is each article's time budget (0: none); an article past it is
    recorded as failed and the run goes on. Pass ``summary`` to keep the counts when the
    run is interrupted (``summary.kept`` is what committed batches hold)."""
    summary = summary if summary is not None else Summary()
    summary.inputs = len(inputs)
    started = time.perf_counter()
    boilerplate = _load_boilerplate(store)

    def problem(line: str) -> None:
        summary.errors += 1
        if on_problem is not None:
            on_problem(line)

    def new_raws() -> Iterator[RawArticle]:
        for item in iter_inputs(inputs, fields=fields):
            if limit is not None and summary.read >= limit:
                return
            if isinstance(item, ReadProblem):
                problem(str(item))
                continue
            summary.read += 1
            if store.input_fingerprint(item.origin) == fingerprint(item):
                summary.skipped += 1
                if on_progress is not None:
                    on_progress(summary)
                continue
            yield item

    workers = available_cores() if jobs is None else jobs
    pool: ProcessPoolExecutor | None = None
    batches = 0
    try:
        for batch in _batches(new_raws(), batch_size):
            # Observe the whole batch first so results do not depend on jobs or order in it.
            for raw in batch:
                boilerplate.observe(raw.source or raw.origin, raw.text)
            results: list[AnalyzedArticle | str]
            if workers > 1 and len(batch) >= MIN_POOL_BATCH:
                if pool is None:
                    pool = ProcessPoolExecutor(max_workers=workers)
                # one share per worker, each carrying the index once
                shares = _shares(batch, workers)
                work = [(share, profile, boilerplate, article_seconds) for share in shares]
                results = [r for part in pool.map(_process_chunk, work) for r in part]
            else:
                results = _process_chunk((batch, profile, boilerplate, article_seconds))
            with store.batch():
                ids: list[str] = []
                for raw, result in zip(batch, results, strict=True):
                    if isinstance(result, str):
                        problem(f"{raw.origin}: cannot analyze: {result}")
                        continue
                    store.save(result)
                    store.record_input(raw.origin, fingerprint(raw), result.id)
                    ids.append(result.id)
                    summary.stored += 1
                    summary.non_arabic += result.article.language != "ar"
                batches += 1
                if batches % STATE_EVERY == 0:
                    store.save_state(BOILERPLATE_STATE, boilerplate.to_dict())
                if link and ids:
                    run_linkers(store, ids)
                    _count_duplicates(store, ids, summary)
            summary.stored_ids.extend(ids)
            summary.kept += len(ids)
            if on_progress is not None:
                on_progress(summary)
        if batches % STATE_EVERY:
            store.save_state(BOILERPLATE_STATE, boilerplate.to_dict())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _load_boilerplate(store: Store) -> BoilerplateIndex:
    state = store.load_state(BOILERPLATE_STATE)
    if state:
        try:
            return BoilerplateIndex.from_dict(state)
        except (ValueError, KeyError, TypeError):  # saved by another version: relearn it
            pass
    return BoilerplateIndex()


def _count_duplicates(store: Store, ids: list[str], summary: Summary) -> None:
    placeholders = ",".join("?" * len(ids))
    for kind, n in store.conn.execute(
        f"SELECT duplicate_kind, COUNT(*) FROM articles WHERE id IN ({placeholders}) "
        "AND duplicate_of IS NOT NULL GROUP BY duplicate_kind",
        ids,
    ):
        if kind == "exact":
            summary.exact_duplicates += n
        elif kind == "near":
            summary.near_duplicates += n
