"""Choose, on dev, how much of the fast CRF to mix into the accurate transformer.

    PYTHONPATH=src python training/ner/ensemble_accurate.py    # after train_accurate.py --phase dev

Both models must not have seen dev: the transformer is the dev run's int8 ONNX
(``build/accurate-dev.onnx``, trained on the first 90% of ANERcorp train) and the CRF is
retrained here on the same 90% with the shipped settings (``train_fast.py``'s features).
Per token, p = (1 - w) * transformer softmax + w * CRF marginal, decoded as BIO by
Viterbi; w is chosen on dev over a grid and written to
``src/marsad/resources/models/ner-accurate.json`` (w = 0: the transformer alone).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from train_fast import featurize, train

from marsad.annotate.bio import read_bio
from marsad.annotate.entities import NerTagger
from marsad.annotate.ner_features import GROUPS
from marsad.annotate.transformer_ner import ACCURATE_CONFIG, LABELS, OnnxNer, decode
from marsad.evaluation.ner import score
from marsad.paths import shared_path

BUILD = Path(__file__).resolve().parent / "build"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transformer", type=Path, default=BUILD / "accurate-dev.onnx")
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ACCURATE_CONFIG)
    args = parser.parse_args()
    try:
        folder = shared_path("data", "ner", "anercorp")
    except FileNotFoundError as exc:
        sys.exit(f"ensemble_accurate: {exc}")
    if not args.transformer.exists():
        sys.exit(f"ensemble_accurate: {args.transformer} missing; run train_accurate.py --phase dev first")
    train_all = read_bio(folder / "train.txt")
    cut = int(len(train_all) * 0.9)
    fit, dev = train_all[:cut], train_all[cut:]
    crf_path = BUILD / "crf-fit.crfsuite"
    if not crf_path.exists():
        start = time.perf_counter()
        train(featurize(fit, GROUPS), [s.tags for s in fit], crf_path, args.c1, args.c2, args.iterations)
        print(f"CRF on the first 90%: {time.perf_counter() - start:.0f}s", flush=True)
    words = [s.tokens for s in dev]
    gold = [s.tags for s in dev]
    transformer = OnnxNer(args.transformer).probabilities(words)
    crf = NerTagger(crf_path, doc_model_path=None).marginals(words, LABELS)
    results = {}
    for step in range(11):
        w = step / 10
        probs = [(1 - w) * p + w * m for p, m in zip(transformer, crf, strict=True)]
        r = score(gold, [decode(p) for p in probs])
        results[w] = r.micro_f1
        per_type = "  ".join(f"{k} {v[2]:.3f}" for k, v in sorted(r.per_type.items()))
        print(f"dev w_crf={w:.1f}: F1 {r.micro_f1:.4f}  {per_type}", flush=True)
    best = max(results, key=lambda w: (results[w], -w))
    print(f"chosen crf_weight {best} (dev F1 {results[best]:.4f}; transformer alone {results[0.0]:.4f})")
    args.out.write_text(
        json.dumps(
            {"crf_weight": best, "dev_f1": round(results[best], 4), "dev_f1_by_weight": results}, indent=1
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
