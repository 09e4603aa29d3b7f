"""Regenerate the README's screenshots of the web desk (docs/screenshots/*.png).

    PYTHONPATH=src python scripts/screenshots.py                  # the web tests' fixture store
    PYTHONPATH=src python scripts/screenshots.py --db marsad-demo.db   # a real store

Starts the desk on 127.0.0.1 (a free port) and, in Debian's Chromium through playwright,
saves full-page screenshots of the front page, the story that leads it, that story's
event reported by the most independent sources and its richest article at laptop width,
plus the front page and the story at phone width (390 px). Nothing is drawn by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="store to show (default: build the web test fixture)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from live import CHROMIUM_ARGS, LiveServer

    if not Path(args.chromium).is_file():
        print(f"screenshots: no Chromium at {args.chromium}", file=sys.stderr)
        return 1
    db = args.db
    if db is None:
        from web_store import build_web_store

        db = Path(tempfile.mkdtemp()) / "web.db"
        build_web_store(db)
    with LiveServer(db) as server:
        base = server.url
        stories = _get(f"{base}/api/stories?sort=sources&limit=1")["items"]
        if not stories:
            print(f"screenshots: {db} has no stories", file=sys.stderr)
            return 1
        story = _get(f"{base}/api/stories/{stories[0]['id']}")

        # the story's article with the most kinds of annotation, then the most annotations
        def richness(article_id: str) -> tuple[int, int]:
            a = _get(f"{base}/api/articles/{article_id}")
            kinds = ("mentions", "times", "quantities", "quotes", "flags")
            return sum(bool(a[k]) for k in kinds), sum(len(a[k]) for k in kinds)

        article_id = max((a["id"] for a in story["article_details"][:30]), key=richness)
        event_id = story["event_details"][0]["id"] if story["event_details"] else None
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True)
            shots = [
                ("front.png", "/", 1280),
                ("story.png", f"/stories/{story['id']}", 1280),
                *([("event.png", f"/events/{event_id}", 1280)] if event_id else []),
                ("article.png", f"/articles/{article_id}", 1280),
                ("front-phone.png", "/", 390),
                ("story-phone.png", f"/stories/{story['id']}", 390),
            ]
            for name, path, width in shots:
                page = browser.new_page(viewport={"width": width, "height": 900}, locale="ar")
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(args.out / name), full_page=True)
                page.close()
                print(f"wrote {args.out / name}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
