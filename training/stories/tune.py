"""Grid search of the story-clustering constants on the TUNE split only; prints the grid.

    PYTHONPATH=src python training/stories/tune.py

ACTOR_WEIGHT is not searched: the development set carries no actors (the evaluation leaves
them empty), so it cannot move the score here; it keeps its prior value.
"""

from __future__ import annotations

import itertools

import numpy as np

from marsad.evaluation.stories import bcubed, load_dev_set
from marsad.link import stories

THRESHOLDS = [round(x, 3) for x in np.arange(0.45, 0.801, 0.025)]
GAPS = [1, 2, 3, 21]
EMBED_CHARS = [150, 300, 600]


def main() -> None:
    articles = load_dev_set(split="tune")
    gold = {a.id: a.cluster for a in articles}
    results = []
    original = (stories.THRESHOLD, stories.MAX_GAP_DAYS, stories.EMBED_CHARS)
    try:
        for chars in EMBED_CHARS:
            stories.EMBED_CHARS = chars
            vectors = stories.embed([stories.article_text_for_embedding(a.title, a.lead) for a in articles])
            for threshold, gap in itertools.product(THRESHOLDS, GAPS):
                stories.THRESHOLD, stories.MAX_GAP_DAYS = threshold, gap
                features = [
                    stories.ArticleFeatures(id=a.id, vector=v, day=a.day, title=a.title)
                    for a, v in zip(articles, vectors, strict=True)
                ]
                predicted = {i: s.id for s in stories.cluster(features) for i in s.articles}
                score = bcubed(gold, predicted)
                results.append((score.f1, score.precision, score.recall, threshold, gap, chars))
    finally:
        stories.THRESHOLD, stories.MAX_GAP_DAYS, stories.EMBED_CHARS = original
    print(f"tune split: {len(articles)} articles, {len(set(gold.values()))} stories")
    print(f"{'chars':>5} {'gap':>4} {'thresh':>6}   {'P':>5} {'R':>5} {'F1':>5}")
    for f1, p, r, threshold, gap, chars in sorted(results, key=lambda x: (x[5], x[4], x[3])):
        print(f"{chars:>5} {gap:>4} {threshold:>6.3f}   {p:.3f} {r:.3f} {f1:.3f}")
    best = max(results, key=lambda x: (round(x[0], 3), x[4], -abs(x[3] - 0.62)))
    print(
        f"best: F1={best[0]:.3f} P={best[1]:.3f} R={best[2]:.3f} THRESHOLD={best[3]} MAX_GAP_DAYS={best[4]} "
        f"EMBED_CHARS={best[5]}"
    )


if __name__ == "__main__":
    main()
