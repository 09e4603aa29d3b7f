"""Grow gazetteers from SaudiNewsNet: names the fast model tags consistently across many articles.

    PYTHONPATH=src python training/ner/news_gazetteer.py --out /tmp/gaz-news [--articles 15000]

Tags the first ``--articles`` SaudiNewsNet articles (day files in order; the articles of the
cross-domain evaluation set are skipped, so its held split stays unseen) with the shipped
fast model. A tagged span counts when its tags' mean marginal is at least ``--confidence``;
a conjunction or preposition glued to its first word is cut as the annotator cuts it
(والهلال → الهلال). A name is kept when it was tagged in at least ``--min-articles``
different articles, one type holds ``--purity`` of its sightings, and the shipped
gazetteers do not list it already (also not under its first word's clitics: للامم المتحده
is counted as الامم المتحده). Writes into ``--out``: a copy of the shipped gazetteers,
``news_per.txt``, ``news_org.txt``, ``news_loc.txt``, ``news_misc.txt`` (one normalized
name a line; category = file name, as ``Gazetteer.from_dir`` reads them) and
``news_names.tsv``: name, type, articles, sightings, share of the type, and the first
(sorted) URL of an article it was tagged in (provenance). ``train_fast.py --gazetteer-dir OUT``
trains with them.

The candidate lists of ``training/ner/news_names.tsv`` (not shipped: README) were grown by
the shipped model, with:

    PYTHONPATH=src python training/ner/news_gazetteer.py --articles 15000 --out /tmp/gaz-news

``news_*`` files already in the gazetteer folder are ignored while growing (they are what is
being rebuilt), and the other lists are copied only when ``--out`` is another folder.

A name whose first Arabic word news never writes alone (``usable_name``) is not kept: it is
a clitic cut too far (كاليفورنيا → اليفورنيا) or a fragment. ``--from-tsv FILE`` rebuilds the
lists from harvests' tables (``news_names.tsv`` [``silver_names.tsv``]) with that rule, without
tagging again; the shipped ``resources/gazetteers/news_*.txt`` were made so from the
15,000-article harvest above.

``--silver FILE`` harvests the accurate ensemble's tags instead (``silver.py``'s output, every
sentence it tagged, sure or not, with the same confidence, article and purity rules); it
adds to the shipped lists rather than rebuilding them: names they list already are not
counted again, and ``--out`` gets the lists of both harvests, their joint ``news_names.tsv``
and the new names' provenance table ``silver_names.tsv``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from marsad.annotate.bio import bio_to_spans
from marsad.annotate.entities import CLITIC_MIN, FAST_MODEL, NerTagger, clitic_length, news_count
from marsad.annotate.gazetteer import GAZETTEER_DIR, Gazetteer
from marsad.arabic.clitics import ARTICLE, proclitic_variant_set
from marsad.arabic.normalize import normalize
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize
from marsad.evaluation import saudinewsnet
from marsad.paths import RESOURCES

CROSSDOMAIN = RESOURCES / "eval" / "ner_crossdomain_dev.jsonl"
TYPES = ("PER", "ORG", "LOC", "MISC")
SHIPPED_TABLE = Path(__file__).with_name("news_names.tsv")  # the CRF harvest the shipped lists hold
HEADER = ("name", "type", "articles", "sightings", "type_share", "first_url")
URL_PARTS = frozenset({"http", "https", "www", "com"})


def usable_name(name: str) -> bool:
    """Whether a harvested name may be listed: no URL parts, and a first word news writes on
    its own when it is Arabic (a cut clitic leaves an unattested stump: اليفورنيا)."""
    words = name.split()
    if not words or URL_PARTS & set(words):
        return False
    first = words[0]
    return not any("\u0600" <= c <= "\u06ff" for c in first) or news_count(first) >= CLITIC_MIN


Row = tuple[str, str, int, int, float, str]


def write_lists(out: Path, rows: list[Row], table: str = "news_names.tsv") -> None:
    """``news_<type>.txt`` (one name a line) and the provenance table (``news_names.tsv``)."""
    for kind in TYPES:
        names = sorted(r[0] for r in rows if r[1] == kind)
        (out / f"news_{kind.lower()}.txt").write_text("".join(n + "\n" for n in names), encoding="utf-8")
        print(f"news_{kind.lower()}: {len(names)} names")
    with (out / table).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(sorted(rows, key=lambda r: (r[1], -r[2], r[0])))


def read_table(path: Path) -> list[Row]:
    """The ``usable_name`` rows of a harvest's provenance table."""
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh, delimiter="\t"))
    rows = [
        (r["name"], r["type"], int(r["articles"]), int(r["sightings"]), float(r["type_share"]), r[HEADER[-1]])
        for r in table
        if usable_name(r["name"])
    ]
    print(f"{len(rows)} of {len(table)} names of {path} kept")
    return rows


def from_tsv(paths: list[Path], out: Path) -> None:
    """Lists rebuilt from harvests' provenance tables (a later table adds names, never
    retypes one an earlier table lists), keeping their ``usable_name`` rows."""
    rows: dict[str, Row] = {}
    for path in paths:
        for row in read_table(path):
            rows.setdefault(row[0], row)
    out.mkdir(parents=True, exist_ok=True)
    write_lists(out, list(rows.values()))


def _merge_clitic_forms(
    sightings: dict[str, Counter[str]], articles: dict[str, set[str]], gaz: Gazetteer
) -> tuple[dict[str, Counter[str]], dict[str, set[str]]]:
    """Names whose first word still carries a preposition or conjunction (للامم المتحده,
    بمكه) counted under the form without it, when that form was seen too or is listed:
    the gazetteer lookup tries those clitics itself. The article is never taken off (it is
    part of names: الاهلي)."""
    merged: dict[str, Counter[str]] = defaultdict(Counter)
    merged_articles: dict[str, set[str]] = defaultdict(set)
    for name, kinds in sightings.items():
        first, *rest = name.split()
        variants = proclitic_variant_set(first)
        target = name
        for v in variants[1:]:
            if ARTICLE + v in variants:
                continue  # only the article was taken off
            candidate = " ".join([v, *rest])
            if candidate in sightings or gaz.index.get((v, *rest)):
                target = candidate
                break
        merged[target].update(kinds)
        merged_articles[target] |= articles[name]
    return merged, merged_articles


Sighting = tuple[str, list[str], list[str], list[float]]  # url, tokens, tags, tag probabilities


def crf_sightings(model: Path, gaz: Gazetteer, n_articles: int, held: set[str]) -> Iterator[Sighting]:
    """The first ``n_articles`` SaudiNewsNet articles (cross-domain ones skipped), tagged by the CRF."""
    tagger = NerTagger(model, doc_model_path=None, gazetteer=gaz)
    done = 0
    for record in saudinewsnet.records():
        url = record.get("url") or ""
        if url in held:
            continue
        text = re.sub(r"\s+", " ", record.get("content") or "")
        sentences = [[t.text for t in tokenize(text, s.start, s.end)] for s in split_sentences(text)]
        for tokens, (tags, marginals) in zip(
            sentences, tagger.tag_document_with_confidence(sentences), strict=True
        ):
            yield url, tokens, tags, marginals
        done += 1
        if done >= n_articles:
            break
    print(f"{done} articles tagged (cross-domain set's articles skipped)")


def silver_sightings(path: Path) -> Iterator[Sighting]:
    """The sentences ``silver.py`` tagged with the accurate ensemble (every one, sure or not)."""
    from silver_select import read_silver  # beside this script (tests load this module by path)

    sentences = read_silver(path)
    print(f"{len(sentences)} silver sentences of {len({s.url for s in sentences})} articles from {path}")
    for s in sentences:
        yield s.url, s.tokens, s.tags, s.confidence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=FAST_MODEL, help="fast CRF model that tags")
    parser.add_argument("--articles", type=int, default=15000)
    parser.add_argument("--min-articles", type=int, default=3)
    parser.add_argument("--confidence", type=float, default=0.9)
    parser.add_argument("--purity", type=float, default=0.9)
    parser.add_argument(
        "--from-tsv", type=Path, nargs="+", default=None, help="rebuild the lists from news_names.tsv tables"
    )
    parser.add_argument(
        "--silver",
        type=Path,
        default=None,
        help="harvest silver.py's accurate-ensemble tags (adds to the shipped lists)",
    )
    args = parser.parse_args()
    if args.from_tsv is not None:
        from_tsv(args.from_tsv, args.out)
        return
    held = {json.loads(line)["url"] for line in CROSSDOMAIN.read_text(encoding="utf-8").splitlines()}
    # A CRF harvest rebuilds the news lists (they are left out while growing); a silver
    # harvest adds to them, so they count as listed already.
    base = [
        p
        for p in sorted(GAZETTEER_DIR.glob("*.txt"))
        if args.silver is not None or not p.name.startswith("news_")
    ]
    with tempfile.TemporaryDirectory() as folder:
        for path in base:
            shutil.copy(path, Path(folder) / path.name)
        gaz = Gazetteer.from_dir(Path(folder))

    def known(form: str) -> bool:
        return bool(gaz.categories_of(normalize(form)))

    sightings: dict[str, Counter[str]] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    if args.silver is not None:
        stream = silver_sightings(args.silver)
    else:
        stream = crf_sightings(args.model, gaz, args.articles, held)
    for url, tokens, tags, marginals in stream:
        if url in held:
            continue
        for a, b, kind in bio_to_spans(tags):
            if sum(marginals[a:b]) / (b - a) < args.confidence:
                continue
            words = [normalize(t) for t in tokens[a:b]]
            words[0] = words[0][clitic_length(words[0], known, kind) :]
            name = " ".join(words)
            if sum(c.isalpha() for c in name) >= 3:
                sightings[name][kind] += 1
                articles[name].add(url)

    sightings, articles = _merge_clitic_forms(sightings, articles, gaz)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.out.resolve() != GAZETTEER_DIR.resolve():
        for path in base:
            shutil.copy(path, args.out / path.name)
    rows = []
    for name, kinds in sightings.items():
        kind, count = kinds.most_common(1)[0]
        total = sum(kinds.values())
        seen_in = articles[name]
        if len(seen_in) < args.min_articles or count / total < args.purity or not usable_name(name):
            continue
        if gaz.index.get(tuple(name.split())):
            continue  # listed already
        rows.append((name, kind, len(seen_in), total, round(count / total, 3), min(seen_in)))
    if args.silver is None:
        write_lists(args.out, rows)
        return
    write_lists(args.out, read_table(SHIPPED_TABLE) + rows)  # news_names.tsv there: both tables
    table = args.out / "silver_names.tsv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(sorted(rows, key=lambda r: (r[1], -r[2], r[0])))
    print(f"{len(rows)} new names (provenance: {table}); news_* lists = {SHIPPED_TABLE.name} + them")


if __name__ == "__main__":
    main()
