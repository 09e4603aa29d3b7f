"""Actors across articles: new actors whose names are spelling variants of known ones
(ترامب/ترمب, لويد أوستن/لويد أوستين) are merged into them.

Resolution inside one article (which actor each mention names) is the "actors" annotator,
``marsad.annotate.actors``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from marsad.annotate.actor_dictionary import Key, key_of
from marsad.arabic.normalize import normalize
from marsad.model import Actor, Mention

# --- across articles -------------------------------------------------------------------------

# Letters that transliterations of foreign names swap: g as غ/ج/ق/گ, v as ف/ڤ, p as ب/پ.
_TRANSLIT = str.maketrans({"غ": "ج", "ق": "ج", "گ": "ج", "ڤ": "ف", "پ": "ب", "چ": "ج"})


@lru_cache(maxsize=1 << 18)
def _loose(word: str) -> str:
    return normalize(word).translate(_TRANSLIT)


def _initial(word: str) -> str:
    """First letter of a surname after the article: variants one or two edits apart
    almost always keep it (الحديثي/الحديتي, ترامب/ترمب)."""
    loose = _loose(word)
    return (loose[2:] if loose.startswith("ال") and len(loose) > 3 else loose)[:1]


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _names(actor: Actor) -> list[Key]:
    return [k for k in {key_of(n) for n in [actor.name, *actor.aliases]} if k]


def same_name(a: Key, b: Key) -> bool:
    """Spelling variants of one name: same words after loose folding, or the same given
    name with a surname one or two edits apart (two only for long surnames)."""
    if [_loose(w) for w in a] == [_loose(w) for w in b]:
        return True
    if len(a) < 2 or len(b) < 2 or _loose(a[0]) != _loose(b[0]):
        return False
    if len(a) != len(b) and {len(a), len(b)} != {2, 3}:
        return False
    sa, sb = _loose(a[-1]), _loose(b[-1])
    if min(len(sa), len(sb)) < 4:
        return False
    budget = 2 if min(len(sa), len(sb)) >= 7 else 1
    return abs(len(sa) - len(sb)) <= budget and _edit_distance(sa, sb) <= budget


def merge_spelling_variants(actors: list[Actor], known: list[Actor]) -> dict[str, str]:
    """Which of ``actors`` are spelling variants of a known actor or of each other.

    Returns {variant id: canonical id}; a known actor is always the canonical one, then the
    actor seen first. Only actors of the same type merge; one-word names merge only on
    identical loose spelling or a shared dictionary alias.
    """
    mapping: dict[str, str] = {}
    # candidates share type, (loosely) the first word and the surname's initial (_buckets)
    buckets: dict[str, list[tuple[int, Actor, list[Key]]]] = defaultdict(list)
    order = 0

    def index(actor: Actor, names: list[Key]) -> None:
        nonlocal order
        for bucket in _buckets(actor.type, names):
            buckets[bucket].append((order, actor, names))
        order += 1

    for k in known:
        index(k, _names(k))
    known_ids = {k.id for k in known}
    for actor in actors:
        if actor.id in known_ids:
            continue
        names = _names(actor)
        candidates = sorted(
            {c[0]: c for b in _buckets(actor.type, names) for c in buckets.get(b, ())}.values(),
            key=lambda c: c[0],
        )
        target = None
        for _, other, other_names in candidates:
            if other.id != actor.id and any(_one_word_or_similar(n, o) for n in names for o in other_names):
                target = other.id
                break
        if target is not None:
            mapping[actor.id] = mapping.get(target, target)
        else:
            index(actor, names)
    return mapping


def _one_word_or_similar(a: Key, b: Key) -> bool:
    if len(a) == 1 or len(b) == 1:
        return len(a) == len(b) and _loose(a[0]) == _loose(b[0])
    return same_name(a, b)


def _buckets(actor_type: str, names: list[Key]) -> set[str]:
    """Where an actor's spelling variants can be: same type, same first word loosely
    spelled, same initial of the surname (a bucket of every محمد would be thousands)."""
    return {f"{actor_type}|{_loose(n[0])}|{_initial(n[-1])}" for n in names}


def actor_keys(actor: Actor) -> set[str]:
    """The keys the store indexes an actor under (``Store.key_actors``)."""
    return _buckets(actor.type, _names(actor))


class ActorStore(Protocol):
    """What ``link`` needs from the store."""

    def mentions_for(self, article_ids: Iterable[str]) -> Iterable[tuple[int, Mention]]: ...
    def set_mention_actor(self, mention_rowid: int, actor_id: str) -> None: ...
    def save_actors(self, actors: Iterable[Actor]) -> None: ...
    def get_actors(self, actor_ids: Iterable[str]) -> list[Actor]: ...
    def unkeyed_actors(self) -> list[Actor]: ...
    def key_actors(self, keys: Iterable[tuple[str, Iterable[str]]]) -> None: ...
    def actors_under_keys(self, keys: Iterable[str]) -> list[Actor]: ...


def link(store: ActorStore, article_ids: Iterable[str]) -> dict[str, str]:
    """Merge the new actors of these articles into known spellings; returns the mapping.

    Mentions pointing at a merged actor are repointed; the canonical actor gains the
    variant's names as aliases. Only the actors indexed under the new actors' keys are
    read, never every actor stored.
    """
    rows = list(store.mentions_for(list(article_ids)))
    store.key_actors((a.id, actor_keys(a)) for a in store.unkeyed_actors())
    used = {m.actor for _, m in rows if m.actor}
    fresh = store.get_actors(sorted(i for i in used if i.startswith("actor-")))
    fresh_ids = {a.id for a in fresh}
    keys = set().union(*(actor_keys(a) for a in fresh)) if fresh else set()
    known = [a for a in store.actors_under_keys(keys) if a.id not in fresh_ids]
    mapping = merge_spelling_variants(fresh, known)
    if not mapping:
        return mapping
    for rowid, m in rows:
        if m.actor in mapping:
            store.set_mention_actor(rowid, mapping[m.actor])
    by_id = {a.id: a for a in [*fresh, *known]}
    grown: dict[str, Actor] = {}
    for variant_id, canonical_id in mapping.items():
        canonical = grown.get(canonical_id) or by_id[canonical_id]
        variant = by_id[variant_id]
        for name in [variant.name, *variant.aliases]:
            if name not in canonical.aliases and name != canonical.name:
                canonical.aliases.append(name)
        grown[canonical_id] = canonical
    store.save_actors(list(grown.values()))
    store.key_actors((a.id, actor_keys(a)) for a in grown.values())
    return mapping
