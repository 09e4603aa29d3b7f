"""Corpus linkers: run after each stored batch, inside the batch's transaction.

A linker is ``function(store, new_article_ids) -> None``; it reads what the store holds
and writes corpus records (duplicates, actors, events, stories, claims...). They run in
the order of ``LINKERS`` because later ones read earlier ones' output (everything skips
duplicates, so dedup runs first).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from importlib import import_module

from marsad.store.db import Store

Linker = Callable[[Store, Sequence[str]], None]

# (name, "module:function") in run order.
LINKERS: list[tuple[str, str]] = [
    ("dedup", "marsad.link.dedup:link_duplicates"),
    ("actors", "marsad.link.actors:link"),
    ("events", "marsad.link.events:link"),
    ("stories", "marsad.link.stories:link"),
    ("claims", "marsad.link.claims:link"),  # compares claims of the same event or story
]

# The tables each linker writes (its records, cleared to link a store again; ``claims`` and
# ``mentions`` are analysis output, not linker records).
LINKER_TABLES: dict[str, tuple[str, ...]] = {
    "dedup": ("minhash", "lsh_bands"),
    "actors": ("actor_keys",),
    "events": ("event_evidence", "event_articles", "event_keys", "events"),
    "stories": ("story_members", "stories"),
    "claims": ("claim_keys", "contradictions"),
}


def tables_of(linkers: Collection[str]) -> tuple[str, ...]:
    """The tables the named linkers write, in run order."""
    return tuple(table for name, _target in LINKERS if name in linkers for table in LINKER_TABLES[name])


def load_linker(target: str) -> Linker:
    module_name, function_name = target.split(":")
    return getattr(import_module(module_name), function_name)


def run_linkers(store: Store, new_article_ids: Sequence[str]) -> None:
    """Link the articles just stored, in one transaction, one article at a time in the
    order given (input order: the order they were read in), every linker in turn for each.
    A batch is thus linked exactly as its articles would be one by one, so the store does
    not depend on where batch boundaries fall (``--batch``, an interrupted run, shards)."""
    linkers = [load_linker(target) for _name, target in LINKERS]
    with store.batch():
        for article_id in new_article_ids:
            for linker in linkers:
                linker(store, [article_id])
