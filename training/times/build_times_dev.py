"""Build src/marsad/resources/eval/times_dev.jsonl from hand labels.

Inputs: the candidate excerpts written by ``training/times/times_dev_sample.py`` (SaudiNewsNet, a fixed
random seed) and ``training/times/times_dev_labels.txt``, one hand-written label a line:
``candidate|text|value|precision|end_value|kind|relative`` (candidate "S000".."S004" = a
bundled seed). Labels were written by reading each excerpt, never by running the annotator.
Run: PYTHONPATH=src python training/times/times_dev_sample.py
     PYTHONPATH=src python training/times/build_times_dev.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_PUBLISHED = {"000": "2023-08-08", "001": "2023-08-11", "002": None, "003": "2023-08-08", "004": None}


def main(candidates_path: str = "/tmp/tdev/cands.json") -> None:
    candidates = json.loads(Path(candidates_path).read_text(encoding="utf-8"))
    seeds = {p.name[:3]: p for p in (ROOT / "src/marsad/resources/examples/seeds").glob("*.txt")}
    rows = []
    labels = (ROOT / "training/times/times_dev_labels.txt").read_text(encoding="utf-8")
    for n, line in enumerate(labels.splitlines()):
        if not line.strip():
            continue
        cand, text, value, precision, end_value, kind, relative = line.split("|")
        if cand.startswith("S"):
            body = " ".join(seeds[cand[1:]].read_text(encoding="utf-8").split())
            at = body.index(text)
            lo = max(0, at - 150)
            excerpt, published = body[lo : at + len(text) + 90], SEED_PUBLISHED[cand[1:]]
            source, url = f"seed {cand[1:]}", None
        else:
            c = candidates[int(cand)]
            excerpt, published, source, url = c["excerpt"], c["pub"], "saudinewsnet", c["url"]
        start = excerpt.index(text)
        ident = f"t{n:03d}"
        split = "held" if int(hashlib.sha1(ident.encode()).hexdigest(), 16) % 10 < 4 else "tune"
        rows.append(
            {
                "id": ident,
                "split": split,
                "source": source,
                "url": url,
                "published": published,
                "excerpt": excerpt,
                "start": start,
                "end": start + len(text),
                "text": text,
                "value": value or None,
                "precision": precision or None,
                "end_value": end_value or None,
                "kind": kind or ("range" if precision == "range" else "date"),
                "relative": relative == "1",
            }
        )
    out = ROOT / "src/marsad/resources/eval/times_dev.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows → {out}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
