"""Self-training experiment: a gazetteer of names the shipped model finds in unlabeled news.

Tags SaudiNewsNet sentences with the fast model and keeps every entity string (normalized)
seen at least ``--min-count`` times whose tags had mean marginal ≥ ``--confidence`` and
whose majority type holds ``--purity`` of its sightings. Writes ``auto_per.txt``,
``auto_org.txt``, ``auto_loc.txt``, ``auto_misc.txt`` plus a copy of the shipped
gazetteers into ``--out`` (a folder), for ``train_fast.py --gazetteer-dir``.

    PYTHONPATH=src python training/ner/self_train_gazetteer.py --out /tmp/gaz-auto
"""

from __future__ import annotations

import argparse
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

from marsad.annotate.bio import bio_to_spans
from marsad.annotate.entities import load_tagger
from marsad.annotate.gazetteer import GAZETTEER_DIR
from marsad.arabic.normalize import normalize
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.evaluation import saudinewsnet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--sentences", type=int, default=60_000)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--confidence", type=float, default=0.9)
    parser.add_argument("--purity", type=float, default=0.8)
    args = parser.parse_args()
    tagger = load_tagger("fast")
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    done = 0
    for article in saudinewsnet.records():
        text = re.sub(r"\s+", " ", article.get("content") or "")
        sentences = [[t.text for t in tokenize(text, s.start, s.end)] for s in split_sentences(text)]
        for tokens, (tags, marginals) in zip(
            sentences, tagger.tag_document_with_confidence(sentences), strict=True
        ):
            for a, b, kind in bio_to_spans(tags):
                if sum(marginals[a:b]) / (b - a) >= args.confidence:
                    seen[" ".join(normalize(t) for t in tokens[a:b])][kind] += 1
        done += len(sentences)
        if done >= args.sentences:
            break
    args.out.mkdir(parents=True, exist_ok=True)
    for path in GAZETTEER_DIR.glob("*.txt"):
        shutil.copy(path, args.out / path.name)
    kept: dict[str, list[str]] = defaultdict(list)
    for name, kinds in seen.items():
        kind, count = kinds.most_common(1)[0]
        total = sum(kinds.values())
        if total >= args.min_count and count / total >= args.purity and len(name) >= 2:
            kept[kind].append(name)
    for kind, names in kept.items():
        (args.out / f"auto_{kind.lower()}.txt").write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
        print(f"auto_{kind.lower()}: {len(names)}")
    print(f"{done} sentences tagged")


if __name__ == "__main__":
    main()
