"""The main job: read → clean → annotate → store in batches → link.

Reading and storing happen here, in one process; the per-article function (clean and
annotate) is pure and may run in a process pool (``jobs > 1``). Each batch is one
transaction: its articles, their input records, the boilerplate index state and the
linkers' output are committed together, so an interrupted run leaves whole batches only
and the next run skips every input whose origin and fingerprint are already recorded.

Canonical order: results depend only on the order inputs are read in (paths as given,
folders in sorted order, records in file order), never on batch or share boundaries. Each
article is cleaned with the boilerplate index of every article before it and itself, and
linked after every article before it (``marsad.link.run_linkers``). Input order, not
publication order, because it needs no look-ahead: a stream, a resumed run and a later run
over new inputs all continue the same sequence.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from marsad.annotate.pipeline import annotate
from marsad.arabic.sentences import split_sentences
from marsad.clean import BoilerplateIndex, clean_article
from marsad.link import run_linkers, stories
from marsad.model import AnalyzedArticle, RawArticle, ReadProblem
from marsad.sources import FieldMap, iter_inputs
from marsad.store.db import Store

BOILERPLATE_STATE = "boilerplate"
# The boilerplate index decides what the cleaner removes, so it is state that affects results:
# it is saved in every batch's transaction, so a killed and resumed run cleans later articles
# exactly as a straight run does. The cost is small next to a batch (one SaudiNewsNet day of
# 2,972 records: 0.66 MB of JSON, 0.05 s to serialize).
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
# Batches the pool analyses ahead of the one being stored and linked: the single writer
# (storing, linking: this process) and the workers run at the same time instead of taking
# turns, and a worker that finishes its share early starts on the next batch. Storing stays
# in input order, so the store is the same; a batch read ahead is analysed before the one
# before it is stored, so the reader's "already stored" check can miss an input repeated
# within that distance, which ``Run.commit`` catches.
LOOKAHEAD = 1
# A batch in flight: its articles, its shares' results (futures), the boilerplate index state
# after it.
InFlight = tuple[list[RawArticle], list[Future[list[AnalyzedArticle | str]]], dict]


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
    """One worker's share of a batch. ``boilerplate`` is the index as it stood before the
    share's first article (it travels once per share, not once per article); each article is
    observed and then cleaned, so it is cleaned with exactly what came before it and itself in
    input order, whatever the batch and share boundaries."""
    raws, profile, boilerplate, budget = args
    if profile == "accurate" and len(raws) > 1:
        _prefetch_transformer(raws, boilerplate.copy() if boilerplate is not None else None)
    results: list[AnalyzedArticle | str] = []
    for raw in raws:
        if boilerplate is not None:
            boilerplate.observe(raw.source or raw.origin, raw.text)
        results.append(_process_safely(raw, profile, boilerplate, budget))
    return results


def _process_chunk_to_link(
    args: tuple[list[RawArticle], str, BoilerplateIndex | None, float],
) -> list[AnalyzedArticle | str]:
    """``_process_chunk`` for a run that links: each article also gets what the linkers
    would otherwise compute from it alone in the single writer (``link.stories.prepare``)."""
    results = _process_chunk(args)
    for result in results:
        if not isinstance(result, str):
            with contextlib.suppress(Exception):  # the linker embeds it again and reports what fails
                stories.prepare(result)
    return results


def share_work(
    batch: list[RawArticle], n: int, boilerplate: BoilerplateIndex
) -> list[tuple[list[RawArticle], BoilerplateIndex]]:
    """``batch`` cut into ``n`` contiguous shares, each with a copy of the boilerplate index
    as it stands before the share's first article; ``boilerplate`` itself ends having
    observed the whole batch, in order (observing is cheap next to cleaning and annotating)."""
    work = []
    for share in _shares(batch, n):
        work.append((share, boilerplate.copy()))
        for raw in share:
            boilerplate.observe(raw.source or raw.origin, raw.text)
    return work


def _prefetch_transformer(raws: list[RawArticle], boilerplate: BoilerplateIndex | None) -> None:
    """``boilerplate`` is the caller's copy, which this observes as it goes. The accurate profile's
    transformer over the sentences of a whole share in one batched pass (full batches sorted by length,
    one ONNX Runtime call each, on the GPU when there is one), before the articles are annotated one by
    one. Cleaning is repeated per article afterwards (milliseconds beside the transformer); an article
    that fails here fails again, with its reason, in ``_process_safely``."""
    from marsad.annotate.entities import load_tagger, sentence_tokens

    tagger = load_tagger("accurate")
    prefetch = getattr(tagger, "prefetch", None)
    if prefetch is None:
        return
    sentences: list[list[str]] = []
    for raw in raws:
        try:
            if boilerplate is not None:  # a copy, observed in order as the real pass will be
                boilerplate.observe(raw.source or raw.origin, raw.text)
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


class Run:
    """What every engine shares: the inputs not stored yet, read in input order, and the
    counting of problems and progress."""

    def __init__(
        self,
        inputs: list[str],
        store: Store,
        summary: Summary,
        *,
        limit: int | None = None,
        fields: FieldMap | None = None,
        on_problem: Callable[[str], None] | None = None,
        on_progress: Callable[[Summary], None] | None = None,
    ) -> None:
        self.inputs, self.store, self.summary = inputs, store, summary
        self.limit, self.fields = limit, fields
        self.on_problem, self.on_progress = on_problem, on_progress
        summary.inputs = len(inputs)

    def problem(self, line: str) -> None:
        self.summary.errors += 1
        if self.on_problem is not None:
            self.on_problem(line)

    def progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.summary)

    def new_raws(self) -> Iterator[RawArticle]:
        """Every input read, in input order, less those already stored."""
        summary = self.summary
        for item in iter_inputs(self.inputs, fields=self.fields):
            if self.limit is not None and summary.read >= self.limit:
                return
            if isinstance(item, ReadProblem):
                self.problem(str(item))
                continue
            summary.read += 1
            if self.store.input_fingerprint(item.origin) == fingerprint(item):
                summary.skipped += 1
                self.progress()
                continue
            yield item

    def commit(
        self,
        results: Iterable[tuple[str, str, AnalyzedArticle | str]],
        boilerplate_after: dict | None,
        *,
        link: bool = True,
    ) -> list[str]:
        """Store one batch in one transaction: each article (origin, fingerprint, result)
        saved and then linked before the next is saved, so the batch is linked exactly as its
        articles would be one at a time; then the boilerplate index state after the batch."""
        store, summary = self.store, self.summary
        ids: list[str] = []
        with store.batch():
            for origin, print_, result in results:
                if isinstance(result, str):
                    self.problem(f"{origin}: cannot analyze: {result}")
                    continue
                if store.input_fingerprint(origin) == print_:  # stored by an earlier run or batch
                    summary.skipped += 1
                    continue
                store.save(result)
                store.record_input(origin, print_, result.id)
                if link:
                    stories.offer(store, result)
                    run_linkers(store, [result.id])
                ids.append(result.id)
                summary.stored += 1
                summary.non_arabic += result.article.language != "ar"
            if boilerplate_after is not None:
                store.save_state(BOILERPLATE_STATE, boilerplate_after)
            if link and ids:
                _count_duplicates(store, ids, summary)
        summary.stored_ids.extend(ids)
        summary.kept += len(ids)
        self.progress()
        return ids


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
    run = Run(
        inputs, store, summary, limit=limit, fields=fields, on_problem=on_problem, on_progress=on_progress
    )
    started = time.perf_counter()
    boilerplate = load_boilerplate(store)
    workers = available_cores() if jobs is None else jobs
    if workers < 1:
        raise ValueError(f"jobs must be at least 1 (or None for every available core), not {jobs}")
    pool: ProcessPoolExecutor | None = None
    chunk = _process_chunk_to_link if link else _process_chunk
    pending: deque[InFlight] = deque()  # batches analysed or being analysed, not stored yet
    try:
        for batch in _batches(run.new_raws(), batch_size):
            shares = workers if workers > 1 and len(batch) >= MIN_POOL_BATCH else 1
            work = [
                (share, profile, start, article_seconds)
                for share, start in share_work(batch, shares, boilerplate)
            ]
            if shares > 1:
                if pool is None:
                    pool = ProcessPoolExecutor(max_workers=workers)
                parts = [pool.submit(chunk, w) for w in work]
            else:
                done: Future[list[AnalyzedArticle | str]] = Future()
                done.set_result(chunk(work[0]))
                parts = [done]
            pending.append((batch, parts, boilerplate.to_dict()))
            while len(pending) > (LOOKAHEAD if shares > 1 else 0):
                _store_oldest(run, pending, link)
        while pending:
            _store_oldest(run, pending, link)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _store_oldest(run: Run, pending: deque[InFlight], link: bool) -> None:
    """Wait for the oldest batch in flight and store (and link) it: batches are stored in
    the order they were read, whenever their shares finish."""
    batch, parts, after = pending.popleft()
    results = [r for part in parts for r in part.result()]
    run.commit(
        ((raw.origin, fingerprint(raw), result) for raw, result in zip(batch, results, strict=True)),
        after,
        link=link,
    )


def load_boilerplate(store: Store) -> BoilerplateIndex:
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


def link_shards(
    paths: list[str],
    store: Store,
    *,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[Summary], None] | None = None,
    summary: Summary | None = None,
) -> Summary:
    """``marsad link``: store and link analysed-article shards (files, or folders with a
    manifest) in input order, one transaction per shard, as the run that analysed them would
    have; inputs the store already holds are skipped, so a re-run or a resumed run goes on
    where the last one stopped."""
    from marsad.shards import read_shard, shard_files

    summary = summary if summary is not None else Summary()
    run = Run(paths, store, summary, on_problem=on_problem, on_progress=on_progress)
    started = time.perf_counter()
    for path in shard_files(paths):
        rows, after = read_shard(path)
        summary.read += len(rows)
        new = [r for r in rows if store.input_fingerprint(r.origin) != r.fingerprint]
        summary.skipped += len(rows) - len(new)
        if new:
            run.commit(((r.origin, r.fingerprint, r.result) for r in new), after)
    summary.seconds = time.perf_counter() - started
    return summary
