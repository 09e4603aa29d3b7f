"""WARC and WARC.gz web archives (warcio): HTML ``response`` records through the HTML reader.

A record's origin is ``archive#N`` with N the record's 1-based position among all records
of the file (requests, metadata and all), so it stays the same whatever we skip. The URL is
the WARC-Target-URI; the publication date comes from the page, never from the WARC-Date (the
crawl time), which is kept in ``meta["warc_date"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.model import RawArticle, ReadProblem
from marsad.sources.html import read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# One page past this is not an article (a decompressed body can be far larger than the file).
MAX_PAGE_BYTES = 16 << 20


def read_warc(origin: str, stream: IO[bytes]) -> Iterator[RawArticle | ReadProblem]:
    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if not content_type.startswith(_HTML_TYPES):
                continue
            status = record.http_headers.get_statuscode()
            record_origin = f"{origin}#{number}"
            if status and not status.startswith("2"):
                continue  # error pages and redirects are not articles
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if len(body) > MAX_PAGE_BYTES:  # the rest of the record is skipped by the iterator
                yield ReadProblem(record_origin, f"page larger than {MAX_PAGE_BYTES >> 20} MB: not read")
                continue
            result = read_html(record_origin, body, url=url)
            if isinstance(result, RawArticle):
                result.url = url or result.url
                result.meta["warc_date"] = record.rec_headers.get_header("WARC-Date")
                result.meta["format"] = "warc"
            yield result
    except ArchiveLoadFailed as err:
        yield ReadProblem(origin, f"corrupt WARC after record {number}: {_short(err)}")


def _short(err: Exception) -> str:
    return str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
