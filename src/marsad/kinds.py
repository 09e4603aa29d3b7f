"""Every kind of record Marsad keeps, in one table read by the store, export, web and CLI.

A kind has its export name (``"mention"``: the ``kind`` of a JSONL line and the name of
its CSV/Parquet file), its dataclass in ``marsad.model``, its SQLite table, the
``AnalyzedArticle`` list that holds it when an annotator makes it, the fields the store
keeps as JSON text or 0/1, the fields kept out of exports, and how a person counts it.
Order is the export order (docs/EXPORT.md).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from marsad.model import (
    Actor,
    Article,
    Claim,
    Contradiction,
    Event,
    EventMention,
    Flag,
    Mention,
    Quantity,
    Quote,
    Story,
    TimeExpr,
)


@dataclass(frozen=True, slots=True)
class RecordKind:
    name: str
    cls: type
    table: str
    label: str  # plural, for counts shown to a person: "3 entities"
    attribute: str | None = None  # the AnalyzedArticle list it is annotated into
    json_fields: frozenset[str] = frozenset()
    bool_fields: frozenset[str] = frozenset()
    internal_fields: frozenset[str] = frozenset()  # stored, never exported

    @property
    def fields(self) -> list[str]:
        """The dataclass's field names, in order: the store's columns for it."""
        return [f.name for f in fields(self.cls)]

    @property
    def export_columns(self) -> list[str]:
        """The columns of one exported record, in order: ``kind``, the fields, and the
        record's own ``kind`` (a flag's, a time's...) renamed ``<kind>_kind`` at the end."""
        own = [f for f in self.fields if f not in self.internal_fields]
        renamed = [f"{self.name}_kind"] if "kind" in own else []
        return ["kind", *(f for f in own if f != "kind"), *renamed]


KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        "article",
        Article,
        "articles",
        "articles",
        bool_fields=frozenset({"title_derived"}),
        internal_fields=frozenset({"raw_text", "offset_map"}),
    ),
    RecordKind("flag", Flag, "flags", "flags", "flags"),
    RecordKind("mention", Mention, "mentions", "entities", "mentions"),
    RecordKind("time", TimeExpr, "times", "times", "times"),
    RecordKind(
        "quantity",
        Quantity,
        "quantities",
        "figures",
        "quantities",
        bool_fields=frozenset({"approximate", "indefinite"}),
    ),
    RecordKind("quote", Quote, "quotes", "quotes", "quotes"),
    RecordKind(
        "event_mention",
        EventMention,
        "event_mentions",
        "event mentions",
        "event_mentions",
        json_fields=frozenset({"sources", "targets", "source_texts", "target_texts"}),
        bool_fields=frozenset({"negated", "future", "hypothetical", "reported"}),
    ),
    RecordKind("actor", Actor, "actors", "actors", "actors", json_fields=frozenset({"aliases", "roles"})),
    RecordKind("event", Event, "events", "events", json_fields=frozenset({"sources", "targets"})),
    RecordKind("story", Story, "stories", "stories"),
    RecordKind("claim", Claim, "claims", "claims", "claims", bool_fields=frozenset({"approximate"})),
    RecordKind(
        "contradiction", Contradiction, "contradictions", "contradictions", json_fields=frozenset({"claims"})
    ),
)
BY_NAME: dict[str, RecordKind] = {k.name: k for k in KINDS}
# Annotations that belong to one article only: rewritten whole with it and read back in
# article order. Claims and actors are also annotated per article, but the linkers rewrite
# them across articles, so the store keeps them as corpus records.
PER_ARTICLE: tuple[RecordKind, ...] = tuple(
    k for k in KINDS if k.attribute and k.name not in ("claim", "actor")
)
