"""Where event-grouping recall is lost: each pair of labelled reports of one gold event
that the system keeps apart, put down to one cause.

The causes, checked in this order on the two articles' own events (their mentions grouped
per article as the events linker groups them, compared with the linker's own ``corefer``):

- ``no mention``: an article has no event mention of the event's type family at all (a
  trigger problem, before linking);
- ``type``: both have mentions of the event's family, but not of one type (CONSULT in one
  report of a meeting, AGREE in another);
- ``picked``: the two articles do share a system event, but the scorer's best-matching
  event of one of them is another (one that holds more of its mentions): ``picked: another
  type`` when that event is not of the gold event's type (most often a happening the report
  tells as background, linked across reports: the nuclear deal a meeting discussed, the
  murder an execution punished), ``picked: same type`` when it is (two system events of one
  type that should be one);
- ``mode``: the closest pair of events of one type differs in modal flags (negated,
  hypothetical, planned);
- ``dates``: their dates do not overlap (a wrong date, or another time named);
- ``precision``: the dates overlap, but one is known only to the month (or not at all),
  and the weak-date rules do not hold;
- ``places``: both give places that conflict;
- ``participants``: they share no participant, country or side (one or both have none
  resolved: ``participants: none resolved``);
- ``threshold``: everything fits but the evidence falls short of the merge rule;
- ``rule passes``: ``corefer`` would merge the two reports' events on their own: the
  loss is in the incremental linking (an event grown or bounded on the way, another
  candidate chosen).

The event's type is the one most of its labelled articles' best-matching system events
have. Each pair weighs what it costs B-cubed recall (2 / (|gold event| · labelled
articles)), so the weights of all causes add up to 1 - recall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from marsad.evaluation.event_gold import EventLabel, compatible, predicted_events

if TYPE_CHECKING:
    from rich.table import Table

    from marsad.link.events import EventCluster
    from marsad.store.db import Store

CAUSES = (
    "no mention",
    "type",
    "picked: another type",
    "picked: same type",
    "mode",
    "dates",
    "precision",
    "places",
    "participants: none resolved",
    "participants",
    "threshold",
    "rule passes",
)


@dataclass(frozen=True, slots=True)
class LostPair:
    gold: str
    a: str  # article refs
    b: str
    cause: str
    weight: float  # B-cubed recall it costs


def _stage(x: EventCluster, y: EventCluster) -> str:
    """The first condition of the merge rule that two events of one type fail."""
    from marsad.link import events as ev

    a, b = x.profile, y.profile
    if a.excluded or b.excluded or a.futures != b.futures:
        return "mode"
    if ev.corefer(x, y) is not None or ev.corefer(y, x) is not None:
        return "rule passes"
    if a.interval and b.interval and not ev._overlap(a.interval, b.interval):
        return "dates"
    if ev._places_conflict(a, b):
        return "places"
    shared = a.participants.keys() & b.participants.keys()
    if not shared and not (a.countries & b.countries) and not (a.sides & b.sides):
        if ev._same_sentence(a, b) >= ev.NEAR_COPY:
            return "threshold"
        return "participants" if a.participants and b.participants else "participants: none resolved"
    if not (a.fine and b.fine):
        return "precision"
    return "threshold"


_ORDER = {cause: rank for rank, cause in enumerate(CAUSES)}


def _closest(xs: Sequence[EventCluster], ys: Sequence[EventCluster]) -> str:
    """The cause of the pair of events that gets furthest through the rule."""
    return max((_stage(x, y) for x in xs for y in ys), key=lambda cause: _ORDER[cause])


def lost_pairs(
    store: Store,
    labels: Sequence[EventLabel],
    article_of: Mapping[str, str],
    evidence: Mapping[str, Sequence[str]],
) -> list[LostPair]:
    """Every pair of labelled reports of one gold event that the scorer puts apart, with its
    cause."""
    from marsad.link import events as ev

    predicted = predicted_events(labels, evidence)
    event_type = _event_types(store, labels, predicted)
    by_gold: dict[str, list[EventLabel]] = {}
    for label in labels:
        by_gold.setdefault(label.event, []).append(label)
    fact_cache: dict = {}
    actor_cache: dict = {}
    local: dict[str, list[EventCluster]] = {}

    def clusters(ref: str) -> list[EventCluster]:
        if ref not in local:
            article = article_of.get(ref)
            refs = ev._refs_for_article(store, article, fact_cache, actor_cache) if article else []
            local[ref] = ev._local_clusters(refs)
        return local[ref]

    types: dict[str, str | None] = {}

    def event_type_of(event_id: str) -> str | None:
        if event_id not in types:
            event = store.get_event(event_id)
            types[event_id] = event.type if event is not None else None
        return types[event_id]

    lost = []
    for gold, members in sorted(by_gold.items()):
        kind = event_type.get(gold)
        weight = 2.0 / (len(members) * len(labels))
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if predicted[x.ref] == predicted[y.ref]:
                    continue
                cause = _cause(
                    clusters(x.ref), clusters(y.ref), kind, evidence.get(x.ref, ()), evidence.get(y.ref, ())
                )
                if cause == "picked":
                    best = {event_type_of(predicted[x.ref]), event_type_of(predicted[y.ref])}
                    cause = "picked: same type" if best == {kind} else "picked: another type"
                lost.append(LostPair(gold, x.ref, y.ref, cause, weight))
    return lost


def _cause(
    xs: list[EventCluster],
    ys: list[EventCluster],
    kind: str | None,
    x_events: Sequence[str],
    y_events: Sequence[str],
) -> str:
    if kind is None:
        return "no mention"
    family_x = [c for c in xs if compatible(kind, c.type)]
    family_y = [c for c in ys if compatible(kind, c.type)]
    if not family_x or not family_y:
        return "no mention"
    if set(x_events) & set(y_events):
        return "picked"
    same_x = [c for c in family_x if c.type == kind]
    same_y = [c for c in family_y if c.type == kind]
    pairs = [(c, d) for c in family_x for d in family_y if c.type == d.type]
    if not pairs:
        return "type"
    if same_x and same_y:
        return _closest(same_x, same_y)
    return max((_stage(c, d) for c, d in pairs), key=lambda cause: _ORDER[cause])


def _event_types(store: Store, labels: Sequence[EventLabel], predicted: Mapping[str, str]) -> dict[str, str]:
    """Each gold event's type: the most common type of its articles' best-matching events."""
    types: dict[str, Counter[str]] = {}
    for label in labels:
        event = (
            store.get_event(predicted[label.ref]) if not predicted[label.ref].startswith("alone:") else None
        )
        if event is not None:
            types.setdefault(label.event, Counter())[event.type] += 1
    return {gold: min(counts, key=lambda t: (-counts[t], t)) for gold, counts in types.items()}


def losses_table(lost: Sequence[LostPair], recall: float) -> Table:
    from rich.table import Table

    table = Table(
        title=f"Event recall lost, by cause: pairs of reports of one gold event kept apart "
        f"(B³ recall {recall:.3f}; the weights add up to 1 - recall)"
    )
    for column in ("cause", "pairs", "gold events", "B³ recall lost"):
        table.add_column(column, justify="left" if column == "cause" else "right")
    for cause in CAUSES:
        mine = [p for p in lost if p.cause == cause]
        if mine:
            table.add_row(
                cause, str(len(mine)), str(len({p.gold for p in mine})), f"{sum(p.weight for p in mine):.3f}"
            )
    table.add_row(
        "all", str(len(lost)), str(len({p.gold for p in lost})), f"{sum(p.weight for p in lost):.3f}"
    )
    return table


def describe(x: EventCluster, y: EventCluster) -> str:
    """One line on what two events give the merge rule (for ``--show-errors``)."""
    from marsad.link import events as ev

    a, b = x.profile, y.profile
    return (
        f"{x.type} | {sorted(a.participants)} vs {sorted(b.participants)} | places {sorted(a.places)} vs "
        f"{sorted(b.places)} | dates {a.best_date} vs {b.best_date} | wording {ev._wording(a, b):.2f} "
        f"sentence {ev._same_sentence(a, b):.2f}"
    )
