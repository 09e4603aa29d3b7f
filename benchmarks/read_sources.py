"""Reading throughput: every SaudiNewsNet day zip (or the inputs given) through iter_inputs.

    PYTHONPATH=src python benchmarks/read_sources.py [INPUT ...]

Prints articles, problems (by reason), seconds, articles per second and peak memory: the
readers stream, so peak memory stays near one day file, not the corpus.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter

from marsad.model import RawArticle
from marsad.paths import shared_path
from marsad.sources import iter_inputs


def main(argv: list[str]) -> None:
    inputs = argv or [str(p) for p in sorted(shared_path("data/news/saudinewsnet").glob("*.zip"))]
    articles, characters, problems = 0, 0, Counter()
    start = time.perf_counter()
    for record in iter_inputs(inputs):
        if isinstance(record, RawArticle):
            articles += 1
            characters += len(record.text)
        else:
            problems[record.problem.split(":")[0]] += 1
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| inputs | articles | characters | problems | seconds | articles/s | peak MB |")
    print(
        f"| {len(inputs)} | {articles} | {characters} | {sum(problems.values())} | {seconds:.2f} "
        f"| {articles / seconds:.0f} | {peak_mb:.0f} |"
    )
    for reason, count in problems.most_common():
        print(f"  problem: {reason}: {count}")


if __name__ == "__main__":
    main(sys.argv[1:])
