"""How fast the desk answers on a store bigger than the fixture.

    PYTHONPATH=src python scripts/web_bench.py [--articles 3000] [--db marsad.db]

Without --db it writes a synthetic store (the five seed texts repeated under new ids, with
entity mentions, events, stories, claims) through the Store API, then times each page and
API call in-process (FastAPI TestClient, median of several requests) and prints a table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from marsad.arabic.sentences import split_sentences
from marsad.model import Actor, AnalyzedArticle, Article, Claim, Event, Mention, Story, stable_id
from marsad.paths import examples_dir
from marsad.store.db import Store

NAMES = ["العراق", "الولايات المتحدة", "واشنطن", "بغداد", "البنتاغون", "داعش", "التحالف الدولي"]


def build(path: Path, n_articles: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((examples_dir() / "seeds").glob("*.txt"))]
    outlets = [f"منفذ {i}" for i in range(25)]
    actors = [
        Actor(f"ACT{i:04d}", "PER", f"فاعل {i}", aliases=[f"الفاعل {i}"], country="IRQ") for i in range(400)
    ]
    store = Store.open(path)
    columns = {r[1] for r in store.conn.execute("PRAGMA table_info(claims)")}
    if "subject_key" not in columns:
        store.conn.execute("ALTER TABLE claims ADD COLUMN subject_key TEXT")
    store.save_actors(actors)
    article_ids: list[str] = []
    events: list[Event] = []
    with store.batch():
        for i in range(n_articles):
            text = texts[i % len(texts)]
            aid = stable_id("a", "bench", str(i))
            day = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
            doc = AnalyzedArticle(
                Article(aid, rng.choice(outlets), None, f"مقالة {i}", day, "ar", text), split_sentences(text)
            )
            for name in NAMES:
                at = text.find(name)
                if at >= 0:
                    actor = rng.choice(actors).id
                    doc.mentions.append(Mention(aid, at, at + len(name), name, "GPE", actor))
            if doc.mentions:
                m = doc.mentions[0]
                doc.claims.append(
                    Claim(
                        stable_id("c", aid),
                        aid,
                        m.start,
                        m.end,
                        "الجنود",
                        rng.choice([2000, 2500]),
                        "جندي",
                        day,
                    )
                )
            store.save(doc)
            article_ids.append(aid)
            if i % 3 == 0 and doc.mentions:
                m = doc.mentions[0]
                src, tgt = rng.sample(actors, 2)
                events.append(
                    Event(
                        stable_id("e", "bench", str(i)),
                        rng.choice(["CONSULT", "AID", "ASSAULT"]),
                        None,
                        [src.id],
                        [tgt.id],
                        None,
                        day if i % 2 else day[:7],
                        "day" if i % 2 else "month",
                        [{"article": aid, "start": m.start, "end": m.end}],
                        [aid],
                        1,
                    )
                )
    store.save_events(events)
    stories = []
    per = max(1, n_articles // 60)
    for k in range(0, n_articles, per):
        members = article_ids[k : k + per]
        evs = [e.id for e in events if e.articles[0] in set(members)]
        stories.append(
            Story(stable_id("s", "bench", str(k)), f"قصة {k}", members, evs, "2023-01-01", "2023-12-28")
        )
    store.save_stories(stories)
    store.close()
    return {
        "story": stories[len(stories) // 2].id,
        "article": article_ids[n_articles // 2],
        "actor": "ACT0007",
        "event": events[len(events) // 2].id,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    if args.db:
        db = args.db
        with Store.open(db, readonly=True) as store:
            story = next(iter(store.iter_stories()), None)
            article = next(iter(store.iter_articles()), None)
            actor = next(iter(store.iter_actors()), None)
            event = next(iter(store.iter_events()), None)
        ids = {
            "story": story.id if story else "-",
            "article": article.id if article else "-",
            "actor": actor.id if actor else "-",
            "event": event.id if event else "-",
        }
    else:
        db = Path(tempfile.mkdtemp()) / "bench.db"
        started = time.perf_counter()
        ids = build(db, args.articles)
        print(f"built {db} ({args.articles} articles) in {time.perf_counter() - started:.1f} s")
    client = TestClient(create_app(db))
    with Store.open(db, readonly=True) as store:
        counts = store.counts()
    print(
        "store:",
        ", ".join(f"{k} {counts[k]}" for k in ("articles", "mentions", "actors", "events", "stories")),
    )
    urls = [
        "/",
        "/?q=البنتاغون",
        f"/stories/{ids['story']}",
        f"/articles/{ids['article']}",
        f"/actors/{ids['actor']}",
        f"/events/{ids['event']}",
        "/actors",
        "/actors?q=الفاعل",
        "/?sort=growth&type=CONSULT",
        "/api/stories?sort=sources&limit=30",
        "/api/articles?limit=50",
        "/api/articles?q=العراق&limit=50",
        f"/api/articles?actor={ids['actor']}",
        "/api/articles?date_from=2023-03&date_to=2023-04&sort=source",
        "/api/actors?sort=events&order=desc",
        f"/api/events?actor={ids['actor']}",
        "/api/events?date_from=2023-05-10&date_to=2023-05-20",
        f"/api/stories/{ids['story']}",
        "/api/claims?limit=200",
        "/api/contradictions",
    ]
    print(f"{'request':70} {'median ms':>10} {'status':>6}")
    for url in urls:
        times, status = [], 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            status = client.get(url).status_code
            times.append((time.perf_counter() - started) * 1000)
        print(f"{url[:70]:70} {statistics.median(times):10.1f} {status:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
