"""The document layer: what every annotator reads about an article's words, computed once.

Tokenising, normalising and looking under clitics used to be done by each annotator on its
own, with its own rules. A ``Document`` does it once per article (spaCy's ``Doc`` and CAMeL
Tools' one morphology table are the models):

- ``tokens``: tokens of the cleaned text with character spans (``marsad.arabic.tokens``);
- ``forms``: for each token its ``WordForm`` — the normalized form and its one clitic
  analysis (``marsad.arabic.clitics``), shared by every token with the same spelling through
  a per-process cache (news is Zipfian: most tokens are a few thousand forms);
- ``sentence_of``: the sentence index of each token, and ``sentence_tokens`` the token range
  of each sentence;
- ``normalized``: the whole text in matching form with a map back to offsets (for the
  rules that run over text rather than tokens).

It is derived from the article text and sentences, so it is never stored: the analysed
article carries it while the annotators run (``AnalyzedArticle.document``) and drops it
before it leaves the worker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from marsad.arabic.clitics import bare, proclitic_variant_set, strip_proclitics
from marsad.arabic.normalize import normalize, normalize_with_map
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import Token, tokenize

if TYPE_CHECKING:
    from marsad.model import Sentence


@dataclass(frozen=True, slots=True)
class WordForm:
    """Everything about a token that depends only on how it is spelled."""

    text: str  # as written
    norm: str  # ``normalize``d
    variants: tuple[str, ...]  # ``proclitic_variants(norm)``
    prefix: str  # ``strip_proclitics(norm)``: (prefix, stem)
    stem: str
    bare: str  # ``clitics.bare(norm)``: no conjunction, preposition or article
    is_word: bool  # starts with a letter or digit (not punctuation)


@lru_cache(maxsize=500_000)
def word_form(text: str) -> WordForm:
    """The cached analysis of one spelling."""
    norm = normalize(text)
    prefix, stem = strip_proclitics(norm)
    return WordForm(
        text=text,
        norm=norm,
        variants=proclitic_variant_set(norm),
        prefix=prefix,
        stem=stem,
        bare=bare(norm),
        is_word=bool(norm) and norm[0].isalnum(),
    )


@dataclass(eq=False)
class Document:
    text: str
    sentences: list[Sentence]
    tokens: list[Token]
    forms: list[WordForm]
    starts: list[int]  # token start offsets, for bisecting
    sentence_of: list[int]  # per token: index into ``sentences`` (-1 between sentences)
    sentence_tokens: list[tuple[int, int]]  # per sentence: [first, last) token indexes
    _extras: dict[str, object] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, sentences: list[Sentence] | None = None) -> Document:
        sents = sentences if sentences else split_sentences(text)
        tokens = tokenize(text)
        starts = [t.start for t in tokens]
        forms = [word_form(t.text) for t in tokens]
        sentence_of = [-1] * len(tokens)
        ranges: list[tuple[int, int]] = []
        for k, s in enumerate(sents):
            first, last = bisect_left(starts, s.start), bisect_left(starts, s.end)
            ranges.append((first, last))
            for i in range(first, last):
                sentence_of[i] = k
        return cls(text, sents, tokens, forms, starts, sentence_of, ranges)

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """[first, last) indexes of the tokens that lie inside text[start:end], or None when
        a token crosses either edge (its tokenisation inside the range would differ)."""
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if first > 0 and self.tokens[first - 1].end > start:
            return None
        if last > first and self.tokens[last - 1].end > end:
            return None
        return first, last

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens of text[start:end] (as ``tokenize(text, start, end)`` gives them)."""
        span = self.token_range(start, end)
        if span is None:
            return tokenize(self.text, start, end)
        return self.tokens[span[0] : span[1]]

    def token_at(self, offset: int) -> int | None:
        """The index of the token covering ``offset``, if any."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.tokens[i].end > offset:
            return i
        return None

    @cached_property
    def normalized(self) -> tuple[str, list[int]]:
        """``normalize_with_map`` of the whole text: (matching form, input offset per char)."""
        return normalize_with_map(self.text)

    def extra(self, key: str, build: object) -> object:
        """A per-document derived value another module computes once (``build()``)."""
        if key not in self._extras:
            self._extras[key] = build()  # type: ignore[operator]
        return self._extras[key]
