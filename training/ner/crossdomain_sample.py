"""Draw the sentences of the cross-domain NER development set and pre-tag them.

    PYTHONPATH=src python training/ner/crossdomain_sample.py > training/ner/build/crossdomain_pretag.txt

Articles of SaudiNewsNet (``../shared/data/news/saudinewsnet/*.zip``) far from politics are
put in one of five domains (sport, economy, technology, health, culture) by the domain words
of their title and first 600 characters (``marsad.arabic.domains`` plus a technology list
here); articles with security or politics words are left out. With a fixed seed, up to two
sentences of 6-45 tokens are drawn from each chosen article until each domain has
``--per-domain`` sentences. Each sentence is printed as ``id<TAB>domain<TAB>url<TAB>text``
followed by a line with the system's pre-tags in bracket notation (``[PER محمد صلاح]``):
the labeller reads and corrects every such line in ``crossdomain_labels.txt``, which
``crossdomain_build.py`` turns into ``resources/eval/ner_crossdomain_dev.jsonl``.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from marsad.annotate.bio import bio_to_spans
from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.domains import domain_of
from marsad.arabic.normalize import normalize
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.evaluation import saudinewsnet

DOMAINS = ("sport", "economy", "technology", "health", "culture")
TECHNOLOGY = frozenset(
    normalize(w)
    for w in (
        "تقنية", "تقني", "التقنية", "هاتف", "هواتف", "الذكية", "آبل", "أبل", "سامسونج", "جوجل",
        "قوقل", "مايكروسوفت", "الإنترنت", "الانترنت", "تطبيق", "تطبيقات", "فيسبوك", "تويتر",
        "إلكتروني", "الإلكترونية", "الكمبيوتر", "الحاسب", "الرقمية", "البرمجيات", "ويندوز",
        "آيفون", "أندرويد", "اتصالات", "الاتصالات", "تكنولوجيا", "التكنولوجيا",
    )
)  # fmt: skip
POLITICS = frozenset(
    normalize(w)
    for w in (
        "الحوثي", "الحوثيين", "داعش", "الإرهاب", "الإرهابية", "مجلس الأمن", "الانتخابات", "المعارضة",
        "الحرب", "غارات", "قتلى", "الرئيس", "النظام", "السياسية", "الحكومة", "البرلمان", "الوزراء",
    )
)  # fmt: skip


def article_domain(title: str, content: str, source: str, url: str) -> str | None:
    words = tokenize(normalize(title + " " + content[:600]))
    counts: Counter[str] = Counter()
    for t in words:
        variants = proclitic_variants(t.text)
        if any(v in POLITICS for v in variants):
            counts["politics"] += 1
        elif any(v in TECHNOLOGY for v in variants):
            counts["technology"] += 1
        else:
            d = domain_of(t.text)
            if d:
                counts[d] += 1
    if counts["security"] + counts["politics"] > 1:
        return None
    if source == "arreyadi" or "/Sports/" in url:
        counts["sport"] += 3
    if source == "aleqt" or "/Economy/" in url:
        counts["economy"] += 2
    if "/Culture/" in url:
        counts["culture"] += 3
    counts["health"] += 0
    best = max(DOMAINS, key=lambda d: counts[d])
    return best if counts[best] >= 3 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-domain", type=int, default=64)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--no-tags", action="store_true", help="skip the pre-tagging")
    args = parser.parse_args()
    articles = list(saudinewsnet.records())
    rng = random.Random(args.seed)
    rng.shuffle(articles)
    taken: dict[str, list[tuple[str, str, str]]] = {d: [] for d in DOMAINS}
    seen: set[str] = set()
    for a in articles:
        content, url = a.get("content") or "", a.get("url") or ""
        if url in seen:
            continue
        seen.add(url)
        d = article_domain(a.get("title") or "", content, a.get("source") or "", url)
        if d is None or len(taken[d]) >= args.per_domain:
            continue
        candidates = [
            content[s.start : s.end]
            for s in split_sentences(content)
            if 6 <= len(tokenize(content, s.start, s.end)) <= 45
        ]
        rng.shuffle(candidates)
        for text in candidates[: min(2, args.per_domain - len(taken[d]))]:
            taken[d].append((url, a.get("source") or "", " ".join(text.split())))
        if all(len(v) >= args.per_domain for v in taken.values()):
            break
    rows = [(d, *row) for d in DOMAINS for row in taken[d]]
    tagged: list[list[str]] = []
    if not args.no_tags:
        from marsad.annotate.entities import load_tagger

        tagger = load_tagger("accurate")
        tagged = tagger.tag_document([[t.text for t in tokenize(r[3])] for r in rows])
    for k, (d, url, source, text) in enumerate(rows):
        tokens = [t.text for t in tokenize(text)]
        print(f"{d[:2]}{k:03d}\t{d}\t{source}\t{url}\t{text}")
        print(bracketed(tokens, tagged[k] if tagged else ["O"] * len(tokens)))


def bracketed(tokens: list[str], tags: list[str]) -> str:
    """Tokens joined by spaces with entity spans as ``[TYPE tok tok]``."""
    out = list(tokens)
    for first, stop, label in sorted(bio_to_spans(tags), reverse=True):
        out[first:stop] = [f"[{label} " + " ".join(tokens[first:stop]) + "]"]
    return " ".join(out)


if __name__ == "__main__":
    main()
