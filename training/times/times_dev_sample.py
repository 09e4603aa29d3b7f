"""Sample candidate excerpts for the times dev set from SaudiNewsNet (fixed seed).

Writes /tmp/tdev/cands.json: up to 300 excerpts (≤ ~150 chars) around time-like triggers
(month, weekday and relative words, 4-digit years, "قبل/منذ/خلال + unit"), at most two a
article, from shuffled articles. A trigger only says where to look: the labeller reads the
excerpt and writes the expression and its value by hand in training/times/times_dev_labels.txt.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from marsad.evaluation import saudinewsnet

WORDS = (
    "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
    "|محرم|صفر|ربيع|جمادى|رجب|شعبان|رمضان|شوال|القعدة|الحجة"
    "|السبت|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة"
    "|أمس|اليوم|غدا|الماضي|المقبل|القادم|الجاري|الحالي|مطلع|منتصف|نهاية|أواخر|بداية|لمدة"
)
UNITS = "يوم|يومين|أيام|أسبوع|أسبوعين|شهر|شهرين|أشهر|عام|عامين|أعوام|سنة|سنتين|سنوات"
TRIGGER = re.compile(
    rf"((?:{WORDS})(?!\w)|(?<!\d)(?:19|20)\d\d(?!\d)|(?:قبل|منذ|خلال|مدار|مدى) (?:\S+ )?(?:{UNITS}))"
)


def main() -> None:
    random.seed(20261123)
    articles = list(saudinewsnet.records())
    random.shuffle(articles)
    out = []
    for article in articles[:400]:
        content = " ".join((article.get("content") or "").split())
        published = (article.get("date_extracted") or "")[:10]
        hits = list(TRIGGER.finditer(content))
        random.shuffle(hits)
        for m in hits[:2]:
            excerpt = content[max(0, m.start() - 70) : min(len(content), m.end() + 60)]
            out.append(
                {"pub": published, "url": article.get("url"), "excerpt": excerpt, "trigger": m.group(0)}
            )
        if len(out) >= 300:
            break
    Path("/tmp/tdev").mkdir(exist_ok=True)
    Path("/tmp/tdev/cands.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    print(len(out))


if __name__ == "__main__":
    main()
