"""Train the fast NER model: a linear-chain CRF (python-crfsuite) over ``ner_features``.

    PYTHONPATH=src python training/ner/train_fast.py             # tune, retrain, write model
    PYTHONPATH=src python training/ner/train_fast.py --ablate    # feature-group ablation on dev

Data: ANERcorp train (``../shared/data/ner/anercorp/train.txt``). The last 10% of its
sentences are held out as dev for choosing c1/c2 (and for the ablation); test is scored
once, with the final model retrained on all of train. Each dev model is also scored on the
tune split of the cross-domain set (``marsad eval ner --set crossdomain``). ``--silver``
adds silver sentences (``silver.py``) to training. Writes
``src/marsad/resources/models/ner-fast.crfsuite`` and prints dev/test figures.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

import pycrfsuite

from marsad.annotate import ner_features
from marsad.annotate.bio import BioSentence, read_bio
from marsad.annotate.gazetteer import Gazetteer
from marsad.annotate.ner_features import GROUPS, document_hints, sentence_features
from marsad.evaluation.ner import load_crossdomain, score
from marsad.paths import RESOURCES, shared_path

# Wojood's types onto ANERcorp's guidelines: places of every kind are LOC, named events,
# products and laws MISC; dates, numbers, occupations and nationalities are not entities.
WOJOOD_TYPES = {
    "PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "EVENT": "MISC", "PRODUCT": "MISC", "LAW": "MISC", "WEBSITE": "MISC",
}  # fmt: skip
MODEL = RESOURCES / "models" / "ner-fast.crfsuite"
ALGORITHM = "lbfgs"  # or "ap" (averaged perceptron), with --algorithm


GAZETTEER: Gazetteer | None = None  # None: the shipped one; --gazetteer-dir for experiments


def featurize(sentences: list[BioSentence], groups: Collection[str]) -> list[list[list[str]]]:
    return [sentence_features(s.tokens, groups, GAZETTEER) for s in sentences]


def train(
    xs: list[list[list[str]]],
    ys: list[list[str]],
    path: Path,
    c1: float = 0.05,
    c2: float = 0.01,
    iterations: int = 100,
    min_freq: int = 2,
) -> None:
    trainer = pycrfsuite.Trainer(algorithm=ALGORITHM, verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    params: dict[str, float | int | bool] = {
        "max_iterations": iterations,
        "feature.minfreq": min_freq,
        "feature.possible_transitions": True,
    }
    if ALGORITHM == "lbfgs":
        params |= {"c1": c1, "c2": c2}
    trainer.set_params(params)
    trainer.train(str(path))


def tag_all(path: Path, xs: list[list[list[str]]]) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = [list(tagger.tag(x)) for x in xs]
    tagger.close()
    return out


def with_hints(
    sentences: list[BioSentence], xs: list[list[list[str]]], first_pass: list[list[str]]
) -> list[list[list[str]]]:
    hints = document_hints([s.tokens for s in sentences], first_pass)
    return [[f + h for f, h in zip(x, hs, strict=True)] for x, hs in zip(xs, hints, strict=True)]


def cross_val_tags(
    xs: list[list[list[str]]], ys: list[list[str]], folds: int, tmp: Path, **params: float | int
) -> list[list[str]]:
    """First-pass tags of every training sentence from a model that did not see it
    (contiguous blocks, so a held block is a run of whole articles)."""
    n = len(xs)
    out: list[list[str]] = [[] for _ in range(n)]
    for f in range(folds):
        held = [i for i in range(n) if i * folds // n == f]
        rest = [i for i in range(n) if i * folds // n != f]
        train([xs[i] for i in rest], [ys[i] for i in rest], tmp / "cv", **params)  # type: ignore[arg-type]
        for i, tags in zip(held, tag_all(tmp / "cv", [xs[i] for i in held]), strict=True):
            out[i] = tags
    return out


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
    # the defaults are the shipped model's settings (c1/c2 chosen on dev from a wider grid: README)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--min-freq", type=int, default=2)
    parser.add_argument("--grid", default="0.1:0.01", help="c1:c2 pairs tried on dev, comma-separated")
    parser.add_argument("--ablate", action="store_true", help="dev F1 without each feature group, then stop")
    parser.add_argument("--groups", default=",".join(GROUPS), help="groups to ablate (with --ablate)")
    parser.add_argument("--doc", action="store_true", help="also train the second (document) pass")
    parser.add_argument("--folds", type=int, default=4, help="cross-validation folds for the second pass")
    parser.add_argument(
        "--dev-split", choices=("last", "first"), default="last", help="which 10%% of train is dev"
    )
    parser.add_argument("--wojood", action="store_true", help="add the Wojood sample (train+val) to training")
    parser.add_argument(
        "--algorithm", choices=("lbfgs", "ap"), default="lbfgs", help="CRF training algorithm"
    )
    parser.add_argument("--gazetteer-dir", type=Path, default=None, help="gazetteer folder (experiments)")
    parser.add_argument("--dev-only", action="store_true", help="stop after the dev grid")
    parser.add_argument("--clusters", type=Path, default=None, help="word-clusters file (default: shipped)")
    parser.add_argument(
        "--silver", type=Path, default=None, help="silver BIO file (silver.py) added to training"
    )
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument(
        "--no-test", action="store_true", help="write the model without scoring test (read once elsewhere)"
    )
    parser.add_argument(
        "--keep-dev",
        type=Path,
        default=None,
        help="also keep the chosen dev model here (tagger-level dev scores)",
    )
    args = parser.parse_args()
    global ALGORITHM, GAZETTEER
    ALGORITHM = args.algorithm
    if args.gazetteer_dir is not None:
        GAZETTEER = Gazetteer.from_dir(args.gazetteer_dir)
    if args.clusters is not None:
        ner_features.CLUSTERS = args.clusters

    try:
        folder = args.data or shared_path("data", "ner", "anercorp")
    except FileNotFoundError as exc:
        sys.exit(f"train_fast: {exc}")
    if not (folder / "train.txt").exists():
        sys.exit("train_fast: ANERcorp not found; pass --data FOLDER with train.txt/test.txt")
    train_all = read_bio(folder / "train.txt")
    if args.dev_split == "last":
        cut = int(len(train_all) * 0.9)
        fit, dev = train_all[:cut], train_all[cut:]
    else:  # a second held part, for decisions that one small dev split cannot settle
        cut = int(len(train_all) * 0.1)
        fit, dev = train_all[cut:], train_all[:cut]
    print(f"train {len(fit)} sentences, dev {len(dev)} ({args.dev_split} 10% of train)")
    if args.wojood:
        wojood = folder.parent / "wojood-sample"
        extra = [s for name in ("train.txt", "val.txt") for s in read_bio(wojood / name, WOJOOD_TYPES, "O")]
        print(f"+ {len(extra)} Wojood sentences")
        fit = fit + extra
        train_all = train_all + extra
    tmp = Path(tempfile.mkdtemp(prefix="ner-fast-"))
    if args.silver:
        # "# url" lines say where each article's silver sentences come from
        plain = tmp / "silver.txt"
        lines = args.silver.read_text(encoding="utf-8").splitlines()
        plain.write_text("\n".join(x for x in lines if not x.startswith("# ")) + "\n", encoding="utf-8")
        extra = read_bio(plain)
        print(f"+ {len(extra)} silver sentences from {args.silver}")
        fit = fit + extra
        train_all = train_all + extra
    crossdomain = load_crossdomain(split="tune")
    pairs = [tuple(float(v) for v in p.split(":")) for p in args.grid.split(",")]

    if args.ablate:
        c1, c2 = pairs[0]
        for removed in (None, *args.groups.split(",")):
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
        x_cd = featurize(crossdomain, GROUPS)
        print(
            f"  cross-domain tune: {fmt(evaluate(tmp / 'm', x_cd, [s.tags for s in crossdomain]))}",
            flush=True,
        )
        if best is None or r["f1"] > best[0]:
            best = (r["f1"], c1, c2)
            if args.keep_dev is not None:
                shutil.copy(tmp / "m", args.keep_dev)
    assert best is not None
    _, c1, c2 = best
    params = {"c1": c1, "c2": c2, "iterations": args.iterations, "min_freq": args.min_freq}
    if args.doc:
        train(x_fit, [s.tags for s in fit], tmp / "m1", **params)  # type: ignore[arg-type]
        cv = cross_val_tags(x_fit, [s.tags for s in fit], args.folds, tmp, **params)
        train(with_hints(fit, x_fit, cv), [s.tags for s in fit], tmp / "m2", **params)  # type: ignore[arg-type]
        x_dev2 = with_hints(dev, x_dev, tag_all(tmp / "m1", x_dev))
        r = evaluate(tmp / "m2", x_dev2, [s.tags for s in dev])
        print(f"dev with document pass: {fmt(r)}", flush=True)
    if args.dev_only:
        return
    print(f"chosen c1={c1} c2={c2}; retraining on all of train", flush=True)
    x_all, y_all = featurize(train_all, GROUPS), [s.tags for s in train_all]
    train(x_all, y_all, args.out, **params)  # type: ignore[arg-type]
    if args.no_test:
        print(f"model {args.out.stat().st_size / 1e6:.1f} MB -> {args.out} (test not scored)")
        return
    test = read_bio(folder / "test.txt")
    x_test = featurize(test, GROUPS)
    r = evaluate(args.out, x_test, [s.tags for s in test])
    size = args.out.stat().st_size / 1e6
    print(f"test (once, first pass): {fmt(r)}  model {size:.1f} MB -> {args.out}")
    if args.doc:
        doc_out = args.out.with_name(args.out.stem + "-doc" + args.out.suffix)
        cv = cross_val_tags(x_all, y_all, args.folds, tmp, **params)
        train(with_hints(train_all, x_all, cv), y_all, doc_out, **params)  # type: ignore[arg-type]
        x_test2 = with_hints(test, x_test, tag_all(args.out, x_test))
        r = evaluate(doc_out, x_test2, [s.tags for s in test])
        size = doc_out.stat().st_size / 1e6
        print(f"test (once, document pass): {fmt(r)}  model {size:.1f} MB -> {doc_out}")


if __name__ == "__main__":
    main()
