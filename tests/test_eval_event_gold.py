"""The event/story/role gold: scorers on hand-made toy data, and the gold files themselves."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.evaluation.event_gold import (
    EventLabel,
    RoleLabel,
    SystemMention,
    best_event,
    load_events,
    load_roles,
    locate,
    names_match,
    pick_mention,
    role_correct,
    score_grouping,
    score_role,
    summarize_roles,
)
from marsad.paths import examples_dir


def _label(**changes: object) -> RoleLabel:
    base = {
        "id": "x",
        "ref": "2015-08-02#1",
        "split": "dev",
        "sentence": "قتل مدني في قصف شنه الحوثيون على أحياء سكنية في تعز.",
        "type": "ASSAULT",
        "trigger": "قصف",
        "source": (("الحوثيون", "الحوثي"),),
        "target": (("مدني", "-"),),
    }
    return RoleLabel(**{**base, **changes})  # type: ignore[arg-type]


def _mention(
    kind: str, text: str, start: int, sources: tuple[str, ...], targets: tuple[str, ...]
) -> SystemMention:
    return SystemMention(kind, text, start, start + len(text), sources, targets)


def test_names_match_after_normalisation_and_clitics() -> None:
    assert names_match("الحوثي", "ميليشيات الحوثي")
    assert names_match("جون كيري", "كيري")
    assert names_match("إيران", "ايران")
    assert names_match("الحوثيين", "والحوثيين")
    assert not names_match("الحوثي", "صالح")
    assert not names_match("", "صالح")


def test_role_correct_rules() -> None:
    assert role_correct([], [])
    assert not role_correct([], ["الحوثي"])  # nobody did it, the system made a doer up
    assert role_correct([["مدني", "-"]], [])  # optional participant left out
    assert not role_correct([["مدني"]], [])
    assert role_correct([["قاسم سليماني"], ["المهندس"]], ["سليماني"])
    assert not role_correct([["قاسم سليماني"]], ["سليماني", "بغداد"])  # a wrong extra name


def test_role_correct_by_resolved_actor() -> None:
    def resolve(name: str) -> frozenset[str]:
        return frozenset({"USA"}) if name == "الولايات المتحدة" else frozenset()

    assert not role_correct([["الولايات المتحدة"]], ["أمريكية"], ["USA"])  # names differ
    assert role_correct([["الولايات المتحدة"]], ["أمريكية"], ["USA"], resolve)
    assert not role_correct([["الولايات المتحدة"]], ["أمريكية"], ["IRN"], resolve)


def test_pick_and_score_roles_on_a_toy_article() -> None:
    text = "عدن - متابعات\n" + _label().sentence + " وقال مصدر آخر إن الوضع هادئ."
    label = _label()
    at = text.index("قصف")
    right = _mention("ASSAULT", "قصف", at, ("الحوثيون",), ("مدني",))
    reversed_roles = _mention("ASSAULT", "قصف", at, ("مدني",), ("الحوثيون",))
    elsewhere = _mention("ASSAULT", "الوضع", text.index("الوضع"), ("الحوثيون",), ("مدني",))
    other_type = _mention("CONSULT", "قصف", at, ("الحوثيون",), ("مدني",))
    assert locate(label.sentence, text) == (text.index("قتل"), text.index("تعز.") + 4)
    assert pick_mention(label, [elsewhere, other_type], text) is None
    assert pick_mention(label, [elsewhere, right], text) is right
    assert score_role(label, right).both_ok
    wrong = score_role(label, reversed_roles)
    assert not wrong.source_ok and not wrong.target_ok
    meeting = _label(type="CONSULT", trigger="قصف", source=(("الحوثيون",),), target=(("مدني",),))
    assert score_role(meeting, reversed_roles).both_ok  # meetings have no direction
    scores = summarize_roles([score_role(label, right), wrong, score_role(label, None)])
    assert (scores.labelled, scores.found, scores.both_ok) == (3, 2, 1)
    assert scores.accuracy_found == pytest.approx(0.5)
    assert scores.accuracy_all == pytest.approx(1 / 3)


def test_meetings_are_scored_by_their_parties() -> None:
    sentence = "كما أفاد كيري بأن مصر وأميركا اتفقتا على بحث فرص توسيع العلاقات الأمنية."
    text = sentence
    at = text.index("اتفقتا")
    label = _label(
        sentence=sentence, type="AGREE", trigger="اتفقتا", source=(("مصر",),), target=(("أميركا",),)
    )
    both_as_doers = _mention("AGREE", "اتفقتا", at, ("مصر", "أميركا"), ())
    assert score_role(label, both_as_doers).both_ok  # "X وY اتفقتا": two parties, no direction
    one_party = _mention("AGREE", "اتفقتا", at, ("مصر",), ())
    assert not score_role(label, one_party).both_ok  # the other party is missing
    stranger = _mention("AGREE", "اتفقتا", at, ("مصر", "أميركا", "كيري"), ())
    assert not score_role(label, stranger).both_ok  # a party the sentence does not give
    attack = _label(sentence=sentence, trigger="اتفقتا", source=(("مصر",),), target=(("أميركا",),))
    assert not score_role(attack, _mention("ASSAULT", "اتفقتا", at, ("مصر", "أميركا"), ())).both_ok


def test_a_state_resolves_to_its_capital_but_not_to_other_places() -> None:
    from marsad.evaluation.coref import dictionary_resolver

    resolve = dictionary_resolver()
    assert role_correct([["الولايات المتحدة"]], ["واشنطن"], ["usa-washington"], resolve)
    assert not role_correct([["الولايات المتحدة"]], ["بغداد"], ["irq-baghdad"], resolve)
    assert not role_correct([["واشنطن"]], ["الولايات المتحدة"], ["usa-mil"], resolve)


def _event(ref: str, event: str, story: str, negative: str | None = None) -> EventLabel:
    return EventLabel(ref, f"u{ref}", "2015-08-02", "dev", event, story, "t", negative)


def test_best_event_counts_mentions_and_breaks_ties_by_id() -> None:
    assert best_event(["e2", "e1", "e2"]) == "e2"
    assert best_event(["e2", "e1"]) == "e1"
    assert best_event([]) is None


def test_grouping_scores_and_hard_negatives() -> None:
    labels = [
        _event("a", "E1", "S1"),
        _event("b", "E1", "S1"),
        _event("c", "E2", "S1"),
        _event("n", "N1", "S2", negative="E1"),
    ]
    perfect = score_grouping(
        labels,
        {"a": ["x"], "b": ["x"], "c": ["y"], "n": ["z"]},
        {r: s for r, s in [("a", "s"), ("b", "s"), ("c", "s"), ("n", "t")]},
    )
    assert perfect.events.f1 == pytest.approx(1.0)
    assert perfect.stories.f1 == pytest.approx(1.0)
    assert perfect.negatives_merged == 0
    assert perfect.events_baseline.precision == pytest.approx(1.0)
    assert perfect.events_baseline.recall < 1.0
    # the negative merged into E1's event; "c" has no event at all and stands alone
    merged = score_grouping(labels, {"a": ["x"], "b": ["x"], "n": ["x", "x", "q"]}, {})
    assert merged.negatives_merged == 1
    assert merged.events.precision < 1.0
    assert merged.predicted_events == 2
    assert merged.stories.f1 == pytest.approx(merged.stories_baseline.f1)


def test_loaders_reject_bad_records(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_roles(bad)
    with pytest.raises(ValueError, match="unknown split"):
        load_events(split="tune")


def _day_records(shared: Path, day: str) -> list[dict]:
    with zipfile.ZipFile(shared / "data" / "news" / "saudinewsnet" / f"{day}.zip") as archive:
        return json.loads(archive.read(archive.namelist()[0]))


def test_role_gold_is_well_formed_and_quotes_its_articles(shared: Path) -> None:
    labels = load_roles()
    assert len(labels) >= 200
    assert {label.split for label in labels} == {"dev", "held"}
    assert len({label.id for label in labels}) == len(labels)
    seeds = {p.stem: p.read_text(encoding="utf-8") for p in (examples_dir() / "seeds").glob("*.txt")}
    days: dict[str, list[dict]] = {}
    for label in labels:
        assert label.type.isupper() and label.trigger
        if label.ref.startswith("seed:"):
            text = seeds[label.ref.removeprefix("seed:")]
        else:
            day, index = label.ref.split("#")
            records = days.setdefault(day, _day_records(shared, day))
            text = records[int(index)]["content"]
        assert label.sentence in text, label.id
        assert len(label.sentence) <= 400


def test_event_gold_is_well_formed_and_references_existing_articles(shared: Path) -> None:
    labels = load_events()
    assert len(labels) >= 250
    assert len({label.ref for label in labels}) == len(labels)
    events = {label.event for label in labels}
    assert len(events) >= 40
    assert {label.split for label in labels} == {"dev", "held"}
    for story in {label.story for label in labels}:  # a story is entirely in one half
        assert len({label.split for label in labels if label.story == story}) == 1, story
    for label in labels:
        if label.hard_negative_of:
            assert label.hard_negative_of in events, label.ref
    days: dict[str, list[dict]] = {}
    for label in labels:
        day, index = label.ref.split("#")
        assert day == label.day
        records = days.setdefault(day, _day_records(shared, day))
        assert records[int(index)]["url"] == label.url, label.ref


def test_cached_store_reader_and_role_scoring_on_the_analysed_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache and the store queries of ``eval coref`` on a real (small) store: the seeds."""
    from marsad.evaluation.coref import read_store, role_outcomes
    from marsad.evaluation.gold_store import build_store

    monkeypatch.setenv("MARSAD_EVAL_CACHE", str(tmp_path))
    built = build_store([])
    assert not built.cached and built.path.parent == tmp_path
    assert build_store([]).cached  # same code, same days: read from the cache
    assert not list(tmp_path.glob("*.partial*"))
    view = read_store(built.path)
    assert sorted(view.article_of) == sorted(
        f"seed:{p.stem}" for p in (examples_dir() / "seeds").glob("*.txt")
    )
    assert view.analysed == 0  # seeds are not SaudiNewsNet articles
    assert view.mentions > 0
    assert any(view.evidence.values())
    labels = [label for label in load_roles() if label.ref.startswith("seed:")]
    outcomes = role_outcomes(built.path, labels, view)
    assert len(outcomes) == len(labels) >= 5
    assert any(outcome.found is not None for outcome in outcomes)


def test_the_linked_store_is_relinked_from_the_analysed_one_without_reanalysing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing the event, story or claim linkers changes only the linked store's key; its
    copy of the analysed store is linked again batch by batch in stored order."""
    import sqlite3

    from marsad.evaluation import gold_store
    from marsad.store.db import Store

    monkeypatch.setenv("MARSAD_EVAL_CACHE", str(tmp_path))
    assert gold_store._is_link_only("link/events.py") and gold_store._is_link_only("link/stories.py")
    # What analysis reads (dedup, actors, a module nobody listed) keys the analysis.
    assert not any(gold_store._is_link_only(f"link/{name}.py") for name in ("actors", "dedup", "new"))
    built = gold_store.build_store([])
    analysed = gold_store.analysed_path([], "fast")
    with Store.open(analysed, readonly=True) as store:
        batches = gold_store.stored_batches(store)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY seq")]
    assert [a for batch in batches for a in batch] == ids
    monkeypatch.setattr(gold_store, "link_key", lambda: "edited-linkers")
    again = gold_store.build_store([])
    assert not again.cached and again.path != built.path and gold_store.analysed_path([], "fast") == analysed

    def events(path: Path) -> list[tuple[str, str]]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT event, article FROM event_articles ORDER BY 1, 2").fetchall()
        finally:
            conn.close()

    assert events(again.path) == events(built.path) and events(built.path)


def test_arabic_modules_keyed_as_link_only_are_read_by_the_relinked_linkers_alone():
    """A module keyed with the linkers that analysis imported would leave a stale analysed cache."""
    import re

    from marsad.evaluation import gold_store
    from marsad.paths import PACKAGE_DIR

    link_only_arabic = {p for p in gold_store._LINK_ONLY if p.startswith("arabic/")}
    assert link_only_arabic
    for path in PACKAGE_DIR.rglob("*.py"):
        relative = path.relative_to(PACKAGE_DIR).as_posix()
        text = path.read_text(encoding="utf-8")
        for module in link_only_arabic:
            name = module.removesuffix(".py").replace("/", ".")
            if re.search(rf"\bmarsad\.{re.escape(name)}\b", text):
                assert gold_store._is_link_only(relative) or relative.startswith("evaluation/"), relative
