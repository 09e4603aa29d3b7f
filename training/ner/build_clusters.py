"""Word clusters for the NER model, from unlabeled news (distributional classes).

Names unseen in ANERcorp train are often frequent in news; words that share left and
right neighbours share a cluster (Lloyd-style classes, as in Brown-cluster NER features).
Corpus: SaudiNewsNet (``../shared/data/news/saudinewsnet``, titles and contents) plus the
tokens of ANERcorp TRAIN (never test). Method: counts of the top context words to the left
and right of every word seen ``--min-count`` times, PPMI, truncated SVD, k-means at two
granularities. Also, per word, how often news writes it right after a person title, an
organisation head noun or a locative preposition (``marsad.arabic.cues``), bucketed: a
word that follows "الرئيس" or "المستشارة" in many articles is a name even when ANERcorp
never shows it. Writes ``src/marsad/resources/models/ner-clusters.tsv.gz`` (word, coarse
cluster, fine cluster, person-cue, org-cue, place-cue buckets), normalized words.

    PYTHONPATH=src python training/ner/build_clusters.py
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from marsad.annotate.bio import read_bio
from marsad.arabic.cues import ORG_CUES, PERSON_CUES
from marsad.arabic.normalize import normalize
from marsad.evaluation import saudinewsnet
from marsad.paths import RESOURCES, shared_path

OUT = RESOURCES / "models" / "ner-clusters.tsv.gz"
_WORD = re.compile(r"[A-Za-z]+|[\u0621-\u064a\u0671-\u06d3]+|\d+")


def corpus_sentences(news: Path, anercorp_train: Path) -> list[list[str]]:
    out: list[list[str]] = []
    for a in saudinewsnet.records(saudinewsnet.day_files(news)):
        for field in ("title", "content"):
            text = a.get(field) or ""
            for line in re.split(r"[.!؟?\n]+", text):
                words = _WORD.findall(normalize(line))
                if len(words) > 2:
                    out.append(words)
    for s in read_bio(anercorp_train):
        out.append(_WORD.findall(normalize(" ".join(s.tokens))))
    return out


KINDS = ("PER", "ORG", "LOC")
_LOCATIVE = frozenset(normalize(w) for w in ("في", "إلى", "من", "بمدينة", "مدينة", "محافظة", "عاصمة"))


def cue_statistics(sentences: list[list[str]], index: dict[str, int]) -> dict[str, np.ndarray]:
    """How many times each vocabulary word comes right after a person title, an
    organisation head noun and a locative word. (A fourth count, "after a given name of
    the gazetteer", lowered dev F1 from 0.746 to 0.726 and was dropped.)"""
    after = {kind: np.zeros(len(index), dtype=np.int64) for kind in KINDS}
    for s in sentences:
        for prev, w in itertools.pairwise(s):
            i = index.get(w)
            if i is None:
                continue
            if prev in PERSON_CUES:
                after["PER"][i] += 1
            if prev in ORG_CUES:
                after["ORG"][i] += 1
            if prev in _LOCATIVE:
                after["LOC"][i] += 1
    return after


def _bucket(hits: int, total: int) -> int:
    if total < 3 or hits == 0:
        return 0
    ratio = hits / total
    return 1 if ratio < 0.05 else 2 if ratio < 0.2 else 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--contexts", type=int, default=3000)
    parser.add_argument("--dims", type=int, default=120)
    parser.add_argument("--coarse", type=int, default=200)
    parser.add_argument("--fine", type=int, default=600)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize as l2

    try:
        news = shared_path("data", "news", "saudinewsnet")
        train = shared_path("data", "ner", "anercorp", "train.txt")
    except FileNotFoundError as exc:
        sys.exit(f"build_clusters: {exc}")
    t0 = time.perf_counter()
    sentences = corpus_sentences(news, train)
    counts = Counter(w for s in sentences for w in s)
    vocab = [w for w, c in counts.most_common() if c >= args.min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = args.contexts
    print(
        f"{len(sentences)} sentences, {sum(counts.values())} words, vocabulary {len(vocab)}"
        f" ({time.perf_counter() - t0:.0f}s)",
        flush=True,
    )
    rows: list[int] = []
    cols: list[int] = []
    for s in sentences:
        ids = [index.get(w, -1) for w in s]
        for i, wid in enumerate(ids):
            if wid < 0:
                continue
            if i > 0 and 0 <= ids[i - 1] < n_ctx:
                rows.append(wid)
                cols.append(ids[i - 1])
            if i + 1 < len(ids) and 0 <= ids[i + 1] < n_ctx:
                rows.append(wid)
                cols.append(n_ctx + ids[i + 1])
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(vocab), 2 * n_ctx))
    m.sum_duplicates()
    # PPMI
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel() + 1e-9
    col = np.asarray(m.sum(axis=0)).ravel() + 1e-9
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row[coo.row] * col[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    vectors = l2(TruncatedSVD(args.dims, random_state=0).fit_transform(ppmi))
    print(f"vectors {vectors.shape} ({time.perf_counter() - t0:.0f}s)", flush=True)
    coarse = MiniBatchKMeans(args.coarse, random_state=0, n_init=1, batch_size=4096, max_iter=20).fit_predict(
        vectors
    )
    print(f"coarse clusters ({time.perf_counter() - t0:.0f}s)", flush=True)
    fine = MiniBatchKMeans(args.fine, random_state=0, n_init=1, batch_size=4096, max_iter=20).fit_predict(
        vectors
    )
    after = cue_statistics(sentences, index)
    out = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        for i, (w, c, f) in enumerate(zip(vocab, coarse, fine, strict=True)):
            buckets = "\t".join(str(_bucket(after[kind][i], counts[w])) for kind in KINDS)
            fh.write(f"{w}\t{c}\t{f}\t{buckets}\n")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - t0:.0f}s)")


if __name__ == "__main__":
    main()
