"""``marsad eval events``: sentence-level PROTEST/ASSAULT detection on the Arabic event GSR.

Gold: ``arabic_event_gsr/{protest,assault}_gsr.csv``; a sentence is positive for the file's
type when its label is "yes" (unanimous), negative for "easy no" (unanimous reject) and for
"difficult no" when most annotators rejected it, as the GSR's README defines a hard no
("mostly reject with a dissenting accept"). The files also label "difficult no" rows where
as many or more annotators accepted as rejected (2-2, 3-2, 4-2: a fifth of the ASSAULT
negatives, many of them plain attack reports); by the README's own rule those are neither
yes nor no, so they are left out like the "ambiguous" rows (``strict=True`` keeps them as
negatives, the reading before). Each file is split per class 70/15/15 (train/dev/held) by
ranking rows on a keyed hash of their id, over the labels as published, so leaving rows
out never moves another row to another split: deterministic, stratified, and independent of
file order. The detector is trained on train (``training/events/train_gsr.py``), its
thresholds tuned on dev; held is for the one final report.
"""

from __future__ import annotations

import csv
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import typer

GSR_FILES = {"PROTEST": "protest_gsr.csv", "ASSAULT": "assault_gsr.csv"}
SPLITS = ("train", "dev", "held")
_SPLIT_KEY = "marsad-gsr-split-v1"


@dataclass(frozen=True, slots=True)
class GsrSentence:
    id: str
    type: str  # the event type this file labels
    text: str
    positive: bool
    split: str


def _rank(row_id: str) -> str:
    return hashlib.blake2b(f"{_SPLIT_KEY}\x1f{row_id}".encode(), digest_size=8).hexdigest()


def _split_vote(row: dict[str, str]) -> bool:
    """A "difficult no" that as many annotators accepted as rejected, or more."""
    try:
        return row["label"] == "difficult no" and int(row["accept"]) >= int(row["reject"])
    except (KeyError, ValueError):
        return False


def load_gsr(root: Path, strict: bool = False) -> list[GsrSentence]:
    """All labelled GSR sentences with their split; a clear error when a file is unreadable.
    ``strict``: every "difficult no" is a negative, split votes included."""
    out: list[GsrSentence] = []
    for etype, name in GSR_FILES.items():
        path = root / name
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                rows = [r for r in csv.DictReader(fh) if r.get("label") in ("yes", "easy no", "difficult no")]
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ValueError(f"{path}: cannot read GSR file ({exc})") from exc
        for positive in (True, False):
            group = sorted(
                (r for r in rows if (r["label"] == "yes") == positive), key=lambda r: _rank(r["id"])
            )
            n = len(group)
            for i, r in enumerate(group):
                split = "train" if i < round(0.70 * n) else "dev" if i < round(0.85 * n) else "held"
                if not strict and _split_vote(r):
                    continue
                out.append(GsrSentence(r["id"], etype, r["text"], positive, split))
    return out


def prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def system_predictions(sentences: list[GsrSentence]) -> dict[str, list[bool]]:
    """Per sentence: lexicon-only, detector-only, and the annotator's combination."""
    from marsad.annotate.event_detector import load_detector
    from marsad.annotate.events import combine, lexicon_evidence

    detector = load_detector()
    lexicon, learned, combined = [], [], []
    for s in sentences:
        lex, sure = lexicon_evidence(s.text, s.type)
        lexicon.append(lex)
        if detector is None:
            learned.append(False)
            combined.append(lex)
            continue
        p = detector.probability(s.text)[s.type]
        learned.append(p >= detector.threshold[s.type])
        combined.append(
            combine(
                lex,
                sure,
                p,
                detector.veto_below[s.type],
                detector.add_above[s.type],
                detector.sure_above[s.type],
            )
        )
    return {"lexicon": lexicon, "detector": learned, "combined": combined}


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("events")
    def events(
        split: str = typer.Option("held", help="dev (for tuning) or held (the final report)"),
    ) -> None:
        """P/R/F1 per type on the Arabic event GSR: lexicon, trained detector, combination."""
        from marsad.paths import shared_path

        if split not in ("dev", "held"):
            raise typer.BadParameter("split must be dev or held")
        try:
            root = shared_path("data", "events", "arabic_event_gsr")
        except FileNotFoundError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        sentences = [s for s in load_gsr(root) if s.split == split]
        t0 = time.perf_counter()
        preds = system_predictions(sentences)
        elapsed = time.perf_counter() - t0
        typer.echo(f"GSR {split}: {len(sentences)} sentences ({sum(s.positive for s in sentences)} positive)")
        typer.echo(f"{'system':<10} {'type':<8} {'P':>6} {'R':>6} {'F1':>6}")
        for system, pred in preds.items():
            for etype in GSR_FILES:
                idx = [i for i, s in enumerate(sentences) if s.type == etype]
                p, r, f = prf([pred[i] for i in idx], [sentences[i].positive for i in idx])
                typer.echo(f"{system:<10} {etype:<8} {p:6.3f} {r:6.3f} {f:6.3f}")
        typer.echo(f"throughput: {len(sentences) / elapsed:.0f} sentences/s (all three systems)")
        strict = [s for s in load_gsr(root, strict=True) if s.split == split]
        combined = system_predictions(strict)["combined"]
        typer.echo(f"split votes as negatives too ({len(strict) - len(sentences)} more sentences), combined:")
        for etype in GSR_FILES:
            idx = [i for i, s in enumerate(strict) if s.type == etype]
            p, r, f = prf([combined[i] for i in idx], [strict[i].positive for i in idx])
            typer.echo(f"{'combined':<10} {etype:<8} {p:6.3f} {r:6.3f} {f:6.3f}")
