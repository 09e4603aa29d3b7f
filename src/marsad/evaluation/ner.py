"""``marsad eval ner``: named-entity tagging scored with strict span match (seqeval).

By default on ANERcorp test; ``--data FILE`` scores any two-column BIO file (PER or PERS,
LOC, ORG, MISC; other types count as MISC). Prints per-type P/R/F1/support, micro-F1 and
the tagging throughput (sentences per second, features included) on this CPU.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer


@dataclass(slots=True)
class NerScores:
    micro_f1: float
    micro_precision: float
    micro_recall: float
    per_type: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)  # P, R, F1, support


def score(gold: list[list[str]], predicted: list[list[str]]) -> NerScores:
    """Strict span-match scores (seqeval, IOB2): an entity counts only when its type and
    both boundaries match and its predicted tags are well formed."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    report = classification_report(
        gold, predicted, mode="strict", scheme=IOB2, output_dict=True, zero_division=0
    )
    per_type = {
        k: (v["precision"], v["recall"], v["f1-score"], int(v["support"]))
        for k, v in report.items()
        if not k.endswith(" avg")
    }
    micro = report["micro avg"]
    return NerScores(micro["f1-score"], micro["precision"], micro["recall"], per_type)


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("ner")
    def ner(
        profile: Annotated[str, typer.Option(help="fast or accurate")] = "fast",
        data: Annotated[
            Path | None, typer.Option(help="two-column BIO file (default: ANERcorp test)")
        ] = None,
    ) -> None:
        """Per-type P/R/F1, micro-F1 (strict span match) and sentences/s of the NER model."""
        from rich.console import Console
        from rich.table import Table

        from marsad.annotate.bio import BioFormatError, read_bio
        from marsad.annotate.entities import ModelMissingError, load_tagger
        from marsad.paths import shared_path

        try:
            path = data or shared_path("data", "ner", "anercorp", "test.txt")
            sentences = read_bio(path)
            tagger = load_tagger(profile)
        except (FileNotFoundError, BioFormatError, ModelMissingError, ValueError) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        if not sentences:
            typer.echo(f"error: {path}: no sentences", err=True)
            raise typer.Exit(2)
        tagger.tag(["تحميل"])  # load the lexicons before the clock starts
        start = time.perf_counter()
        # The file is read as one document: a second pass, if shipped, looks at nearby sentences.
        predicted = tagger.tag_document([s.tokens for s in sentences])
        seconds = time.perf_counter() - start
        result = score([s.tags for s in sentences], predicted)
        n_tokens = sum(len(s.tokens) for s in sentences)
        table = Table(title=f"NER ({profile}) on {path} — {len(sentences)} sentences, {n_tokens} tokens")
        for column in ("type", "P", "R", "F1", "support"):
            table.add_column(column, justify="left" if column == "type" else "right")
        for kind, (p, r, f, support) in sorted(result.per_type.items()):
            table.add_row(kind, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(support))
        table.add_row(
            "micro",
            f"{result.micro_precision:.3f}",
            f"{result.micro_recall:.3f}",
            f"[bold]{result.micro_f1:.3f}[/bold]",
            str(sum(v[3] for v in result.per_type.values())),
        )
        console = Console()
        console.print(table)
        console.print(
            f"micro-F1 {result.micro_f1:.4f} (seqeval strict, IOB2); "
            f"{len(sentences) / seconds:,.0f} sentences/s, {n_tokens / seconds:,.0f} tokens/s on this CPU"
        )
