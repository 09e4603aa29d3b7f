"""The seeds with other outlets' reports of the same two dialogue rounds (written for this
test in SaudiNewsNet's JSON form, ``fixtures/dialogue_rounds.json``): the August 2023
al-Abbasi–Austin meeting at the Pentagon and the July 2024 round, a year apart. Each round
must stay one event and one story, and the rounds must stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.analyze import analyze_inputs
from marsad.paths import examples_dir
from marsad.store.db import Store

FIXTURE = Path(__file__).parent / "fixtures" / "dialogue_rounds.json"
ROUND_2023 = {"000", "001", "003", "alsumaria-2023", "shafaqnews-2023", "rudaw-2023"}
ROUND_2024 = {"002", "alsumaria-2024", "shafaqnews-2024"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(Path(tmp_path_factory.mktemp("rounds")) / "rounds.db")
    summary = analyze_inputs([str(examples_dir() / "seeds"), str(FIXTURE)], store)
    assert summary.stored == 10 and summary.errors == 0
    return store


def _name(store: Store) -> dict[str, str]:
    """Seeds by file number, the other reports by outlet and year."""
    names = {}
    for a in store.iter_articles():
        names[a.id] = a.source[:3] if a.source[:3].isdigit() else f"{a.source}-{(a.published or '')[:4]}"
    return names


def test_each_round_is_one_consult_event_and_the_rounds_stay_apart(store: Store) -> None:
    name = _name(store)
    consults = [{name[a] for a in e.articles} for e in store.iter_events() if e.type == "CONSULT"]
    first = [members for members in consults if members & ROUND_2023 and len(members) > 1]
    second = [members for members in consults if members & ROUND_2024 and len(members) > 1]
    assert any(members >= ROUND_2023 for members in first), first
    assert any(members >= ROUND_2024 for members in second), second
    assert not any(members & ROUND_2023 and members & ROUND_2024 for members in consults)


def test_merges_are_explained(store: Store) -> None:
    name = _name(store)
    event = next(e for e in store.iter_events() if {name[a] for a in e.articles} >= ROUND_2023)
    assert len(event.merges) >= len(ROUND_2023) - 1
    assert all(m["rule"] and m["articles"] for m in event.merges)
    assert any("irq-gov-thabit-al-abbasi" in m["shared_participants"] for m in event.merges)


def test_each_round_is_one_story_and_the_rounds_stay_apart(store: Store) -> None:
    name = _name(store)
    stories = [
        {name[r[0]] for r in store.conn.execute("SELECT id FROM articles WHERE story = ?", (sid,))}
        for (sid,) in store.conn.execute("SELECT id FROM stories").fetchall()
    ]
    assert any(members >= ROUND_2023 for members in stories), stories
    assert any(members >= ROUND_2024 for members in stories), stories
    assert not any(members & ROUND_2023 and members & ROUND_2024 for members in stories)
    assert not any("004" in members and len(members) > 1 for members in stories)


def test_the_third_troop_figure_is_a_claim_compared_with_the_others(store: Store) -> None:
    name = _name(store)
    claims = {c.id: c for c in store.iter_claims()}
    third = [c for c in claims.values() if name[c.article] == "shafaqnews-2023" and c.value == 2000.0]
    assert third and third[0].approximate  # "بحوالى ألفي عسكري"
    keys = {k for (k,) in store.conn.execute("SELECT key FROM claim_keys WHERE claim = ?", (third[0].id,))}
    assert keys == {"troops:USA"}
    # about 2,000 (1,800-2,200) disagrees with about 2,500, not with "not more than 2,000"
    found = [
        {claims[i].value for i in x.claims} for x in store.iter_contradictions() if third[0].id in x.claims
    ]
    assert {2500.0, 2000.0} in found
