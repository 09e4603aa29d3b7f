"""The actor dictionary: who is who, under which spellings, holding which office when.

Two sources, both shipped in ``marsad/resources/actors/`` (see the README there):
``curated.yaml`` (hand-checked actors of 2020–2026, with offices and dates) and
``petrarch.json`` (UniversalPetrarch's Arabic actor list, cleaned by
``training/actors/import_petrarch.py``). Curated entries win: a petrarch name that a curated
actor also uses is not indexed for the petrarch entry.

A third source is generated: descriptors of a country's government, forces or opposition
("النظام السوري", "الجيش اليمني"; ``marsad.arabic.descriptors``) become country+sector
actors; where a curated actor of that country and sector already has one of the names, the
descriptor's other names index that actor instead.

Matching is on ``normalize``d word sequences, so أمريكا/امريكا and البنتاغون with or without
diacritics meet; a proclitic chain on the first word (و، ب، ل، لل…) is tried off. Persons'
names also meet under their transliteration-variant key (``marsad.arabic.transliteration``:
كيم جونغ أون = كيم جونج أون = كيم جونغ-أون): petrarch entries that share a key with an
earlier entry, or a lone surname ("بوتين") that is the last word of exactly one full name
("فلاديمير بوتين") of the same country, are merged into it, and a multiword person's name
not found as spelled is looked up by its key.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.descriptors import descriptors
from marsad.arabic.normalize import normalize, normalize_with_map
from marsad.arabic.titles import TitleMatch, match_title, office_key
from marsad.arabic.tokens import Token, tokenize
from marsad.arabic.transliteration import variant_key, variant_word
from marsad.model import Actor, EntityType
from marsad.paths import RESOURCES

if TYPE_CHECKING:
    from marsad.document import Document

ACTORS_DIR = RESOURCES / "actors"

Key = tuple[str, ...]


class DictionaryError(ValueError):
    """A dictionary file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Tenure:
    actor: str
    start: str | None  # ISO date; None: since before we know
    end: str | None  # ISO date, exclusive; None: still, or until the next holder


@dataclass(frozen=True, slots=True)
class Word:
    """A word token with its normalized form; ``starts`` gives where each proclitic-stripped
    variant of the word begins in the text."""

    token: Token
    norm: str
    variants: tuple[tuple[str, int], ...]  # (normalized variant, start offset in the text)
    after_punct: bool = False  # punctuation between the previous word and this one
    spelling_key: str = ""  # ``variant_word`` of norm: where transliterations meet


@dataclass(frozen=True, slots=True)
class TitleSpan:
    start: int
    end: int
    role: str | None  # None: a counterpart ("نظيره الأمريكي"), the role comes from context
    country: str | None
    first_word: int  # word indexes, for looking at what follows
    last_word: int


def key_of(name: str) -> Key:
    return tuple(normalize(name).split())


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _day(value: str) -> str:
    """A comparable day for "2023", "2023-08" or "2023-08-08T10:00": the first day meant."""
    value = value[:10]
    if len(value) == 4:
        return value + "-01-01"
    if len(value) == 7:
        return value + "-01"
    return value


def words_of(text: str) -> list[Word]:
    """Word tokens (punctuation dropped) with normalized forms and proclitic variants."""
    return list(_words_of_name(text)) if len(text) <= _NAME_LENGTH else _words(tokenize(text))


# Mention texts and titles are read again and again (one per mention, every article names
# the same people): their words are cached per process; longer texts are not worth keeping.
_NAME_LENGTH = 80


@lru_cache(maxsize=200_000)
def _words_of_name(text: str) -> tuple[Word, ...]:
    return tuple(_words(tokenize(text)))


def document_words(layer: Document) -> list[Word]:
    """``words_of`` the document's text, from its tokens, computed once per document."""
    return layer.extra("actor_words", lambda: _words(layer.tokens))  # type: ignore[return-value]


def _words(tokens: list[Token]) -> list[Word]:
    out: list[Word] = []
    punct = False
    for tok in tokens:
        analysed = _word_form(tok.text)
        if analysed is None:
            punct = True
            continue
        norm, variants, loose = analysed
        out.append(Word(tok, norm, tuple((v, tok.start + offset) for v, offset in variants), punct, loose))
        punct = False
    return out


@lru_cache(maxsize=500_000)
def _word_form(text: str) -> tuple[str, tuple[tuple[str, int], ...], str] | None:
    """A token's normalized form, its proclitic variants with their offsets in the token and
    its transliteration-variant form (None for punctuation); depends only on the spelling,
    so it is cached per process."""
    norm, index = normalize_with_map(text)
    if not norm or not norm[0].isalnum():
        return None
    variants: list[tuple[str, int]] = []
    all_variants = proclitic_variants(norm)
    for v in all_variants:
        # a variant that only drops the article ("العراق" → "عراق") is not how names are
        # written; keep the article on names
        if v != norm and "ال" + v in all_variants:
            continue
        if norm.endswith(v):
            offset = index[len(norm) - len(v)] if len(v) < len(norm) else 0
        else:  # "وللعراق" → "العراق": the article is fused into "لل"; start at "لل"
            offset = index[max(0, len(norm) - (len(v) - 2) - 2)]
        variants.append((v, offset))
    return norm, tuple(variants), variant_word(norm)


class ActorDictionary:
    """Actors by alias, short form and office. Build with ``ActorDictionary.load()``."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.actors: dict[str, Actor] = {}
        self.source: dict[str, str] = {}
        self._alias: dict[Key, list[str]] = defaultdict(list)
        self._short: dict[Key, list[str]] = defaultdict(list)
        self._offices: dict[str, list[Tenure]] = defaultdict(list)
        self._short_forms_cache: dict[str, frozenset[Key]] = {}
        # persons' multiword names by transliteration-variant key
        self._spelling: dict[Key, list[str]] = defaultdict(list)
        self._surnames: dict[tuple[str | None, str], set[str]] = defaultdict(set)
        self.merged: dict[str, str] = {}  # a duplicate entry's id → the actor it was merged into
        curated_keys: set[Key] = set()
        for entry in _ordered(entries):
            actor = self._actor(entry)
            source = entry.get("_source", "curated")
            target = self._duplicate_of(actor, source)
            if target is None and actor.id in self.actors:
                if source == "descriptor":  # more names of a curated actor ("النظام العراقي")
                    self._index_aliases(actor.id, [actor.name, *actor.aliases], source, curated_keys)
                continue  # curated entries come first and win
            if target is not None:
                self.merged[actor.id] = target
                self._index_aliases(target, [actor.name, *actor.aliases], "petrarch", curated_keys)
                continue
            self.actors[actor.id] = actor
            self.source[actor.id] = source
            self._index_aliases(actor.id, [actor.name, *actor.aliases], source, curated_keys)
            for short in entry.get("short") or ():
                self._short[key_of(short)].append(actor.id)
                if source == "curated":
                    # a curated short form is ambiguous by decision: no other entry may
                    # claim it as a full name ("نصر الله")
                    curated_keys.add(key_of(short))
            for role in actor.roles:
                if role.get("role") and role.get("country"):
                    tenure = Tenure(actor.id, role.get("start"), role.get("end"))
                    self._offices[office_key(role["role"], role["country"])].append(tenure)
        self.max_words = max((len(k) for k in self._alias), default=1)
        for tenures in self._offices.values():
            tenures.sort(key=lambda t: t.start or "")

    def _index_aliases(self, actor_id: str, aliases: list[str], source: str, curated_keys: set[Key]) -> None:
        actor = self.actors[actor_id]
        for alias in dict.fromkeys(aliases):
            key = key_of(alias)
            if not key or (source != "curated" and _shadowed(key, curated_keys)):
                continue
            if source in ("curated", "descriptor"):
                curated_keys.add(key)
            if actor_id not in self._alias[key]:
                self._alias[key].append(actor_id)
            if actor.type == "PER" and len(key) >= 2:
                spelling = variant_key(alias)
                if actor_id not in self._spelling[spelling]:
                    self._spelling[spelling].append(actor_id)
                self._surnames[(actor.country, spelling[-1])].add(actor_id)

    def _duplicate_of(self, actor: Actor, source: str) -> str | None:
        """The known person a petrarch entry is another spelling or a surname of, if any."""
        if source != "petrarch" or actor.type != "PER":
            return None
        spelling = variant_key(actor.name)
        same = [
            a for a in self._spelling.get(spelling, ()) if self.actors[a].country in (actor.country, None)
        ]
        if same:
            return same[0]
        if len(spelling) == 1 and actor.country:
            owners = self._surnames.get((actor.country, spelling[0]), set())
            if len(owners) == 1:
                return next(iter(owners))
        return None

    @staticmethod
    def _actor(entry: dict[str, Any]) -> Actor:
        where = f"{entry.get('_file', 'actor dictionary')}: entry {entry.get('id', entry.get('name'))!r}"
        for required in ("id", "type", "name"):
            if not entry.get(required):
                raise DictionaryError(f"{where}: missing {required}")
        roles = []
        for role in entry.get("roles") or ():
            if not isinstance(role, dict):
                raise DictionaryError(f"{where}: a role is not a mapping")
            roles.append({k: _iso(v) if k in ("start", "end") else v for k, v in role.items()})
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise DictionaryError(f"{where}: aliases must be a list")
        return Actor(
            id=str(entry["id"]),
            type=EntityType(str(entry["type"])),
            name=str(entry["name"]),
            name_en=entry.get("name_en"),
            aliases=[str(a) for a in aliases],
            country=entry.get("country"),
            sector=entry.get("sector"),
            roles=roles,
        )

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: Path | None = None) -> ActorDictionary:
        """The shipped dictionary (cached per process); pass a directory to load another."""
        return _load(str(directory or ACTORS_DIR))

    @classmethod
    def from_files(cls, curated: Path, petrarch: Path | None = None) -> ActorDictionary:
        entries = _read_curated(curated)
        entries += _descriptor_entries(entries)
        if petrarch is not None and petrarch.exists():
            entries += _read_petrarch(petrarch)
        return cls(entries)

    # --- lookups ---------------------------------------------------------------------------

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup_all(self, name: str) -> list[Actor]:
        """Actors whose alias is ``name`` (curated first), trying proclitics off the first word."""
        words = words_of(name)
        if not words:
            return []
        rest = tuple(w.norm for w in words[1:])
        for variant, _start in words[0].variants:
            ids = self._alias.get((variant, *rest))
            if ids:
                return [self.actors[i] for i in ids]
        if len(words) >= 2:
            spelling = tuple(w.spelling_key for w in words[1:])
            for variant, _start in words[0].variants:
                ids = self._spelling.get((variant_word(variant), *spelling))
                if ids:
                    return [self.actors[i] for i in ids]
        return []

    def lookup(self, name: str) -> Actor | None:
        """The actor an alias names, when exactly one curated (else one) actor has it."""
        found = self.lookup_all(name)
        curated = [a for a in found if self.source[a.id] == "curated"]
        pick = curated or found
        return pick[0] if len(pick) == 1 else None

    def short_of(self, key: Key) -> list[str]:
        """Curated actors with this short form (surname) in their entry."""
        return list(self._short.get(key, ()))

    def short_forms(self, actor_id: str) -> frozenset[Key]:
        """Short forms an article may use after naming the actor in full: the listed ones,
        and for persons the article-prefixed surname of each multiword alias (العباسي)."""
        cached = self._short_forms_cache.get(actor_id)
        if cached is not None:
            return cached
        actor = self.actors[actor_id]
        forms = {k for k, ids in self._short.items() if actor_id in ids}
        if actor.type == "PER":
            for alias in [actor.name, *actor.aliases]:
                key = key_of(alias)
                if len(key) >= 2 and key[-1].startswith("ال") and len(key[-1]) > 4:
                    forms.add(key[-1:])
        self._short_forms_cache[actor_id] = frozenset(forms)
        return self._short_forms_cache[actor_id]

    def match_at(self, words: list[Word], i: int) -> tuple[int, int, list[str]] | None:
        """The longest alias starting at word ``i``: (start offset, last word index, actor ids)."""
        best: tuple[int, int, list[str]] | None = None
        best_len = 0
        alias_prefixes, spelling_prefixes = self._prefixes()
        for variant, start in words[i].variants:
            if (variant,) not in alias_prefixes and (_spelling_of(variant),) not in spelling_prefixes:
                # no longer alias starts with this word: only the one-word alias can match
                # (most words of a text; the general loop below gives the same answer)
                if best_len < 1 and (ids := self._alias.get((variant,))):
                    ids = [a for a in ids if self._scannable_one_word(a, variant != words[i].norm)]
                    if ids:
                        best, best_len = (start, i, ids), 1
                continue
            # how far an alias (or its spelling key) can reach from here: the prefix sets are
            # a compiled trie of the aliases, so longer sizes are not tried in vain
            reach = _reach(alias_prefixes, variant, [w.norm for w in words[i + 1 : i + self.max_words]])
            if reach < self.max_words:
                spelled = [w.spelling_key for w in words[i + 1 : i + self.max_words]]
                reach = max(reach, _reach(spelling_prefixes, _spelling_of(variant), spelled))
            for size in range(min(reach, len(words) - i), 0, -1):
                if size <= best_len:
                    break
                key = (variant, *(w.norm for w in words[i + 1 : i + size]))
                ids = self._alias.get(key)
                if not ids and size >= 2:
                    spelling = (variant_word(variant), *(w.spelling_key for w in words[i + 1 : i + size]))
                    ids = self._spelling.get(spelling)
                if ids and size == 1:
                    ids = [a for a in ids if self._scannable_one_word(a, variant != words[i].norm)]
                if ids and _contiguous(words, i, i + size - 1):
                    best, best_len = (start, i + size - 1, ids), size
                    break
        return best

    def _prefixes(self) -> tuple[frozenset[Key], frozenset[Key]]:
        """Every proper prefix of every alias key and of every spelling key (rebuilt when
        keys were added)."""
        sizes = (len(self._alias), len(self._spelling))
        if getattr(self, "_prefix_sizes", None) != sizes:
            self._prefix_sets = tuple(
                frozenset(k[:n] for k in table for n in range(1, len(k)))
                for table in (self._alias, self._spelling)
            )
            self._prefix_sizes = sizes
        return self._prefix_sets  # type: ignore[return-value]

    def _scannable_one_word(self, actor_id: str, clitic_removed: bool) -> bool:
        """Petrarch's one-word entries are often also ordinary words ("مبارك", "عباس"): the
        scan takes them only as written and never for persons (the NER finds those; the
        lookup of its mentions still uses them). Curated one-word names always count."""
        if self.source[actor_id] == "curated":
            return True
        return not clitic_removed and self.actors[actor_id].type != "PER"

    def find(self, text: str) -> list[tuple[int, int, Actor]]:
        """Non-overlapping longest alias matches over ``text``: (start, end, actor).

        Where an alias names several actors the curated one (or the first) is given;
        ``find_all`` gives them all.
        """
        out = []
        for start, end, ids in self.find_all(text):
            curated = [i for i in ids if self.source[i] == "curated"]
            out.append((start, end, self.actors[(curated or ids)[0]]))
        return out

    def find_all(self, text: str, words: list[Word] | None = None) -> list[tuple[int, int, list[str]]]:
        words = words_of(text) if words is None else words
        out: list[tuple[int, int, list[str]]] = []
        i = 0
        while i < len(words):
            hit = self.match_at(words, i)
            if hit is None:
                i += 1
                continue
            start, last, ids = hit
            out.append((start, words[last].token.end, ids))
            i = last + 1
        return out

    def find_titles(self, text: str, words: list[Word] | None = None) -> list[TitleSpan]:
        """Office titles ("وزير الدفاع الأمريكي") and counterparts ("نظيره الأمريكي")."""
        words = words_of(text) if words is None else words
        norms = [w.norm for w in words]
        out: list[TitleSpan] = []
        i = 0
        while i < len(words):
            found: TitleMatch | None = match_title(norms, i)
            if found is None or not _contiguous(words, found.first, found.last):
                i += 1
                continue
            first = words[found.first]
            # the title starts after its proclitics: "ونظيره" → "نظيره"
            start = first.token.start + found.prefix
            out.append(
                TitleSpan(
                    start, words[found.last].token.end, found.role, found.country, found.first, found.last
                )
            )
            i = found.last + 1
        return out

    def holder(self, office: str, when: str | None, country: str | None = None) -> Actor | None:
        """Who held ``office`` on ``when`` (ISO date; None → nobody can be said).

        ``office`` is an office key ("defence-minister@USA"), or a role with ``country``, or
        an Arabic title ("وزير الدفاع الأمريكي"). A tenure without an end lasts until the next
        holder's start. Two holders at once (bad data) give None rather than a guess.
        """
        if not when:
            return None
        if "@" not in office:
            if country is not None:
                office = office_key(office, country)
            else:
                titles = self.find_titles(office)
                if not titles or titles[0].role is None or titles[0].country is None:
                    return None
                office = office_key(titles[0].role, titles[0].country)
        day = _day(when)
        tenures = self._offices.get(office, [])
        found = []
        for n, t in enumerate(tenures):
            end = t.end
            if end is None:
                later = [u.start for u in tenures[n + 1 :] if u.start and u.actor != t.actor]
                end = later[0] if later else None
            if (t.start is None or t.start <= day) and (end is None or day < end):
                found.append(t.actor)
        found = list(dict.fromkeys(found))
        return self.actors[found[0]] if len(found) == 1 else None

    def holders(self, office: str) -> list[str]:
        """Everyone the dictionary knows to have held an office key, in order of tenure."""
        return list(dict.fromkeys(t.actor for t in self._offices.get(office, [])))

    def roles_at(self, actor_id: str, when: str | None) -> list[dict[str, Any]]:
        """The actor's offices on a date (all of them when the date is unknown)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return []
        if not when:
            return list(actor.roles)
        day = _day(when)
        return [
            r
            for r in actor.roles
            if (not r.get("start") or r["start"] <= day) and (not r.get("end") or day < r["end"])
        ]


def _ordered(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Curated and descriptor entries as given, then petrarch's with full names before
    one-word ones, so that a lone surname can find the full name it belongs to."""
    head = [e for e in entries if e.get("_source") != "petrarch"]
    tail = [e for e in entries if e.get("_source") == "petrarch"]
    tail.sort(key=lambda e: -len(str(e.get("name", "")).split()))
    return head + tail


def _descriptor_entries(curated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dictionary entries for the generated descriptors; a descriptor that shares a name with
    a curated actor of its country and sector becomes extra names of that actor."""
    owner: dict[tuple[Key, str | None, str | None], str] = {}
    for entry in curated:
        for alias in [entry.get("name", ""), *(entry.get("aliases") or [])]:
            where = (key_of(str(alias)), entry.get("country"), entry.get("sector"))
            owner.setdefault(where, str(entry["id"]))
    out = []
    for d in descriptors():
        same = [owner.get((key_of(a), d.country, d.sector)) for a in d.aliases]
        curated_id = next((i for i in same if i), None)
        out.append(
            {
                "id": curated_id or d.id,
                "type": "ORG",
                "name": d.name,
                "name_en": d.name_en,
                "aliases": list(d.aliases),
                "country": d.country,
                "sector": d.sector,
                "_file": "marsad.arabic.descriptors",
                "_source": "descriptor",
                "_extends": curated_id,
            }
        )
    return out


def _shadowed(key: Key, curated_keys: set[Key]) -> bool:
    """A non-curated alias that a curated one already has, or its bare lemma ("عراق")."""
    return key in curated_keys or (len(key) == 1 and ("ال" + key[0],) in curated_keys)


@lru_cache(maxsize=500_000)
def _spelling_of(word: str) -> str:
    """``variant_word``, cached per process (it is asked for every word of every text)."""
    return variant_word(word)


def _reach(prefixes: frozenset[Key], first: str, rest: list[str]) -> int:
    """The largest number of words (first, *rest[:n-1]) that may still be a key: 1 plus the
    words after ``first`` while what is read so far is a proper prefix of some key."""
    key: Key = (first,)
    size = 1
    for word in rest:
        if key not in prefixes:
            break
        key = (*key, word)
        size += 1
    return size


def _contiguous(words: list[Word], first: int, last: int) -> bool:
    """No punctuation between the words: a name does not run across "،" or a quote."""
    return not any(w.after_punct for w in words[first + 1 : last + 1])


def _read_curated(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, yaml.YAMLError) as exc:
        raise DictionaryError(f"{path}: cannot read the actor dictionary: {exc}") from exc
    if not isinstance(data, list):
        raise DictionaryError(f"{path}: expected a list of actors")
    for n, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise DictionaryError(f"{path}: entry {n + 1} is not a mapping")
        entry["_file"] = path.name
        entry["_source"] = "curated"
    return data


def _read_petrarch(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot read the actor dictionary: {exc}") from exc
    for entry in data:
        entry["_file"] = path.name
        entry["_source"] = "petrarch"
    return data


@cache
def _load(directory: str) -> ActorDictionary:
    base = Path(directory)
    return ActorDictionary.from_files(base / "curated.yaml", base / "petrarch.json")
