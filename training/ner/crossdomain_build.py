"""Build the cross-domain NER development set from the labeller's files.

    PYTHONPATH=src python training/ner/crossdomain_build.py --merge build/crossdomain_pretag.txt
    PYTHONPATH=src python training/ner/crossdomain_build.py

``--merge PRETAG`` (once, after labelling): every pre-tagged sentence of
``crossdomain_sample.py``'s output, replaced by its line in ``crossdomain/corrections.txt``
where the labeller changed it, becomes ``crossdomain/labels.tsv`` (id, domain, source, url,
sentence in bracket notation). Without it: ``labels.tsv`` → ``resources/eval/ner_crossdomain_dev.jsonl``
with character spans into each sentence. Bracket tokens must be the sentence's own tokens
(``marsad.arabic.tokens``): a line that does not match is an error naming it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from marsad.arabic.tokens import tokenize
from marsad.paths import RESOURCES

HERE = Path(__file__).resolve().parent / "crossdomain"
LABELS = HERE / "labels.tsv"
CORRECTIONS = HERE / "corrections.txt"
OUT = RESOURCES / "eval" / "ner_crossdomain_dev.jsonl"
TYPES = ("PER", "LOC", "ORG", "MISC")


def parse_bracketed(line: str) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Tokens and token spans (first, end exclusive, type) of ``a [PER b c] d``."""
    tokens: list[str] = []
    spans: list[tuple[int, int, str]] = []
    open_at: tuple[int, str] | None = None
    for part in line.split():
        if part.startswith("[") and part[1:] in TYPES and open_at is None:
            open_at = (len(tokens), part[1:])
            continue
        closes = open_at is not None and part.endswith("]") and len(part) > 1
        tokens.append(part[:-1] if closes else part)
        if closes:
            assert open_at is not None
            spans.append((open_at[0], len(tokens), open_at[1]))
            open_at = None
    if open_at is not None:
        raise ValueError("unclosed bracket")
    return tokens, spans


def split_of(sentence_id: str) -> str:
    """``held`` for 40% of sentences (by hash of the id), else ``tune``."""
    return "held" if int(hashlib.md5(sentence_id.encode()).hexdigest(), 16) % 10 < 4 else "tune"


def merge(pretag: Path) -> None:
    corrected: dict[str, str] = {}
    for line in CORRECTIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, text = line.split("\t", 1)
            corrected[key] = text
    lines = pretag.read_text(encoding="utf-8").splitlines()
    rows = []
    for meta, tagged in zip(lines[::2], lines[1::2], strict=True):
        key, domain, source, url, _ = meta.split("\t")
        rows.append("\t".join((key, domain, source, url, corrected.pop(key, tagged))))
    if corrected:
        sys.exit(f"{CORRECTIONS}: ids not in the sample: {sorted(corrected)}")
    LABELS.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} sentences -> {LABELS}")


def build() -> None:
    out = []
    for number, line in enumerate(LABELS.read_text(encoding="utf-8").splitlines(), 1):
        key, domain, source, url, bracketed = line.split("\t")
        try:
            tokens, spans = parse_bracketed(bracketed)
        except ValueError as exc:
            sys.exit(f"{LABELS}:{number}: {exc}")
        text = " ".join(tokens)
        found = tokenize(text)
        if [t.text for t in found] != tokens:
            sys.exit(f"{LABELS}:{number}: tokens differ from the tokenizer's ({key})")
        entities = [
            {
                "start": found[a].start,
                "end": found[b - 1].end,
                "type": kind,
                "text": text[found[a].start : found[b - 1].end],
            }
            for a, b, kind in spans
        ]
        out.append(
            {"id": key, "split": split_of(key), "domain": domain, "source": source, "url": url,
             "text": text, "entities": entities}
        )  # fmt: skip
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    n = sum(len(r["entities"]) for r in out)
    print(f"{len(out)} sentences, {n} entities -> {OUT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merge", type=Path, default=None, help="pre-tag file to merge with the corrections")
    args = parser.parse_args()
    if args.merge:
        merge(args.merge)
    else:
        build()


if __name__ == "__main__":
    main()
