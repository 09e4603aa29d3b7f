"""Who reported what first: the facts about an article that cross-article linking needs.

Independence of sources is judged here once for every linker: near-duplicate copies
collapse onto their first-seen article (the dedup root), and an article that cites a wire
agency or statement is that agency's report, whichever outlet ran it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from marsad.arabic.normalize import normalize
from marsad.model import Article

if TYPE_CHECKING:
    from marsad.store.db import Store


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    article: Article
    root: str  # id of the first-seen copy (itself when it is no copy)
    outlet: str  # outlet of the first-seen copy
    provenance: str  # "agency:…" when a wire agency is cited, else "outlet:…"


def facts(store: Store, article_id: str, cache: dict[str, ArticleFacts] | None = None) -> ArticleFacts | None:
    if cache is not None and article_id in cache:
        return cache[article_id]
    article = store.get_article(article_id, with_raw=False)
    if article is None:
        return None
    root_article = article
    seen = {article.id}
    while root_article.duplicate_of and root_article.duplicate_of not in seen:
        parent = store.get_article(root_article.duplicate_of, with_raw=False)
        if parent is None:
            break
        seen.add(parent.id)
        root_article = parent
    outlet = root_article.source or article.source
    agency = article.agency or root_article.agency
    provenance = f"agency:{normalize(agency)}" if agency else f"outlet:{normalize(outlet)}"
    found = ArticleFacts(article=article, root=root_article.id, outlet=outlet, provenance=provenance)
    if cache is not None:
        cache[article_id] = found
    return found
