"""``marsad eval quantities``: figure detection, value and unit accuracy on the figures dev set.

Gold is ``resources/eval/figures_dev.jsonl`` (labelled by reading; see the README beside
it). Each excerpt is annotated as a one-article document; a predicted figure matches a gold
figure when their spans overlap. Value accuracy counts a matched figure right when value
(and the high end of a range) equal gold; unit accuracy when the lemma or the as-written
unit equals gold. A digits-only baseline (every digit run is a figure, its number the
value, the next word the unit) runs on the same data for comparison.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from marsad.paths import RESOURCES

DEV_SET = RESOURCES / "eval" / "figures_dev.jsonl"


@dataclass(slots=True)
class Prediction:
    start: int
    end: int
    value: float | None
    high: float | None
    unit: str | None
    unit_lemma: str | None


@dataclass(slots=True)
class Scores:
    name: str
    gold: int
    predicted: int
    matched: int
    value_right: int
    unit_right: int
    seconds: float

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_right / self.matched if self.matched else 0.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_right / self.matched if self.matched else 0.0


def load_dev(path: Path = DEV_SET, split: str = "all") -> list[dict[str, Any]]:
    if split not in ("held", "tune", "all"):
        raise ValueError(f"unknown split {split!r}; choose held, tune or all")
    records = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from None
            if split == "all" or record.get("split") == split:
                records.append(record)
    return records


def marsad_predictions(excerpt: str, record_id: str) -> list[Prediction]:
    from marsad.annotate.quantities import find_quantities
    from marsad.arabic.sentences import split_sentences
    from marsad.model import AnalyzedArticle, Article

    article = Article(
        id=record_id, source="dev", url=None, title=None, published=None, language="ar", text=excerpt
    )
    doc = AnalyzedArticle(article=article, sentences=split_sentences(excerpt))
    quantities, _ = find_quantities(doc)
    return [Prediction(q.start, q.end, q.value, q.high, q.unit, q.unit_lemma) for q in quantities]


_BASELINE = re.compile(r"[0-9\u0660-\u0669]+(?:[.,٫٬][0-9\u0660-\u0669]+)*")


def digits_baseline(excerpt: str, record_id: str) -> list[Prediction]:
    """Every digit run is a figure; its value the digits; the unit the next word."""
    from marsad.arabic.numbers import parse_digits

    out = []
    for m in _BASELINE.finditer(excerpt):
        following = excerpt[m.end() :].split()
        unit = following[0] if following else None
        out.append(Prediction(m.start(), m.end(), parse_digits(m.group()), None, unit, None))
    return out


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def score(records: list[dict[str, Any]], predict: Any, name: str) -> Scores:
    from marsad.arabic.normalize import normalize

    gold_n = pred_n = matched = value_right = unit_right = 0
    started = time.perf_counter()
    predictions = [predict(r["excerpt"], r["id"]) for r in records]
    seconds = time.perf_counter() - started
    for record, preds in zip(records, predictions, strict=True):
        golds = record["figures"]
        gold_n += len(golds)
        pred_n += len(preds)
        used: set[int] = set()
        for g in golds:
            hit = next(
                (
                    k
                    for k, p in enumerate(preds)
                    if k not in used and p.start < g["end"] and g["start"] < p.end
                ),
                None,
            )
            if hit is None:
                continue
            used.add(hit)
            p = preds[hit]
            matched += 1
            if _same(p.value, g["value"]) and _same(p.high, g["high"]):
                value_right += 1
            gold_unit = normalize(g["unit"]) if g["unit"] else None
            pred_unit = normalize(p.unit) if p.unit else None
            if (gold_unit is None and pred_unit is None) or (
                gold_unit is not None
                and (pred_unit == gold_unit or (p.unit_lemma is not None and p.unit_lemma == g["unit_lemma"]))
            ):
                unit_right += 1
    return Scores(name, gold_n, pred_n, matched, value_right, unit_right, seconds)


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("quantities")
    def quantities(
        split: Annotated[str, typer.Option(help="held, tune or all")] = "held",
        path: Annotated[Path, typer.Option(help="figures dev set (JSON lines)")] = DEV_SET,
    ) -> None:
        """Figure detection P/R/F1, value and unit accuracy, against a digits-only baseline."""
        from rich.console import Console
        from rich.table import Table

        try:
            records = load_dev(path, split)
        except (OSError, ValueError) as e:
            typer.echo(f"error: {path}: {e}", err=True)
            raise typer.Exit(2) from None
        n_figures = sum(len(r["figures"]) for r in records)
        table = Table(title=f"Figures ({split}: {len(records)} excerpts, {n_figures} figures)")
        for column in ("system", "P", "R", "F1", "value acc", "unit acc", "excerpts/s"):
            table.add_column(column, justify="right" if column != "system" else "left")
        for name, predict in (("marsad", marsad_predictions), ("digits-only baseline", digits_baseline)):
            s = score(records, predict, name)
            rate = len(records) / s.seconds if s.seconds else float("inf")
            table.add_row(
                name,
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                f"{s.value_accuracy:.3f} ({s.value_right}/{s.matched})",
                f"{s.unit_accuracy:.3f} ({s.unit_right}/{s.matched})",
                f"{rate:,.0f}",
            )
        Console().print(table)
