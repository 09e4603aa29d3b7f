"""Zip and gzip containers: members go back through the dispatcher, one at a time.

A zip member's origin is ``archive!member`` (nested archives chain: ``a.zip!b.zip!c.json``);
a gzip file keeps its own name as origin, since it holds exactly one blob. Members are read
as streams, never all at once; a damaged member is reported and the next one is read.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from typing import IO

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


def read_zip(origin: str, stream: IO[bytes], read_member: ReadMember) -> Records:
    """Each member of a zip archive, in archive order."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as err:
        yield ReadProblem(origin, f"corrupt or truncated zip: {err}")
        return
    with archive:
        for info in archive.infolist():
            if is_skipped_member(info.filename):
                continue
            member_origin = f"{origin}!{info.filename}"
            try:
                member = archive.open(info)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as err:
                yield ReadProblem(member_origin, f"unreadable zip member: {err}")
                continue
            with member:
                yield from read_member(member_origin, info.filename, member)


def gunzip(stream: IO[bytes]) -> IO[bytes]:
    """The decompressed stream of a gzip file (errors surface when it is read)."""
    return gzip.GzipFile(fileobj=stream, mode="rb")


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
