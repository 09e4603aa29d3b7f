"""Propose sentences for role labelling: event sentences of the gold days and the seeds.

Picks sentences (split at . ! ? and line breaks, 40..260 characters) that contain one of the
constructions roles are hard for (passive and nominal killing/strike reports, agent phrases
"على يد / من قبل / نفذتها", "استهدف", meetings, protests, accusations, arrests). Independent of
the system under test; reproducible (file order, fixed caps per pattern). Each candidate gets
an id ``<article ref>:<sentence number>`` (stable when the caps change) that the label file
refers to; ``--caps N`` multiplies the caps (a second, larger draw keeps the first's ids).

    PYTHONPATH=src python training/events_gold/role_candidates.py > /tmp/role_candidates.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from marsad.paths import examples_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from candidates import DAYS, load_days

PATTERNS: list[tuple[str, str, int]] = [
    ("killed-nominal", r"مقتل|استشهاد|مصرع", 60),
    ("killed-passive", r"قُ?تِ?ل|قتلوا|اُ?ستشهد|أُ?صيب|أصيبوا", 40),
    ("agent-phrase", r"على يد|على أيدي|بأيدي|نفذها|نفذتها|شنتها|شنها|نفذه|شنه", 40),
    ("strike", r"غارة|غارات|قصف|قصفت|هجوما?|هجمات|استهدف|استهدفت|استهداف|ضربة|ضربات", 60),
    ("meeting", r"التقى|يلتقي|التقت|استقبل|يستقبل|اجتمع|يبحث|بحث|بحثا|يبحثان|اتصالا|زار|يزور|لقاء", 60),
    ("protest", r"تظاهر|تظاهرات?|مظاهرة|مظاهرات|احتجاج|احتجاجات|اعتصام|محتجين|متظاهرين|المتظاهرون", 30),
    ("accuse", r"اتهم|يتهم|تتهم|اتهمت|اتهامات|أدان|أدانت|يدين|تدين|استنكر|استنكرت|انتقد|انتقدت", 40),
    ("arrest", r"القبض|اعتقال|اعتقلت|اعتقل|احتجاز|خطف|اختطاف", 25),
]
CLITICS = "(?:و|ف)?(?:ب|ل|ك)?(?:ال)?"
MIN_LEN, MAX_LEN = 40, 260
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if MIN_LEN <= len(s.strip()) <= MAX_LEN]


def main(scale: int = 1) -> None:
    seeds = sorted((examples_dir() / "seeds").glob("*.txt"))
    docs: list[tuple[str, str, str]] = [(f"seed:{p.stem}", "", p.read_text(encoding="utf-8")) for p in seeds]
    docs += [(f"{r['day']}#{r['index']}", r["url"], r.get("content") or "") for r in load_days()]
    compiled = [
        (name, re.compile(rf"(?<!\w){CLITICS}(?:{rx})(?!\w)"), cap * scale // len(DAYS))
        for name, rx, cap in PATTERNS
    ]
    taken: dict[tuple[str, str], int] = {}
    seen: set[str] = set()
    per_article: dict[str, int] = {}
    number = 0
    for ref, url, text in docs:
        for position, sentence in enumerate(sentences(text)):
            if sentence in seen:
                continue
            for name, rx, cap in compiled:
                seed = ref.startswith("seed:")
                key = (name, ref.split("#")[0])
                if rx.search(sentence) and (
                    seed or (taken.get(key, 0) < cap and per_article.get(ref, 0) < 2)
                ):
                    seen.add(sentence)
                    taken[key] = taken.get(key, 0) + 1
                    per_article[ref] = per_article.get(ref, 0) + 1
                    row = {
                        "cand": f"{ref}:{position}",
                        "ref": ref,
                        "url": url,
                        "pattern": name,
                        "sentence": sentence,
                    }
                    print(json.dumps(row, ensure_ascii=False))
                    number += 1
                    break
    print(f"{number} candidates: {taken}", file=sys.stderr)


if __name__ == "__main__":
    main(int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--caps" else 1)
