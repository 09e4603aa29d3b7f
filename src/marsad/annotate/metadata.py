"""The "metadata" annotator: no figures or times in bylines, tag lines and outlet datelines.

"داليا أبوالعيش – عين اليوم" names the site ("اليوم" is not "today" there) and
"رابط الخبر بصحيفة الوئام: <title>" repeats the title: both are the article's metadata
(``marsad.arabic.outlets``). Runs after the times and quantities annotators and before the
events annotator reads times; entities and actors skip those spans themselves.
"""

from __future__ import annotations

from marsad.arabic.outlets import inside, metadata_spans
from marsad.model import AnalyzedArticle


class MetadataFilter:
    name = "metadata"
    requires: tuple[str, ...] = ("times", "quantities", "claims")
    provides: tuple[str, ...] = ("metadata_filtered",)

    def annotate(self, doc: AnalyzedArticle) -> None:
        spans = metadata_spans(doc.text)
        if not spans:
            return
        doc.times = [t for t in doc.times if not inside(spans, t.start, t.end)]
        doc.quantities = [q for q in doc.quantities if not inside(spans, q.start, q.end)]
        doc.claims = [c for c in doc.claims if not inside(spans, c.start, c.end)]


def build(profile: str) -> MetadataFilter:
    return MetadataFilter()
