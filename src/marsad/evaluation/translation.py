"""``marsad eval translation``: machine-translation artifact flags on the seeds and on clean news.

Seeds: seed 002 is a machine translation with three known artifacts (the Higher Military
Commission rendered as "مؤسسة حمد الطبية", Iraq as "إيراج", Lloyd Austin as "لوفد أوستن");
the other seeds are human-written. Clean news: SaudiNewsNet's held days (the last three by
date; the character model trains on the first twelve, thresholds were looked at on the
three between), where every flag counts as a false positive; reported per 1000 words.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import typer

SEED_002_ARTIFACTS = {"مؤسسة حمد الطبية": "HMC", "إيراج": "Iraq", "لوفد": "Lloyd"}
_WORD = re.compile(r"\S+")


def _doc(article_id: str, text: str):
    from marsad.model import AnalyzedArticle, Article

    return AnalyzedArticle(
        article=Article(
            id=article_id, source="eval", url=None, title=None, published=None, language="ar", text=text
        )
    )


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("translation")
    def translation(
        articles: int = typer.Option(3000, help="clean SaudiNewsNet articles to scan (held days)"),
        split: str = typer.Option("held", help="dev or held SaudiNewsNet days"),
    ) -> None:
        """Artifact hits on the seeds and false flags per 1000 words on clean news."""
        from marsad.annotate.translation import build
        from marsad.evaluation import saudinewsnet
        from marsad.paths import examples_dir, shared_path

        annotator = build("fast")
        typer.echo("seeds:")
        for path in sorted((examples_dir() / "seeds").glob("*.txt")):
            doc = _doc(path.stem, path.read_text(encoding="utf-8"))
            annotator.annotate(doc)
            flagged = [doc.text[f.start : f.end] for f in doc.flags]
            line = f"  {path.name[:3]}: {len(flagged)} flags {sorted(set(flagged))}"
            if path.name.startswith("002"):
                hits = [k for k in SEED_002_ARTIFACTS if any(k in f for f in flagged)]
                line += f"; known artifacts found {len(hits)}/{len(SEED_002_ARTIFACTS)}"
            typer.echo(line)
        try:
            root = shared_path("data", "news", "saudinewsnet")
        except FileNotFoundError as exc:
            typer.echo(f"clean news: skipped ({exc})")
            return
        n_words = n_docs = 0
        cues: Counter[str] = Counter()
        examples: list[str] = []
        t0 = time.perf_counter()
        for day in saudinewsnet.split_days(root)[split]:
            for i, item in enumerate(saudinewsnet.read_day(day)):
                if n_docs >= articles:
                    break
                text = item.get("content") or ""
                doc = _doc(f"{day.stem}#{i}", text)
                annotator.annotate(doc)
                n_docs += 1
                n_words += len(_WORD.findall(text))
                for f in doc.flags:
                    cues[f.note.split(":")[0]] += 1
                    if len(examples) < 12:
                        examples.append(text[f.start : f.end])
        elapsed = time.perf_counter() - t0
        total = sum(cues.values())
        typer.echo(
            f"clean news ({split} days): {n_docs} articles, {n_words} words, {total} flags = "
            f"{1000 * total / max(1, n_words):.2f} per 1000 words ({n_docs / elapsed:.0f} articles/s)"
        )
        for cue, n in cues.most_common():
            typer.echo(f"  {cue}: {n}")
        typer.echo(f"  examples: {examples}")
