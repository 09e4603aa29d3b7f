"""``marsad eval clean``: cleaning throughput and what it removes, on SaudiNewsNet days.

There is no gold for cleaning; this reports speed (articles/s, wall and CPU), the share of
articles whose language is Arabic, with an agency found, and the flags by kind, so that a
change to the chrome rules shows up as a change in what they remove.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("clean")
    def clean_command(
        zips: list[Path] = typer.Argument(
            None, help="SaudiNewsNet day zips (default: the first day in ../shared)"
        ),
        limit: int = typer.Option(0, help="clean at most this many articles (0: all)"),
    ) -> None:
        """Clean SaudiNewsNet articles and print throughput and flag counts."""
        import time
        from collections import Counter

        from marsad.clean import clean_article
        from marsad.clean.language import identify_language
        from marsad.evaluation import saudinewsnet
        from marsad.model import RawArticle

        if not zips:
            zips = saudinewsnet.day_files()[:1]
        records: list[tuple[str, dict[str, Any]]] = []
        for path in zips:
            try:
                records.extend(saudinewsnet.iter_day(path))
            except ValueError as exc:
                raise typer.BadParameter(str(exc)) from exc
        if limit:
            records = records[:limit]
        identify_language("load the language model before timing")
        flags: Counter[str] = Counter()
        languages: Counter[str] = Counter()
        agencies = 0
        wall, cpu = time.perf_counter(), time.process_time()
        for origin, rec in records:
            raw = RawArticle(
                origin=origin, text=rec.get("content") or "", title=rec.get("title"),
                url=rec.get("url"), source=rec.get("source"),
            )  # fmt: skip
            article, article_flags = clean_article(raw)
            flags.update(f.kind for f in article_flags)
            languages[article.language] += 1
            agencies += article.agency is not None
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        n = max(len(records), 1)
        typer.echo(f"articles: {len(records)}")
        typer.echo(f"articles/s: {len(records) / wall:.0f} wall, {len(records) / max(cpu, 1e-9):.0f} CPU")
        typer.echo(f"language: {dict(languages.most_common())} ({languages['ar'] / n:.1%} ar)")
        typer.echo(f"agency found: {agencies} ({agencies / n:.1%})")
        typer.echo(f"flags: {dict(flags.most_common())}")
