"""``marsad eval roles``: who did what to whom, on the labelled articles of the role gold alone.

Roles are decided within one article, so this does not need the linked store of whole gold
days that ``marsad eval coref`` builds (minutes): it reads only the articles the role gold
labels (``resources/eval/roles_gold.jsonl``: SaudiNewsNet day zips and the seeds), analyses
each one in-process with ``marsad.analyze.process`` and scores the mention picked for each
label exactly as ``marsad eval coref`` does (``marsad.evaluation.event_gold``). Nothing is
cached, so a change to the code always shows. Tune on ``--split dev``; report held once.

It also prints the share of event mentions without any participant (not even unresolved
text) over every event mention of the analysed articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from marsad.evaluation.event_gold import (
    ROLES_GOLD,
    SPLITS,
    Resolver,
    RoleLabel,
    RoleOutcome,
    SystemMention,
    load_roles,
    pick_mention,
    score_role,
    summarize_roles,
)

if TYPE_CHECKING:
    from rich.console import Console

    from marsad.model import AnalyzedArticle, EventMention


@dataclass(frozen=True, slots=True)
class RoleRun:
    outcomes: list[RoleOutcome]
    articles: int  # labelled articles found and analysed
    missing: list[str]  # labelled refs no input held
    mentions: int  # every event mention of the analysed articles
    without_participant: int  # of those, no source and no target at all


def system_mentions(doc: AnalyzedArticle) -> list[SystemMention]:
    return [_system_mention(m) for m in doc.event_mentions]


def _system_mention(m: EventMention) -> SystemMention:
    return SystemMention(
        m.type,
        m.text,
        m.start,
        m.end,
        tuple(m.source_texts),
        tuple(m.target_texts),
        tuple(m.sources),
        tuple(m.targets),
    )


def has_participant(m: EventMention) -> bool:
    return bool(m.sources or m.targets) or any(t.strip() for t in [*m.source_texts, *m.target_texts])


def labelled_inputs(labels: Iterable[RoleLabel]) -> list[str]:
    """The day zips and the seeds folder that hold the labelled articles."""
    from marsad.evaluation.gold_store import day_archive
    from marsad.paths import examples_dir

    refs = {label.ref for label in labels}
    days = sorted({ref.split("#")[0] for ref in refs if "#" in ref})
    inputs = [str(day_archive(day)) for day in days]
    if any(ref.startswith("seed:") for ref in refs):
        inputs.append(str(examples_dir() / "seeds"))
    return inputs


def analyse_labelled(labels: Sequence[RoleLabel], profile: str = "fast") -> dict[str, AnalyzedArticle]:
    """Each labelled article (by ref) analysed alone; unreadable records are skipped."""
    from marsad.analyze import process
    from marsad.evaluation.gold_store import origin_ref
    from marsad.model import ReadProblem
    from marsad.sources import iter_inputs

    refs = {label.ref for label in labels}
    docs: dict[str, AnalyzedArticle] = {}
    for raw in iter_inputs(labelled_inputs(labels)):
        if isinstance(raw, ReadProblem):
            continue
        ref = origin_ref(raw.origin)
        if ref in refs and ref not in docs:
            docs[ref] = process(raw, profile, None)
    return docs


def score_labelled(
    labels: Sequence[RoleLabel], docs: dict[str, AnalyzedArticle], resolve: Resolver
) -> RoleRun:
    outcomes = []
    for label in labels:
        doc = docs.get(label.ref)
        mentions = system_mentions(doc) if doc else []
        outcomes.append(score_role(label, pick_mention(label, mentions, doc.text if doc else ""), resolve))
    every = [m for doc in docs.values() for m in doc.event_mentions]
    return RoleRun(
        outcomes=outcomes,
        articles=len(docs),
        missing=sorted({label.ref for label in labels} - docs.keys()),
        mentions=len(every),
        without_participant=sum(not has_participant(m) for m in every),
    )


def _names(participants: tuple[tuple[str, ...], ...]) -> str:
    return " ; ".join("/".join(names) for names in participants) or "-"


def print_role_mistakes(console: Console, outcomes: Sequence[RoleOutcome]) -> None:
    """Each role label the system got wrong: gold against system, and the sentence."""
    from rich.markup import escape

    console.rule("role mistakes (gold -> system); untrusted text escaped")
    for outcome in outcomes:
        if outcome.both_ok:
            continue
        label, found = outcome.label, outcome.found
        gold = f"{label.type} {label.trigger}: {_names(label.source)} -> {_names(label.target)}"
        system = (
            "not found"
            if found is None
            else f"{found.type} {found.text}: {' ; '.join(found.source_texts) or '-'} -> "
            f"{' ; '.join(found.target_texts) or '-'}"
        )
        console.print(escape(f"[{label.id}] {gold}  |  {system}"), highlight=False)
        console.print(escape(f"    {label.sentence[:240]}"), highlight=False, style="dim")


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("roles")
    def roles_command(
        split: Annotated[str, typer.Option(help="Which half of the role gold: dev, held or all.")] = "dev",
        profile: Annotated[str, typer.Option(help="Analysis profile: fast or accurate.")] = "fast",
        show_errors: Annotated[bool, typer.Option(help="List wrong and missed roles (dev only).")] = False,
        roles: Annotated[Path, typer.Option(help="Role gold (JSON lines).")] = ROLES_GOLD,
    ) -> None:
        """Role accuracy (source and target both right) on the labelled articles alone, and the
        share of event mentions without any participant."""
        from rich.console import Console

        from marsad.evaluation.coref import _role_types_table, _roles_table, dictionary_resolver

        if split not in SPLITS:
            typer.echo(f"error: unknown split {split!r}: use one of {', '.join(SPLITS)}", err=True)
            raise typer.Exit(2)
        try:
            labels = load_roles(roles, split)
        except ValueError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        try:
            docs = analyse_labelled(labels, profile)
        except (FileNotFoundError, ValueError) as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        run = score_labelled(labels, docs, dictionary_resolver())
        console = Console(width=max(Console().width, 120))
        console.print(_roles_table(split, summarize_roles(run.outcomes)))
        console.print(_role_types_table(run.outcomes))
        share = run.without_participant / run.mentions if run.mentions else 0.0
        console.print(
            f"analysed {run.articles} labelled articles: {run.mentions} event mentions, "
            f"{run.without_participant} without any participant ({share:.3f})"
        )
        if run.missing:
            console.print(f"labelled articles not found in the inputs: {len(run.missing)}")
        if show_errors:
            print_role_mistakes(console, run.outcomes)
