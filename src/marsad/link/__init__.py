"""Corpus linkers: run after each stored batch, inside the batch's transaction.

A linker is ``function(store, new_article_ids) -> None``; it reads what the store holds
and writes corpus records (duplicates, actors, events, stories, claims...). They run in
the order of ``LINKERS`` because later ones read earlier ones' output (everything skips
duplicates, so dedup runs first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def load_linker(target: str) -> Linker:
    module_name, function_name = target.split(":")
    return getattr(import_module(module_name), function_name)


def run_linkers(store: Store, new_article_ids: Sequence[str]) -> None:
    """Run every linker over the articles just stored, in one transaction."""
    with store.batch():
        for _name, target in LINKERS:
            load_linker(target)(store, new_article_ids)
