"""The story embedding computed by the per-article work (``stories.prepare``) is taken by the
single-writer linker only for exactly the text it embeds, and only where the linker would embed
that one text alone; anything else is embedded by the linker as before."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.link import stories
from marsad.model import AnalyzedArticle, Article
from marsad.store.db import Store


def _doc(text: str, title: str) -> AnalyzedArticle:
    article = Article(
        id="a1", source="s", url=None, title=title, published=None, language="ar", text=text, origin="o"
    )
    return AnalyzedArticle(article=article)


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The linker's own embedding calls, stubbed: each text gets a vector of ones."""
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.ones((len(texts), 512), dtype=np.float32)

    monkeypatch.setattr(stories, "embed", embed)
    return calls


def test_an_offered_vector_is_taken_for_its_text_once(tmp_path: Path, embedded: list[list[str]]) -> None:
    doc = _doc("نص الخبر عن الاجتماع", "عنوان")
    doc.story_vector = np.full(512, 0.5, dtype=np.float32)
    text = stories.article_text_for_embedding(doc.article.title, doc.text)
    with Store.open(tmp_path / "s.db") as store:
        stories.offer(store, doc)
        assert np.array_equal(stories._vectors(store, [text]), doc.story_vector.reshape(1, -1))
        assert embedded == []
        assert np.array_equal(stories._vectors(store, [text]), np.ones((1, 512), dtype=np.float32))
        assert embedded == [[text]]  # taken once: the second call embeds


def test_an_offered_vector_is_not_taken_for_another_text_or_a_batch(
    tmp_path: Path, embedded: list[list[str]]
) -> None:
    doc = _doc("نص الخبر عن الاجتماع", "عنوان")
    doc.story_vector = np.full(512, 0.5, dtype=np.float32)
    text = stories.article_text_for_embedding(doc.article.title, doc.text)
    with Store.open(tmp_path / "s.db") as store:
        stories.offer(store, doc)
        assert stories._vectors(store, ["نص آخر"]).tolist() == np.ones((1, 512)).tolist()
        stories.offer(store, doc)
        assert stories._vectors(store, [text, "نص آخر"]).shape == (2, 512)
    assert embedded == [["نص آخر"], [text, "نص آخر"]]
