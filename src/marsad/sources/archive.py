"""Zip and gzip containers: members go back through the dispatcher, one at a time.

A zip member's origin is ``archive!member`` (nested archives chain: ``a.zip!b.zip!c.json``);
a gzip file keeps its own name as origin, since it holds exactly one blob. Members are read
as streams, never all at once; a damaged member is reported and the next one is read.
"""

from __future__ import annotations

import gzip
import io
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, cast

from marsad.model import RawArticle, ReadProblem

Records = Iterator[RawArticle | ReadProblem]
# (origin, name, stream) -> records: the dispatcher, passed in to keep this module leaf-like.
ReadMember = Callable[[str, str, IO[bytes]], Records]
# A nested archive is copied out of its parent (zip needs to seek); up to this much in memory.
SPOOL_IN_MEMORY = 32 << 20


def is_skipped_member(name: str) -> bool:
    """Directories, hidden files and macOS resource forks are not inputs."""
    parts = name.rstrip("/").split("/")
    return name.endswith("/") or any(part.startswith(".") or part == "__MACOSX" for part in parts)


def leaves_archive(name: str) -> bool:
    """A member name that would climb out of the archive when extracted (``..``, absolute)."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


LEAVES_ARCHIVE = "member path leaves the archive ('..' or absolute): not read"


def read_zip(origin: str, stream: IO[bytes], read_member: ReadMember) -> Records:
    """Each member of a zip archive, in archive order."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as err:
        yield ReadProblem(origin, f"corrupt or truncated zip: {err}; reading members up to the damage")
        stream.seek(0)
        yield from salvage_zip(origin, stream, read_member)
        return
    with archive:
        for info in archive.infolist():
            member_origin = f"{origin}!{info.filename}"
            if leaves_archive(info.filename):
                yield ReadProblem(member_origin, LEAVES_ARCHIVE)
                continue
            if is_skipped_member(info.filename):
                continue
            try:
                member = archive.open(info)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as err:
                yield ReadProblem(member_origin, f"unreadable zip member: {err}")
                continue
            with member:
                yield from read_member(member_origin, info.filename, member)


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_MAGIC = b"PK\x03\x04"
_FLAG_ENCRYPTED, _FLAG_DESCRIPTOR, _FLAG_UTF8 = 0x1, 0x8, 0x800
_STORED, _DEFLATED = 0, 8


def salvage_zip(origin: str, stream: IO[bytes], read_member: ReadMember) -> Records:
    """Members of a zip whose central directory is lost (a cut download), from local headers.

    Members are read in file order until the data ends or stops making sense; the member cut
    by the damage is reported by the reader that hits its end (a truncation problem).
    """
    while True:
        header = stream.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_MAGIC):
            return
        _, _, flags, method, _, _, _, size, _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        raw_name = stream.read(name_length)
        stream.read(extra_length)
        name = raw_name.decode("utf-8" if flags & _FLAG_UTF8 else "cp437", errors="replace")
        member_origin = f"{origin}!{name}"
        known_size = None if flags & _FLAG_DESCRIPTOR or size == 0xFFFFFFFF else size
        if (
            flags & _FLAG_ENCRYPTED
            or method not in (_STORED, _DEFLATED)
            or (method == _STORED and known_size is None)
        ):
            yield ReadProblem(member_origin, "zip member cannot be recovered without the central directory")
            return
        member = _LocalMember(stream, method, known_size)
        if leaves_archive(name):
            yield ReadProblem(member_origin, LEAVES_ARCHIVE)
        elif not is_skipped_member(name):
            yield from read_member(member_origin, name, io.BufferedReader(member, 1 << 16))
        try:
            member.drain()
        except EOFError:
            return
        if flags & _FLAG_DESCRIPTOR:
            descriptor = stream.read(16)  # [signature] crc, sizes: skip to the next header
            start = 4 if descriptor.startswith(b"PK\x07\x08") else 0
            stream.seek(-(len(descriptor) - start - 12), io.SEEK_CUR)


class _LocalMember(io.RawIOBase):
    """One member's data read straight from its local header onward (stored or deflated)."""

    def __init__(self, stream: IO[bytes], method: int, size: int | None) -> None:
        self._stream = stream
        self._left = size  # compressed bytes still to read, when known
        self._inflate = zlib.decompressobj(-15) if method == _DEFLATED else None
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and not self._done:
            self._fill(len(buffer))
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _fill(self, want: int) -> None:
        want = max(want, 1 << 16)
        if self._left is not None:
            want = min(want, self._left)
        chunk = self._stream.read(want) if want else b""
        if self._left is not None:
            self._left -= len(chunk)
        if self._inflate is None:  # stored: the size is known
            if not chunk and self._left:
                raise EOFError("zip member is cut short")
            self._pending += chunk
            self._done = self._left == 0
            return
        if not chunk:
            raise EOFError("zip member is cut short")
        self._pending += self._inflate.decompress(chunk)
        if self._inflate.eof:
            # Give back what belongs to the next header, then stop.
            if self._inflate.unused_data:
                self._stream.seek(-len(self._inflate.unused_data), io.SEEK_CUR)
            self._done = True

    def drain(self) -> None:
        while not self._done:
            self._pending = b""
            self._fill(1 << 16)
        self._pending = b""


def gunzip(stream: IO[bytes]) -> IO[bytes]:
    """The decompressed stream of a gzip file (errors surface when it is read)."""
    # GzipFile is a binary file object; typeshed does not declare it an IO[bytes]
    return cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))


def inner_name(name: str) -> str:
    """``x.json.gz`` -> ``x.json``: the name the decompressed blob is sniffed by."""
    lower = name.lower()
    if lower.endswith(".tgz"):
        return name[:-4] + ".tar"
    return name[:-3] if lower.endswith(".gz") else name


def spool(stream: IO[bytes]) -> IO[bytes]:
    """A seekable copy of a stream (memory first, a temporary file past SPOOL_IN_MEMORY)."""
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - caller closes
    shutil.copyfileobj(stream, copy, 1 << 20)
    copy.seek(0)
    return copy
