"""Readers: every input kind Marsad takes in, yielded as ``RawArticle`` (or ``ReadProblem``).

Files, directories, zip / gzip / WARC archives, JSON and JSON Lines, HTML pages, RSS/Atom
feeds, http(s) URLs and ``-`` for stdin. The kind is sniffed from the content first and the
name second. Reading is lazy and streaming; a problem with one record or input is yielded
and reading goes on.

Origins are stable across runs (they key idempotent re-runs): ``path`` as given,
``path!member`` inside a zip, ``path#N`` for the N-th record of a JSON array, JSONL line N,
feed entry N or WARC record N (all 1-based), the URL, or ``<stdin>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from marsad.model import RawArticle, ReadProblem
from marsad.sources.dispatch import ReadOptions, iter_inputs_with, read_blob
from marsad.sources.jsonrec import FieldMap

__all__ = ["FieldMap", "ReadOptions", "iter_inputs", "iter_inputs_with", "read_blob"]


def iter_inputs(
    inputs: Iterable[str],
    *,
    timeout: float = 20.0,
    fields: FieldMap | None = None,
    follow_links: bool = False,
) -> Iterator[RawArticle | ReadProblem]:
    """Read each input (path, directory, zip, warc, '-', http(s) URL, feed URL) lazily,
    streaming: never a list of the whole corpus in memory. Problems are yielded as
    ReadProblem(origin, problem) and reading continues with the next record/input."""
    options = ReadOptions(timeout=timeout, fields=fields or FieldMap(), follow_links=follow_links)
    return iter_inputs_with(inputs, options)
