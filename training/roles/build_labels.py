"""Join the role-model training labels with their sentences: ``training/roles/roles_train.jsonl``.

The labels (``role_labels.txt``, format of ``training/events_gold/role_labels.txt``) come from
SaudiNewsNet days outside the role gold; the output has the gold's record shape, so
``marsad eval roles --roles training/roles/roles_train.jsonl --split all`` scores the system on
them too. Their ``split`` is ``dev`` (tunable; no record here is ever held).

    PYTHONPATH=src python training/roles/build_labels.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.arabic.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "events_gold"))
from build_roles import parse_names
from candidates import DAYS as GOLD_DAYS
from candidates import load_days
from role_candidates import sentences

HERE = Path(__file__).resolve().parent
LABELS = HERE / "role_labels.txt"
OUT = HERE / "roles_train.jsonl"


def main() -> None:
    lines = [
        (number, line)
        for number, line in enumerate(LABELS.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]
    days = sorted({line.split("#")[0] for _, line in lines})
    if set(days) & set(GOLD_DAYS):
        raise SystemExit(f"{LABELS.name}: labels on role-gold days {sorted(set(days) & set(GOLD_DAYS))}")
    texts = {f"{r['day']}#{r['index']}": (r["url"], r.get("content") or "") for r in load_days(days)}
    rows = []
    for number, line in lines:
        sentence_id, kind, trigger, source, target = (field.strip() for field in line.split(" | "))
        ref, position = sentence_id.rsplit(":", 1)
        sentence = sentences(texts[ref][1])[int(position)]
        if normalize(trigger) not in normalize(sentence):
            raise SystemExit(f"{LABELS.name}:{number}: trigger {trigger!r} not in the sentence")
        rows.append(
            {
                "id": f"{sentence_id}/{kind}/{trigger}",
                "ref": ref,
                "url": texts[ref][0],
                "split": "dev",
                "sentence": sentence,
                "type": kind,
                "trigger": trigger,
                "source": parse_names(source),
                "target": parse_names(target),
            }
        )
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} labelled mentions -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
