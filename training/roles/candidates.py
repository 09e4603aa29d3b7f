"""Propose sentences for role-model training labels, from SaudiNewsNet days outside the gold.

The same sentence filter as ``training/events_gold/role_candidates.py`` (constructions roles are
hard for, fixed caps per pattern, at most two sentences per article, file order), on days the
role gold (2015-08-02..04) does not use, so the trained model never sees a gold article.

    PYTHONPATH=src python training/roles/candidates.py 2015-08-10 2015-07-27 > /tmp/train_candidates.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "events_gold"))
from candidates import DAYS as GOLD_DAYS
from candidates import load_days
from role_candidates import CLITICS, PATTERNS, sentences


def main(days: list[str]) -> None:
    if set(days) & set(GOLD_DAYS):
        raise SystemExit(f"error: {sorted(set(days) & set(GOLD_DAYS))} are role-gold days; pick others")
    compiled = [
        (name, re.compile(rf"(?<!\w){CLITICS}(?:{rx})(?!\w)"), cap // 3) for name, rx, cap in PATTERNS
    ]
    taken: dict[tuple[str, str], int] = {}
    per_article: dict[str, int] = {}
    seen: set[str] = set()
    for row in load_days(days):
        ref, text = f"{row['day']}#{row['index']}", row.get("content") or ""
        for position, sentence in enumerate(sentences(text)):
            if sentence in seen:
                continue
            for name, rx, cap in compiled:
                key = (name, row["day"])
                if rx.search(sentence) and taken.get(key, 0) < cap and per_article.get(ref, 0) < 2:
                    seen.add(sentence)
                    taken[key] = taken.get(key, 0) + 1
                    per_article[ref] = per_article.get(ref, 0) + 1
                    out = {"cand": f"{ref}:{position}", "ref": ref, "pattern": name, "sentence": sentence}
                    print(json.dumps(out, ensure_ascii=False))
                    break


if __name__ == "__main__":
    main(sys.argv[1:])
