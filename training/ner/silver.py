"""Silver NER data: the accurate profile's confident sentences of unlabelled SaudiNewsNet news.

    PYTHONPATH=src python training/ner/silver.py --max-seconds 600 --out training/ner/build/silver.txt

Articles are drawn at random (fixed seed); those of the cross-domain development set are
left out (so silver data never holds its sentences). Each article's Arabic sentences of
6-45 tokens (``split_sentences``, ``entities.arabic_tokens``) are tagged as one document by
the accurate profile (transformer + CRF ensemble); a sentence is kept when every token's
tag has probability ≥ ``--min-confidence``. Writes a two-column BIO file with a
``# url`` comment line before each article's sentences (provenance) and stops after
``--max-seconds``.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from marsad.annotate.entities import arabic_tokens, load_tagger
from marsad.arabic.sentences import split_sentences
from marsad.evaluation import saudinewsnet
from marsad.evaluation.ner import CROSSDOMAIN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--min-confidence", type=float, default=0.9)
    args = parser.parse_args()
    held = {json.loads(line)["url"] for line in CROSSDOMAIN.read_text(encoding="utf-8").splitlines()}
    articles = [a for a in saudinewsnet.records() if a.get("url") not in held]
    random.Random(args.seed).shuffle(articles)
    tagger = load_tagger("accurate")
    start = time.perf_counter()
    seen = kept = n_articles = 0
    with args.out.open("w", encoding="utf-8") as out:
        for a in articles:
            if time.perf_counter() - start > args.max_seconds:
                break
            text = a.get("content") or ""
            sentences = [
                [t.text for t in tokens]
                for s in split_sentences(text)
                if 6 <= len(tokens := arabic_tokens(text, s.start, s.end)) <= 45
            ]
            if not sentences:
                continue
            n_articles += 1
            seen += len(sentences)
            rows = []
            for tokens, (tags, confidence) in zip(
                sentences, tagger.tag_document_with_confidence(sentences), strict=True
            ):
                if min(confidence) >= args.min_confidence:
                    rows.append("\n".join(f"{w}\t{t}" for w, t in zip(tokens, tags, strict=True)))
            if rows:
                kept += len(rows)
                out.write(f"# {a.get('url')}\n" + "\n\n".join(rows) + "\n\n")
    print(
        f"{n_articles} articles, {seen} sentences tagged, {kept} kept (≥ {args.min_confidence}) -> {args.out}"
    )


if __name__ == "__main__":
    main()
