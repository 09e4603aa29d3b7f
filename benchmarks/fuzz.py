"""Fuzz the readers and the per-article pipeline with generated and mutated inputs.

    PYTHONPATH=src nice python benchmarks/fuzz.py --cases 100000 --pipeline 1000 --workers 2

Inputs: the bundled seeds and SaudiNewsNet records (from ../shared when present) mutated
byte-wise (flips, stray bytes, cuts, splices, repeats, NULs), wrapped as text, JSON arrays,
JSON Lines, HTML, feeds, zip and gzip; plus structured hostile JSON where the number of good
records is known (one bad record among good ones: a stray byte, a 5,000-digit number, deep
nesting, a lone surrogate, a broken token), so "stored" can be compared with "expected".
The pipeline layer cleans and annotates what the readers yield (fast profile).

Each case runs in a worker process under a per-input timer (--timeout, 10 s): a case past it
is a hang; an exception escaping a reader or the pipeline is a traceback (the first few are
printed). Peak memory is each worker's maximum resident set. Printed: one table per layer.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import multiprocessing
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from marsad.model import RawArticle, ReadProblem
from marsad.paths import examples_dir, shared_dir

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".xml", ".zip", ".gz", "", ".dat")
HOSTILE_BYTES = (
    b"\xff",
    b"\x00",
    b"\xd8",
    b"\xe2\x80\x8f",
    b"\x1b[2J",
    b"\\ud800",
    b'"',
    b"{",
    b"[",
    b"\n",
    b"@",
)


class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


@dataclass
class Tally:
    cases: int = 0
    problems: int = 0  # inputs or records the reader reported (expected for hostile input)
    tracebacks: int = 0
    hangs: int = 0
    slowest: float = 0.0
    stored: int = 0
    expected: int = 0
    expected_cases: int = 0
    mismatched: int = 0
    samples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "cases",
            "problems",
            "tracebacks",
            "hangs",
            "stored",
            "expected",
            "expected_cases",
            "mismatched",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.slowest = max(self.slowest, other.slowest)
        self.samples.extend(other.samples[: max(0, 5 - len(self.samples))])


def corpus() -> tuple[list[bytes], list[dict]]:
    seeds = [p.read_bytes() for p in sorted((examples_dir() / "seeds").glob("*.txt"))]
    records: list[dict] = []
    shared = shared_dir()
    if shared is not None:
        for path in sorted((shared / "data/news/saudinewsnet").glob("*.zip"))[:1]:
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    records.extend(json.loads(archive.read(name))[:400])
    if not records:
        records = [{"title": f"خبر {i}", "content": s.decode("utf-8")} for i, s in enumerate(seeds)]
    return seeds, [r for r in records if str(r.get("content") or "").strip()]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(8)
        pos = rng.randint(0, len(data))
        if choice == 0 and data:
            data[min(pos, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:
            data[pos:pos] = rng.choice(HOSTILE_BYTES) * rng.choice((1, 1, 3, 1000))
        elif choice == 2:
            del data[pos : pos + rng.randint(1, 64)]
        elif choice == 3:
            data = data[: rng.randint(0, len(data))]
        elif choice == 4 and data:
            start = rng.randrange(len(data))
            chunk = data[start : start + rng.randint(1, 200)]
            data[pos:pos] = chunk * rng.randint(2, 50)
        elif choice == 5:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif choice == 6:
            data[pos:pos] = "\u200f".encode() * rng.randint(1, 100)
        else:
            data[pos:pos] = rng.choice((b"a", b"1", b".", b" ", b"<", "ا".encode())) * rng.randint(100, 5000)
    return bytes(data)


def wrap(kind: str, payload: bytes, rng: random.Random) -> tuple[bytes, str]:
    """``payload`` inside a container of ``kind``: (bytes, file suffix)."""
    if kind == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(rng.choice(("a.txt", "a.json", "../x.txt", "d/a.jsonl", ".h")), payload)
        return buffer.getvalue(), ".zip"
    if kind == "gzip":
        return gzip.compress(payload), rng.choice((".json.gz", ".gz", ".txt.gz"))
    if kind == "html":
        text = payload.decode("utf-8", "replace")
        return (
            f"<html><head><title>ع</title></head><body><article><p>{text}</p></article></body></html>".encode(
                "utf-8", "surrogatepass"
            ),
            ".html",
        )
    if kind == "feed":
        text = payload.decode("utf-8", "replace").replace("<", "&lt;")
        return (
            f'<?xml version="1.0"?><rss><channel><item><title>t</title><link>javascript:x</link>'
            f"<description>{text}</description></item></channel></rss>"
        ).encode("utf-8", "surrogatepass"), ".xml"
    return payload, rng.choice(SUFFIXES)


BAD_RECORDS = (
    lambda good: json.dumps(good, ensure_ascii=False).encode().replace(b'"content"', b'"con\xfftent"', 1),
    lambda good: b'{"content": "x", "n": ' + b"9" * 5000 + b"}",
    lambda good: b"[" * 50_000 + b"]" * 50_000,
    lambda good: b'{"content": "x", oops}',
    lambda good: b'{"title": "no text"}',
    lambda good: b"12",
)


def structured(records: list[dict], rng: random.Random) -> tuple[bytes, str, int]:
    """Good records with some bad ones among them: (bytes, suffix, good records expected)."""
    chosen = [rng.choice(records) for _ in range(rng.randint(1, 12))]
    items: list[bytes] = []
    good = 0
    for number, record in enumerate(chosen):
        # The first record is an object: what a file starting with a scalar or an array is
        # (JSON Lines or one document) cannot be known, only guessed.
        if number and rng.random() < 0.25:
            items.append(rng.choice(BAD_RECORDS)(record))
        else:
            record = dict(record)
            if rng.random() < 0.2:  # a lone surrogate escape: kept, replaced, flagged
                record["content"] = str(record["content"]) + " \\ud800"
            items.append(
                json.dumps(record, ensure_ascii=rng.random() < 0.3).replace("\\\\ud800", "\\ud800").encode()
            )
            good += 1
    if rng.random() < 0.5:
        return b"[" + b",\n".join(items) + b"]", rng.choice((".json", "")), good
    return b"\n".join(items) + b"\n", rng.choice((".jsonl", ".json", "")), good


def make_case(
    index: int, seeds: list[bytes], records: list[dict], seed: int
) -> tuple[bytes, str, int | None]:
    rng = random.Random(seed * 1_000_003 + index)
    roll = rng.random()
    if roll < 0.3:
        data, suffix, good = structured(records, rng)
        return data, suffix, good
    if roll < 0.55:
        base = rng.choice(seeds)
    elif roll < 0.8:
        base = json.dumps(rng.choice(records), ensure_ascii=rng.random() < 0.5).encode()
        if rng.random() < 0.5:
            base = b"[" + base + b"]"
    else:
        base = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    data = mutate(base, rng)
    kind = rng.choice(("plain", "plain", "plain", "zip", "gzip", "html", "feed"))
    data, suffix = wrap(kind, data, rng)
    return data, suffix, None


def run_chunk(args: tuple[int, int, int, float, int, str]) -> tuple[Tally, Tally, int]:
    start, stop, seed, timeout, pipeline_every, folder = args
    from marsad.analyze import process
    from marsad.sources import iter_inputs

    seeds, records = _CORPUS
    reader, pipeline = Tally(), Tally()
    signal.signal(signal.SIGALRM, _alarm)
    work = Path(folder) / f"w{os.getpid()}"
    work.mkdir(exist_ok=True)
    for index in range(start, stop):
        data, suffix, expected = make_case(index, seeds, records, seed)
        path = work / f"case{suffix}"
        path.write_bytes(data)
        got: list[RawArticle | ReadProblem] = []
        began = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            got = list(iter_inputs([str(path)]))
        except Hang:
            reader.hangs += 1
            reader.samples.append(f"hang: case {index} ({suffix}, {len(data)} bytes)")
        except Exception:
            reader.tracebacks += 1
            reader.samples.append(f"case {index} ({suffix}):\n{traceback.format_exc()}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        reader.slowest = max(reader.slowest, time.perf_counter() - began)
        reader.cases += 1
        articles = [r for r in got if isinstance(r, RawArticle)]
        reader.problems += len(got) - len(articles)
        reader.stored += len(articles)
        if expected is not None:
            reader.expected += expected
            reader.expected_cases += 1
            if len(articles) != expected:
                reader.mismatched += 1
                if len(reader.samples) < 5:
                    reader.samples.append(f"case {index}: stored {len(articles)}, expected {expected}")
        if pipeline_every and index % pipeline_every == 0:
            for raw in articles[:2]:
                began = time.perf_counter()
                signal.setitimer(signal.ITIMER_REAL, timeout)
                try:
                    doc = process(raw, "fast", None)
                    _check_spans(doc)
                    pipeline.stored += 1
                except Hang:
                    pipeline.hangs += 1
                    pipeline.samples.append(f"hang: case {index} ({len(raw.text)} characters)")
                except Exception:
                    pipeline.tracebacks += 1
                    pipeline.samples.append(f"case {index}:\n{traceback.format_exc()}")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                pipeline.slowest = max(pipeline.slowest, time.perf_counter() - began)
                pipeline.cases += 1
    return reader, pipeline, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _check_spans(doc) -> None:  # type: ignore[no-untyped-def]
    length = len(doc.article.text)
    for name in ("mentions", "times", "quantities", "quotes", "event_mentions", "claims", "flags"):
        for record in getattr(doc, name):
            if not 0 <= record.start <= record.end <= length:
                raise AssertionError(f"{name} span {record.start}-{record.end} outside 0-{length}")


_CORPUS: tuple[list[bytes], list[dict]] = ([], [])


def _init(corpus_: tuple[list[bytes], list[dict]]) -> None:
    """Keep the corpus; load the models once, before any timer runs (loading is not a hang)."""
    from marsad.analyze import process

    global _CORPUS
    _CORPUS = corpus_
    process(RawArticle(origin="warm-up", text=corpus_[0][0].decode("utf-8")), "fast", None)


def scaling(records: list[dict], sizes: tuple[int, ...] = (10, 20, 40, 80, 160)) -> None:
    """Clean + annotate time on unpunctuated text (news words with every punctuation mark
    removed, so one "sentence" is the whole page) of growing size: linear work doubles with
    the size (CPU time: a busy machine stretches wall time); the hostile cases that once ran
    past the timeout were of this shape."""
    import re

    from marsad.analyze import process

    words = " ".join(re.sub(r"[^\w\s]", " ", str(r.get("content") or "")) for r in records).split()
    print("| unpunctuated text | seconds | CPU seconds | × previous size's CPU time |")
    print("|---:|---:|---:|---:|")
    previous = None
    for kb in sizes:
        text, k = [], 0
        length = 0
        while length < kb * 1000:
            text.append(words[k % len(words)])
            length += len(text[-1]) + 1
            k += 1
        raw = RawArticle(origin=f"unpunctuated-{kb}kb", text=" ".join(text))
        began, cpu = time.perf_counter(), time.process_time()
        process(raw, "fast", None)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        ratio = f"{cpu / previous:.2f}" if previous else ""
        print(f"| {kb} KB | {seconds:.2f} | {cpu:.2f} | {ratio} |")
        previous = cpu
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=10_000, help="reader cases (default 10,000)")
    parser.add_argument(
        "--pipeline", type=int, default=200, help="about how many cases also go through clean+annotate"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds per input before it counts as a hang"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: run every case)")
    parser.add_argument(
        "--scaling", action="store_true", help="first time the pipeline on unpunctuated text of growing size"
    )
    args = parser.parse_args()
    data = corpus()
    if args.scaling:
        _init(data)  # load the models before timing
        scaling(data[1])
    every = max(1, args.cases // args.pipeline) if args.pipeline else 0
    chunk = 100
    jobs = [
        (start, min(start + chunk, args.cases), args.seed, args.timeout, every, "")
        for start in range(0, args.cases, chunk)
    ]
    reader, pipeline, peak = Tally(), Tally(), 0
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="marsad-fuzz-") as folder:
        jobs = [(*job[:5], folder) for job in jobs]
        with multiprocessing.get_context("fork").Pool(
            args.workers, initializer=_init, initargs=(data,)
        ) as pool:
            for done, (r, p, rss) in enumerate(pool.imap_unordered(run_chunk, jobs), start=1):
                reader.add(r)
                pipeline.add(p)
                peak = max(peak, rss)
                if args.seconds and time.perf_counter() - began > args.seconds:
                    print(f"  time budget reached after {reader.cases:,} cases", file=sys.stderr)
                    pool.terminate()
                    break
                if done % 20 == 0:
                    print(
                        f"  {reader.cases:,} cases, {time.perf_counter() - began:.0f} s",
                        file=sys.stderr,
                        flush=True,
                    )
    seconds = time.perf_counter() - began
    print(
        f"fuzz: seed {args.seed}, {len(data[0])} seeds + {len(data[1])} SaudiNewsNet records mutated; "
        f"{seconds:.0f} s with {args.workers} workers; per-input timeout {args.timeout:g} s"
    )
    print()
    print(
        "| layer | cases | tracebacks | hangs | slowest s | problems reported "
        "| stored / expected (cases off) | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, tally in (("readers", reader), ("clean + annotate", pipeline)):
        expected = (
            f"{tally.stored:,} stored"
            if name != "readers"
            else f"{tally.stored:,} stored; {tally.expected:,} expected in "
            f"{tally.expected_cases:,} known cases ({tally.mismatched} off)"
        )
        print(
            f"| {name} | {tally.cases:,} | {tally.tracebacks} | {tally.hangs} | {tally.slowest:.2f} | "
            f"{tally.problems:,} | {expected} | {peak / 1024:.0f} |"
        )
    for tally in (reader, pipeline):
        for sample in tally.samples[:5]:
            print("\n" + sample)


if __name__ == "__main__":
    main()
