"""Join the hand-written role labels with their sentences and write resources/eval/roles_gold.jsonl.

The labels (``role_labels.txt``) name a sentence by ``<ref>:<n>`` (the n-th sentence of the
article as ``role_candidates.sentences`` splits it) or ``<ref>@<words>`` (the sentence that
contains those words, for sentences the candidate filter left out); refs are ``<day>#<index>``
(0-based position in the day's SaudiNewsNet file) or ``seed:<stem>``. Only the sentence is
written (an excerpt of at most a few hundred characters; SaudiNewsNet is CC BY-NC-SA).

    PYTHONPATH=src python training/events_gold/build_roles.py
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from marsad.arabic.normalize import normalize
from marsad.paths import RESOURCES, examples_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from candidates import load_days
from role_candidates import sentences

HERE = Path(__file__).resolve().parent
LABELS = HERE / "role_labels.txt"
OUT = RESOURCES / "eval" / "roles_gold.jsonl"
ANY_SENTENCE = re.compile(r"(?<=[.!?؟])\s+|\n+")


def split_of(ref: str) -> str:
    """By article, deterministic: about half dev, half held."""
    return "held" if int(hashlib.sha1(ref.encode()).hexdigest(), 16) % 2 else "dev"


def parse_names(field: str) -> list[list[str]]:
    """'a/b;c' -> [['a', 'b'], ['c']]; '-' alone -> [] (no participant); '-' among names: optional."""
    field = field.strip()
    if field == "-":
        return []
    return [[name.strip() for name in part.split("/") if name.strip()] for part in field.split(";")]


def main() -> None:
    texts = {
        f"seed:{p.stem}": ("", p.read_text(encoding="utf-8"))
        for p in (examples_dir() / "seeds").glob("*.txt")
    }
    texts |= {f"{r['day']}#{r['index']}": (r["url"], r.get("content") or "") for r in load_days()}
    rows = []
    for number, line in enumerate(LABELS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sentence_id, kind, trigger, source, target = (field.strip() for field in line.split(" | "))
        if "@" in sentence_id:
            ref, words = sentence_id.split("@", 1)
            matches = [s.strip() for s in ANY_SENTENCE.split(texts[ref][1]) if words in s]
            if len(matches) != 1:
                raise SystemExit(f"{LABELS.name}:{number}: {len(matches)} sentences contain {words!r}")
            sentence = matches[0]
        else:
            ref, position = sentence_id.rsplit(":", 1)
            sentence = sentences(texts[ref][1])[int(position)]
        if normalize(trigger) not in normalize(sentence):
            raise SystemExit(f"{LABELS.name}:{number}: trigger {trigger!r} not in the sentence")
        rows.append(
            {
                "id": f"{sentence_id.split('@')[0]}/{kind}/{trigger}",
                "ref": ref,
                "url": texts[ref][0],
                "split": split_of(ref),
                "sentence": sentence,
                "type": kind,
                "trigger": trigger,
                "source": parse_names(source),
                "target": parse_names(target),
            }
        )
    ids = [r["id"] for r in rows]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise SystemExit(f"duplicate label ids: {sorted(duplicates)}")
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    held = sum(r["split"] == "held" for r in rows)
    print(f"{len(rows)} labelled mentions ({len(rows) - held} dev, {held} held) -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
