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
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from marsad.model import RawArticle, ReadProblem
from marsad.sources.published import day_of, normalize_published
from marsad.sources.text import bom_encoding

NO_TEXT = "record has no text"
NOT_UTF8 = "invalid JSON: not UTF-8 (a stray byte in this record)"
# Past these sizes a record is not an article: it is skipped (and reported) unread.
MAX_RECORD_BYTES = 32 << 20
MAX_RECORD_CHARS = MAX_RECORD_BYTES
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
    """A JSON document: an object (``origin``) or an array of them (``origin#N``, 1-based).

    A bad array item (invalid UTF-8, a number past Python's digit limit, nesting too deep,
    broken syntax) is one problem for ``origin#N``; reading resumes at the next item. A
    document that turns out to hold one object per line is read as JSON Lines.
    """
    text = _TextChunks(stream)
    first = text.first_significant()
    if first is None:
        yield ReadProblem(origin, "empty file")
        return
    if first != "[":
        body = text.read_rest(MAX_RECORD_CHARS)
        if body is None:
            yield ReadProblem(origin, f"JSON document larger than {MAX_RECORD_CHARS >> 20} MB: not read")
            return
        try:
            record = json.loads(body)
        except (ValueError, RecursionError) as err:
            # Several objects, one a line (JSON Lines without the name, or whose first line
            # is the broken one): read line by line so one bad line costs only itself.
            if (
                isinstance(err, json.JSONDecodeError) and err.msg == "Extra data"
            ) or _NEXT_LINE_OBJECT.search(body):
                raw = body.encode("utf-8", "surrogateescape")
                yield from read_jsonl(origin, io.BytesIO(raw), fields)
                return
            reason = _reason(err) if isinstance(err, json.JSONDecodeError) else _value_reason(err)
            yield ReadProblem(origin, f"invalid JSON: {reason}")
            return
        if _ESCAPED_BYTE.search(body):
            yield ReadProblem(origin, NOT_UTF8)
            return
        yield record_to_article(origin, record, fields)
        return
    for number, item in enumerate(_iter_array(origin, text), start=1):
        if isinstance(item, ReadProblem):
            yield item
            if item.origin == origin:  # the array itself is broken beyond this point
                return
            continue
        yield record_to_article(f"{origin}#{number}", item, fields)


def read_jsonl(
    origin: str, stream: IO[bytes], fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[RawArticle | ReadProblem]:
    """JSON Lines: one record per line, ``origin#LINE`` with 1-based line numbers.

    A bad line is one problem and the next line is read; a line longer than
    ``MAX_RECORD_BYTES`` is skipped without being held in memory.
    """
    number = 0
    while True:
        raw = stream.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            return
        number += 1
        line_origin = f"{origin}#{number}"
        if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield ReadProblem(line_origin, f"line longer than {MAX_RECORD_BYTES >> 20} MB: skipped")
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except UnicodeDecodeError:
            yield ReadProblem(line_origin, NOT_UTF8)
            continue
        except json.JSONDecodeError as err:
            yield ReadProblem(line_origin, f"invalid JSON: {_reason(err)}")
            continue
        except (ValueError, RecursionError) as err:
            yield ReadProblem(line_origin, f"invalid JSON: {_value_reason(err)}")
            continue
        yield record_to_article(line_origin, record, fields)


def looks_like_jsonl(head: str, *, named_jsonl: bool) -> bool:
    """Whether text starting with ``{`` is JSON Lines rather than one (pretty-printed) object.

    ``head`` must hold the whole first line (the dispatcher reads on until a newline)."""
    first_line, newline, rest = head.lstrip("\ufeff \t\r\n").partition("\n")
    try:
        json.loads(first_line)
    except (ValueError, RecursionError):
        return False
    return named_jsonl or (bool(newline) and rest.lstrip().startswith("{"))


class _TextChunks:
    """The text of a byte stream, read in chunks through an incremental decoder.

    UTF-8 (JSON's encoding), or UTF-16/32 when the stream starts with their byte-order mark,
    as Windows tools save "Unicode" JSON. Bytes that are not valid in the encoding decode to
    lone surrogates (``surrogateescape``), so that the one record holding them is reported
    and its neighbours are still read.
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
            self._decoder = codecs.getincrementaldecoder(encoding)(errors="surrogateescape")
        piece = self._decoder.decode(data, final=self.eof)  # the decoder drops the BOM
        if self.pos > len(self.buffer) // 2:
            self.buffer, self.pos = self.buffer[self.pos :], 0
        self.buffer += piece
        return bool(data) or bool(piece)

    def drop_read(self) -> None:
        """Forget the text before ``pos`` (skipping a huge item without holding it)."""
        self.buffer, self.pos = self.buffer[self.pos :], 0

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

    def read_rest(self, limit: int) -> str | None:
        """The rest of the text, or None when it is longer than ``limit`` characters."""
        while self.more():
            if len(self.buffer) - self.pos > limit:
                return None
        return self.buffer[self.pos :]


@dataclass(slots=True)
class _ScanState:
    """Where a skim through JSON text stands: bracket depth and whether inside a string."""

    depth: int = 0
    in_string: bool = False
    escaped: bool = False


_IN_STRING = re.compile(r'["\\]')
_OUTSIDE = re.compile(r'["\[\]{},]')
_NEXT_LINE_OBJECT = re.compile(r"\n[ \t\r]*\{")
# Bytes that were not valid UTF-8, as the surrogateescape handler decodes them.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _item_end(buffer: str, pos: int, state: _ScanState) -> int | None:
    """Where the array item starting at ``pos`` ends (the index of the ``,`` or ``]`` after
    it), found by brackets and strings alone, so it works on items ``json`` rejects; None
    when the buffer ends first (``state`` then says where the skim stands)."""
    while True:
        if state.in_string:
            if state.escaped:
                if pos >= len(buffer):
                    return None
                pos += 1
                state.escaped = False
            found = _IN_STRING.search(buffer, pos)
            if found is None:
                return None
            pos = found.end()
            if found.group() == "\\":
                state.escaped = True
            else:
                state.in_string = False
            continue
        found = _OUTSIDE.search(buffer, pos)
        if found is None:
            return None
        char, pos = found.group(), found.end()
        if char == '"':
            state.in_string = True
        elif char in "[{":
            state.depth += 1
        elif char in "]}":
            if state.depth == 0:
                if char == "]":
                    return found.start()
            else:
                state.depth -= 1
        elif state.depth == 0:  # ","
            return found.start()


def _skip_item(text: _TextChunks) -> bool:
    """Move ``text.pos`` to the end of the current array item, however large, without
    holding it; False when the input ends first."""
    state = _ScanState()
    while True:
        end = _item_end(text.buffer, text.pos, state)
        if end is not None:
            text.pos = end
            return True
        text.pos = len(text.buffer)
        text.drop_read()
        if not text.more():
            return False


def _iter_array(origin: str, text: _TextChunks) -> Iterator[Any]:
    """The items of a JSON array one by one. A bad item is a ReadProblem for ``origin#N``
    and reading resumes after it; a ReadProblem for ``origin`` means the array cannot be
    read any further (then stop)."""
    decoder = json.JSONDecoder()
    text.pos += 1  # the "["
    if text.skip_space() == "]":
        return
    number = 0
    while True:
        if text.skip_space() is None:
            yield ReadProblem(origin, "invalid JSON: array is not closed (truncated file?)")
            return
        number += 1
        item = _decode_item(text, decoder)
        if isinstance(item, _BadItem) and item.truncated:
            yield ReadProblem(origin, f"invalid JSON: the file ends inside item {number} (truncated file?)")
            return
        if isinstance(item, _BadItem):
            yield ReadProblem(f"{origin}#{number}", item.reason)
            if not _skip_item(text):
                yield ReadProblem(origin, "invalid JSON: array is not closed (truncated file?)")
                return
        else:
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


@dataclass(frozen=True, slots=True)
class _BadItem:
    reason: str
    truncated: bool = False  # the input ends inside the item


def _decode_item(text: _TextChunks, decoder: json.JSONDecoder) -> Any:
    """The array item at ``text.pos`` (``pos`` moved past it), or a ``_BadItem`` (``pos`` left
    at its start)."""
    chunk = _CHUNK
    start = text.pos
    while True:
        if len(text.buffer) - start > MAX_RECORD_CHARS:
            return _BadItem(f"record larger than {MAX_RECORD_CHARS >> 20} MB: skipped")
        try:
            item, end = decoder.raw_decode(text.buffer, start)
        except (ValueError, RecursionError) as err:
            # Either an item cut by the chunk boundary (read more, doubling, so a huge record
            # is not re-parsed once per megabyte) or a bad item (report it, go on after it).
            if _item_end(text.buffer, start, _ScanState()) is None:
                if text.more(chunk):
                    start = text.pos
                    chunk *= 2
                    continue
                return _BadItem("", truncated=True)
            if isinstance(err, json.JSONDecodeError):
                return _BadItem(f"invalid JSON: {_reason(err)}")
            return _BadItem(f"invalid JSON: {_value_reason(err)}")
        # A bare number that reaches the end of the buffer may continue in the next chunk;
        # objects, arrays and strings are self-delimiting.
        growing = end == len(text.buffer) and not isinstance(item, (dict, list, str))
        if growing and text.more(chunk):
            start = text.pos
            continue
        if _ESCAPED_BYTE.search(text.buffer, start, end):
            return _BadItem(NOT_UTF8)
        text.pos = end
        return item


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


def _value_reason(err: ValueError | RecursionError) -> str:
    """Why ``json`` rejected a record that is syntactically JSON."""
    if isinstance(err, RecursionError):
        return "nested too deep"
    if "digits" in str(err):
        return "a number has more digits than Python reads (4300)"
    return str(err).splitlines()[0][:200] if str(err) else type(err).__name__
