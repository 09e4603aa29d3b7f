"""RSS and Atom feeds (feedparser): one article per entry, from the entry's own content.

An entry's origin is ``feed#N`` (1-based entry position). Its text is the full content when
the feed carries it (``content:encoded``, Atom ``content``), else the summary, with the HTML
flattened to lines. Linked pages are not fetched unless ``follow_links`` is set; then the
page (read by the HTML reader) replaces the entry, keeping the entry's title and date where
the page has none, and the entry's own text stands in when the page cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterator

import feedparser

from marsad.model import RawArticle, ReadProblem
from marsad.sources.html import fragment_text, read_html
from marsad.sources.published import from_struct_time
from marsad.sources.url import fetch, is_url

NOT_A_FEED = "not a readable RSS/Atom feed"


def read_feed(
    origin: str,
    data: bytes,
    *,
    follow_links: bool = False,
    timeout: float = 20.0,
) -> Iterator[RawArticle | ReadProblem]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        if parsed.get("version") or not reason:
            yield ReadProblem(origin, "feed has no entries")
        else:
            yield ReadProblem(origin, f"{NOT_A_FEED}: {str(reason)[:200]}")
        return
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        article = entry_article(f"{origin}#{number}", entry, feed_title)
        if follow_links and isinstance(article, RawArticle) and article.url and is_url(article.url):
            yield _followed(article, timeout)
        else:
            yield article


def entry_article(origin: str, entry: dict, feed_title: str | None) -> RawArticle | ReadProblem:
    body, body_type = _entry_body(entry)
    text = fragment_text(body) if "html" in body_type or "<" in body else body.strip()
    title = fragment_text(entry.get("title") or "") or None
    meta: dict = {"format": "feed", "feed": feed_title, "entry_id": entry.get("id")}
    meta = {key: value for key, value in meta.items() if value}
    published = from_struct_time(entry.get("published_parsed")) or from_struct_time(
        entry.get("updated_parsed")
    )
    raw_date = entry.get("published") or entry.get("updated")
    if raw_date and published is None:
        meta["published_raw"] = raw_date
    if not text:
        return ReadProblem(origin, "feed entry has no text")
    author = (entry.get("author") or "").strip() or None
    return RawArticle(
        origin=origin,
        text=text,
        title=title,
        url=entry.get("link"),
        published=published,
        source=feed_title,
        author=author,
        meta=meta,
    )


def _entry_body(entry: dict) -> tuple[str, str]:
    """The longest content block, else the summary, with its media type."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        return best["value"], best.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _followed(entry: RawArticle, timeout: float) -> RawArticle | ReadProblem:
    fetched = fetch(entry.url or "", timeout=timeout)
    if isinstance(fetched, ReadProblem):
        entry.meta["follow_problem"] = fetched.problem
        return entry
    page = read_html(fetched.url, fetched.body, url=fetched.url)
    if isinstance(page, ReadProblem):
        entry.meta["follow_problem"] = page.problem
        return entry
    page.title = page.title or entry.title
    page.published = page.published or entry.published
    page.source = page.source or entry.source
    page.author = page.author or entry.author
    page.meta.update(feed_entry=entry.origin, feed=entry.meta.get("feed"))
    return page
