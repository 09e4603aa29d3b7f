"""The dispatcher: sniff a blob's kind and hand it to the reader for that kind.

Every blob, whether a file, an archive member, stdin or a downloaded body, goes through
``read_blob``. A reader's exception never escapes: it becomes a ReadProblem naming the blob,
and whatever the reader yielded before the damage stands.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

import httpx

from marsad.model import RawArticle, ReadProblem
from marsad.sources import archive
from marsad.sources.feed import read_feed
from marsad.sources.html import read_html
from marsad.sources.jsonrec import DEFAULT_FIELDS, MAX_RECORD_BYTES, FieldMap, read_json, read_jsonl
from marsad.sources.sniff import HEAD_SIZE, Kind, head_text, sniff
from marsad.sources.text import BINARY, looks_binary, read_text
from marsad.sources.url import Fetched, fetch, is_url, make_client
from marsad.sources.warc import read_warc

Records = Iterator[RawArticle | ReadProblem]
STDIN = "<stdin>"
# A single page, feed or text file is read whole; past this size it is not an article.
MAX_DOCUMENT_BYTES = 64 << 20
# Archives inside archives inside archives...: past this depth it is a zip bomb, not news.
MAX_NESTING = 8
# An article's text is cut here (and flagged ``text_cut``): longer is a dump, not news, and
# every annotator's work grows with it.
MAX_ARTICLE_CHARS = 1_000_000
# One or two bytes are no article (a stray newline pair, a BOM fragment): say so.
MIN_INPUT_BYTES = 3


@dataclass(frozen=True, slots=True)
class ReadOptions:
    timeout: float = 20.0
    fields: FieldMap = DEFAULT_FIELDS
    follow_links: bool = False


class _Replay(io.RawIOBase):
    """A non-seekable stream with its already-read head put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        # read1 where there is one: a short read now beats an error for the whole request later
        self._read = getattr(rest, "read1", rest.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peek(stream: IO[bytes], size: int = HEAD_SIZE) -> tuple[bytes, IO[bytes]]:
    """The first ``size`` bytes, and a stream that still starts at the beginning."""
    if stream.seekable():
        start = stream.tell()
        head = stream.read(size)
        stream.seek(start)
        return head, stream
    head = stream.read(size)
    return head, io.BufferedReader(_Replay(head, stream), 1 << 16)


def read_blob(
    origin: str,
    name: str,
    stream: IO[bytes],
    options: ReadOptions,
    *,
    kind: Kind | None = None,
    url: str | None = None,
    depth: int = 0,
) -> Records:
    """All records in one blob; problems are yielded, never raised."""
    try:
        yield from _read_blob(origin, name, stream, options, kind, url, depth)
    except Exception as err:  # the boundary: any reader failure is one line, not a crash
        yield ReadProblem(origin, describe(err))


def _read_blob(
    origin: str,
    name: str,
    stream: IO[bytes],
    options: ReadOptions,
    kind: Kind | None,
    url: str | None,
    depth: int,
) -> Records:
    head, stream = peek(stream)
    if not head:
        yield ReadProblem(origin, "empty file")
        return
    if len(head) < MIN_INPUT_BYTES:
        yield ReadProblem(origin, f"too short to be an article ({len(head)} byte{'s' * (len(head) > 1)})")
        return
    if kind is None and _starts_json_object(head):
        head, stream = _peek_first_line(stream, head)
    kind = kind or sniff(head, name)
    if kind in ("zip", "gzip") and depth >= MAX_NESTING:
        yield ReadProblem(origin, f"archives nested more than {MAX_NESTING} deep")
        return
    if kind == "zip":
        member_reader = lambda o, n, s: read_blob(o, n, s, options, depth=depth + 1)  # noqa: E731
        if _is_disk_file(stream):
            yield from archive.read_zip(origin, stream, member_reader)
        else:
            with archive.spool(stream) as copy:
                yield from archive.read_zip(origin, copy, member_reader)
    elif kind == "gzip":
        if _gunzipped_head(head).startswith(b"WARC/"):
            yield from read_warc(origin, stream)  # warcio reads record-wise gzip itself
        else:
            inner = archive.inner_name(name)
            yield from read_blob(origin, inner, archive.gunzip(stream), options, depth=depth + 1)
    elif kind == "warc":
        yield from read_warc(origin, stream)
    elif kind == "json":
        yield from read_json(origin, stream, options.fields)
    elif kind == "jsonl":
        yield from read_jsonl(origin, stream, options.fields)
    elif kind == "text" and looks_binary(head):
        yield ReadProblem(origin, BINARY)  # decided from the head: a stray video is not read whole
    else:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            yield ReadProblem(origin, f"larger than {MAX_DOCUMENT_BYTES >> 20} MB: not one article")
        elif kind == "html":
            yield read_html(origin, data, url=url)
        elif kind == "feed":
            yield from read_feed(origin, data, follow_links=options.follow_links, timeout=options.timeout)
        else:
            yield read_text(origin, data)


def _starts_json_object(head: bytes) -> bool:
    return head_text(head).lstrip().startswith("{")


def _peek_first_line(stream: IO[bytes], head: bytes) -> tuple[bytes, IO[bytes]]:
    """A head that holds the whole first line: JSON Lines and one JSON object are told apart
    by whether the first line is a complete object, however long that line is."""
    size = len(head)
    while b"\n" not in head and len(head) == size and size < MAX_RECORD_BYTES:
        size *= 4
        head, stream = peek(stream, size)
    return head, stream


def _gunzipped_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip blob, from its compressed head alone."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 16)
    except zlib.error:
        return b""


def _is_disk_file(stream: IO[bytes]) -> bool:
    """A plain file opened from disk: zip may seek in it freely (a gzip stream "seeks" by
    decompressing again from the start, so it is copied out instead)."""
    return isinstance(stream, io.BufferedReader) and isinstance(stream.raw, io.FileIO) and stream.seekable()


def describe(err: BaseException) -> str:
    """A one-line reason for a reader failure."""
    detail = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
    if isinstance(err, EOFError):
        return "truncated: compressed data ends early"
    if isinstance(err, gzip.BadGzipFile):
        return f"corrupt gzip: {detail}"
    if isinstance(err, zipfile.BadZipFile):
        return f"corrupt zip member: {detail}"
    if isinstance(err, zlib.error):
        return f"corrupt compressed data: {detail}"
    if isinstance(err, UnicodeDecodeError):
        return BINARY
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return f"{type(err).__name__}: {detail}" if detail else type(err).__name__


def read_path(given: str, options: ReadOptions) -> Records:
    """A file or a directory (recursively, sorted, hidden entries skipped) as the user named it."""
    if os.path.isdir(given):
        yield from _read_directory(given, options)
        return
    try:
        stream = open(given, "rb")  # noqa: SIM115 - closed below, after the lazy readers are done
    except FileNotFoundError:
        yield ReadProblem(given, "no such file or directory")
        return
    except OSError as err:
        yield ReadProblem(given, describe(err))
        return
    with stream:
        yield from read_blob(given, os.path.basename(given), stream, options)


def _read_directory(top: str, options: ReadOptions) -> Records:
    """Entries in name order at every level (a file and a folder interleave by name).

    Hidden entries (dot names) are skipped; symbolic links to files are read, to folders not.
    """
    try:
        entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    except OSError as err:
        yield ReadProblem(top, describe(err))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(top, entry.name)
        if entry.is_dir(follow_symlinks=False):  # a linked folder could loop back on itself
            yield from _read_directory(path, options)
        elif entry.is_file():
            yield from read_path(path, options)


def read_stdin(options: ReadOptions) -> Records:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield ReadProblem(STDIN, "standard input is closed or not a byte stream")
        return
    yield from read_blob(STDIN, "", stream, options)


def read_url(url: str, options: ReadOptions, client: httpx.Client | None = None) -> Records:
    fetched = fetch(url, timeout=options.timeout, client=client)
    if isinstance(fetched, ReadProblem):
        yield fetched
        return
    yield from read_blob(
        url,
        _url_name(fetched),
        io.BytesIO(fetched.body),
        options,
        kind=_kind_from_content_type(fetched),
        url=fetched.url,
    )


def _url_name(fetched: Fetched) -> str:
    path = fetched.url.split("?", 1)[0].split("#", 1)[0]
    return path.rsplit("/", 1)[-1]


def _kind_from_content_type(fetched: Fetched) -> Kind | None:
    """Trust an unambiguous Content-Type; leave generic ones (xml, text, octet) to sniffing."""
    media = fetched.content_type
    if media in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if media in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if media in ("text/html", "application/xhtml+xml"):
        # Some servers label feeds text/html: sniffing still wins when the body is a feed.
        return "feed" if sniff(fetched.body[:HEAD_SIZE], "") == "feed" else "html"
    return None


def iter_inputs_with(inputs: Iterable[str], options: ReadOptions) -> Records:
    """``iter_inputs`` with every option (field mapping, following feed links).

    A path is read under its resolved name (``seeds``, ``./seeds/`` and ``$PWD/seeds`` are
    one input, read once). Every record leaves through ``scrub``: no lone surrogate (from a
    ``\\ud800`` escape or a file name that is not UTF-8) gets past this boundary."""
    client = None
    seen: set[str] = set()
    try:
        for given in inputs:
            if given == "-":
                records = read_stdin(options)
            elif is_url(given):
                client = client or make_client(options.timeout)
                records = read_url(given, options, client)
            else:
                # a missing path is reported as given; one that exists by its resolved name
                resolved = os.path.realpath(given) if os.path.lexists(given) else given
                if resolved in seen:
                    continue
                seen.add(resolved)
                records = read_path(resolved, options)
            for record in records:
                yield scrub(record)
    finally:
        if client is not None:
            client.close()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _name_char(found: re.Match[str]) -> str:
    code = ord(found.group())
    # surrogateescape keeps an undecodable byte 0xNN of a file name as U+DCNN
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def scrub_origin(origin: str) -> str:
    """An origin that can be printed and stored: undecodable file-name bytes as ``\\xNN``
    (still one name per file, the same on every run)."""
    return _SURROGATE.sub(_name_char, origin)


def scrub(record: RawArticle | ReadProblem) -> RawArticle | ReadProblem:
    """Lone surrogates replaced: U+FFFD in text fields (counted in ``meta["replaced"]``),
    ``\\xNN`` in origins (``meta["origin_replaced"]``)."""
    origin = scrub_origin(record.origin)
    if isinstance(record, ReadProblem):
        return ReadProblem(origin, _SURROGATE.sub("\ufffd", record.problem))
    if len(record.text) > MAX_ARTICLE_CHARS:  # bounded work downstream; the cleaner flags it
        record.meta["cut_from"] = len(record.text)
        record.text = record.text[:MAX_ARTICLE_CHARS]
    replaced = 0
    for name in ("text", "title", "url", "published", "source", "author"):
        value = getattr(record, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            value, count = _SURROGATE.subn("\ufffd", value)
            setattr(record, name, value)
            replaced += count
    if replaced:
        record.meta["replaced"] = record.meta.get("replaced", 0) + replaced
    if origin != record.origin:
        record.meta["origin_replaced"] = record.origin.encode("utf-8", "surrogatepass").hex()
        record.origin = origin
    return record
