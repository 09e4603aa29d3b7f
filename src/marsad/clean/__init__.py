"""Cleaning: a ``RawArticle`` becomes a cleaned ``Article`` plus ``Flag``s.

Steps, each in its own module: character cleanup per line (``text``), site chrome and
captions (``chrome``, phrase lists in ``marsad.arabic.boilerplate``, outlet-learned lines in
``boilerplate_index``), dateline and headline (``metadata``), re-joining broken lines
(``lines``), the cleaned text built with its offset map (``edits``), the cited agency
(``marsad.arabic.agencies``) and the language (``language``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from marsad.arabic.agencies import cited_agency
from marsad.arabic.normalize import normalize, words
from marsad.clean.boilerplate_index import BoilerplateIndex
from marsad.clean.chrome import (
    chrome_kind,
    is_credit_line,
    is_unrelated_short_line,
    might_be_unrelated,
    stems,
    trailing_block_start,
)
from marsad.clean.edits import EditBuilder
from marsad.clean.language import identify_language
from marsad.clean.lines import ends_sentence, is_hard_wrapped, should_join, typical_paragraph_chars
from marsad.clean.metadata import (
    DATELINE_SEARCH_LINES,
    dateline_date,
    derived_title,
    looks_like_headline,
    same_line,
    source_from_origin,
    source_from_url,
)
from marsad.clean.text import CleanLine, clean_line, split_raw_lines
from marsad.model import Article, Flag, RawArticle, stable_id

__all__ = ["BoilerplateIndex", "clean_article", "identify_language"]

# Before a related-articles marker there must be this much article for the tail to be chrome.
_TRAILING_MIN_LINES_BEFORE = 2
CREDIT_SEARCH_LINES = 2  # lines under the headline where an outlet credit may stand


@dataclass(slots=True)
class _Removal:
    kind: str
    note: str


def clean_article(raw: RawArticle, boilerplate: BoilerplateIndex | None = None) -> tuple[Article, list[Flag]]:
    """The cleaned article and what was removed or joined on the way (flags)."""
    if not isinstance(raw.text, str):
        raise ValueError(f"{raw.origin}: article text is {type(raw.text).__name__}, not a string")
    text_in = raw.text
    lines = [clean_line(text_in, start, end) for start, end in split_raw_lines(text_in)]
    removed: dict[int, _Removal] = {}
    source = raw.source or source_from_url(raw.url) or source_from_origin(raw.origin) or "unknown"

    _mark_chrome(lines, removed, source, boilerplate)
    published_in_text = _mark_dateline(lines, removed)
    wrapped = is_hard_wrapped([None if (ln.blank or i in removed) else ln.text for i, ln in enumerate(lines)])
    title, title_line = _find_title(raw, lines, removed, wrapped)
    _mark_credit_lines(lines, removed, title_line)
    _mark_unrelated_short_lines(lines, removed, wrapped, title_line)

    builder = EditBuilder(len(text_in))
    flags = _build(lines, removed, wrapped, title_line, builder)
    text = builder.text()
    cut_from = raw.meta.get("cut_from")
    if cut_from:  # the reader cut an oversized text (sources.dispatch.MAX_ARTICLE_CHARS)
        flags.insert(
            0, Flag("", 0, 0, "text_cut", f"text cut to {len(text_in):,} of {cut_from:,} characters")
        )
    replaced = raw.meta.get("replaced", 0)
    if replaced:  # the reader replaced stray bytes or lone surrogates with U+FFFD
        flags.insert(
            0, Flag("", 0, 0, "bytes_replaced", f"{replaced} undecodable character(s) replaced by �")
        )

    title_derived = False
    if title is None:
        title = derived_title(text)
        title_derived = title is not None
    article_id = stable_id("a", normalize(text), raw.url or raw.origin)
    for flag in flags:
        flag.article = article_id
    article = Article(
        id=article_id,
        source=source,
        url=raw.url,
        title=title,
        published=raw.published or published_in_text,
        language=identify_language(text),
        text=text,
        origin=raw.origin,
        agency=cited_agency(text),
        content_hash=content_hash(text),
        raw_text=text_in,
        offset_map=builder.offset_map(),
        title_derived=title_derived,
    )
    return article, flags


def content_hash(text: str) -> str:
    """Hash of the normalized words: exact duplicates (up to spelling and spacing) share it."""
    return hashlib.blake2b(" ".join(words(text)).encode("utf-8"), digest_size=16).hexdigest()


def _mark_chrome(
    lines: list[CleanLine], removed: dict[int, _Removal], source: str, boilerplate: BoilerplateIndex | None
) -> None:
    texts = [ln.text for ln in lines]
    content_before = 0
    tail = trailing_block_start(texts)
    if tail is not None:
        content_before = sum(1 for t in texts[:tail] if len(t) > 0)
    if tail is not None and content_before >= _TRAILING_MIN_LINES_BEFORE:
        for i in range(tail, len(lines)):
            if not lines[i].blank:
                removed[i] = _Removal("boilerplate_removed", "related-articles block at the end")
    for i, line in enumerate(lines):
        if line.blank or i in removed:
            continue
        found = chrome_kind(line.text)
        if found:
            removed[i] = _Removal(*found)
        elif boilerplate is not None and boilerplate.is_boilerplate(source, line.text):
            removed[i] = _Removal("boilerplate_removed", "line repeated across the outlet's articles")


def _mark_dateline(lines: list[CleanLine], removed: dict[int, _Removal]) -> str | None:
    seen = 0
    for i, line in enumerate(lines):
        if line.blank:
            continue
        seen += 1
        if seen > DATELINE_SEARCH_LINES:
            break
        if i in removed:
            continue
        found = dateline_date(line.text)
        if found:
            removed[i] = _Removal("dateline", f"dateline {found}")
            return found
    return None


def _kept(lines: list[CleanLine], removed: dict[int, _Removal]) -> list[int]:
    return [i for i, ln in enumerate(lines) if not ln.blank and i not in removed]


def _find_title(
    raw: RawArticle, lines: list[CleanLine], removed: dict[int, _Removal], wrapped: bool
) -> tuple[str | None, int | None]:
    """(title, index of the headline line kept in the text or None)."""
    kept = _kept(lines, removed)
    if not kept:
        return (raw.title.strip() or None) if raw.title else None, None
    first = kept[0]
    if raw.title and raw.title.strip():
        title = " ".join(raw.title.split())
        if same_line(lines[first].text, title):
            removed[first] = _Removal("title_repeated", "title repeated at the top of the text")
        return title, None
    followed_by_break = first + 1 >= len(lines) or lines[first + 1].blank or (first + 1) in removed
    if len(kept) > 1 and same_line(lines[kept[1]].text, lines[first].text):
        followed_by_break = True
    if not looks_like_headline(lines[first].text, followed_by_break, wrapped):
        return None, None
    for i in kept[1:4]:
        if same_line(lines[i].text, lines[first].text):
            removed[i] = _Removal("title_repeated", "headline repeated")
    return lines[first].text, first


def _mark_credit_lines(lines: list[CleanLine], removed: dict[int, _Removal], title_line: int | None) -> None:
    """Outlet or byline credits among the first lines under the headline, before the body."""
    kept = [i for i in _kept(lines, removed) if i != title_line]
    for i in kept[:CREDIT_SEARCH_LINES]:
        if ends_sentence(lines[i].text):
            break  # the body has begun: a quoted name from here on is content (a heading)
        # a credit stands on its own line, never inside a wrapped paragraph
        alone = (i == 0 or lines[i - 1].blank or (i - 1) in removed or (i - 1) == title_line) and (
            i + 1 >= len(lines) or lines[i + 1].blank or (i + 1) in removed
        )
        if alone and is_credit_line(lines[i].text):
            removed[i] = _Removal("boilerplate_removed", "outlet or byline credit")


def _mark_unrelated_short_lines(
    lines: list[CleanLine], removed: dict[int, _Removal], wrapped: bool, title_line: int | None
) -> None:
    kept = _kept(lines, removed)
    if len(kept) < 3:
        return
    candidates = []
    for pos, i in enumerate(kept):
        if pos == 0 or i == title_line or not might_be_unrelated(lines[i].text):
            continue
        # standalone: a paragraph of its own, not a fragment of a wrapped sentence
        before_open = lines[i - 1].blank or (i - 1) in removed or ends_sentence(lines[i - 1].text)
        after_open = i + 1 >= len(lines) or lines[i + 1].blank or (i + 1) in removed or not wrapped
        if before_open and after_open:
            candidates.append(i)
    if not candidates:
        return
    per_line = {i: stems(lines[i].text) for i in kept}
    counts: Counter[str] = Counter()
    for line_stems in per_line.values():
        counts.update(line_stems)
    for i in candidates:
        elsewhere = {stem for stem, n in counts.items() if n > (stem in per_line[i])}
        if is_unrelated_short_line(lines[i].text, elsewhere):
            removed[i] = _Removal(
                "boilerplate_removed", "short line unrelated to the article (promo or credit)"
            )


def _build(
    lines: list[CleanLine],
    removed: dict[int, _Removal],
    wrapped: bool,
    title_line: int | None,
    builder: EditBuilder,
) -> list[Flag]:
    flags: list[Flag] = []
    paragraph_chars = typical_paragraph_chars(
        [None if (ln.blank or i in removed) else ln.text for i, ln in enumerate(lines)]
    )
    previous: int | None = None  # index of the last kept line
    separated = False  # a blank or removed line since the last kept line
    for i, line in enumerate(lines):
        at = len(builder)
        if i in removed:
            r = removed[i]
            flags.append(
                Flag("", at, at, r.kind, f"{r.note}: {line.text[:80]}", line.raw_start, line.raw_end)
            )
            separated = True
            continue
        for marker, start, end in line.markers:
            flags.append(Flag("", at, at, "boilerplate_removed", f"emoji marker {marker}", start, end))
        if line.blank:
            separated = True
            continue
        if previous is not None:
            prev = lines[previous]
            join = (
                not separated
                and previous != title_line
                and should_join(prev.text, line.text, wrapped, paragraph_chars)
            )
            builder.insert(" " if join else "\n", prev.raw_end)
            if join:
                flags.append(
                    Flag(
                        "",
                        at,
                        at + 1,
                        "line_joined",
                        "line break inside a sentence",
                        prev.raw_end,
                        line.raw_start,
                    )
                )
        builder.append(line.text, line.positions)
        previous = i
        separated = False
    return flags
