"""Turn the hand-made event decisions (``event_labels.txt``) into resources/eval/events_gold.jsonl.

Each line of the decisions names an event, its story, optionally the event it must stay apart
from (a hard negative: same actors on another day, or the same type elsewhere), and its
articles by ``<day>#<index>``. The output keeps, per article, only references and the title
(SaudiNewsNet is CC BY-NC-SA: no article text). Split by story, so a story is entirely dev or
held: stories in a seeded shuffled order, each to the half with fewer articles so far.

    PYTHONPATH=src python training/events_gold/build_events.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from marsad.paths import RESOURCES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from candidates import load_days

LABELS = Path(__file__).resolve().parent / "event_labels.txt"
OUT = RESOURCES / "eval" / "events_gold.jsonl"
SEED = 20150802


def parse(path: Path = LABELS) -> list[tuple[str, str, str | None, list[str]]]:
    """(event, story, hard negative of, refs) per decision line."""
    decisions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        head, _, refs = line.partition(" : ")
        fields = head.split()
        if len(fields) not in (2, 3) or not refs.split():
            raise SystemExit(f"{path.name}:{number}: expected '<event> <story> [!<event>] : <refs>'")
        negative = fields[2].removeprefix("!") if len(fields) == 3 else None
        decisions.append((fields[0], fields[1], negative, refs.split()))
    return decisions


def main() -> None:
    decisions = parse()
    records = {f"{r['day']}#{r['index']}": r for r in load_days()}
    events = {event for event, _, _, _ in decisions}
    seen: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for event, story, negative, refs in decisions:
        if negative and negative not in events:
            raise SystemExit(f"{event}: unknown event {negative!r} to stay apart from")
        for ref in refs:
            if ref not in records:
                raise SystemExit(f"{event}: no article {ref}")
            if ref in seen:
                raise SystemExit(f"{ref} labelled twice: {seen[ref]} and {event}")
            seen[ref] = event
        sizes[story] = sizes.get(story, 0) + len(refs)
    stories = sorted(sizes)
    random.Random(SEED).shuffle(stories)
    halves = {"dev": 0, "held": 0}
    split_of = {}
    for story in stories:
        half = min(halves, key=lambda h: (halves[h], h))
        split_of[story] = half
        halves[half] += sizes[story]
    rows = []
    for event, story, negative, refs in decisions:
        for ref in refs:
            record = records[ref]
            row = {
                "ref": ref,
                "url": record["url"],
                "day": record["day"],
                "source": record["source"],
                "split": split_of[story],
                "event": event,
                "story": story,
                "title": record["title"],
            }
            if negative:
                row["hard_negative_of"] = negative
            rows.append(row)
    rows.sort(key=lambda r: (r["day"], int(r["ref"].split("#")[1])))
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    negatives = sum(1 for _, _, negative, _ in decisions if negative)
    print(
        f"{len(rows)} articles, {len(events)} events ({negatives} hard negatives), {len(sizes)} stories;"
        f" dev {halves['dev']} / held {halves['held']} articles -> {OUT}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
