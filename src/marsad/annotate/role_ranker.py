"""A learned ranker of event participants: for each event mention, every party named in its
sentence (and every party the hand rules chose) is scored as its source, its target or
neither, by two logistic models over features of the Arabic constructions the rules read.

The rules of ``marsad.annotate.events`` stay: their choice is a feature (and the fallback when
no model file is shipped); the ranker learns when word order, voice, the preposition before a
name, a clause boundary or an agent phrase ("على يد", "من قبل") should overrule them. Training
data and script: ``training/roles/`` (labels from SaudiNewsNet days outside the role gold).
The model is a small JSON file of feature weights (``resources/models/role_ranker.json``),
read with the standard library; nothing is needed at run time that training needs.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from marsad.arabic import event_verbs, roles
from marsad.arabic.normalize import normalize
from marsad.arabic.tokens import Token
from marsad.model import Mention
from marsad.paths import RESOURCES

MODEL_PATH = RESOURCES / "models" / "role_ranker.json"
ROLES = ("source", "target")
_CLAUSE_PUNCT = frozenset("،,;؛:.!?؟()")
# Prepositions read before a candidate (normalized, without clitics); others are "other".
_PREPOSITIONS = frozenset(
    normalize(w)
    for w in (
        *("مع", "ضد", "على", "إلى", "الى", "بحق", "لدى", "نحو", "من", "في", "عن", "بين", "عبر"),
        *("حول", "تجاه", "بعد", "قبل", "خلال", "جراء", "إثر", "اثر", "عقب", "يد", "أيدي"),
    )
)
_AGENT_WORDS = frozenset(normalize(w) for w in ("يد", "أيدي", "قبل", "بأيدي", "بيد", "بواسطة", "جانب"))


@dataclass(slots=True)
class Candidate:
    mention: Mention
    features: list[str]
    rule_role: str  # "source", "target" or "" (what the hand rules chose)


@dataclass(slots=True)
class Example:
    """One candidate recorded for training: where its mention was and what it looked like."""

    article: str
    trigger: tuple[int, int]
    text: str
    actor: str | None
    rule_role: str
    features: list[str]  # with the rules' role (``with_rule``)


@dataclass(slots=True)
class _Recorder:
    examples: list[Example] = field(default_factory=list)


_RECORDERS: list[_Recorder] = []


@contextmanager
def recording() -> Iterator[list[Example]]:
    """Collect every candidate the annotator builds (for ``training/roles/train_ranker.py``)."""
    recorder = _Recorder()
    _RECORDERS.append(recorder)
    try:
        yield recorder.examples
    finally:
        _RECORDERS.remove(recorder)


def recording_active() -> bool:
    return bool(_RECORDERS)


def _bucket(n: int) -> str:
    return str(n) if n <= 2 else "3-4" if n <= 4 else "5-8" if n <= 8 else "9+"


def _token_at(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _bare(word: str) -> str:
    w = normalize(word)
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    return w


def trigger_features(tokens: list[Token], norm: list[str], first: int, last: int, etype: str) -> list[str]:
    """What kind of word the trigger is: voice, verbal noun, definiteness, the word before."""
    word = tokens[first].text
    bare = event_verbs.bare(norm[first])
    out = [f"type={etype}"]
    if last - first == len(tokens) and first == 0:
        out.append("whole_sentence")
    if roles.is_passive_verb(word):
        out.append("passive")
    if bare in roles.PATIENT_NOUNS:
        out.append("patient_noun")
    if bare in roles.INTRANSITIVE_NOUNS:
        out.append("intransitive_noun")
    w = _bare(norm[first])
    if w.startswith(("ال", "بال", "لل", "كال")):
        out.append("definite")
    elif w[:1] in "يت" or normalize(word).endswith(("ت", "وا")):
        out.append("verb_like")
    before = norm[first - 1] if first > 0 else ""
    if before in roles.PASSIVE_AUXILIARIES:
        out.append("passive_aux")
    if before in roles.CLAUSE_LEADS or first == 0:
        out.append("clause_initial")
    if roles.condemns(word):
        out.append("condemn")
    if roles.agentive_relative(word):
        out.append("agentive_relative")
    return out


def candidate_features(
    text: str,
    tokens: list[Token],
    norm: list[str],
    first: int,
    last: int,
    trigger: list[str],
    mention: Mention,
    before_rank: int | None,
    after_rank: int | None,
) -> list[str]:
    """Where a candidate stands relative to the trigger and what governs it."""
    starts = [t.start for t in tokens]
    k = _token_at(starts, mention.start)
    end_k = _token_at(starts, max(mention.start, mention.end - 1))
    after = k >= last
    side = "after" if after else "before" if end_k < first else "inside"
    distance = k - last + 1 if after else first - end_k if side == "before" else 0
    between = range(last, k) if after else range(end_k + 1, first)
    punct = sum(tokens[i].text in _CLAUSE_PUNCT for i in between)
    words_between = [norm[i] for i in between]
    out = [f"side={side}", f"dist={side}:{_bucket(distance)}", f"etype={mention.type.value}"]
    if mention.actor:
        out.append("resolved")
    if side == "before" and before_rank is not None:
        out.append(f"rank_before={min(before_rank, 2)}")
    if side == "after" and after_rank is not None:
        out.append(f"rank_after={min(after_rank, 2)}")
    out.append(f"punct={min(punct, 2)}")
    if any(w in roles.COMPLEMENTIZERS for w in words_between):
        out.append("complementizer_between")
    if any(w in roles.CLAUSE_OPENERS for w in words_between):
        out.append("relative_between")
    if any(w in _AGENT_WORDS for w in words_between[-2:]) and after:
        out.append("agent_phrase")
    if any(event_verbs.match_word(tokens[i].text) is not None for i in between):
        out.append("trigger_between")
    # the word governing the candidate: a preposition (free or glued) or nothing
    glued = normalize(tokens[k].text)[:2] if tokens[k].start == mention.start else ""
    prefix = normalize(text[max(0, mention.start - 2) : mention.start]).strip()
    prev = norm[k - 1] if k > 0 and tokens[k].start >= mention.start else norm[k]
    prev_bare = _bare(prev)
    if tokens[k].start < mention.start and prefix:
        governor = f"glued:{prefix[-1]}"
    elif glued.startswith("لل"):
        governor = "glued:ل"
    elif prev_bare in _PREPOSITIONS:
        governor = f"prep:{prev_bare}"
    elif prev in roles.TITLE_HEADS or prev in roles.NP_HEADS:
        governor = "title_head"
    elif k == last and after:
        governor = "adjacent"
    else:
        governor = "none"
    out.append(f"gov={governor}")
    out += [f"{f}&{side}" for f in trigger]
    out.append(f"gov={governor}&{side}")
    out += [
        f"gov={governor}&{f}" for f in trigger if f.startswith("type=") or f in ("passive", "patient_noun")
    ]
    if side == "after" and distance == 1:
        out += [f"adjacent&{f}" for f in trigger]
    return out


class RoleRanker:
    """Two logistic models (source, target) over sparse binary features."""

    def __init__(
        self, weights: dict[str, dict[str, float]], bias: dict[str, float], threshold: float
    ) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def probability(self, role: str, features: list[str]) -> float:
        w = self.weights[role]
        z = self.bias[role] + sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choose(self, candidates: list[Candidate]) -> tuple[list[Mention], list[Mention]]:
        """Each candidate above the threshold takes its likelier role; a candidate is never
        both. Order in each role is the text's."""
        sources: list[Mention] = []
        targets: list[Mention] = []
        for c in candidates:
            features = with_rule(c.features, c.rule_role)
            p_source = self.probability("source", features)
            p_target = self.probability("target", features)
            if max(p_source, p_target) < self.threshold:
                continue
            (sources if p_source >= p_target else targets).append(c.mention)
        return sources, targets


def with_rule(features: list[str], rule_role: str) -> list[str]:
    tag = f"rule={rule_role or 'none'}"
    return [tag, *features, *(f"{tag}&{f}" for f in features if f.startswith(("side=", "gov=", "type=")))]


def record(article: str, trigger: tuple[int, int], candidates: list[Candidate]) -> None:
    for recorder in _RECORDERS:
        recorder.examples += [
            Example(
                article,
                trigger,
                c.mention.text,
                c.mention.actor,
                c.rule_role,
                with_rule(c.features, c.rule_role),
            )
            for c in candidates
        ]


def ranker_from_json(data: dict) -> RoleRanker:
    return RoleRanker(
        {role: dict(data["weights"][role]) for role in ROLES},
        {role: float(data["bias"][role]) for role in ROLES},
        float(data["threshold"]),
    )


def load_ranker(path: Path = MODEL_PATH) -> RoleRanker | None:
    """The shipped ranker, or None where no model file is shipped (the rules decide alone)."""
    if not path.exists():
        return None
    try:
        return ranker_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a role-ranker model ({error})") from None
