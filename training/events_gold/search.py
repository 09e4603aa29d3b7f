"""Find every article of the gold days whose title or lead matches all the given words
(after Arabic normalisation), to collect all reports of one event across outlets.

    PYTHONPATH=src python training/events_gold/search.py نجران مقذوف
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.arabic.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from candidates import load_days


def main(terms: list[str], lead_chars: int = 160) -> None:
    wanted = [normalize(term) for term in terms]
    for row in load_days():
        haystack = normalize(f"{row['title']} {(row.get('content') or '')[:600]}")
        if all(term in haystack for term in wanted):
            lead = " ".join((row.get("content") or "").split())[:lead_chars]
            print(f"{row['day']}#{row['index']} {row['source']}: {row['title'][:90]} || {lead}")


if __name__ == "__main__":
    main(sys.argv[1:])
