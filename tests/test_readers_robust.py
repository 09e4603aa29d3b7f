"""Readers never lose a good record: each loss measured in issue 12, reproduced and fixed."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from marsad.model import RawArticle, ReadProblem
from marsad.sources import iter_inputs

TEXT = "أعلنت وزارة الخارجية اليوم انطلاق الجولة الثانية من الحوار الأمني المشترك بين البلدين."


def read(*inputs: str | Path) -> list[RawArticle | ReadProblem]:
    return list(iter_inputs([str(i) for i in inputs]))


def articles(records) -> list[RawArticle]:
    return [r for r in records if isinstance(r, RawArticle)]


def problems(records) -> list[ReadProblem]:
    return [r for r in records if isinstance(r, ReadProblem)]


def record(n: int, size: int = 0) -> dict:
    return {"title": f"خبر {n}", "content": f"{TEXT} {n} " + "ن" * size}


def test_jsonl_with_first_line_longer_than_the_sniffed_head(tmp_path: Path) -> None:
    path = tmp_path / "day.json"  # named .json, as SaudiNewsNet-style dumps often are
    path.write_text("\n".join(json.dumps(record(n, 20_000 if n == 0 else 10)) for n in range(5)) + "\n")
    got = read(path)
    assert not problems(got)
    assert [r.origin for r in got] == [f"{path}#{n}" for n in range(1, 6)]


def test_one_long_minified_json_object_is_still_one_document(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record(0, 20_000)))
    [got] = read(path)
    assert isinstance(got, RawArticle) and got.origin == str(path)


def test_json_array_with_one_invalid_byte_keeps_every_other_record(tmp_path: Path) -> None:
    items = [json.dumps(record(n), ensure_ascii=False).encode() for n in range(1000)]
    items[400] = items[400].replace("خبر".encode(), b"\xff\xfe", 1)
    path = tmp_path / "day.json"
    path.write_bytes(b"[" + b",\n".join(items) + b"]")
    got = read(path)
    assert [p.origin for p in problems(got)] == [f"{path}#401"]
    assert "UTF-8" in problems(got)[0].problem
    assert len(articles(got)) == 999
    assert articles(got)[400].origin == f"{path}#402"


@pytest.mark.parametrize(
    "bad",
    [
        '{"content": "x", "n": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"content": "x", oops}',
        '{"content": "x",}',
    ],
    ids=["huge-number", "deep-nesting", "syntax", "trailing-comma"],
)
def test_json_array_bad_item_is_one_problem(tmp_path: Path, bad: str) -> None:
    items = [json.dumps(record(n)) for n in range(5)]
    items[2] = bad
    path = tmp_path / "a.json"
    path.write_text("[" + ",".join(items) + "]")
    got = read(path)
    assert len(articles(got)) == 4, problems(got)
    assert [p.origin for p in problems(got)] == [f"{path}#3"]


@pytest.mark.parametrize(
    "bad",
    ['{"content": "x", "n": ' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000],
    ids=["huge-number", "deep-nesting"],
)
def test_jsonl_bad_line_does_not_lose_the_later_lines(tmp_path: Path, bad: str) -> None:
    lines = [json.dumps(record(n)) for n in range(5)]
    lines[1] = bad
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n")
    got = read(path)
    assert len(articles(got)) == 4
    assert [p.origin for p in problems(got)] == [f"{path}#2"]


def test_jsonl_line_past_the_record_cap_is_skipped_and_said(tmp_path: Path, monkeypatch) -> None:
    from marsad.sources import jsonrec

    monkeypatch.setattr(jsonrec, "MAX_RECORD_BYTES", 1000)
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(record(n, 2000 if n == 1 else 0)) for n in range(3)) + "\n")
    got = read(path)
    assert [r.origin for r in articles(got)] == [f"{path}#1", f"{path}#3"]
    [problem] = problems(got)
    assert problem.origin == f"{path}#2" and "longer than" in problem.problem


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-3],  # cut mid-character (the last letter's second byte)
        lambda data: data[:100] + b"\xff" + data[100:],  # one stray byte
    ],
    ids=["cut-mid-character", "stray-byte"],
)
def test_text_with_stray_bytes_is_kept_and_flagged(tmp_path: Path, damage) -> None:
    from marsad.clean import clean_article

    path = tmp_path / "a.txt"
    path.write_bytes(damage((TEXT + "\n").encode() * 3))
    [got] = read(path)
    assert isinstance(got, RawArticle), got
    assert "\ufffd" in got.text and got.meta["replaced"] >= 1
    _, flags = clean_article(got)
    assert "bytes_replaced" in {f.kind for f in flags}


def test_text_with_rlm_after_every_word_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" ".join(word + "\u200f" for word in TEXT.split()))
    [got] = read(path)
    assert isinstance(got, RawArticle) and got.text.count("\u200f") == len(TEXT.split())


def test_lone_surrogate_in_json_is_replaced_at_the_boundary(tmp_path: Path) -> None:
    from marsad.analyze import fingerprint

    path = tmp_path / "a.jsonl"
    path.write_text('{"content": "' + TEXT + ' \\ud800 x", "title": "\\udfff"}\n')
    [got] = read(path)
    assert isinstance(got, RawArticle)
    assert "\ufffd" in got.text and got.title == "\ufffd" and got.meta["replaced"] == 2
    fingerprint(got)  # used to raise UnicodeEncodeError at the same record on every run


def test_undecodable_file_name_is_named_by_its_bytes(tmp_path: Path) -> None:
    raw_dir = os.fsencode(tmp_path)
    with open(raw_dir + b"/caf\xe9.txt", "wb") as handle:
        handle.write(TEXT.encode())
    [got] = read(tmp_path)
    assert isinstance(got, RawArticle)
    assert got.origin == f"{tmp_path}/caf\\xe9.txt"
    got.origin.encode("utf-8")  # printable and storable
    assert got.meta["origin_replaced"]


def test_one_input_however_it_is_spelled(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    got = read("seeds", "./seeds/", f"{tmp_path}/seeds")
    assert [r.origin for r in got] == [f"{os.path.realpath(tmp_path)}/seeds/a.txt"]


def test_zip_member_leaving_the_archive_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ok.txt", TEXT)
        archive.writestr("../evil.txt", TEXT)
        archive.writestr("/abs.txt", TEXT)
    got = read(path)
    assert [r.origin for r in articles(got)] == [f"{path}!ok.txt"]
    assert sorted(p.origin for p in problems(got)) == [f"{path}!../evil.txt", f"{path}!/abs.txt"]
    assert all("leaves the archive" in p.problem for p in problems(got))


@pytest.mark.parametrize("data", [b"x", b"\xd8\xa7", b"ab"])
def test_one_or_two_byte_inputs_are_too_short(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [got] = read(path)
    assert isinstance(got, ReadProblem) and "too short" in got.problem


def test_folder_with_one_bad_file_keeps_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([record(1), record(2)]))
    (tmp_path / "b.json").write_text("[{]")
    (tmp_path / "c.jsonl").write_text(json.dumps(record(3)) + "\n")
    got = read(tmp_path)
    assert len(articles(got)) == 3
    assert problems(got) and {Path(p.origin.split("#")[0]).name for p in problems(got)} == {"b.json"}


def test_an_oversized_article_is_cut_and_flagged(tmp_path: Path, monkeypatch) -> None:
    from marsad.clean import clean_article
    from marsad.sources import dispatch

    monkeypatch.setattr(dispatch, "MAX_ARTICLE_CHARS", 100)
    path = tmp_path / "a.txt"
    path.write_text(TEXT * 5)
    [got] = read(path)
    assert isinstance(got, RawArticle) and len(got.text) == 100 and got.meta["cut_from"] == len(TEXT * 5)
    _, flags = clean_article(got)
    assert "text_cut" in {f.kind for f in flags}
