"""Sample the actors Marsad finds in SaudiNewsNet articles, for reading by hand.

    PYTHONPATH=src python training/ner/junk_actors.py --articles 500 --sample 100 > sample.tsv

Draws ``--articles`` articles at random (fixed seed) from ``../shared/data/news/saudinewsnet``,
runs the whole per-article pipeline (clean + annotate, fast profile) on each, and prints
``--sample`` actors drawn at random (fixed seed) from the distinct actors the articles point
at, one per line: actor id, type, name, whether the dictionary knows it, how many articles
name it, the highest NER confidence of its mentions, and the first mention in context. A
reader then marks each line as a name, a known descriptor, or junk; the junk-actor rate is
junk / sample (``--score FILE`` counts the marks of a read sample: a last column ``ok`` or
``junk``; ``--check FILE`` also says, on stderr, which actors of a read sample this run
still finds). ``--seed`` draws another set of articles (for developing rules apart from the
measurement's set); ``--day`` keeps to some day files.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from marsad.analyze import process
from marsad.evaluation import saudinewsnet
from marsad.model import RawArticle


def load_articles(days: list[str] | None) -> list[dict]:
    return list(saudinewsnet.records(p for p in saudinewsnet.day_files() if not days or p.stem in days))


def score(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    marks = Counter(line.rsplit("\t", 1)[-1].strip() for line in lines)
    total = marks["ok"] + marks["junk"]
    if total == 0:
        sys.exit(f"{path}: no line ends in a tab + ok/junk")
    print(f"{path}: {marks['junk']} junk of {total} actors read = {marks['junk'] / total:.1%}")


def check(path: Path, found: set[str]) -> None:
    """Paired before/after: of a read sample's junk and name actors, how many this run has."""
    kept: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        mark = fields[-1].strip()
        total[mark] += 1
        if fields[0] in found:
            kept[mark] += 1
        elif mark == "ok":
            print(f"name lost: {fields[2]}", file=sys.stderr)
    for mark in ("junk", "ok"):
        print(f"{path}: {kept[mark]} of {total[mark]} {mark} actors still found", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--day", action="append", help="only these day files (stem), repeatable")
    parser.add_argument("--score", type=Path, default=None, help="count the ok/junk marks of a read sample")
    parser.add_argument(
        "--check", type=Path, default=None, help="which actors of a read sample this run still finds"
    )
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return
    records = load_articles(args.day)
    rng = random.Random(args.seed)
    chosen = rng.sample(records, min(args.articles, len(records)))
    actors: dict[str, tuple[str, str, bool]] = {}
    articles_of: Counter[str] = Counter()
    context: dict[str, str] = {}
    confidence: dict[str, float] = {}
    from marsad.annotate.actor_dictionary import ActorDictionary

    known = ActorDictionary.load().actors
    for k, r in enumerate(chosen):
        raw = RawArticle(
            origin=f"saudinewsnet#{k}",
            text=r.get("content") or "",
            title=r.get("title"),
            url=r.get("url"),
            published=(r.get("date_extracted") or "")[:10] or None,
            source=r.get("source"),
        )
        doc = process(raw, "fast", None)
        for a in doc.actors:
            actors[a.id] = (a.type, a.name, a.id in known)
            articles_of[a.id] += 1
        for m in doc.mentions:
            if m.actor and m.score is not None:
                confidence[m.actor] = max(confidence.get(m.actor, 0.0), m.score)
            if m.actor and m.actor not in context:
                left = doc.text[max(0, m.start - 30) : m.start].replace("\n", " ").replace("\t", " ")
                right = doc.text[m.end : m.end + 30].replace("\n", " ").replace("\t", " ")
                context[m.actor] = f"{left}[{doc.text[m.start : m.end]}]{right}"
    ids = sorted(actors)
    print(f"# {len(chosen)} articles, {len(ids)} distinct actors", file=sys.stderr)
    if args.check:
        check(args.check, set(ids))  # on stderr; the sample still goes to stdout
    for actor_id in random.Random(args.seed).sample(ids, min(args.sample, len(ids))):
        type_, name, in_dictionary = actors[actor_id]
        fields = [actor_id, type_, name, "dictionary" if in_dictionary else "new", str(articles_of[actor_id])]
        fields.append(f"{confidence[actor_id]:.2f}" if actor_id in confidence else "-")
        print("\t".join([*fields, context.get(actor_id, "")]))


if __name__ == "__main__":
    main()
