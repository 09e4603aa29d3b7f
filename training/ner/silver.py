"""Silver NER data: the accurate profile's tags of unlabelled SaudiNewsNet news, with confidences.

    PYTHONPATH=src python training/ner/silver.py --max-seconds 4500 --out training/ner/build/silver-raw.txt

Articles are drawn at random (fixed seed); left out are those of the cross-domain
development set (so silver data never holds its sentences) and every article of the
coreference gold days (``--skip-days``, 2015-08-02..04 by default: the event gold is read
there). Each article's Arabic sentences of 6-45 tokens (``split_sentences``,
``entities.arabic_tokens``) are tagged as one document by the accurate profile
(transformer + CRF ensemble); a few articles at a time go through the transformer in one
batched pass. Every tagged sentence is written, three columns per token (word, tag, the
tag's probability), after a ``# url<TAB>date<TAB>source`` line per article (provenance);
which sentences become training data is chosen later (``silver_select.py``).

The output is appended to and flushed after every article: a run stopped at any point is
continued by the same command (articles already in the file are skipped, an article cut
off mid-write is dropped and tagged again).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from marsad.annotate.entities import arabic_tokens, load_tagger
from marsad.arabic.sentences import split_sentences
from marsad.evaluation import saudinewsnet
from marsad.evaluation.ner import CROSSDOMAIN

GOLD_DAYS = "2015-08-02,2015-08-03,2015-08-04"


def done_urls(path: Path) -> set[str]:
    """URLs of the articles complete in ``path``; a cut-off last article is truncated away."""
    if not path.exists():
        return set()
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n\n"):
        cut = text.rfind("\n\n# ")
        text = text[: cut + 2] if cut >= 0 else ""
        path.write_text(text, encoding="utf-8")
    return {line[2:].split("\t")[0] for line in text.splitlines() if line.startswith("# ")}


def load_articles(skip_days: set[str], seed: int) -> list[dict]:
    held = {json.loads(line)["url"] for line in CROSSDOMAIN.read_text(encoding="utf-8").splitlines()}
    days = [path for path in saudinewsnet.day_files() if path.stem not in skip_days]
    articles = [a for a in saudinewsnet.records(days) if a.get("url") not in held]
    random.Random(seed).shuffle(articles)
    return articles


def article_sentences(article: dict) -> list[list[str]]:
    text = article.get("content") or ""
    return [
        [t.text for t in tokens]
        for s in split_sentences(text)
        if 6 <= len(tokens := arabic_tokens(text, s.start, s.end)) <= 45
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--max-seconds", type=float, default=600, help="wall-clock budget of this run")
    parser.add_argument("--skip-days", default=GOLD_DAYS, help="SaudiNewsNet days left out, comma-separated")
    parser.add_argument(
        "--max-articles",
        type=int,
        default=0,
        help="stop when the file holds this many articles (0: no limit)",
    )
    parser.add_argument("--chunk", type=int, default=8, help="articles per batched transformer pass")
    args = parser.parse_args()
    done = done_urls(args.out)
    articles = [
        a for a in load_articles(set(args.skip_days.split(",")), args.seed) if a.get("url") not in done
    ]
    print(f"{len(done)} articles already in {args.out}; {len(articles)} candidates left", flush=True)
    tagger = load_tagger("accurate")
    start, cpu0 = time.perf_counter(), os.times()
    n_articles = seen = confident = 0
    with args.out.open("a", encoding="utf-8") as out:
        for k in range(0, len(articles), args.chunk):
            if time.perf_counter() - start > args.max_seconds:
                break
            if args.max_articles and len(done) + n_articles >= args.max_articles:
                break
            chunk = [(a, s) for a in articles[k : k + args.chunk] if (s := article_sentences(a))]
            if args.max_articles:
                chunk = chunk[: args.max_articles - len(done) - n_articles]
            tagger.prefetch([s for _, sentences in chunk for s in sentences])
            for a, sentences in chunk:
                blocks = []
                for tokens, (tags, confidence) in zip(
                    sentences, tagger.tag_document_with_confidence(sentences), strict=True
                ):
                    confident += min(confidence) >= 0.9
                    blocks.append(
                        "\n".join(
                            f"{w}\t{t}\t{c:.3f}" for w, t, c in zip(tokens, tags, confidence, strict=True)
                        )
                    )
                header = "\t".join(str(a.get(f) or "") for f in ("url", "date_extracted", "source"))
                out.write(f"# {header}\n" + "\n\n".join(blocks) + "\n\n")
                out.flush()
                n_articles += 1
                seen += len(sentences)
            elapsed = time.perf_counter() - start
            cpu = sum(os.times()[:2]) - sum(cpu0[:2])
            print(
                f"{elapsed:6.0f} s wall, {cpu:6.0f} s CPU: {n_articles} articles, {seen} sentences "
                f"({seen / elapsed:.1f}/s), {confident} with every tag >= 0.9",
                flush=True,
            )
    print(f"this run: {n_articles} articles, {seen} sentences tagged -> {args.out}")


if __name__ == "__main__":
    main()
