"""HTML pages: the main article text and page metadata, via trafilatura.

The publication date comes only from the page's own metadata (meta tags, JSON-LD, <time>,
the URL): trafilatura's date search is run non-extensive, so htmldate never reads a date out
of running text and never falls back to the current date.
"""

from __future__ import annotations

import logging
import re

import lxml.html
import trafilatura
from lxml import etree

from marsad.model import RawArticle, ReadProblem
from marsad.sources.published import normalize_published

NO_TEXT = "HTML has no article text"
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# Elements after which running text breaks a line when we flatten an HTML fragment.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "pre",
    ]
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")

# trafilatura logs every page it finds too short at WARNING; that is our ReadProblem's job.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def extract_page(html: bytes | str, url: str | None = None) -> dict | None:
    """trafilatura's main text and metadata as a dict, or None when it finds no text."""
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None
    if isinstance(document, dict):  # what trafilatura's older API returned
        page: dict | None = document
    else:
        page = document.as_dict() if document is not None else None
    if not page or not (page.get("text") or "").strip():
        return None
    return page


def read_html(origin: str, html: bytes | str, *, url: str | None = None) -> RawArticle | ReadProblem:
    """One article from an HTML page."""
    page = extract_page(html, url)
    if page is None:
        return ReadProblem(origin, NO_TEXT)
    meta: dict = {"format": "html"}
    raw_date = page.get("date")
    published = normalize_published(raw_date)
    if raw_date and published is None:
        meta["published_raw"] = raw_date
    if page.get("hostname"):
        meta["hostname"] = page["hostname"]
    return RawArticle(
        origin=origin,
        text=page["text"],
        title=_clean(page.get("title")),
        url=page.get("url") or url,
        published=published,
        source=_clean(page.get("sitename")),
        author=_clean(page.get("author")),
        meta=meta,
    )


def fragment_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed entry's summary), keeping block breaks.

    trafilatura is built for whole pages and discards short fragments; a feed summary of two
    sentences is still the entry's text.
    """
    if "<" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(re.sub(r"<[^<>]+>", " ", fragment))
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    parts: list[str] = []
    _flatten(root, parts)
    return _tidy("".join(parts))


def _flatten(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if element.text:
        parts.append(element.text)
    for child in element:
        _flatten(child, parts)
    if tag.lower() in _BLOCKS:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
