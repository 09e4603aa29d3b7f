"""``marsad eval actors``: what the actors annotator finds and resolves, without NER.

There is no held gold for actor resolution yet, so this reports coverage rather than
precision/recall: on the bundled seeds (development material, not held data) every
mention with its actor, and on a SaudiNewsNet sample (2015, never used for tuning) how
many mentions per article come from the curated dictionary, from petrarch, or stay
unresolved, and the speed.
"""

from __future__ import annotations

import typer


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("actors")
    def actors(
        sample: int = typer.Option(300, help="SaudiNewsNet articles to scan (0: seeds only)"),
        show: bool = typer.Option(False, help="list every seed mention with its actor"),
        anercorp: str = typer.Option("test", help="ANERcorp split for the scan's precision ('' to skip)"),
    ) -> None:
        """Actor dictionary coverage and resolution on the seeds and a news sample."""
        import time
        from collections import Counter

        from marsad.annotate.actor_dictionary import ActorDictionary
        from marsad.annotate.actors import resolve_article
        from marsad.evaluation import saudinewsnet
        from marsad.model import AnalyzedArticle, Article
        from marsad.paths import examples_dir, shared_dir

        d = ActorDictionary.load()
        sources = Counter(d.source.values())
        typer.echo(f"dictionary: {sources['curated']} curated, {sources['petrarch']} petrarch actors")

        def source_of(actor_id: str | None) -> str:
            if actor_id is None:
                return "unresolved"
            return d.source.get(actor_id, "new")

        for path in sorted((examples_dir() / "seeds").glob("*.txt")):
            doc = AnalyzedArticle(Article(path.stem, "seed", None, None, None, "ar", path.read_text("utf-8")))
            resolve_article(doc, d)
            by = Counter(source_of(m.actor) for m in doc.mentions)
            people = sorted(
                {d.actors[m.actor].name for m in doc.mentions if m.actor in d.actors and m.type == "PER"}
            )
            typer.echo(
                f"seed {path.name[:3]}: {len(doc.mentions)} mentions {dict(by)}; persons: {'، '.join(people)}"
            )
            if show:
                for m in doc.mentions:
                    typer.echo(f"    {m.start:6d} {m.type:4} {' '.join(m.text.split())} -> {m.actor}")

        base = shared_dir()
        if base is not None and anercorp:
            _anercorp(d, base / "data" / "ner" / "anercorp" / f"{anercorp}.txt")
        if not sample or base is None:
            return
        totals: Counter = Counter()
        n = 0
        started = time.perf_counter()
        for record in saudinewsnet.records(saudinewsnet.day_files(base / "data" / "news" / "saudinewsnet")):
            if n >= sample:
                break
            date = (record.get("date_extracted") or "")[:10] or None
            doc = AnalyzedArticle(
                Article(str(n), record.get("source", ""), None, None, date, "ar", record["content"])
            )
            resolve_article(doc, d)
            totals.update(source_of(m.actor) for m in doc.mentions)
            n += 1
        elapsed = time.perf_counter() - started
        total = sum(totals.values()) or 1
        shares = ", ".join(f"{k} {v / total:.0%}" for k, v in totals.most_common())
        per_article = sum(totals.values()) / max(n, 1)
        typer.echo(
            f"saudinewsnet: {n} articles, {per_article:.1f} mentions/article ({shares}), "
            f"{n / elapsed:.0f} articles/s"
        )


# ANERcorp types each dictionary type may overlap
_COMPATIBLE = {"PER": {"PERS"}, "ORG": {"ORG"}, "GPE": {"LOC"}, "LOC": {"LOC"}}


def _anercorp(d, path) -> None:
    """Precision of the dictionary scan against ANERcorp's gold PERS/ORG/LOC spans.

    A scanned name is right when it lies inside a gold entity of a compatible type; recall
    is the share of gold entities that a scanned name covers (the dictionary is not meant
    to find every name: the NER is).
    """
    import typer

    tokens: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) == 2 and parts[0]:
            tokens.append((parts[0], parts[1]))
    text_parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    pos = 0
    for word, tag in tokens:
        start, end = pos, pos + len(word)
        text_parts.append(word)
        pos = end + 1
        if tag.startswith("B-"):
            gold.append((start, end, tag[2:]))
        elif tag.startswith("I-") and gold and gold[-1][2] == tag[2:]:
            gold[-1] = (gold[-1][0], end, gold[-1][2])
    text = " ".join(text_parts)
    found = [(s, e, d.actors[ids[0]].type, d.source[ids[0]]) for s, e, ids in d.find_all(text)]
    gold.sort()
    import bisect

    starts = [g[0] for g in gold]

    def inside(s: int, e: int, kind: str) -> tuple[int, int, str] | None:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and gold[i][0] <= s and e <= gold[i][1] and gold[i][2] in _COMPATIBLE.get(kind, set()):
            return gold[i]
        return None

    for source in ("curated", "petrarch", "all"):
        subset = [f for f in found if source in ("all", f[3])]
        right = [f for f in subset if inside(f[0], f[1], f[2])]
        covered = {inside(f[0], f[1], f[2]) for f in right}
        precision = len(right) / max(len(subset), 1)
        typer.echo(
            f"anercorp {path.stem} scan ({source}): {len(subset)} names, precision {precision:.3f}, "
            f"covers {len(covered) / max(len(gold), 1):.1%} of {len(gold)} gold entities"
        )
