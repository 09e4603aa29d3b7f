"""The bundled seed corpus, analyzed and linked end to end: what an analyst must see."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.analyze import analyze_inputs
from marsad.paths import examples_dir
from marsad.store.db import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = Path(tmp_path_factory.mktemp("seeds")) / "seeds.db"
    store = Store.open(db)
    summary = analyze_inputs([str(examples_dir() / "seeds")], store)
    assert summary.stored == 5 and summary.errors == 0
    return store


def _seed(store: Store) -> dict[str, str]:
    return {a.id: a.source[:3] for a in store.iter_articles()}


def test_publication_dates_are_found_and_never_invented(store: Store) -> None:
    published = {a.source[:3]: a.published for a in store.iter_articles()}
    assert published == {"000": None, "001": "2023-08-11", "002": None, "003": "2023-08-08", "004": None}


def test_the_august_2023_meeting_is_one_consult_event_from_three_reports(store: Store) -> None:
    seed = _seed(store)
    consults = [e for e in store.iter_events() if e.type == "CONSULT"]
    aug = [e for e in consults if {"000", "001", "003"} <= {seed[a] for a in e.articles}]
    assert len(aug) == 1
    event = aug[0]
    assert event.date is not None and event.date.startswith("2023-08-0")
    assert "irq-gov-thabit-al-abbasi" in event.sources + event.targets
    assert "usa-gov-lloyd-austin" in event.sources + event.targets
    # 000 and 003 both report the Iraqi News Agency's account: one independent source
    assert event.independent_sources == 2
    # the July 2024 dialogue (002) is another event
    assert not any("002" in {seed[a] for a in e.articles} for e in aug)
    assert any(
        "002" in {seed[a] for a in e.articles} and (e.date or "").startswith("2024-07") for e in consults
    )


def test_the_soleimani_strike_is_an_assault_on_2020_01_03(store: Store) -> None:
    assaults = [e for e in store.iter_events() if e.type == "ASSAULT" and e.date == "2020-01-03"]
    assert assaults and "irn-mil-qasem-soleimani" in assaults[0].sources + assaults[0].targets


def test_000_001_003_share_a_story_that_002_and_004_do_not_join(store: Store) -> None:
    seed = _seed(store)
    stories = {s.id: {seed[a] for a in s.articles} for s in store.iter_stories()}
    home = next(members for members in stories.values() if "001" in members)
    assert {"000", "001", "003"} <= home
    assert "002" not in home and "004" not in home


def test_the_troop_figures_that_disagree_surface_as_a_contradiction(store: Store) -> None:
    claims = {c.id: c for c in store.iter_claims()}
    found = [
        c for c in store.iter_contradictions() if {claims[i].value for i in c.claims} == {2500.0, 2000.0}
    ]
    assert len(found) == 1
    assert "2500" in found[0].note and "ألفي عسكري" in found[0].note


def test_one_actor_per_person_across_spellings(store: Store) -> None:
    seed = _seed(store)
    for actor, expected in {
        "irq-gov-thabit-al-abbasi": {"000", "001", "002", "003"},
        "usa-gov-lloyd-austin": {"000", "001"},
        "irq-gov-mohammed-shia-al-sudani": {"002", "003", "004"},
    }.items():
        rows = store.conn.execute("SELECT DISTINCT article FROM mentions WHERE actor = ?", (actor,))
        assert expected <= {seed[r[0]] for r in rows}, actor


def test_machine_translation_garble_is_flagged_only_in_002(store: Store) -> None:
    seed = _seed(store)
    rows = store.conn.execute("SELECT article FROM flags WHERE kind = 'machine_translation_artifact'")
    assert {seed[r[0]] for r in rows} == {"002"}


def test_quotes_of_austin_and_al_jamali_have_their_speakers(store: Store) -> None:
    seed = _seed(store)
    quotes = [q for q in store.iter_records("quotes") if q.kind != "attribution"]
    austin = [q for q in quotes if seed[q.article] == "000" and q.speaker == "usa-gov-lloyd-austin"]
    assert len(austin) == 7  # every quoted segment after "وجدد أوستن التأكيد"
    jamali = [q for q in quotes if seed[q.article] == "001" and "الجمالي" in (q.speaker_text or "")]
    assert len(jamali) >= 2 and all(q.speaker for q in jamali)
    assert {q.kind for q in jamali} >= {"indirect"}


def test_the_soleimani_strike_has_the_us_as_source_and_both_men_as_targets(store: Store) -> None:
    strikes = [e for e in store.iter_events() if e.type == "ASSAULT" and e.date == "2020-01-03"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert "usa" in strike.sources
    assert not {"irn-mil-qasem-soleimani", "irq-reb-abu-mahdi-al-muhandis"} & set(strike.sources)
    assert {"irn-mil-qasem-soleimani", "irq-reb-abu-mahdi-al-muhandis"} <= set(strike.targets)
    # the 2023 arrest warrant recalls the killing: no second copy of it dated by the warrant
    recalled = [
        e
        for e in store.iter_events()
        if e.type == "ASSAULT" and "irn-mil-qasem-soleimani" in e.sources + e.targets and e is not strike
    ]
    assert not [e for e in recalled if (e.date or "").startswith("2022")]


def test_al_araji_meets_kent_and_dragone_in_004(store: Store) -> None:
    seed = _seed(store)
    names = {r[0]: r[1] for r in store.conn.execute("SELECT id, name FROM actors")}
    counterparts = set()
    for m in store.iter_records("event_mentions"):
        if seed[m.article] == "004" and m.type == "CONSULT" and m.sources == ["irq-gov-qasim-al-araji"]:
            counterparts |= {names.get(t, t) for t in m.targets}
    assert any("كينت" in n for n in counterparts)
    assert any("دراكوني" in n for n in counterparts)

    # two meetings, not one: the same doer with another counterpart is another happening
    def with_name(events: list, part: str) -> set[str]:
        return {e.id for e in events if any(part in names.get(p, p) for p in e.sources + e.targets)}

    araji = [
        e
        for e in store.iter_events()
        if e.type == "CONSULT"
        and any(seed.get(a) == "004" for a in e.articles)
        and "irq-gov-qasim-al-araji" in e.sources + e.targets
    ]
    kent, dragone = with_name(araji, "كينت"), with_name(araji, "دراكوني")
    assert kent and dragone and not kent & dragone


def test_each_report_of_the_soleimani_strike_in_001_names_the_us_and_both_men(store: Store) -> None:
    """Mention by mention, not only once merged: "قتلة قاسم سليماني", then "اغتيال القائد
    السابق لفيلق القدس الإيراني وكذلك أبو مهدي المهندس ... قُتلا بطائرة مسيرة أميركية"."""
    men = {"irn-mil-qasem-soleimani", "irq-reb-abu-mahdi-al-muhandis"}
    seed = _seed(store)
    strikes = [
        m
        for m in store.iter_records("event_mentions")
        if seed[m.article] == "001" and m.type == "ASSAULT" and m.date == "2020-01-03"
    ]
    assert len(strikes) >= 3
    for mention in strikes:
        assert mention.sources == ["usa"] and not men & set(mention.sources), mention.text
    killing = next(m for m in strikes if m.text == "اغتيال")
    assert men <= set(killing.targets)
