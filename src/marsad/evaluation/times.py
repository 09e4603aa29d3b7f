"""``marsad eval times``: Marsad's time expressions against hand labels, beside dateparser.

Gold: ``resources/eval/times_dev.jsonl`` (see ``resources/eval/README.md``): one labelled
expression a row with its excerpt, span, publication date, value/precision/end_value/kind.

Scoring, the same for both systems: for each gold expression take the system's prediction
whose span overlaps the gold span most (none → wrong). Marsad is right when value, precision,
end_value and kind all equal the gold ones. dateparser has no precision, ranges or
durations, so we are lenient with it: its date is truncated to the gold precision (a range
compares its first value at that value's own granularity; a duration is always wrong).
When the gold value is null (a relative expression and no publication date) a system is
right when it offers no non-null value for that span; dateparser then runs without a
RELATIVE_BASE. Throughput is excerpts per second over the whole split.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import typer

from marsad.paths import RESOURCES

DEV_SET = RESOURCES / "eval" / "times_dev.jsonl"


@dataclass(slots=True)
class Prediction:
    start: int
    end: int
    value: str | None
    precision: str | None
    end_value: str | None = None
    kind: str = "date"


@dataclass(slots=True)
class Score:
    explicit_right: int = 0
    explicit_total: int = 0
    relative_right: int = 0
    relative_total: int = 0
    seconds: float = 0.0
    excerpts: int = 0

    @property
    def explicit(self) -> float:
        return self.explicit_right / self.explicit_total if self.explicit_total else 0.0

    @property
    def relative(self) -> float:
        return self.relative_right / self.relative_total if self.relative_total else 0.0

    @property
    def overall(self) -> float:
        total = self.explicit_total + self.relative_total
        return (self.explicit_right + self.relative_right) / total if total else 0.0


def load_dev(split: str = "all", path: Path = DEV_SET) -> list[dict]:
    """Rows of the dev set in ``split`` ("tune", "held" or "all")."""
    if split not in ("tune", "held", "all"):
        raise ValueError(f"unknown split {split!r}: choose tune, held or all")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{n}: not JSON ({error.msg})") from None
        if row["excerpt"][row["start"] : row["end"]] != row["text"]:
            raise ValueError(f"{path}:{n}: span {row['start']}-{row['end']} is not {row['text']!r}")
        if split == "all" or row["split"] == split:
            rows.append(row)
    return rows


def marsad_predict(excerpt: str, published: str | None) -> list[Prediction]:
    from marsad.annotate.times import find_times

    return [
        Prediction(t.start, t.end, t.value, t.precision, t.end_value, t.kind)
        for t in find_times(excerpt, published)
    ]


def dateparser_predict(excerpt: str, published: str | None) -> list[Prediction]:
    from dateparser.search import search_dates

    settings: dict = {"PREFER_DATES_FROM": "past"}
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
    found = search_dates(excerpt, languages=["ar"], settings=settings) or []
    out, cursor = [], 0
    for text, moment in found:
        at = excerpt.find(text, cursor)
        if at < 0:
            at = excerpt.find(text)
        if at < 0:
            continue
        cursor = at + len(text)
        out.append(Prediction(at, at + len(text), moment.date().isoformat(), None))
    return out


def _best(preds: Iterable[Prediction], start: int, end: int) -> Prediction | None:
    best, best_overlap = None, 0
    for p in preds:
        overlap = min(end, p.end) - max(start, p.start)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    return best


def _truncate(iso_day: str, like: str) -> str:
    return iso_day[: len(like)]


def is_right(row: dict, pred: Prediction | None, exact: bool) -> bool:
    """Whether a prediction matches a gold row; ``exact`` False is dateparser's lenient rule."""
    gold = row["value"]
    if gold is None:
        return pred is None or pred.value is None
    if pred is None or pred.value is None:
        return False
    if exact:
        return (pred.value, pred.precision, pred.end_value, pred.kind) == (
            gold,
            row["precision"],
            row["end_value"],
            row["kind"],
        )
    if row["kind"] == "duration":
        return False
    return _truncate(pred.value, gold) == gold


def score(rows: list[dict], predict: Callable[[str, str | None], list[Prediction]], exact: bool) -> Score:
    result = Score(excerpts=len(rows))
    begun = time.perf_counter()
    predictions = [predict(r["excerpt"], r["published"]) for r in rows]
    result.seconds = time.perf_counter() - begun
    for row, preds in zip(rows, predictions, strict=True):
        right = is_right(row, _best(preds, row["start"], row["end"]), exact)
        if row["relative"]:
            result.relative_total += 1
            result.relative_right += right
        else:
            result.explicit_total += 1
            result.explicit_right += right
    return result


def errors(rows: list[dict]) -> list[str]:
    """One line per gold row Marsad gets wrong (for tuning on the tune split)."""
    lines = []
    for row in rows:
        pred = _best(marsad_predict(row["excerpt"], row["published"]), row["start"], row["end"])
        if not is_right(row, pred, exact=True):
            got = None if pred is None else (pred.value, pred.precision, pred.end_value, pred.kind)
            want = (row["value"], row["precision"], row["end_value"], row["kind"])
            lines.append(f"{row['id']} {row['published']} {row['text']!r}: want {want} got {got}")
    return lines


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("times")
    def times_command(
        split: str = typer.Option("held", help="tune, held or all"),
        limit: int = typer.Option(0, help="only the first N rows (0: all)"),
        show_errors: bool = typer.Option(False, "--show-errors", help="list Marsad's misses"),
    ) -> None:
        """Time expressions: explicit and relative accuracy, Marsad beside dateparser."""
        from rich.console import Console
        from rich.table import Table

        try:
            rows = load_dev(split)
        except (OSError, ValueError) as error:
            raise typer.BadParameter(str(error)) from None
        if limit:
            rows = rows[:limit]
        table = Table(title=f"Time expressions, split {split} ({len(rows)} gold expressions)")
        for column in ("system", "explicit acc.", "relative acc.", "all", "excerpts/s"):
            table.add_column(column, justify="left" if column == "system" else "right")
        for name, predict, exact in (
            ("Marsad", marsad_predict, True),
            ("dateparser", dateparser_predict, False),
        ):
            s = score(rows, predict, exact)
            table.add_row(
                name,
                f"{s.explicit:.1%} ({s.explicit_right}/{s.explicit_total})",
                f"{s.relative:.1%} ({s.relative_right}/{s.relative_total})",
                f"{s.overall:.1%}",
                f"{s.excerpts / s.seconds:,.0f}" if s.seconds else "-",
            )
        Console().print(table)
        if show_errors:
            for line in errors(rows):
                typer.echo(line)
