"""Train the fast NER model: a linear-chain CRF (python-crfsuite) over ``ner_features``.

    PYTHONPATH=src python training/ner/train_fast.py             # tune, retrain, write model
    PYTHONPATH=src python training/ner/train_fast.py --ablate    # feature-group ablation on dev

Data: ANERcorp train (``../shared/data/ner/anercorp/train.txt``). The last 10% of its
sentences are held out as dev for choosing c1/c2 (and for the ablation); test is scored
once, with the final model retrained on all of train. Writes
``src/marsad/resources/models/ner-fast.crfsuite`` and prints dev/test figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

import pycrfsuite

from marsad.annotate.bio import BioSentence, read_bio
from marsad.annotate.ner_features import GROUPS, sentence_features
from marsad.evaluation.ner import score
from marsad.paths import RESOURCES, shared_path

MODEL = RESOURCES / "models" / "ner-fast.crfsuite"


def featurize(sentences: list[BioSentence], groups: Collection[str]) -> list[list[list[str]]]:
    return [sentence_features(s.tokens, groups) for s in sentences]


def train(
    xs: list[list[list[str]]],
    ys: list[list[str]],
    path: Path,
    c1: float,
    c2: float,
    iterations: int,
    min_freq: int,
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))


def evaluate(path: Path, xs: list[list[list[str]]], gold: list[list[str]]) -> dict[str, float]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    start = time.perf_counter()
    predicted = [tagger.tag(x) for x in xs]
    seconds = time.perf_counter() - start
    result = score(gold, predicted)
    tagger.close()
    return {"f1": result.micro_f1, **{k: v[2] for k, v in result.per_type.items()}, "tag_s": seconds}


def fmt(r: dict[str, float]) -> str:
    parts = [f"F1 {r['f1']:.4f}"] + [f"{k} {r[k]:.3f}" for k in ("PER", "LOC", "ORG", "MISC") if k in r]
    return "  ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="ANERcorp folder (default ../shared)")
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--min-freq", type=int, default=2)
    parser.add_argument("--grid", default="0.05:0.01,0.1:0.05,0.2:0.01", help="c1:c2 pairs tried on dev")
    parser.add_argument("--ablate", action="store_true", help="dev F1 without each feature group, then stop")
    parser.add_argument("--dev-only", action="store_true", help="stop after the dev grid")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args()

    try:
        folder = args.data or shared_path("data", "ner", "anercorp")
    except FileNotFoundError as exc:
        sys.exit(f"train_fast: {exc}")
    if not (folder / "train.txt").exists():
        sys.exit("train_fast: ANERcorp not found; pass --data FOLDER with train.txt/test.txt")
    train_all = read_bio(folder / "train.txt")
    cut = int(len(train_all) * 0.9)
    fit, dev = train_all[:cut], train_all[cut:]
    print(f"train {len(fit)} sentences, dev {len(dev)} (last 10% of train)")
    tmp = Path(tempfile.mkdtemp(prefix="ner-fast-"))
    pairs = [tuple(float(v) for v in p.split(":")) for p in args.grid.split(",")]

    if args.ablate:
        c1, c2 = pairs[0]
        for removed in (None, *GROUPS):
            groups = [g for g in GROUPS if g != removed]
            start = time.perf_counter()
            xs = featurize(fit, groups)
            train(xs, [s.tags for s in fit], tmp / "m", c1, c2, args.iterations, args.min_freq)
            r = evaluate(tmp / "m", featurize(dev, groups), [s.tags for s in dev])
            label = f"without {removed}" if removed else "all groups"
            print(f"dev {label:20} {fmt(r)}  ({time.perf_counter() - start:.0f}s)", flush=True)
        return

    x_fit, x_dev = featurize(fit, GROUPS), featurize(dev, GROUPS)
    best: tuple[float, float, float] | None = None
    for c1, c2 in pairs:
        start = time.perf_counter()
        train(x_fit, [s.tags for s in fit], tmp / "m", c1, c2, args.iterations, args.min_freq)
        r = evaluate(tmp / "m", x_dev, [s.tags for s in dev])
        print(f"dev c1={c1} c2={c2}: {fmt(r)}  ({time.perf_counter() - start:.0f}s)", flush=True)
        if best is None or r["f1"] > best[0]:
            best = (r["f1"], c1, c2)
    assert best is not None
    _, c1, c2 = best
    if args.dev_only:
        return
    print(f"chosen c1={c1} c2={c2}; retraining on all of train")
    train(featurize(train_all, GROUPS), [s.tags for s in train_all], args.out, c1, c2, args.iterations, args.min_freq)
    test = read_bio(folder / "test.txt")
    r = evaluate(args.out, featurize(test, GROUPS), [s.tags for s in test])
    size = args.out.stat().st_size / 1e6
    print(f"test (once, final model): {fmt(r)}  model {size:.1f} MB -> {args.out}")


if __name__ == "__main__":
    main()
