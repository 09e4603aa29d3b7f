"""How many event mentions have no participant at all, on a sample of SaudiNewsNet.

Reads one SaudiNewsNet day (``../shared/data/news/saudinewsnet/DAY.zip``), takes every
k-th article up to ``--limit`` (spread over outlets and hours), runs the annotators of the
fast profile and prints the share of event mentions with neither a source nor a target,
per type and overall, and the share dated only to the publication month.

    PYTHONPATH=src python training/events/participant_share.py --day 2015-08-02 --limit 300 --sample 40

``--sample N`` also prints N mentions without a participant (every k-th, with the sentence
they are in), to read for the classes of what is missed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from marsad.analyze import process
from marsad.model import ReadProblem
from marsad.paths import shared_path
from marsad.sources import iter_inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--day", default="2015-08-02")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--step", type=int, default=4, help="take every k-th article")
    parser.add_argument("--sample", type=int, default=0, help="print this many participant-less mentions")
    args = parser.parse_args()
    path = shared_path("data", "news", "saudinewsnet", f"{args.day}.zip")
    raws = [r for r in iter_inputs([str(path)]) if not isinstance(r, ReadProblem)]
    sample = raws[:: args.step][: args.limit]
    total: Counter[str] = Counter()
    empty: Counter[str] = Counter()
    month = 0
    bare: list[str] = []
    for raw in sample:
        doc = process(raw, "fast", None)
        for m in doc.event_mentions:
            total[m.type] += 1
            if not m.sources and not m.targets:
                empty[m.type] += 1
                sentence = " ".join(doc.text[m.sentence_start : m.sentence_end].split())
                bare.append(f"{m.type} «{m.text}» | {sentence[:300]}")
            if m.date_precision == "month" and doc.article.published and m.date == doc.article.published[:7]:
                month += 1
    n = sum(total.values())
    print(f"{len(sample)} articles of {args.day} (every {args.step}th), {n} event mentions")
    for etype, count in total.most_common():
        print(f"  {etype:<12} {count:5d}  without participant {empty[etype] / count:6.1%}")
    if n:
        print(f"without any participant: {sum(empty.values()) / n:.1%}")
        print(f"dated only to the publication month: {month / n:.1%}")
    if args.sample and bare:
        step = max(1, len(bare) // args.sample)
        for line in bare[::step][: args.sample]:
            # untrusted text: no control characters reach the terminal
            print("".join(ch if ch.isprintable() else " " for ch in line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
