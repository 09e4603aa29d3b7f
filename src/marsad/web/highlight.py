"""Cut an article's text into segments, each with the annotation layers covering it.

Annotations overlap (an entity inside a quote, a figure inside a claim), so instead of
nesting markup we cut the text at every span boundary: each segment carries the set of
layers active over it and the template renders it as one ``<span class="...">`` whose
text Jinja escapes. Article text is never marked safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from marsad.arabic.labels import label

# layer name → (Arabic legend label, what it marks)
LAYERS: dict[str, str] = {
    "entity": "كيان (شخص، منظمة، مكان)",
    "time": "تعبير زمني",
    "figure": "رقم أو كمية",
    "quote": "اقتباس",
    "event": "حدث (الفعل الدال)",
    "artifact": "أثر ترجمة آلية",
}


@dataclass(slots=True)
class Segment:
    text: str
    layers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # tooltip lines (type, value...)
    actor: str | None = None  # the actor an entity here resolves to: the segment links to it
    focus: bool = False  # inside the span the reader came to see (evidence of an event)

    @property
    def css(self) -> str:
        return " ".join([*(f"hl-{layer}" for layer in self.layers), *(["focus"] if self.focus else [])])


def _spans(article: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    spans: list[tuple[int, int, str, str]] = []
    known = article.get("actor_names", {})
    for m in article.get("mentions", []):
        name = known.get(m["actor"]) if m["actor"] else None
        kind = label("entity_type", m["type"])
        spans.append((m["start"], m["end"], "entity", kind + (f" ← {name}" if name else "")))
        if name:  # only actors the store knows get a link (no link to a missing page)
            spans.append((m["start"], m["end"], "actor", m["actor"]))
    for t in article.get("times", []):
        value = t["value"] or "غير محدد"
        spans.append((t["start"], t["end"], "time", f"{value} ({label('precision', t['precision']) or '—'})"))
    for q in article.get("quantities", []):
        value = q["value"] if q["value"] is not None else "—"
        spans.append((q["start"], q["end"], "figure", f"{value} {q['unit'] or ''}".strip()))
    for q in article.get("quotes", []):
        spans.append((q["start"], q["end"], "quote", f"قائل: {q['speaker_text'] or '؟'}"))
    for e in article.get("event_mentions", []):
        spans.append((e["start"], e["end"], "event", f"{label('event_type', e['type'])} ({e['type']})"))
    for f in article.get("flags", []):
        if f["kind"] == "machine_translation_artifact" and f["end"] > f["start"]:
            spans.append((f["start"], f["end"], "artifact", f["note"]))
    return spans


def segments(article: dict[str, Any], focus: tuple[int, int] | None = None) -> list[Segment]:
    """The article text as consecutive segments covering it exactly once.

    ``focus`` (start, end) marks a span to point the reader at, e.g. an event's evidence.
    """
    text: str = article["text"]
    raw = _spans(article)
    if focus is not None:
        raw.append((focus[0], focus[1], "focus", ""))
    spans = [(max(0, s), min(len(text), e), layer, note) for s, e, layer, note in raw]
    spans = [s for s in spans if s[1] > s[0]]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        active = [(layer, note) for s, e, layer, note in spans if s <= a and b <= e]
        layers = [layer for layer in LAYERS if any(layer == x for x, _ in active)]
        notes = list(
            dict.fromkeys(note for layer, note in active if layer not in ("actor", "focus") and note)
        )
        actor = next((note for layer, note in active if layer == "actor"), None)
        focused = any(layer == "focus" for layer, _ in active)
        out.append(Segment(text[a:b], layers, notes, actor, focused))
    return out


def sentence_parts(sentence: str, offset: int, start: int, end: int) -> tuple[str, str, str]:
    """A sentence split around its trigger span (offsets in the article), for emphasis."""
    a = max(0, min(len(sentence), start - offset))
    b = max(a, min(len(sentence), end - offset))
    return sentence[:a], sentence[a:b], sentence[b:]
