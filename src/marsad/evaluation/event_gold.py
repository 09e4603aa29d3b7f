"""The event/story/role development gold (``resources/eval/events_gold.jsonl`` and
``roles_gold.jsonl``) and the scorers that compare a system's output with it.

Everything here is pure: the gold is read from files, the system output is given as plain
records (``SystemMention``, article -> event/story maps), so the scorers are tested on toy data
and ``marsad eval coref`` only has to read a store into these records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.arabic.normalize import normalize, normalize_with_map, words
from marsad.evaluation.stories import BCubed, bcubed
from marsad.paths import RESOURCES

EVENTS_GOLD = RESOURCES / "eval" / "events_gold.jsonl"
ROLES_GOLD = RESOURCES / "eval" / "roles_gold.jsonl"
SPLITS = ("dev", "held", "all")
OPTIONAL = "-"  # among a participant's names: the system may also leave the role empty

# Types a role is still judged under when the system chose a neighbouring one: the question
# here is who did what to whom, not the exact PLOVER category (scored by ``eval events``).
_FAMILIES = (
    frozenset({"ASSAULT", "COERCE"}),
    frozenset({"ACCUSE", "DISAPPROVE", "REJECT", "THREATEN"}),
    frozenset({"CONSULT", "COOPERATE", "AGREE"}),
    frozenset({"DEMAND", "REQUEST"}),
    frozenset({"PROTEST", "MOBILIZE"}),
)
# Meetings and agreements have no direction: "A met B" and "B met A" are the same roles.
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Leading clitics stripped from a name's words before comparing ("والحوثيين" ~ "الحوثيين").
_CLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل")


def compatible(gold_type: str, system_type: str) -> bool:
    return gold_type == system_type or any(
        gold_type in family and system_type in family for family in _FAMILIES
    )


# --- gold records -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleLabel:
    id: str
    ref: str  # "<day>#<index>" (0-based position in the day's SaudiNewsNet file) or "seed:<stem>"
    split: str
    sentence: str
    type: str
    trigger: str
    source: tuple[tuple[str, ...], ...]  # participants, each with its accepted names
    target: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class EventLabel:
    ref: str
    url: str
    day: str
    split: str
    event: str
    story: str
    title: str
    hard_negative_of: str | None  # the labelled event this article must stay apart from


def _read_jsonl(path: Path, what: str) -> list[tuple[int, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ValueError(f"{path}: cannot read the {what} ({error.strerror})") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
    return rows


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")


def load_roles(path: Path = ROLES_GOLD, split: str = "all") -> list[RoleLabel]:
    _check_split(split)
    labels = []
    for number, row in _read_jsonl(path, "role gold"):
        try:
            label = RoleLabel(
                id=row["id"],
                ref=row["ref"],
                split=row["split"],
                sentence=row["sentence"],
                type=row["type"],
                trigger=row["trigger"],
                source=tuple(tuple(names) for names in row["source"]),
                target=tuple(tuple(names) for names in row["target"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: bad role record ({error})") from None
        if label.split not in ("dev", "held"):
            raise ValueError(f"{path}:{number}: split must be dev or held, not {label.split!r}")
        if split in ("all", label.split):
            labels.append(label)
    return labels


def load_events(path: Path = EVENTS_GOLD, split: str = "all") -> list[EventLabel]:
    _check_split(split)
    labels = []
    for number, row in _read_jsonl(path, "event gold"):
        try:
            label = EventLabel(
                ref=row["ref"],
                url=row["url"],
                day=row["day"],
                split=row["split"],
                event=row["event"],
                story=row["story"],
                title=row["title"],
                hard_negative_of=row.get("hard_negative_of"),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: bad event record ({error})") from None
        if label.split not in ("dev", "held"):
            raise ValueError(f"{path}:{number}: split must be dev or held, not {label.split!r}")
        if split in ("all", label.split):
            labels.append(label)
    return labels


# --- roles --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SystemMention:
    """An event mention as the system stored it (offsets into the cleaned article text)."""

    type: str
    text: str
    start: int
    end: int
    source_texts: tuple[str, ...]
    target_texts: tuple[str, ...]
    sources: tuple[str, ...] = ()  # resolved actor ids
    targets: tuple[str, ...] = ()


def _name_words(name: str) -> tuple[str, ...]:
    out = []
    for word in words(name):
        for clitic in _CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic) :]
                break
        out.append(word)
    return tuple(out)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def names_match(gold_name: str, system_name: str) -> bool:
    """Equal after Arabic normalisation and clitic stripping, or one name's words a contiguous
    part of the other's ("الحوثي" ~ "ميليشيات الحوثي", "كيري" ~ "جون كيري")."""
    gold, system = _name_words(gold_name), _name_words(system_name)
    return bool(gold and system) and (_contains(gold, system) or _contains(system, gold))


Resolver = Callable[[str], frozenset[str]]  # a gold name -> the actor ids it may name


def _no_actors(name: str) -> frozenset[str]:
    return frozenset()


def role_correct(
    gold: Sequence[Sequence[str]],
    system: Sequence[str],
    system_ids: Sequence[str] = (),
    resolve: Resolver = _no_actors,
) -> bool:
    """One role (source or target) of one mention.

    No gold participant: right when the system names none. Otherwise every participant the
    system gives must match some gold participant and at least one gold participant must be
    named; a participant whose names include ``-`` may also be left out entirely. A system
    participant matches a gold one by name (``names_match``) or by resolved actor: its actor
    id is one the gold name resolves to (``system_ids`` parallel to ``system``).
    """
    ids = list(system_ids) if len(system_ids) == len(system) else [""] * len(system)
    named = [(name, actor) for name, actor in zip(system, ids, strict=True) if name.strip()]
    if not gold:
        return not named
    if not named:
        return all(OPTIONAL in names for names in gold)
    real = [[n for n in names if n != OPTIONAL] for names in gold]

    def matches(names: list[str], name: str, actor: str) -> bool:
        return any(names_match(g, name) or (actor and actor in resolve(g)) for g in names)

    every_named_ok = all(any(matches(names, name, actor) for names in real) for name, actor in named)
    some_gold_found = any(matches(names, name, actor) for names in real for name, actor in named)
    return every_named_ok and some_gold_found


@dataclass(frozen=True, slots=True)
class RoleOutcome:
    label: RoleLabel
    found: SystemMention | None
    source_ok: bool
    target_ok: bool

    @property
    def both_ok(self) -> bool:
        return self.source_ok and self.target_ok


def locate(sentence: str, text: str) -> tuple[int, int] | None:
    """The span of ``sentence`` in the cleaned ``text``, compared after normalisation
    (cleaning may change spaces and diacritics); None when it is not there."""
    norm_text, index = normalize_with_map(text)
    norm_sentence = " ".join(normalize(sentence).split())
    squeezed, squeeze_map = [], []
    previous_space = False
    for i, ch in enumerate(norm_text):
        space = ch.isspace()
        if space and previous_space:
            continue
        squeezed.append(" " if space else ch)
        squeeze_map.append(i)
        previous_space = space
    haystack = "".join(squeezed)
    at = haystack.find(norm_sentence)
    if at < 0:  # cleaning may have cut the sentence: its first 40 characters are enough
        at = haystack.find(norm_sentence[:40]) if len(norm_sentence) >= 40 else -1
        if at < 0:
            return None
    end = min(at + len(norm_sentence), len(squeeze_map)) - 1
    return index[squeeze_map[at]], index[squeeze_map[end]] + 1


def pick_mention(label: RoleLabel, mentions: Iterable[SystemMention], text: str) -> SystemMention | None:
    """The system mention a label is compared with: compatible type, inside the labelled
    sentence; the one whose trigger overlaps the labelled trigger, else the nearest to it."""
    span = locate(label.sentence, text)
    if span is None:
        return None
    start, end = span
    candidates = [
        m for m in mentions if compatible(label.type, m.type) and start <= m.start < end and m.end <= end + 1
    ]
    if not candidates:
        return None
    trigger = normalize(label.trigger)
    norm_sentence = normalize(text[start:end])
    trigger_at = start + max(norm_sentence.find(trigger), 0)

    def rank(m: SystemMention) -> tuple[int, int, int]:
        mention = normalize(m.text)
        overlaps = bool(mention) and (mention in trigger or trigger in mention)
        return (0 if overlaps else 1, abs(m.start - trigger_at), m.start)

    return min(candidates, key=rank)


def score_role(
    label: RoleLabel, mention: SystemMention | None, resolve: Resolver = _no_actors
) -> RoleOutcome:
    if mention is None:
        return RoleOutcome(label, None, False, False)
    sources, targets = mention.source_texts, mention.target_texts

    def right(gold: tuple[tuple[str, ...], ...], texts: tuple[str, ...], ids: tuple[str, ...]) -> bool:
        return role_correct(gold, texts, ids, resolve)

    source_ok = right(label.source, sources, mention.sources)
    target_ok = right(label.target, targets, mention.targets)
    if label.type in SYMMETRIC and not (source_ok and target_ok) and _parties_right(label, mention, resolve):
        source_ok = target_ok = True
    return RoleOutcome(label, mention, source_ok, target_ok)


def _parties_right(label: RoleLabel, mention: SystemMention, resolve: Resolver) -> bool:
    """A meeting or agreement has parties, not a doer and a target: "X وY اتفقتا", "التقى X
    مع Y" and "Y استقبل X" name the same two parties whichever role the system puts each
    in. Right when every party the system names is a gold party (of either role) and each
    gold role that must be filled has one of its participants among them."""
    texts = (*mention.source_texts, *mention.target_texts)
    parallel = len(mention.sources) == len(mention.source_texts) and len(mention.targets) == len(
        mention.target_texts
    )
    ids = (*mention.sources, *mention.targets) if parallel else ("",) * len(texts)
    if not role_correct((*label.source, *label.target), texts, ids, resolve):
        return False
    for gold in (label.source, label.target):
        if gold and not all(OPTIONAL in names for names in gold):
            named = any(
                role_correct((names,), (text,), (actor,), resolve)
                for names in gold
                for text, actor in zip(texts, ids, strict=True)
            )
            if not named:
                return False
    return True


@dataclass(frozen=True, slots=True)
class RoleScores:
    labelled: int
    found: int
    source_ok: int
    target_ok: int
    both_ok: int

    @property
    def found_share(self) -> float:
        return self.found / self.labelled if self.labelled else 0.0

    @property
    def accuracy_found(self) -> float:
        """Both roles right, over the labelled mentions the system found."""
        return self.both_ok / self.found if self.found else 0.0

    @property
    def accuracy_all(self) -> float:
        """Both roles right, over all labelled mentions (a missed mention counts as wrong)."""
        return self.both_ok / self.labelled if self.labelled else 0.0


def summarize_roles(outcomes: Sequence[RoleOutcome]) -> RoleScores:
    found = [o for o in outcomes if o.found is not None]
    return RoleScores(
        labelled=len(outcomes),
        found=len(found),
        source_ok=sum(o.source_ok for o in found),
        target_ok=sum(o.target_ok for o in found),
        both_ok=sum(o.both_ok for o in found),
    )


# --- events and stories -------------------------------------------------------------------


def best_event(evidence: Iterable[str]) -> str | None:
    """The event with the most of an article's mentions; ties go to the smallest event id."""
    counts = Counter(evidence)
    if not counts:
        return None
    return min(counts, key=lambda event: (-counts[event], event))


def predicted_events(labels: Sequence[EventLabel], evidence: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Labelled article ref -> its best-matching event; an article without any event is alone."""
    predicted = {}
    for label in labels:
        event = best_event(evidence.get(label.ref, ()))
        predicted[label.ref] = event if event is not None else f"alone:{label.ref}"
    return predicted


def predicted_stories(labels: Sequence[EventLabel], stories: Mapping[str, str | None]) -> dict[str, str]:
    predicted = {}
    for label in labels:
        story = stories.get(label.ref)
        predicted[label.ref] = story if story else f"alone:{label.ref}"
    return predicted


@dataclass(frozen=True, slots=True)
class GroupingScores:
    events: BCubed
    events_baseline: BCubed  # every article its own event
    stories: BCubed
    stories_baseline: BCubed
    gold_events: int
    predicted_events: int
    gold_stories: int
    predicted_stories: int
    negatives_merged: int  # hard negatives put in the event they must stay apart from
    negatives: int


def score_grouping(
    labels: Sequence[EventLabel],
    evidence: Mapping[str, Sequence[str]],
    stories: Mapping[str, str | None],
) -> GroupingScores:
    gold_events = {label.ref: label.event for label in labels}
    gold_stories = {label.ref: label.story for label in labels}
    alone = {label.ref: label.ref for label in labels}
    events = predicted_events(labels, evidence)
    story_of = predicted_stories(labels, stories)
    members: dict[str, set[str]] = {}
    for label in labels:
        members.setdefault(label.event, set()).add(events[label.ref])
    negatives = [label for label in labels if label.hard_negative_of]
    merged = sum(
        1
        for label in negatives
        if events[label.ref] in members.get(label.hard_negative_of or "", set())
        and not events[label.ref].startswith("alone:")
    )
    return GroupingScores(
        events=bcubed(gold_events, events),
        events_baseline=bcubed(gold_events, alone),
        stories=bcubed(gold_stories, story_of),
        stories_baseline=bcubed(gold_stories, alone),
        gold_events=len(set(gold_events.values())),
        predicted_events=len(set(events.values())),
        gold_stories=len(set(gold_stories.values())),
        predicted_stories=len(set(story_of.values())),
        negatives_merged=merged,
        negatives=len(negatives),
    )
