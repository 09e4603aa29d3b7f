"""Propose candidate event groups on the gold days of SaudiNewsNet for hand labelling.

Independent of the system under test: TF-IDF (word unigrams+bigrams, rare words only) over the
folded title and first 300 characters, single link at cosine >= LINK, connected components of
2..MAX_GROUP articles from at least two outlets. Reproducible (no randomness).

    PYTHONPATH=src python training/events_gold/candidates.py > /tmp/event_candidates.txt
"""

from __future__ import annotations

import sys

from marsad.arabic.normalize import fold
from marsad.evaluation import saudinewsnet

DAYS = ["2015-08-02", "2015-08-03", "2015-08-04"]
LINK = 0.3
MAX_GROUP = 40


def load_days(days: list[str] = DAYS) -> list[dict]:
    """Every record of the given days in file order, with its day and position in the day's file."""
    rows = []
    for day in days:
        for index, item in enumerate(saudinewsnet.read_day(saudinewsnet.corpus_dir() / f"{day}.zip")):
            content = (item.get("content") or "").strip()
            rows.append(
                {
                    **item,
                    "day": day,
                    "index": index,
                    "title": (item.get("title") or "").strip(),
                    "lead": content[:300],
                }
            )
    return rows


def main() -> None:
    rows = load_days()
    texts = [fold(r["title"] + " " + r["lead"]) for r in rows]
    groups = saudinewsnet.similar_groups(texts, LINK, max_df=0.03)
    kept = [g for g in groups if 2 <= len(g) <= MAX_GROUP and len({rows[i]["source"] for i in g}) >= 2]
    kept.sort(key=lambda g: (-len(g), g[0]))
    for n, g in enumerate(kept):
        print(f"== g{n} ({len(g)})")
        for i in g:
            r = rows[i]
            print(f"  {r['day']}#{r['index']} {r['source']}: {r['title'][:110]}")
    print(f"{len(rows)} articles, {len(kept)} groups", file=sys.stderr)


if __name__ == "__main__":
    main()
