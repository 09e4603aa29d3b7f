"""Choose silver training sentences from ``silver.py``'s tagged news (word, tag, probability).

    PYTHONPATH=src python training/ner/silver_select.py training/ner/build/silver-raw.txt \\
        --out training/ner/build/silver.txt --threshold 0.9 --level sentence --cap 0.5

A sentence qualifies when the accurate ensemble was sure of it:

- ``--level sentence``: every token's tag has probability ≥ ``--threshold``;
- ``--level span``: every entity span's mean tag probability ≥ ``--threshold`` and every
  ``O`` token's ≥ ``--o-threshold`` (a word of a name may be less sure than the name).

With ``--with-entity`` (the default) a sentence needs at least one entity: the ensemble is
surest of sentences without names, and a silver set full of them teaches the CRF to miss
names. Repeated sentences (outlets copy agency text) count once. ``--cap`` keeps at most
that many silver sentences per ANERcorp training sentence (a seeded random sample of the
qualifying ones): python-crfsuite has no instance weights, so the share of silver in
training is its weight. Writes a two-column BIO file with a ``# url`` line before each
article's sentences, as ``train_fast.py --silver`` reads it.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from marsad.annotate.bio import bio_to_spans, read_bio
from marsad.paths import shared_path


@dataclass(slots=True)
class SilverSentence:
    url: str
    tokens: list[str]
    tags: list[str]
    confidence: list[float]


def read_silver(path: Path) -> list[SilverSentence]:
    """Every sentence of a ``silver.py`` file, with its article's URL."""
    out: list[SilverSentence] = []
    url = ""
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            out.append(
                SilverSentence(url, [r[0] for r in rows], [r[1] for r in rows], [float(r[2]) for r in rows])
            )
            rows.clear()

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# "):
            flush()
            url = line[2:].split("\t")[0]
        elif not line.strip():
            flush()
        else:
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{path}:{number}: expected 'word<TAB>tag<TAB>probability', got {line!r}")
            rows.append(parts)
    flush()
    return out


def qualifies(s: SilverSentence, threshold: float, level: str, o_threshold: float, with_entity: bool) -> bool:
    spans = bio_to_spans(s.tags)
    if with_entity and not spans:
        return False
    if level == "sentence":
        return min(s.confidence) >= threshold
    if any(sum(s.confidence[a:b]) / (b - a) < threshold for a, b, _ in spans):
        return False
    return all(c >= o_threshold for c, t in zip(s.confidence, s.tags, strict=True) if t == "O")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("silver", type=Path, help="silver.py output")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--level", choices=("sentence", "span"), default="sentence")
    parser.add_argument("--o-threshold", type=float, default=0.9, help="O tokens, with --level span")
    parser.add_argument("--with-entity", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--cap", type=float, default=0.5, help="silver sentences per ANERcorp train sentence")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    everything = read_silver(args.silver)
    seen: set[tuple[str, ...]] = set()
    chosen: list[SilverSentence] = []
    for s in everything:
        key = tuple(s.tokens)
        if key in seen:
            continue
        seen.add(key)
        if qualifies(s, args.threshold, args.level, args.o_threshold, args.with_entity):
            chosen.append(s)
    qualifying = len(chosen)
    # The cap is counted against the part of ANERcorp train that dev models fit (90%).
    anercorp = int(len(read_bio(shared_path("data", "ner", "anercorp", "train.txt"))) * 0.9)
    cap = int(args.cap * anercorp)
    if len(chosen) > cap:
        chosen = random.Random(args.seed).sample(chosen, cap)
    chosen.sort(key=lambda s: s.url)  # articles together, for the "# url" lines
    kinds = Counter(k for s in chosen for _, _, k in bio_to_spans(s.tags))
    with args.out.open("w", encoding="utf-8") as out:
        url = None
        for s in chosen:
            if s.url != url:
                url = s.url
                out.write(f"# {url}\n")
            out.write("".join(f"{w}\t{t}\n" for w, t in zip(s.tokens, s.tags, strict=True)) + "\n")
    print(
        f"{len(everything)} silver sentences ({len(seen)} distinct) of "
        f"{len({s.url for s in everything})} articles; {qualifying} qualify; {len(chosen)} kept "
        f"(cap {args.cap} x {anercorp} ANERcorp) from {len({s.url for s in chosen})} articles; "
        f"entities {dict(sorted(kinds.items()))} -> {args.out}"
    )


if __name__ == "__main__":
    main()
