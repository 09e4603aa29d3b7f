"""Train the character language model and news vocabulary used to flag garbled words.

Data: ``../shared/data/news/saudinewsnet/*.zip`` (one JSON array of articles per day).
Split by day, in date order (``marsad.evaluation.saudinewsnet.split_days``): the
first 12 days train, the next 3 are dev (thresholds in ``marsad.annotate.translation`` were
set looking at dev only), the last 3 are held for ``marsad eval translation``'s
false-positive rate. Words are normalized Arabic letter runs.

The vocabulary keeps words seen at least ``MIN_WORD`` times; character contexts are counted
over word types weighted by frequency and pruned below ``MIN_CONTEXT`` occurrences.

    PYTHONPATH=src python training/translation/train_charlm.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from marsad.arabic.charlm import MODEL_PATH, CharLM, save
from marsad.arabic.normalize import normalize
from marsad.evaluation.saudinewsnet import read_day, split_days

ORDER = 4
MIN_WORD = 3
MIN_CONTEXT = 20
ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def news_words(text: str) -> list[str]:
    return ARABIC_WORD.findall(normalize(text))


def main() -> int:
    counts: Counter[str] = Counter()
    for path in split_days()["train"]:
        for article in read_day(path):
            counts.update(news_words(article.get("content") or ""))
            counts.update(news_words(article.get("title") or ""))
        print(f"{path.name}: {len(counts)} word types", flush=True)
    contexts: dict[str, Counter[str]] = {}
    for word, n in counts.items():
        padded = "<" + word + ">"
        for i in range(1, len(padded)):
            for k in range(0, ORDER):
                if k > i:
                    break
                contexts.setdefault(padded[i - k : i], Counter())[padded[i]] += n
    kept = {
        c: (sum(d.values()), len(d), dict(d)) for c, d in contexts.items() if sum(d.values()) >= MIN_CONTEXT
    }
    vocabulary = {w: n for w, n in counts.items() if n >= MIN_WORD}
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    save(CharLM(ORDER, kept, vocabulary), MODEL_PATH)
    print(
        f"{len(kept)} contexts, {len(vocabulary)} words; "
        f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size >> 10} KiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
