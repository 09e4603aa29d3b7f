"""Role accuracy of the events annotator alone, on the labelled mentions of the role gold.

``marsad eval coref`` scores roles on the linked store of three whole SaudiNewsNet days
(minutes of analysis); for tuning the role rules this reads only the labelled articles
(``resources/eval/roles_gold.jsonl``: the SaudiNewsNet days and the seeds), annotates each
one with the fast profile, and scores the mention picked for each label exactly as ``marsad
eval coref`` does (``marsad.evaluation.event_gold``). Use ``--split dev`` to tune; held once.

    PYTHONPATH=src python training/events/role_accuracy.py --split dev [--show-errors]
"""

from __future__ import annotations

import argparse
import sys

from marsad.analyze import process
from marsad.evaluation.coref import dictionary_resolver
from marsad.evaluation.event_gold import (
    SystemMention,
    load_roles,
    pick_mention,
    score_role,
    summarize_roles,
)
from marsad.evaluation.gold_store import day_archive, origin_ref
from marsad.model import ReadProblem
from marsad.paths import examples_dir
from marsad.sources import iter_inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "held", "all"))
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    labels = load_roles(split=args.split)
    refs = {label.ref for label in labels}
    days = sorted({ref.split("#")[0] for ref in refs if "#" in ref})
    inputs = [str(day_archive(day)) for day in days] + [str(examples_dir() / "seeds")]
    docs = {}
    for raw in iter_inputs(inputs):
        if isinstance(raw, ReadProblem):
            continue
        ref = origin_ref(raw.origin)
        if ref in refs:
            docs[ref] = process(raw, "fast", None)
    resolve = dictionary_resolver()
    outcomes = []
    for label in labels:
        doc = docs.get(label.ref)
        text = doc.text if doc else ""
        mentions = [
            SystemMention(
                m.type,
                m.text,
                m.start,
                m.end,
                tuple(m.source_texts),
                tuple(m.target_texts),
                tuple(m.sources),
                tuple(m.targets),
            )
            for m in (doc.event_mentions if doc else [])
        ]
        outcome = score_role(label, pick_mention(label, mentions, text), resolve)
        outcomes.append(outcome)
        if args.show_errors and outcome.found is not None and not outcome.both_ok:
            found = outcome.found
            print(f"- {label.type} {label.trigger!r} gold S={label.source} T={label.target}")
            print(f"  system {found.type} {found.text!r} S={found.source_texts} T={found.target_texts}")
            print(f"  {label.sentence[:200]!r}")
    scores = summarize_roles(outcomes)
    print(
        f"roles ({args.split}): {scores.labelled} labelled, found {scores.found_share:.3f}, "
        f"source right {scores.source_ok}/{scores.found}, target right {scores.target_ok}/{scores.found}, "
        f"both right of found {scores.accuracy_found:.3f}, of all {scores.accuracy_all:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
