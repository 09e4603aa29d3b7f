"""Train the sentence-level PROTEST/ASSAULT detector on the Arabic event GSR.

Data: ``../shared/data/events/arabic_event_gsr/{protest,assault}_gsr.csv`` (sentences
labelled by several annotators; see its README). Labels and the deterministic 70/15/15
stratified split are defined in ``marsad.evaluation.events.load_gsr``: "yes" = positive,
"easy no"/"difficult no" = negative, "ambiguous" dropped.

One L2 logistic regression per type (scikit-learn, liblinear) over the binary features of
``marsad.annotate.event_detector.sentence_features`` scaled by 1/sqrt(#features), trained on
train; C, the detector threshold and the combination thresholds (veto a lexicon trigger
below, add a sentence event above) are chosen on dev by F1. Weights are pruned to the
largest ones and written as JSON to ``src/marsad/resources/models/event_gsr.json``.

    PYTHONPATH=src python training/events/train_gsr.py
"""

from __future__ import annotations

import json
import math
import sys

from marsad.annotate.event_detector import MODEL_PATH, LinearModel, sentence_features
from marsad.annotate.events import find_triggers
from marsad.arabic.tokens import tokenize
from marsad.evaluation.events import load_gsr, prf
from marsad.paths import shared_path

MAX_WEIGHTS = 12000  # per type, keeps the shipped file small
RECALL_KEEP = 0.85
GRID = [i / 100 for i in range(5, 96, 5)]


def main() -> int:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    data = load_gsr(shared_path("data", "events", "arabic_event_gsr"))
    out: dict = {"models": {}, "veto_below": {}, "add_above": {}, "threshold": {}, "dev": {}}
    for etype in ("PROTEST", "ASSAULT"):
        train = [s for s in data if s.type == etype and s.split == "train"]
        dev = [s for s in data if s.type == etype and s.split == "dev"]
        train_feats = [sentence_features(s.text) for s in train]
        vocab = {f: i for i, f in enumerate(sorted({f for fs in train_feats for f in fs}))}
        rows, cols, vals = [], [], []
        for r, fs in enumerate(train_feats):
            for f in fs:
                rows.append(r)
                cols.append(vocab[f])
                vals.append(1 / math.sqrt(len(fs)))
        x = csr_matrix((vals, (rows, cols)), shape=(len(train), len(vocab)))
        y = [s.positive for s in train]
        dev_feats = [sentence_features(s.text) for s in dev]
        dev_gold = [s.positive for s in dev]
        dev_lex = [any(h.type == etype for h in find_triggers(tokenize(s.text))) for s in dev]
        best = None
        for c in (1.0, 3.0, 10.0, 30.0):
            clf = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=2000)
            clf.fit(x, y)
            ranked = sorted(zip(vocab, clf.coef_[0], strict=True), key=lambda kv: -abs(kv[1]))[:MAX_WEIGHTS]
            model = LinearModel({f: float(w) for f, w in ranked}, float(clf.intercept_[0]))
            probs = [model.probability(fs) for fs in dev_feats]
            thr, f1 = max(
                ((t, prf([p >= t for p in probs], dev_gold)[2]) for t in GRID), key=lambda tf: tf[1]
            )
            if best is None or f1 > best[0]:
                best = (f1, c, thr, model, probs)
        f1, c, thr, model, probs = best
        # The annotator stays recall-oriented: a veto may cost at most 15% of the lexicon's
        # recall (GSR "no" includes real but unspecific events that analysts still want).
        _, lex_r, lex_f1 = prf(dev_lex, dev_gold)
        combos = []
        for v in [0.0, *GRID]:
            for a in [*GRID, 1.01]:
                pred = [(lex and p >= v) or p >= a for lex, p in zip(dev_lex, probs, strict=True)]
                _, r, f = prf(pred, dev_gold)
                if r >= RECALL_KEEP * lex_r:
                    combos.append((f, v, a))
        combo_f1, veto, add = max(combos, key=lambda t: (round(t[0], 4), -t[1], t[2]))
        print(
            f"{etype}: C={c} dev F1 lexicon {lex_f1:.3f}, detector {f1:.3f} (threshold {thr}), "
            f"combined {combo_f1:.3f} (veto<{veto}, add>={add}); "
            f"{len(vocab)} features, kept {len(model.weights)}"
        )
        out["models"][etype] = {
            "bias": model.bias,
            "weights": {f: round(w, 4) for f, w in model.weights.items()},
        }
        out["veto_below"][etype] = veto
        out["add_above"][etype] = add
        out["threshold"][etype] = thr
        out["dev"][etype] = {"C": c, "lexicon_f1": lex_f1, "detector_f1": f1, "combined_f1": combo_f1}
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
