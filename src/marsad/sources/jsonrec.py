"""JSON records: a JSON object, an array of objects, or JSON Lines; one article per record.

Arrays are parsed incrementally, one object at a time, so a 12 MB SaudiNewsNet day file
never becomes a list in memory. A broken JSON line is reported with its line number and the
next line is read; a record without text is reported by its origin (``path#N``).

Field names differ between exports; ``FieldMap`` lists, for each RawArticle field, the record
keys tried in order. SaudiNewsNet carries only ``date_extracted`` (the crawl time, normally
within a day of publication), so that key is the last fallback for ``published`` and only
its day is kept: a crawl time of day is not a publication time. ``meta["published_from"]``
says which key the date came from.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from marsad.model import RawArticle, ReadProblem
from marsad.sources.published import day_of, normalize_published
from marsad.sources.text import bom_encoding

NO_TEXT = "record has no text"
# Keys whose value is when a crawler saw the page, not when it was published: day only.
CRAWL_DATE_KEYS = frozenset({"date_extracted", "crawled", "crawl_date", "fetched"})
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Record keys tried in order for each RawArticle field (first non-empty value wins)."""

    title: tuple[str, ...] = ("title", "headline")
    text: tuple[str, ...] = ("content", "text", "body", "article")
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("date", "published", "pubDate", "date_extracted")
    source: tuple[str, ...] = ("source", "outlet", "site", "publisher")
    author: tuple[str, ...] = ("author",)

    @classmethod
    def parse(cls, spec: str) -> FieldMap:
        """From ``"text=body|content,title=headline"`` (what a command-line option gives)."""
        overrides: dict[str, tuple[str, ...]] = {}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, sep, keys = item.partition("=")
            name = name.strip()
            if not sep or name not in cls.__dataclass_fields__:
                raise ValueError(
                    f"bad field mapping {item!r}: expected FIELD=key|key, FIELD one of "
                    + ", ".join(cls.__dataclass_fields__)
                )
            overrides[name] = tuple(k.strip() for k in keys.split("|") if k.strip())
        return cls(**overrides)


DEFAULT_FIELDS = FieldMap()


def record_to_article(
    origin: str, record: Any, fields: FieldMap = DEFAULT_FIELDS
) -> RawArticle | ReadProblem:
    """One JSON record as a RawArticle, or the reason it is not one."""
    if not isinstance(record, dict):
        return ReadProblem(origin, f"not a JSON object but {type(record).__name__}")
    text, _ = _first(record, fields.text)
    if not isinstance(text, str) or not text.strip():
        return ReadProblem(origin, NO_TEXT)
    meta: dict[str, Any] = {"format": "json"}
    raw_date, date_key = _first(record, fields.published)
    published = normalize_published(raw_date)
    if date_key is not None:
        meta["published_from"] = date_key
        if date_key in CRAWL_DATE_KEYS:
            published = day_of(published)
        if published is None:
            meta["published_raw"] = raw_date
    used = {
        key
        for keys in (fields.title, fields.text, fields.url, fields.published, fields.source, fields.author)
        for key in keys
    }
    extra = {key: value for key, value in record.items() if key not in used}
    if extra:
        meta["extra"] = extra
    return RawArticle(
        origin=origin,
        text=text,
        title=_string(_first(record, fields.title)[0]),
        url=_string(_first(record, fields.url)[0]),
        published=published,
        source=_string(_first(record, fields.source)[0]),
        author=_string(_first(record, fields.author)[0]),
        meta=meta,
    )


def read_json(
    origin: str, stream: IO[bytes], fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[RawArticle | ReadProblem]:
    """A JSON document: an object (``origin``) or an array of them (``origin#N``, 1-based)."""
    text = _TextChunks(stream)
    first = text.first_significant()
    if first is None:
        yield ReadProblem(origin, "empty file")
        return
    if first != "[":
        try:
            record = json.loads(text.read_rest())
        except json.JSONDecodeError as err:
            yield ReadProblem(origin, f"invalid JSON: {_reason(err)}")
            return
        yield record_to_article(origin, record, fields)
        return
    for number, item in enumerate(_iter_array(origin, text), start=1):
        if isinstance(item, ReadProblem):
            yield item
            return
        yield record_to_article(f"{origin}#{number}", item, fields)


def read_jsonl(
    origin: str, stream: IO[bytes], fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[RawArticle | ReadProblem]:
    """JSON Lines: one record per line, ``origin#LINE`` with 1-based line numbers."""
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        line_origin = f"{origin}#{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except UnicodeDecodeError:
            yield ReadProblem(line_origin, "invalid JSON: not UTF-8")
            continue
        except json.JSONDecodeError as err:
            yield ReadProblem(line_origin, f"invalid JSON: {_reason(err)}")
            continue
        yield record_to_article(line_origin, record, fields)


def looks_like_jsonl(head: str, *, named_jsonl: bool) -> bool:
    """Whether text starting with ``{`` is JSON Lines rather than one (pretty-printed) object."""
    first_line, newline, rest = head.lstrip("\ufeff \t\r\n").partition("\n")
    try:
        json.loads(first_line)
    except json.JSONDecodeError:
        return False
    return named_jsonl or (bool(newline) and rest.lstrip().startswith("{"))


class _TextChunks:
    """The text of a byte stream, read in chunks through an incremental decoder.

    UTF-8 (JSON's encoding), or UTF-16/32 when the stream starts with their byte-order mark,
    as Windows tools save "Unicode" JSON.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._read = getattr(stream, "read1", stream.read)
        self._decoder: codecs.IncrementalDecoder | None = None
        self.buffer = ""
        self.pos = 0
        self.eof = False

    def more(self, size: int = _CHUNK) -> bool:
        """Append the next chunk; False at end of input."""
        if self.eof:
            return False
        # read1: whatever one underlying read gives, so records before a truncation still come
        # out (read(size) would raise at the damage and lose the whole chunk).
        data = self._read(size)
        self.eof = not data
        if self._decoder is None:
            encoding = bom_encoding(data) or "utf-8-sig"
            self._decoder = codecs.getincrementaldecoder(encoding)()
        piece = self._decoder.decode(data, final=self.eof)  # the decoder drops the BOM
        if self.pos > len(self.buffer) // 2:
            self.buffer, self.pos = self.buffer[self.pos :], 0
        self.buffer += piece
        return bool(data) or bool(piece)

    def skip_space(self) -> str | None:
        """Move to the next non-blank character and return it (None at the end)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.more():
                return None

    def first_significant(self) -> str | None:
        return self.skip_space()

    def read_rest(self) -> str:
        while self.more():
            pass
        return self.buffer[self.pos :]


def _iter_array(origin: str, text: _TextChunks) -> Iterator[Any]:
    """The items of a JSON array one by one; a ReadProblem (then stop) if it is malformed."""
    decoder = json.JSONDecoder()
    text.pos += 1  # the "["
    if text.skip_space() == "]":
        return
    while True:
        if text.skip_space() is None:
            yield ReadProblem(origin, "invalid JSON: array is not closed (truncated file?)")
            return
        chunk = _CHUNK
        while True:
            try:
                item, end = decoder.raw_decode(text.buffer, text.pos)
                # A bare number that reaches the end of the buffer may continue in the next
                # chunk; objects, arrays and strings are self-delimiting.
                if end < len(text.buffer) or text.eof or isinstance(item, (dict, list, str)):
                    break
                if not text.more(chunk):
                    break
            except json.JSONDecodeError as err:
                # An object cut by the chunk boundary: read more (doubling, so a huge record
                # is not re-parsed once per megabyte). At end of input it is a real error.
                if not text.more(chunk):
                    yield ReadProblem(origin, f"invalid JSON: {_reason(err)}")
                    return
                chunk *= 2
        text.pos = end
        yield item
        separator = text.skip_space()
        if separator == ",":
            text.pos += 1
        elif separator == "]":
            return
        else:
            found = "end of file" if separator is None else repr(separator)
            yield ReadProblem(origin, f"invalid JSON: expected ',' or ']' after an array item, found {found}")
            return


def _first(record: dict, keys: tuple[str, ...]) -> tuple[Any, str | None]:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value, key
    return None, None


def _string(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # several authors
        value = ", ".join(str(item) for item in value if item)
    value = str(value).strip()
    return value or None


def _reason(err: json.JSONDecodeError) -> str:
    return f"{err.msg} at line {err.lineno} column {err.colno}"
