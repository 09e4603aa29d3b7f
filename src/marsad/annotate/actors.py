"""Actor resolution in one article: which actor each mention names (the "actors" annotator,
after "entities"). Merging actors across articles is ``marsad.link.actors``.

1. names and titles the dictionary knows are added as mentions where the NER left a gap;
2. every mention is resolved: an alias → its dictionary actor; a short form ("العباسي",
   "أوستن") → the person the article names in full; a title ("وزير الدفاع الأمريكي") → the
   office holder at the article's date, or the name that follows the title; a counterpart
   ("نظيره الأمريكي") → the holder of the office of the person it is the counterpart of;
   an unknown person or organisation → a new actor whose id is a hash of its type and
   normalized name, so the same unknown name gets the same id in every article.
   A short form that fits two people named in full in the article stays unresolved.

Words come from the document layer (``AnalyzedArticle.document``); the short forms of the
persons named in full are kept in an index as mentions are resolved, so a short form is
resolved by lookups rather than by rescanning the article's mentions.
"""

from __future__ import annotations

from collections import defaultdict

from marsad.annotate.actor_dictionary import (
    ActorDictionary,
    Key,
    TitleSpan,
    Word,
    document_words,
    key_of,
    words_of,
)
from marsad.annotate.entities import could_be_new_actor, gated_spans
from marsad.arabic import roles
from marsad.arabic.nationalities import nisba_country
from marsad.arabic.normalize import normalize
from marsad.arabic.outlets import inside
from marsad.arabic.titles import CURRENT_WORDS, FORMER_WORDS, HONORIFICS, ROLE_PHRASES, office_key
from marsad.model import Actor, AnalyzedArticle, EntityType, Mention, stable_id

RESOLVABLE_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
NEW_ACTOR_TYPES = frozenset({"PER", "ORG"})  # places and others stay unresolved when unknown


def new_actor_id(type_: str, name: str) -> str:
    """The id of an actor the dictionary does not know: the same name, the same id."""
    return stable_id("actor-", type_, " ".join(normalize(name).split()))


class ActorAnnotator:
    name = "actors"

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary or ActorDictionary.load()

    requires: tuple[str, ...] = ("mentions",)
    provides: tuple[str, ...] = ("actors",)  # mentions' actors, dictionary and title mentions

    def annotate(self, doc: AnalyzedArticle) -> None:
        ArticleResolver(doc, self.dictionary).run()


def build(profile: str) -> ActorAnnotator:
    return ActorAnnotator()


class ArticleResolver:
    """Resolution state for one article."""

    def __init__(self, doc: AnalyzedArticle, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.d = dictionary
        self.text = doc.text
        self.when = (doc.article.published or "")[:10] or None
        self.words: list[Word] = document_words(doc.document)
        self.new_actors: dict[str, Actor] = {}
        # (type, short form) → (words in the full name, actor) of the mentions resolved so far
        self.full_names: dict[tuple[str, Key], list[tuple[int, str]]] = defaultdict(list)
        self._name_parts: dict[str, str] = {}

    # --- the steps -----------------------------------------------------------------------

    def run(self) -> None:
        self._add_dictionary_mentions()
        self._resolve_mentions()  # before titles: a counterpart needs the persons named before it
        self._resolve_titles()
        self._add_short_forms()
        # names found by the dictionary and titles in English text, URLs or bylines are no
        # annotations (the NER never sees those spans either)
        gated = gated_spans(self.doc)
        if gated:
            self.doc.mentions = [m for m in self.doc.mentions if not inside(gated, m.start, m.end)]
        self.doc.mentions.sort(key=lambda m: (m.start, m.end))
        self._collect_actors()

    def _free(self, start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in self.doc.mentions)

    def _mention(self, start: int, end: int, type_: str, actor: str | None) -> Mention:
        m = Mention(self.doc.id, start, end, self.text[start:end], EntityType(type_), actor)
        self.doc.mentions.append(m)
        return m

    def _add_dictionary_mentions(self) -> None:
        """(a) dictionary names the NER missed; their actor is set when the alias is unique."""
        for start, end, ids in self.d.find_all(self.text, self.words):
            if not self._free(start, end):
                continue
            actor = self._pick(ids)
            type_ = self.d.actors[actor or ids[0]].type
            self._mention(start, end, type_, actor)

    def _pick(self, ids: list[str]) -> str | None:
        """One actor among those sharing an alias: the curated one, or one in office now."""
        curated = [i for i in ids if self.d.source[i] == "curated"]
        pool = curated or ids
        if len(pool) == 1:
            return pool[0]
        in_office = [i for i in pool if self.when and self.d.roles_at(i, self.when)]
        return in_office[0] if len(in_office) == 1 else None

    def _mention_starting_at_word(self, n: int) -> Mention | None:
        if n >= len(self.words):
            return None
        w = self.words[n]
        for m in self.doc.mentions:
            if w.token.start <= m.start < w.token.end:
                return m
        return None

    def _resolve_titles(self) -> None:
        """Titles: the name after a title decides; else the office holder at the date."""
        last_role: tuple[str, int] | None = None  # (role, where its title was)
        for title in self.d.find_titles(self.text, self.words):
            role = title.role
            if role is not None:
                last_role = (role, title.start)
            else:
                # a counterpart: the office of whoever was named or titled just before
                person = self._role_of_previous_person(title.start)
                nearest = max((r for r in (last_role, person) if r), key=lambda r: r[1], default=None)
                role = nearest[0] if nearest else None
            nxt = title.last_word + 1
            former = False
            if nxt < len(self.words) and self.words[nxt].norm in FORMER_WORDS | CURRENT_WORDS:
                former = self.words[nxt].norm in FORMER_WORDS
                nxt += 1
            office = office_key(role, title.country) if role and title.country and not former else None
            holder = self.d.holder(office, self.when) if office else None
            # who the name after the title may be: the holder at the date, or without a
            # date anyone who held the office ("رئيس الوزراء العراقي السوداني")
            candidates = {holder.id} if holder else set(self.d.holders(office)) if office else set()
            named = self._mention_starting_at_word(nxt)
            if named is not None and named.type in ("PER", "MISC") and not self.words[nxt].after_punct:
                # "وزير الدفاع العراقي ثابت العباسي": the name decides; an unresolved short
                # form after the title is the office holder's
                if named.actor is None:
                    fits = [c for c in sorted(candidates) if self._is_short_of(named.text, c)]
                    if len(fits) == 1:
                        named.actor = fits[0]
                continue
            if candidates and nxt < len(self.words) and not self.words[nxt].after_punct:
                short = self._short_match_at(nxt, candidates)
                if short is not None and len(short[2]) == 1:
                    self._mention(short[0], short[1], "PER", short[2][0])
                    continue
            actor = holder.id if holder else self._apposition(title, set(self.d.holders(office or "")))
            if self._free(title.start, title.end):
                self._mention(title.start, title.end, "PER", actor)
            else:
                # the NER marked the title itself ("وزير الدفاع الأمريكي" as PER)
                for m in self.doc.mentions:
                    if (
                        m.actor is None
                        and m.start <= title.start
                        and title.end <= m.end
                        and not self.text[m.start : title.start].strip()
                        and not self.text[title.end : m.end].strip()
                    ):
                        m.actor = actor

    def _apposition(self, title: TitleSpan, holders: set[str]) -> str | None:
        """ "قاسم الأعرجي، مستشار الأمن القومي العراقي": a title set off after a name is the
        named person's when they held that office."""
        for m in self.doc.mentions:
            if m.type == "PER" and m.actor in holders and m.end <= title.start:
                between = self.text[m.end : title.start]
                if len(between) <= 3 and not between.strip(" \t\n،,"):
                    return m.actor
        return None

    def _role_of_previous_person(self, before: int) -> tuple[str, int] | None:
        """The office (at the date) of the nearest person named before ``before``."""
        for m in sorted(self.doc.mentions, key=lambda m: -m.start):
            if m.start < before and m.type == "PER" and m.actor:
                for role in self.d.roles_at(m.actor, self.when):
                    if role.get("role"):
                        return role["role"], m.start
        return None

    def _is_short_of(self, text: str, actor_id: str) -> bool:
        words = words_of(text)
        if not words:
            return False
        forms = self.d.short_forms(actor_id)
        rest = tuple(w.norm for w in words[1:])
        return any((v, *rest) in forms for v, _ in words[0].variants)

    def _short_match_at(self, n: int, candidates: set[str]) -> tuple[int, int, list[str]] | None:
        """A short form of one of ``candidates`` at word n: (start, end, actor ids)."""
        hits: dict[str, tuple[int, int]] = {}
        for actor_id in candidates:
            for form in self.d.short_forms(actor_id):
                size = len(form)
                if n + size > len(self.words):
                    continue
                rest = tuple(w.norm for w in self.words[n + 1 : n + size])
                for variant, start in self.words[n].variants:
                    if (variant, *rest) == form:
                        hits[actor_id] = (start, self.words[n + size - 1].token.end)
        if not hits:
            return None
        spans = list(hits.values())
        return spans[0][0], max(e for _, e in spans), sorted(hits)

    def _resolve_mentions(self) -> None:
        """(b) mentions from the NER (and unresolved ones): alias, in-article, short, new."""
        pending = [m for m in self.doc.mentions if m.actor is None and m.type in RESOLVABLE_TYPES]
        # full names first, so short forms can point at them
        pending.sort(key=lambda m: -len(m.text.split()))
        for m in self.doc.mentions:
            if m.actor is not None:
                self._index_full_name(m)
        for m in pending:
            self._resolve_mention(m)
            if m.actor is not None:
                self._index_full_name(m)

    def _resolve_mention(self, m: Mention) -> None:
        if self._is_title_mention(m):
            return
        name = self._name_part(m.text)
        found = self.d.lookup_all(name)
        if found:
            m.actor = self._pick([a.id for a in found])
            if m.actor is not None:
                return
        in_article = self._in_article_full_names(m, name)
        if len(in_article) == 1:
            m.actor = in_article.pop()
            return
        if len(in_article) > 1:
            return  # two people the short form fits: leave it open
        if m.type == "PER":
            listed = [i for i in self.d.short_of(key_of(name)) if self._could_be(i)]
            if len(listed) == 1:
                m.actor = listed[0]
                return
        if m.type in NEW_ACTOR_TYPES and not found and could_be_new_actor(m):
            m.actor = self._new_actor(m, name)

    def _is_title_mention(self, m: Mention) -> bool:
        # also for NER mentions that are a bare title ("وزير الدفاع الأمريكي")
        """A title (left unresolved when no holder is known), not a name for a new actor."""
        text = m.text.strip()
        return any(t.start == 0 and t.end == len(text) for t in self.d.find_titles(text))

    def _could_be(self, actor_id: str) -> bool:
        """A listed short form names an actor only while they are active (or undated)."""
        actor = self.d.actors[actor_id]
        return not actor.roles or not self.when or bool(self.d.roles_at(actor_id, self.when))

    def _index_full_name(self, m: Mention) -> None:
        """Index the short forms of a resolved mention's name, for ``_in_article_full_names``."""
        key = key_of(self._name_part(m.text))
        if m.actor in self.d.actors:
            forms = set(self.d.short_forms(m.actor)) | _name_short_forms(key)
        else:
            forms = _name_short_forms(key)
        for form in forms:
            self.full_names[(m.type, form)].append((len(key), m.actor))  # type: ignore[arg-type]

    def _in_article_full_names(self, m: Mention, name: str) -> set[str]:
        """Actors named in full (with more words) elsewhere in the article whose short form
        ``m`` is: lookups in the index of the resolved mentions' short forms."""
        key = key_of(name)
        words = words_of(name)
        if not key or not words:
            return set()
        out: set[str] = set()
        for v, _ in words[0].variants:
            for size, actor in self.full_names.get((m.type, (v, *key[1:])), ()):
                if size > len(key):
                    out.add(actor)
        return out

    def _name_part(self, text: str) -> str:
        """A mention's text without a leading title or honorific: "الرئيس الأمريكي جو بايدن",
        "الجنرال تشارلز براون" → the name; a bare title stays as it is."""
        part = self._name_parts.get(text)
        if part is None:
            part = self._name_parts[text] = self._strip_title(text)
        return part

    def _strip_title(self, text: str) -> str:
        words = words_of(text)
        skip = 0
        titles = self.d.find_titles(text, words)
        if titles and titles[0].first_word == 0:
            skip = titles[0].last_word + 1
        while skip < len(words) - 1 and (
            words[skip].norm in HONORIFICS or words[skip].norm in FORMER_WORDS | CURRENT_WORDS
        ):
            skip += 1
        if skip == 0 or skip >= len(words):
            return text
        return text[words[skip].token.start :].strip()

    def _new_actor(self, m: Mention, name: str | None = None) -> str:
        name = " ".join((name or m.text).split())
        actor_id = new_actor_id(m.type, name)
        if actor_id not in self.new_actors:
            self.new_actors[actor_id] = Actor(id=actor_id, type=m.type, name=name, aliases=[name])
        return actor_id

    def _add_short_forms(self) -> None:
        """Short forms ("العباسي") of persons the article names in full, where no mention is."""
        people = {m.actor for m in self.doc.mentions if m.actor in self.d.actors and m.type == "PER"}
        if not people:
            return
        # two people sharing a short form: the short form stays unresolved
        owners: dict[Key, set[str]] = defaultdict(set)
        for actor_id in people:
            for form in self.d.short_forms(actor_id):
                owners[form].add(actor_id)
        n = 0
        while n < len(self.words):
            hit = self._short_match_at(n, people)
            if hit is None:
                n += 1
                continue
            start, end, ids = hit
            if self._free(start, end):
                actor = ids[0] if len(ids) == 1 else None
                self._mention(start, end, "PER", actor)
            n += 1

    def _collect_actors(self) -> None:
        """Every actor the article's mentions point at, for the store to save."""
        seen = {a.id for a in self.doc.actors}
        for m in self.doc.mentions:
            if m.actor is None or m.actor in seen:
                continue
            actor = self.d.actors.get(m.actor) or self.new_actors.get(m.actor)
            if actor is not None:
                self.doc.actors.append(actor)
                seen.add(m.actor)


def _name_short_forms(key: Key) -> set[Key]:
    """What a full personal name can be shortened to: the surname, given name + surname."""
    if len(key) < 2:
        return set()
    forms = {key[-1:], (key[0], key[-1])}
    if len(key) >= 3:
        forms.add(key[-2:])  # "شياع السوداني", "عبد المهدي"
    return forms


def resolve_article(doc: AnalyzedArticle, dictionary: ActorDictionary | None = None) -> None:
    """Resolve one article's mentions in place (the annotator's work, as a function)."""
    ArticleResolver(doc, dictionary or ActorDictionary.load()).run()


# How many words before a name its title may stand ("وزير الخارجية الأمريكي جون كيري"), and
# after it, set off by a comma ("قاسم الأعرجي، مستشار الأمن القومي").
_TITLE_REACH_BEFORE = 6
_TITLE_REACH_AFTER = 4


def title_antecedent(
    doc: AnalyzedArticle,
    head: str,
    before: int,
    dictionary: ActorDictionary | None = None,
    title: str = "",
) -> Mention | None:
    """Who a single title or body ("الوزير", "الرئيس", "الوزارة", "اللجنة") stands for: the
    nearest person named before ``before`` whom the article introduced with that title (in
    the words before the name, in the name's own mention, or in an apposition after it), or
    whose office at the article's date has it; for a body, the nearest organisation whose
    name begins with it. ``head`` is ``roles.party_noun`` of the title's word; ``title``, the
    whole title phrase when it names the body ("القائد السابق لفيلق القدس"), also matches a
    person whose office, at any date, it spells ("قائد فيلق القدس")."""
    d = dictionary or ActorDictionary.load()
    person = head in roles.PERSON_TITLES
    when = (doc.article.published or "")[:10] or None
    text = doc.text
    earlier = sorted((m for m in doc.mentions if m.end <= before), key=lambda m: m.start)
    for n in range(len(earlier) - 1, -1, -1):
        m = earlier[n]
        if person and m.type == "PER":
            floor = earlier[n - 1].end if n else 0
            if _introduced_as(text, m, head, floor) or (m.actor and _holds_title(d, m.actor, head, when)):
                return m
            if title and m.actor and _held_office(d, m.actor, head, title):
                return m
        elif not person and m.type == "ORG":
            words = m.text.split()
            if words and roles.party_noun(words[0]) == head:
                return m
    return None


def _introduced_as(text: str, m: Mention, head: str, floor: int) -> bool:
    """Whether the title with ``head`` is in the mention, in the title words right before it
    (from ``floor``, the end of the mention before), or in an apposition after it."""
    own = m.text.split()
    stop = max(floor, *(text.rfind(p, 0, m.start) + 1 for p in ".!?؟\n،,"))
    before: list[str] = []
    for word in reversed(text[stop : m.start].split()[-_TITLE_REACH_BEFORE:]):
        w = normalize(word)
        if not (w.startswith("ال") or roles.party_noun(word) or w in roles.NP_HEADS or nisba_country(word)):
            break  # "استقبل": the title ends here
        before.append(word)
    after = text[m.end : m.end + 80].lstrip(" ")
    apposition = after.lstrip(" ،,").split()[:_TITLE_REACH_AFTER] if after[:1] in "،," else []
    return any(roles.party_noun(w) == head for w in [*own, *before, *apposition])


def _holds_title(d: ActorDictionary, actor_id: str, head: str, when: str | None) -> bool:
    """Whether one of the actor's offices at the date is named by a title with that head
    ("foreign-minister" → "وزير الخارجية" → "وزير")."""
    if actor_id not in d.actors:
        return False
    offices = {r.get("role") for r in d.roles_at(actor_id, when)}
    return any(
        role in offices and roles.party_noun(phrase[0]) == head for phrase, role in ROLE_PHRASES.items()
    )


def _held_office(d: ActorDictionary, actor_id: str, head: str, title: str) -> bool:
    """Whether one of the actor's offices, at any date, is spelt by the title phrase: every
    word of the office ("قائد فيلق القدس") in the phrase ("القائد السابق لفيلق القدس")."""
    actor = d.actors.get(actor_id)
    if actor is None:
        return False
    said = set().union(*(roles.word_readings(w) for w in title.split()))
    for role in actor.roles:
        office = str(role.get("office") or "").split()
        if not office or roles.party_noun(office[0]) != head:
            continue
        if all(roles.word_readings(w) & said for w in office):
            return True
    return False
