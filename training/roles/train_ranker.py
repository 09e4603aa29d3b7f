"""Train the event-role ranker (``marsad.annotate.role_ranker``) from labelled mentions.

Each labelled mention (role-gold record shape: ``training/roles/roles_train.jsonl``, labelled
on SaudiNewsNet days outside the role gold; the role gold's dev half may be added, never the
held half) is found in its article as ``marsad eval roles`` finds it; every candidate party the
annotator built for it is labelled source/target when it matches a gold name (or resolves to
the gold name's actor), else neither. Two L2-regularised logistic regressions (scikit-learn,
training only) are fitted; the weights are written as JSON for the runtime.

    # train on the training days, score on the gold's dev half (an honest dev figure)
    PYTHONPATH=src python training/roles/train_ranker.py --train training/roles/roles_train.jsonl --test dev
    # the shipped model: training days + dev half
    PYTHONPATH=src python training/roles/train_ranker.py --train training/roles/roles_train.jsonl dev --write

The printed scores simulate the ranker's choice on the recorded candidates (before the
article-level carrying of subjects), beside the rules' choice on the same mentions; the
figure that counts is ``marsad eval roles`` with the written model.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from marsad.annotate import role_ranker
from marsad.evaluation.coref import dictionary_resolver
from marsad.evaluation.event_gold import (
    OPTIONAL,
    ROLES_GOLD,
    RoleLabel,
    SystemMention,
    load_roles,
    names_match,
    pick_mention,
    score_role,
)
from marsad.evaluation.roles import analyse_labelled, system_mentions

HERE = Path(__file__).resolve().parent


@dataclass
class Item:
    label: RoleLabel
    found: SystemMention | None
    examples: list[role_ranker.Example]
    y: dict[str, list[bool]]


def load(spec: str) -> list[RoleLabel]:
    if spec in ("dev", "held"):
        if spec == "held":
            raise SystemExit("error: the held half of the role gold is never trained on")
        return load_roles(ROLES_GOLD, "dev")
    return load_roles(Path(spec), "all")


def collect(labels: list[RoleLabel]) -> list[Item]:
    resolve = dictionary_resolver()
    with role_ranker.recording() as examples:
        docs = analyse_labelled(labels)
    by_trigger: dict[tuple[str, int, int], list[role_ranker.Example]] = {}
    for e in examples:
        by_trigger.setdefault((e.article, *e.trigger), []).append(e)
    items = []
    for label in labels:
        doc = docs.get(label.ref)
        found = pick_mention(label, system_mentions(doc), doc.text) if doc else None
        cands = by_trigger.get((doc.id, found.start, found.end), []) if doc and found else []

        def matches(gold: tuple[tuple[str, ...], ...], e: role_ranker.Example) -> bool:
            return any(
                names_match(g, e.text) or (e.actor is not None and e.actor in resolve(g))
                for names in gold
                for g in names
                if g != OPTIONAL
            )

        y = {
            "source": [matches(label.source, e) for e in cands],
            "target": [matches(label.target, e) for e in cands],
        }
        items.append(Item(label, found, cands, y))
    return items


def fit(items: list[Item], c: float) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [{f: 1 for f in e.features} for item in items for e in item.examples]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    names = vectorizer.get_feature_names_out()
    weights, bias = {}, {}
    for role in role_ranker.ROLES:
        y = [v for item in items for v in item.y[role]]
        model = LogisticRegression(C=c, max_iter=2000, class_weight=None).fit(x, y)
        weights[role] = {
            n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-4
        }
        bias[role] = round(float(model.intercept_[0]), 4)
    return {"weights": weights, "bias": bias}


def score(items: list[Item], ranker: role_ranker.RoleRanker | None) -> tuple[int, int, int]:
    """(found, both right by the ranker or the rules, labelled) on recorded candidates."""
    resolve = dictionary_resolver()
    found = right = 0
    for item in items:
        if item.found is None:
            continue
        found += 1
        if ranker is None:
            sources = [e for e in item.examples if e.rule_role == "source"]
            targets = [e for e in item.examples if e.rule_role == "target"]
        else:
            sources, targets = [], []
            for e in item.examples:
                p_s, p_t = ranker.probability("source", e.features), ranker.probability("target", e.features)
                if max(p_s, p_t) >= ranker.threshold:
                    (sources if p_s >= p_t else targets).append(e)
        mention = SystemMention(
            item.found.type,
            item.found.text,
            item.found.start,
            item.found.end,
            tuple(e.text for e in sources),
            tuple(e.text for e in targets),
            tuple(e.actor or e.text for e in sources),
            tuple(e.actor or e.text for e in targets),
        )
        right += score_role(item.label, mention, resolve).both_ok
    return found, right, len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", nargs="+", required=True, help="label files, or 'dev' (gold dev half)")
    parser.add_argument("--test", nargs="*", default=[], help="label files or 'dev' to score on")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--write", action="store_true", help="write resources/models/role_ranker.json")
    args = parser.parse_args()
    train = [item for spec in args.train for item in collect(load(spec))]
    tests = {spec: collect(load(spec)) for spec in args.test}
    found = sum(i.found is not None for i in train)
    candidates = sum(len(i.examples) for i in train)
    print(f"train: {len(train)} labels, {found} found, {candidates} candidates")
    for c in sorted({args.c, 0.1, 0.3, 1.0, 3.0}):
        model = fit(train, c)
        for threshold in (0.4, 0.5, 0.6):
            ranker = role_ranker.ranker_from_json({**model, "threshold": threshold})
            line = [f"C={c:<4} t={threshold}: train {score(train, ranker)[1]}"]
            line += [f"{spec} {score(items, ranker)[1]}" for spec, items in tests.items()]
            print("  ".join(line))
    for name, items in [("train", train), *tests.items()]:
        found, right, n = score(items, None)
        print(f"rules on {name}: {right} of {found} found ({n} labelled)")
    if args.write:
        model = {**fit(train, args.c), "threshold": args.threshold}
        model["trained_on"] = args.train
        path = role_ranker.MODEL_PATH
        path.write_text(
            json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
        )
        print(f"wrote {path} (C={args.c}, threshold {args.threshold})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
