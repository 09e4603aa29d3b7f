"""Second sampling pass: for each labelled multi-article story, the three window articles not
yet in the set that are most similar to it by TF-IDF (0.10 <= cosine < 0.60). Reading these
yields differently worded members (missed by the first pass) and same-topic hard negatives;
the decisions are in build_dev.py (STORIES "window" entries and WINDOW_ADDITIONS).

    PYTHONPATH=src python training/stories/extend.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from marsad.arabic.normalize import fold
from marsad.paths import RESOURCES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_candidates import load_window


def main() -> None:
    rows = load_window()
    lines = (RESOURCES / "eval" / "stories_dev.jsonl").read_text(encoding="utf-8").splitlines()
    dev = [json.loads(line) for line in lines]
    in_set = {d["id"] for d in dev}
    texts = [fold(r["title"] + " " + r["lead"]) for r in rows]
    matrix = TfidfVectorizer(ngram_range=(1, 2), max_df=0.05, sublinear_tf=True).fit_transform(texts)
    index = {r["url"]: i for i, r in enumerate(rows)}
    clusters: dict[str, list[int]] = {}
    for d in dev:
        clusters.setdefault(d["cluster"], []).append(index[d["id"]])
    for label, members in clusters.items():
        if len(members) < 2:
            continue
        sims = (matrix[members] @ matrix.T).toarray().max(axis=0)
        picks = [j for j in sims.argsort()[::-1] if rows[j]["url"] not in in_set and 0.10 <= sims[j] < 0.6][
            :3
        ]
        print("==", label, "|", rows[members[0]]["title"][:60])
        for j in picks:
            print(
                f"   {j} {sims[j]:.2f} {rows[j]['day'][5:]} {rows[j]['source'][:7]} {rows[j]['title'][:80]}"
            )


if __name__ == "__main__":
    main()
