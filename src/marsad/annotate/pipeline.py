"""The per-article pure function: a cleaned ``Article`` (and its cleaning flags) → ``AnalyzedArticle``.

No database, no network, no global mutable state: the same function runs in one
process, in a process pool, or as a map over partitions on a cluster engine.

An annotator is an object with a ``name``, the record kinds it ``requires`` and
``provides``, and ``annotate(doc)`` that appends its records to ``doc``. Every annotator
reads the article's words from the document layer (``doc.document``: tokens, normalized
forms, clitic analysis, sentence per token), built once per article. They run in the order
of ``ANNOTATORS``; building the pipeline checks that each one's requirements are provided by
an annotator before it (quotes read resolved mentions for speakers; events read mentions,
actors and times), so a wrong order is an error, not a silent loss.

Profiles pick implementations: "fast" runs anywhere on CPU without a deep-learning
framework; "accurate" may use heavier models where they exist and falls back to fast ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Protocol

from marsad.annotate import actors, entities, events, metadata, quantities, quotes, times, translation
from marsad.arabic.sentences import split_sentences
from marsad.model import AnalyzedArticle, Article, Flag

PROFILES = ("fast", "accurate")
# What every annotator may read before any has run: the cleaned article, its flags from
# cleaning, its sentences and the document layer.
BASE_PROVIDES = frozenset({"text", "flags", "sentences", "document"})


class Annotator(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def annotate(self, doc: AnalyzedArticle) -> None: ...


class PipelineOrderError(ValueError):
    """An annotator runs before one that provides what it requires."""


# (name, factory) in run order. A factory takes the profile and returns an Annotator. Each
# annotator module owns its models and loads them once per process.
ANNOTATORS: list[tuple[str, Callable[[str], Annotator]]] = [
    ("entities", entities.build),
    ("actors", actors.build),
    ("times", times.build),
    ("quantities", quantities.build),
    ("metadata", metadata.build),
    ("quotes", quotes.build),
    ("events", events.build),
    ("translation", translation.build),
]


def check_order(annotators: Sequence[Annotator]) -> None:
    """Raise ``PipelineOrderError`` unless every annotator's requirements are provided by
    the base article or by an annotator earlier in the sequence."""
    available = set(BASE_PROVIDES)
    for annotator in annotators:
        missing = [r for r in annotator.requires if r not in available]
        if missing:
            raise PipelineOrderError(
                f"annotator {annotator.name!r} requires {', '.join(missing)}, which no annotator "
                "before it provides"
            )
        available.update(annotator.provides)


@cache
def build_annotators(profile: str = "fast") -> tuple[Annotator, ...]:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    built = tuple(factory(profile) for _name, factory in ANNOTATORS)
    check_order(built)
    return built


def annotate(
    article: Article,
    flags: Iterable[Flag] = (),
    profile: str = "fast",
    only: Iterable[str] | None = None,
) -> AnalyzedArticle:
    """Split sentences, build the document layer and run the profile's annotators over a
    cleaned article."""
    doc = AnalyzedArticle(article=article, sentences=split_sentences(article.text), flags=list(flags))
    wanted = set(only) if only is not None else None
    for annotator in build_annotators(profile):
        if wanted is None or annotator.name in wanted:
            annotator.annotate(doc)
    return doc
