"""``marsad eval coref``: event grouping, stories and roles on the SaudiNewsNet development gold,
with every other article of the gold days analysed alongside (and ignored in scoring), so
that chaining through unlabelled articles shows in the figures."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from marsad.evaluation.event_gold import (
    EVENTS_GOLD,
    ROLES_GOLD,
    SPLITS,
    EventLabel,
    GroupingScores,
    Resolver,
    RoleLabel,
    RoleOutcome,
    RoleScores,
    SystemMention,
    load_events,
    load_roles,
    pick_mention,
    predicted_events,
    score_grouping,
    score_role,
    summarize_roles,
)
from marsad.evaluation.gold_store import origin_ref
from marsad.evaluation.roles import print_role_mistakes

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


@dataclass(frozen=True, slots=True)
class StoreView:
    """What the scorers need from an analysed store, keyed by article ref (``day#index``)."""

    article_of: dict[str, str]  # ref -> article id
    evidence: dict[str, list[str]]  # ref -> the event of each of its mentions
    stories: dict[str, str | None]  # ref -> story id
    analysed: int  # SaudiNewsNet articles in the store (seeds left out)
    biggest_story: int  # articles in the largest story (seeds left out)
    stories_total: int
    mentions: int
    mentions_without_actor: int  # no source or target resolved to a known actor
    mentions_without_participant: int  # no source or target at all, not even as text


def read_store(path: Path) -> StoreView:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        article_of = {}
        for origin, article in conn.execute("SELECT origin, article FROM inputs WHERE article IS NOT NULL"):
            ref = origin_ref(origin)
            if ref is not None:
                article_of[ref] = article
        ref_of = {article: ref for ref, article in article_of.items()}
        evidence: dict[str, list[str]] = {}
        for event, article in conn.execute("SELECT event, article FROM event_evidence ORDER BY event, ord"):
            if article in ref_of:
                evidence.setdefault(ref_of[article], []).append(event)
        stories = {}
        story_sizes: Counter[str] = Counter()
        news = 0
        for article, story in conn.execute("SELECT id, story FROM articles"):
            ref = ref_of.get(article)
            if ref is None or ref.startswith("seed:"):
                continue
            news += 1
            stories[ref] = story
            if story:
                story_sizes[story] += 1
        actor_ids = {actor for (actor,) in conn.execute("SELECT id FROM actors")}
        mentions = without_actor = without_any = 0
        for sources, targets, source_texts, target_texts in conn.execute(
            "SELECT sources, targets, source_texts, target_texts FROM event_mentions"
        ):
            mentions += 1
            participants = json.loads(sources) + json.loads(targets)  # actor ids, else the text
            texts = json.loads(source_texts) + json.loads(target_texts)
            without_actor += not any(p in actor_ids for p in participants)
            without_any += not participants and not any(t.strip() for t in texts)
    finally:
        conn.close()
    return StoreView(
        article_of=article_of,
        evidence=evidence,
        stories=stories,
        analysed=news,
        biggest_story=max(story_sizes.values(), default=0),
        stories_total=len(story_sizes),
        mentions=mentions,
        mentions_without_actor=without_actor,
        mentions_without_participant=without_any,
    )


def dictionary_resolver() -> Resolver:
    """Gold names to the actor ids the shipped actor dictionary gives them."""
    from functools import cache

    from marsad.annotate.actor_dictionary import ActorDictionary
    from marsad.arabic.titles import COUNTRY_NAMES

    dictionary = ActorDictionary.load()

    @cache
    def resolve(name: str) -> frozenset[str]:
        actors = dictionary.lookup_all(name)
        ids = {actor.id for actor in actors}
        for actor in actors:
            if actor.country and actor.id == actor.country.lower():
                ids |= capitals.get(actor.country, set())
        return frozenset(ids)

    # A state acts through its capital ("واشنطن" for the United States, "طهران" for Iran):
    # the capitals are the place names ``marsad.arabic.titles`` lists as a country's names.
    capitals: dict[str, set[str]] = {}
    for words, iso in COUNTRY_NAMES.items():
        for actor in dictionary.lookup_all(" ".join(words)):
            if actor.type == "GPE" and actor.country == iso and actor.id != iso.lower() and not actor.sector:
                capitals.setdefault(iso, set()).add(actor.id)

    return resolve


def role_outcomes(
    path: Path, labels: list[RoleLabel], view: StoreView, resolve: Resolver | None = None
) -> list[RoleOutcome]:
    """Each role label scored against the system mentions of its article."""
    resolve = resolve or dictionary_resolver()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        outcomes = []
        for label in labels:
            article = view.article_of.get(label.ref)
            mentions: list[SystemMention] = []
            text = ""
            if article is not None:
                row = conn.execute("SELECT text FROM articles WHERE id = ?", (article,)).fetchone()
                text = row[0] if row else ""
                for (
                    kind,
                    mention_text,
                    start,
                    end,
                    sources,
                    targets,
                    source_texts,
                    target_texts,
                ) in conn.execute(
                    'SELECT type, text, start, "end", sources, targets, source_texts, target_texts '
                    "FROM event_mentions WHERE article = ?",
                    (article,),
                ):
                    mentions.append(
                        SystemMention(
                            kind,
                            mention_text,
                            start,
                            end,
                            tuple(json.loads(source_texts)),
                            tuple(json.loads(target_texts)),
                            tuple(json.loads(sources)),
                            tuple(json.loads(targets)),
                        )
                    )
            outcomes.append(score_role(label, pick_mention(label, mentions, text), resolve))
        return outcomes
    finally:
        conn.close()


def _pct(value: float) -> str:
    return f"{value:.3f}"


def _grouping_table(split: str, labels: list[EventLabel], scores: GroupingScores) -> Table:
    from rich.table import Table

    table = Table(
        title=f"Event grouping and stories, split={split}: {len(labels)} labelled articles "
        f"(B-cubed over labelled articles; every other article of the days analysed alongside)"
    )
    for column in ("what", "method", "B³ precision", "B³ recall", "B³ F1", "gold", "predicted"):
        table.add_column(column, justify="left" if column in ("what", "method") else "right")
    rows = [
        (
            "events",
            "marsad (best-matching event)",
            scores.events,
            scores.gold_events,
            scores.predicted_events,
        ),
        ("events", "every article alone", scores.events_baseline, scores.gold_events, len(labels)),
        ("stories", "marsad", scores.stories, scores.gold_stories, scores.predicted_stories),
        ("stories", "every article alone", scores.stories_baseline, scores.gold_stories, len(labels)),
    ]
    for what, method, b3, gold, predicted in rows:
        table.add_row(
            what, method, _pct(b3.precision), _pct(b3.recall), _pct(b3.f1), str(gold), str(predicted)
        )
    return table


def _roles_table(split: str, scores: RoleScores) -> Table:
    from rich.table import Table

    table = Table(title=f"Roles, split={split}: {scores.labelled} labelled event mentions")
    table.add_column("measure")
    table.add_column("value", justify="right")
    found = max(scores.found, 1)
    table.add_row(
        "found (a compatible-type mention in the sentence)", f"{scores.found} ({scores.found_share:.3f})"
    )
    table.add_row("source right, of found", f"{scores.source_ok / found:.3f}")
    table.add_row("target right, of found", f"{scores.target_ok / found:.3f}")
    table.add_row("role accuracy (both right), of found", _pct(scores.accuracy_found))
    table.add_row("role accuracy, of all labelled (missed = wrong)", _pct(scores.accuracy_all))
    return table


def _role_types_table(outcomes: list[RoleOutcome]) -> Table:
    from rich.table import Table

    table = Table(title="Roles by labelled type")
    for column in ("type", "labelled", "found", "source right", "target right", "both right"):
        table.add_column(column, justify="left" if column == "type" else "right")
    by_type: dict[str, list[RoleOutcome]] = {}
    for outcome in outcomes:
        by_type.setdefault(outcome.label.type, []).append(outcome)
    for kind, group in sorted(by_type.items(), key=lambda item: (-len(item[1]), item[0])):
        scores = summarize_roles(group)
        table.add_row(
            kind,
            str(scores.labelled),
            str(scores.found),
            str(scores.source_ok),
            str(scores.target_ok),
            str(scores.both_ok),
        )
    return table


def _print_errors(
    console: Console, labels: list[EventLabel], view: StoreView, outcomes: list[RoleOutcome]
) -> None:
    """Gold events spread over several system events, system events holding several gold
    events, and role mistakes; untrusted text is escaped."""
    from rich.markup import escape

    predicted = predicted_events(labels, {ref: view.evidence.get(ref, []) for ref in view.article_of})
    by_gold: dict[str, Counter[str]] = {}
    by_system: dict[str, set[str]] = {}
    for label in labels:
        by_gold.setdefault(label.event, Counter())[predicted[label.ref]] += 1
        by_system.setdefault(predicted[label.ref], set()).add(label.event)
    console.rule("gold events split over system events")
    for event, parts in sorted(by_gold.items()):
        if len(parts) > 1:
            console.print(
                f"{escape(event)}: " + ", ".join(f"{escape(p)}×{n}" for p, n in parts.most_common())
            )
    console.rule("system events holding several gold events")
    for event, golds in sorted(by_system.items()):
        if len(golds) > 1:
            console.print(f"{escape(event)}: {escape(', '.join(sorted(golds)))}")
    print_role_mistakes(console, outcomes)


def _corpus_table(view: StoreView, scores: GroupingScores) -> Table:
    from rich.table import Table

    table = Table(title=f"Whole store: {view.analysed} SaudiNewsNet articles analysed")
    table.add_column("measure")
    table.add_column("value", justify="right")
    share = view.biggest_story / view.analysed if view.analysed else 0.0
    table.add_row("stories", str(view.stories_total))
    table.add_row("biggest story, share of all analysed articles", f"{view.biggest_story} ({share:.3f})")
    mentions = max(view.mentions, 1)
    table.add_row("event mentions", str(view.mentions))
    table.add_row(
        "mentions without a participant resolved to an actor",
        f"{view.mentions_without_actor} ({view.mentions_without_actor / mentions:.3f})",
    )
    table.add_row(
        "mentions without any participant (not even unresolved text)",
        f"{view.mentions_without_participant} ({view.mentions_without_participant / mentions:.3f})",
    )
    table.add_row(
        "hard-negative articles put in the event they must stay apart from",
        f"{scores.negatives_merged}/{scores.negatives}",
    )
    return table


def _losses_table(path: Path, labels: list[EventLabel], view: StoreView, scores: GroupingScores) -> Table:
    from marsad.evaluation.coref_losses import losses_table, lost_pairs
    from marsad.store.db import Store

    with Store.open(path, readonly=True) as store:
        lost = lost_pairs(
            store, labels, view.article_of, {ref: view.evidence.get(ref, []) for ref in view.article_of}
        )
    return losses_table(lost, scores.events.recall)


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("coref")
    def coref_command(
        split: Annotated[str, typer.Option(help="Which half of the gold: dev, held or all.")] = "dev",
        limit_days: Annotated[
            int | None, typer.Option(min=1, help="Analyse only the first N gold days (faster, fewer labels).")
        ] = None,
        jobs: Annotated[int, typer.Option(min=1, help="Processes for the per-article analysis.")] = 1,
        profile: Annotated[str, typer.Option(help="Analysis profile: fast or accurate.")] = "fast",
        rebuild: Annotated[bool, typer.Option(help="Analyse again even if a cached store exists.")] = False,
        show_errors: Annotated[
            bool, typer.Option(help="List split events, mixed events and wrong roles (tune on dev only).")
        ] = False,
        events: Annotated[Path, typer.Option(help="Event/story gold (JSON lines).")] = EVENTS_GOLD,
        roles: Annotated[Path, typer.Option(help="Role gold (JSON lines).")] = ROLES_GOLD,
        store: Annotated[
            Path | None,
            typer.Option(help="Score this store (analysed and linked elsewhere) instead of the cached one."),
        ] = None,
    ) -> None:
        """Event B-cubed, story B-cubed and role accuracy on the SaudiNewsNet development gold."""
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from marsad.evaluation.gold_store import BuiltStore, build_store

        if split not in SPLITS:
            typer.echo(f"error: unknown split {split!r}: use one of {', '.join(SPLITS)}", err=True)
            raise typer.Exit(2)
        try:
            all_events = load_events(events)
            role_labels = load_roles(roles, split)
        except ValueError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        # One store for both halves: the days of the whole gold, whatever the split.
        days = sorted({label.day for label in all_events})[:limit_days]
        event_labels = [e for e in all_events if e.day in days and split in ("all", e.split)]
        role_labels = [r for r in role_labels if r.ref.startswith("seed:") or r.ref.split("#")[0] in days]
        console = Console(width=max(Console().width, 120))
        try:
            if store is not None:
                if not store.is_file():
                    raise FileNotFoundError(f"{store}: no such store")
                built = BuiltStore(store, cached=True)
            else:
                with Progress(
                    TextColumn("analysing the gold days"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeRemainingColumn(),
                    console=Console(stderr=True),
                    transient=True,
                ) as progress:
                    task = progress.add_task("analyse", total=None)
                    built = build_store(
                        days,
                        profile=profile,
                        jobs=jobs,
                        rebuild=rebuild,
                        on_progress=lambda done, total: progress.update(task, completed=done, total=total),
                    )
        except FileNotFoundError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        console.print(
            f"store: {built.path} ({'cached' if built.cached else 'analysed now'}); days: {', '.join(days)}"
        )
        view = read_store(built.path)
        grouping = score_grouping(
            event_labels, {ref: view.evidence.get(ref, []) for ref in view.article_of}, view.stories
        )
        console.print(_grouping_table(split, event_labels, grouping))
        outcomes = role_outcomes(built.path, role_labels, view)
        console.print(_roles_table(split, summarize_roles(outcomes)))
        console.print(_role_types_table(outcomes))
        console.print(_corpus_table(view, grouping))
        console.print(_losses_table(built.path, event_labels, view, grouping))
        if show_errors:
            _print_errors(console, event_labels, view, outcomes)
