"""Property tests (hypothesis, small budget): every reader takes any bytes without raising,
keeps every good record next to a bad one, and the cleaner and annotators keep every span
inside the text whatever the text. benchmarks/fuzz.py runs the same idea at scale."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.analyze import fingerprint, process
from marsad.model import RawArticle, ReadProblem
from marsad.sources import iter_inputs

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SUFFIXES = ["", ".txt", ".json", ".jsonl", ".html", ".xml", ".zip", ".gz"]
ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوي ءآأؤإئة١٢٣0123456789.,،؟!«»\"'()\n\u200f")),
    min_size=1,
    max_size=400,
)


def _records(path: Path) -> list[RawArticle | ReadProblem]:
    return list(iter_inputs([str(path)]))


def _wellformed(records: list[RawArticle | ReadProblem]) -> None:
    for record in records:
        assert isinstance(record, RawArticle | ReadProblem)
        record.origin.encode("utf-8")  # printable, storable: no lone surrogate got through
        if isinstance(record, RawArticle):
            fingerprint(record)


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_name(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _wellformed(_records(path))


@SETTINGS
@given(data=st.binary(max_size=1000), member=st.sampled_from(["a.txt", "b.json", "../c.txt", "d/e.jsonl"]))
def test_any_bytes_in_containers(tmp_path: Path, data: bytes, member: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, data)
    (tmp_path / "a.zip").write_bytes(buffer.getvalue())
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(data))
    _wellformed(_records(tmp_path))


BAD_ITEMS = st.sampled_from(
    [
        b'{"content": "\xff"}',
        b'{"n": ' + b"9" * 5000 + b"}",
        b"[" * 3000 + b"]" * 3000,
        b"{oops}",
        b"12",
        b"null",
    ]
)


@SETTINGS
@given(
    texts=st.lists(ARABIC_TEXT.filter(str.strip), min_size=1, max_size=8),
    bad=BAD_ITEMS,
    where=st.integers(min_value=1, max_value=8),
    lines=st.booleans(),
)
def test_a_bad_record_costs_only_itself(
    tmp_path: Path, texts: list[str], bad: bytes, where: int, lines: bool
) -> None:
    items = [json.dumps({"content": text}, ensure_ascii=False).encode() for text in texts]
    items.insert(min(where, len(items)), bad)  # never first: what a file starts with decides its kind
    path = tmp_path / ("a.jsonl" if lines else "a.json")
    path.write_bytes(b"\n".join(items) + b"\n" if lines else b"[" + b",\n".join(items) + b"]")
    got = _records(path)
    assert [r.text for r in got if isinstance(r, RawArticle)] == texts
    assert sum(isinstance(r, ReadProblem) for r in got) == 1


@SETTINGS
@given(text=st.text(max_size=300).filter(str.strip))
def test_text_files_take_any_unicode(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _wellformed(_records(path))


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(text=ARABIC_TEXT | st.text(max_size=300))
def test_clean_and_annotate_keep_spans_inside_the_text(text: str) -> None:
    if not text.strip():
        return
    doc = process(RawArticle(origin="prop", text=text), "fast", None)
    length = len(doc.article.text)
    for kind in ("mentions", "times", "quantities", "quotes", "event_mentions", "claims", "flags"):
        for record in getattr(doc, kind):
            assert 0 <= record.start <= record.end <= length, (kind, record)
    for sentence in doc.sentences:
        assert 0 <= sentence.start <= sentence.end <= length
