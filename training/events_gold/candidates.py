"""Propose candidate event groups on the gold days of SaudiNewsNet for hand labelling.

Independent of the system under test: TF-IDF (word unigrams+bigrams, rare words only) over the
folded title and first 300 characters, single link at cosine >= LINK, connected components of
2..MAX_GROUP articles from at least two outlets. Reproducible (no randomness).

    PYTHONPATH=src python training/events_gold/candidates.py > /tmp/event_candidates.txt
"""

from __future__ import annotations

import json
import sys
import zipfile

from sklearn.feature_extraction.text import TfidfVectorizer

from marsad.arabic.normalize import fold
from marsad.paths import shared_path

DAYS = ["2015-08-02", "2015-08-03", "2015-08-04"]
LINK = 0.3
MAX_GROUP = 40


def load_days(days: list[str] = DAYS) -> list[dict]:
    """Every record of the given days in file order, with its day and position in the day's file."""
    rows = []
    for day in days:
        path = shared_path("data", "news", "saudinewsnet", f"{day}.zip")
        with zipfile.ZipFile(path) as z:
            for index, item in enumerate(json.loads(z.read(z.namelist()[0]))):
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
    matrix = TfidfVectorizer(ngram_range=(1, 2), max_df=0.03, sublinear_tf=True).fit_transform(texts)
    sims = (matrix @ matrix.T).tocoo()
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, s in zip(sims.row, sims.col, sims.data, strict=True):
        if i < j and s >= LINK:
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    kept = [
        g for g in groups.values() if 2 <= len(g) <= MAX_GROUP and len({rows[i]["source"] for i in g}) >= 2
    ]
    kept.sort(key=lambda g: (-len(g), g[0]))
    for n, g in enumerate(kept):
        print(f"== g{n} ({len(g)})")
        for i in g:
            r = rows[i]
            print(f"  {r['day']}#{r['index']} {r['source']}: {r['title'][:110]}")
    print(f"{len(rows)} articles, {len(kept)} groups", file=sys.stderr)


if __name__ == "__main__":
    main()
