"""``marsad eval stories``: B-cubed precision/recall/F1 of story clustering on the labelled
development set (``resources/eval/stories_dev.jsonl``), beside two baselines."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from marsad.paths import RESOURCES

DEV_SET = RESOURCES / "eval" / "stories_dev.jsonl"
SPLITS = ("tune", "held", "all")
TFIDF_LINK = 0.35  # the baseline's fixed single-link threshold (the sampler's, not tuned)


@dataclass(frozen=True, slots=True)
class DevArticle:
    id: str
    cluster: str
    split: str
    day: date
    source: str
    title: str
    lead: str


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> BCubed:
    """B-cubed (Bagga & Baldwin 1998) over items in both maps: per item, precision is the share
    of its predicted cluster that shares its gold cluster; recall the share of its gold
    cluster that shares its predicted cluster; both averaged over items."""
    items = [i for i in gold if i in predicted]
    if not items:
        return BCubed(0.0, 0.0)
    gold_members: dict[str, set[str]] = {}
    pred_members: dict[str, set[str]] = {}
    for item in items:
        gold_members.setdefault(gold[item], set()).add(item)
        pred_members.setdefault(predicted[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        same_gold = gold_members[gold[item]]
        same_pred = pred_members[predicted[item]]
        overlap = len(same_gold & same_pred)
        precision += overlap / len(same_pred)
        recall += overlap / len(same_gold)
    return BCubed(precision / len(items), recall / len(items))


def load_dev_set(path: Path = DEV_SET, split: str = "all") -> list[DevArticle]:
    """Articles of the development set in date order; a clear error for a bad file or split."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
    articles = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ValueError(f"{path}: cannot read the story development set ({error.strerror})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            article = DevArticle(
                id=row["id"],
                cluster=row["cluster"],
                split=row["split"],
                day=date.fromisoformat(row["date"]),
                source=row["source"],
                title=row["title"],
                lead=row["lead"],
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: bad story record ({error})") from None
        if split in ("all", article.split):
            articles.append(article)
    return sorted(articles, key=lambda a: (a.day, a.id))


def cluster_with_system(articles: list[DevArticle]) -> dict[str, str]:
    """Article id -> story id from ``marsad.link.stories`` (title + lead embedded, no actors)."""
    from marsad.link import stories

    texts = [stories.article_text_for_embedding(a.title, a.lead) for a in articles]
    vectors = stories.embed(texts)
    features = [
        stories.ArticleFeatures(id=a.id, vector=v, day=a.day, title=a.title)
        for a, v in zip(articles, vectors, strict=True)
    ]
    return {article_id: story.id for story in stories.cluster(features) for article_id in story.articles}


def cluster_singletons(articles: list[DevArticle]) -> dict[str, str]:
    return {a.id: a.id for a in articles}


def cluster_tfidf_single_link(articles: list[DevArticle], threshold: float = TFIDF_LINK) -> dict[str, str]:
    """Baseline: TF-IDF over folded title + lead, single link at a fixed cosine."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from marsad.arabic.normalize import fold

    if not articles:
        return {}
    matrix = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(
        [fold(f"{a.title} {a.lead}") for a in articles]
    )
    sims = (matrix @ matrix.T).tocoo()
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, s in zip(sims.row, sims.col, sims.data, strict=True):
        if i < j and s >= threshold:
            parent[root(i)] = root(j)
    return {a.id: articles[root(i)].id for i, a in enumerate(articles)}


METHODS: dict[str, Callable[[list[DevArticle]], dict[str, str]]] = {
    "marsad.link.stories": cluster_with_system,
    f"TF-IDF single-link {TFIDF_LINK}": cluster_tfidf_single_link,
    "every article alone": cluster_singletons,
}


def evaluate(articles: list[DevArticle]) -> list[tuple[str, BCubed, int, float]]:
    """(method, scores, predicted cluster count, articles per second) for each method."""
    gold = {a.id: a.cluster for a in articles}
    results = []
    for name, method in METHODS.items():
        start = time.perf_counter()
        predicted = method(articles)
        elapsed = time.perf_counter() - start
        rate = len(articles) / elapsed if elapsed > 0 else float("inf")
        results.append((name, bcubed(gold, predicted), len(set(predicted.values())), rate))
    return results


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("stories")
    def stories_command(
        split: Annotated[
            str, typer.Option(help="Which part of the development set: tune, held or all.")
        ] = "held",
        path: Annotated[
            Path, typer.Option(help="The labelled story development set (JSON lines).")
        ] = DEV_SET,
    ) -> None:
        """B-cubed precision/recall/F1 of story clustering on the labelled development set."""
        from rich.console import Console
        from rich.table import Table

        try:
            articles = load_dev_set(path, split)
        except ValueError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        gold_clusters = len({a.cluster for a in articles})
        table = Table(
            title=f"Story clustering, split={split}: {len(articles)} articles, {gold_clusters} gold stories"
        )
        for column in ("method", "B³ precision", "B³ recall", "B³ F1", "gold", "predicted", "articles/s"):
            table.add_column(column, justify="left" if column == "method" else "right")
        for name, scores, predicted, rate in evaluate(articles):
            table.add_row(
                name,
                f"{scores.precision:.3f}",
                f"{scores.recall:.3f}",
                f"{scores.f1:.3f}",
                str(gold_clusters),
                str(predicted),
                f"{rate:.0f}",
            )
        Console(width=max(Console().width, 110)).print(table)
