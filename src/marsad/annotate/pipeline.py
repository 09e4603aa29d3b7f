"""The per-article pure function: ``RawArticle → AnalyzedArticle``.

No database, no network, no global mutable state: the same function runs in one
process, in a process pool, or as a map over partitions on a cluster engine. Annotators run
in a fixed order because later ones read earlier ones' output (quotes read entity
mentions for speakers; events read mentions and times).

An annotator is any object with a ``name`` and ``annotate(doc)`` that appends its records
to ``doc``. Profiles pick implementations: "fast" runs anywhere on CPU without a deep-learning
framework; "accurate" may use heavier models where they exist and falls back to fast ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib import import_module
from typing import Protocol

from marsad.arabic.sentences import split_sentences
from marsad.model import AnalyzedArticle, Article, Flag, RawArticle

PROFILES = ("fast", "accurate")


class Annotator(Protocol):
    name: str

    def annotate(self, doc: AnalyzedArticle) -> None: ...


# (name, "module:factory") in run order. A factory takes the profile and returns an
# Annotator. Each annotator module owns its models and loads them once per process.
ANNOTATORS: list[tuple[str, str]] = [
    ("entities", "marsad.annotate.entities:build"),
    ("actors", "marsad.link.actors:build"),
    ("times", "marsad.annotate.times:build"),
    ("quantities", "marsad.annotate.quantities:build"),
    ("metadata", "marsad.annotate.metadata:build"),
    ("quotes", "marsad.annotate.quotes:build"),
    ("events", "marsad.annotate.events:build"),
    ("translation", "marsad.annotate.translation:build"),
]


@cache
def build_annotators(profile: str = "fast") -> tuple[Annotator, ...]:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    built: list[Annotator] = []
    for _name, target in ANNOTATORS:
        module_name, factory_name = target.split(":")
        factory: Callable[[str], Annotator] = getattr(import_module(module_name), factory_name)
        built.append(factory(profile))
    return tuple(built)


def annotate(
    article: Article,
    flags: Iterable[Flag] = (),
    profile: str = "fast",
    only: Iterable[str] | None = None,
) -> AnalyzedArticle:
    """Split sentences and run the profile's annotators over a cleaned article."""
    doc = AnalyzedArticle(article=article, sentences=split_sentences(article.text), flags=list(flags))
    wanted = set(only) if only is not None else None
    for annotator in build_annotators(profile):
        if wanted is None or annotator.name in wanted:
            annotator.annotate(doc)
    return doc


def analyze(raw: RawArticle, profile: str = "fast", boilerplate: object | None = None) -> AnalyzedArticle:
    """Clean a raw article and annotate it: the whole per-article function."""
    from marsad.clean import clean_article

    article, flags = clean_article(raw, boilerplate=boilerplate)
    return annotate(article, flags, profile)
