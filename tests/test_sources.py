"""The readers: every input kind, and the ways real inputs are broken."""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from marsad.model import RawArticle, ReadProblem
from marsad.sources import FieldMap, iter_inputs
from marsad.sources.published import normalize_published
from marsad.sources.sniff import sniff
from marsad.sources.text import decode_text

ARABIC = (
    "بحث وزير الدفاع العراقي مع نظيره الأمريكي أوجه التعاون الأمني المشترك في واشنطن.\n"
    "وقال الوزير إن المحادثات تناولت مستقبل التحالف الدولي وجدول انسحاب القوات.\n"
)
PARAGRAPHS = [
    "أعلنت وزارة الخارجية العراقية، اليوم الثلاثاء، انطلاق الجولة الثانية من الحوار الأمني المشترك "
    "بين بغداد وواشنطن، بمشاركة وفود عسكرية ودبلوماسية رفيعة من البلدين.",
    "وقال المتحدث باسم الوزارة في بيان إن الجانبين ناقشا جدول انتقال مهمة التحالف الدولي إلى "
    "علاقات أمنية ثنائية، وسبل دعم القوات العراقية في مجالات التدريب والاستشارة وتبادل المعلومات.",
    "وأضاف البيان أن الوفد العراقي أكد التزام الحكومة بحماية البعثات الدبلوماسية والمستشارين "
    "الأجانب، وأن اللجنة العسكرية العليا ستواصل اجتماعاتها خلال الأسابيع المقبلة لتقييم الوضع الميداني.",
]


def html_page(*, date: str | None = "2024-02-10T09:30:00+03:00", title: str = "انطلاق الحوار الأمني") -> str:
    date_meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f'<title>{title}</title><meta property="og:site_name" content="وكالة الأنباء">{date_meta}</head>'
        "<body><nav><a href='/'>الرئيسية</a> | <a href='/p'>سياسة</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>أخبار العراق</title><link>http://127.0.0.1/</link><description>x</description>
<item><title>الحوار الأمني</title><link>http://example.org/a/1</link>
<pubDate>Tue, 10 Sep 2024 10:00:00 +0300</pubDate>
<description>&lt;p&gt;بحث الوزير مع نظيره التعاون الأمني.&lt;/p&gt;
&lt;p&gt;وقال إن المحادثات مستمرة.&lt;/p&gt;</description>
</item>
<item><title>خبر ثان</title><link>http://example.org/a/2</link>
<content:encoded><![CDATA[<p>النص الكامل للخبر الثاني.</p><p>فقرة ثانية.</p>]]></content:encoded>
<description>ملخص قصير</description></item>
<item><title>بلا نص</title><link>http://example.org/a/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>مرصد</title><id>urn:x</id>
<updated>2024-03-01T00:00:00Z</updated>
<entry><title>اجتماع اللجنة العسكرية العليا</title><id>urn:1</id>
<link href="http://example.org/e/1"/><published>2024-03-01T08:15:00Z</published>
<updated>2024-03-02T00:00:00Z</updated><author><name>مراسل</name></author>
<content type="html">&lt;p&gt;عقدت اللجنة العسكرية العليا اجتماعها الأول.&lt;/p&gt;</content></entry>
</feed>"""


def read(*inputs: str | Path, **kwargs) -> list[RawArticle | ReadProblem]:
    return list(iter_inputs([str(i) for i in inputs], **kwargs))


def articles(records) -> list[RawArticle]:
    return [r for r in records if isinstance(r, RawArticle)]


def problems(records) -> list[ReadProblem]:
    return [r for r in records if isinstance(r, ReadProblem)]


# --- plain text and encodings -------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256", "iso8859_6"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(ARABIC.encode(encoding))
    [record] = read(path)
    assert isinstance(record, RawArticle), record
    assert record.text == ARABIC
    assert record.title is None
    assert record.origin == str(path)
    assert record.meta["encoding"] == encoding


def test_legacy_detection_is_not_fooled_by_short_text() -> None:
    short = "قال الوزير إن المحادثات مستمرة"
    for encoding in ("cp1256", "iso8859_6"):
        assert decode_text(short.encode(encoding)) == (short, encoding)


def test_legacy_text_from_saudinewsnet_decodes(shared: Path) -> None:
    """Real text (not only our examples): a SaudiNewsNet article saved in cp1256 round-trips."""
    zip_path = next(iter(sorted((shared / "data/news/saudinewsnet").glob("*.zip"))))
    record = next(r for r in read(zip_path) if isinstance(r, RawArticle) and len(r.text) > 500)
    sample = record.text[:2000].encode("cp1256", errors="ignore").decode("cp1256")
    assert decode_text(sample.encode("cp1256"))[0] == sample


def test_empty_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "nul.bin").write_bytes(b"\x00\x01\x02abc" * 100)
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 40)
    found = {Path(p.origin).name: p.problem for p in problems(read(tmp_path))}
    assert found == {
        "blank.txt": "empty file",
        "empty.txt": "empty file",
        "noise.txt": "binary or unknown encoding",
        "nul.bin": "binary or unknown encoding",
    }


def test_missing_path_is_a_problem_not_a_crash() -> None:
    [problem] = read("no/such/file.txt")
    assert problem == ReadProblem("no/such/file.txt", "no such file or directory")


# --- HTML -------------------------------------------------------------------------------------


def test_html_main_text_title_date_site(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    [record] = read(path)
    assert isinstance(record, RawArticle), record
    assert record.title == "انطلاق الحوار الأمني"
    assert record.published == "2024-02-10"
    assert record.source == "وكالة الأنباء"
    assert "الجولة الثانية من الحوار الأمني" in record.text
    assert "الرئيسية" not in record.text and "جميع الحقوق" not in record.text
    # paragraphs stay on their own lines
    assert all(any(line.startswith(p[:30]) for line in record.text.splitlines()) for p in PARAGRAPHS)


def test_html_without_date_metadata_gets_no_date(tmp_path: Path) -> None:
    """Neither trafilatura nor htmldate may fall back to today's date (or any date in the text)."""
    path = tmp_path / "undated.html"
    page = html_page(date=None).replace("</article>", "<p>وتم الاتفاق في 2019/05/04 على ذلك.</p></article>")
    path.write_text(page, encoding="utf-8")
    [record] = read(path)
    assert isinstance(record, RawArticle)
    assert record.published is None


def test_html_in_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "legacy.htm"
    page = html_page().replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
    path.write_bytes(page.encode("cp1256"))
    [record] = read(path)
    assert record.title == "انطلاق الحوار الأمني" and PARAGRAPHS[1][:40] in record.text


def test_html_without_body_text(tmp_path: Path) -> None:
    path = tmp_path / "nobody.html"
    path.write_text("<!DOCTYPE html><html><head><title>عنوان</title></head></html>", encoding="utf-8")
    assert read(path) == [ReadProblem(str(path), "HTML has no article text")]


# --- JSON and JSON Lines -------------------------------------------------------------------


def test_json_array_with_default_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    records = [
        {"headline": "عنوان", "body": ARABIC, "link": "http://x/1", "pubDate": "2024-01-05", "outlet": "س"},
        {"title": "ب", "content": "نص", "date_extracted": "2015-07-21 02:51:32", "author": "كاتب"},
        {"title": "بلا نص", "content": ""},
        "not an object",
        {"text": "نص ثالث", "date": "غير معروف"},
    ]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    got = read(path)
    first, second, empty, scalar, third = got
    assert (first.origin, first.title, first.url, first.published, first.source) == (
        f"{path}#1",
        "عنوان",
        "http://x/1",
        "2024-01-05",
        "س",
    )
    assert first.text == ARABIC
    # the crawl date stands in for publication, day only, and says where it came from
    assert second.published == "2015-07-21" and second.meta["published_from"] == "date_extracted"
    assert second.author == "كاتب"
    assert empty == ReadProblem(f"{path}#3", "record has no text")
    assert isinstance(scalar, ReadProblem) and scalar.origin == f"{path}#4"
    assert third.published is None and third.meta["published_raw"] == "غير معروف"


def test_single_json_object_and_field_override(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps({"headline": "ع", "story": "نص الخبر", "when": "2024-05-01T10:00:00Z"}, indent=1)
    )
    [without] = read(path)
    assert without == ReadProblem(str(path), "record has no text")
    [record] = read(path, fields=FieldMap.parse("text=story,published=when"))
    assert (record.origin, record.text, record.title) == (str(path), "نص الخبر", "ع")
    assert record.published == "2024-05-01T10:00:00+00:00"
    with pytest.raises(ValueError, match="bad field mapping"):
        FieldMap.parse("bogus=x")


def test_utf16_json_array(tmp_path: Path) -> None:
    path = tmp_path / "windows.json"
    path.write_bytes(json.dumps([{"text": ARABIC}], ensure_ascii=False).encode("utf-16"))
    [record] = read(path)
    assert record.text == ARABIC and record.origin == f"{path}#1"


def test_jsonl_broken_line_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": "١", "text": "الأول", "date": "2024-01-01"}, ensure_ascii=False),
        '{"title": "broken", "text": "نص',
        "",
        json.dumps({"title": "٣", "text": "الثالث"}, ensure_ascii=False),
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = read(path)
    assert [type(r).__name__ for r in got] == ["RawArticle", "ReadProblem", "RawArticle", "ReadProblem"]
    assert got[0].origin == f"{path}#1" and got[0].published == "2024-01-01"
    assert got[1].origin == f"{path}#2" and got[1].problem.startswith("invalid JSON: ")
    assert str(got[1]).startswith(f"{path}#2: invalid JSON: ")
    assert got[2].origin == f"{path}#4" and got[2].text == "الثالث"
    assert got[3] == ReadProblem(f"{path}#5", "record has no text")


def test_jsonl_is_sniffed_without_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "records.dat"
    path.write_text('{"text": "أ"}\n{"text": "ب"}\n', encoding="utf-8")
    assert [r.origin for r in read(path)] == [f"{path}#1", f"{path}#2"]


def test_truncated_json_array_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(json.dumps([{"text": "أ"}, {"text": "ب"}], ensure_ascii=False)[:-12], encoding="utf-8")
    got = read(path)
    assert isinstance(got[0], RawArticle) and got[0].text == "أ"
    assert isinstance(got[-1], ReadProblem) and got[-1].problem.startswith("invalid JSON")


def test_large_json_array_streams_across_chunks(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    items = [{"text": f"{ARABIC} {i}", "n": 10**i % 997} for i in range(3000)]
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    got = read(path)
    assert len(got) == 3000 and all(isinstance(r, RawArticle) for r in got)
    assert got[-1].text.endswith(" 2999") and got[-1].origin == f"{path}#3000"


# --- archives -----------------------------------------------------------------------------------


def test_zip_members_dispatched_recursively(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deep/note.txt", ARABIC.encode("cp1256"))
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", ARABIC)
        z.writestr("day.json", json.dumps([{"text": "أ"}, {"text": "ب"}]))
        z.writestr("page.html", html_page())
        z.writestr("inner.zip", inner.getvalue())
        z.writestr(".hidden.txt", "x")
        z.writestr("__MACOSX/._a.txt", "x")
        z.writestr("dir/", "")
    got = read(path)
    assert [r.origin for r in got] == [
        f"{path}!a.txt",
        f"{path}!day.json#1",
        f"{path}!day.json#2",
        f"{path}!page.html",
        f"{path}!inner.zip!deep/note.txt",
    ]
    assert all(isinstance(r, RawArticle) for r in got)
    assert got[-1].text == ARABIC and got[3].published == "2024-02-10"


def test_gzipped_zip(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("a.txt", ARABIC)
        z.writestr("b.jsonl", '{"text": "نص"}\n')
    path = tmp_path / "pack.zip.gz"
    path.write_bytes(gzip.compress(inner.getvalue()))
    assert [r.origin for r in read(path)] == [f"{path}!a.txt", f"{path}!b.jsonl#1"]


def test_truncated_zip_reads_members_up_to_the_damage(tmp_path: Path) -> None:
    words = ARABIC.split()
    shuffled = random.Random(7)
    records = [{"text": " ".join(shuffled.choices(words, k=60))} for _ in range(400)]
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(4):
            z.writestr(f"{i}.txt", f"{i} {ARABIC}")
        z.writestr("day.json", json.dumps(records, ensure_ascii=False))
        day = z.getinfo("day.json")
    path = tmp_path / "cut.zip"
    cut_at = day.header_offset + 30 + len("day.json") + day.compress_size // 2  # inside day.json
    path.write_bytes(whole.getvalue()[:cut_at])
    got = read(path)
    assert got[0].origin == str(path) and got[0].problem.startswith("corrupt or truncated zip")
    assert [r.origin for r in got[1:5]] == [f"{path}!{i}.txt" for i in range(4)]
    assert all(isinstance(r, RawArticle) for r in got[1:5]) and got[2].text == f"1 {ARABIC}"
    recovered = articles(got[5:])
    assert 50 < len(recovered) < 400 and recovered[0].origin == f"{path}!day.json#1"
    assert [r.text for r in recovered] == [r["text"] for r in records[: len(recovered)]]
    assert isinstance(got[-1], ReadProblem) and got[-1].origin == f"{path}!day.json"


def test_garbage_after_zip_magic(tmp_path: Path) -> None:
    path = tmp_path / "bad.zip"
    path.write_bytes(b"PK\x03\x04" + b"\xff" * 100)
    got = read(path)
    assert got[0].origin == str(path) and "zip" in got[0].problem
    assert not articles(got)


def test_zip_with_a_damaged_member_still_reads_the_others(tmp_path: Path) -> None:
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_STORED) as z:
        z.writestr("1.txt", "الأول " * 50)
        z.writestr("2.txt", "الثاني " * 50)
        z.writestr("3.txt", "الثالث " * 50)
    data = bytearray(whole.getvalue())
    where = data.find("الثاني".encode())
    data[where + 10 : where + 20] = b"\x00" * 10  # corrupt member 2's bytes: CRC mismatch
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    got = read(path)
    assert [type(r).__name__ for r in got] == ["RawArticle", "ReadProblem", "RawArticle"]
    assert got[1].origin == f"{path}!2.txt"


def test_gzip_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "day.jsonl.gz"
    payload = "\n".join(json.dumps({"text": f"{ARABIC}{i}"}, ensure_ascii=False) for i in range(200)) + "\n"
    good.write_bytes(gzip.compress(payload.encode()))
    got = read(good)
    assert len(got) == 200 and got[0].origin == f"{good}#1"
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress((ARABIC * 200).encode())[:300])
    [problem] = read(cut)
    assert problem.origin == str(cut) and problem.problem.startswith("truncated")


def test_saudinewsnet_zip_as_it_is(shared: Path) -> None:
    path = shared / "data/news/saudinewsnet/2015-07-22.zip"
    with zipfile.ZipFile(path) as z:
        [member] = z.namelist()
        expected = json.loads(z.read(member))
    got = read(path)
    assert len(got) == len(expected)
    with_text = [e for e in expected if (e.get("content") or "").strip()]
    found = articles(got)
    assert len(found) == len(with_text)
    first, raw = found[0], with_text[0]
    # inputs are named by their resolved path (../shared may be a link)
    assert first.origin == f"{path.resolve()}!{member}#{expected.index(raw) + 1}"
    assert (first.title, first.url, first.source, first.text) == (
        raw["title"],
        raw["url"],
        raw["source"],
        raw["content"],
    )
    assert first.published == raw["date_extracted"][:10] == "2015-07-22"
    assert all(p.problem == "record has no text" for p in problems(got))


# --- WARC ---------------------------------------------------------------------------------------


def write_warc(path: Path, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        pages = [
            ("http://news.example/a", "text/html; charset=utf-8", "200 OK", html_page().encode()),
            ("http://news.example/logo.png", "image/png", "200 OK", b"\x89PNG...."),
            ("http://news.example/missing", "text/html", "404 Not Found", b"<html><body>404</body></html>"),
        ]
        for url, ctype, status, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2026-01-02T03:04:05Z"},
            )
            writer.write_record(record)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz=gz)
    [record] = read(path)
    assert isinstance(record, RawArticle), record
    assert record.origin == f"{path}#1" and record.url == "http://news.example/a"
    assert record.published == "2024-02-10"  # from the page, not the crawl
    assert record.meta["warc_date"] == "2026-01-02T03:04:05Z"
    assert "الحوار الأمني المشترك" in record.text


# --- feeds --------------------------------------------------------------------------------------


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "iraq.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second, third = read(path)
    assert first.origin == f"{path}#1" and first.title == "الحوار الأمني"
    assert first.text == "بحث الوزير مع نظيره التعاون الأمني.\nوقال إن المحادثات مستمرة."
    assert first.url == "http://example.org/a/1"
    assert first.published == "2024-09-10T07:00:00+00:00"
    assert first.source == "أخبار العراق"
    assert second.text == "النص الكامل للخبر الثاني.\nفقرة ثانية." and second.published is None
    assert third == ReadProblem(f"{path}#3", "feed entry has no text")


def test_atom_feed_sniffed_by_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml.data"
    path.write_text(ATOM, encoding="utf-8")
    [entry] = read(path)
    assert entry.title == "اجتماع اللجنة العسكرية العليا"
    assert entry.text == "عقدت اللجنة العسكرية العليا اجتماعها الأول."
    assert entry.published == "2024-03-01T08:15:00+00:00"  # published, not updated
    assert (entry.url, entry.author) == ("http://example.org/e/1", "مراسل")


# --- directories and stdin ------------------------------------------------------------------------


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "z.txt").write_text(ARABIC)
    (root / "b" / "a.txt").write_text(ARABIC)
    (root / "a.json").write_text(json.dumps([{"text": "نص"}]))
    (root / ".hidden.txt").write_text(ARABIC)
    (root / ".git" / "x.txt").write_text(ARABIC)
    given = str(root) + "/"
    assert [r.origin for r in read(given)] == [f"{given}a.json#1", f"{given}b/a.txt", f"{given}z.txt"]


class _FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected_text"),
    [(ARABIC.encode("cp1256"), ARABIC), (gzip.compress(json.dumps({"text": "نص"}).encode()), "نص")],
)
def test_stdin_is_sniffed_like_a_file(
    monkeypatch: pytest.MonkeyPatch, data: bytes, expected_text: str
) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(data))
    [record] = read("-")
    assert record.origin == "<stdin>" and record.text == expected_text


def test_stdin_zip_is_spooled(monkeypatch: pytest.MonkeyPatch) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x.txt", ARABIC)

    class NonSeekable(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    fake = _FakeStdin(b"")
    fake.buffer = io.BufferedReader(NonSeekable(archive.getvalue()))  # type: ignore[assignment]
    monkeypatch.setattr(sys, "stdin", fake)
    assert [r.origin for r in read("-")] == ["<stdin>!x.txt"]


# --- URLs ---------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    seen_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.routes = {
        "/page": (200, "text/html; charset=utf-8", html_page().encode()),
        "/feed": (200, "application/rss+xml", RSS.encode()),
        "/feed-as-xml": (200, "text/xml", ATOM.encode()),
        "/data": (200, "application/json", json.dumps([{"text": "أ"}, {"text": "ب"}]).encode()),
        "/slow": (200, "text/html", html_page().encode()),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page(server: str) -> None:
    [record] = read(f"{server}/page")
    assert isinstance(record, RawArticle), record
    assert record.origin == f"{server}/page" and record.url == f"{server}/page"
    assert record.published == "2024-02-10"
    assert any(agent.startswith("Marsad/") for agent in _Handler.seen_agents)


def test_url_redirect_is_followed(server: str) -> None:
    [record] = read(f"{server}/moved")
    assert record.origin == f"{server}/moved" and record.url == f"{server}/page"


def test_url_feeds_and_json(server: str) -> None:
    rss = read(f"{server}/feed")
    assert [r.origin for r in rss] == [f"{server}/feed#1", f"{server}/feed#2", f"{server}/feed#3"]
    [atom] = read(f"{server}/feed-as-xml")
    assert atom.title == "اجتماع اللجنة العسكرية العليا"
    assert [r.text for r in read(f"{server}/data")] == ["أ", "ب"]


def test_url_404_and_timeout_then_reading_goes_on(server: str, tmp_path: Path) -> None:
    local = tmp_path / "a.txt"
    local.write_text(ARABIC)
    missing, slow, after = read(f"{server}/gone", f"{server}/slow", local, timeout=0.3)
    assert missing == ReadProblem(f"{server}/gone", "HTTP 404")
    assert slow == ReadProblem(f"{server}/slow", "timed out after 0.3s")
    assert isinstance(after, RawArticle)


def test_url_connection_refused() -> None:
    [problem] = read("http://127.0.0.1:9/nothing", timeout=2)
    assert isinstance(problem, ReadProblem) and problem.problem.startswith("connection failed")


def test_feed_follow_links(server: str, tmp_path: Path) -> None:
    path = tmp_path / "local.rss"
    path.write_text(RSS.replace("http://example.org/a/1", f"{server}/page"), encoding="utf-8")
    first, second, _ = read(path, follow_links=True, timeout=2)
    assert first.url == f"{server}/page" and "الجولة الثانية" in first.text
    assert first.meta["feed_entry"] == f"{path}#1"
    assert second.meta.get("follow_problem")  # example.org is unreachable: the entry stands


# --- small parts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-02-10", "2024-02-10"),
        ("2024/2/3", "2024-02-03"),
        ("٢٠٢٤-٠٢-١٠", "2024-02-10"),
        ("2015-07-21 02:51:32", "2015-07-21T02:51:32"),
        ("2024-02-10T09:30:00Z", "2024-02-10T09:30:00+00:00"),
        ("Tue, 10 Sep 2024 10:00:00 +0300", "2024-09-10T10:00:00+03:00"),
        (1700000000, "2023-11-14T22:13:20+00:00"),
        ("yesterday", None),
        ("2024-13-45", None),
        ("", None),
    ],
)
def test_normalize_published(raw, iso) -> None:
    assert normalize_published(raw) == iso


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"PK\x03\x04rest", "x.txt", "zip"),
        (b"\x1f\x8b\x08", "x", "gzip"),
        (b"WARC/1.1\r\n", "", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "x.html", "feed"),
        (b"<!doctype html><html>", "x.xml", "html"),
        (b'\n  [{"a": 1}]', "x.txt", "json"),
        (b'{\n  "a": 1\n}\n', "x.jsonl", "json"),
        (ARABIC.encode("utf-16"), "x.json", "text"),
        ("<p>نص</p>".encode(), "", "html"),
        ("ذكر أن 5 < 7".encode(), "", "text"),
    ],
)
def test_sniff_content_first(head: bytes, name: str, kind: str) -> None:
    assert sniff(head, name) == kind
