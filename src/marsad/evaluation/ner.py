"""``marsad eval ner``: named-entity tagging scored with strict span match (seqeval).

By default on ANERcorp test; ``--data FILE`` scores any two-column BIO file (PER or PERS,
LOC, ORG, MISC; other types count as MISC); ``--set crossdomain`` scores the hand-labelled
cross-domain development set (``resources/eval/ner_crossdomain_dev.jsonl``: SaudiNewsNet
sentences on sport, economy, technology, health and culture; ``--split tune|held|all``).
Prints per-type P/R/F1/support, micro-F1 and the tagging throughput (sentences per second,
features included) on this CPU; ``--profile both`` scores the fast and the accurate profile.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from marsad.paths import RESOURCES

if TYPE_CHECKING:
    from marsad.annotate.bio import BioSentence
    from marsad.annotate.entities import NerTagger
    from marsad.annotate.transformer_ner import TransformerNerTagger

CROSSDOMAIN = RESOURCES / "eval" / "ner_crossdomain_dev.jsonl"
SPLITS = ("tune", "held", "all")


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


def load_crossdomain(path: Path = CROSSDOMAIN, split: str = "all") -> list[BioSentence]:
    """Sentences of the cross-domain set as tokens + BIO tags (entity spans are token-aligned:
    a token is inside an entity when its characters are)."""
    from marsad.annotate.bio import BioFormatError, BioSentence
    from marsad.arabic.tokens import tokenize

    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BioFormatError(f"{path}: cannot read ({exc})") from exc
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
            text, entities = record["text"], record["entities"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BioFormatError(f"{path}:{number}: not a labelled sentence ({exc})") from exc
        if split != "all" and record.get("split") != split:
            continue
        tokens = tokenize(text)
        tags = ["O"] * len(tokens)
        for e in entities:
            inside = [i for i, t in enumerate(tokens) if t.start >= e["start"] and t.end <= e["end"]]
            if not inside:
                raise BioFormatError(f"{path}:{number}: entity {e.get('text')!r} covers no token")
            tags[inside[0]] = "B-" + e["type"]
            for i in inside[1:]:
                tags[i] = "I-" + e["type"]
        out.append(BioSentence([t.text for t in tokens], tags))
    return out


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("ner")
    def ner(
        profile: Annotated[str, typer.Option(help="fast, accurate or both")] = "fast",
        data: Annotated[
            Path | None, typer.Option(help="two-column BIO file (default: ANERcorp test)")
        ] = None,
        set_: Annotated[
            str, typer.Option("--set", help="anercorp (test) or crossdomain (hand-labelled news)")
        ] = "anercorp",
        split: Annotated[str, typer.Option(help="crossdomain split: tune, held or all")] = "all",
    ) -> None:
        """Per-type P/R/F1, micro-F1 (strict span match) and sentences/s of the NER model."""
        from marsad.annotate.bio import BioFormatError, read_bio
        from marsad.annotate.entities import ModelMissingError, load_tagger
        from marsad.paths import shared_path

        profiles = ("fast", "accurate") if profile == "both" else (profile,)
        try:
            if set_ not in ("anercorp", "crossdomain"):
                raise ValueError(f"unknown set {set_!r}; choose anercorp or crossdomain")
            if set_ == "crossdomain" and data is None:
                path = CROSSDOMAIN
                sentences = load_crossdomain(path, split)
            else:
                path = data or shared_path("data", "ner", "anercorp", "test.txt")
                sentences = read_bio(path)
            taggers = [(name, load_tagger(name)) for name in profiles]
        except (FileNotFoundError, BioFormatError, ModelMissingError, ValueError) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        if not sentences:
            typer.echo(f"error: {path}: no sentences", err=True)
            raise typer.Exit(2)
        label = f"{path}" + (f" ({split})" if set_ == "crossdomain" and data is None else "")
        for name, tagger in taggers:
            _report(name, tagger, sentences, label)


def _report(
    profile: str, tagger: NerTagger | TransformerNerTagger, sentences: list[BioSentence], label: str
) -> None:
    """Tag ``sentences`` as one document, print the per-type table, micro-F1 and speed."""
    from rich.console import Console
    from rich.table import Table

    tagger.tag(["تحميل"])  # load the lexicons before the clock starts
    start = time.perf_counter()
    # The file is read as one document: a second pass, if shipped, looks at nearby sentences.
    predicted = tagger.tag_document([s.tokens for s in sentences])
    seconds = time.perf_counter() - start
    result = score([s.tags for s in sentences], predicted)
    n_tokens = sum(len(s.tokens) for s in sentences)
    table = Table(title=f"NER ({profile}) on {label} — {len(sentences)} sentences, {n_tokens} tokens")
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
