"""List trigger candidates per PLOVER type from the UniversalPetrarch Arabic verb patterns.

Raw material for ``marsad/arabic/event_verbs.py`` (which is curated by hand and is what
ships): reads ``CAMEO.ar.0.5.txt`` verb blocks (``--- HEAD [code] ---``, synonyms, then
``- pattern [CAMEO code]`` lines), maps each pattern's CAMEO code to PLOVER with
``CAMEO2PLOVER-2021.txt`` (longest code prefix), and prints per PLOVER type the block verbs
with how many of their patterns map there, marking those the shipped lexicon already
matches. The patterns are noisy (English glosses, whole phrases, wrong senses): read the
output, do not import it.

    PYTHONPATH=src python training/events/extract_candidates.py [--type ASSAULT]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict

from marsad.arabic.event_verbs import match_word
from marsad.paths import shared_path

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[(.*?)\]\s+---")
_PATTERN = re.compile(r"^-\s.*\[(\d+)\]")
_MAP = re.compile(r"^(\d+):\s*([A-Z]+)")


def cameo_to_plover() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (
        shared_path("data", "events", "plover", "CAMEO2PLOVER-2021.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        m = _MAP.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2)
    return out


def plover_of(code: str, table: dict[str, str]) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def candidates() -> dict[str, Counter[str]]:
    table = cameo_to_plover()
    path = shared_path("data", "events", "universalpetrarch-arabic", "CAMEO.ar.0.5.txt")
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    verbs: list[str] = []
    in_verbs = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs or not line:
            continue
        block = _BLOCK.match(line)
        if block:
            verbs = [block.group(1)]
            continue
        pattern = _PATTERN.match(raw.strip())
        if pattern:
            plover = plover_of(pattern.group(1), table)
            if plover:
                for verb in verbs:
                    by_type[plover][verb] += 1
        elif not line.startswith("-"):
            verbs.append(line.split()[0])
    return by_type


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--type", help="only this PLOVER type")
    args = parser.parse_args()
    for plover, verbs in sorted(candidates().items()):
        if args.type and plover != args.type:
            continue
        print(f"# {plover}")
        for verb, n in verbs.most_common(40):
            word = verb.replace("+", " ").split()[0]
            trigger = match_word(word)
            have = f"lexicon:{trigger.type}" if trigger else "-"
            print(f"{verb}\t{n}\t{have}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
