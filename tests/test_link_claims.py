from marsad.link.claims import ClaimRef, allowed_interval, find_contradictions, subject_key
from marsad.model import Claim


def ref(
    cid,
    outlet,
    value,
    *,
    subject,
    unit,
    as_of,
    approximate=False,
    bound=None,
    high=None,
    context="",
    story="s-troops",
    events=(),
):
    claim = Claim(
        id=cid,
        article=f"a-{outlet}",
        start=0,
        end=10,
        subject=subject,
        value=value,
        unit=unit,
        as_of=as_of,
        approximate=approximate,
        bound=bound,
        high=high,
    )
    return ClaimRef(
        claim=claim,
        outlet=outlet,
        root=f"a-{outlet}",
        evidence=f"{value} {unit}",
        context=context,
        story=story,
        events=frozenset(events),
    )


def test_us_troop_figures_from_two_outlets_disagree():
    jidar = ref(
        "c1", "جدار نيوز", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11", approximate=True
    )
    araby = ref(
        "c2",
        "العربي الجديد",
        2000,
        subject="عسكري",
        unit="عسكري",
        as_of="2021-12",
        bound="max",
        context="أن لا يتجاوز عدد القوات الأمريكية",
    )
    assert subject_key(jidar) == subject_key(araby) == "troops:USA"
    found = find_contradictions([jidar], [araby])
    assert len(found) == 1
    assert found[0].claims == ["c1", "c2"]
    assert "2500" in found[0].note and "2000" in found[0].note


def test_compatible_wording_is_not_a_contradiction():
    a = ref("c1", "أ", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11", approximate=True)
    b = ref("c2", "ب", 2400, subject="جندي أمريكي", unit="جندي", as_of="2023-08-09")
    assert find_contradictions([a], [b]) == []
    assert allowed_interval(a.claim) == (2250.0, 2750.0)


def test_different_subjects_or_periods_or_copies_are_not_compared():
    us = ref("c1", "أ", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    isis = ref("c2", "ب", 500, subject="عنصر من التنظيم", unit="عنصر", as_of="2023-08-11")
    old = ref("c3", "ج", 5000, subject="جندي أمريكي", unit="جندي", as_of="2019-01-01")
    assert subject_key(isis) is None  # whose militants? a figure with no country is not compared
    assert find_contradictions([us], [isis, old]) == []
    copy = ref("c4", "أ", 3000, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    assert find_contradictions([us], [copy]) == []  # same outlet
    other = ref("c5", "د", 3000, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    assert len(find_contradictions([us], [other])) == 1


def test_claims_must_be_about_the_same_matter():
    us = ref("c1", "أ", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    elsewhere = ref("c2", "ب", 900, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11", story="s-syria")
    assert find_contradictions([us], [elsewhere]) == []  # US troops of another story (Syria)

    def killed(cid, outlet, value, events):
        return ref(cid, outlet, value, subject="قتيل عراقي", unit="قتيل", as_of="2015-07-21", events=events)

    battle = killed("k1", "أ", 18, {"e-ramadi"})
    other_battle = killed("k2", "ب", 27, {"e-baiji"})
    same_battle = killed("k3", "ج", 40, {"e-ramadi"})
    assert subject_key(battle) == "killed:IRQ"
    assert find_contradictions([battle], [other_battle]) == []  # two battles, two tolls
    assert [c.claims for c in find_contradictions([battle], [same_battle])] == [["k1", "k3"]]
