"""Word clusters for the NER model, from unlabeled news (distributional classes).

Names unseen in ANERcorp train are often frequent in news; words that share left and
right neighbours share a cluster (Lloyd-style classes, as in Brown-cluster NER features).
Corpus: SaudiNewsNet (``../shared/data/news/saudinewsnet``, titles and contents) plus the
tokens of ANERcorp TRAIN (never test). Method: counts of the top context words to the left
and right of every word seen ``--min-count`` times, PPMI, truncated SVD, k-means at two
granularities. Writes ``src/marsad/resources/models/ner-clusters.tsv.gz`` (word, coarse
cluster, fine cluster), normalized words.

    PYTHONPATH=src python training/ner/build_clusters.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from marsad.annotate.bio import read_bio
from marsad.arabic.normalize import normalize
from marsad.paths import RESOURCES, shared_path

OUT = RESOURCES / "models" / "ner-clusters.tsv.gz"
_WORD = re.compile(r"[A-Za-z]+|[\u0621-\u064a\u0671-\u06d3]+|\d+")


def corpus_sentences(news: Path, anercorp_train: Path) -> list[list[str]]:
    out: list[list[str]] = []
    for archive in sorted(news.glob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                try:
                    articles = json.loads(zf.read(name))
                except ValueError:
                    continue
                for a in articles if isinstance(articles, list) else []:
                    for field in ("title", "content"):
                        text = a.get(field) or ""
                        for line in re.split(r"[.!؟?\n]+", text):
                            words = _WORD.findall(normalize(line))
                            if len(words) > 2:
                                out.append(words)
    for s in read_bio(anercorp_train):
        out.append(_WORD.findall(normalize(" ".join(s.tokens))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--contexts", type=int, default=3000)
    parser.add_argument("--dims", type=int, default=120)
    parser.add_argument("--coarse", type=int, default=200)
    parser.add_argument("--fine", type=int, default=1000)
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
    print(f"{len(sentences)} sentences, {sum(counts.values())} words, vocabulary {len(vocab)}"
          f" ({time.perf_counter() - t0:.0f}s)", flush=True)
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
    coarse = MiniBatchKMeans(args.coarse, random_state=0, n_init=3, batch_size=4096).fit_predict(vectors)
    fine = MiniBatchKMeans(args.fine, random_state=0, n_init=1, batch_size=8192).fit_predict(vectors)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        for w, c, f in zip(vocab, coarse, fine, strict=True):
            fh.write(f"{w}\t{c}\t{f}\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - t0:.0f}s)")


if __name__ == "__main__":
    main()
