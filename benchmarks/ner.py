"""Fast-profile NER throughput on SaudiNewsNet: the feature extractor against the old path.

    PYTHONPATH=src python benchmarks/ner.py [--limit 300] [--rounds 3] [--baseline OLD/src]

Reads and cleans ``--limit`` SaudiNewsNet articles, cuts them into the token sentences the
entities annotator gives the tagger, then times in one process, on the same sentences:

- the old path: ``reference_sentence_features`` (every feature built, per-word parts cached),
  crfsuite fed twice per sentence (Viterbi, then ``set`` again for the marginals);
- the new path: ``NerTagger`` (``FeatureExtractor``: cached per-spelling pieces, only the
  attributes the model has weights for; one ``set`` per sentence for tags and marginals);
- each path's feature extraction alone, and the new path without marginals.

Both paths run once over every article first (caches warm, as in a long run), then each is
timed ``--rounds`` times, interleaved; the best round is reported. Before timing it checks
that both paths give the same tags and the same marginals on every sentence.

``--baseline`` (an older checkout's ``src``, e.g. ``git archive main src``): the annotator's
path (``tag_document_with_confidence``, model and gazetteers of each tree) on the same
sentences in fresh interpreters, one per tree, alternated ``--rounds`` times after a warm-up
pass; best CPU seconds of each (a shared machine distorts CPU time less than wall time).
"""

from __future__ import annotations

import glob
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marsad.annotate.entities import NerTagger, arabic_tokens
from marsad.annotate.ner_features import (
    GROUPS,
    reference_sentence_features,
    reference_tagging,
)
from marsad.arabic.outlets import metadata_spans
from marsad.arabic.sentences import split_sentences
from marsad.clean import BoilerplateIndex, clean_article
from marsad.model import AnalyzedArticle, ReadProblem
from marsad.paths import shared_path
from marsad.sources import iter_inputs

Doc = list[list[str]]  # one article: its sentences' tokens


def _articles(limit: int) -> list[Doc]:
    paths = sorted(glob.glob(str(shared_path("data", "news", "saudinewsnet", "*.zip"))))
    raws = []
    for item in iter_inputs(paths):
        if len(raws) >= limit:
            break
        if not isinstance(item, ReadProblem):
            raws.append(item)
    bp = BoilerplateIndex()
    for raw in raws:
        bp.observe(raw.source or raw.origin, raw.text)
    docs: list[Doc] = []
    for raw in raws:
        article, flags = clean_article(raw, bp)
        doc = AnalyzedArticle(article=article, sentences=split_sentences(article.text), flags=list(flags))
        skip = metadata_spans(doc.text)
        docs.append(
            [
                [t.text for t in arabic_tokens(doc.text, s.start, s.end, skip, doc.document)]
                for s in doc.sentences
            ]
        )
    return docs


def _old_path(tagger: NerTagger, sentences: Sequence[Sequence[str]]) -> tuple[Doc, list[list[float]]]:
    """What ``NerTagger._tag_document`` did before the extractor (no document model shipped)."""
    return reference_tagging(tagger._tagger, tagger.gazetteer, sentences)


def _new_path(tagger: NerTagger, sentences: Sequence[Sequence[str]]) -> tuple[Doc, list[list[float]]]:
    pairs = tagger.tag_document_with_confidence(sentences)
    return [t for t, _ in pairs], [m for _, m in pairs]


_TIMED = """
import pickle, sys, time
from marsad.annotate.entities import NerTagger
docs = pickle.load(open(sys.argv[1], "rb"))
tagger = NerTagger()
for d in docs:
    tagger.tag_document_with_confidence(d)
cpu = time.process_time()
for d in docs:
    tagger.tag_document_with_confidence(d)
print(time.process_time() - cpu)
"""


def _cpu_seconds_in(src: str, pickled: str) -> float:
    """CPU seconds of one warm pass of the annotator's tagging path with the package at ``src``."""
    done = subprocess.run(
        [sys.executable, "-c", _TIMED, pickled],
        env={**os.environ, "PYTHONPATH": src},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{src}: the timed run failed: {done.stderr.strip().splitlines()[-1:]}")
    return float(done.stdout.split()[-1])


def _compare(console: Console, docs: list[Doc], baseline: str, rounds: int) -> None:
    here = str(Path(__file__).resolve().parents[1] / "src")
    n_sentences = sum(1 for d in docs for s in d if s)
    best = {baseline: float("inf"), here: float("inf")}
    with tempfile.NamedTemporaryFile(suffix=".pickle") as f:
        pickle.dump(docs, f)
        f.flush()
        for _ in range(rounds):
            for src in best:
                best[src] = min(best[src], _cpu_seconds_in(src, f.name))
    table = Table(title=f"tag_document_with_confidence, {len(docs)} articles, {n_sentences:,} sentences")
    for col in ("tree", f"CPU s (best of {rounds})", "sentences per CPU-second", "× baseline"):
        table.add_column(col, justify="left" if col == "tree" else "right")
    for label, src in (("baseline", baseline), ("this tree", here)):
        cpu = best[src]
        table.add_row(
            f"{label} ({src})", f"{cpu:.2f}", f"{n_sentences / cpu:,.0f}", f"{best[baseline] / cpu:.2f}"
        )
    console.print(table)


def main(
    limit: Annotated[int, typer.Option(help="SaudiNewsNet articles to read.")] = 300,
    rounds: Annotated[int, typer.Option(help="Timed rounds per path (best is reported).")] = 3,
    baseline: Annotated[
        str | None, typer.Option(help="Another tree's src: its tagging path against this one's, only.")
    ] = None,
) -> None:
    console = Console()
    docs = _articles(limit)
    if baseline is not None:
        _compare(console, docs, baseline, rounds)
        return
    n = len(docs)
    n_sentences = sum(1 for d in docs for s in d if s)
    n_tokens = sum(len(s) for d in docs for s in d)
    tagger = NerTagger()
    if tagger._doc_tagger is not None:
        raise SystemExit("benchmarks/ner.py: compares first-pass paths; a document model is installed")

    differing = 0
    for d in docs:  # also warms both paths' caches
        if _old_path(tagger, d) != _new_path(tagger, d):
            differing += 1
    console.print(
        f"{n} articles, {n_sentences:,} sentences, {n_tokens:,} tokens; "
        f"articles whose tags or marginals differ between the paths: {differing}"
    )

    def features_old(d: Doc) -> None:
        for s in d:
            reference_sentence_features(s, GROUPS, tagger.gazetteer)

    def features_new(d: Doc) -> None:
        for s in d:
            tagger.features.sentence(s)

    runs: dict[str, Callable[[Doc], object]] = {
        "old path: reference features, crfsuite twice": lambda d: _old_path(tagger, d),
        "new path: extractor, crfsuite once (tag_document_with_confidence)": lambda d: _new_path(tagger, d),
        "new path without marginals (tag_document)": tagger.tag_document,
        "features only: reference_sentence_features": features_old,
        "features only: FeatureExtractor (known attributes)": features_new,
    }
    best = {label: float("inf") for label in runs}
    for _ in range(rounds):
        for label, run in runs.items():
            started = time.perf_counter()
            for d in docs:
                run(d)
            best[label] = min(best[label], time.perf_counter() - started)

    table = Table(title=f"Fast NER on {n} SaudiNewsNet articles, one process, caches warm (best of {rounds})")
    for col in ("run", "ms/article", "articles/s", "sentences/s", "× old"):
        table.add_column(col, justify="left" if col == "run" else "right")
    old = best["old path: reference features, crfsuite twice"]
    old_features = best["features only: reference_sentence_features"]
    for label, seconds in best.items():
        base = old_features if label.startswith("features only") else old
        table.add_row(
            label,
            f"{1000 * seconds / n:.2f}",
            f"{n / seconds:,.1f}",
            f"{n_sentences / seconds:,.0f}",
            f"{base / seconds:.2f}",
        )
    console.print(table)


if __name__ == "__main__":
    typer.run(main)
