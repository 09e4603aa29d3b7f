"""Propose candidate story groups from SaudiNewsNet for hand labelling.

Independent of the system under test: TF-IDF (word unigrams+bigrams) over the title and the
first 300 characters of content, linked when cosine >= LINK (words in more than 5% of the
texts left out); groups are connected components of 2..12 articles. Reproducible: fixed window, fixed seed.

    PYTHONPATH=src python training/stories/sample_candidates.py > /tmp/story_candidates.jsonl
"""

from __future__ import annotations

import json
import random
import sys

from marsad.arabic.normalize import fold
from marsad.evaluation import saudinewsnet

WINDOW = ["2015-08-07", "2015-08-08", "2015-08-09", "2015-08-10", "2015-08-11"]
LINK = 0.35
SEED = 20150807
SINGLETONS = 120


def load_window() -> list[dict]:
    rows = []
    for day in WINDOW:
        for item in saudinewsnet.read_day(saudinewsnet.corpus_dir() / f"{day}.zip"):
            content = (item.get("content") or "").strip()
            title = (item.get("title") or "").strip()
            if len(content) < 200 or not title:
                continue
            rows.append({**item, "day": day, "title": title, "lead": content[:300]})
    # the crawler sometimes stores the same URL twice: keep the first
    seen, unique = set(), []
    for row in rows:
        if row["url"] not in seen:
            seen.add(row["url"])
            unique.append(row)
    return unique


def main() -> None:
    rows = load_window()
    texts = [fold(r["title"] + " " + r["lead"]) for r in rows]
    groups = saudinewsnet.similar_groups(texts, LINK, max_df=0.05)
    multi = [g for g in groups if 2 <= len(g) <= 12]
    singles = [g[0] for g in groups if len(g) == 1]
    rng = random.Random(SEED)
    rng.shuffle(multi)
    out = sys.stdout
    for n, g in enumerate(multi):
        for i in g:
            r = rows[i]
            out.write(
                json.dumps(
                    {
                        "cand": f"c{n}",
                        "url": r["url"],
                        "day": r["day"],
                        "source": r["source"],
                        "title": r["title"],
                        "lead": r["lead"],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    for i in rng.sample(singles, SINGLETONS):
        r = rows[i]
        out.write(
            json.dumps(
                {
                    "cand": "single",
                    "url": r["url"],
                    "day": r["day"],
                    "source": r["source"],
                    "title": r["title"],
                    "lead": r["lead"],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    print(f"{len(rows)} articles, {len(multi)} candidate groups, {len(singles)} singletons", file=sys.stderr)


if __name__ == "__main__":
    main()
